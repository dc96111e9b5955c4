// Real tries through the block store: every block's state stays readable, whole and exact, while
// its nodes live in packs and checkpoints copy what the best state keeps under 'n', across forks,
// reorgs, rewinds and reopening the database (state-windows.ts, checkpoint-walk.ts).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlockStore, type BlockRef } from './block-store.js'
import { blake2, encodeHeader, Rng } from './block-store.fixtures.js'
import { GatedKV } from './gated-kv.testutil.js'
import type { KV } from './kv.js'
import { openLevelKV } from './level.js'
import { MemoryKV } from './memory.js'
import { COL, decodeMeta, encodeMeta, encodeVersion, metaKey, packKey, rootKey, VERSION_KEY } from './schema.js'
import { applyChanges, EMPTY_TRIE_ROOT, generateReadProof, trieHasherReady, TrieView, verifyReadProof } from './trie/index.js'

const dirs: string[] = []
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }) })
beforeAll(async () => { await trieHasherReady() })

type State = Map<string, string>

/** Keys that share prefixes at several depths, so blocks touch paths of shared branch nodes. */
const KEYS = Array.from({ length: 48 }, (_, i) => Uint8Array.of(i % 3, (i * 7) % 5, i, ...(i % 4 === 0 ? [9, 9, i] : [])))

function randomChanges(rng: Rng): [Uint8Array, Uint8Array | null][] {
  const out: [Uint8Array, Uint8Array | null][] = []
  for (let n = 1 + rng.int(6); n > 0; n--) {
    const key = KEYS[rng.int(KEYS.length)]!
    // Values past 32 bytes are stored by hash (V1): hashed values live in packs too.
    out.push([key, rng.int(5) === 0 ? null : rng.bytes(rng.int(3) === 0 ? 33 + rng.int(40) : 1 + rng.int(8))])
  }
  return out
}

function applied(state: State, changes: [Uint8Array, Uint8Array | null][]): State {
  const next = new Map(state)
  for (const [k, v] of changes) {
    if (v === null) next.delete(u8aToHex(k))
    else next.set(u8aToHex(k), u8aToHex(v))
  }
  return next
}

function stateOf(store: BlockStore, root: Uint8Array): State {
  const out: State = new Map()
  for (const [k, v] of new TrieView(store, root).entries(new Uint8Array(0))) out.set(u8aToHex(k), u8aToHex(v))
  return out
}

interface Block { ref: BlockRef; root: Uint8Array; state: State }

/** Genesis of random contents, stored: the first block. */
async function storeGenesis(store: BlockStore, rng: Rng): Promise<Block> {
  const changes = randomChanges(rng)
  const g = applyChanges(store, EMPTY_TRIE_ROOT, changes)
  const header = encodeHeader(new Uint8Array(32), 0, g.root, new Uint8Array(32), new Uint8Array(0))
  const hash = blake2(header)
  await store.initGenesis({ hash, header, stateRoot: g.root, trieNodes: g.newNodes })
  return { ref: { hash, number: 0 }, root: g.root, state: applied(new Map(), changes) }
}

/**
 * A child of `parent` with random changes, committed; `durable` is its commit. The parent's nodes
 * are read the way the chain reads them: through its state root. (`setBest` is asked after the
 * block's draws.)
 */
function commitChild(store: BlockStore, rng: Rng, parent: Block, setBest: () => boolean): { block: Block; durable: Promise<void> } {
  const changes = randomChanges(rng)
  const { root, newNodes } = applyChanges(store, parent.root, changes)
  const number = parent.ref.number + 1
  const header = encodeHeader(parent.ref.hash, number, root, new Uint8Array(32), rng.bytes(4))
  const hash = blake2(header)
  const durable = store.commitBlock({ hash, header, body: [], number, parentHash: parent.ref.hash, stateRoot: root, trieNodes: newNodes, setBest: setBest() })
  return { block: { ref: { hash, number }, root, state: applied(parent.state, changes) }, durable }
}

/** `n` blocks on the last of `blocks`, each made best and written before the next. */
async function extendBest(store: BlockStore, rng: Rng, blocks: Block[], n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const { block, durable } = commitChild(store, rng, blocks[blocks.length - 1]!, () => true)
    await durable
    blocks.push(block)
  }
}

async function run(seed: number, openKV: () => Promise<KV>, reopenable: boolean): Promise<void> {
  const rng = new Rng(seed)
  let kv = await openKV()
  // Checkpoints by block count, and some runs by the window's bytes as well (blocks here pack a few hundred bytes).
  const opts = { checkpointBlocks: 2 + rng.int(6), checkpointBytes: rng.int(2) === 0 ? 500 + rng.int(1_500) : undefined, nodeCacheSize: 16 }
  let store = await BlockStore.open(kv, opts)
  const blocks: Block[] = [await storeGenesis(store, rng)]
  const gHash = blocks[0]!.ref.hash
  const byHash = new Map<string, Block>([[u8aToHex(gHash), blocks[0]!]])
  const best = (): Block => byHash.get(u8aToHex(store.best().hash))!

  for (let step = 0; step < 120; step++) {
    const roll = rng.int(100)
    if (roll < 70 || roll < 85) {
      // A child of best (most steps), or of any block (a fork), made best or not.
      const onBest = roll < 70
      const parent = onBest ? best() : blocks[rng.int(blocks.length)]!
      const { block: b, durable } = commitChild(store, rng, parent, () => onBest || rng.int(2) === 0)
      await durable
      blocks.push(b)
      byHash.set(u8aToHex(b.ref.hash), b)
    } else if (roll < 92) {
      await store.setBest(blocks[rng.int(blocks.length)]!.ref.hash)
    } else if (roll < 96) {
      const to = blocks[rng.int(blocks.length)]!
      await store.rewind(to.ref.hash, gHash)
    } else if (reopenable) {
      await store.close()
      kv = await openKV()
      store = await BlockStore.open(kv, opts)
    }
  }
  const check = (): void => {
    for (const b of blocks) expect(stateOf(store, b.root), `state of #${b.ref.number}`).toEqual(b.state)
  }
  check()
  // A proof from a state in packs verifies against its root.
  const some = blocks[blocks.length - 1]!
  const proof = generateReadProof(store, some.root, KEYS.slice(0, 8))
  const read = verifyReadProof(some.root, proof, KEYS.slice(0, 8))
  for (const k of KEYS.slice(0, 8)) {
    const v = read.get(u8aToHex(k))
    expect(v === null || v === undefined ? null : u8aToHex(v)).toEqual(some.state.get(u8aToHex(k)) ?? null)
  }
  // The walk was exercised: checkpoints after genesis, whose windows stop later blocks' windows.
  expect(blocks.filter((b) => b.ref.number > 0 && store.getMeta(b.ref.hash)!.checkpoint).length).toBeGreaterThan(2)
  if (reopenable) {
    await store.close()
    store = await BlockStore.open(await openKV(), opts)
    check()
  }
  await store.close()
}

describe('state windows', () => {
  it('every block\'s state reads whole after forks, reorgs, rewinds and checkpoints (memory)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer(), async (seed) => {
      const kv = new MemoryKV()
      await run(seed, async () => kv, false)
    }), { numRuns: 25 })
  })

  it('and on LevelDB across reopening', async () => {
    await fc.assert(fc.asyncProperty(fc.integer(), async (seed) => {
      const dir = await mkdtemp(join(tmpdir(), 'state-windows-'))
      dirs.push(dir)
      await run(seed, () => openLevelKV(dir), true)
    }), { numRuns: 8 })
  })

  it('reads a version-1 database (every node under the node column) and carries it on with packs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'state-windows-v1-'))
    dirs.push(dir)
    let kv = await openLevelKV(dir)
    const rng = new Rng(7)
    const opts = { checkpointBlocks: 3 }
    let store = await BlockStore.open(kv, opts)
    const blocks: Block[] = [await storeGenesis(store, rng)]
    const extend = (): Promise<void> => extendBest(store, rng, blocks, 10)
    await extend()
    await store.close()
    kv = await openLevelKV(dir)
    // What version 1 wrote for these blocks: every node under 'n', no packs, meta flags 1.
    for (const b of blocks.slice(1)) {
      const pack = kv.getSync(packKey(b.ref.number, b.ref.hash))!
      for (let pos = 0; pos < pack.length;) {
        const n = new DataView(pack.buffer, pack.byteOffset + pos + 32, 4).getUint32(0, true)
        await kv.write([{ type: 'put', key: Uint8Array.of(COL.node, ...pack.subarray(pos, pos + 32)), value: pack.slice(pos + 36, pos + 36 + n) }])
        pos += 36 + n
      }
      const v1 = encodeMeta(decodeMeta(kv.getSync(metaKey(b.ref.hash))!))
      v1[v1.length - 1] = 1
      await kv.write([
        { type: 'del', key: packKey(b.ref.number, b.ref.hash) },
        { type: 'del', key: rootKey(b.root) },
        { type: 'put', key: metaKey(b.ref.hash), value: v1 },
      ])
    }
    await kv.write([{ type: 'put', key: VERSION_KEY, value: encodeVersion(1) }])
    store = await BlockStore.open(kv, opts)
    for (const b of blocks) expect(stateOf(store, b.root)).toEqual(b.state)
    await extend()
    await store.close()
    kv = await openLevelKV(dir)
    expect(kv.getSync(VERSION_KEY)).toEqual(encodeVersion(2))
    store = await BlockStore.open(kv, opts)
    for (const b of blocks) expect(stateOf(store, b.root), `#${b.ref.number}`).toEqual(b.state)
    expect(store.getMeta(blocks[15]!.ref.hash)).toMatchObject({ packed: true })
    expect(store.getMeta(blocks[5]!.ref.hash)).toMatchObject({ packed: false, checkpoint: true })
    await store.close()
  })
  it('reads the states of blocks whose checkpoint copies are still in batches not yet written', async () => {
    const kv = new GatedKV(new MemoryKV())
    const rng = new Rng(11)
    // Every block a checkpoint: a block's state is its own pack and what earlier ones copied under 'n'.
    const store = await BlockStore.open(kv, { checkpointBlocks: 1, nodeCacheSize: 16 })
    const blocks: Block[] = [await storeGenesis(store, rng)]
    kv.hold()
    const durable: Promise<void>[] = []
    for (let i = 0; i < 8; i++) {
      const child = commitChild(store, rng, blocks[blocks.length - 1]!, () => true)
      durable.push(child.durable)
      blocks.push(child.block)
    }
    expect(kv.written).toBe(1) // genesis only
    for (const b of blocks) expect(stateOf(store, b.root), `#${b.ref.number}`).toEqual(b.state)
    expect(blocks.slice(1).every((b) => store.getMeta(b.ref.hash)!.checkpoint)).toBe(true)
    kv.release()
    await Promise.all(durable)
    for (const b of blocks) expect(stateOf(store, b.root), `#${b.ref.number}`).toEqual(b.state)
    await store.close()
  })
  it('reads a recent block\'s state through the best window as the chain grows past it, loading no pack', async () => {
    const inner = new MemoryKV()
    let packReads = 0
    const kv: KV = Object.assign(Object.create(inner) as KV, {
      getSync: (k: Uint8Array): Uint8Array | undefined => { if (k[0] === COL.pack) packReads++; return inner.getSync(k) },
    })
    const rng = new Rng(5)
    // (a node cache of one: genesis's nodes, under 'n', are looked for past the windows each time)
    const store = await BlockStore.open(kv, { checkpointBlocks: 64, nodeCacheSize: 1 })
    const blocks: Block[] = [await storeGenesis(store, rng)]
    const extend = (n: number): Promise<void> => extendBest(store, rng, blocks, n)
    await extend(5)
    // A state a few blocks back, read once with best at #5 and again with best at #6 … #10.
    const old = blocks[2]!
    expect(stateOf(store, old.root)).toEqual(old.state)
    for (let i = 0; i < 5; i++) {
      await extend(1)
      expect(stateOf(store, old.root)).toEqual(old.state)
    }
    expect(packReads).toBe(0)
    await store.close()
  })
})

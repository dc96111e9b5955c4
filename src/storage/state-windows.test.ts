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
import type { KV } from './kv.js'
import { openLevelKV } from './level.js'
import { MemoryKV } from './memory.js'
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

async function run(seed: number, openKV: () => Promise<KV>, reopenable: boolean): Promise<void> {
  const rng = new Rng(seed)
  let kv = await openKV()
  const opts = { checkpointBlocks: 2 + rng.int(6), nodeCacheSize: 16 }
  let store = await BlockStore.open(kv, opts)
  const g0 = applyChanges(store, EMPTY_TRIE_ROOT, randomChanges(rng))
  const gHeader = encodeHeader(new Uint8Array(32), 0, g0.root, new Uint8Array(32), new Uint8Array(0))
  const gHash = blake2(gHeader)
  await store.initGenesis({ hash: gHash, header: gHeader, stateRoot: g0.root, trieNodes: g0.newNodes })
  const blocks: Block[] = [{ ref: { hash: gHash, number: 0 }, root: g0.root, state: applied(new Map(), []) }]
  blocks[0]!.state = stateOf(store, g0.root)
  const byHash = new Map<string, Block>([[u8aToHex(gHash), blocks[0]!]])
  const best = (): Block => byHash.get(u8aToHex(store.best().hash))!

  for (let step = 0; step < 120; step++) {
    const roll = rng.int(100)
    if (roll < 70 || roll < 85) {
      // A child of best (most steps), or of any block (a fork), made best or not.
      const onBest = roll < 70
      const parent = onBest ? best() : blocks[rng.int(blocks.length)]!
      const changes = randomChanges(rng)
      // The parent's nodes are read the way the chain reads them: through its state root.
      const { root, newNodes } = applyChanges(store, parent.root, changes)
      const number = parent.ref.number + 1
      const header = encodeHeader(parent.ref.hash, number, root, new Uint8Array(32), rng.bytes(4))
      const hash = blake2(header)
      await store.commitBlock({ hash, header, body: [], number, parentHash: parent.ref.hash, stateRoot: root, trieNodes: newNodes, setBest: onBest || rng.int(2) === 0 })
      const b = { ref: { hash, number }, root, state: applied(parent.state, changes) }
      blocks.push(b)
      byHash.set(u8aToHex(hash), b)
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
})

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { u8aToHex } from '@polkadot/util'
import { afterEach, describe, expect, it } from 'vitest'
import { BlockStore } from './block-store.js'
import { blake2, makeBlock, makeGenesis } from './block-store.fixtures.js'
import type { CommitBlockInput } from './block-store.js'
import { type KV, type KvOp, type KvRange } from './kv.js'
import { openLevelKV } from './level.js'
import { MemoryKV } from './memory.js'
import { TrieNodeSet } from './trie/node-set.js'
import { canonicalKey, encodeVersion, GENESIS_KEY, BEST_KEY, VERSION_KEY } from './schema.js'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'block-store-test-'))
  dirs.push(d)
  return d
}

/** Counts batches, to observe group commit, and trie node puts. */
class CountingKV implements KV {
  writes = 0
  nodePuts = 0
  constructor(readonly inner: KV) {}
  getSync(k: Uint8Array): Uint8Array | undefined { return this.inner.getSync(k) }
  get(k: Uint8Array): Promise<Uint8Array | undefined> { return this.inner.get(k) }
  iterate(o: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> { return this.inner.iterate(o) }
  close(): Promise<void> { return this.inner.close() }
  write(ops: KvOp[]): Promise<void> {
    this.writes++
    for (const op of ops) if (op.type === 'put' && op.key[0] === 'n'.charCodeAt(0)) this.nodePuts++
    return this.inner.write(ops)
  }
}

let saltCounter = 0
const salt = (): Uint8Array => Uint8Array.of(saltCounter >> 8, saltCounter++ & 0xff)
const node = (tag: number): Uint8Array => new Uint8Array(100).fill(tag)
const ref = (b: { hash: Uint8Array; number: number }): { hash: Uint8Array; number: number } => ({ hash: b.hash, number: b.number })
const child = (parent: { hash: Uint8Array; number: number }, nodes: Uint8Array[] = [node(saltCounter & 0xff)]): CommitBlockInput =>
  makeBlock(ref(parent), salt(), nodes, [Uint8Array.of(4, 1, 2, 3)])
const hx = (h: Uint8Array | undefined): string | undefined => (h === undefined ? undefined : u8aToHex(h))

async function countPrefix(kv: KV, tag: string): Promise<number> {
  const t = tag.charCodeAt(0)
  let n = 0
  for await (const _e of kv.iterate({ gte: Uint8Array.of(t), lt: Uint8Array.of(t + 1) })) n++
  return n
}

const backends: [string, () => Promise<KV>][] = [
  ['memory', async () => new MemoryKV()],
  ['level', async () => openLevelKV(await tempDir())],
]

describe.each(backends)('BlockStore on %s', (_name, openKV) => {
  async function fresh(): Promise<{ kv: KV; store: BlockStore; g: ReturnType<typeof makeGenesis> }> {
    const kv = await openKV()
    const store = await BlockStore.open(kv)
    const g = makeGenesis([node(200), node(201)])
    return { kv, store, g }
  }

  it('writes genesis once and refuses a different one', async () => {
    const { store, g } = await fresh()
    expect(store.initialized).toBe(false)
    expect(() => store.best()).toThrow(/initGenesis/)
    await expect(store.commitBlock(child({ hash: g.hash, number: 0 }))).rejects.toThrow(/initGenesis/)
    expect(await store.initGenesis(g)).toBe(true)
    for (const r of [store.best(), store.finalized(), store.genesis()]) expect(r).toEqual({ hash: g.hash, number: 0 })
    expect(hx(store.hashAt(0))).toBe(hx(g.hash))
    expect(store.getHeader(g.hash)).toEqual(g.header)
    expect(store.getBody(g.hash)).toEqual([])
    expect(store.getMeta(g.hash)).toEqual({ number: 0, parentHash: new Uint8Array(32), stateRoot: g.stateRoot, hasState: true, checkpoint: true, packed: false })
    for (const [h, n] of g.trieNodes) expect(store.getNode(blake2(n))).toEqual(n), expect(h).toBe(u8aToHex(blake2(n)))
    expect(await store.initGenesis(g)).toBe(false)
    const other = makeGenesis([node(99)])
    await expect(store.initGenesis(other)).rejects.toThrow(/already holds genesis .* but genesis .* was given/)
    await store.close()
  })

  it('commits a chain: canonical index, meta, body, nodes, children', async () => {
    const { kv, store, g } = await fresh()
    await store.initGenesis(g)
    const blocks: CommitBlockInput[] = []
    let parent = { hash: g.hash, number: 0 }
    for (let i = 0; i < 5; i++) {
      const b = { ...child(parent, [node(i), node(i + 50), node(i + 100)]), setBest: true }
      await store.commitBlock(b)
      blocks.push(b)
      parent = ref(b)
    }
    expect(store.best()).toEqual(ref(blocks[4]!))
    expect(store.finalized()).toEqual({ hash: g.hash, number: 0 })
    for (const b of blocks) {
      expect(hx(store.hashAt(b.number))).toBe(hx(b.hash))
      expect(store.getHeader(b.hash)).toEqual(b.header)
      expect(store.getBody(b.hash)).toEqual(b.body)
      expect(store.getMeta(b.hash)).toEqual({ number: b.number, parentHash: b.parentHash, stateRoot: b.stateRoot, hasState: true, checkpoint: false, packed: true })
      expect(store.isCanonical(b.hash)).toBe(true)
      for (const n of b.trieNodes.values()) expect(store.getNode(blake2(n))).toEqual(n)
      expect((await store.children(b.parentHash)).map(hx)).toEqual([hx(b.hash)])
    }
    expect(await store.children(blocks[4]!.hash)).toEqual([])
    expect(store.hashAt(6)).toBeUndefined()
    expect(store.hashAt(-1)).toBeUndefined()
    expect(store.hashAt(2 ** 32)).toBeUndefined()
    expect(store.hashAt(1.5)).toBeUndefined()
    expect(store.getNode(new Uint8Array(32))).toBeUndefined()
    expect(store.getHeader(new Uint8Array(32))).toBeUndefined()
    expect(store.hasBlock(new Uint8Array(32))).toBe(false)
    await store.flush()
    expect(await countPrefix(kv, 'c')).toBe(6)
    expect(await countPrefix(kv, 'h')).toBe(6)
    await store.close()
  })

  it('keeps two children of one parent and reorgs the canonical index both ways', async () => {
    const { kv, store, g } = await fresh()
    await store.initGenesis(g)
    const a1 = { ...child({ hash: g.hash, number: 0 }), setBest: true }
    const a2 = { ...child(a1), setBest: true }
    const a3 = { ...child(a2), setBest: true }
    const b2 = child(a1)
    const b3 = child(b2)
    const b4 = { ...child(b3), setBest: true }
    for (const b of [a1, a2, a3, b2, b3]) await store.commitBlock(b)
    expect(store.best()).toEqual(ref(a3))
    expect(new Set((await store.children(a1.hash)).map(hx))).toEqual(new Set([hx(a2.hash), hx(b2.hash)]))
    expect(store.isCanonical(b2.hash)).toBe(false)
    expect(hx(store.hashAt(2))).toBe(hx(a2.hash))

    await store.commitBlock(b4) // longer fork made best: 2..4 rewritten, 1 kept
    expect(store.best()).toEqual(ref(b4))
    expect([0, 1, 2, 3, 4].map((n) => hx(store.hashAt(n)))).toEqual([g, a1, b2, b3, b4].map((b) => hx(b.hash)))
    expect(store.isCanonical(a2.hash)).toBe(false)

    await store.setBest(a3.hash) // back to the shorter chain: entry 4 must go
    expect([0, 1, 2, 3].map((n) => hx(store.hashAt(n)))).toEqual([g, a1, a2, a3].map((b) => hx(b.hash)))
    expect(store.hashAt(4)).toBeUndefined()
    await store.setBest(a1.hash) // best may even move back to an ancestor
    expect(store.hashAt(2)).toBeUndefined()
    await store.flush()
    expect(await countPrefix(kv, 'c')).toBe(2)
    await store.setBest(b4.hash)
    await store.setBest(b4.hash) // no change, still resolves
    expect(hx(store.hashAt(4))).toBe(hx(b4.hash))
    await store.close()
  })

  it('finalizes: along best, onto a side fork (which becomes best), never backwards or across', async () => {
    const { store, g } = await fresh()
    await store.initGenesis(g)
    const a1 = { ...child({ hash: g.hash, number: 0 }), setBest: true }
    const a2 = { ...child(a1), setBest: true }
    const a3 = { ...child(a2), setBest: true }
    const b2 = child(a1)
    const b3 = child(b2)
    const c1 = child({ hash: g.hash, number: 0 })
    for (const b of [a1, a2, a3, b2, b3, c1]) await store.commitBlock(b)

    await store.setFinalized(a1.hash)
    expect(store.finalized()).toEqual(ref(a1))
    expect(store.best()).toEqual(ref(a3))

    // c1 forks below finalized: it can be neither built on nor made best nor finalized.
    await expect(store.commitBlock(child(c1))).rejects.toThrow(/does not build on finalized/)
    await expect(store.setBest(c1.hash)).rejects.toThrow(/does not descend from finalized/)
    await expect(store.setFinalized(c1.hash)).rejects.toThrow(/does not descend from finalized/)
    expect(store.best()).toEqual(ref(a3))

    await store.setFinalized(b3.hash) // not on best: best follows it
    expect(store.finalized()).toEqual(ref(b3))
    expect(store.best()).toEqual(ref(b3))
    expect([1, 2, 3].map((n) => hx(store.hashAt(n)))).toEqual([a1, b2, b3].map((b) => hx(b.hash)))
    await expect(store.setBest(a3.hash)).rejects.toThrow(/does not descend from finalized/)
    await expect(store.setFinalized(a2.hash)).rejects.toThrow(/finalized is already #3/)
    await expect(store.setFinalized(b2.hash)).rejects.toThrow(/finalized is already #3/)
    await store.setFinalized(b3.hash) // same block again: no-op
    expect(store.best()).toEqual(ref(b3))

    // A new block finalized on commit is best too; a block without flags leaves both alone.
    const b4 = { ...child(b3), setFinalized: true }
    await store.commitBlock(b4)
    expect(store.best()).toEqual(ref(b4))
    expect(store.finalized()).toEqual(ref(b4))
    const b5 = child(b4)
    await store.commitBlock(b5)
    expect(store.best()).toEqual(ref(b4))
    expect(store.hasBlock(b5.hash)).toBe(true)
    await store.close()
  })

  it('rejects bad blocks without writing anything', async () => {
    const { kv, store, g } = await fresh()
    await store.initGenesis(g)
    const a1 = child({ hash: g.hash, number: 0 })
    await expect(store.commitBlock({ ...a1, parentHash: new Uint8Array(32).fill(7) })).rejects.toThrow(/unknown parent/)
    await expect(store.commitBlock({ ...a1, number: 2 })).rejects.toThrow(/does not follow parent #0/)
    await expect(store.commitBlock({ ...a1, hash: new Uint8Array(31) })).rejects.toThrow(/32-byte/)
    const badExtra: KvOp = { type: 'put', key: Uint8Array.of(0x70, 0x3a), value: Uint8Array.of(1) } // 'p:'
    await expect(store.commitBlock({ ...a1, setBest: true, extra: [badExtra] })).rejects.toThrow(/block-store column/)
    await expect(store.setBest(a1.hash)).rejects.toThrow(/unknown block/)
    expect(store.hasBlock(a1.hash)).toBe(false)
    expect(store.best()).toEqual({ hash: g.hash, number: 0 })
    await store.flush()
    expect(await countPrefix(kv, 'h')).toBe(1)
    expect(await countPrefix(kv, 'k')).toBe(0)
    // A good extra op lands in the same batch as the block.
    const receipt: KvOp = { type: 'put', key: Uint8Array.of(0x78, 1), value: Uint8Array.of(42) }
    await store.commitBlock({ ...a1, setBest: true, extra: [receipt] })
    expect(kv.getSync(receipt.key)).toEqual(Uint8Array.of(42))
    await store.close()
  })

  it('pipelines unawaited commits: visible at once, durable in few batches, nodes safe from cache eviction', async () => {
    const kv = new CountingKV(await openKV())
    const store = await BlockStore.open(kv, { nodeCacheSize: 1, blockCacheSize: 1 })
    const g = makeGenesis()
    await store.initGenesis(g)
    const writesBefore = kv.writes
    const blocks: CommitBlockInput[] = []
    const done: Promise<void>[] = []
    let parent = { hash: g.hash, number: 0 }
    for (let i = 0; i < 50; i++) {
      const b = { ...child(parent, [node(i), Uint8Array.of(i, 1, 2)]), setBest: true, setFinalized: i % 10 === 9 }
      done.push(store.commitBlock(b))
      blocks.push(b)
      parent = ref(b)
      // Visible before the write: header, meta, canonical entry, pointers, every node so far.
      expect(store.best()).toEqual(ref(b))
      expect(hx(store.hashAt(b.number))).toBe(hx(b.hash))
      for (const x of blocks) for (const n of x.trieNodes.values()) expect(store.getNode(blake2(n))).toEqual(n)
    }
    expect(store.pendingKeys).toBeGreaterThan(0)
    expect(store.finalized()).toEqual(ref(blocks[49]!))
    expect((await store.children(blocks[10]!.hash)).map(hx)).toEqual([hx(blocks[11]!.hash)])
    await Promise.all(done)
    expect(store.pendingKeys).toBe(0)
    expect(kv.writes - writesBefore).toBeLessThan(10)
    for (const b of blocks) {
      expect(kv.getSync(canonicalKey(b.number))).toEqual(b.hash)
      expect(store.getHeader(b.hash)).toEqual(b.header)
    }
    await store.close()
  })

  it('stores a block\'s nodes as one pack, none of them under the node column', async () => {
    const kv = new CountingKV(await openKV())
    const store = await BlockStore.open(kv)
    const g = makeGenesis([node(1)])
    await store.initGenesis(g)
    const before = kv.nodePuts
    const twice = new TrieNodeSet()
    for (const n of [node(5), node(6), node(5)]) twice.add(blake2(n), n)
    const b1 = { ...child({ hash: g.hash, number: 0 }), trieNodes: twice, setBest: true }
    const again = new TrieNodeSet()
    for (const n of [node(6), node(7)]) again.add(blake2(n), n)
    const b2 = { ...child(b1), trieNodes: again, setBest: true }
    await Promise.all([store.commitBlock(b1), store.commitBlock(b2)])
    expect(kv.nodePuts - before).toBe(0)
    expect(await countPrefix(kv, 'P')).toBe(2)
    for (const n of [node(5), node(6), node(7)]) {
      expect(store.getNode(blake2(n))).toEqual(n)
      expect(kv.getSync(Uint8Array.of('n'.charCodeAt(0), ...blake2(n)))).toBeUndefined()
    }
    await store.close()
  })
})

describe('BlockStore on LevelDB across reopen', () => {
  it('keeps blocks, forks, pointers, canonical index and nodes after close and reopen', async () => {
    const dir = await tempDir()
    const g = makeGenesis([node(1)])
    let store = await BlockStore.open(await openLevelKV(dir))
    await store.initGenesis(g)
    const a1 = { ...child({ hash: g.hash, number: 0 }), setBest: true }
    const a2 = { ...child(a1), setBest: true }
    const b2 = { ...child(a1, [node(77), node(78)]) }
    const b3 = { ...child(b2), setBest: true }
    for (const b of [a1, a2, b2, b3]) await store.commitBlock(b)
    await store.setFinalized(b2.hash)
    await store.close()
    await expect(store.commitBlock(child(b3))).rejects.toThrow(/closed/)

    store = await BlockStore.open(await openLevelKV(dir))
    expect(store.best()).toEqual(ref(b3))
    expect(store.finalized()).toEqual(ref(b2))
    expect(store.genesis()).toEqual({ hash: g.hash, number: 0 })
    expect([0, 1, 2, 3].map((n) => hx(store.hashAt(n)))).toEqual([g, a1, b2, b3].map((b) => hx(b.hash)))
    for (const b of [a1, a2, b2, b3]) {
      expect(store.getHeader(b.hash)).toEqual(b.header)
      expect(store.getBody(b.hash)).toEqual(b.body)
      // a2 is off the best chain: its nodes are found through its state root.
      for (const n of b.trieNodes.values()) expect(store.getNode(blake2(n), b.stateRoot)).toEqual(n)
    }
    expect(store.getNode(blake2(a2.trieNodes.values().next().value!))).toBeUndefined()
    expect(new Set((await store.children(a1.hash)).map(hx))).toEqual(new Set([hx(a2.hash), hx(b2.hash)]))
    expect(await store.initGenesis(g)).toBe(false)
    // And it carries on from where it was.
    const b4 = { ...child(b3), setBest: true }
    await store.commitBlock(b4)
    expect(store.best()).toEqual(ref(b4))
    await store.close()
  })

  it('stores the trie\'s node lists (hash bytes, a repeated hash included) durably', async () => {
    const dir = await tempDir()
    const g = makeGenesis([node(1)])
    let store = await BlockStore.open(await openLevelKV(dir))
    await store.initGenesis(g)
    const nodes = new TrieNodeSet()
    for (const n of [node(5), node(6), node(5)]) nodes.add(blake2(n), n)
    const b1 = { ...child({ hash: g.hash, number: 0 }), trieNodes: nodes, setBest: true }
    await store.commitBlock(b1)
    expect(store.getNode(blake2(node(6)))).toEqual(node(6))
    await store.close()
    store = await BlockStore.open(await openLevelKV(dir))
    for (const n of [node(5), node(6)]) expect(store.getNode(blake2(n))).toEqual(n)
    expect(store.best()).toEqual(ref(b1))
    await store.close()
  })

  it('refuses a database with a dangling best pointer or another schema version', async () => {
    const dir = await tempDir()
    const g = makeGenesis()
    const store = await BlockStore.open(await openLevelKV(dir))
    await store.initGenesis(g)
    await store.close()

    let kv = await openLevelKV(dir)
    await kv.write([{ type: 'put', key: BEST_KEY, value: new Uint8Array(32).fill(9) }])
    await expect(BlockStore.open(kv)).rejects.toThrow(/corrupt database: best block .* has no meta/)
    await kv.write([{ type: 'put', key: BEST_KEY, value: g.hash }, { type: 'put', key: VERSION_KEY, value: encodeVersion(3) }])
    await expect(BlockStore.open(kv)).rejects.toThrow(/schema version 3 is not supported/)
    await kv.write([{ type: 'put', key: VERSION_KEY, value: encodeVersion(1) }, { type: 'del', key: GENESIS_KEY }])
    await expect(BlockStore.open(kv)).rejects.toThrow(/no genesis pointer/)
    await kv.close()
    kv = await openLevelKV(dir)
    await kv.write([{ type: 'put', key: GENESIS_KEY, value: g.hash }])
    expect((await BlockStore.open(kv)).genesis()).toEqual({ hash: g.hash, number: 0 })
    await kv.close()
  })
})

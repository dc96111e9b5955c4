// Property tests: incremental updates against from-scratch roots (two implementations), and the
// read API against a plain sorted map.
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  applyChanges,
  blake2_256,
  buildTrie,
  EMPTY_TRIE_ROOT,
  MemoryNodeStore,
  TrieCache,
  trieHasherReady,
  trieRoot,
  TrieView,
  type NodeReader,
} from './index.js'
import { naiveTrieRoot } from './naive-trie.testutil.js'
import { compareBytes } from './constants.js'
import { keyString } from '../kv.js'
import { toHex } from './hex.js'

type Change = [Uint8Array, Uint8Array | null]
type Model = Map<string, [Uint8Array, Uint8Array]>

// A small byte alphabet makes shared prefixes, prefix-of-another-key and single-nibble splits
// common, and keeps the key space small enough that deletes usually hit present keys. The long
// keys share long runs of zeros, giving partial keys of 63+ nibbles (multi-byte node headers).
const shortKeyArb = fc.uint8Array({ minLength: 0, maxLength: 4 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0xff][x % 4]!))
const longKeyArb = fc.uint8Array({ minLength: 28, maxLength: 40 }).map((k) => k.map((x) => (x < 200 ? 0 : [0x01, 0x10, 0xff][x % 3]!)))
const keyArb = fc.oneof({ weight: 4, arbitrary: shortKeyArb }, { weight: 1, arbitrary: longKeyArb })
const valueArb = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 8 }), fc.uint8Array({ minLength: 30, maxLength: 70 }))
const changeArb: fc.Arbitrary<Change> = fc.tuple(keyArb, fc.option(valueArb, { freq: 3 }))
const batchesArb = fc.array(fc.array(changeArb, { maxLength: 25 }), { minLength: 1, maxLength: 6 })

function sortedEntries(model: Model): [Uint8Array, Uint8Array][] {
  return [...model.values()].sort((a, b) => compareBytes(a[0], b[0]))
}

function applyToModel(model: Model, batch: Change[]): void {
  for (const [k, v] of batch) {
    if (v === null) model.delete(u8aToHex(k))
    else model.set(u8aToHex(k), [k, v])
  }
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  return key.length >= prefix.length && prefix.every((b, i) => key[i] === b)
}

beforeAll(async () => {
  await trieHasherReady()
})

/** A block's diff as the chain hands it over: a Map by latin1 key string, the last write of a key winning. */
function blockDiff(changes: readonly Change[]): Map<string, Uint8Array | null> {
  const diff = new Map<string, Uint8Array | null>()
  for (const [k, v] of changes) diff.set(keyString(k), v)
  return diff
}

/**
 * The same update made key by key (`a` into `plain`) and through a TrieCache (`b` into `cached`):
 * the same root, and the same new nodes but for unchanged ones re-encoded on the way (a delete
 * before a write may fold a branch that the write splits again), which each store holds already.
 * Then each store takes its update's nodes.
 */
function expectSameUpdate(plain: MemoryNodeStore, a: Update, cached: MemoryNodeStore, b: Update): void {
  expect(u8aToHex(b.root)).toBe(u8aToHex(a.root))
  for (const h of b.newNodes.keys()) if (!a.newNodes.has(h)) expect(cached.nodes.has(h)).toBe(true)
  for (const h of a.newNodes.keys()) if (!b.newNodes.has(h)) expect(plain.nodes.has(h)).toBe(true)
  plain.put(a.newNodes)
  cached.put(b.newNodes)
}

type Update = ReturnType<typeof applyChanges>

describe('applyChanges', () => {
  it('matches trieRoot and the naive builder after every batch, and old roots stay readable', () => {
    fc.assert(
      fc.property(batchesArb, fc.constantFrom<0 | 1>(0, 1), (batches, version) => {
        const store = new MemoryNodeStore()
        const model: Model = new Map()
        let root = EMPTY_TRIE_ROOT
        const history: [Uint8Array, [Uint8Array, Uint8Array][]][] = []
        for (const batch of batches) {
          const r = applyChanges(store, root, batch, version)
          store.put(r.newNodes)
          root = r.root
          applyToModel(model, batch)
          const entries = sortedEntries(model)
          expect(u8aToHex(root)).toBe(u8aToHex(trieRoot(entries, version)))
          expect(u8aToHex(root)).toBe(naiveTrieRoot(entries, version))
          history.push([root, entries])
        }
        for (const [oldRoot, entries] of history) {
          const view = new TrieView(store, oldRoot)
          expect([...view.entries(new Uint8Array(0))]).toEqual(entries)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('runs of keys under shared storage prefixes (as a runtime writes items) give trieRoot\'s root', () => {
    // Keys as a runtime writes them: a pallet prefix, an item prefix, a short map key; runs under
    // one prefix, rewrites, deletes and keys that are prefixes of others in between.
    const part = (n: number): fc.Arbitrary<Uint8Array> => fc.constantFrom(...[0, 1, 2].map((i) => new Uint8Array(n).fill(0x11 * (i + 1)).map((b, j) => (j === n - 1 ? b ^ i : b))))
    const suffix = fc.uint8Array({ minLength: 0, maxLength: 3 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0xff][x % 4]!))
    const key = fc.tuple(part(16), part(16), suffix).map(([a, b, c]) => Uint8Array.from([...a, ...b, ...c]))
    const run = fc.tuple(key, fc.array(fc.tuple(suffix, fc.option(valueArb, { freq: 5 })), { maxLength: 8 }))
      .map(([k, rest]) => rest.map(([s, v]): Change => [Uint8Array.from([...k.subarray(0, 32), ...s]), v]))
    const batches = fc.array(fc.array(run, { maxLength: 6 }).map((r) => r.flat()), { minLength: 1, maxLength: 5 })
    fc.assert(
      fc.property(batches, fc.constantFrom<0 | 1>(0, 1), (bs, version) => {
        const store = new MemoryNodeStore()
        const cache = new TrieCache(3, 4)
        const model: Model = new Map()
        let root = EMPTY_TRIE_ROOT
        for (const batch of bs) {
          const r = applyChanges(store, root, batch.map(([k, v]) => [keyString(k), v]), version, cache)
          store.put(r.newNodes)
          root = r.root
          applyToModel(model, batch)
          expect(u8aToHex(root)).toBe(u8aToHex(trieRoot(sortedEntries(model), version)))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a block diff (a Map of key strings, with a TrieCache: writes grouped by 32-byte prefix, or down remembered paths) gives the same roots and nodes as key by key, forks included', () => {
    // Items whose prefixes differ only in their last byte or two (branches inside the prefix),
    // keys of exactly 32 bytes (no group) and longer ones, rewrites of held values, deletes.
    const part = (n: number): fc.Arbitrary<Uint8Array> => fc.constantFrom(...[0, 1, 2].map((i) => new Uint8Array(n).fill(0x11 * (i + 1)).map((b, j) => (j === n - 1 ? b ^ i : b))))
    const suffix = fc.uint8Array({ minLength: 0, maxLength: 3 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0xff][x % 4]!))
    const prefix = fc.tuple(part(16), part(16)).map(([a, b]) => Uint8Array.from([...a, ...b]))
    const batch = fc.array(fc.tuple(prefix, fc.array(fc.tuple(suffix, fc.option(valueArb, { freq: 5 })), { maxLength: 10 })), { maxLength: 5 })
      .map((runs) => runs.flatMap(([p, rest]) => rest.map(([s, v]): Change => [Uint8Array.from([...p, ...s]), v])))
    // A cache of one root is edited in place, and keys written again go down the paths they took
    // before (key-paths.ts): most steps build on the newest state there, as a chain's blocks do.
    const maxRoots = fc.constantFrom(1, 3)
    const step = fc.tuple(fc.nat(), batch, fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.tuple(fc.nat(), valueArb), { maxLength: 6 }))
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), fc.constantFrom(1, 3, 6, Infinity), fc.constantFrom<0 | 1>(0, 1), maxRoots, (steps, depth, version, roots) => {
        const cache = new TrieCache(depth, roots)
        const plain = new MemoryNodeStore()
        const grouped = new MemoryNodeStore()
        const states: [Uint8Array, Model][] = [[EMPTY_TRIE_ROOT, new Map()]]
        for (const [pick, changes, rewrites, changed] of steps) {
          const at = pick % (states.length + 4)
          const [parent, parentModel] = states[Math.min(at, states.length - 1)]!
          // Writes of values keys already hold, and of other values to held keys, among the others.
          const held = [...parentModel.values()]
          const all: Change[] = [
            ...rewrites.filter(() => held.length > 0).map((i): Change => held[i % held.length]!),
            ...changed.filter(() => held.length > 0).map(([i, v]): Change => [held[i % held.length]![0], v]),
            ...changes,
          ]
          const diff = blockDiff(all)
          const a = applyChanges(plain, parent, [...diff], version)
          const b = applyChanges(grouped, parent, diff, version, cache)
          expectSameUpdate(plain, a, grouped, b)
          const model: Model = new Map(parentModel)
          applyToModel(model, all)
          expect(u8aToHex(a.root)).toBe(u8aToHex(trieRoot(sortedEntries(model), version)))
          states.push([a.root, model])
        }
        for (const [root, model] of states) {
          expect([...new TrieView(grouped, root).entries(new Uint8Array(0))]).toEqual(sortedEntries(model))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a chain of blocks rewriting the same keys on a cache of one root (leaves written in place) gives the roots and nodes of key by key, and values read through the kept trie stay as read', () => {
    // Keys under a few storage prefixes with short suffixes (inline leaves), rewritten block after
    // block with values of one length (as a runtime's per-subnet items), a few deletes and new keys.
    const prefixes = [0x11, 0x22, 0x23].map((b) => new Uint8Array(32).fill(b))
    const suffix = fc.array(fc.constantFrom(0x00, 0x01, 0x10), { maxLength: 2 })
    const key = fc.tuple(fc.nat(2), suffix).map(([p, s]) => Uint8Array.from([...prefixes[p]!, ...s]))
    const block = fc.array(fc.tuple(key, fc.option(fc.uint8Array({ minLength: 2, maxLength: 2 }), { freq: 12 })), { maxLength: 14 })
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 14 }), fc.constantFrom<0 | 1>(0, 1), (blocks, version) => {
        const cache = new TrieCache(Infinity, 1)
        const plain = new MemoryNodeStore()
        const kept = new MemoryNodeStore()
        const model: Model = new Map()
        let root = EMPTY_TRIE_ROOT
        const read: [Uint8Array, Uint8Array][] = []
        let last: Change[] = []
        for (const changes of blocks) {
          // The keys the last block wrote, read through the kept trie (the next block may write them again).
          for (const [k] of last) {
            const v = new TrieView(kept, root, true, cache).get(k)
            if (v !== null) read.push([v, v.slice()])
          }
          last = changes
          const diff = blockDiff(changes)
          const a = applyChanges(plain, root, [...diff].map(([k, v]): [Uint8Array, Uint8Array | null] => [Uint8Array.from(k, (c) => c.charCodeAt(0)), v]), version)
          const b = applyChanges(kept, root, diff, version, cache)
          expectSameUpdate(plain, a, kept, b)
          applyToModel(model, changes)
          root = b.root
          expect(u8aToHex(root)).toBe(u8aToHex(trieRoot(sortedEntries(model), version)))
          for (const [v, copy] of read) expect(v).toEqual(copy)
        }
        expect([...new TrieView(kept, root).entries(new Uint8Array(0))]).toEqual(sortedEntries(model))
      }),
      { numRuns: 300 },
    )
  })

  it('with a TrieCache and latin1 key strings, forks from any earlier root give the same roots and nodes as without', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.array(changeArb, { maxLength: 20 })), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(1, 2, 3, 4, 6, Infinity),
        fc.constantFrom<0 | 1>(0, 1),
        // The budget of gained nodes: none (the kept tries are dropped after every update), a few, unbounded.
        fc.constantFrom(0, 5, Infinity),
        (steps, depth, version, budget) => {
          // Each step builds on a randomly chosen earlier state, as sibling blocks would.
          const cache = new TrieCache(depth, 3, budget)
          const plain = new MemoryNodeStore()
          const cached = new MemoryNodeStore()
          const states: [Uint8Array, Model][] = [[EMPTY_TRIE_ROOT, new Map()]]
          for (const [pick, batch] of steps) {
            const [parent, parentModel] = states[pick % states.length]!
            const a = applyChanges(plain, parent, batch, version)
            const b = applyChanges(cached, parent, batch.map(([k, v]): [string, Uint8Array | null] => [keyString(k), v]), version, cache)
            plain.put(a.newNodes)
            cached.put(b.newNodes)
            expect(u8aToHex(b.root)).toBe(u8aToHex(a.root))
            expect([...b.newNodes.keys()].sort()).toEqual([...a.newNodes.keys()].sort())
            const model: Model = new Map(parentModel)
            applyToModel(model, batch)
            expect(u8aToHex(a.root)).toBe(u8aToHex(trieRoot(sortedEntries(model), version)))
            states.push([a.root, model])
          }
          // Every state is fully readable from what the cached run persisted.
          for (const [root, model] of states) {
            expect([...new TrieView(cached, root).entries(new Uint8Array(0))]).toEqual(sortedEntries(model))
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('writes of the value a key already holds (and deletes of absent keys) change nothing: same root and nodes as without them', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 25 }), fc.array(changeArb, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom<0 | 1>(0, 1), (first, batch, rewrites, version) => {
        const store = new MemoryNodeStore()
        const base = applyChanges(store, EMPTY_TRIE_ROOT, first, version)
        store.put(base.newNodes)
        const model: Model = new Map()
        applyToModel(model, first)
        // Some present keys written again with their values (fresh copies), some absent ones deleted.
        const held = [...model.values()]
        const noops: Change[] = held.length === 0 ? [] : rewrites.map((i) => { const [k, v] = held[i % held.length]!; return [k.slice(), v.slice()] })
        noops.push([Uint8Array.of(0xab, 0xcd, 0xef), null])
        // Placed first, so the batch's own writes of the same keys still win.
        const withNoops = applyChanges(store, base.root, [...noops, ...batch], version)
        const without = applyChanges(store, base.root, batch, version)
        expect(u8aToHex(withNoops.root)).toBe(u8aToHex(without.root))
        expect([...withNoops.newNodes.keys()].sort()).toEqual([...without.newNodes.keys()].sort())
      }),
      { numRuns: 300 },
    )
  })

  it('a V1 hashed value written again in V0 is re-encoded inline (not a no-op)', () => {
    const store = new MemoryNodeStore()
    const big = new Uint8Array(40).fill(9)
    const r1 = applyChanges(store, EMPTY_TRIE_ROOT, [[Uint8Array.of(1), big], [Uint8Array.of(2), Uint8Array.of(2)]], 1)
    store.put(r1.newNodes)
    expect(applyChanges(store, r1.root, [[Uint8Array.of(1), big.slice()]], 1).root).toEqual(r1.root)
    const v0 = applyChanges(store, r1.root, [[Uint8Array.of(1), big.slice()]], 0)
    expect(v0.root).not.toEqual(r1.root)
    expect(u8aToHex(v0.root)).toBe(u8aToHex(trieRoot([[Uint8Array.of(1), big], [Uint8Array.of(2), Uint8Array.of(2)]], 0)))
  })

  it('emptying the trie gives the empty root; no changes keeps the root', () => {
    const store = new MemoryNodeStore()
    const keys = [Uint8Array.of(1), Uint8Array.of(1, 2), Uint8Array.of(2), new Uint8Array(0)]
    const r1 = applyChanges(store, EMPTY_TRIE_ROOT, keys.map((k): Change => [k, new Uint8Array(40).fill(k.length)]))
    store.put(r1.newNodes)
    expect(applyChanges(store, r1.root, []).root).toEqual(r1.root)
    const r2 = applyChanges(store, r1.root, keys.map((k): Change => [k, null]))
    expect(r2.root).toEqual(EMPTY_TRIE_ROOT)
    expect(r2.newNodes.size).toBe(0)
  })

  it('persists hashed values and only nodes of >= 32 bytes (plus the root)', () => {
    const store = new MemoryNodeStore()
    const big = new Uint8Array(33).fill(7)
    const r = applyChanges(store, EMPTY_TRIE_ROOT, [
      [Uint8Array.of(0x10), Uint8Array.of(1)],
      [Uint8Array.of(0x20), Uint8Array.of(2)],
      [Uint8Array.of(0x30), big],
    ])
    // Leaves 0x10 and 0x20 encode to 4 bytes (header, 1-nibble partial, value) and are inlined.
    // The hashed-value leaf is 1 + 1 + 32 = 34 bytes, so stored. Root branch: header, bitmap,
    // two inline children (1 + 4 each), one hash child (1 + 32).
    const sizes = [...r.newNodes.values()].map((n) => n.length).sort((a, b) => a - b)
    expect(sizes).toEqual([33, 34, 1 + 2 + 5 + 5 + 33])
    expect(r.newNodes.get(u8aToHex(blake2_256(big)))).toEqual(big)
  })

  it('touches only the paths of changed keys', () => {
    // 20k random 32-byte keys; a counting store shows reads and writes scale with the change set.
    let seed = 12345
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed >>> 24
    }
    const entries: [Uint8Array, Uint8Array][] = []
    for (let i = 0; i < 20_000; i++) entries.push([Uint8Array.from({ length: 32 }, rnd), Uint8Array.from({ length: 8 }, rnd)])
    const { root, nodes } = buildTrie(entries)
    const base = new MemoryNodeStore()
    base.put(nodes)
    let reads = 0
    const counting: NodeReader = {
      getNode: (h) => {
        reads++
        return base.getNode(h)
      },
    }
    const changes: Change[] = entries.slice(0, 10).map(([k]): Change => [k, Uint8Array.of(9)])
    const r = applyChanges(counting, root, changes)
    // Depth of a 20k random-key trie is ~4-5 levels; allow 6 reads and writes per changed key.
    expect(reads).toBeLessThanOrEqual(60)
    expect(r.newNodes.size).toBeLessThanOrEqual(60)
    const expected = trieRoot(entries.map(([k, v], i): [Uint8Array, Uint8Array] => [k, i < 10 ? Uint8Array.of(9) : v]))
    expect(u8aToHex(r.root)).toBe(u8aToHex(expected))
  })

  it('a TrieCache keeps the newest trie decoded until it has gained more nodes than its budget, then drops it', () => {
    const value = (i: number): Uint8Array => new Uint8Array(40).fill(i)
    const keys = Array.from({ length: 40 }, (_, i) => keyString(Uint8Array.of(i >> 4, i & 15, 7)))
    // Each update, counted: the node reads it makes from the store.
    const run = (budget: number): number[] => {
      const store = new MemoryNodeStore()
      let reads = 0
      const counting = { getNode: (h: Uint8Array) => { reads++; return store.getNode(h) } }
      const cache = new TrieCache(Infinity, 1, budget)
      let root = EMPTY_TRIE_ROOT
      const out: number[] = []
      for (let step = 0; step < 3; step++) {
        reads = 0
        // 40 stored leaves (40-byte values) under branches: well over 30 gained nodes in the first update.
        const r = applyChanges(counting, root, new Map(keys.map((k) => [k, value(step)])), 1, cache)
        store.put(r.newNodes)
        root = r.root
        out.push(reads)
        expect(cache.take(toHex(root)) !== undefined).toBe(budget === Infinity)
      }
      return out
    }
    // Kept: the later updates start from the decoded trie and read nothing.
    expect(run(Infinity)).toEqual([0, 0, 0])
    // Dropped after each update: the later ones load the changed paths again.
    const dropped = run(30)
    expect(dropped[0]).toBe(0)
    expect(dropped[1]).toBeGreaterThan(0)
  })

  it('reports a missing node', () => {
    const { root } = buildTrie([[Uint8Array.of(1), new Uint8Array(40)]])
    expect(() => applyChanges(new MemoryNodeStore(), root, [[Uint8Array.of(2), Uint8Array.of(1)]])).toThrow(/not in the store/)
  })
})

describe('TrieView', () => {
  const modelArb = fc.array(fc.tuple(keyArb, valueArb), { maxLength: 40 })
  const probeArb = fc.array(keyArb, { maxLength: 15 })

  it('get / nextKey / entries / keys agree with a sorted map', () => {
    fc.assert(
      fc.property(modelArb, probeArb, fc.constantFrom<0 | 1>(0, 1), (pairs, probes, version) => {
        const model: Model = new Map()
        applyToModel(model, pairs)
        const sorted = sortedEntries(model)
        const store = new MemoryNodeStore()
        const r = applyChanges(store, EMPTY_TRIE_ROOT, pairs, version)
        store.put(r.newNodes)
        const view = new TrieView(store, r.root)
        const allProbes = [...probes, ...sorted.map(([k]) => k), new Uint8Array(0)]
        for (const p of allProbes) {
          expect(view.get(p)).toEqual(model.get(u8aToHex(p))?.[1] ?? null)
          const next = sorted.find(([k]) => compareBytes(k, p) > 0)
          expect(view.nextKey(p)).toEqual(next?.[0] ?? null)
          for (const after of [undefined, ...probes.slice(0, 3)]) {
            const want = sorted.filter(([k]) => startsWith(k, p) && (after === undefined || compareBytes(k, after) > 0))
            expect([...view.entries(p, after)]).toEqual(want)
            expect([...view.keys(p, after)]).toEqual(want.map(([k]) => k))
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('iterates lazily', () => {
    const store = new MemoryNodeStore()
    const r = applyChanges(store, EMPTY_TRIE_ROOT, [
      [Uint8Array.of(1), Uint8Array.of(1)],
      [Uint8Array.of(2), Uint8Array.of(2)],
    ])
    store.put(r.newNodes)
    const it = new TrieView(store, r.root).entries(new Uint8Array(0))[Symbol.iterator]()
    expect(it.next().value).toEqual([Uint8Array.of(1), Uint8Array.of(1)])
    expect(it.next().value).toEqual([Uint8Array.of(2), Uint8Array.of(2)])
    expect(it.next().done).toBe(true)
  })

  it('works on the empty root without a stored node', () => {
    const view = new TrieView(new MemoryNodeStore(), EMPTY_TRIE_ROOT)
    expect(view.get(Uint8Array.of(1))).toBeNull()
    expect(view.nextKey(new Uint8Array(0))).toBeNull()
    expect([...view.entries(new Uint8Array(0))]).toEqual([])
  })
})

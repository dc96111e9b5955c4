// The block builder's reads through a TrieCache's kept trie (kept-read.ts): they answer as a plain
// walk from the store does, and the updates after them give the same roots and nodes as without them.
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { applyChanges, EMPTY_TRIE_ROOT, MemoryNodeStore, TrieCache, trieHasherReady, TrieView } from './index.js'

type Change = [Uint8Array, Uint8Array | null]

/** Keys over a small alphabet (shared prefixes, one key a prefix of another), some long. */
const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 4 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0xff][x % 4]!)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 28, maxLength: 40 }).map((k) => k.map((x) => (x < 200 ? 0 : [0x01, 0x10, 0xff][x % 3]!))) },
)
const valueArb = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 8 }), fc.uint8Array({ minLength: 30, maxLength: 70 }))
const changeArb: fc.Arbitrary<Change> = fc.tuple(keyArb, fc.option(valueArb, { freq: 3 }))

/** A node store counting its lookups. */
class CountingStore extends MemoryNodeStore {
  reads = 0
  override getNode(hash: Uint8Array): Uint8Array | undefined {
    this.reads++
    return super.getNode(hash)
  }
}

beforeAll(async () => {
  await trieHasherReady()
})

describe('reads through a kept trie', () => {
  it('answer as the store walk does, and the updates after them give the same roots and nodes as without reads', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(changeArb, { maxLength: 20 }), fc.array(keyArb, { maxLength: 12 })), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(1, 2, 3, 4, 6),
        fc.constantFrom<0 | 1>(0, 1),
        (steps, depth, version) => {
          const cache = new TrieCache(depth, 1)
          const read = new MemoryNodeStore()
          const plain = new MemoryNodeStore()
          let rootRead = EMPTY_TRIE_ROOT
          let rootPlain = EMPTY_TRIE_ROOT
          const model = new Map<string, Uint8Array>()
          for (const [batch, probes] of steps) {
            // Read (before the block's update, as a block does) through the kept trie.
            const view = new TrieView(read, rootRead, false, cache)
            const plainView = new TrieView(plain, rootPlain)
            for (const k of [...probes, ...batch.map(([k]) => k)]) {
              const want = model.get(u8aToHex(k)) ?? null
              expect(view.get(k)).toEqual(want)
              expect(plainView.get(k)).toEqual(want)
            }
            const a = applyChanges(plain, rootPlain, batch, version)
            const b = applyChanges(read, rootRead, batch, version, cache)
            plain.put(a.newNodes)
            read.put(b.newNodes)
            expect(u8aToHex(b.root)).toBe(u8aToHex(a.root))
            expect([...b.newNodes.keys()].sort()).toEqual([...a.newNodes.keys()].sort())
            rootRead = b.root
            rootPlain = a.root
            for (const [k, v] of batch) { if (v === null) model.delete(u8aToHex(k)); else model.set(u8aToHex(k), v) }
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a read loads the nodes of its path once, for itself and the update after it', () => {
    const keys = Array.from({ length: 400 }, (_, i) => Uint8Array.of(i >> 8, i & 0xff, 9, 9, 9, 9))
    const store = new CountingStore()
    const cache = new TrieCache(6, 1)
    const first = applyChanges(store, EMPTY_TRIE_ROOT, keys.map((k, i): Change => [k, Uint8Array.of(i >> 8, i & 0xff, 3)]), 1, cache)
    store.put(first.newNodes)
    // A fresh cache knows nothing of the trie: the first update of a key loads its path.
    const fresh = new TrieCache(6, 1)
    applyChanges(store, first.root, [], 1, fresh)
    const absent = Uint8Array.of(1, 0xa0, 9, 9, 9, 9) // (key 416: not among the 400)
    const view = new TrieView(store, first.root, false, fresh)
    store.reads = 0
    expect(view.get(absent)).toBeNull()
    const byRead = store.reads
    expect(byRead).toBeGreaterThan(0)
    store.reads = 0
    expect(view.get(absent)).toBeNull()
    expect(store.reads).toBe(0)
    // The update writing that key walks the path the read linked.
    store.reads = 0
    const next = applyChanges(store, first.root, [[absent, Uint8Array.of(7)]], 1, fresh)
    expect(store.reads).toBe(0)
    // The same update without the read loads the path itself.
    const cold = new TrieCache(6, 1)
    applyChanges(store, first.root, [], 1, cold)
    store.reads = 0
    expect(u8aToHex(applyChanges(store, first.root, [[absent, Uint8Array.of(7)]], 1, cold).root)).toBe(u8aToHex(next.root))
    expect(store.reads).toBe(byRead)
  })
})

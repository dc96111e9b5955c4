// A TrieView whose walks share their decodings within the view ('view' memo, the block builder's):
// it reads what a plain sorted map holds, and a node is fetched from the store once per view.
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { applyChanges, EMPTY_TRIE_ROOT, MemoryNodeStore, trieHasherReady, TrieView } from './index.js'

/** Keys over a small alphabet (shared prefixes, one key a prefix of another), some long. */
const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 4 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0xff][x % 4]!)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 28, maxLength: 40 }).map((k) => k.map((x) => (x < 200 ? 0 : [0x01, 0x10, 0xff][x % 3]!))) },
)
const valueArb = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 8 }), fc.uint8Array({ minLength: 30, maxLength: 70 }))

/** A node store counting the fetches of each hash. */
class CountingStore extends MemoryNodeStore {
  readonly fetches = new Map<string, number>()
  override getNode(hash: Uint8Array): Uint8Array | undefined {
    const h = u8aToHex(hash)
    this.fetches.set(h, (this.fetches.get(h) ?? 0) + 1)
    return super.getNode(hash)
  }
}

beforeAll(async () => {
  await trieHasherReady()
})

describe("TrieView with the 'view' memo", () => {
  it('reads every key (present or absent) as the model holds it, any order, any number of times; V0 and V1', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, valueArb), { maxLength: 60 }), fc.array(keyArb, { maxLength: 20 }), fc.constantFrom<0 | 1>(0, 1), (pairs, probes, version) => {
        const model = new Map<string, Uint8Array>()
        for (const [k, v] of pairs) model.set(u8aToHex(k), v)
        const store = new MemoryNodeStore()
        const r = applyChanges(store, EMPTY_TRIE_ROOT, pairs, version)
        store.put(r.newNodes)
        const view = new TrieView(store, r.root, 'view')
        const shared = new TrieView(store, r.root)
        const keys = [...probes, ...pairs.map(([k]) => k), ...probes]
        for (const k of keys) {
          expect(view.get(k)).toEqual(model.get(u8aToHex(k)) ?? null)
          expect(shared.get(k)).toEqual(view.get(k))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('fetches each node once per view (V0 values inline), and a new view fetches again', () => {
    // (distinct values: no two subtrees are the same node)
    const pairs: [Uint8Array, Uint8Array][] = Array.from({ length: 300 }, (_, i) => [Uint8Array.of(i >> 8, i & 0xff, 7, 7, 7, 7, 7, 7), Uint8Array.of(i >> 8, i & 0xff, 1, 2)])
    const store = new CountingStore()
    const r = applyChanges(store, EMPTY_TRIE_ROOT, pairs, 0)
    store.put(r.newNodes)
    store.fetches.clear()
    const absent = pairs.map(([k]) => Uint8Array.of(...k.subarray(0, 7), 8))
    const view = new TrieView(store, r.root, 'view')
    for (let pass = 0; pass < 3; pass++) {
      for (const [k, v] of pairs) expect(view.get(k)).toEqual(v)
      for (const k of absent) expect(view.get(k)).toBeNull()
    }
    expect(store.fetches.size).toBeGreaterThan(1)
    expect([...store.fetches.values()].every((n) => n === 1)).toBe(true)
    const again = new TrieView(store, r.root, 'view')
    expect(again.get(pairs[0]![0])).toEqual(pairs[0]![1])
    expect(store.fetches.get(u8aToHex(r.root))).toBe(2)
  })
})

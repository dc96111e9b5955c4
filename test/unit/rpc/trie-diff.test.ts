// diffTries against the difference of the key/value maps the two tries were built from.
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { diffTries } from '../../../src/rpc/methods/trie-diff.js'
import { applyChanges, EMPTY_TRIE_ROOT, MemoryNodeStore, trieHasherReady } from '../../../src/storage/trie/index.js'

type Change = [Uint8Array, Uint8Array | null]

// Few distinct key bytes: shared prefixes, keys that prefix other keys, and branch restructuring
// (splits and merges) are all common. Values long enough to be stored by hash (V1) appear too.
const keyArb = fc.uint8Array({ minLength: 0, maxLength: 4 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0xff][x % 4]!))
const valueArb = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 6 }), fc.uint8Array({ minLength: 33, maxLength: 50 }))
const batchArb = fc.array(fc.tuple(keyArb, fc.option(valueArb, { freq: 3 })), { maxLength: 30 })

function expected(before: Map<string, string>, after: Map<string, string>): [string, string | null][] {
  const out: [string, string | null][] = []
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(k)
    const b = after.get(k)
    if (a !== b) out.push([k, b ?? null])
  }
  return out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
}

function apply(store: MemoryNodeStore, root: Uint8Array, model: Map<string, string>, batch: Change[]): Uint8Array {
  for (const [k, v] of batch) {
    if (v === null) model.delete(u8aToHex(k))
    else model.set(u8aToHex(k), u8aToHex(v))
  }
  const r = applyChanges(store, root, batch)
  store.put(r.newNodes)
  return r.root
}

describe('diffTries', () => {
  beforeAll(async () => {
    await trieHasherReady()
  })

  it('reports exactly the keys whose values differ, in key order', () => {
    fc.assert(
      fc.property(batchArb, batchArb, (first, second) => {
        const store = new MemoryNodeStore()
        const model = new Map<string, string>()
        const r1 = apply(store, EMPTY_TRIE_ROOT, model, first)
        const before = new Map(model)
        const r2 = apply(store, r1, model, second)
        const got = diffTries(store, r1, r2).map(([k, v]): [string, string | null] => [u8aToHex(k), v === null ? null : u8aToHex(v)])
        expect(got).toEqual(expected(before, model))
        // And backwards: the same keys, with the old values (null where the key was added).
        const back = diffTries(store, r2, r1).map(([k, v]): [string, string | null] => [u8aToHex(k), v === null ? null : u8aToHex(v)])
        expect(back).toEqual(expected(model, before))
      }),
      { numRuns: 300 },
    )
  })

  it('is empty for equal roots and complete against the empty trie', () => {
    const store = new MemoryNodeStore()
    const model = new Map<string, string>()
    const root = apply(store, EMPTY_TRIE_ROOT, model, [[new Uint8Array([1, 2]), new Uint8Array([9])], [new Uint8Array([1]), new Uint8Array(40).fill(7)]])
    expect(diffTries(store, root, root)).toEqual([])
    const all = diffTries(store, EMPTY_TRIE_ROOT, root).map(([k]) => u8aToHex(k))
    expect(all).toEqual(['0x01', '0x0102'])
  })
})

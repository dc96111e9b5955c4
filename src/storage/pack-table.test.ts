import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodePack } from './node-pack.js'
import { PackTable } from './pack-table.js'

/** A hash from a small id: ids share their first bytes often (probe chains), never all 32. */
const hashOf = (id: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i < 2 ? id & 0x3 : i === 31 ? id : i === 30 ? id >> 8 : 7))
const nodeOf = (id: number, variant: number): Uint8Array => Uint8Array.from({ length: 1 + ((id * 7 + variant) % 90) }, (_, i) => (id + i + variant) & 0xff)

describe('PackTable', () => {
  // Packs are indexed when a lookup first needs them (lazily, in the order they were added), into
  // a table made for `expected` nodes that grows as needed: the lookups answer as a map filled
  // pack by pack, where a hash held already keeps its first node.
  it('finds every node of its packs, the first of equal hashes, however lookups and adds interleave', () => {
    const pack = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 3 })), { maxLength: 80 })
    const step = fc.oneof(pack.map((p) => ({ add: p })), fc.integer({ min: 0, max: 600 }).map((id) => ({ get: id })))
    fc.assert(fc.property(fc.array(step, { maxLength: 30 }), fc.integer({ min: 0, max: 2_000 }), (steps, expected) => {
      const table = new PackTable(expected)
      const model = new Map<number, Uint8Array>()
      let bytes = 0
      for (const s of steps) {
        if ('add' in s) {
          const packed = encodePack(s.add.map(([id]) => hashOf(id)), s.add.map(([id, v]) => nodeOf(id, v)))
          table.addPack(packed)
          bytes += packed.length
          for (const [id, v] of s.add) if (!model.has(id)) model.set(id, nodeOf(id, v))
        } else {
          expect(table.get(hashOf(s.get))).toEqual(model.get(s.get))
        }
      }
      expect(table.bytes).toBe(bytes)
      expect(table.size).toBe(model.size)
      for (const [id, node] of model) expect(table.get(hashOf(id))).toEqual(node)
    }), { numRuns: 150 })
  })

  it('refuses a truncated pack when it is added', () => {
    const packed = encodePack([hashOf(1), hashOf(2)], [nodeOf(1, 0), nodeOf(2, 0)])
    const table = new PackTable()
    expect(() => table.addPack(packed.subarray(0, packed.length - 1))).toThrow(/truncated node/)
    expect(() => table.addPack(packed.subarray(0, 20))).toThrow(/truncated entry header/)
    expect(table.packCount).toBe(0)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RecentNodes } from './recent-nodes.js'

/** Hash number i: groups of four share their first 30 bits (probe chains), differing only in the last byte. */
function hashOf(i: number): Uint8Array {
  const h = new Uint8Array(32)
  const group = i >> 2
  h[0] = group & 0xff
  h[1] = (group >> 8) & 0xff
  h[3] = 0xc0 // bits outside the 30 the table uses
  h[31] = i & 3
  return h
}

/** The reference: two generations as Maps, swapped as the table's are. */
class Model {
  young = new Map<number, number>()
  old = new Map<number, number>()
  constructor(readonly capacity: number) {}
  get(i: number): number | undefined { return this.young.get(i) ?? this.old.get(i) }
  add(i: number, node: number): boolean {
    if (this.young.has(i) || this.old.has(i)) return false
    if (this.young.size >= this.capacity) { this.old = this.young; this.young = new Map() }
    this.young.set(i, node)
    return true
  }
}

describe('RecentNodes', () => {
  it('adds, finds and forgets as two generations of `capacity` nodes do', () => {
    const step = fc.oneof(
      fc.record({ add: fc.constant(true), i: fc.integer({ min: 0, max: 63 }), node: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ add: fc.constant(false), i: fc.integer({ min: 0, max: 63 }), node: fc.constant(0) }),
    )
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.array(step, { maxLength: 200 }), (capacity, steps) => {
      const table = new RecentNodes(capacity)
      const model = new Model(capacity)
      for (const s of steps) {
        if (s.add) expect(table.add(hashOf(s.i), Uint8Array.of(s.node))).toBe(model.add(s.i, s.node))
        const want = model.get(s.i)
        expect(table.get(hashOf(s.i))).toEqual(want === undefined ? undefined : Uint8Array.of(want))
        expect(table.size).toBe(model.young.size + model.old.size)
      }
      for (let i = 0; i < 64; i++) {
        const want = model.get(i)
        expect(table.get(hashOf(i))).toEqual(want === undefined ? undefined : Uint8Array.of(want))
      }
    }), { numRuns: 300 })
  })

  it('takes only 32-byte hashes', () => {
    const table = new RecentNodes(4)
    expect(table.get(new Uint8Array(31))).toBeUndefined()
    expect(() => table.add(new Uint8Array(33), Uint8Array.of(1))).toThrow()
  })
})

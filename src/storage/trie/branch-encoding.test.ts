import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeBranchKept, encodeNodeKept } from './codec.js'

describe('encodeBranchKept', () => {
  // The update's commit encodes a branch from the references it gathered, with their bitmap and
  // byte count summed on the way: the bytes must be encodeNodeKept's.
  it('encodes a branch as encodeNodeKept does', () => {
    const ref = fc.oneof(fc.constant(null), fc.uint8Array({ minLength: 1, maxLength: 31 }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
    const value = fc.oneof(
      fc.constant({ value: null, hashed: false }),
      fc.uint8Array({ maxLength: 80 }).map((v) => ({ value: v as Uint8Array | null, hashed: false })),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((v) => ({ value: v as Uint8Array | null, hashed: true })),
    )
    // Partial keys up to 300 nibbles: headers with continuation bytes.
    const nibbles = fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 300 }).map((n) => Uint8Array.from(n))
    fc.assert(fc.property(nibbles, value, fc.array(ref, { minLength: 16, maxLength: 16 }), (partial, v, refs) => {
      if (refs.every((r) => r === null)) (refs as (Uint8Array | null)[])[partial.length % 16] = Uint8Array.of(1, 2, 3)
      let bitmap = 0
      let refBytes = 0
      refs.forEach((r, i) => {
        if (r === null) return
        bitmap |= 1 << i
        refBytes += 1 + r.length
      })
      const expected = Uint8Array.from(encodeNodeKept(partial, v.value, v.hashed, refs))
      expect(Uint8Array.from(encodeBranchKept(partial, v.value, v.hashed, refs, bitmap, refBytes))).toEqual(expected)
    }), { numRuns: 500 })
  })

  it('refuses a branch without children', () => {
    expect(() => encodeBranchKept(Uint8Array.of(1), null, false, new Array(16).fill(null), 0, 0)).toThrow(/without children/)
  })
})

// fast-fx's number arithmetic against the bigint definitions of I32F32 multiply (floor toward −∞)
// and safe_div (floor; 0 on a zero divisor or when the quotient overflows), over the ranges the
// epoch uses: both the exact-product and the limb paths, both division paths.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { div, mul } from './fast-fx.js'

const floorDiv = (a: bigint, b: bigint): bigint => { const q = a / b; return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q }
const big = fc.oneof(fc.integer({ min: 0, max: 2 ** 21 }), fc.double({ min: 0, max: 2 ** 37 - 1, noNaN: true }).map(Math.floor))
const small = fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.double({ min: 0, max: 2 ** 33, noNaN: true }).map(Math.floor), fc.constant(2 ** 37 - 1))

describe('fast-fx', () => {
  it('mul equals floor(a·b / 2^32) for either sign', () => {
    fc.assert(fc.property(big, small, fc.boolean(), fc.boolean(), (a, b, na, nb) => {
      const x = na ? -a : a
      const y = nb ? -b : b
      expect(mul(x, y)).toBe(Number(floorDiv(BigInt(x) * BigInt(y), 1n << 32n)))
      expect(mul(y, x)).toBe(mul(x, y))
    }), { numRuns: 5000 })
  })
  it('div equals floor(a·2^32 / b), 0 for b = 0 or a quotient ≥ 2^31', () => {
    fc.assert(fc.property(big, fc.oneof(small, big), (a, b) => {
      const want = b === 0 || BigInt(a) / BigInt(b) >= 1n << 31n ? 0n : (BigInt(a) << 32n) / BigInt(b)
      expect(div(a, b)).toBe(Number(want))
    }), { numRuns: 5000 })
  })
})

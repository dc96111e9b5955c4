// The equal-weight shortcuts of balancer.ts (and pow_ratio_scaled's 1/1 exponent) against the
// general formulas they skip: the same bits on random reserves across the u64 range and at the edges.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as F from '../../primitives/fixed/index.js'
import { powRatioScaled, safeDiv } from '../../primitives/safe-math/index.js'
import { Balancer, mulPerquintillRound, perquintillFromRational } from './balancer.js'
import { HALF_WEIGHT, PERQUINTILL_ONE } from './pallet.js'

const U = F.U64F64
const U128_MAX = F.U128_MAX
const uint = (max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max: 1_000n }), fc.constantFrom(0n, 1n, max - 1n, max), fc.integer({ min: 0, max: 63 }).map((b) => 1n << BigInt(b)))
const RUNS = { numRuns: 10_000 }
const half = new Balancer(HALF_WEIGHT)

describe('equal-weight balancer shortcuts', () => {
  it('calculate_price is (w1/w2)·(y/x) with w1/w2 = 1', () => {
    const ratio = safeDiv(U, F.saturatingFromInt(U, HALF_WEIGHT), F.saturatingFromInt(U, HALF_WEIGHT))
    fc.assert(fc.property(uint(F.U64_MAX), uint(F.U64_MAX), (x, y) => {
      expect(half.calculatePrice(x, y)).toBe(F.saturatingMul(U, ratio, F.u64f64Ratio(y, x) ?? 0n))
    }), RUNS)
  })

  it('adding nothing keeps the weights as update_weights_for_added_liquidity computes them', () => {
    fc.assert(fc.property(uint(F.U64_MAX), uint(F.U64_MAX), (tao, alpha) => {
      const product = tao * alpha > U128_MAX ? U128_MAX : tao * alpha
      const q1 = mulPerquintillRound(PERQUINTILL_ONE - HALF_WEIGHT, product)
      const q2 = mulPerquintillRound(HALF_WEIGHT, product)
      const sum = q1 + q2 > U128_MAX ? U128_MAX : q1 + q2
      const expected = sum !== 0n ? perquintillFromRational(q2, sum) : HALF_WEIGHT
      expect(half.withAddedLiquidity(tao, alpha, 0n, 0n)?.quote).toBe(expected)
    }), RUNS)
  })

  it('pow_ratio_scaled with a 1/1 exponent (after the gcd) is floor(scale·num/den)', () => {
    fc.assert(fc.property(uint(F.U64_MAX), uint(F.U64_MAX).filter((d) => d > 0n), fc.bigInt({ min: 1n, max: PERQUINTILL_ONE }), (num, den, w) => {
      expect(powRatioScaled(num, den, w, w, 256, PERQUINTILL_ONE)).toBe(num === 0n ? 0n : (num * PERQUINTILL_ONE) / den)
    }), RUNS)
  })
})

// get_subnet_terms without root TAO weight (termsOf's comparison for the cap of 0) against the
// chain's formula: alpha_in at the spot price, capped by root_prop × alpha_out, excess TAO.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as F from '../../../primitives/fixed/index.js'
import { safeDivOr } from '../../../primitives/safe-math/index.js'
import { termsOf } from './run-coinbase.js'

const W = F.U96F32

/** get_subnet_terms with root_prop = 0 (tw = 0), step by step as the chain runs it. */
function chainTerms(taoEmission: bigint, alphaEmission: bigint, priceU64F64: bigint): unknown {
  const alphaOut = F.saturatingFromInt(W, alphaEmission)
  const price = F.saturatingFromFixed(W, F.U64F64, priceU64F64)
  let taoIn = taoEmission
  let alphaIn = safeDivOr(W, taoEmission, price, 0n)
  const cap = F.saturatingMul(W, 0n, alphaOut)
  if (alphaIn > cap) {
    alphaIn = cap
    taoIn = F.saturatingMul(W, alphaIn, price)
  }
  return { taoIn, alphaIn, alphaOut, excessTao: F.saturatingSub(W, taoEmission, taoIn) }
}

const bits = (max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max: 1n << 40n }), fc.constantFrom(0n, 1n, max),
    fc.integer({ min: 0, max: 127 }).map((b) => (1n << BigInt(b)) % (max + 1n)))

describe('subnet terms without root TAO weight', () => {
  it('are the chain formula\'s', () => {
    fc.assert(fc.property(bits(F.U128_MAX), bits(F.U64_MAX), bits(F.U128_MAX), (tao, alpha, price) => {
      expect(termsOf(tao, 0n, alpha, price, 0n)).toEqual(chainTerms(tao, alpha, price))
    }), { numRuns: 20_000 })
  })

  it('at the edges of a positive alpha_in (quotient 1, and the last that fits U96F32)', () => {
    for (const price of [1n, 2n, 3n, 1n << 32n, (1n << 64n) + 7n, F.U128_MAX]) {
      for (const tao of [price >> 32n, (price >> 32n) + 1n, ((price << 96n) - 1n), price << 96n, (price << 96n) + 1n].filter((t) => t >= 0n && t <= F.U128_MAX)) {
        expect(termsOf(tao, 0n, 5n, price << 32n, 0n)).toEqual(chainTerms(tao, 5n, price << 32n))
      }
    }
  })
})

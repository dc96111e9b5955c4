// inplaceNormalize64's shortcut (an entry equal to the sum is one, 2^64, without the division) held
// to the chain's division for every entry: (v << 64) / sum, 0 outside I64F64, on random I64F64
// vectors where one entry is often the whole sum (one-UID subnets, or one non-zero stake).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inplaceNormalize64 } from '../../../src/pallets/subtensor/epoch/math.js'

const I64F64_MAX = (1n << 127n) - 1n
const I64F64_MIN = -(1n << 127n)

/** The source's normalisation: the sum wrapped at i128, then each entry's checked division. */
function normalizedBySteps(x: readonly bigint[]): bigint[] {
  let s = 0n
  for (const v of x) s = BigInt.asIntN(128, s + v)
  if (s === 0n) return [...x]
  return x.map((v) => {
    const q = (v << 64n) / s
    return q > I64F64_MAX || q < I64F64_MIN ? 0n : q
  })
}

const entry = fc.oneof(
  fc.constant(0n),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => v << 64n),
  fc.bigInt({ min: I64F64_MIN, max: I64F64_MAX }),
)

describe('inplaceNormalize64', () => {
  it('gives the division of every entry by the sum, with an entry that is the whole sum', () => {
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), fc.nat(5), fc.boolean(), (xs, at, alone) => {
      // (alone: every other entry 0, so that entry is the sum)
      const x = alone ? xs.map((v, i) => (i === at % xs.length ? v : 0n)) : xs
      const got = [...x]
      inplaceNormalize64(got)
      expect(got).toEqual(normalizedBySteps(x))
    }), { numRuns: 5_000 })
  })
})

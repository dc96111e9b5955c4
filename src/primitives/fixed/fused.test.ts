// The folded chains of fused.ts, and the folds the coinbase writes inline, against the general
// operations they replace: the same bits on random inputs across the whole range and at the edges.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkedDiv, saturatingAdd, saturatingFromFixed, saturatingFromInt, saturatingMul, U64_MAX } from './ops.js'
import { u64f64Ratio } from './fused.js'
import { U64F64, U96F32 } from './types.js'

const U = U64F64
const W = U96F32
/** Integers of every magnitude up to `max`, small ones and the edges often. */
const uint = (max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max: 1_000n }), fc.constantFrom(0n, 1n, max - 1n, max), fc.integer({ min: 0, max: 127 }).map((b) => (1n << BigInt(b)) % (max + 1n)))
const RUNS = { numRuns: 20_000 }

describe('u64f64Ratio', () => {
  const general = (a: bigint, b: bigint): bigint | null => checkedDiv(U, saturatingFromInt(U, a), saturatingFromInt(U, b))

  it('is checked_div of the two integers as U64F64, for u64 operands', () => {
    fc.assert(fc.property(uint(U64_MAX), uint(U64_MAX), (a, b) => { expect(u64f64Ratio(a, b)).toBe(general(a, b)) }), RUNS)
  })

  it('saturates an operand beyond u64 as from_num would (the moving price ramp b/(b + halving))', () => {
    fc.assert(fc.property(uint(U64_MAX), uint(U64_MAX), (b, halving) => {
      // safe_div(from_num(b), from_num(b).saturating_add(from_num(halving)))
      const chain = checkedDiv(U, saturatingFromInt(U, b), saturatingAdd(U, saturatingFromInt(U, b), saturatingFromInt(U, halving))) ?? 0n
      expect(u64f64Ratio(b, b + halving) ?? 0n).toBe(chain)
    }), RUNS)
  })

  it('divides by zero to null', () => {
    expect(u64f64Ratio(5n, 0n)).toBeNull()
    expect(u64f64Ratio(0n, 0n)).toBeNull()
    expect(u64f64Ratio(U64_MAX, 1n)).toBe(U64_MAX << 64n)
  })
})

describe('folds written inline in the coinbase', () => {
  const HALF = saturatingFromInt(W, 1) >> 1n

  it('U96F32 × 0.5 is a right shift by one', () => {
    fc.assert(fc.property(uint(W.max), (x) => { expect(saturatingMul(W, x, HALF)).toBe(x >> 1n) }), RUNS)
  })

  it('a U64F64 share of from_num(emission), then U96F32, is the product shifted', () => {
    fc.assert(fc.property(uint(U64_MAX), uint(1n << 64n), (emission, share) => {
      const chain = saturatingFromFixed(W, U, saturatingMul(U, saturatingFromInt(U, emission), share))
      expect(saturatingMul(U, saturatingFromInt(U, emission), share) >> 32n).toBe(chain)
    }), RUNS)
  })

  it('a price share p/total (p ≤ total) is one shift and one division', () => {
    fc.assert(fc.property(uint(U.max), uint(U.max), (x, y) => {
      const [p, total] = x <= y ? [x, y] : [y, x]
      expect(total === 0n ? 0n : (p << 64n) / total).toBe(checkedDiv(U, p, total) ?? 0n)
    }), RUNS)
  })

  it('a weight times 1 − 0 is the weight', () => {
    fc.assert(fc.property(uint(1n << 64n), (w) => { expect(saturatingMul(U, w, saturatingFromInt(U, 1))).toBe(w) }), RUNS)
  })
})

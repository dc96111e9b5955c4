import { describe, expect, it } from 'vitest'
import { I32F32, I64F64, U110F18, U64F64, exp, fromF64, fromInt, ln, log2, I96F32 } from '../fixed/index.js'
import {
  I32, U64, absDiff, checkedFloor, checkedLn, checkedLog, checkedPow, checkedSqrt, powRatioScaled,
  safeDiv, safeDivInt, safeDivIntOr, safeDivOr,
} from './index.js'

// Ported from subtensor 14bc6f9 primitives/safe-math/src/lib.rs `mod tests`.
describe('safe-math (subtensor primitives/safe-math tests)', () => {
  const f = (x: number): bigint => fromF64(U110F18, x)

  it('test_checked_sqrt_positive_values', () => {
    const eps = f(0.0001)
    const r = checkedSqrt(U110F18, f(4.0), eps)
    expect(r).not.toBeNull()
    expect(absDiff(U110F18, r as bigint, f(2))).toBeLessThanOrEqual(eps)
  })

  it('test_checked_sqrt_large_value', () => {
    const eps = f(0.0001)
    const r = checkedSqrt(U110F18, f(1e18), eps) as bigint
    expect(absDiff(U110F18, r, f(Math.sqrt(1e18)))).toBeLessThanOrEqual(eps)
  })

  it('test_checked_sqrt_21m_tao_value', () => {
    const eps = f(1000)
    const v = 441_000_000_000_000_000_000_000_000_000_000.0
    const r = checkedSqrt(U110F18, f(v), eps) as bigint
    expect(absDiff(U110F18, r, f(Math.sqrt(v)))).toBeLessThanOrEqual(eps)
  })

  it('test_checked_sqrt_zero', () => {
    const eps = f(0.0001)
    const r = checkedSqrt(U110F18, 0n, eps) as bigint
    expect(absDiff(U110F18, r, 0n)).toBeLessThanOrEqual(eps)
  })

  it('test_checked_sqrt_precision', () => {
    const eps = f(0.0001)
    const r = checkedSqrt(U110F18, f(2.0), eps) as bigint
    expect(absDiff(U110F18, r, f(Math.SQRT2))).toBeLessThanOrEqual(eps)
  })

  it('test_checked_sqrt_max_iterations', () => {
    expect(checkedSqrt(U110F18, f(2.0), f(1e-30))).not.toBeNull()
  })

  it('test_checked_pow_fixed', () => {
    expect(checkedPow(U64F64, fromF64(U64F64, 2.5), 3)).toBe(fromF64(U64F64, 15.625))
    const r = checkedPow(I32F32, fromF64(I32F32, 1.5), -2) as bigint
    const d = r - fromF64(I32F32, 0.44444444)
    expect(d < 0n ? -d : d).toBeLessThanOrEqual(fromF64(I32F32, 0.00001))
    expect(checkedPow(I32F32, 0n, -1)).toBeNull()
  })

  it('test_checked_ln', () => {
    const r = checkedLn(I64F64, fromF64(I64F64, 10)) as bigint
    expect(absDiff(I64F64, r, fromF64(I64F64, Math.LN10))).toBeLessThan(fromF64(I64F64, 0.00001))
    expect(checkedLn(I64F64, fromF64(I64F64, -5))).toBeNull()
    expect(checkedLn(I64F64, 0n)).toBeNull()
  })

  it('test_checked_log', () => {
    const x = fromF64(I64F64, 10)
    const r = checkedLog(I64F64, x, fromF64(I64F64, 10)) as bigint
    expect(absDiff(I64F64, r, fromInt(I64F64, 1))).toBeLessThan(fromF64(I64F64, 0.00001))
    expect(checkedLog(I64F64, x, fromF64(I64F64, -2))).toBeNull()
    expect(checkedLog(I64F64, x, fromInt(I64F64, 1))).toBeNull()
  })

  it('test_checked_floor', () => {
    const cases: Array<[number, number]> = [
      [0, 0], [1, 1], [5, 5], [-1, -1], [-5, -5],
      [0.5, 0], [1.5, 1], [3.75, 3], [9.999, 9],
      [-0.1, -1], [-1.5, -2], [-3.75, -4], [-9.999, -10],
    ]
    for (const [input, want] of cases) {
      expect(checkedFloor(I64F64, fromF64(I64F64, input))).toBe(fromF64(I64F64, want))
    }
  })
})

// Bit-exact values printed by substrate-fixed 0.6.0 (crates.io) running the chain's own
// FixedExt bodies and transcendental functions, so every rounding step is pinned.
describe('bit-exact against substrate-fixed 0.6.0', () => {
  it('FixedExt::checked_sqrt (U110F18)', () => {
    expect(checkedSqrt(U110F18, fromF64(U110F18, 2), fromF64(U110F18, 0.0001))).toBe(370720n)
    expect(checkedSqrt(U110F18, fromF64(U110F18, 4), fromF64(U110F18, 0.0001))).toBe(524288n)
    expect(checkedSqrt(U110F18, fromF64(U110F18, 1e18), fromF64(U110F18, 0.0001))).toBe(262144000000000n)
    expect(checkedSqrt(U110F18, fromF64(U110F18, 0.25), fromF64(U110F18, 0.0001))).toBe(131080n)
    expect(checkedSqrt(U110F18, fromF64(U110F18, 4.41e32), fromInt(U110F18, 1000))).toBe(5505023999999967471569n)
  })

  it('FixedExt::checked_ln', () => {
    expect(checkedLn(I64F64, fromF64(I64F64, 10))).toBe(42475191533508765847n)
    expect(checkedLn(I32F32, fromF64(I32F32, 10))).toBe(9889526184n)
    expect(checkedLn(I64F64, fromF64(I64F64, 0.3))).toBe(-22209379082655525933n)
    expect(checkedLn(I32F32, fromF64(I32F32, 0.3))).toBe(-5171024027n)
    expect(checkedLn(I64F64, fromF64(I64F64, 123456.789))).toBe(215886723792403319120n)
    expect(checkedLn(I32F32, fromF64(I32F32, 123456.789))).toBe(50265044860n)
  })

  it('transcendental::exp', () => {
    const cases: Array<[number, bigint, bigint]> = [
      [0.5, 7081203935n, 30413539329486470288n],
      [-0.5, 2605029348n, 11188515852577165302n],
      [2.5, 52323413133n, 224727348272609201815n],
      [-7.25, 3050175n, 13100405198681594n],
      [19.9, 1871202470530397106n, 8098039902080597688525279057n],
      [-19.9, 9n, 42020337147n],
      [1, 11674931200n, 50143447687050035200n],
      [-1, 1580030169n, 6786177901268885275n],
    ]
    for (const [x, want32, want64] of cases) {
      expect(exp(I32F32, fromF64(I32F32, x))).toBe(want32)
      expect(exp(I64F64, fromF64(I64F64, x))).toBe(want64)
    }
  })

  it('transcendental::ln and log2', () => {
    expect(ln(I32F32, fromF64(I32F32, 0.3))).toBe(-5171023888n)
    expect(ln(I32F32, fromF64(I32F32, 10))).toBe(9889527802n)
    expect(ln(I32F32, fromF64(I32F32, 1234.5678))).toBe(30573623006n)
    expect(log2(I96F32, fromF64(I96F32, 1.9999))).toBe(4294657471n)
    expect(log2(I96F32, fromF64(I96F32, 21000000))).toBe(104470294847n)
    expect(log2(I96F32, fromF64(I96F32, 0.0001))).toBe(-57070286208n)
  })
})

describe('SafeDiv for integers', () => {
  it('zero divisor gives 0 or the default; signed MIN / -1 overflows to the default', () => {
    expect(safeDivInt(U64, 10n, 0n)).toBe(0n)
    expect(safeDivIntOr(U64, 10n, 0n, 7n)).toBe(7n)
    expect(safeDivInt(U64, 10n, 3n)).toBe(3n)
    expect(safeDivInt(I32, -7n, 2n)).toBe(-3n)
    expect(safeDivIntOr(I32, -(2n ** 31n), -1n, 5n)).toBe(5n)
  })
  it('fixed safe_div gives 0 on zero divisor and on overflow', () => {
    expect(safeDiv(I32F32, fromInt(I32F32, 1), 0n)).toBe(0n)
    expect(safeDiv(I32F32, fromInt(I32F32, 1 << 30), 1n)).toBe(0n)
    expect(safeDivOr(I32F32, fromInt(I32F32, 1), 0n, 9n)).toBe(9n)
  })
})

// Ported from safe-bigmath rev 013c4998 src/integer.rs tests that assert concrete numbers.
describe('pow_ratio_scaled (safe-bigmath tests)', () => {
  const PERQ = 1_000_000_000_000_000_000n

  it('doc example: (2/3)^(1/2) · 1000 = 816', () => {
    expect(powRatioScaled(2n, 3n, 1n, 2n, 0, 1000n)).toBe(816n)
  })

  it('test_perquintill_power (exact path after gcd reduction)', () => {
    const x = 21_000_000_000_000_000n
    const delta = 7_000_000_000_000_000n
    expect(powRatioScaled(x, x + delta, 600_000_000_000_000_000n, 400_000_000_000_000_000n, 256, PERQ))
      .toBe(649_519_052_838_328_985n)
  })

  it('pow_ratio_scaled_handles_large_weight_denominators (exact and series paths)', () => {
    const x = 21_000_000_000_000_000n
    const den = 21_000_000_000_000_100n
    const cases: Array<[bigint, bigint]> = [
      [500_000_000_000_000_000n, 500_000_000_000_000_000n],
      [499_999_999_999_500_000n, 500_000_000_000_500_000n],
      [500_000_000_000_250_000n, 499_999_999_999_750_000n],
    ]
    for (const [w1, w2] of cases) {
      expect(powRatioScaled(x, den, w1, w2, 256, PERQ)).toBe(999_999_999_999_995_238n)
    }
  })

  it('pow_ratio_scaled_converges_on_boundary_weights', () => {
    expect(powRatioScaled(21_000_000_000_000_000n, 21_000_000_000_000_001n,
      499_999_999_500_000_000n, 500_000_000_500_000_000n, 256, PERQ)).toBe(999_999_999_999_999_952n)
  })

  it('pow_ratio_scaled_exact_path_handles_high_exponent', () => {
    const r = powRatioScaled(999_999_999n, 1_000_000_001n, 1023n, 1n, 64, 1_000_000n)
    expect(r).not.toBeNull()
    expect(r as bigint > 0n).toBe(true)
  })

  it('pow_ratio_scaled_uses_scale_to_pick_precision', () => {
    const args = [123_456_789n, 987_654_321n, 987_654_321_123_456_789n, 123_456_789_987_654_321n] as const
    const coarse = powRatioScaled(...args, 0, PERQ) as bigint
    const precise = powRatioScaled(...args, 256, PERQ) as bigint
    const d = precise - coarse
    expect(d < 0n ? -d : d).toBeLessThanOrEqual(1n)
  })

  it('pow_ratio_scaled_handles_small_base_fractional_exponent', () => {
    const r = powRatioScaled(1n, 10n, 500_000_000_001n, 1_000_000_000_000n, 128, PERQ) as bigint
    const expected = BigInt(Math.floor(0.1 ** 0.500000000001 * 1e18))
    const d = r - expected
    expect(d < 0n ? -d : d).toBeLessThanOrEqual(128n)
  })

  it('pow_ratio_scaled_handles_extreme_delta_x', () => {
    const x = 400_775_553n
    const den = x + 14_446_633_907_665_582n
    const w1 = 102_337_248_363_782_924n
    const w2 = PERQ - w1
    const r = powRatioScaled(x, den, w1, w2, 256, PERQ) as bigint
    const expected = BigInt(Math.floor((Number(x) / Number(den)) ** (Number(w1) / Number(w2)) * 1e18))
    const d = r - expected
    expect(d < 0n ? -d : d).toBeLessThanOrEqual(1_000_000n)
  })

  it('degenerate inputs', () => {
    expect(powRatioScaled(1n, 0n, 1n, 1n, 0, 10n)).toBeNull()
    expect(powRatioScaled(0n, 5n, 1n, 1n, 0, 10n)).toBe(0n)
    expect(powRatioScaled(3n, 5n, 0n, 1n, 0, 10n)).toBe(10n)
  })
})

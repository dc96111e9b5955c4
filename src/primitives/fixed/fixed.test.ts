import { describe, expect, it } from 'vitest'
import {
  I32F32, I64F64, I96F32, I9F23, U64F64, U96F32,
  add, checkedAdd, checkedDiv, checkedFromFixed, checkedMul, checkedSub, div, divInt, exp, fracPart,
  fromF32, fromF64, fromFixed, fromInt, intPart, ln, log2, mul, mulInt, round, saturatingAdd,
  saturatingDiv, saturatingFromF64, saturatingFromFixed, saturatingMul, saturatingSub,
  saturatingToU64, sub, toF64, toInt, E_I9F23, LOG2_E_I9F23,
} from './index.js'

describe('substrate-fixed arithmetic (arith.rs tests, re-stated for the chain types)', () => {
  // arith.rs fixed_i128 / fixed_u128 / fixed_i16: for integers a, b:
  //   (af*bf).bits == (a<<frac)*b, (af/bf).bits == (a<<frac)/b, sums exact.
  const a = 0x0003_4567_89ab_cdefn
  const b = 5n
  for (const t of [I64F64, I96F32]) {
    it(`${t.name}: integer products and quotients (signed, every sign combination)`, () => {
      for (const [x, y] of [[a, b], [a, -b], [-a, b], [-a, -b], [b, a], [b, -a], [-b, a], [-b, -a]] as const) {
        const xf = fromInt(t, x)
        const yf = fromInt(t, y)
        expect(add(t, xf, yf)).toBe((x << t.frac) + (y << t.frac))
        expect(sub(t, xf, yf)).toBe((x << t.frac) - (y << t.frac))
        expect(mul(t, xf, yf)).toBe((x << t.frac) * y)
        expect(div(t, xf, yf)).toBe((x << t.frac) / y)
        expect(mulInt(t, xf, y)).toBe((x << t.frac) * y)
        expect(divInt(t, xf, y)).toBe((x << t.frac) / y)
      }
    })
  }
  for (const t of [U64F64, U96F32]) {
    it(`${t.name}: integer products and quotients (unsigned)`, () => {
      for (const [x, y] of [[a, b], [b, a]] as const) {
        const xf = fromInt(t, x)
        const yf = fromInt(t, y)
        expect(add(t, xf, yf)).toBe((x << t.frac) + (y << t.frac))
        if (x > y) expect(sub(t, xf, yf)).toBe((x << t.frac) - (y << t.frac))
        expect(mul(t, xf, yf)).toBe((x << t.frac) * y)
        expect(div(t, xf, yf)).toBe((x << t.frac) / y)
      }
    })
  }

  it('multiplication floors toward −∞ for both signs', () => {
    // 2^-32 * 0.5 = 2^-33 → 0; (−2^-32) * 0.5 = −2^-33 → −2^-32
    const half = 1n << 31n
    expect(mul(I32F32, 1n, half)).toBe(0n)
    expect(mul(I32F32, -1n, half)).toBe(-1n)
  })

  it('division truncates toward zero', () => {
    // 1/3 and −1/3 in I32F32: floor(2^32/3) = 1431655765 and its negation
    expect(div(I32F32, fromInt(I32F32, 1), fromInt(I32F32, 3))).toBe(1431655765n)
    expect(div(I32F32, fromInt(I32F32, -1), fromInt(I32F32, 3))).toBe(-1431655765n)
  })

  it('checked ops return null on overflow and zero division; saturating ops clamp', () => {
    expect(checkedAdd(U64F64, U64F64.max, 1n)).toBeNull()
    expect(checkedSub(U64F64, 0n, 1n)).toBeNull()
    expect(checkedMul(I32F32, fromInt(I32F32, 1 << 16), fromInt(I32F32, 1 << 16))).toBeNull()
    expect(checkedDiv(I32F32, 1n, 0n)).toBeNull()
    expect(checkedDiv(I32F32, fromInt(I32F32, 1 << 30), 1n)).toBeNull()
    expect(saturatingAdd(U64F64, U64F64.max, 1n)).toBe(U64F64.max)
    expect(saturatingSub(U96F32, 0n, 1n)).toBe(0n)
    expect(saturatingMul(I32F32, fromInt(I32F32, -(1 << 16)), fromInt(I32F32, 1 << 16))).toBe(I32F32.min)
    expect(saturatingMul(I32F32, fromInt(I32F32, -(1 << 16)), fromInt(I32F32, -(1 << 16)))).toBe(I32F32.max)
    expect(saturatingDiv(I32F32, fromInt(I32F32, 1 << 30), 1n)).toBe(I32F32.max)
    expect(() => div(I32F32, 1n, 0n)).toThrow()
  })

  it('plain operators wrap like the release build', () => {
    expect(add(U64F64, U64F64.max, 1n)).toBe(0n)
    expect(add(I32F32, I32F32.max, 1n)).toBe(I32F32.min)
  })
})

describe('substrate-fixed conversions', () => {
  it('from another fixed type floors surplus fractional bits', () => {
    // I64F64 value 2^-64 (raw 1) → I32F32 0; −2^-64 → −2^-32
    expect(fromFixed(I32F32, I64F64, 1n)).toBe(0n)
    expect(fromFixed(I32F32, I64F64, -1n)).toBe(-1n)
    // U64F64 1 + 2^-33 + 2^-64 → U96F32 1 (drops the low 32 bits)
    const v = (1n << 64n) + (1n << 31n) + 1n
    expect(fromFixed(U96F32, U64F64, v)).toBe(1n << 32n)
    expect(fromFixed(I64F64, I32F32, 3n)).toBe(3n << 32n)
  })

  it('saturating conversion sends negatives to 0 for unsigned targets and clamps large values', () => {
    expect(saturatingFromFixed(U64F64, I96F32, fromInt(I96F32, -5))).toBe(0n)
    expect(saturatingFromFixed(I32F32, I96F32, fromInt(I96F32, 1n << 40n))).toBe(I32F32.max)
    expect(checkedFromFixed(I32F32, I96F32, fromInt(I96F32, 1n << 40n))).toBeNull()
  })

  it('from float rounds to nearest with ties to even', () => {
    // 2^-33 is exactly half an I32F32 ulp: tie → even (0); 3·2^-33 → tie between 1 and 2 → 2
    expect(fromF64(I32F32, 2 ** -33)).toBe(0n)
    expect(fromF64(I32F32, 3 * 2 ** -33)).toBe(2n)
    expect(fromF64(I32F32, 5 * 2 ** -33)).toBe(2n)
    expect(fromF64(I32F32, -(3 * 2 ** -33))).toBe(-2n)
    expect(fromF64(I32F32, 1.5)).toBe(3n << 31n)
    // 0.1 as f64 is 0x3FB999999999999A = 0x1.999999999999Ap-4; ×2^64 = 0x1999999999999A00 exactly
    expect(fromF64(U64F64, 0.1)).toBe(0x1999999999999a00n)
    // 0.1 as f32 is 0x3DCCCCCD = 0xCCCCCD·2^-27; ×2^32 = 0xCCCCCD·32 = 0x199999A0 (exact)
    expect(fromF32(I32F32, 0.1)).toBe(0x199999a0n)
    expect(saturatingFromF64(U64F64, -1)).toBe(0n)
    expect(saturatingFromF64(I32F32, 1e30)).toBe(I32F32.max)
  })

  it('to integer floors; to f64 is the nearest double', () => {
    expect(toInt(I32F32, fromF64(I32F32, 2.75))).toBe(2n)
    expect(toInt(I32F32, fromF64(I32F32, -2.25))).toBe(-3n)
    expect(saturatingToU64(I96F32, fromInt(I96F32, -1))).toBe(0n)
    expect(saturatingToU64(I96F32, fromInt(I96F32, 1n << 70n))).toBe((1n << 64n) - 1n)
    expect(toF64(U64F64, 1n << 63n)).toBe(0.5)
  })

  it('int/frac/round as the crate defines them', () => {
    const x = fromF64(I64F64, -1.5)
    expect(intPart(I64F64, x)).toBe(fromInt(I64F64, -2))
    expect(fracPart(I64F64, x)).toBe(fromF64(I64F64, 0.5))
    expect(round(I32F32, fromF64(I32F32, 2.5))).toBe(fromInt(I32F32, 3))
    expect(round(I32F32, fromF64(I32F32, -2.5))).toBe(fromInt(I32F32, -3))
    expect(round(I32F32, fromF64(I32F32, 2.4999))).toBe(fromInt(I32F32, 2))
  })
})

describe('substrate-fixed transcendental (transcendental.rs tests; S = I9F23 converted to D = I32F32)', () => {
  const s = (x: number): bigint => fromFixed(I32F32, I9F23, fromF64(I9F23, x))
  const close = (raw: bigint | null, want: number, eps: number): void => {
    expect(raw).not.toBeNull()
    expect(Math.abs(toF64(I32F32, raw as bigint) - want)).toBeLessThanOrEqual(eps * Math.max(1, Math.abs(want)))
  }

  it('constants are e and log2(e) truncated to 23 fractional bits', () => {
    // yuma-emission.md §1: e at I9F23 is 2.71828174591064453125
    expect(toF64(I9F23, E_I9F23)).toBe(2.71828174591064453125)
    expect(E_I9F23).toBe(BigInt(Math.floor(Math.E * 2 ** 23)))
    expect(LOG2_E_I9F23).toBe(BigInt(Math.floor(Math.LOG2E * 2 ** 23)))
  })

  it('log2_works', () => {
    expect(log2(I32F32, 0n)).toBeNull()
    expect(log2(I32F32, s(1))).toBe(0n)
    close(log2(I32F32, s(2)), 1.0, 1e-6)
    close(log2(I32F32, s(4)), 2.0, 1e-6)
    close(log2(I32F32, s(3.33333)), 1.73696, 1e-5)
    close(log2(I32F32, s(0.11111)), -3.16994, 1e-2)
  })

  it('ln_works', () => {
    expect(ln(I32F32, 0n)).toBeNull()
    expect(ln(I32F32, s(1))).toBe(0n)
    close(ln(I32F32, fromFixed(I32F32, I9F23, E_I9F23)), 1.0, 1e-4)
    close(ln(I32F32, s(10)), 2.30259, 1e-4)
    close(ln(I32F32, s(0.00001)), -11.5129, 1e-1)
  })

  it('exp_works', () => {
    expect(exp(I32F32, 0n)).toBe(1n << 32n)
    close(exp(I32F32, s(1)), 2.718281828459045, 1e-4)
    close(exp(I32F32, s(5)), 148.413159, 1e-1)
    // overflow if the type is too small, fine in I64F64
    expect(exp(I32F32, s(-23))).toBeNull()
    const wide = exp(I64F64, fromFixed(I64F64, I9F23, fromF64(I9F23, -23)))
    expect(wide).not.toBeNull()
    expect(Math.abs(toF64(I64F64, wide as bigint) - 102.619e-12)).toBeLessThanOrEqual(1e-12)
  })

  it('exp(1) returns e at I9F23 precision, not the series', () => {
    expect(exp(I32F32, 1n << 32n)).toBe(E_I9F23 << 9n)
  })
})

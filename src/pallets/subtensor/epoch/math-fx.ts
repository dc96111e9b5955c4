/**
 * I32F32 / I64F64 scalar helpers for the epoch math, specialised for speed (the epoch runs
 * them in loops over thousands of UIDs). Semantics are those of ../../../primitives/fixed:
 * multiply floors, divide truncates, `saturating*` clamp, `safe_div` gives 0 on a zero
 * divisor or overflow, and `Sum` wraps like the release runtime.
 */
/** An I32F32 value as its raw i64 bits. */
export type Fx = bigint
/** A sparse row: (column, value) pairs in column order. */
export type SparseRow = Array<[number, Fx]>
export type SparseMatrix = SparseRow[]
export type Matrix = Fx[][]

export const FRAC = 32n
export const ONE: Fx = 1n << FRAC
export const ZERO: Fx = 0n
export const MIN: Fx = -(1n << 63n)
export const MAX: Fx = (1n << 63n) - 1n
export const U16_MAX_FX: Fx = 65535n << FRAC

export const I64F64_FRAC = 64n
export const I64F64_MIN = -(1n << 127n)
export const I64F64_MAX = (1n << 127n) - 1n

export function clamp(x: bigint): Fx {
  return x > MAX ? MAX : x < MIN ? MIN : x
}
export function satAdd(a: Fx, b: Fx): Fx {
  return clamp(a + b)
}
export function satSub(a: Fx, b: Fx): Fx {
  return clamp(a - b)
}
export function satMul(a: Fx, b: Fx): Fx {
  return clamp((a * b) >> FRAC)
}
/** `checked_mul(..).unwrap_or_default()` */
export function mulOr0(a: Fx, b: Fx): Fx {
  const p = (a * b) >> FRAC
  return p > MAX || p < MIN ? 0n : p
}
export function safeDiv(a: Fx, b: Fx): Fx {
  if (b === 0n) return 0n
  const q = (a << FRAC) / b
  return q > MAX || q < MIN ? 0n : q
}
/** `Sum` of an iterator: wrapping adds. */
export function wrapAdd(a: Fx, b: Fx): Fx {
  return BigInt.asIntN(64, a + b)
}
export function sum(x: readonly Fx[]): Fx {
  let s = 0n
  for (const v of x) s = BigInt.asIntN(64, s + v)
  return s
}
/** I32F32 → u16, floored and clamped (`saturating_to_num::<u16>`). */
export function toU16(x: Fx): number {
  const v = x >> FRAC
  return v < 0n ? 0 : v > 65535n ? 65535 : Number(v)
}
/** `round()`: half away from zero, wrapping like the release build. */
export function roundFx(x: Fx): Fx {
  const half = 1n << (FRAC - 1n)
  const mag = x < 0n ? -x : x
  const r = ((mag + half) >> FRAC) << FRAC
  return BigInt.asIntN(64, x < 0n ? -r : r)
}
export function cmp(a: Fx, b: Fx): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Normalises in place so the entries sum to 1 (left alone when the sum is 0). */
export function inplaceNormalize(x: Fx[]): void {
  inplaceNormalizeUsingSum(x, sum(x))
}

export function inplaceNormalizeUsingSum(x: Fx[], xSum: Fx): void {
  if (xSum === ZERO) return
  for (let i = 0; i < x.length; i++) x[i] = safeDiv(x[i] as Fx, xSum)
}

/** Element-wise product of a row and a vector; overflowing products are 0. */
export function vecMulRow(a: readonly Fx[], b: readonly Fx[]): Fx[] {
  const n = Math.min(a.length, b.length)
  const out: Fx[] = new Array(n)
  for (let i = 0; i < n; i++) out[i] = mulOr0(a[i] as Fx, b[i] as Fx)
  return out
}

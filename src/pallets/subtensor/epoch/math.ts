/**
 * Port of subtensor's `pallets/subtensor/src/epoch/math.rs` (commit 14bc6f9): the vector,
 * matrix and sparse-matrix operations of the epoch, in I32F32 (raw bigint bits) with the
 * chain's saturation and rounding. Function names mirror the source in camelCase; the
 * `inplace*` functions mutate their argument, the others return new arrays. Length mismatches
 * that the source only logs are tolerated the same way (missing entries read as 0 / masked).
 * Dense-matrix operations live in math-dense.ts, sparse ones in math-sparse.ts.
 */
import { I32F32, I64F64, exp, ln, saturatingFromF64 } from '../../../primitives/fixed/index.js'
import {
  type Fx, FRAC, I64F64_FRAC, I64F64_MAX, I64F64_MIN, MAX, MIN, ONE, U16_MAX_FX, ZERO, clamp, cmp,
  inplaceNormalize, roundFx, safeDiv, vecMulRow, satAdd, satMul, satSub, sum, toU16,
} from './math-fx.js'

export * from './math-fx.js'
export * from './math-dense.js'
export * from './math-sparse.js'
export * from './math-median.js'

const U64_MAX = (1n << 64n) - 1n

// ---- scalar conversions ------------------------------------------------------------------

/** `fixed(f32)`: saturating, rounding to nearest (ties to even) from single precision. */
export function fixed(val: number): Fx {
  return saturatingFromF64(I32F32, Math.fround(val))
}
export function fixedToU16(x: Fx): number {
  return toU16(x)
}
export function fixedToU64(x: Fx): bigint {
  const v = x >> FRAC
  return v < 0n ? 0n : v > U64_MAX ? U64_MAX : v
}
/** I64F64 → u64, floored and clamped. */
export function fixed64ToU64(x: bigint): bigint {
  const v = x >> I64F64_FRAC
  return v < 0n ? 0n : v > U64_MAX ? U64_MAX : v
}
/** I64F64 → I32F32: the low 32 fractional bits are floored away, then saturated. */
export function fixed64ToFixed32(x: bigint): Fx {
  return clamp(x >> (I64F64_FRAC - FRAC))
}
export function fixed32ToFixed64(x: Fx): bigint {
  return x << (I64F64_FRAC - FRAC)
}
export function u16ToFixed(x: number): Fx {
  return BigInt(x) << FRAC
}
export function u16ProportionToFixed(x: number): Fx {
  return safeDiv(BigInt(x) << FRAC, U16_MAX_FX)
}
export function fixedToFixedU16Proportion(x: Fx): Fx {
  return safeDiv(x, U16_MAX_FX)
}
export function fixedProportionToU16(x: Fx): number {
  return toU16(satMul(x, U16_MAX_FX))
}
export function vecFixed32ToU64(v: readonly Fx[]): bigint[] {
  return v.map(fixedToU64)
}
export function vecFixed64ToFixed32(v: readonly bigint[]): Fx[] {
  return v.map(fixed64ToFixed32)
}
export function vecFixed32ToFixed64(v: readonly Fx[]): bigint[] {
  return v.map(fixed32ToFixed64)
}
export function vecFixed64ToU64(v: readonly bigint[]): bigint[] {
  return v.map(fixed64ToU64)
}
export function vecFixedProportionsToU16(v: readonly Fx[]): number[] {
  return v.map(fixedProportionToU16)
}

/** Scales a non-negative vector so its maximum becomes 65535, rounding to nearest. */
export function vecMaxUpscaleToU16(vec: readonly Fx[]): number[] {
  if (vec.length === 0) return []
  let maxVal = vec[0] as Fx
  for (const v of vec) if (v > maxVal) maxVal = v
  if (maxVal === ZERO) return vec.map((e) => toU16(satMul(e, U16_MAX_FX)))
  // above 32768 the product e·65535 could saturate, so the ratio is taken first
  if (maxVal > 32768n << FRAC) {
    const ratio = safeDiv(U16_MAX_FX, maxVal)
    return vec.map((e) => toU16(roundFx(satMul(e, ratio))))
  }
  return vec.map((e) => toU16(roundFx(safeDiv(satMul(e, U16_MAX_FX), maxVal))))
}

export function vecU16MaxUpscaleToU16(vec: readonly number[]): number[] {
  return vecMaxUpscaleToU16(vec.map(u16ToFixed))
}

/** Whether the normalised vector's largest entry is ≤ max_limit/65535. */
export function checkVecMaxLimited(vec: readonly number[], maxLimit: number): boolean {
  const limit = safeDiv(BigInt(maxLimit) << FRAC, U16_MAX_FX)
  const v = vec.map(u16ToFixed)
  inplaceNormalize(v)
  if (v.length === 0) return true
  let m = v[0] as Fx
  for (const x of v) if (x > m) m = x
  return m <= limit
}

export { sum }

/** `checked_sum`: null on overflow of the given range, 0 for an empty slice. */
export function checkedSum(x: readonly bigint[], min: bigint = MIN, max: bigint = MAX): bigint | null {
  let s = 0n
  for (const v of x) {
    s += v
    if (s > max || s < min) return null
  }
  return s
}

export function isZero(vector: readonly Fx[]): boolean {
  return sum(vector) === ZERO
}

// ---- exp / sigmoid / ln ------------------------------------------------------------------

const TWENTY = 20n << FRAC

/** e^x with x clamped to [−20, 20]; an overflow gives 0 (x ≤ 0) or I32F32::MAX. */
export function expSafe(input: Fx): Fx {
  const x = input < -TWENTY ? -TWENTY : input > TWENTY ? TWENTY : input
  const r = exp(I32F32, x)
  if (r !== null) return r
  return x <= 0n ? ZERO : MAX
}

/** 1 / (1 + e^(−rho·(input − kappa))), every step saturating. */
export function sigmoidSafe(input: Fx, rho: Fx, kappa: Fx): Fx {
  const offset = satSub(input, kappa)
  const negRho = satMul(rho, -ONE)
  const expOut = expSafe(satMul(negRho, offset))
  return safeDiv(ONE, satAdd(expOut, ONE))
}

/** ln(x), 0 where ln fails (x ≤ 0). */
export function safeLn(value: Fx): Fx {
  return ln(I32F32, value) ?? ZERO
}

// ---- top-k --------------------------------------------------------------------------------

function markBottom(vector: readonly Fx[], k: number, result: boolean[]): boolean[] {
  const n = vector.length
  if (n < k) return result
  const idxs = Array.from({ length: n }, (_, i) => i)
  idxs.sort((a, b) => cmp(vector[a] as Fx, vector[b] as Fx)) // stable, ascending
  for (let i = 0; i < n - k; i++) result[idxs[i] as number] = false
  return result
}

/** True for the k largest entries (ties broken by position: earlier entries drop first). */
export function isTopk(vector: readonly Fx[], k: number): boolean[] {
  return markBottom(vector, k, vector.map(() => true))
}

/** As isTopk, and the entry must also be non-zero. */
export function isTopkNonzero(vector: readonly Fx[], k: number): boolean[] {
  return markBottom(vector, k, vector.map((v) => v !== ZERO))
}

// ---- normalisation ------------------------------------------------------------------------

export function normalize(x: readonly Fx[]): Fx[] {
  const s = sum(x)
  return s !== ZERO ? x.map((v) => safeDiv(v, s)) : x.slice()
}

function safeDiv64(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  const q = (a << I64F64_FRAC) / b
  return q > I64F64_MAX || q < I64F64_MIN ? 0n : q
}
function sum64(x: readonly bigint[]): bigint {
  let s = 0n
  for (const v of x) s = BigInt.asIntN(128, s + v)
  return s
}

/** I64F64 one: what safeDiv64 gives for an entry equal to the (non-zero) sum, (s << 64) / s. */
const ONE64 = 1n << I64F64_FRAC

/**
 * I64F64 vector normalised in place. An entry that is the whole sum (a one-UID subnet's only stake,
 * or the one non-zero stake) is one without the 192-bit division: (s << 64) / s is 2^64 exactly.
 */
export function inplaceNormalize64(x: bigint[]): void {
  const s = sum64(x)
  if (s === 0n) return
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as bigint
    x[i] = v === s ? ONE64 : safeDiv64(v, s)
  }
}

/** Each I64F64 row with a positive sum is normalised in place. */
export function inplaceRowNormalize64(x: bigint[][]): void {
  for (const row of x) {
    const s = sum64(row)
    if (s > 0n) for (let j = 0; j < row.length; j++) row[j] = safeDiv64(row[j] as bigint, s)
  }
}

/** x / y element-wise, 0 where y is 0 or missing. */
export function vecdiv(x: readonly Fx[], y: readonly Fx[]): Fx[] {
  return x.map((xi, i) => safeDiv(xi, y[i] ?? ZERO))
}

/** Element-wise product; an overflowing product is 0 (`checked_mul(..).unwrap_or_default()`). */
export const vecMul = vecMulRow

/** min(value, high) then max(·, low). */
export function clampValue(value: Fx, low: Fx, high: Fx): Fx {
  const v = value < high ? value : high
  return v > low ? v : low
}

/** `inplace_mask_vector`: mask=true (or a missing mask entry) zeroes the element. */
export function inplaceMaskVector(mask: readonly boolean[], vector: Fx[]): void {
  if (mask.length === 0) return
  for (let i = 0; i < vector.length; i++) if (mask[i] ?? true) vector[i] = ZERO
}


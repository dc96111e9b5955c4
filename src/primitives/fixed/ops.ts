/**
 * Arithmetic on raw fixed-point bits with the semantics of `substrate-fixed` v0.6.0.
 *
 * Rounding, read from the crate's `arith.rs` / `convert.rs`:
 * - multiplication takes the exact double-width product and shifts it right by the fractional
 *   bits: floor (toward −∞) for both signs;
 * - division computes `(lhs << frac) / rhs` with integer division: truncation toward zero;
 * - conversion between fixed types drops surplus fractional bits: floor;
 * - `to_num` to an integer drops the fraction: floor;
 * - conversion from a float rounds to nearest, ties to even.
 *
 * The plain forms (`add`, `mul`, ...) behave like the runtime's release build, where `a * b`
 * wraps on overflow; `checked*` return null where the crate returns None; `saturating*` clamp.
 * Division by zero throws, as the crate panics.
 */
import type { FixedType } from './types.js'

export class FixedOverflowError extends RangeError {}

function fits(t: FixedType, raw: bigint): boolean {
  return raw >= t.min && raw <= t.max
}

function clamp(t: FixedType, raw: bigint): bigint {
  return raw < t.min ? t.min : raw > t.max ? t.max : raw
}

export function wrap(t: FixedType, raw: bigint): bigint {
  return t.signed ? BigInt.asIntN(t.bits, raw) : BigInt.asUintN(t.bits, raw)
}

function orNull(t: FixedType, raw: bigint): bigint | null {
  return fits(t, raw) ? raw : null
}

function strict(t: FixedType, raw: bigint, what: string): bigint {
  if (!fits(t, raw)) throw new FixedOverflowError(`${what}: value does not fit ${t.name}`)
  return raw
}

// ---- conversions -------------------------------------------------------------------------

/** `T::from_num(int)`: exact; overflow throws (the crate panics). */
export function fromInt(t: FixedType, n: bigint | number): bigint {
  return strict(t, BigInt(n) << t.frac, 'from_num')
}

export function checkedFromInt(t: FixedType, n: bigint | number): bigint | null {
  return orNull(t, BigInt(n) << t.frac)
}

export function saturatingFromInt(t: FixedType, n: bigint | number): bigint {
  return clamp(t, BigInt(n) << t.frac)
}

/** Re-expresses `raw` of `src` with `dst`'s fractional bits; surplus bits are floored. */
function rescale(dst: FixedType, src: FixedType, raw: bigint): bigint {
  if (dst.fracBits === src.fracBits) return raw
  return dst.fracBits > src.fracBits ? raw << (dst.frac - src.frac) : raw >> (src.frac - dst.frac)
}

/** `Dst::from_num(src_value)`; overflow throws. */
export function fromFixed(dst: FixedType, src: FixedType, raw: bigint): bigint {
  return strict(dst, rescale(dst, src, raw), 'from_num')
}

export function checkedFromFixed(dst: FixedType, src: FixedType, raw: bigint): bigint | null {
  return orNull(dst, rescale(dst, src, raw))
}

/** `Dst::saturating_from_num(src_value)`: a negative value into an unsigned type gives 0. */
export function saturatingFromFixed(dst: FixedType, src: FixedType, raw: bigint): bigint {
  return clamp(dst, rescale(dst, src, raw))
}

const F64 = new DataView(new ArrayBuffer(8))

/**
 * The exact rational value of a finite double, scaled to `fracBits` fractional bits and rounded
 * to nearest with ties to even (the crate's float conversion).
 */
function floatToRaw(x: number, frac: bigint): bigint {
  if (!Number.isFinite(x)) throw new RangeError('from_num: NaN or infinite float')
  if (x === 0) return 0n
  F64.setFloat64(0, x)
  const hi = F64.getUint32(0)
  const lo = F64.getUint32(4)
  const negative = hi >>> 31 === 1
  const biased = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exp: bigint
  if (biased === 0) {
    exp = -1074n
  } else {
    mant |= 1n << 52n
    exp = BigInt(biased) - 1075n
  }
  // value = mant * 2^exp; raw = value * 2^frac
  const shift = exp + frac
  let mag: bigint
  if (shift >= 0n) {
    mag = mant << shift
  } else {
    const s = -shift
    const q = mant >> s
    const rem = mant - (q << s)
    const half = 1n << (s - 1n)
    mag = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q
  }
  return negative ? -mag : mag
}

/** `T::from_num(f64)`; overflow throws. */
export function fromF64(t: FixedType, x: number): bigint {
  return strict(t, floatToRaw(x, t.frac), 'from_num')
}

/** `T::from_num(f32)`: the argument is first narrowed to single precision, as Rust's literal would be. */
export function fromF32(t: FixedType, x: number): bigint {
  return fromF64(t, Math.fround(x))
}

/** `T::saturating_from_num(f64)`; NaN throws, as the crate panics. */
export function saturatingFromF64(t: FixedType, x: number): bigint {
  if (Number.isNaN(x)) throw new RangeError('saturating_from_num: NaN')
  if (x === Infinity) return t.max
  if (x === -Infinity) return t.min
  return clamp(t, floatToRaw(x, t.frac))
}

/** `to_num::<f64>()`: nearest double, ties to even (BigInt → Number rounds that way; the scale is a power of two). */
export function toF64(t: FixedType, raw: bigint): number {
  return Number(raw) / 2 ** t.fracBits
}

/** Integer part, floored (`to_num::<iN/uN>()` before range handling). */
export function toInt(t: FixedType, raw: bigint): bigint {
  return raw >> t.frac
}

/** `saturating_to_num::<int>()` into [min, max]. */
export function saturatingToInt(t: FixedType, raw: bigint, min: bigint, max: bigint): bigint {
  const v = raw >> t.frac
  return v < min ? min : v > max ? max : v
}

export const U16_MAX = 0xffffn
export const U64_MAX = 0xffff_ffff_ffff_ffffn
export const U128_MAX = (1n << 128n) - 1n

export function saturatingToU64(t: FixedType, raw: bigint): bigint {
  return saturatingToInt(t, raw, 0n, U64_MAX)
}

export function saturatingToU16(t: FixedType, raw: bigint): number {
  return Number(saturatingToInt(t, raw, 0n, U16_MAX))
}

// ---- arithmetic --------------------------------------------------------------------------

export function add(t: FixedType, a: bigint, b: bigint): bigint {
  return wrap(t, a + b)
}
export function checkedAdd(t: FixedType, a: bigint, b: bigint): bigint | null {
  return orNull(t, a + b)
}
export function saturatingAdd(t: FixedType, a: bigint, b: bigint): bigint {
  return clamp(t, a + b)
}

export function sub(t: FixedType, a: bigint, b: bigint): bigint {
  return wrap(t, a - b)
}
export function checkedSub(t: FixedType, a: bigint, b: bigint): bigint | null {
  return orNull(t, a - b)
}
export function saturatingSub(t: FixedType, a: bigint, b: bigint): bigint {
  return clamp(t, a - b)
}

export function mul(t: FixedType, a: bigint, b: bigint): bigint {
  return wrap(t, (a * b) >> t.frac)
}
export function checkedMul(t: FixedType, a: bigint, b: bigint): bigint | null {
  return orNull(t, (a * b) >> t.frac)
}
export function saturatingMul(t: FixedType, a: bigint, b: bigint): bigint {
  return clamp(t, (a * b) >> t.frac)
}

function divZero(b: bigint): void {
  if (b === 0n) throw new RangeError('fixed-point division by zero')
}

export function div(t: FixedType, a: bigint, b: bigint): bigint {
  divZero(b)
  return wrap(t, (a << t.frac) / b)
}
export function checkedDiv(t: FixedType, a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null
  return orNull(t, (a << t.frac) / b)
}
export function saturatingDiv(t: FixedType, a: bigint, b: bigint): bigint {
  divZero(b)
  return clamp(t, (a << t.frac) / b)
}

/** Fixed × integer (`af * b` with an integer rhs): exact product, wrapping. */
export function mulInt(t: FixedType, a: bigint, n: bigint): bigint {
  return wrap(t, a * n)
}
/** Fixed ÷ integer: truncation toward zero. */
export function divInt(t: FixedType, a: bigint, n: bigint): bigint {
  divZero(n)
  return wrap(t, a / n)
}

export function neg(t: FixedType, a: bigint): bigint {
  return wrap(t, -a)
}
export function checkedNeg(t: FixedType, a: bigint): bigint | null {
  return orNull(t, -a)
}
export function abs(t: FixedType, a: bigint): bigint {
  return wrap(t, a < 0n ? -a : a)
}

/** `int()`: the integer part rounded toward −∞, as a fixed value. */
export function intPart(t: FixedType, a: bigint): bigint {
  return (a >> t.frac) << t.frac
}
/** `frac()`: `a − int()`, always ≥ 0. */
export function fracPart(t: FixedType, a: bigint): bigint {
  return a - intPart(t, a)
}
/** `round()`: to nearest, ties away from zero. */
export function round(t: FixedType, a: bigint): bigint {
  if (t.fracBits === 0) return a
  const half = 1n << (t.frac - 1n)
  const mag = a < 0n ? -a : a
  const r = ((mag + half) >> t.frac) << t.frac
  return wrap(t, a < 0n ? -r : r)
}
export function ceil(t: FixedType, a: bigint): bigint {
  const f = intPart(t, a)
  return f === a ? a : wrap(t, f + (1n << t.frac))
}

export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}
export function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}

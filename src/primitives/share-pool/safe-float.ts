/**
 * `SafeFloat` from subtensor `primitives/share-pool`: a decimal float with a u128 mantissa kept
 * in (SAFE_FLOAT_MAX/10, SAFE_FLOAT_MAX] and an i64 base-10 exponent. Stake shares (`AlphaV2`,
 * `TotalHotkeySharesV2`) are stored in it. Every operation truncates; the chain computes the
 * intermediates in U256, which bigint covers exactly (no intermediate here exceeds 2^256).
 */
import { U64F64 } from '../fixed/types.js'

export const SAFE_FLOAT_MAX = 1_000_000_000_000_000_000_000n
export const SAFE_FLOAT_MAX_EXP = 21n
const MIN_MANTISSA = SAFE_FLOAT_MAX / 10n
const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n
const U64_MAX = (1n << 64n) - 1n
const U128_MAX = (1n << 128n) - 1n

/** 10^k for k ≤ DOWN (covers the 20 digits a u64 mantissa is raised by, and the division steps). */
const DOWN = 60
const POW10: bigint[] = []
for (let k = 0, p = 1n; k <= DOWN; k++, p *= 10n) POW10.push(p)
const POW_EXP: bigint[] = POW10.map((_, k) => BigInt(k))
/**
 * DOWN_LIMIT[k] = (SAFE_FLOAT_MAX + 1) · 10^k: k truncating divisions by 10 bring a mantissa to
 * SAFE_FLOAT_MAX or less exactly when it is below this (floor(m/10^k) ≤ MAX ⇔ m < (MAX+1)·10^k).
 */
const DOWN_LIMIT: bigint[] = POW10.map((p) => (SAFE_FLOAT_MAX + 1n) * p)

/** 10^e, capped at 10^(SAFE_FLOAT_MAX_EXP+1) for larger e (the source never needs more). */
function cappow10(e: bigint): bigint {
  if (e > SAFE_FLOAT_MAX_EXP + 1n) return SAFE_FLOAT_MAX * 10n
  return e >= 0n ? POW10[Number(e)]! : 10n ** e
}

/** i64 saturating subtraction, as the source computes exponent differences. */
function satSubI64(a: bigint, b: bigint): bigint {
  const d = a - b
  return d > I64_MAX ? I64_MAX : d < I64_MIN ? I64_MIN : d
}

export class SafeFloat {
  private constructor(readonly mantissa: bigint, readonly exponent: bigint) {}

  static zero(): SafeFloat {
    return ZERO
  }

  /** `SafeFloat::new`: null if the mantissa exceeds SAFE_FLOAT_MAX or the exponent leaves i64. */
  static new(mantissa: bigint, exponent: bigint): SafeFloat | null {
    if (mantissa < 0n || mantissa > SAFE_FLOAT_MAX) return null
    return SafeFloat.normalize(mantissa, exponent)
  }

  /** Brings the mantissa into (MAX/10, MAX]; null when the exponent over- or underflows i64. */
  static normalize(mantissa: bigint, exponent: bigint): SafeFloat | null {
    if (mantissa === 0n) return ZERO
    // The source's loops divide (then multiply) by 10 one digit at a time, checking the exponent
    // each step: k truncating divisions by 10 are one by 10^k, and the exponent moves one way in
    // each loop, so one step of k digits checked once gives the same value (and the same null)
    // without the loop's 2k intermediate bigints.
    let m = mantissa
    let e = exponent
    if (m > SAFE_FLOAT_MAX) {
      let k = 1
      while (k < DOWN_LIMIT.length && m >= DOWN_LIMIT[k]!) k++
      if (k < DOWN_LIMIT.length) {
        m /= POW10[k]!
        e += POW_EXP[k]!
        if (e > I64_MAX) return null
      } else {
        while (m > SAFE_FLOAT_MAX) {
          m /= 10n
          e += 1n
          if (e > I64_MAX) return null
        }
      }
    }
    if (m <= MIN_MANTISSA) {
      // the smallest k with m · 10^k > 10^20 (MIN_MANTISSA): m > 10^(20−k), or k = 21 for m = 1
      let k = 1
      while (k < 21 && m <= POW10[20 - k]!) k++
      m *= POW10[k]!
      e -= POW_EXP[k]!
      if (e < I64_MIN) return null
    }
    return new SafeFloat(m, e)
  }

  /** `From<u64>`. */
  static fromU64(value: bigint): SafeFloat {
    return SafeFloat.new(value, 0n) ?? ZERO
  }

  /** `From<U64F64>`: integer part plus (fraction bits / 2^64) through SafeFloat division. */
  static fromU64F64(bits: bigint): SafeFloat {
    if (bits === 0n) return ZERO
    const int = bits >> U64F64.frac
    const frac = bits & ((1n << 64n) - 1n)
    const safeInt = SafeFloat.new(int, 0n) ?? ZERO
    const num = SafeFloat.new(frac, 0n) ?? ZERO
    const two64 = SafeFloat.new(1n << 64n, 0n) ?? ZERO
    const safeFrac = num.div(two64) ?? ZERO
    return safeInt.add(safeFrac) ?? ZERO
  }

  isZero(): boolean {
    return this.mantissa === 0n
  }

  /** self / a keeping 21 mantissa digits: (m1·MAX / m2) · 10^(e1 − e2 − 21). */
  div(a: SafeFloat): SafeFloat | null {
    const e = this.exponent - a.exponent - SAFE_FLOAT_MAX_EXP
    if (e > I64_MAX || e < I64_MIN) return null
    if (a.mantissa === 0n) return null
    return SafeFloat.normalize((this.mantissa * SAFE_FLOAT_MAX) / a.mantissa, e)
  }

  /** The smaller operand is aligned down to the larger exponent (truncating) and added. */
  add(a: SafeFloat): SafeFloat | null {
    if (this.isZero()) return a
    if (a.isZero()) return this
    if (this.exponent >= a.exponent) {
      const m2 = a.mantissa / cappow10(satSubI64(this.exponent, a.exponent))
      return SafeFloat.normalize(this.mantissa + m2, this.exponent)
    }
    const m1 = this.mantissa / cappow10(satSubI64(a.exponent, this.exponent))
    return SafeFloat.normalize(m1 + a.mantissa, a.exponent)
  }

  /** Like add, with U256 saturating subtraction of the aligned mantissas (floors at 0). */
  sub(a: SafeFloat): SafeFloat | null {
    if (this.isZero() && a.isZero()) return ZERO
    if (this.isZero()) return null
    if (a.isZero()) return this
    let m: bigint
    let e: bigint
    if (this.exponent >= a.exponent) {
      m = this.mantissa - a.mantissa / cappow10(satSubI64(this.exponent, a.exponent))
      e = this.exponent
    } else {
      m = this.mantissa / cappow10(satSubI64(a.exponent, this.exponent)) - a.mantissa
      e = a.exponent
    }
    return SafeFloat.normalize(m < 0n ? 0n : m, e)
  }

  /** self · a / b with the full product kept before the one truncating division. */
  mulDiv(a: SafeFloat, b: SafeFloat): SafeFloat | null {
    if (b.mantissa === 0n) return null
    const ea = this.exponent + a.exponent
    if (ea > I64_MAX || ea < I64_MIN) return null
    const e = ea - b.exponent
    if (e > I64_MAX || e < I64_MIN) return null
    return SafeFloat.normalize((this.mantissa * a.mantissa) / b.mantissa, e)
  }

  /** self > a, for normalised values. */
  gt(a: SafeFloat): boolean {
    if (this.exponent === a.exponent) return this.mantissa > a.mantissa
    if (this.exponent > a.exponent) {
      if (satSubI64(this.exponent, a.exponent) > 1n) return true
      return 10n * this.mantissa > a.mantissa
    }
    if (satSubI64(a.exponent, this.exponent) > 1n) return false
    return this.mantissa > 10n * a.mantissa
  }

  equals(a: SafeFloat): boolean {
    return this.mantissa === a.mantissa && this.exponent === a.exponent
  }

  /** `From<&SafeFloat> for u64`: truncating, saturating at u64::MAX. */
  toU64(): bigint {
    if (this.exponent === 0n) return this.mantissa > U64_MAX ? U64_MAX : this.mantissa
    const scale = cappow10(this.exponent < 0n ? -this.exponent : this.exponent)
    const q = this.exponent > 0n ? this.mantissa * scale : this.mantissa / scale
    return q > U64_MAX ? U64_MAX : q
  }

  /** `From<&SafeFloat> for f64` (the source uses it only in tests): mantissa · 10^exponent. */
  toF64(): number {
    return Number(this.mantissa) * 10 ** Number(this.exponent)
  }

  /** SCALE encoding: mantissa u128 LE then exponent i64 LE (24 bytes). */
  encode(): Uint8Array {
    const out = new Uint8Array(24)
    const view = new DataView(out.buffer)
    view.setBigUint64(0, this.mantissa & U64_MAX, true)
    view.setBigUint64(8, this.mantissa >> 64n, true)
    view.setBigInt64(16, this.exponent, true)
    return out
  }

  /**
   * Decodes the 24 stored bytes verbatim (storage may hold any mantissa/exponent pair, as
   * `Decode` does not normalise).
   */
  static decode(bytes: Uint8Array): SafeFloat {
    if (bytes.length < 24) throw new RangeError('SafeFloat: need 24 bytes')
    const view = new DataView(bytes.buffer, bytes.byteOffset, 24)
    const mantissa = view.getBigUint64(0, true) | (view.getBigUint64(8, true) << 64n)
    return new SafeFloat(mantissa & U128_MAX, view.getBigInt64(16, true))
  }
}

const ZERO: SafeFloat = SafeFloat.decode(new Uint8Array(24))

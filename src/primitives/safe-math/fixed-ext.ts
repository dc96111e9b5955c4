/**
 * `FixedExt` from subtensor `primitives/safe-math`, for any substrate-fixed type: safe
 * division, integer powers, bisection square root, the truncated-series natural log, floor.
 * Each uses the fixed-point ops with the rounding of the crate (see ../fixed/ops.ts).
 */
import {
  type FixedType,
  checkedAdd, checkedDiv, checkedMul, checkedSub, fromF64, fromInt, intPart,
  saturatingAdd, saturatingMul, saturatingSub,
} from '../fixed/index.js'

/** `safe_div`: `checked_div` or 0 (zero divisor and overflow alike). */
export function safeDiv(t: FixedType, a: bigint, b: bigint): bigint {
  return checkedDiv(t, a, b) ?? 0n
}

/** `safe_div_or`: `checked_div` or `def`. */
export function safeDivOr(t: FixedType, a: bigint, b: bigint, def: bigint): bigint {
  return checkedDiv(t, a, b) ?? def
}

/** `abs_diff`: |a − b| with saturating subtraction. */
export function absDiff(t: FixedType, a: bigint, b: bigint): bigint {
  return a < b ? saturatingSub(t, b, a) : saturatingSub(t, a, b)
}

const I32_MIN = -(2 ** 31)
const I32_MAX = 2 ** 31 - 1

/** `checked_pow`: binary exponentiation with saturating multiplies; 0^negative is null. */
export function checkedPow(t: FixedType, x: bigint, exponent: number | bigint): bigint | null {
  const e0 = Number(exponent)
  const e = e0 < I32_MIN ? I32_MIN : e0 > I32_MAX ? I32_MAX : Math.trunc(e0)
  const one = fromInt(t, 1)
  if (e === 0) return one
  if (x === 0n) return e < 0 ? null : 0n
  let result = one
  let base = x
  let n = Math.abs(e)
  while (n > 0) {
    if (n & 1) result = saturatingMul(t, result, base)
    base = saturatingMul(t, base, base)
    n = Math.floor(n / 2)
  }
  if (e < 0) result = checkedDiv(t, one, result) ?? 0n
  return result
}

/** `checked_sqrt`: bisection until |x/mid − mid| ≤ epsilon or 129 rounds; null for x < 0. */
export function checkedSqrt(t: FixedType, x: bigint, epsilon: bigint): bigint | null {
  const one = fromInt(t, 1)
  const two = fromInt(t, 2)
  if (x < 0n) return null
  let high: bigint
  let low: bigint
  if (x > one) {
    high = x
    low = 0n
  } else {
    high = one
    low = x
  }
  let middle = safeDiv(t, saturatingAdd(t, high, low), two)
  let iteration = 0
  let check = safeDiv(t, x, middle)
  while (absDiff(t, check, middle) > epsilon) {
    if (check < middle) high = middle
    else low = middle
    middle = safeDiv(t, saturatingAdd(t, high, low), two)
    check = safeDiv(t, x, middle)
    iteration += 1
    if (iteration > 128) break
  }
  return middle
}

/** `checked_ln`: scale into [1, 2), 8-term series of ln(1+z), plus exp·ln 2 (ln 2 from f64). */
export function checkedLn(t: FixedType, x: bigint): bigint | null {
  if (x <= 0n) return null
  const one = fromInt(t, 1)
  const two = fromInt(t, 2)
  const ln2 = fromF64(t, Math.LN2)
  let exp = 0n
  let y: bigint | null = x
  while (y >= two) {
    y = checkedDiv(t, y, two)
    if (y === null) return null
    exp += 1n
  }
  while (y < one) {
    y = checkedMul(t, y, two)
    if (y === null) return null
    exp -= 1n
  }
  const z = checkedSub(t, y, one)
  if (z === null) return null
  const powers: bigint[] = [z]
  for (let i = 1; i < 8; i++) {
    const p = checkedMul(t, powers[i - 1] as bigint, z)
    if (p === null) return null
    powers.push(p)
  }
  // coefficients exactly as the crate writes them: f64 literals rounded into the type
  const coeffs = [0.5, 1.0 / 3.0, 0.25, 0.2, 1.0 / 6.0, 1.0 / 7.0, 0.125]
  let acc: bigint | null = z
  for (let i = 0; i < coeffs.length; i++) {
    const term = checkedMul(t, powers[i + 1] as bigint, fromF64(t, coeffs[i] as number))
    if (term === null) return null
    acc = i % 2 === 0 ? checkedSub(t, acc, term) : checkedAdd(t, acc, term)
    if (acc === null) return null
  }
  const expLn2 = checkedMul(t, fromInt(t, exp), ln2)
  if (expLn2 === null) return null
  return checkedAdd(t, acc, expLn2)
}

/** `checked_log`: change of base through `checked_ln`; base ≤ 0 or 1 is null. */
export function checkedLog(t: FixedType, x: bigint, base: bigint): bigint | null {
  if (base <= 0n || base === fromInt(t, 1)) return null
  const lx = checkedLn(t, x)
  if (lx === null) return null
  const lb = checkedLn(t, base)
  if (lb === null) return null
  return checkedDiv(t, lx, lb)
}

/**
 * `x.checked_floor()` on a concrete fixed type resolves to the crate's inherent method (it
 * shadows `FixedExt::checked_floor`, whose negative branch would subtract one too many):
 * the largest integer ≤ x, null if that does not fit.
 */
export function checkedFloor(t: FixedType, x: bigint): bigint | null {
  const f = intPart(t, x)
  return f >= t.min ? f : null
}

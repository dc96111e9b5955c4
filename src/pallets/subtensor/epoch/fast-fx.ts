/**
 * I32F32 arithmetic on JS numbers, exact: a value is its raw i64 bits held in a double, which is
 * exact while |raw| < 2^53. The epoch's proportions live in [0, 2^33) raw, so every product and
 * quotient here splits its operands into 16-bit limbs to keep each partial result below 2^53,
 * giving bit-for-bit the floors of math-fx.ts's bigint versions (multiply floors toward −∞,
 * divide truncates) — many times faster, without allocating.
 */
export const TWO16 = 65536
export const TWO32 = 4294967296
export const ONE = TWO32
const I64_MAX_Q = 2 ** 31 // a quotient ≥ 2^31 overflows I32F32: safe_div gives 0

/** floor(|a|·|b| / 2^32) for 0 ≤ a < 2^37, 0 ≤ b ≤ 2^33; returns [quotient, remainder ≠ 0]. */
function mulMag(a: number, b: number): number {
  const ah = Math.floor(a / TWO16)
  const al = a - ah * TWO16
  const p1 = ah * b
  const p2 = al * b
  const q1 = Math.floor(p1 / TWO16)
  const low = (p1 - q1 * TWO16) * TWO16 + p2
  const q = q1 + Math.floor(low / TWO32)
  mulRem = low - Math.floor(low / TWO32) * TWO32
  return q
}
let mulRem = 0

/** `saturating_mul` / `checked_mul` within range: floor(a·b / 2^32), toward −∞ for negatives. */
export function mul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0
  const neg = (a < 0) !== (b < 0)
  const x = a < 0 ? -a : a
  const y = b < 0 ? -b : b
  const q = x >= y ? mulMag(x, y) : mulMag(y, x)
  if (!neg) return q
  return mulRem !== 0 ? -(q + 1) : -q
}

/** floor(t / b) for integers t < 2^53, b > 0, corrected for the double division's rounding. */
function idiv(t: number, b: number): number {
  let q = Math.floor(t / b)
  let r = t - q * b
  while (r < 0) { q--; r += b }
  while (r >= b) { q++; r -= b }
  idivRem = r
  return q
}
let idivRem = 0

/** `safe_div` for a ≥ 0, b ≥ 0 below 2^37: floor(a·2^32 / b); 0 when b = 0 or on overflow. */
export function div(a: number, b: number): number {
  if (b === 0) return 0
  const q0 = idiv(a, b)
  if (q0 >= I64_MAX_Q) return 0
  const q1 = idiv(idivRem * TWO16, b)
  const q2 = idiv(idivRem * TWO16, b)
  return q0 * TWO32 + q1 * TWO16 + q2
}

/** `fixed_proportion_to_u16`: floor(x·65535 / 2^32), clamped to u16. */
export function toU16(x: number): number {
  if (x <= 0) return 0
  const v = Math.floor((x * 65535) / TWO32)
  return v > 65535 ? 65535 : v
}

/** Normalises in place (each x / Σx) when the sum is non-zero. */
export function normalizeInPlace(x: number[]): void {
  let s = 0
  for (const v of x) s += v
  if (s === 0) return
  for (let i = 0; i < x.length; i++) x[i] = div(x[i] as number, s)
}

/** x / s for every entry when s ≠ 0 (`inplace_normalize_using_sum`). */
export function divideInPlace(x: number[], s: number): void {
  if (s === 0) return
  for (let i = 0; i < x.length; i++) x[i] = div(x[i] as number, s)
}

export const toBig = (x: number): bigint => BigInt(x)
export const fromBig = (x: bigint): number => Number(x)

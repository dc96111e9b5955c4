/**
 * I32F32 arithmetic on JS numbers, exact: a value is its raw i64 bits held in a double, which is
 * exact while |raw| < 2^53. The epoch's proportions live in [0, 2^33) raw, so every product and
 * quotient here is taken exactly when it fits in 2^53, else split into limbs whose partial results do,
 * giving bit-for-bit the floors of math-fx.ts's bigint versions (multiply floors toward −∞,
 * divide truncates) — many times faster, without allocating.
 */
export const TWO16 = 65536
export const TWO32 = 4294967296
export const ONE = TWO32
const I64_MAX_Q = 2 ** 31 // a quotient ≥ 2^31 overflows I32F32: safe_div gives 0
const TWO20 = 1048576

const TWO53 = 2 ** 53
const TWO26 = 67108864

// No helper here keeps a remainder in a module variable: a double stored outside a function is
// boxed on the heap, and at ~10^5 operations per epoch that garbage costs more than the arithmetic.

/** `saturating_mul` / `checked_mul` for |a|, |b| < 2^37: floor(a·b / 2^32), toward −∞ for negatives. */
export function mul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0
  const neg = (a < 0) !== (b < 0)
  let x = a < 0 ? -a : a
  let y = b < 0 ? -b : b
  if (x < y) { const t = x; x = y; y = t }
  let q: number
  let exact: boolean
  const p = x * y
  if (p < TWO53) {
    // the product itself is exact
    q = Math.floor(p / TWO32)
    exact = q * TWO32 === p
  } else {
    // x, y < 2^37 split at 2^26: x·y = hh·2^52 + mid·2^26 + ll, every partial below 2^53
    const xh = Math.floor(x / TWO26)
    const xl = x - xh * TWO26
    const yh = Math.floor(y / TWO26)
    const yl = y - yh * TWO26
    const mid = xh * yl + xl * yh
    const mh = Math.floor(mid / 64)
    const low = (mid - mh * 64) * TWO26 + xl * yl
    const lq = Math.floor(low / TWO32)
    q = xh * yh * TWO20 + mh + lq
    exact = low === lq * TWO32
  }
  if (!neg) return q
  return exact ? -q : -(q + 1)
}

/** floor(t / b) for integers t < 2^53, b > 0, corrected for the double division's rounding. */
function idiv(t: number, b: number): number {
  let q = Math.floor(t / b)
  let r = t - q * b
  while (r < 0) { q--; r += b }
  while (r >= b) { q++; r -= b }
  return q
}

/** `safe_div` for a ≥ 0, b ≥ 0 below 2^37: floor(a·2^32 / b); 0 when b = 0 or on overflow. */
export function div(a: number, b: number): number {
  if (b === 0) return 0
  // |a|·2^32 < 2^52 is exact, and so is q·b (within b of it): one corrected division suffices
  if (a < TWO20 && a > -TWO20) return idiv(a * TWO32, b)
  const q0 = idiv(a, b)
  if (q0 >= I64_MAX_Q) return 0
  const t1 = (a - q0 * b) * TWO16
  const q1 = idiv(t1, b)
  const q2 = idiv((t1 - q1 * b) * TWO16, b)
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

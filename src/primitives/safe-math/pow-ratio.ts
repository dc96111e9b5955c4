/**
 * `SafeInt::pow_ratio_scaled` from `safe-bigmath` (rev 013c4998, the one subtensor pins), which
 * the balancer swap uses for `floor(scale · (num/den)^(exp_num/exp_den))`.
 *
 * Two paths, as in the source: after reducing the exponent by its gcd, exponents whose terms
 * are both ≤ 1024 are computed exactly with an integer floor n-th root; anything else goes
 * through a fixed-point ln/exp series with `max(precision, 32, bits(scale)+8)` bits plus 24
 * guard bits, then floors. Every intermediate division below is a floor, like `div_floor`.
 */

export const DEFAULT_MAX_ITERS = 4_096
const MAX_EXACT_EXPONENT = 1_024n
const GUARD_BITS = 24n

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q
}

/**
 * Bits of a non-negative x. A double's exponent gives it within one (the conversion may round up
 * to the next power of two, and log2 may be an ulp off), and two shifts settle it: no string of
 * x's digits is made. Beyond a double's range, from its hex digits.
 */
export function bitLength(x: bigint): bigint {
  if (x === 0n) return 0n
  const f = Number(x)
  if (f === Infinity) {
    const hex = x.toString(16)
    return BigInt((hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16))))
  }
  let bits = Math.floor(Math.log2(f)) + 1
  while (bits > 1 && x >> BigInt(bits - 1) === 0n) bits--
  while (x >> BigInt(bits) !== 0n) bits++
  return BigInt(bits)
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const r = a % b
    a = b
    b = r
  }
  return a
}

/**
 * Largest r with r^q · den ≤ num (num ≥ 0, den > 0), by binary search. The predicate is monotone
 * in r, so any upper bound gives the same r: num/den < 2^(bits(num) − bits(den) + 1) bounds it
 * without the doubling search; for q = 1 the answer is the floor quotient itself.
 */
function nthRootRatioFloor(num: bigint, den: bigint, q: bigint): bigint {
  if (q === 0n) return 0n
  if (q === 1n) return num / den
  const spanBits = bitLength(num) - bitLength(den) + 1n
  let low = 0n
  let high = spanBits <= 0n ? 1n : 1n << ((spanBits + q - 1n) / q)
  while (low < high) {
    const mid = (low + high + 1n) >> 1n
    if (mid ** q * den <= num) low = mid
    else high = mid - 1n
  }
  return low
}

/** Drops the guard bits rounding half away from zero. */
function roundToPrecision(value: bigint, guard: bigint): bigint {
  let truncated = value / guard
  const rem = value - truncated * guard
  if (rem !== 0n) {
    const absRem = rem < 0n ? -rem : rem
    if (absRem << 1n >= guard) truncated += rem < 0n ? -1n : 1n
  }
  return truncated
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x)

/** `a ↦ ⌊a/d⌋` for d > 0; a shift when d is a power of two (every internal scale is). */
function floorDivBy(d: bigint): (a: bigint) => bigint {
  const k = bitLength(d) - 1n
  return d === 1n << k ? (a) => a >> k : (a) => floorDiv(a, d)
}

/** ln 2 at a given internal scale and iteration cap: a pure function of both, so computed once each. */
const lnTwoCache = new Map<string, bigint>()
function lnTwoAt(internalScale: bigint, guard: bigint, iters: number): bigint {
  const key = `${internalScale}:${guard}:${iters}`
  let v = lnTwoCache.get(key)
  if (v === undefined) {
    v = -ln1pFixed(-(internalScale >> 1n), internalScale, guard, iters)
    lnTwoCache.set(key, v)
  }
  return v
}

/** ln(1 + x) by its Taylor series, stopping once the rounded value settles. */
function ln1pFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  const divScale = floorDivBy(scale)
  let term = x
  let result = term
  let prevRounded = roundToPrecision(result, guard)
  for (let n = 2; n <= maxIters; n++) {
    term = divScale(term * x)
    if (term === 0n) break
    const next = floorDiv(term, BigInt(n))
    if (next === 0n) break
    if (n % 2 === 0) result -= next
    else result += next
    const rounded = roundToPrecision(result, guard)
    if (abs(next) < guard || rounded === prevRounded) break
    prevRounded = rounded
  }
  return result
}

/** e^x by its Taylor series with the same stopping rule. */
function expFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = scale
  let result = term
  let prevRounded = roundToPrecision(result, guard)
  const divScale = floorDivBy(scale)
  for (let n = 1; n <= maxIters; n++) {
    // ⌊⌊a/scale⌋/n⌋ = ⌊a/(scale·n)⌋ for positive divisors
    term = floorDiv(divScale(term * x), BigInt(n))
    if (term === 0n) break
    result += term
    const rounded = roundToPrecision(result, guard)
    if (abs(term) < guard || rounded === prevRounded) break
    prevRounded = rounded
  }
  return result
}

/** ln of a positive integer: mantissa normalised into [0.5, 1.5) plus shift · ln 2. */
function lnBig(value: bigint, precision: bigint, scale: bigint, guard: bigint, lnTwo: bigint, maxIters: number): bigint {
  if (value === 0n) return 0n
  let shift = bitLength(value) - 1n
  let mantissa = (value << precision) >> shift
  if (mantissa >= scale + (scale >> 1n)) {
    mantissa >>= 1n
    shift += 1n
  }
  return ln1pFixed(mantissa - scale, scale, guard, maxIters) + lnTwo * shift
}

export function powRatioScaled(
  baseNumerator: bigint,
  baseDenominator: bigint,
  exponentNumerator: bigint,
  exponentDenominator: bigint,
  precision: number,
  scale: bigint,
  maxIters?: number,
): bigint | null {
  if (baseDenominator === 0n || exponentDenominator === 0n) return null
  if (baseNumerator === 0n) return 0n
  if (scale < 0n) return null
  if (baseNumerator < 0n || baseDenominator < 0n) return null
  // to_biguint() of a negative exponent term fails
  if (exponentNumerator < 0n || exponentDenominator < 0n) return null
  let expNum = exponentNumerator
  let expDen = exponentDenominator
  if (expNum === 0n) return scale

  const g = gcd(expNum, expDen)
  if (g > 1n) {
    expNum /= g
    expDen /= g
  }

  // (the source also asks that both terms fit 32 bits, which any term ≤ 1024 does)
  if (expNum <= MAX_EXACT_EXPONENT && expDen <= MAX_EXACT_EXPONENT) {
    // Equal weights reduce to 1/1, the balancer's usual case: floor(scale · num / den), no powers.
    if (expNum === 1n && expDen === 1n) return (baseNumerator * scale) / baseDenominator
    const targetNum = baseNumerator ** expNum * scale ** expDen
    const targetDen = baseDenominator ** expNum
    return nthRootRatioFloor(targetNum, targetDen, expDen)
  }

  const scaleBits = bitLength(scale)
  let requested = BigInt(Math.max(precision, 32))
  if (scaleBits + 8n > requested) requested = scaleBits + 8n
  const internal = requested + GUARD_BITS
  const defaultMax = Math.min(DEFAULT_MAX_ITERS, Number(internal) + 128)
  const iters = Math.max(maxIters ?? defaultMax, 1)

  const targetScale = 1n << requested
  const guard = 1n << GUARD_BITS
  const internalScale = targetScale << GUARD_BITS

  const lnTwo = lnTwoAt(internalScale, guard, iters)
  const lnNum = lnBig(baseNumerator, internal, internalScale, guard, lnTwo, iters)
  const lnDen = lnBig(baseDenominator, internal, internalScale, guard, lnTwo, iters)
  const lnScaled = floorDiv((lnNum - lnDen) * expNum, expDen)
  const expFp = expFixed(lnScaled, internalScale, guard, iters)
  const expRequested = roundToPrecision(expFp, guard)
  return floorDiv(expRequested * scale, targetScale)
}

import { describe, expect, it } from 'vitest'
import { rng as mulberry32 } from '../../../bench/lib/rng.js'
import { SAFE_FLOAT_MAX, SafeFloat } from './safe-float.js'

// normalize takes whole digit steps; the source walks one digit at a time with an i64 check per
// step. Held here to that walk, written out as the source has it.
const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n
function sourceNormalize(mantissa: bigint, exponent: bigint): [bigint, bigint] | null {
  if (mantissa === 0n) return [0n, 0n]
  let m = mantissa
  let e = exponent
  while (m > SAFE_FLOAT_MAX) { m /= 10n; e += 1n; if (e > I64_MAX) return null }
  while (m <= SAFE_FLOAT_MAX / 10n) { m *= 10n; e -= 1n; if (e < I64_MIN) return null }
  return [m, e]
}

function check(m: bigint, e: bigint): void {
  const got = SafeFloat.normalize(m, e)
  const want = sourceNormalize(m, e)
  expect(got === null ? null : [got.mantissa, got.exponent], `normalize(${m}, ${e})`).toEqual(want)
}

describe('SafeFloat.normalize in digit steps', () => {
  it('equals the digit-by-digit walk at every digit count and at the boundaries', () => {
    const edges = [0n, 1n, 9n, 10n, 11n, SAFE_FLOAT_MAX / 10n, SAFE_FLOAT_MAX / 10n + 1n, SAFE_FLOAT_MAX - 1n, SAFE_FLOAT_MAX, SAFE_FLOAT_MAX + 1n]
    const ms: bigint[] = [...edges]
    // around every power of ten up to 10^80 (past the step table), and (MAX+1)·10^k ± a little
    for (let k = 0n; k <= 80n; k++) {
      const p = 10n ** k
      ms.push(p - 1n, p, p + 1n, p + 5n, 2n * p, 10n * p - 1n)
      const lim = (SAFE_FLOAT_MAX + 1n) * p
      ms.push(lim - 1n, lim, lim + 1n, lim + 9n * p, lim + 10n * p)
    }
    const es = [0n, -5n, 7n, I64_MAX, I64_MAX - 1n, I64_MAX - 20n, I64_MIN, I64_MIN + 1n, I64_MIN + 20n, I64_MIN + 21n]
    for (const m of ms) for (const e of es) if (m >= 0n) check(m, e)
  })

  it('equals it on random mantissas up to 2^256 (the U256 products of mul_div)', () => {
    const rnd = mulberry32(425)
    for (let i = 0; i < 20_000; i++) {
      const bits = 1 + Math.floor(rnd() * 256)
      let m = 0n
      for (let b = 0; b < bits; b += 30) m = (m << 30n) | BigInt(Math.floor(rnd() * 2 ** 30))
      m &= (1n << BigInt(bits)) - 1n
      const e = BigInt(Math.floor((rnd() - 0.5) * 200))
      check(m, e)
    }
  })
})

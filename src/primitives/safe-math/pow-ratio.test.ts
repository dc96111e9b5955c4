// The exact path of pow_ratio_scaled (integer n-th root) against the plain search it replaced:
// doubling an upper bound from 1, then the same binary search.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bitLength, powRatioScaled } from './pow-ratio.js'

function rootBySearch(num: bigint, den: bigint, q: bigint): bigint {
  let low = 0n
  let high = 1n
  while (high ** q * den <= num) high <<= 1n
  while (low < high) {
    const mid = (low + high + 1n) >> 1n
    if (mid ** q * den <= num) low = mid
    else high = mid - 1n
  }
  return low
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))

/** The exact path as safe-bigmath computes it (exponents already within 1024 after the gcd). */
function exactReference(bn: bigint, bd: bigint, en: bigint, ed: bigint, scale: bigint): bigint {
  const g = gcd(en, ed)
  const [n, d] = [en / g, ed / g]
  return rootBySearch(bn ** n * scale ** d, bd ** n, d)
}

describe('pow_ratio_scaled exact path', () => {
  it('equals the doubling search for random bases, exponents and scales', () => {
    const big = fc.bigInt({ min: 1n, max: (1n << 80n) - 1n })
    fc.assert(fc.property(big, big, fc.bigInt({ min: 1n, max: 24n }), fc.bigInt({ min: 1n, max: 24n }), fc.constantFrom(1n, 1000n, 10n ** 9n, 10n ** 18n),
      (bn, bd, en, ed, scale) => {
        expect(powRatioScaled(bn, bd, en, ed, 256, scale)).toBe(exactReference(bn, bd, en, ed, scale))
      }), { numRuns: 400 })
  })

  it('equal weights (the balancer at ½/½) give the floor quotient', () => {
    const x = 123_456_789_012n
    const dx = 987_654n
    expect(powRatioScaled(x, x + dx, 5n * 10n ** 17n, 5n * 10n ** 17n, 256, 10n ** 18n)).toBe((x * 10n ** 18n) / (x + dx))
    expect(powRatioScaled(7n, 3n, 1n, 1n, 256, 1n)).toBe(2n)
    expect(powRatioScaled(2n, 3n, 1n, 1n, 256, 1n)).toBe(0n)
  })

  it('matches hand-checked roots at the edges of the bound', () => {
    // (num/den)^(1/q) exactly an integer, and one below it
    expect(powRatioScaled(1n << 64n, 1n, 1n, 4n, 0, 1n)).toBe(1n << 16n)
    expect(powRatioScaled((1n << 64n) - 1n, 1n, 1n, 4n, 0, 1n)).toBe((1n << 16n) - 1n)
    expect(powRatioScaled(1n, 1n << 40n, 1n, 3n, 0, 1n)).toBe(0n)
  })
})

describe('bitLength', () => {
  it('is the length of the binary digits, around every power of two and at random', () => {
    const cases: bigint[] = [1n, 2n, 3n]
    for (let k = 1n; k <= 1100n; k++) cases.push((1n << k) - 1n, 1n << k, (1n << k) + 1n)
    let x = 0x9e3779b97f4a7c15n
    for (let i = 0; i < 5_000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n)
      cases.push(x >> (x & 63n), (x << (x & 255n)) | 1n, x ** (1n + (x & 7n)))
    }
    for (const c of cases) if (c > 0n) expect(bitLength(c)).toBe(BigInt(c.toString(2).length))
    expect(bitLength(0n)).toBe(0n)
  })
})

// Port of the concrete-number tests in subtensor pallets/swap/src/pallet/balancer.rs (mod tests,
// HEAD 14bc6f9). Expected values are the tests' own f64 formulas and literals.
import { describe, expect, it } from 'vitest'
import * as F from '../../primitives/fixed/index.js'
import { Balancer, mulPerquintillRound, perquintillFromRational } from './balancer.js'

const U = F.U64F64
const ONE = 10n ** 18n
const f = (bits: bigint): number => F.toF64(U, bits)
const fx = (x: number): bigint => F.fromF64(U, x)
const bal = (p: bigint, q: bigint): Balancer => Balancer.create(perquintillFromRational(p, q))!
const trunc = (x: number): bigint => BigInt(Math.trunc(x))

describe('pallets/swap/src/pallet/balancer.rs tests', () => {
  it('test_balancer_rejects_invalid_boundary_weights_without_panicking', () => {
    const min = ONE / 100n
    for (const q of [0n, 1n, min - 1n, ONE - min + 1n, ONE]) expect(Balancer.create(q)).toBeNull()
    expect(Balancer.create(min)).not.toBeNull()
    expect(Balancer.create(ONE - min)).not.toBeNull()
  })

  it('test_calculate_quote_delta_in', () => {
    const b = bal(250_000_000_000n, 1_000_000_000_000n)
    const [cur, tgt, y] = [fx(0.1), fx(0.2), 1_000_000_000n]
    const expected = Number(y) * ((f(tgt) / f(cur)) ** 0.75 - 1)
    expect(b.quoteDeltaIn(cur, tgt, y)).toBe(trunc(expected))
  })

  it('test_calculate_base_delta_in', () => {
    const b = bal(250_000_000_000n, 1_000_000_000_000n)
    const [cur, tgt, x] = [fx(0.2), fx(0.1), 1_000_000_000n]
    const expected = Number(x) * ((f(cur) / f(tgt)) ** 0.25 - 1)
    expect(b.baseDeltaIn(cur, tgt, x)).toBe(trunc(expected))
  })

  it('test_calculate_quote_delta_in_impossible / test_calculate_base_delta_in_impossible', () => {
    const b = bal(250_000_000_000n, 1_000_000_000_000n)
    expect(b.quoteDeltaIn(fx(0.1), fx(0.05), 1_000_000_000n)).toBe(0n)
    expect(b.baseDeltaIn(fx(0.1), fx(0.2), 1_000_000_000n)).toBe(0n)
  })

  it('test_calculate_delta_in_reverse_swap', () => {
    const num = 500_000_000_000
    const b = bal(BigInt(num), 1_000_000_000_000n)
    const [cur, tgt, y] = [fx(0.1), fx(0.2), 1_000_000_000n]
    const x = trunc(Number(y) / f(cur))
    const dy = b.quoteDeltaIn(cur, tgt, y)
    const dx = Number(x) * (1 - (Number(y) / (Number(y) + Number(dy))) ** (num / (1_000_000_000_000 - num)))
    const actual = b.calculatePrice(x - trunc(dx), y + dy)
    expect(Math.abs(f(actual) - f(tgt))).toBeLessThanOrEqual(f(tgt) / 1e9)
  })

  it('test_mul_round_zero_and_one / half / third / large / max', () => {
    expect(mulPerquintillRound(0n, 1_000_000n)).toBe(0n)
    expect(mulPerquintillRound(ONE, 1_000_000n)).toBe(1_000_000n)
    const half = perquintillFromRational(1n, 2n)
    for (const [v, r] of [[0n, 0n], [1n, 1n], [2n, 1n], [3n, 2n], [4n, 2n], [5n, 3n], [1023n, 512n], [1025n, 513n]]) {
      expect(mulPerquintillRound(half, v!)).toBe(r)
    }
    const third = perquintillFromRational(1n, 3n)
    for (const [v, r] of [[3n, 1n], [4n, 1n], [5n, 2n], [6n, 2n]]) expect(mulPerquintillRound(third, v!)).toBe(r)
    const v = 10n ** 18n
    expect(mulPerquintillRound(perquintillFromRational(7n, 10n), v)).toBe((v * 7n + 5n) / 10n)
    expect(mulPerquintillRound(ONE, F.U128_MAX)).toBe(F.U128_MAX)
  })

  it('test_price_* (equal weights, 2:1, y = 0, scale invariance, general quote, high values)', () => {
    expect(Math.abs(f(bal(1n, 2n).calculatePrice(2n, 5n)) - 2.5)).toBeLessThanOrEqual(1e-12)
    expect(Math.abs(f(bal(1n, 3n).calculatePrice(4n, 10n)) - 5)).toBeLessThanOrEqual(1e-10)
    expect(f(bal(3n, 10n).calculatePrice(10n, 0n))).toBe(0)
    const e = bal(1n, 2n)
    expect(Math.abs(f(e.calculatePrice(3n, 7n)) - f(e.calculatePrice(30n, 70n)))).toBeLessThanOrEqual(1e-12)
    const g = bal(2n, 5n)
    expect(Math.abs(f(g.calculatePrice(9n, 25n)) - (Number(g.base) / Number(g.quote)) * (25 / 9))).toBeLessThanOrEqual(1e-9)
    const h = bal(3n, 10n)
    const [x, y] = [21_000_000_000_000_000n, 15_000_000_000_000_000n]
    expect(Math.abs(f(h.calculatePrice(x, y)) - (Number(h.base) / Number(h.quote)) * (Number(y) / Number(x)))).toBeLessThanOrEqual(1e-9)
  })

  it('test_exp_scaled', () => {
    const cases: [bigint, bigint, bigint, bigint, boolean, number][] = [
      [5n, 10n, 100000n, 100n, true, 0.999000999000999],
      [1n, 4n, 500000n, 5000n, true, 0.970590147927644],
      [3n, 4n, 200000n, 2000n, false, 0.970590147927644],
      [9n, 10n, 13513642n, 1673n, false, 0.998886481979889],
      [773n, 1000n, 7_000_000_000n, 10_000n, true, 0.999999580484586],
    ]
    for (const [p, q, reserve, d, baseQuote, expected] of cases) {
      const r = bal(p, q).expScaled(reserve, d, baseQuote)
      expect(Math.abs(f(r) - f(fx(expected)))).toBeLessThanOrEqual(0.000000001)
    }
  })

  it('test_base_needed_for_quote', () => {
    const b = bal(250_000_000_000n, 1_000_000_000_000n)
    const [y, x, dy] = [1_000_000_000n, 1_000_000_000n, 1_123_432n]
    const expected = Number(y) * ((Number(y) / Number(y - dy)) ** (0.25 / 0.75) - 1)
    expect(b.baseNeededForQuote(y, x, dy)).toBe(trunc(expected))
  })
})

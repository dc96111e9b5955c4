// Port of subtensor pallets/subtensor/src/tests/subnet_emissions.rs (HEAD 14bc6f9): the live test
// of the price shares and the `inplace_pow_normalize` tests (the flow shares' normalisation).
// The flow-share tests the file keeps commented out are not ported.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { inplacePowNormalize } from '../../../src/pallets/subtensor/coinbase/flow-normalize.js'
import { shares } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { addDynamicNetwork, newTestExt, u256, useMockSwapConfig } from './head-mock.js'

useMockSwapConfig()

describe('tests/subnet_emissions.rs (HEAD)', () => {
  it('get_shares_ignores_root_prop_storage_when_prices_and_burns_match', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const n1 = addDynamicNetwork(ext, u256(70), u256(71))
    const n2 = addDynamicNetwork(ext, u256(70), u256(71))
    for (const n of [n1, n2]) {
      S.SubnetMovingPrice.set(s, n, { bits: F.fromInt(F.I96F32, 1) })
      S.MinerBurned.set(s, n, { bits: 0n })
    }
    S.RootProp.set(s, n1, { bits: F.fromInt(F.U96F32, 1) })
    S.RootProp.set(s, n2, { bits: F.saturatingFromF64(F.U96F32, 0.1) })
    expect(Math.abs(F.toF64(F.U96F32, S.RootProp.get(s, n1).bits) - 1)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(F.toF64(F.U96F32, S.RootProp.get(s, n2).bits) - 0.1)).toBeLessThanOrEqual(1e-9)
    const sh = shares(s, [n1, n2])
    const [s1, s2] = [F.toF64(F.U64F64, sh.get(n1)!), F.toF64(F.U64F64, sh.get(n2)!)]
    expect(Math.abs(s1 - 0.5)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(s2 - 0.5)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(s1 + s2 - 1)).toBeLessThanOrEqual(1e-9)
  })
})

describe('tests/subnet_emissions.rs (HEAD): inplace_pow_normalize', () => {
  const U = F.U64F64
  const u64f64 = (x: number): bigint => F.fromF64(U, x)
  const f = (bits: bigint | undefined): number => F.toF64(U, bits ?? 0n)
  const near = (a: number, b: number, eps: number): void => expect(Math.abs(a - b), `${a} within ${eps} of ${b}`).toBeLessThanOrEqual(eps)
  const flows = (entries: Array<[number, number]>): Map<number, bigint> => new Map(entries.map(([k, v]) => [k, u64f64(v)]))

  it('inplace_pow_normalize_all_zero_inputs_no_panic_and_unchanged', () => {
    const m = flows([[1, 0], [2, 0], [3, 0]])
    const before = new Map(m)
    inplacePowNormalize(m, u64f64(1.0))
    for (const [k, v] of before) near(f(m.get(k)), f(v), 1e-18)
  })

  it('inplace_pow_normalize_tiny_values_no_panic', () => {
    const m = flows([[10, 1e-9], [11, 2e-9], [12, 3e-9]])
    const before = new Map(m)
    inplacePowNormalize(m, u64f64(2.0))
    const sum = 1 + 4 + 9
    for (const [k, v] of before) {
      let expected = f(v)
      expected *= 1e18 * expected / sum
      near(f(m.get(k)), expected, expected / 100)
    }
  })

  it('inplace_pow_normalize_large_values_no_overflow_and_sum_to_one', () => {
    const m = flows([[1, 1e9], [2, 5e9], [3, 1e10]])
    inplacePowNormalize(m, u64f64(2.0))
    near([...m.values()].reduce((a, v) => a + f(v), 0), 1, 1e-9)
    for (const v of m.values()) {
      expect(Number.isFinite(f(v))).toBe(true)
      expect(f(v) >= 0 && f(v) <= 1).toBe(true)
    }
  })

  it('inplace_pow_normalize_regular_case_relative_proportions_preserved', () => {
    const m = flows([[7, 2.0], [8, 3.0], [9, 5.0]])
    inplacePowNormalize(m, u64f64(1.0))
    const [a, b, c] = [f(m.get(7)), f(m.get(8)), f(m.get(9))]
    near(a, 0.2, 0.001)
    near(b, 0.3, 0.001)
    near(c, 0.5, 0.001)
    near(a + b + c, 1, 1e-12)
  })

  it('inplace_pow_normalize_fractional_exponent', () => {
    for (const p of [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0]) {
      const m = flows([[7, 2.0], [8, 3.0], [9, 5.0]])
      inplacePowNormalize(m, u64f64(p))
      const [a, b, c] = [f(m.get(7)), f(m.get(8)), f(m.get(9))]
      const sum = 2 ** p + 3 ** p + 5 ** p
      const [ea, eb, ec] = [2 ** p / sum, 3 ** p / sum, 5 ** p / sum]
      near(a, ea, ea / 100)
      near(b, eb, eb / 100)
      near(c, ec, ec / 100)
      near(a + b + c, 1, 1e-12)
    }
  })
})

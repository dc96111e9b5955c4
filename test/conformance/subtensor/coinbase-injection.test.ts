// Port of subtensor pallets/subtensor/src/tests/coinbase.rs (HEAD 14bc6f9): the tests of the TAO
// side of the coinbase — shares, subnet terms, injection into the pools and the excess-TAO buy.
// (The drain / distribute / epoch tests belong with the epoch port.) Epsilons and expected values
// are the tests' own.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { injectAndMaybeSwap, subnetTerms } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { mintTao } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { alphaIssuance, rootProportion, subnetBlockEmissions, subnetsToEmitTo } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { getBlockEmissionForIssuance } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { currentPrice, maybeInitializePalSwap, swapHandler } from '../../../src/pallets/swap/index.js'
import {
  type Ext, addDynamicNetwork, addNetwork, mintAndRunCoinbase, newTestExt, runCoinbaseWith, setFullInjectionRootStake, setupReserves, u256, useMockSwapConfig,
} from './head-mock.js'

const W = F.U96F32
const U = F.U64F64
const w = (bits: bigint | undefined): number => F.toF64(W, bits ?? 0n)
const near = (a: bigint | number, b: bigint | number, eps: number): void => {
  expect(Math.abs(Number(a) - Number(b))).toBeLessThanOrEqual(eps)
}

useMockSwapConfig()

/** The three subnet-terms tests' set-up: a dynamic subnet with 1e15 / 1e15 reserves, pal-swap initialised. */
function dynamicPoolAt1e15(): { ext: Ext; s: Ext['s']; n: number } {
  const ext = newTestExt(1)
  const n = addDynamicNetwork(ext, u256(1), u256(2))
  setupReserves(ext.s, n, 10n ** 15n, 10n ** 15n)
  maybeInitializePalSwap(ext.s, n, null)
  return { ext, s: ext.s, n }
}

describe('tests/coinbase.rs (HEAD): TAO issuance and injection', () => {
  it('test_coinbase_basecase', () => {
    const ext = newTestExt(1)
    mintAndRunCoinbase(ext, 0n)
    expect(S.TotalIssuance.get(ext.s)).toBe(0n)
  })

  it('test_coinbase_tao_issuance_base', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const emission = 1_234_567n
    const netuid = addDynamicNetwork(ext, u256(1002), u256(1001))
    S.SubnetEmissionEnabled.set(s, netuid, true)
    S.SubnetMovingPrice.set(s, netuid, { bits: 1n << 32n })
    setFullInjectionRootStake(s)
    const [ti, taoIn, stake] = [S.TotalIssuance.get(s), S.SubnetTAO.get(s, netuid), S.TotalStake.get(s)]
    mintAndRunCoinbase(ext, emission)
    expect(S.SubnetTAO.get(s, netuid)).toBe(taoIn + emission)
    expect(S.TotalIssuance.get(s)).toBe(ti + emission)
    expect(S.TotalStake.get(s)).toBe(stake + emission)
  })

  it('test_coinbase_tao_issuance_base_low', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const credit = mintTao(s, ext.env, 1n)
    addNetwork(s, 1, 1)
    // The mock's ExistentialDeposit is 1; the runtime's is 500 RAO, below which a 1-RAO credit
    // cannot open the subnet account (the chain would recycle it too): the account is opened here.
    mint(s, ext.env, subnetAccountId(1), EXISTENTIAL_DEPOSIT)
    expect(S.SubnetTAO.get(s, 1)).toBe(0n)
    S.SubnetTaoFlow.set(s, 1, 33433n)
    runCoinbaseWith(ext, credit)
    expect(S.SubnetTAO.get(s, 1)).toBe(1n)
    expect(S.TotalIssuance.get(s)).toBe(1n)
    expect(S.TotalStake.get(s)).toBe(1n)
  })

  it('test_coinbase_tao_issuance_multiple', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const emission = 3_333_333n
    const credit = mintTao(s, ext.env, emission)
    for (const n of [1, 2, 3]) addNetwork(s, n, 1)
    for (const n of [1, 2, 3]) expect(S.SubnetTAO.get(s, n)).toBe(0n)
    for (const n of [1, 2, 3]) S.SubnetTaoFlow.set(s, n, 100_000_000n)
    runCoinbaseWith(ext, credit)
    for (const n of [1, 2, 3]) near(S.SubnetTAO.get(s, n), emission / 3n, 1)
    near(S.TotalIssuance.get(s), emission, 3)
    near(S.TotalStake.get(s), emission, 3)
  })

  it('test_coinbase_disabled_subnet_emission_redistributes_tao_to_enabled_subnets', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const emission = 3_333_333n
    for (const n of [1, 2, 3]) addNetwork(s, n, 1)
    S.SubnetEmissionEnabled.set(s, 2, false)
    for (const n of [1, 2, 3]) S.SubnetTaoFlow.set(s, n, 100_000_000n)
    const e = subnetBlockEmissions(s, [1, 2, 3], emission)
    near(w(e.get(1)), Number(emission / 2n), 2)
    near(w(e.get(2)), 0, 1)
    near(w(e.get(3)), Number(emission / 2n), 2)
    const terms = subnetTerms(s, e)
    expect(terms.get(2)!.alphaIn).toBe(0n)
    expect(terms.get(2)!.excessTao).toBe(0n)
    expect(terms.get(2)!.alphaOut > 0n).toBe(true)
    const [ti, stake] = [S.TotalIssuance.get(s), S.TotalStake.get(s)]
    mintAndRunCoinbase(ext, emission)
    near(S.SubnetTAO.get(s, 1), emission / 2n, 2)
    expect(S.SubnetTAO.get(s, 2)).toBe(0n)
    near(S.SubnetTAO.get(s, 3), emission / 2n, 2)
    near(S.TotalIssuance.get(s), ti + emission, 2)
    near(S.TotalStake.get(s), stake + emission, 2)
  })

  it('test_sudo_set_subnet_emission_enabled_multiple_subnets_multiple_toggles', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const emission = 3_000_000n
    for (const n of [1, 2, 3]) addNetwork(s, n, 1)
    setFullInjectionRootStake(s)
    const check = (e1: bigint, e2: bigint, e3: bigint): void => {
      for (const [n, e] of [[1, e1], [2, e2], [3, e3]] as const) {
        near(S.SubnetTaoInEmission.get(s, n), e, 2)
        expect(S.SubnetAlphaInEmission.get(s, n) === 0n).toBe(e === 0n)
        expect(S.SubnetAlphaOutEmission.get(s, n) > 0n).toBe(true)
      }
    }
    mintAndRunCoinbase(ext, emission)
    check(1_000_000n, 1_000_000n, 1_000_000n)
    S.SubnetTaoInEmission.set(s, 2, 123n)
    S.SubnetAlphaInEmission.set(s, 2, 123n)
    S.SubnetExcessTao.set(s, 2, 123n)
    S.SubnetEmissionEnabled.set(s, 2, false)
    mintAndRunCoinbase(ext, emission)
    check(1_500_000n, 0n, 1_500_000n)
    expect(S.SubnetExcessTao.get(s, 2)).toBe(0n)
    S.SubnetTaoInEmission.set(s, 1, 456n)
    S.SubnetAlphaInEmission.set(s, 1, 456n)
    S.SubnetExcessTao.set(s, 1, 456n)
    S.SubnetEmissionEnabled.set(s, 1, false)
    S.SubnetEmissionEnabled.set(s, 2, true)
    mintAndRunCoinbase(ext, emission)
    check(0n, 1_500_000n, 1_500_000n)
    expect(S.SubnetExcessTao.get(s, 1)).toBe(0n)
    for (const n of [1, 2, 3]) S.SubnetEmissionEnabled.set(s, n, true)
    mintAndRunCoinbase(ext, emission)
    check(1_000_000n, 1_000_000n, 1_000_000n)
  })

  it('test_coinbase_tao_issuance_different_prices', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const emission = 100_000_000n
    const credit = mintTao(s, ext.env, emission)
    addNetwork(s, 1, 1)
    addNetwork(s, 2, 1)
    const initialTao = 100_000n
    setupReserves(s, 1, initialTao, initialTao * 10n)
    setupReserves(s, 2, initialTao, initialTao * 5n)
    swapHandler.initSwap(s, 1, null)
    swapHandler.initSwap(s, 2, null)
    S.SubnetMechanism.set(s, 1, 1)
    S.SubnetMechanism.set(s, 2, 1)
    S.SubnetMovingPrice.set(s, 1, { bits: F.fromF64(F.I96F32, 0.1) })
    S.SubnetMovingPrice.set(s, 2, { bits: F.fromF64(F.I96F32, 0.2) })
    setFullInjectionRootStake(s)
    expect(S.SubnetTAO.get(s, 1)).toBe(initialTao)
    expect(S.SubnetTAO.get(s, 2)).toBe(initialTao)
    runCoinbaseWith(ext, credit)
    near(S.SubnetTAO.get(s, 1), initialTao + emission / 3n, 10)
    near(S.SubnetTAO.get(s, 2), initialTao + 2n * emission / 3n, 10)
    near(S.TotalIssuance.get(s), emission, 10)
    near(S.TotalStake.get(s), emission, 10)
  })

  it('test_coinbase_subnets_with_no_reg_get_no_emission', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const n0 = addDynamicNetwork(ext, u256(1), u256(2))
    const n1 = addDynamicNetwork(ext, u256(3), u256(4))
    for (const n of [n0, n1]) {
      S.SubtokenEnabled.set(s, n, true)
      S.FirstEmissionBlockNumber.set(s, n, 0n)
      S.NetworkRegistrationAllowed.set(s, n, true)
    }
    S.NetworkPowRegistrationAllowed.set(s, n0, false)
    S.NetworkPowRegistrationAllowed.set(s, n1, true)
    expect(subnetsToEmitTo(s, [n0, n1])).toEqual([n0, n1])
    S.NetworkRegistrationAllowed.set(s, n0, false)
    S.NetworkPowRegistrationAllowed.set(s, n0, false)
    expect(subnetsToEmitTo(s, [n0, n1])).toEqual([n1])
  })

  it('test_coinbase_subnet_terms_with_alpha_in_gt_alpha_emission', () => {
    const { s, n } = dynamicPoolAt1e15()
    const alphaEmission = F.saturatingFromInt(W, getBlockEmissionForIssuance(s, alphaIssuance(s, n)))
    const price = F.saturatingFromF64(U, 0.01)
    const priceW = F.saturatingFromFixed(W, U, price)
    const taoEmission = F.saturatingAdd(W, F.saturatingMul(W, alphaEmission, priceW), F.saturatingFromF64(W, 0.01))
    const tao = 1_000_000_000n
    setupReserves(s, n, tao, F.toInt(U, F.div(U, F.fromInt(U, tao), price)))
    near(F.toF64(U, currentPrice(s, n)) * 1000, 0.01 * 1000, 1)
    setFullInjectionRootStake(s)
    const cap = F.saturatingMul(W, rootProportion(s, n), alphaEmission)
    const t = subnetTerms(s, new Map([[n, taoEmission]])).get(n)!
    expect(F.div(W, taoEmission, priceW) > cap).toBe(true)
    near(w(t.alphaOut), w(alphaEmission), 0.01)
    near(w(t.alphaIn), w(cap), w(cap) / 1000)
    near(w(t.taoIn), w(F.saturatingMul(W, t.alphaIn, priceW)), 0.01)
    near(w(t.excessTao), w(taoEmission) - w(t.taoIn), 0.01)
  })

  it('test_coinbase_subnet_terms_with_alpha_in_lte_alpha_emission', () => {
    const { s, n } = dynamicPoolAt1e15()
    const alphaEmission = F.saturatingFromInt(W, getBlockEmissionForIssuance(s, alphaIssuance(s, n)))
    const taoEmission = F.saturatingFromInt(W, 34_566_756n)
    const price = F.saturatingFromFixed(W, U, currentPrice(s, n))
    setFullInjectionRootStake(s)
    const cap = F.saturatingMul(W, rootProportion(s, n), alphaEmission)
    const t = subnetTerms(s, new Map([[n, taoEmission]])).get(n)!
    expect(F.div(W, taoEmission, price) <= cap).toBe(true)
    near(w(t.alphaOut), w(alphaEmission), 0.1)
    near(w(t.alphaIn), w(taoEmission) / w(price), 0.01)
    near(w(t.taoIn), w(taoEmission), 0.01)
    near(w(t.excessTao), w(taoEmission) - w(t.taoIn), 0.01)
  })

  it('test_coinbase_inject_and_maybe_swap_does_not_skew_reserves', () => {
    const { ext, s, n } = dynamicPoolAt1e15()
    const credit = mintTao(s, ext.env, 123n + 789_100n)
    const terms = new Map([[n, { taoIn: F.fromInt(W, 123), alphaIn: F.fromInt(W, 456), excessTao: F.fromInt(W, 789_100), alphaOut: 0n }]])
    injectAndMaybeSwap(s, ext.env, [n], terms, credit)
    const ratio = Number(S.SubnetAlphaIn.get(s, n)) / Number(S.SubnetTAO.get(s, n))
    near(ratio, F.toF64(U, currentPrice(s, n)), 1.0)
  })

  it('test_get_subnet_terms_alpha_emissions_cap', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const n = addDynamicNetwork(ext, u256(10), u256(11))
    setFullInjectionRootStake(s)
    const alphaEmission = F.saturatingFromInt(W, getBlockEmissionForIssuance(s, alphaIssuance(s, n)))
    const cap = F.saturatingMul(W, rootProportion(s, n), alphaEmission)
    const e1 = F.fromInt(W, 100_000_000)
    expect(e1 < cap).toBe(true)
    expect(subnetTerms(s, new Map([[n, e1]])).get(n)!.alphaIn).toBe(e1)
    const e2 = F.fromInt(W, 10_000_000_000n)
    expect(e2 > cap).toBe(true)
    expect(subnetTerms(s, new Map([[n, e2]])).get(n)!.alphaIn).toBe(cap)
  })
})


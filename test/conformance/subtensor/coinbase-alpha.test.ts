// Port of subtensor pallets/subtensor/src/tests/coinbase.rs (HEAD 14bc6f9): the alpha side of
// run_coinbase — alpha injected into the pools, the per-block alpha_out, the owner cut and the
// pending accumulators. Expected values and epsilons are the tests' own.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { mintTao } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { emitAlphaOut, injectAndMaybeSwap, subnetTerms } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { alphaIssuance, rootSellFlag, rootTaoWeight } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { getBlockEmissionForIssuance } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { getTaoWeight } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { currentPrice, maybeInitializePalSwap, swapHandler } from '../../../src/pallets/swap/index.js'
import {
  addDynamicNetwork, addNetwork, mintAndRunCoinbase, newTestExt, runCoinbaseWith, setFullInjectionRootStake, setupReserves, u256, useMockSwapConfig,
} from './head-mock.js'
import { removeOwnerRegistrationStake, setBlockNumber, U64_MAX } from './staking-mock.js'

useMockSwapConfig()

const W = F.U96F32
const i96 = (x: number): { bits: bigint } => ({ bits: F.fromF64(F.I96F32, x) })
const near = (a: bigint, b: bigint, eps: bigint): void => {
  const d = a > b ? a - b : b - a
  expect(d <= eps, `${a} within ${eps} of ${b}`).toBe(true)
}

/** The alpha-issuance tests' start: a credit minted, subnets 1 and 2 added with tempo 1. */
function twoSubnets(emission: bigint): { ext: ReturnType<typeof newTestExt>; credit: bigint } {
  const ext = newTestExt(1)
  const credit = mintTao(ext.s, ext.env, emission)
  addNetwork(ext.s, 1, 1)
  addNetwork(ext.s, 2, 1)
  return { ext, credit }
}

describe('tests/coinbase.rs (HEAD): alpha issuance', () => {
  it('test_coinbase_alpha_issuance_base', () => {
    const emission = 1_000_000n
    const { ext, credit } = twoSubnets(emission)
    const { s } = ext
    const initial = 1_000_000n
    setupReserves(s, 1, initial, initial)
    setupReserves(s, 2, initial, initial)
    setFullInjectionRootStake(s)
    runCoinbaseWith(ext, credit)
    expect(S.SubnetAlphaIn.get(s, 1)).toBe(initial + emission / 2n)
    expect(S.SubnetAlphaIn.get(s, 2)).toBe(initial + emission / 2n)
  })

  it('test_coinbase_alpha_issuance_different', () => {
    const emission = 1_000_000n
    const { ext, credit } = twoSubnets(emission)
    const { s } = ext
    S.SubnetMechanism.set(s, 1, 1)
    S.SubnetMechanism.set(s, 2, 1)
    const initial = 1_000_000n
    setupReserves(s, 1, initial, initial)
    setupReserves(s, 2, 2n * initial, initial)
    S.SubnetMovingPrice.set(s, 1, i96(1))
    S.SubnetMovingPrice.set(s, 2, i96(2))
    setFullInjectionRootStake(s)
    runCoinbaseWith(ext, credit)
    expect(S.SubnetAlphaIn.get(s, 1)).toBe(initial + emission / 3n)
    expect(S.SubnetAlphaIn.get(s, 2)).toBe(initial + (emission * 2n / 3n) / 2n)
  })

  it('test_coinbase_alpha_issuance_with_cap_trigger', () => {
    const { ext, credit } = twoSubnets(1_000_000n)
    const { s } = ext
    S.SubnetMechanism.set(s, 1, 1)
    S.SubnetMechanism.set(s, 2, 1)
    const initial = 1_000n
    const initialAlpha = initial * 1_000_000n
    setupReserves(s, 1, initial, initialAlpha)
    setupReserves(s, 2, initial, initialAlpha)
    S.SubnetMovingPrice.set(s, 1, i96(1))
    S.SubnetMovingPrice.set(s, 2, i96(2))
    setFullInjectionRootStake(s)
    runCoinbaseWith(ext, credit)
    for (const n of [1, 2]) {
      expect(S.SubnetAlphaIn.get(s, n) < initialAlpha + 1_000_000_000n).toBe(true)
      expect(S.SubnetAlphaOutEmission.get(s, n)).toBe(1_000_000_000n)
    }
  })

  it('test_coinbase_alpha_issuance_with_cap_trigger_and_block_emission', () => {
    const { ext, credit } = twoSubnets(1_000_000n)
    const { s } = ext
    S.SubnetMechanism.set(s, 1, 1)
    S.SubnetMechanism.set(s, 2, 1)
    const initialTao = 10_000n
    const initialAlpha = initialTao * 100_000n
    setupReserves(s, 1, initialTao, initialAlpha)
    setupReserves(s, 2, initialTao, initialAlpha)
    S.FirstEmissionBlockNumber.set(s, 1, 0n)
    S.FirstEmissionBlockNumber.set(s, 2, 0n)
    S.SubnetMovingPrice.set(s, 1, i96(1))
    S.SubnetMovingPrice.set(s, 2, i96(2))
    swapHandler.initSwap(s, 1, null)
    swapHandler.initSwap(s, 2, null)
    const [before1, before2] = [currentPrice(s, 1), currentPrice(s, 2)]
    const issuance = 21_000_000_000_000_000n
    S.SubnetAlphaOut.set(s, 1, issuance)
    S.SubnetAlphaOut.set(s, 2, issuance)
    runCoinbaseWith(ext, credit)
    expect(S.SubnetProtocolAlpha.get(s, 1) !== 0n || S.SubnetProtocolAlpha.get(s, 2) !== 0n).toBe(true)
    expect(S.SubnetAlphaIn.get(s, 1) < initialAlpha).toBe(true)
    expect(S.SubnetAlphaOut.get(s, 2)).toBe(issuance + S.SubnetProtocolAlpha.get(s, 2))
    expect(S.SubnetAlphaIn.get(s, 2) < initialAlpha).toBe(true)
    expect(currentPrice(s, 1) > before1).toBe(true)
    expect(currentPrice(s, 2) > before2).toBe(true)
  })
})

describe('tests/coinbase.rs (HEAD): owner cut and pending emission', () => {
  it('test_owner_cut_base', () => {
    const ext = newTestExt(1)
    const { s } = ext
    addNetwork(s, 1, 1)
    setupReserves(s, 1, 1_000_000_000_000n, 1_000_000_000_000n)
    S.Tempo.set(s, 1, 10000)
    S.SubnetOwnerCut.set(s, 0)
    mintAndRunCoinbase(ext, 0n)
    expect(S.PendingOwnerCut.get(s, 1)).toBe(0n)
    S.SubnetOwnerCut.set(s, 0xffff)
    mintAndRunCoinbase(ext, 0n)
    expect(S.PendingOwnerCut.get(s, 1)).toBe(1_000_000_000n)
  })

  it('test_pending_emission', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const n = addDynamicNetwork(ext, u256(1), u256(2))
    removeOwnerRegistrationStake(ext, n)
    S.Tempo.set(s, n, 1)
    S.FirstEmissionBlockNumber.set(s, n, 0n)
    setupReserves(s, n, 1_000_000n, 1n)
    S.LastEpochBlock.set(s, n, 0n)
    setBlockNumber(ext, 10n)
    mintAndRunCoinbase(ext, 0n)
    S.SubnetTAO.set(s, 0, 1_000_000_000n)
    setBlockNumber(ext, 12n)
    mintAndRunCoinbase(ext, 0n)
    S.Tempo.set(s, n, 10000)
    S.TaoWeight.set(s, U64_MAX)
    S.SubnetMovingPrice.set(s, n, i96(2))
    expect(rootSellFlag(s, [n])).toBe(true)
    mintAndRunCoinbase(ext, 0n)
    near(S.PendingServerEmission.get(s, n), 500_000_000n, 1n)
    near(S.PendingValidatorEmission.get(s, n), 500_000_000n - 125_000_000n, 1n)
    near(S.PendingRootAlphaDivs.get(s, n), 125_000_000n, 1n)
  })
})

describe('tests/coinbase.rs (HEAD): shares and emit_to_subnets', () => {
  it('test_zero_shares_zero_emission', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const n1 = addDynamicNetwork(ext, u256(1), u256(0))
    const n2 = addDynamicNetwork(ext, u256(1), u256(0))
    const credit = mintTao(s, ext.env, 1_000_000n)
    const initial = 1_000_000n
    setupReserves(s, n1, initial, initial)
    setupReserves(s, n2, initial, initial)
    S.SubnetMovingPrice.set(s, n1, i96(0))
    S.SubnetMovingPrice.set(s, n2, i96(0))
    runCoinbaseWith(ext, credit)
    expect(S.SubnetAlphaIn.get(s, n1)).toBe(initial)
    expect(S.SubnetAlphaIn.get(s, n2)).toBe(initial)
  })

  for (const [name, rootSell] of [['test_coinbase_emit_to_subnets_with_no_root_sell', false], ['test_coinbase_emit_to_subnets_with_root_sell', true]] as const) {
    it(name, () => {
      const ext = newTestExt(1)
      const { s } = ext
      const n = addDynamicNetwork(ext, u256(1), u256(2))
      S.SubnetOwnerCut.set(s, Math.floor(0xffff / 10))
      setupReserves(s, n, 10n ** 15n, 10n ** 15n)
      maybeInitializePalSwap(s, n, null)
      const taoEmission = F.saturatingFromInt(W, 12_345_678n)
      const emissions = new Map([[n, taoEmission]])
      const alphaEmission = F.saturatingFromInt(W, getBlockEmissionForIssuance(s, alphaIssuance(s, n)))
      const price = F.saturatingFromFixed(W, F.U64F64, currentPrice(s, n))
      expect(F.div(W, taoEmission, price) <= alphaEmission).toBe(true)
      // emit_to_subnets: the terms, the injection, then alpha_out into the pending accumulators
      const credit = mintTao(s, ext.env, 12_345_678n)
      const terms = subnetTerms(s, emissions)
      injectAndMaybeSwap(s, ext.env, [n], terms, credit)
      emitAlphaOut(s, [n], terms, rootSell, rootTaoWeight(s))
      const ownerCut = F.saturatingMul(W, F.div(W, F.fromInt(W, S.SubnetOwnerCut.get(s)), F.fromInt(W, 0xffff)), alphaEmission)
      const issuance = F.saturatingFromInt(W, alphaIssuance(s, n))
      const tw = F.saturatingMul(W, F.saturatingFromInt(W, S.SubnetTAO.get(s, 0)), getTaoWeight(s))
      const rootProp = F.checkedDiv(W, tw, F.saturatingAdd(W, tw, issuance)) ?? 0n
      const expectedRoot = F.saturatingToU64(W, F.saturatingMul(W, rootProp, alphaEmission))
      const half = F.saturatingDiv(W, F.saturatingSub(W, alphaEmission, ownerCut), F.fromInt(W, 2))
      near(S.PendingOwnerCut.get(s, n), F.saturatingToU64(W, ownerCut), 200n)
      if (rootSell) near(S.PendingRootAlphaDivs.get(s, n), expectedRoot, 200n)
      else expect(S.PendingRootAlphaDivs.get(s, n)).toBe(0n)
      near(S.PendingServerEmission.get(s, n), F.saturatingToU64(W, half), 200n)
      near(S.PendingValidatorEmission.get(s, n), F.saturatingToU64(W, F.saturatingSub(W, half, F.fromInt(W, expectedRoot))), 200n)
    })
  }
})

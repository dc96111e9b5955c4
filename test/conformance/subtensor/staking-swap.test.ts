// Ports of subtensor's tests/staking.rs (HEAD 14bc6f9): stake_into_subnet / unstake_from_subnet
// and the calls on top of them against a priced pool — fees, limits, full removals, root's
// counters, recorded flows — on the HEAD mock, whose block builder U256(12345) collects the
// author's part of every fee.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT as ED } from '../../../src/pallets/balances/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { DEFAULT_MIN_STAKE, stakeIntoSubnet, swapTaoForAlpha, unstakeFromSubnet } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { getColdkeyBalance } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { SwapStorage } from '../../../src/pallets/swap/index.js'
import * as F from '../../../src/primitives/fixed/index.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, addNetwork, newTestExt, setupReserves, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, E, mockBlockBuilder, mockIncreaseStake, near, removeOwnerRegistrationStake, stakeOf, sub, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const nearF = (a: number, b: number, eps: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(eps)
const ctx = (e: Ext, who: Uint8Array) => ({ origin: signed(who), s: e.s, env: e.env })
const priceF64 = (e: Ext, netuid: number) => F.toF64(F.U64F64, swapInterface().currentAlphaPrice(e.s, netuid))
const feeRate = (e: Ext, netuid: number) => SwapStorage.FeeRate.get(e.s, netuid) / 0xffff
const [ownerHot, ownerCold, hot, cold] = [u256(1), u256(2), u256(3), u256(4)]
const LARGE = 20_000_000_000_000_000n

/** add_dynamic_network(1, 2) priced at 0.1 (100 TAO / 1000 alpha), the swap initialised by an empty rolled-back swap. */
function pricedAt01(): { e: Ext; netuid: number } {
  const e = newTestExt(1)
  mockBlockBuilder(e)
  const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
  setupReserves(e.s, netuid, 100_000_000_000n, 1_000_000_000_000n)
  return { e, netuid }
}
const initSwapByEmptySwap = (e: Ext, netuid: number) =>
  swapInterface().swap(e.s, netuid, { kind: 'GetAlphaForTao', amount: 0n }, U64_MAX, false, true)
/** pricedAt01, then 0.1 TAO of the coldkey's staked on the owner's hotkey at no price limit. */
function stakedOnOwnerHotkey(): { e: Ext; netuid: number; amount: bigint } {
  const { e, netuid } = pricedAt01()
  const amount = 100_000_000n
  addBalance(e, cold, amount)
  initSwapByEmptySwap(e, netuid)
  stakeIntoSubnet(ctx(e, cold), ownerHot, cold, netuid, amount, U64_MAX, false)
  return { e, netuid, amount }
}

describe('tests/staking.rs: stake_into_subnet / unstake_from_subnet', () => {
  it('test_stake_into_subnet_ok', () => {
    const { e, netuid } = pricedAt01()
    const price = priceF64(e, netuid)
    initSwapByEmptySwap(e, netuid)
    addBalance(e, cold, LARGE)
    const amount = 100_000_000n
    stakeIntoSubnet(ctx(e, cold), hot, cold, netuid, amount, LARGE, false)
    const expected = (Number(amount) * (1 - feeRate(e, netuid))) / price
    nearF(Number(stakeOf(e, hot, cold, netuid)), expected, expected / 1000)
  })

  it('test_stake_into_subnet_low_amount', () => {
    const { e, netuid } = pricedAt01()
    const price = priceF64(e, netuid)
    initSwapByEmptySwap(e, netuid)
    addBalance(e, cold, LARGE)
    stakeIntoSubnet(ctx(e, cold), hot, cold, netuid, 10n, LARGE, false)
    const expected = (10 * 0.997) / price
    nearF(Number(stakeOf(e, hot, cold, netuid)), expected, expected / 100)
  })

  it('test_unstake_from_subnet_low_amount', () => {
    const { e, netuid } = pricedAt01()
    initSwapByEmptySwap(e, netuid)
    addBalance(e, cold, LARGE)
    stakeIntoSubnet(ctx(e, cold), hot, cold, netuid, 10n, LARGE, false)
    unstakeFromSubnet(ctx(e, cold), hot, cold, cold, netuid, stakeOf(e, hot, cold, netuid), 0n, false)
    expect(stakeOf(e, hot, cold, netuid)).toBe(0n)
  })

  it('test_stake_into_subnet_prohibitive_limit', () => {
    const e = newTestExt(1)
    mockBlockBuilder(e)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    const amount = 100_000_000n
    addBalance(e, cold, amount)
    setupReserves(e.s, netuid, 100_000_000_000n, 1_000_000_000_000n)
    initSwapByEmptySwap(e, netuid)
    expect(() => sub(e, cold, 'add_stake_limit', { hotkey: ownerHot, netuid, amount_staked: amount, limit_price: 0n, allow_partial: true }))
      .toThrow('Swap.PriceLimitExceeded')
    expect(stakeOf(e, ownerHot, cold, netuid)).toBe(0n)
    expect(getColdkeyBalance(e.s, cold)).toBe(amount)
  })

  it('test_unstake_from_subnet_prohibitive_limit', () => {
    const { e, netuid } = stakedOnOwnerHotkey()
    const before = getColdkeyBalance(e.s, cold)
    const alpha = stakeOf(e, ownerHot, cold, netuid)
    expect(() => sub(e, cold, 'remove_stake_limit', { hotkey: ownerHot, netuid, amount_unstaked: alpha, limit_price: U64_MAX, allow_partial: true }))
      .toThrow('Swap.PriceLimitExceeded')
    expect(stakeOf(e, ownerHot, cold, netuid)).toBe(alpha)
    expect(getColdkeyBalance(e.s, cold)).toBe(before)
  })

  it('test_unstake_full_amount', () => {
    const { e, netuid, amount } = stakedOnOwnerHotkey()
    const before = getColdkeyBalance(e.s, cold)
    sub(e, cold, 'remove_stake', { hotkey: ownerHot, netuid, amount_unstaked: stakeOf(e, ownerHot, cold, netuid) })
    expect(stakeOf(e, ownerHot, cold, netuid)).toBe(0n)
    const increase = Number(getColdkeyBalance(e.s, cold) - before)
    const rate = feeRate(e, netuid)
    const expected = (Number(amount) * (1 - rate)) / (1 + rate)
    nearF(increase, expected, expected / 10_000)
  })

  it('test_swap_fees_tao_correctness', () => {
    const e = newTestExt(1)
    const builder = mockBlockBuilder(e)
    const amount = 1_000_000_000n
    const [ownerBefore, userBefore] = [amount * 10n, amount * 100n]
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    addBalance(e, ownerCold, ownerBefore)
    addBalance(e, cold, userBefore)
    setupReserves(e.s, netuid, 100_000_000_000n, 400_000_000_000n)
    // add_dynamic_network leaves the owner its ExistentialDeposit (the source's mock: 1 of 1)
    const ownerStart = getColdkeyBalance(e.s, ownerCold)
    const totalBefore = userBefore + ownerStart + S.SubnetTAO.get(e.s, netuid) + getColdkeyBalance(e.s, builder)
    sub(e, ownerCold, 'add_stake', { hotkey: ownerHot, netuid, amount_staked: amount })
    const limit = priceF64(e, netuid) + 0.0001 + 0.01
    sub(e, cold, 'add_stake_limit', { hotkey: ownerHot, netuid, amount_staked: amount, limit_price: BigInt(Math.trunc(limit * Number(U64_MAX))), allow_partial: true })
    sub(e, cold, 'remove_stake', { hotkey: ownerHot, netuid, amount_unstaked: stakeOf(e, ownerHot, cold, netuid) })
    const totalAfter = getColdkeyBalance(e.s, cold) + getColdkeyBalance(e.s, ownerCold) + S.SubnetTAO.get(e.s, netuid) + getColdkeyBalance(e.s, builder)
    near(totalBefore, totalAfter, 2n)
  })
})

describe('tests/staking.rs: remove_stake_full_limit', () => {
  /** add_dynamic_network(1, 2) with 10 alpha of the owner's stake, pool 100 TAO / 100 alpha. */
  function ownerStake(clearRegistration: boolean): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    mockBlockBuilder(e)
    const netuid = addDynamicNetwork(e, u256(1), u256(2))
    if (clearRegistration) removeOwnerRegistrationStake(e, netuid)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, u256(1), u256(2), netuid, 10_000_000_000n)
    S.SubnetTAO.set(e.s, netuid, 100_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
    return { e, netuid }
  }
  const full = (e: Ext, netuid: number, limit: bigint | null) => sub(e, u256(2), 'remove_stake_full_limit', { hotkey: u256(1), netuid, limit_price: limit })

  it('test_remove_stake_full_limit_ok', () => {
    const { e, netuid } = ownerStake(true)
    full(e, netuid, 90_000_000n)
    expect(stakeOf(e, u256(1), u256(2), netuid)).toBe(0n)
    near(getColdkeyBalance(e.s, u256(2)), 9_086_000_000n, 1_000_000n)
  })

  it('test_remove_stake_full_limit_fails_slippage_too_high', () => {
    const { e, netuid } = ownerStake(false)
    expect(() => full(e, netuid, 910_000_000n)).toThrow(E('SlippageTooHigh'))
  })

  it('test_remove_stake_full_limit_ok_with_no_limit_price', () => {
    const { e, netuid } = ownerStake(true)
    full(e, netuid, null)
    expect(stakeOf(e, u256(1), u256(2), netuid)).toBe(0n)
    near(getColdkeyBalance(e.s, u256(2)), 9_086_000_000n, 1_000_000n)
  })
})

describe('tests/staking.rs: fees, large swaps, root counters, flows', () => {
  it('test_default_min_stake_sufficiency', () => {
    const e = newTestExt(1)
    mockBlockBuilder(e)
    const amount = DEFAULT_MIN_STAKE * 2n
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    addBalance(e, ownerCold, amount * 10n)
    addBalance(e, cold, amount * 100n)
    const rate = feeRate(e, netuid)
    setupReserves(e.s, netuid, 210_000_000_000_000n, 21_000_000_000_000_000n)
    const priceBefore = swapInterface().currentAlphaPrice(e.s, netuid)
    sub(e, cold, 'add_stake', { hotkey: ownerHot, netuid, amount_staked: amount })
    const feeStake = BigInt(Math.trunc(rate * Number(amount)))
    const priceAfterStake = swapInterface().currentAlphaPrice(e.s, netuid)
    const userAlpha = stakeOf(e, ownerHot, cold, netuid)
    sub(e, cold, 'remove_stake', { hotkey: ownerHot, netuid, amount_unstaked: userAlpha })
    const feeUnstake = BigInt(Math.trunc(rate * Number(userAlpha)))
    const priceAfterUnstake = swapInterface().currentAlphaPrice(e.s, netuid)
    expect(feeStake).toBeGreaterThan(0n)
    expect(feeUnstake).toBeGreaterThan(0n)
    expect(priceAfterStake).toBeGreaterThan(priceBefore)
    expect(priceAfterStake).toBeGreaterThan(priceAfterUnstake)
  })

  it('test_large_swap', () => {
    const e = newTestExt(1)
    mockBlockBuilder(e)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    const who = u256(100)
    addBalance(e, who, 1_000_000_000_000_000n)
    const swapAmount = 100_000_000_000_000n
    S.SubnetTAO.set(e.s, netuid, swapAmount / 1000n)
    S.SubnetAlphaIn.set(e.s, netuid, 1_000_000_000_000_000n)
    swapInterface().initSwap(e.s, netuid, null)
    sub(e, who, 'add_stake', { hotkey: ownerHot, netuid, amount_staked: swapAmount })
    expect(stakeOf(e, ownerHot, who, netuid)).toBeGreaterThan(0n)
  })

  const [rootHot, rootCold] = [u256(561337), u256(61337)]
  /** new_test_ext(0) (ours starts at 1), add_network(ROOT, 10), root_register. */
  function rootRegistered(): Ext {
    const e = newTestExt(1)
    mockBlockBuilder(e)
    addNetwork(e.s, 0, 10)
    sub(e, rootCold, 'root_register', { hotkey: rootHot })
    return e
  }

  it('test_add_root_updates_counters', () => {
    const e = rootRegistered()
    const stake = 1_000_000_000n
    addBalance(e, rootCold, stake + ED)
    S.SubnetAlphaIn.set(e.s, 0, stake)
    sub(e, rootCold, 'add_stake', { hotkey: rootHot, netuid: 0, amount_staked: stake })
    expect(getTotalStakeForHotkey(e.s, rootHot)).toBe(stake)
    expect(S.TotalStake.get(e.s)).toBe(stake)
    expect(S.SubnetTAO.get(e.s, 0)).toBe(stake)
    expect(S.SubnetAlphaIn.get(e.s, 0)).toBe(0n)
    expect(S.SubnetAlphaOut.get(e.s, 0)).toBe(stake)
    expect(S.SubnetVolume.get(e.s, 0)).toBe(stake)
  })

  it('test_remove_root_updates_counters', () => {
    const e = rootRegistered()
    const stake = 1_000_000_000n
    addBalance(e, rootCold, stake + ED)
    mockIncreaseStake(e, rootHot, rootCold, 0, stake)
    S.TotalStake.set(e.s, stake)
    S.SubnetTAO.set(e.s, 0, stake)
    S.SubnetAlphaOut.set(e.s, 0, stake)
    sub(e, rootCold, 'remove_stake', { hotkey: rootHot, netuid: 0, amount_unstaked: stake })
    expect(getTotalStakeForHotkey(e.s, rootHot)).toBe(0n)
    expect(S.TotalStake.get(e.s)).toBe(0n)
    expect(S.SubnetTAO.get(e.s, 0)).toBe(0n)
    expect(S.SubnetAlphaIn.get(e.s, 0)).toBe(stake)
    expect(S.SubnetAlphaOut.get(e.s, 0)).toBe(0n)
    expect(S.SubnetVolume.get(e.s, 0)).toBe(stake)
  })

  it('test_staking_records_flow', () => {
    const { e, netuid } = pricedAt01()
    swapTaoForAlpha(e.s, netuid, 0n, 1_000_000_000_000n, false)
    addBalance(e, cold, LARGE)
    const amount = 100_000_000n
    stakeIntoSubnet(ctx(e, cold), hot, cold, netuid, amount, LARGE, false)
    const rate = feeRate(e, netuid)
    const expectedFlow = Number(amount) * (1 - rate)
    near(S.SubnetTaoFlow.get(e.s, netuid), BigInt(Math.trunc(expectedFlow)), 1n)
    unstakeFromSubnet(ctx(e, cold), hot, cold, cold, netuid, stakeOf(e, hot, cold, netuid), 0n, false)
    // the block builder's alpha fee is sold too, so the whole inflow flows back out
    const unstakedBuilderFraction = 1
    const expectedFee = expectedFlow * rate * (1 - unstakedBuilderFraction)
    near(S.SubnetTaoFlow.get(e.s, netuid), BigInt(Math.trunc(expectedFee)), BigInt(Math.max(Math.trunc(expectedFee / 100), 1)))
  })
})

// Ports of subtensor's tests/staking.rs (HEAD 14bc6f9): the limit-price calls (add_stake_limit,
// remove_stake_limit, swap_stake_limit), near-total removals, and unstake_all at the pool's
// minimum liquidity, on the HEAD mock. Swap results the source takes from a rolled-back swap are
// taken the same way here.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT as ED } from '../../../src/pallets/balances/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { getColdkeyBalance } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { SwapStorage } from '../../../src/pallets/swap/index.js'
import * as F from '../../../src/primitives/fixed/index.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { addDynamicNetwork, newTestExt, setupReserves, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, addStake, E, near, noop, registerOkNeuron, removeOwnerRegistrationStake, removeStake, stakeOf, sub, swapAlphaToTao, swapTaoToAlpha, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const U = F.U64F64
const addStakeLimit = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, amount: bigint, limit: bigint, partial: boolean) =>
  sub(e, cold, 'add_stake_limit', { hotkey: hot, netuid, amount_staked: amount, limit_price: limit, allow_partial: partial })
const removeStakeLimit = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, amount: bigint, limit: bigint, partial: boolean) =>
  sub(e, cold, 'remove_stake_limit', { hotkey: hot, netuid, amount_unstaked: amount, limit_price: limit, allow_partial: partial })
const price = (e: Ext, netuid: number) => swapInterface().currentAlphaPrice(e.s, netuid)
const priceF64 = (e: Ext, netuid: number) => F.toF64(U, price(e, netuid))
/** `U64F64::from_num(a) * U64F64::from_num(f)` to u64. */
const times = (a: bigint, f: number) => F.toInt(U, F.mul(U, F.fromInt(U, a), F.fromF64(U, f)))
/** The mock's SwapMinimumReserve. */
const MIN_RESERVE = 100n
const [hot533453, cold55453] = [u256(533453), u256(55453)]

describe('tests/staking.rs: add_stake_limit', () => {
  it('test_add_stake_limit_ok', () => {
    const e = newTestExt(1)
    const amount = 900_000_000_000n
    const netuid = addDynamicNetwork(e, hot533453, cold55453)
    removeOwnerRegistrationStake(e, netuid)
    setupReserves(e.s, netuid, 150_000_000_000n, 100_000_000_000n)
    expect(price(e, netuid)).toBe(3n << 63n)
    addBalance(e, cold55453, amount)
    const expectedStake = 75_000_000_000n
    addStakeLimit(e, cold55453, hot533453, netuid, amount, 24_000_000_000n, true)
    near(stakeOf(e, hot533453, cold55453, netuid), expectedStake, expectedStake / 1000n)
    const fee = swapInterface().approxFeeAmount(e.s, netuid, amount / 2n)
    near(getColdkeyBalance(e.s, cold55453), amount / 2n - fee, amount / 2n / 1000n)
    expect(Math.abs(priceF64(e, netuid) - 24.0)).toBeLessThanOrEqual(0.001)
  })

  it('test_add_stake_limit_fill_or_kill', () => {
    const e = newTestExt(1)
    const amount = 900_000_000_000n
    const netuid = addDynamicNetwork(e, hot533453, cold55453)
    S.SubnetTAO.set(e.s, netuid, 150_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
    expect(price(e, netuid)).toBe(3n << 63n)
    addBalance(e, cold55453, amount)
    const limit = 24_000_000_000n
    noop(e, () => addStakeLimit(e, cold55453, hot533453, netuid, amount, limit, false), E('SlippageTooHigh'))
    addStakeLimit(e, cold55453, hot533453, netuid, 150_000_000_000n, limit, false)
  })

  it('test_add_stake_limit_rejects_input_over_swap_reserve_cap', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(533454), u256(55454)]
    const netuid = addDynamicNetwork(e, hot, cold)
    setupReserves(e.s, netuid, 1_000n, 1_000_000_000n)
    const amount = 1_000n * 1_000n + 1n
    addBalance(e, cold, amount)
    noop(e, () => addStakeLimit(e, cold, hot, netuid, amount, swapInterface().maxPrice(), true), E('InsufficientLiquidity'))
  })

  it('test_add_stake_limit_partial_zero_max_stake_amount_error', () => {
    const e = newTestExt(1)
    const amount = 19_980_000_000n
    const netuid = addDynamicNetwork(e, hot533453, cold55453)
    S.SubnetTAO.set(e.s, netuid, 5_032_494_439_940n)
    S.SubnetAlphaIn.set(e.s, netuid, 186_268_425_402_874n)
    addBalance(e, cold55453, amount)
    noop(e, () => addStakeLimit(e, cold55453, hot533453, netuid, amount, 26_953_618n, true), 'Swap.PriceLimitExceeded')
  })

  it('test_add_stake_specific_stake_into_subnet_fail', () => {
    const e = newTestExt(1)
    const snOwner = u256(55453)
    const [hot, cold, hotOwner] = [u256(533453), u256(55454), u256(533454)]
    const existingShares = F.saturatingDiv(U, F.fromInt(U, 161_986_254n), F.fromInt(U, U64_MAX))
    const taoStaked = 200_000_000n
    const netuid = addDynamicNetwork(e, snOwner, snOwner)
    registerOkNeuron(e, netuid, hot, hotOwner)
    expect(getTotalStakeForHotkey(e.s, hot)).toBe(0n)
    L.alphaSharePool(e.s, hot, netuid).updateValueForOne(hotOwner, 1234n)
    S.TotalHotkeyShares.set(e.s, hot, netuid, { bits: existingShares })
    S.TotalHotkeyAlpha.set(e.s, hot, netuid, 36_711_495_953n)
    S.Delegates.set(e.s, hot, 0)
    S.SubnetAlphaIn.set(e.s, netuid, 15_358_708_513_716n)
    S.SubnetTAO.set(e.s, netuid, 2_409_892_148_947n)
    addBalance(e, cold, taoStaked + 1_000_000_000n)
    const expectedAlpha = swapInterface().swap(e.s, netuid, { kind: 'GetAlphaForTao', amount: taoStaked }, swapInterface().maxPrice(), false, true).amountPaidOut
    addStake(e, cold, hot, netuid, taoStaked)
    expect(expectedAlpha).toBeGreaterThan(0n)
    near(stakeOf(e, hot, cold, netuid), expectedAlpha, expectedAlpha / 1000n)
  })
})

describe('tests/staking.rs: remove_stake_limit and near-total removals', () => {
  it('test_remove_stake_limit_ok', () => {
    const e = newTestExt(1)
    const stake = 300_000_000_000n
    const netuid = addDynamicNetwork(e, hot533453, cold55453)
    addBalance(e, cold55453, stake + ED)
    const alphaIn = 100_000_000_000n
    S.SubnetTAO.set(e.s, netuid, 100_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, alphaIn)
    addStake(e, cold55453, hot533453, netuid, stake)
    const alphaBefore = stakeOf(e, hot533453, cold55453, netuid)
    const limit = BigInt(Math.trunc(priceF64(e, netuid) * 990_000_000))
    const expectedReduction = BigInt(Math.trunc(0.00138 * Number(alphaIn)))
    const fee = BigInt(Math.trunc(Number(expectedReduction) * 0.003))
    removeStakeLimit(e, cold55453, hot533453, netuid, alphaBefore / 2n, limit, true)
    near(alphaBefore - stakeOf(e, hot533453, cold55453, netuid), expectedReduction + fee, expectedReduction / 10n)
  })

  it('test_remove_stake_limit_fill_or_kill', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hot533453, cold55453)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot533453, cold55453, netuid, 300_000_000_000n)
    S.SubnetTAO.set(e.s, netuid, 150_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
    expect(price(e, netuid)).toBe(3n << 63n)
    const [unstake, limit] = [150_000_000_000n, 1_350_000_000n]
    noop(e, () => removeStakeLimit(e, cold55453, hot533453, netuid, unstake, limit, false), E('SlippageTooHigh'))
    removeStakeLimit(e, cold55453, hot533453, netuid, unstake / 100n, limit, false)
  })

  const [hot, cold] = [u256(581337), u256(81337)]
  function staked(amount: bigint): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(2), u256(1))
    registerOkNeuron(e, netuid, hot, cold)
    SwapStorage.FeeRate.set(e.s, netuid, 0)
    addBalance(e, cold, amount)
    return { e, netuid }
  }

  it('test_remove_99_9991_per_cent_stake_works_precisely', () => {
    const { e, netuid } = staked(10_000_000_000n)
    addStake(e, cold, hot, netuid, 10_000_000_000n)
    const alpha = stakeOf(e, hot, cold, netuid)
    const before = getColdkeyBalance(e.s, cold)
    const removeAmount = times(alpha, 0.999991)
    const [expectedReturned] = swapAlphaToTao(e, netuid, removeAmount)
    removeStake(e, cold, hot, netuid, removeAmount)
    const after = getColdkeyBalance(e.s, cold)
    near(after > before ? after - before : 0n, expectedReturned, 10n)
    expect(getTotalStakeForHotkey(e.s, hot)).not.toBe(0n)
    expect(stakeOf(e, hot, cold, netuid)).toBe(alpha - removeAmount)
  })

  it('test_remove_99_9989_per_cent_stake_leaves_a_little', () => {
    const amount = 10_000_000_000n
    const { e, netuid } = staked(amount)
    const [, stakeFee] = swapTaoToAlpha(e, netuid, amount)
    addStake(e, cold, hot, netuid, amount)
    const alpha = stakeOf(e, hot, cold, netuid)
    const fee = swapAlphaToTao(e, netuid, BigInt(Math.trunc(Number(alpha) * 0.99)))[1] + stakeFee
    removeStake(e, cold, hot, netuid, times(alpha, 0.99))
    near(getColdkeyBalance(e.s, cold), BigInt(Math.trunc(Number(amount) * 0.99)) - fee, amount / 1000n)
    near(getTotalStakeForHotkey(e.s, hot), BigInt(Math.trunc(Number(amount) * 0.01)), amount / 1000n)
    near(stakeOf(e, hot, cold, netuid), BigInt(Math.trunc(Number(alpha) * 0.01)), 10n)
  })
})

describe('tests/staking.rs: swap_stake_limit and unstake_all at the liquidity minimum', () => {
  const [cold, hot] = [u256(1), u256(2)]

  it('test_move_stake_limit_partial', () => {
    const e = newTestExt(1)
    const origin = addDynamicNetwork(e, u256(1002), u256(1001))
    const destination = addDynamicNetwork(e, u256(1002), u256(1001))
    registerOkNeuron(e, origin, hot, cold)
    registerOkNeuron(e, destination, hot, cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, origin, 150_000_000_000n)
    swapInterface().clearProtocolLiquidity(e.s, origin)
    swapInterface().clearProtocolLiquidity(e.s, destination)
    const [tao, alphaIn] = [150_000_000_000n, 100_000_000_000n]
    S.SubnetTAO.set(e.s, origin, tao)
    S.SubnetAlphaIn.set(e.s, origin, alphaIn)
    S.SubnetTAO.set(e.s, destination, tao * 100_000n)
    S.SubnetAlphaIn.set(e.s, destination, alphaIn * 100_000n)
    expect(price(e, origin)).toBe(3n << 63n)
    expect(price(e, destination)).toBe(3n << 63n)
    sub(e, cold, 'swap_stake_limit', {
      hotkey: hot, origin_netuid: origin, destination_netuid: destination, alpha_amount: 150_000_000_000n, limit_price: 990_000_000n, allow_partial: true,
    })
    near(stakeOf(e, hot, cold, origin), 149_000_000_000n, 100_000_000n)
  })

  it('test_unstake_all_hits_liquidity_min', () => {
    const e = newTestExt(1)
    const stake = 190_000_000_000n
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    registerOkNeuron(e, netuid, hot, cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, stake)
    setupReserves(e.s, netuid, MIN_RESERVE - 1n, stake + 10_000_000n)
    sub(e, cold, 'unstake_all', { hotkey: hot })
    expect(stakeOf(e, hot, cold, netuid)).toBe(stake)
  })

  it('test_unstake_all_alpha_hits_liquidity_min', () => {
    const e = newTestExt(1)
    const stake = 100_000_000_000n
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    registerOkNeuron(e, netuid, hot, cold)
    addBalance(e, cold, stake + ED)
    addStake(e, cold, hot, netuid, stake)
    // remaining_tao = (100 - 1) - 1; k = remaining_tao · (reserves + alpha); tao = k / reserves
    const remainingTao = MIN_RESERVE - 1n - 1n
    const alpha = stakeOf(e, hot, cold, netuid)
    const alphaReserves = alpha + 10_000_000n
    const taoReserves = (remainingTao * (alphaReserves + alpha)) / alphaReserves
    setupReserves(e.s, netuid, taoReserves / 100n, alphaReserves)
    expect(() => sub(e, cold, 'unstake_all_alpha', { hotkey: hot })).toThrow(E('AmountTooLow'))
    expect(stakeOf(e, hot, cold, netuid)).toBe(alpha)
  })
})

// Ports of subtensor's tests/staking.rs (HEAD 14bc6f9), the pool side: liquidity refusals, the
// balances and issuance a stake round trip leaves, the ledger helpers, on the HEAD mock. Swap
// results the source takes from a rolled-back swap are taken the same way here.
import { describe, expect, it } from 'vitest'
import { totalBalance, totalIssuance } from '../../../src/pallets/balances/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { DEFAULT_MIN_STAKE, maxPrice, stakeIntoSubnet } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { canRemoveBalanceFromColdkeyAccount, getColdkeyBalance, transferTaoToSubnet } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { SwapStorage } from '../../../src/pallets/swap/index.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callInfoOf } from '../../../src/pallets/call-info.js'
import { callValue, signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, newTestExt, setupReserves, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, addStake, E, near, noop, registerOkNeuron, removeOwnerRegistrationStake, removeStake, stakeOf, stepBlock, stepEpochs, sub, swapAlphaToTao, swapTaoToAlpha } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const AMOUNT = DEFAULT_MIN_STAKE * 10n
/** `SwapMinimumReserve` of the mock. */
const MIN_RESERVE = 100n
/** `create_account_if_non_existent`: the hotkey owned by the coldkey. */
const createAccount = (e: Ext, cold: Uint8Array, hot: Uint8Array) => { if (!S.Owner.contains(e.s, hot)) S.Owner.set(e.s, hot, cold) }
/** `get_stake_for_uid_and_subnetwork`. */
const stakeForUid = (e: Ext, netuid: number, uid: number) =>
  S.Uids.get(e.s, netuid, S.Keys.get(e.s, netuid, uid)) === uid ? L.getStakeForHotkeyOnSubnet(e.s, S.Keys.get(e.s, netuid, uid), netuid) : 0n

/** add_dynamic_network(2, 1) + register_ok_neuron(hot, cold), the registration stake cleared. */
function withNeuron(hot: Uint8Array, cold: Uint8Array, clear = true): { e: Ext; netuid: number } {
  const e = newTestExt(1)
  const netuid = addDynamicNetwork(e, u256(2), u256(1))
  registerOkNeuron(e, netuid, hot, cold)
  const existing = stakeOf(e, hot, cold, netuid)
  if (clear && existing !== 0n) L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, existing)
  return { e, netuid }
}

/** add_dynamic_network(1002, 1001), create_account_if_non_existent(3, 2), the coldkey funded. */
function liquidityCase(fund: bigint): { e: Ext; netuid: number; hot: Uint8Array; cold: Uint8Array } {
  const e = newTestExt(1)
  const [hot, cold] = [u256(2), u256(3)]
  const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
  createAccount(e, cold, hot)
  addBalance(e, cold, fund)
  return { e, netuid, hot, cold }
}

describe('tests/staking.rs: dispatch info and blocks', () => {
  it('test_add_stake_dispatch_info_ok', () => {
    newTestExt(1)
    const info = callInfoOf(callValue('SubtensorModule', 'add_stake', { hotkey: u256(0), netuid: 1, amount_staked: 5000n }))
    // the source also checks a zero extension_weight: this runtime's CallInfo carries none
    expect(info.class).toBe('Normal')
    expect(info.paysFee).toBe('Yes')
  })

  it('test_dividends_with_run_to_block', () => {
    const e = newTestExt(1)
    const [src, dest, cold] = [u256(1), u256(2), u256(667)]
    const netuid = addDynamicNetwork(e, u256(668), cold)
    S.Tempo.set(e.s, netuid, 13)
    S.MaxRegistrationsPerBlock.set(e.s, netuid, 3)
    S.MaxAllowedUids.set(e.s, 1, 5)
    registerOkNeuron(e, netuid, src, cold)
    registerOkNeuron(e, netuid, dest, cold)
    const before = stakeOf(e, src, cold, netuid)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, src, cold, netuid, 5000n)
    const afterAdd = stakeOf(e, src, cold, netuid)
    expect(afterAdd).toBe(before + 5000n)
    expect(S.SubnetworkN.get(e.s, netuid)).toBe(3)
    stepBlock(e) // run_to_block(2)
    expect(stakeOf(e, src, cold, netuid)).toBeGreaterThanOrEqual(afterAdd)
    expect(stakeOf(e, dest, cold, netuid)).toBe(0n)
  })
})

describe('tests/staking.rs: liquidity', () => {
  it('test_add_stake_insufficient_liquidity', () => {
    const { e, netuid, hot, cold } = liquidityCase(AMOUNT)
    setupReserves(e.s, netuid, MIN_RESERVE - 1n, MIN_RESERVE - 1n)
    noop(e, () => addStake(e, cold, hot, netuid, AMOUNT), E('InsufficientLiquidity'))
  })

  it('test_add_stake_input_reserve_too_low_fails', () => {
    const { e, netuid, hot, cold } = liquidityCase(AMOUNT)
    setupReserves(e.s, netuid, MIN_RESERVE - 1n, 1_000_000_000n)
    noop(e, () => addStake(e, cold, hot, netuid, AMOUNT), E('InsufficientLiquidity'))
  })

  it('test_add_stake_insufficient_liquidity_one_side_fail', () => {
    const { e, netuid, hot, cold } = liquidityCase(AMOUNT)
    setupReserves(e.s, netuid, MIN_RESERVE, MIN_RESERVE - 1n)
    noop(e, () => addStake(e, cold, hot, netuid, AMOUNT), E('InsufficientLiquidity'))
  })

  it('test_remove_stake_insufficient_liquidity', () => {
    const { e, netuid, hot, cold } = liquidityCase(AMOUNT)
    const reserve = ((1n << 64n) - 1n) / 1000n
    setupReserves(e.s, netuid, reserve, reserve)
    const alpha = stakeIntoSubnet({ origin: signed(cold), s: e.s, env: e.env }, hot, cold, netuid, AMOUNT, maxPrice(), false)
    setupReserves(e.s, netuid, MIN_RESERVE - 1n, MIN_RESERVE - 1n)
    noop(e, () => removeStake(e, cold, hot, netuid, alpha), E('InsufficientLiquidity'))
    S.SubnetTAO.set(e.s, netuid, AMOUNT + 1n)
    S.SubnetAlphaIn.set(e.s, netuid, alpha / 1000n + 1n)
    removeStake(e, cold, hot, netuid, alpha)
  })
})

describe('tests/staking.rs: balances, issuance and fees of a stake round trip', () => {
  it('test_remove_stake_total_balance_no_change', () => {
    const [hot, cold] = [u256(571337), u256(71337)]
    const { e, netuid } = withNeuron(hot, cold)
    SwapStorage.FeeRate.set(e.s, netuid, 0)
    const fee = 0n
    const balanceBefore = getColdkeyBalance(e.s, cold)
    const totalBefore = totalBalance(e.s, cold)
    const baseTotalStake = S.TotalStake.get(e.s)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, AMOUNT)
    // U96F32(amount) * U96F32(price): the U64F64 price cut to 32 fractional bits
    const price = swapInterface().currentAlphaPrice(e.s, netuid) >> 32n
    const amountTao = (AMOUNT * price) >> 32n
    S.SubnetTAO.mutate(e.s, netuid, (v) => v + amountTao)
    S.TotalStake.mutate(e.s, (v) => v + amountTao)
    removeStake(e, cold, hot, netuid, AMOUNT)
    const balanceAfter = getColdkeyBalance(e.s, cold)
    const totalAfter = totalBalance(e.s, cold)
    expect(balanceAfter).toBeGreaterThan(balanceBefore)
    expect(balanceAfter - balanceBefore).toBeGreaterThan((amountTao / 10n) * 9n - fee)
    expect(totalAfter).toBeGreaterThan(totalBefore)
    near(S.TotalStake.get(e.s), baseTotalStake + fee, S.TotalStake.get(e.s) / 10_000_000n)
    near(totalAfter - totalBefore, amountTao - fee, AMOUNT / 1000n)
  })

  it('test_remove_stake_total_issuance_no_change', () => {
    const [hot, cold] = [u256(581337), u256(81337)]
    const { e, netuid } = withNeuron(hot, cold, false)
    SwapStorage.FeeRate.set(e.s, netuid, 0)
    addBalance(e, cold, AMOUNT)
    setupReserves(e.s, netuid, AMOUNT * 100n, AMOUNT * 100n)
    const balanceBeforeStake = getColdkeyBalance(e.s, cold)
    const issuanceBefore = totalIssuance(e.s)
    const baseTotalStake = S.TotalStake.get(e.s)
    addStake(e, cold, hot, netuid, AMOUNT)
    near(totalIssuance(e.s), issuanceBefore, 1n)
    removeStake(e, cold, hot, netuid, stakeOf(e, hot, cold, netuid))
    const issuanceAfter = totalIssuance(e.s)
    const totalFee = issuanceBefore > issuanceAfter ? issuanceBefore - issuanceAfter : 0n
    near(getColdkeyBalance(e.s, cold), balanceBeforeStake - totalFee, 50n)
    expect(stakeOf(e, hot, cold, netuid)).toBe(0n)
    near(S.TotalStake.get(e.s), baseTotalStake + totalFee, 500n)
  })

  it('test_remove_prev_epoch_stake', () => {
    const cases: [bigint, bigint, bigint][] = [
      [DEFAULT_MIN_STAKE * 10n, 0n, 1000n],
      [1_000_000_000n, 0n, 1000n],
      [100_000_000_000n, 0n, 1000n],
      [100_000_000_000n, 1_000_000_000n, 10_000_000_000n],
      [100_000_000_000n, 10_000_000n, 10_000_000_000n],
      [1_000_000_000n, 100_000_000_000n, 100_000_000_000_000n],
    ]
    // the source runs every case in one externality: each adds a new dynamic network
    const e = newTestExt(1)
    for (const [amount, alphaDivs, hotkeyAlpha] of cases) {
      const [hot, cold] = [u256(581337), u256(81337)]
      const netuid = addDynamicNetwork(e, u256(2), u256(1))
      registerOkNeuron(e, netuid, hot, cold)
      addBalance(e, cold, amount)
      S.AlphaDividendsPerSubnet.set(e.s, netuid, hot, alphaDivs)
      S.TotalHotkeyAlphaLastEpoch.set(e.s, hot, netuid, hotkeyAlpha)
      const balanceBefore = getColdkeyBalance(e.s, cold)
      setupReserves(e.s, netuid, amount * 10n, amount * 10n)
      const [, stakeFee] = swapTaoToAlpha(e, netuid, amount)
      addStake(e, cold, hot, netuid, amount)
      const stake = stakeOf(e, hot, cold, netuid)
      const fee = swapAlphaToTao(e, netuid, stake)[1] + stakeFee
      removeStake(e, cold, hot, netuid, stake)
      const actualFee = balanceBefore - getColdkeyBalance(e.s, cold)
      near(actualFee, fee, fee / 100n)
    }
  })
})

describe('tests/staking.rs: dividend variables', () => {
  it('test_staking_sets_div_variables', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(581337), u256(81337)]
    const amount = 100_000_000_000n
    const netuid = addDynamicNetwork(e, u256(2), u256(1))
    removeOwnerRegistrationStake(e, netuid)
    S.Tempo.set(e.s, netuid, 10)
    registerOkNeuron(e, netuid, hot, cold)
    addBalance(e, cold, amount)
    expect(S.AlphaDividendsPerSubnet.get(e.s, netuid, hot)).toBe(0n)
    expect(S.TotalHotkeyAlphaLastEpoch.get(e.s, hot, netuid)).toBe(0n)
    addStake(e, cold, hot, netuid, amount)
    expect(S.AlphaDividendsPerSubnet.get(e.s, netuid, hot)).toBe(0n)
    expect(S.TotalHotkeyAlphaLastEpoch.get(e.s, hot, netuid)).toBe(0n)
    stepEpochs(e, 1, netuid)
    const stake = stakeOf(e, hot, cold, netuid)
    expect(S.AlphaDividendsPerSubnet.get(e.s, netuid, hot)).toBeGreaterThan(0n)
    near(S.TotalHotkeyAlphaLastEpoch.get(e.s, hot, netuid), stake, stake / 100_000n)
  })
})

describe('tests/staking.rs: ledger and balance helpers', () => {
  const [hotId, coldId] = [u256(5445), u256(5443433)]

  it('test_add_stake_to_hotkey_account_ok', () => {
    const { e, netuid } = withNeuron(hotId, coldId, false)
    const baseTotalStake = S.TotalStake.get(e.s)
    const before = stakeOf(e, hotId, coldId, netuid)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotId, coldId, netuid, 10_000n)
    expect(stakeOf(e, hotId, coldId, netuid)).toBe(before + 10_000n)
    expect(S.TotalStake.get(e.s)).toBeGreaterThanOrEqual(baseTotalStake)
  })

  it('test_remove_stake_from_hotkey_account', () => {
    const { e, netuid } = withNeuron(hotId, coldId, false)
    const before = stakeOf(e, hotId, coldId, netuid)
    const totalBefore = getTotalStakeForHotkey(e.s, hotId)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotId, coldId, netuid, 10_000n)
    expect(stakeOf(e, hotId, coldId, netuid)).toBe(before + 10_000n)
    expect(getTotalStakeForHotkey(e.s, hotId)).toBeGreaterThan(totalBefore)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotId, coldId, netuid, 10_000n)
    expect(stakeOf(e, hotId, coldId, netuid)).toBe(before)
    near(getTotalStakeForHotkey(e.s, hotId), totalBefore, 10n)
  })

  it('test_remove_stake_from_hotkey_account_registered_in_various_networks', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotId, coldId)
    removeOwnerRegistrationStake(e, netuid)
    const netuidEx = addDynamicNetwork(e, hotId, coldId)
    removeOwnerRegistrationStake(e, netuidEx)
    const uid = S.Uids.get(e.s, netuid, hotId)
    const uidEx = S.Uids.get(e.s, netuidEx, hotId)
    expect(uid).not.toBeNull()
    expect(uidEx).not.toBeNull()
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotId, coldId, netuid, 10_000n)
    expect(stakeForUid(e, netuid, uid!)).toBe(10_000n)
    expect(stakeForUid(e, netuidEx, uidEx!)).toBe(0n)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotId, coldId, netuid, 10_000n)
    expect(stakeForUid(e, netuid, uid!)).toBe(0n)
    expect(stakeForUid(e, netuidEx, uidEx!)).toBe(0n)
  })

  it('test_decrease_total_stake_ok', () => {
    const e = newTestExt(1)
    L.increaseTotalStake(e.s, 10_000n)
    L.decreaseTotalStake(e.s, 5000n)
    expect(S.TotalStake.get(e.s)).toBe(10_000n - 5000n)
  })

  it('test_remove_balance_from_coldkey_account_ok', () => {
    const e = newTestExt(1)
    const cold = u256(434324)
    addBalance(e, cold, 10_000n)
    S.NetworksAdded.set(e.s, 1, true)
    expect(getColdkeyBalance(e.s, cold)).toBe(10_000n)
    // the mock's ExistentialDeposit is 1, ours 500: what stays to keep the account alive differs
    expect(transferTaoToSubnet(e.s, e.env, 1, cold, 10_000n)).toBeGreaterThan(0n)
  })

  it('test_can_remove_balance_from_coldkey_account_err_insufficient_balance', () => {
    const e = newTestExt(1)
    const cold = u256(87987984)
    addBalance(e, cold, 10_000n)
    expect(canRemoveBalanceFromColdkeyAccount(e.s, cold, 20_000n)).toBe(false)
  })
})

// Ports of subtensor's tests/staking.rs (HEAD 14bc6f9): add_stake / remove_stake through the
// calls, their refusals by name, and the ledger and balance helpers, on the HEAD mock. Swap
// results the source takes from a rolled-back swap are taken the same way here.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT as ED, freeBalance, totalBalance } from '../../../src/pallets/balances/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { clearSmallNominations, getNominatorMinRequiredStake } from '../../../src/pallets/subtensor/staking/delegation.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { DEFAULT_MIN_STAKE } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { burnTao, canRemoveBalanceFromColdkeyAccount, getColdkeyBalance } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { coldkeyOwnsHotkey } from '../../../src/pallets/subtensor/subnets/registration.js'
import { SwapStorage } from '../../../src/pallets/swap/index.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callHandler, NONE } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, addNetwork, newTestExt, setupReserves, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, addStake, E, near, noop, registerOkNeuron, removeOwnerRegistrationStake, removeStake, setBlockNumber, stakeOf, sub, swapAlphaToTao, swapTaoToAlpha } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const AMOUNT = DEFAULT_MIN_STAKE * 10n

/** add_dynamic_network + register_ok_neuron(hotkey, coldkey) with the registration stake cleared (as the source does). */
function withNeuron(hot: Uint8Array, cold: Uint8Array): { e: Ext; netuid: number } {
  const e = newTestExt(1)
  const netuid = addDynamicNetwork(e, u256(2), u256(1))
  registerOkNeuron(e, netuid, hot, cold)
  const existing = stakeOf(e, hot, cold, netuid)
  if (existing !== 0n) L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, existing)
  return { e, netuid }
}

describe('tests/staking.rs: add_stake', () => {
  it('test_add_stake_ok_no_emission', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(533453), u256(55453)]
    const netuid = addDynamicNetwork(e, hot, cold)
    removeOwnerRegistrationStake(e, netuid)
    setupReserves(e.s, netuid, AMOUNT * 1_000_000n, AMOUNT * 10_000_000n)
    addBalance(e, cold, AMOUNT)
    expect(getTotalStakeForHotkey(e.s, hot)).toBe(0n)
    expect(S.TotalStake.get(e.s)).toBe(S.NetworkMinLockCost.get(e.s))
    const [alphaStaked, fee] = swapTaoToAlpha(e, netuid, AMOUNT)
    addStake(e, cold, hot, netuid, AMOUNT)
    const [taoExpected] = swapAlphaToTao(e, netuid, alphaStaked)
    const approxFee = swapInterface().approxFeeAmount(e.s, netuid, AMOUNT)
    near(getTotalStakeForHotkey(e.s, hot), taoExpected + approxFee, 10_000n)
    near(getTotalStakeForHotkey(e.s, hot), AMOUNT - fee, 10_000n)
    // the source's 1 left behind is its ExistentialDeposit (add_dynamic_network leaves the owner that)
    expect(getColdkeyBalance(e.s, cold)).toBe(ED)
    expect(S.TotalStake.get(e.s)).toBe(S.NetworkMinLockCost.get(e.s) + AMOUNT)
  })

  it('test_add_stake_err_signature', () => {
    const e = newTestExt(1)
    noop(e, () => callHandler(e.env, 'SubtensorModule', 'add_stake', NONE, { hotkey: u256(654), netuid: 1, amount_staked: 20_000n }), 'BadOrigin')
  })

  it('test_add_stake_not_registered_key_pair', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(2), u256(1))
    addBalance(e, u256(435445), AMOUNT)
    noop(e, () => addStake(e, u256(435445), u256(54544), netuid, AMOUNT), E('HotKeyAccountNotExists'))
  })

  it('test_add_stake_ok_neuron_does_not_belong_to_coldkey', () => {
    const e = newTestExt(1)
    const [cold, hot, other] = [u256(544), u256(54544), u256(99498)]
    const netuid = addDynamicNetwork(e, hot, cold)
    addBalance(e, other, AMOUNT)
    addStake(e, other, hot, netuid, AMOUNT)
    expect(stakeOf(e, hot, other, netuid)).toBeGreaterThan(0n)
  })

  it('test_add_stake_err_not_enough_belance', () => {
    const e = newTestExt(1)
    const [cold, hot] = [u256(544), u256(54544)]
    const netuid = addDynamicNetwork(e, hot, cold)
    expect(getColdkeyBalance(e.s, cold)).toBeLessThan(AMOUNT)
    noop(e, () => addStake(e, cold, hot, netuid, AMOUNT), E('NotEnoughBalanceToStake'))
  })

  it('test_add_stake_partial_below_min_stake_fails', () => {
    const [cold, hot] = [u256(4343), u256(4968585)]
    const { e, netuid } = withNeuron(hot, cold)
    const amount = DEFAULT_MIN_STAKE * 2n
    addBalance(e, cold, amount + ED)
    setupReserves(e.s, netuid, amount * 10n, amount * 10n)
    swapInterface().initSwap(e.s, netuid, null)
    const price = swapInterface().currentAlphaPrice(e.s, netuid)
    expect(price).toBeGreaterThan(0n)
    const maxSpend = BigInt(Math.trunc((Number(price) / 2 ** 64) * 1_000_000_000)) + 1n
    noop(e, () => sub(e, cold, 'add_stake_limit', { hotkey: hot, netuid, amount_staked: amount, limit_price: maxSpend, allow_partial: true }), E('AmountTooLow'))
    expect(swapInterface().currentAlphaPrice(e.s, netuid)).toBe(price)
  })
})

describe('tests/staking.rs: remove_stake', () => {
  const [cold, hot] = [u256(4343), u256(4968585)]

  it('test_remove_stake_ok_no_emission', () => {
    const { e, netuid } = withNeuron(hot, cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, AMOUNT)
    near(stakeOf(e, hot, cold, netuid), AMOUNT, AMOUNT / 1000n)
    const baseTotal = S.TotalStake.get(e.s)
    const before = getColdkeyBalance(e.s, cold)
    const [tao, fee] = swapAlphaToTao(e, netuid, AMOUNT)
    S.SubnetTAO.mutate(e.s, netuid, (v) => v + tao + fee)
    S.TotalStake.mutate(e.s, (v) => v + tao + fee)
    removeStake(e, cold, hot, netuid, AMOUNT)
    const after = getColdkeyBalance(e.s, cold)
    expect(after).toBeGreaterThan(before)
    expect(after - before).toBeGreaterThan((AMOUNT / 10n) * 9n - fee)
    expect(stakeOf(e, hot, cold, netuid)).toBe(0n)
    near(S.TotalStake.get(e.s), baseTotal + fee, S.TotalStake.get(e.s) / 100_000n)
  })

  it('test_remove_stake_amount_too_low', () => {
    const { e, netuid } = withNeuron(hot, cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, 10_000n)
    noop(e, () => removeStake(e, cold, hot, netuid, 0n), E('AmountTooLow'))
  })

  it('test_remove_stake_below_min_stake', () => {
    const { e, netuid } = withNeuron(hot, cold)
    const amount = DEFAULT_MIN_STAKE / 2n
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, amount)
    noop(e, () => removeStake(e, cold, hot, netuid, amount - 1n), E('AmountTooLow'))
    removeStake(e, cold, hot, netuid, amount)
    expect(stakeOf(e, hot, cold, netuid)).toBe(0n)
  })

  it('test_remove_stake_err_signature', () => {
    const e = newTestExt(1)
    noop(e, () => callHandler(e.env, 'SubtensorModule', 'remove_stake', NONE, { hotkey: hot, netuid: 1, amount_unstaked: 10_000n }), 'BadOrigin')
  })

  it('test_remove_stake_ok_hotkey_does_not_belong_to_coldkey', () => {
    const e = newTestExt(1)
    const [c, h, other] = [u256(544), u256(54544), u256(99498)]
    const netuid = addDynamicNetwork(e, h, c)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, other, netuid, AMOUNT)
    removeStake(e, other, h, netuid, AMOUNT)
    expect(stakeOf(e, h, other, netuid)).toBe(0n)
  })

  it('test_remove_stake_no_enough_stake', () => {
    const e = newTestExt(1)
    const [c, h] = [u256(544), u256(54544)]
    const netuid = addDynamicNetwork(e, h, c)
    removeOwnerRegistrationStake(e, netuid)
    expect(getTotalStakeForHotkey(e.s, h)).toBe(0n)
    noop(e, () => removeStake(e, c, h, netuid, AMOUNT), E('AmountTooLow'))
  })
})

describe('tests/staking.rs: balance and ownership helpers', () => {
  it('test_get_coldkey_balance_no_balance / _with_balance', () => {
    const e = newTestExt(1)
    expect(getColdkeyBalance(e.s, u256(5454))).toBe(0n)
    addBalance(e, u256(5454), 1337n + ED)
    expect(getColdkeyBalance(e.s, u256(5454))).toBe(1337n + ED)
  })

  it('test_add_balance_to_coldkey_account_ok / test_remove_balance_from_coldkey_account_ok', () => {
    const e = newTestExt(1)
    const cold = u256(4444322)
    addBalance(e, cold, 50_000n)
    expect(getColdkeyBalance(e.s, cold)).toBe(50_000n)
    burnTao(e.s, e.env, cold, 10_000n)
    expect(getColdkeyBalance(e.s, cold)).toBe(40_000n)
  })

  it('test_remove_balance_from_coldkey_account_failed', () => {
    const e = newTestExt(1)
    noop(e, () => burnTao(e.s, e.env, u256(434324), 110_000n), E('InsufficientBalance'))
    expect(totalBalance(e.s, u256(434324))).toBe(0n)
  })

  it('test_hotkey_belongs_to_coldkey_ok', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(4434334), u256(34333)]
    addDynamicNetwork(e, hot, cold)
    expect(S.Owner.get(e.s, hot)).toEqual(cold)
    expect(coldkeyOwnsHotkey(e.s, cold, hot)).toBe(true)
  })

  it('test_can_remove_balane_from_coldkey_account_ok / _err_insufficient_balance', () => {
    const e = newTestExt(1)
    const cold = u256(87987984)
    addBalance(e, cold, 10_000n)
    expect(canRemoveBalanceFromColdkeyAccount(e.s, cold, 5000n)).toBe(true)
    expect(canRemoveBalanceFromColdkeyAccount(e.s, cold, 20_000n)).toBe(false)
  })

  it('test_increase_total_stake_ok / test_decrease_total_stake_ok', () => {
    const e = newTestExt(1)
    L.increaseTotalStake(e.s, 10_000n)
    expect(S.TotalStake.get(e.s)).toBe(10_000n)
    L.decreaseTotalStake(e.s, 5000n)
    expect(S.TotalStake.get(e.s)).toBe(5000n)
  })
})

describe('tests/staking.rs: stake checks and small nominations', () => {
  const [hot, cold] = [u256(4334), u256(87989)]
  function owned(): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hot, cold)
    removeOwnerRegistrationStake(e, netuid)
    return { e, netuid }
  }

  it('test_has_enough_stake_yes / _no / _no_for_zero', () => {
    const { e, netuid } = owned()
    expect(() => L.calculateReducedStakeOnSubnet(e.s, hot, cold, netuid, 1000n)).toThrow(E('NotEnoughStakeToWithdraw'))
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, 10_000n)
    near(getTotalStakeForHotkey(e.s, hot), 10_000n, 2n)
    expect(stakeOf(e, hot, cold, netuid)).toBe(10_000n)
    expect(L.calculateReducedStakeOnSubnet(e.s, hot, cold, netuid, 5000n)).toBe(5000n)
    expect(() => L.calculateReducedStakeOnSubnet(e.s, hot, cold, netuid, 20_000n)).toThrow(E('NotEnoughStakeToWithdraw'))
  })

  it('test_non_existent_account', () => {
    const e = newTestExt(1)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, u256(0), u256(0), 1, 10n)
    expect(stakeOf(e, u256(0), u256(0), 1)).toBe(10n)
    expect(getTotalStakeForHotkey(e.s, u256(0))).toBe(0n)
  })

  it('test_clear_small_nominations', () => {
    const e = newTestExt(1) // the source starts at block 0, which our block initialisation refuses
    const [hot1, hot2, cold1, cold2] = [u256(1), u256(2), u256(3), u256(4)]
    const netuid = addDynamicNetwork(e, u256(20), u256(10))
    const init = AMOUNT + DEFAULT_MIN_STAKE + ED
    SwapStorage.FeeRate.set(e.s, netuid, 0)
    registerOkNeuron(e, netuid, hot1, cold1)
    S.Delegates.set(e.s, hot1, S.MinDelegateTake.get(e.s))
    registerOkNeuron(e, netuid, hot2, cold2)
    S.Delegates.set(e.s, hot2, S.MinDelegateTake.get(e.s))
    const stakeAndShrink = (c: Uint8Array): bigint => {
      addBalance(e, c, init)
      addStake(e, c, hot1, netuid, AMOUNT)
      const alpha = stakeOf(e, hot1, c, netuid)
      const unstake = (alpha * 997n) / 1000n
      removeStake(e, c, hot1, netuid, unstake)
      expect(stakeOf(e, hot1, c, netuid)).toBe(alpha - unstake)
      return alpha - unstake
    }
    const small1 = stakeAndShrink(cold1)
    const small2 = stakeAndShrink(cold2)
    const ctx = { origin: NONE, s: e.s, env: e.env }
    const b1 = freeBalance(e.s, cold1)
    const b2 = freeBalance(e.s, cold2)
    S.NominatorMinRequiredStake.set(e.s, 0n)
    expect(getNominatorMinRequiredStake(e.s)).toBe(0n)
    clearSmallNominations(ctx)
    expect(stakeOf(e, hot1, cold1, netuid)).toBe(small1)
    expect(stakeOf(e, hot1, cold2, netuid)).toBe(small2)
    const hotTotal = S.TotalHotkeyAlpha.get(e.s, hot1, netuid)
    const totalStake = S.TotalStake.get(e.s)
    S.NominatorMinRequiredStake.set(e.s, (small1 < small2 ? small1 : small2) * 2n)
    clearSmallNominations(ctx)
    expect(stakeOf(e, hot1, cold1, netuid)).toBe(small1)
    expect(stakeOf(e, hot1, cold2, netuid)).toBe(0n)
    expect(freeBalance(e.s, cold1)).toBe(b1)
    expect(freeBalance(e.s, cold2)).toBeGreaterThan(b2)
    near(S.TotalHotkeyAlpha.get(e.s, hot1, netuid), hotTotal - small2, 1n)
    expect(S.TotalStake.get(e.s)).toBeLessThan(totalStake)
  })
})

describe('tests/staking.rs: delegate take (mock: min take 5_898, TxDelegateTakeRateLimit 1)', () => {
  const [hot, cold] = [u256(1), u256(3)]
  function delegate(take: (min: number) => number): Ext {
    const e = newTestExt(1)
    S.MinDelegateTake.set(e.s, 5_898)
    S.TxDelegateTakeRateLimit.set(e.s, 1n)
    addBalance(e, cold, 100_000n)
    addNetwork(e.s, 1, 1)
    registerOkNeuron(e, 1, hot, cold)
    S.Delegates.set(e.s, hot, take(S.MinDelegateTake.get(e.s)))
    return e
  }
  const increase = (e: Ext, take: number) => sub(e, cold, 'increase_take', { hotkey: hot, take })
  const decrease = (e: Ext, take: number) => sub(e, cold, 'decrease_take', { hotkey: hot, take })
  /** `step_block(1 + InitialTxDelegateTakeRateLimit)`: the limit's blocks pass (no hooks). */
  const stepPastLimit = (e: Ext) => setBlockNumber(e, BigInt(e.env.blockNumber) + 2n)

  it('test_delegate_take_can_be_increased', () => {
    const e = delegate((min) => min)
    expect(S.Delegates.get(e.s, hot)).toBe(S.MinDelegateTake.get(e.s))
    stepPastLimit(e)
    increase(e, Math.floor(0xffff / 8))
    expect(S.Delegates.get(e.s, hot)).toBe(Math.floor(0xffff / 8))
  })

  it('test_rate_limits_enforced_on_decrease_before_increase_take', () => {
    const e = delegate((min) => min + 1)
    const min = S.MinDelegateTake.get(e.s)
    decrease(e, min)
    expect(S.Delegates.get(e.s, hot)).toBe(min)
    noop(e, () => increase(e, min + 1), E('DelegateTxRateLimitExceeded'))
    expect(S.Delegates.get(e.s, hot)).toBe(min)
    stepPastLimit(e)
    increase(e, min + 1)
    expect(S.Delegates.get(e.s, hot)).toBe(min + 1)
  })
})

describe('tests/staking.rs: unstake_all / unstake_all_alpha', () => {
  const [cold, hot] = [u256(1), u256(2)]
  function staked(): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    const stake = 190_000_000_000n
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    registerOkNeuron(e, netuid, hot, cold)
    addBalance(e, cold, stake + ED)
    addStake(e, cold, hot, netuid, stake)
    setupReserves(e.s, netuid, stake * 10n, stake * 100n)
    return { e, netuid }
  }

  it('test_unstake_all_alpha_works', () => {
    const { e, netuid } = staked()
    sub(e, cold, 'unstake_all_alpha', { hotkey: hot })
    near(stakeOf(e, hot, cold, netuid), 0n, 1000n)
    expect(stakeOf(e, hot, cold, 0)).toBeGreaterThan(100_000n)
  })

  it('test_unstake_all_works', () => {
    const { e, netuid } = staked()
    sub(e, cold, 'unstake_all', { hotkey: hot })
    near(stakeOf(e, hot, cold, netuid), 0n, 1000n)
    expect(getColdkeyBalance(e.s, cold)).toBeGreaterThan(100_000n)
  })
})

// Ports of subtensor's (HEAD 14bc6f9) tests for the delegation settings: tests/auto_stake_hotkey.rs,
// tests/children.rs's register_network scheduling of root validators, tests/recycle_alpha.rs's
// add_stake_burn cases, tests/staking.rs's test_clear_small_nominations and admin-utils'
// sudo_set_nominator_min_required_stake tests (tests/mod.rs).
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT as ED } from '../../../src/pallets/balances/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { DEFAULT_MIN_STAKE } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { getColdkeyBalance } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callHandler, eventNames, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, addNetwork, newTestExt, setupReserves, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, noop, registerOkNeuron, removeOwnerRegistrationStake, sub, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const admin = (e: Ext, who: Uint8Array | null, name: string, args: Record<string, unknown>) =>
  callHandler(e.env, 'AdminUtils', name, who === null ? ROOT : signed(who), args)

describe('tests/auto_stake_hotkey.rs', () => {
  const [ownerCk, ownerHk, coldkey, hotkey, newHotkey] = [u256(0), u256(1), u256(10), u256(11), u256(12)]
  const setAuto = (e: Ext, netuid: number, hk: Uint8Array) => sub(e, coldkey, 'set_coldkey_auto_stake_hotkey', { netuid, hotkey: hk })
  function owned(): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    S.Owner.set(e.s, hotkey, coldkey)
    S.OwnedHotkeys.set(e.s, coldkey, [hotkey])
    const netuid = addDynamicNetwork(e, ownerHk, ownerCk)
    S.Uids.set(e.s, netuid, hotkey, 1)
    return { e, netuid }
  }

  it('test_set_coldkey_auto_stake_hotkey_subnet_not_exists', () => {
    const e = newTestExt(1)
    noop(e, () => setAuto(e, 999, hotkey), 'SubtensorModule.SubnetNotExists')
  })

  it('test_set_coldkey_auto_stake_hotkey_hotkey_not_registered', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, ownerHk, ownerCk)
    noop(e, () => setAuto(e, netuid, hotkey), 'SubtensorModule.HotKeyNotRegisteredInSubNet')
  })

  it('test_set_coldkey_auto_stake_hotkey_success', () => {
    const { e, netuid } = owned()
    expect(S.AutoStakeDestination.get(e.s, coldkey, netuid)).toBeNull()
    setAuto(e, netuid, hotkey)
    expect(S.AutoStakeDestination.get(e.s, coldkey, netuid)).toEqual(hotkey)
    expect(eventNames(e.s)).toContain('SubtensorModule.AutoStakeDestinationSet')
  })

  it('test_set_coldkey_auto_stake_hotkey_same_hotkey_again', () => {
    const { e, netuid } = owned()
    setAuto(e, netuid, hotkey)
    noop(e, () => setAuto(e, netuid, hotkey), 'SubtensorModule.SameAutoStakeHotkeyAlreadySet')
  })

  it('test_set_coldkey_auto_stake_hotkey_change_hotkey', () => {
    const { e, netuid } = owned()
    S.Uids.set(e.s, netuid, newHotkey, 2)
    setAuto(e, netuid, hotkey)
    expect(S.AutoStakeDestination.get(e.s, coldkey, netuid)).toEqual(hotkey)
    expect(S.AutoStakeDestinationColdkeys.get(e.s, hotkey, netuid)).toEqual([coldkey])
    expect(S.AutoStakeDestinationColdkeys.get(e.s, newHotkey, netuid)).toEqual([])
    setAuto(e, netuid, newHotkey)
    expect(S.AutoStakeDestination.get(e.s, coldkey, netuid)).toEqual(newHotkey)
    expect(S.AutoStakeDestinationColdkeys.get(e.s, hotkey, netuid)).toEqual([])
    expect(S.AutoStakeDestinationColdkeys.get(e.s, newHotkey, netuid)).toEqual([coldkey])
  })
})

describe('tests/children.rs: register_network schedules root validators', () => {
  const [rc1, rh1, rc2, rh2] = [u256(100), u256(101), u256(200), u256(201)]
  const [ownerCold, ownerHot] = [u256(1001), u256(1002)]
  function setup(): Ext {
    const e = newTestExt(1)
    addNetwork(e.s, 0, 1)
    addNetwork(e.s, 1, 1)
    // the mock's InitialMaxRegistrationsPerBlock (3); the runtime's is 1
    for (const n of [0, 1]) S.MaxRegistrationsPerBlock.set(e.s, n, 3)
    registerOkNeuron(e, 1, rh1, rc1)
    registerOkNeuron(e, 1, rh2, rc2)
    sub(e, rc1, 'root_register', { hotkey: rh1 })
    sub(e, rc2, 'root_register', { hotkey: rh2 })
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, rh1, rc1, 0, 1_000_000_000n)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, rh2, rc2, 0, 1_000_000_000n)
    sub(e, null, 'set_pending_childkey_cooldown', { cooldown: 0n })
    expect(S.PendingChildKeyCooldown.get(e.s)).toBe(0n)
    S.StakeThreshold.set(e.s, 500_000_000n)
    return e
  }
  function registerNetwork(e: Ext): number {
    const lock = networkLockCost(e.s)
    addBalance(e, ownerCold, lock)
    S.TotalIssuance.mutate(e.s, (t) => t + lock)
    sub(e, ownerCold, 'register_network', { hotkey: ownerHot })
    const netuid = S.TotalNetworks.get(e.s) - 1
    expect(S.SubnetOwnerHotkey.get(e.s, netuid)).toEqual(ownerHot)
    return netuid
  }

  it('test_register_network_schedules_root_validators', () => {
    const e = setup()
    const netuid = registerNetwork(e)
    // applied at once: a new subnet's token is not enabled
    expect(S.ChildKeys.get(e.s, rh1, netuid)).toEqual([[U64_MAX, ownerHot]])
    expect(S.ChildKeys.get(e.s, rh2, netuid)).toEqual([[U64_MAX, ownerHot]])
  })

  it('test_register_network_schedules_root_validators_auto_parent_delegation_flag', () => {
    const e = setup()
    noop(e, () => sub(e, rc2, 'set_auto_parent_delegation_enabled', { hotkey: rh1, enabled: false }), 'SubtensorModule.NonAssociatedColdKey')
    sub(e, rc2, 'set_auto_parent_delegation_enabled', { hotkey: rh2, enabled: false })
    expect(S.AutoParentDelegationEnabled.get(e.s, rh2)).toBe(false)
    expect(eventNames(e.s)).toContain('SubtensorModule.AutoParentDelegationEnabledSet')
    const netuid = registerNetwork(e)
    expect(S.ChildKeys.get(e.s, rh1, netuid)).toEqual([[U64_MAX, ownerHot]])
    expect(S.ChildKeys.get(e.s, rh2, netuid)).toEqual([])
  })

  it('set_auto_parent_delegation_enabled needs a root-registered hotkey; set_pending_childkey_cooldown needs Root', () => {
    const e = newTestExt(1)
    S.Owner.set(e.s, rh1, rc1)
    noop(e, () => sub(e, rc1, 'set_auto_parent_delegation_enabled', { hotkey: rh1, enabled: false }), 'SubtensorModule.HotKeyNotRegisteredInSubNet')
    noop(e, () => sub(e, rc1, 'set_pending_childkey_cooldown', { cooldown: 0n }), 'BadOrigin')
  })
})

describe('tests/recycle_alpha.rs: add_stake_burn', () => {
  const [hot, cold] = [u256(533453), u256(55453)]
  const amount = DEFAULT_MIN_STAKE * 10n

  it('test_add_stake_burn_success', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hot, cold)
    removeOwnerRegistrationStake(e, netuid)
    setupReserves(e.s, netuid, amount * 1_000_000n, amount * 10_000_000n)
    addBalance(e, cold, amount)
    expect(getTotalStakeForHotkey(e.s, hot)).toBe(0n)
    sub(e, cold, 'add_stake_burn', { hotkey: hot, netuid, amount, limit: null })
    expect(getTotalStakeForHotkey(e.s, hot)).toBe(0n)
    // the source's epsilon of 1 is its ExistentialDeposit: what stake_into_subnet leaves behind
    expect(getColdkeyBalance(e.s, cold)).toBeLessThanOrEqual(ED)
    expect(eventNames(e.s)).toContain('SubtensorModule.AlphaBurned')
    expect(eventNames(e.s)).toContain('SubtensorModule.AddStakeBurn')
  })

  it('test_add_stake_burn_with_limit_success', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hot, cold)
    removeOwnerRegistrationStake(e, netuid)
    setupReserves(e.s, netuid, 1_000_000_000_000n, 1_000_000_000_000n)
    expect(swapInterface().currentAlphaPrice(e.s, netuid)).toBe(1n << 64n)
    const amt = 100_000_000_000n
    addBalance(e, cold, amt)
    const before = getColdkeyBalance(e.s, cold)
    sub(e, cold, 'add_stake_burn', { hotkey: hot, netuid, amount: amt, limit: 2_000_000_000n })
    expect(getTotalStakeForHotkey(e.s, hot)).toBe(0n)
    expect(getColdkeyBalance(e.s, cold)).toBeLessThan(before)
    const price = Number(swapInterface().currentAlphaPrice(e.s, netuid)) / 2 ** 64
    expect(price >= 1 && price <= 2).toBe(true)
    expect(eventNames(e.s)).toContain('SubtensorModule.AlphaBurned')
  })

  it('test_add_stake_burn_non_owner_succeeds', () => {
    const e = newTestExt(1)
    const [h, c, other] = [u256(1), u256(2), u256(3)]
    const netuid = addDynamicNetwork(e, h, c)
    setupReserves(e.s, netuid, amount * 1_000_000n, amount * 10_000_000n)
    addBalance(e, other, amount)
    sub(e, other, 'add_stake_burn', { hotkey: h, netuid, amount, limit: null })
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, h, other, netuid)).toBe(0n)
    expect(eventNames(e.s)).toContain('SubtensorModule.AddStakeBurn')
  })

  it('test_add_stake_burn_nonexistent_subnet_fails', () => {
    const e = newTestExt(1)
    addBalance(e, u256(2), amount)
    noop(e, () => sub(e, u256(2), 'add_stake_burn', { hotkey: u256(1), netuid: 999, amount, limit: null }), 'SubtensorModule.SubnetNotExists')
  })

  it('test_add_stake_burn_insufficient_balance_fails', () => {
    const e = newTestExt(1)
    const [h, c] = [u256(1), u256(2)]
    const netuid = addDynamicNetwork(e, h, c)
    setupReserves(e.s, netuid, amount * 1_000_000n, amount * 10_000_000n)
    noop(e, () => sub(e, c, 'add_stake_burn', { hotkey: h, netuid, amount, limit: null }), 'SubtensorModule.NotEnoughBalanceToStake')
  })
})

describe('admin-utils tests/mod.rs: sudo_set_nominator_min_required_stake', () => {
  const get = (e: Ext) => (DEFAULT_MIN_STAKE * S.NominatorMinRequiredStake.get(e.s)) / 1_000_000n

  it('can_only_be_called_by_admin', () => {
    const e = newTestExt(1)
    noop(e, () => admin(e, u256(0), 'sudo_set_nominator_min_required_stake', { min_stake: get(e) + 5n }), 'BadOrigin')
  })

  it('sets_a_lower_value / sets_a_higher_value', () => {
    const e = newTestExt(1)
    admin(e, null, 'sudo_set_nominator_min_required_stake', { min_stake: 10n })
    expect(get(e)).toBe((10n * DEFAULT_MIN_STAKE) / 1_000_000n)
    admin(e, null, 'sudo_set_nominator_min_required_stake', { min_stake: 5n })
    expect(get(e)).toBe((5n * DEFAULT_MIN_STAKE) / 1_000_000n)
    const higher = get(e) + 5n
    admin(e, null, 'sudo_set_nominator_min_required_stake', { min_stake: higher })
    expect(get(e)).toBe((higher * DEFAULT_MIN_STAKE) / 1_000_000n)
  })

  it('test_sets_a_lower_value_clears_small_nominations', () => {
    const e = newTestExt(1)
    const [hot, ownerCold, staker] = [u256(3), u256(1), u256(2)]
    const funds = 1_000_000_000_000_000n
    addBalance(e, ownerCold, funds)
    addBalance(e, staker, funds)
    addNetwork(e.s, 2, 10)
    registerOkNeuron(e, 2, hot, ownerCold)
    admin(e, null, 'sudo_set_nominator_min_required_stake', { min_stake: 10n })
    expect(get(e)).toBe((10n * DEFAULT_MIN_STAKE) / 1_000_000n)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, staker, 2, 11n)
    admin(e, null, 'sudo_set_nominator_min_required_stake', { min_stake: 5n })
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, staker, 2)).toBeGreaterThan(0n)
    admin(e, null, 'sudo_set_nominator_min_required_stake', { min_stake: 20n })
    expect(get(e)).toBe((20n * DEFAULT_MIN_STAKE) / 1_000_000n)
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, staker, 2)).toBe(0n)
  })
})

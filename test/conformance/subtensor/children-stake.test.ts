// Ports of subtensor's tests/children.rs (HEAD 14bc6f9), part 2: stake inherited through children
// (exact values), the stake threshold, the cooldown and when pending schedules apply.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { doSetPendingChildren, trySetPendingChildren } from '../../../src/pallets/subtensor/staking/set-children.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { addDynamicNetwork, addNetwork, newTestExt, setupReserves, u256, type Ext } from './head-mock.js'
import { addBalance, child, child2, children, coldkey, E, hotkey, mockScheduleChildren, mockSetChildren, mockSetChildrenNoEpochs, noop, parents, registered, registerOkNeuron, removeOwnerRegistrationStake, schedule, setBlockNumber, stepSetChildrenRateLimit, sub, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

describe('tests/children.rs: inherited stake', () => {
  it('test_get_stake_for_hotkey_on_subnet', () => {
    const e = newTestExt(1)
    const [parent, ch, c1, c2] = [u256(1), u256(2), u256(3), u256(4)]
    addNetwork(e.s, 1, 1)
    registerOkNeuron(e, 1, parent, c1)
    registerOkNeuron(e, 1, ch, c2)
    mockSetChildren(e, c1, parent, 1, [[U64_MAX, ch]])
    for (const [h, c] of [[parent, c1], [parent, c2], [ch, c1], [ch, c2]] as const) L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c, 1, 1000n)
    const p = L.getInheritedForHotkeyOnSubnet(e.s, parent, 1)
    const c = L.getInheritedForHotkeyOnSubnet(e.s, ch, 1)
    expect(p).toBe(0n)
    expect(c).toBe(4000n)
  })
})

describe('tests/children.rs: stake inherited through children (exact values)', () => {
  const [ownerCold, ownerHot] = [u256(1001), u256(1002)]
  const inh = (e: Ext, h: Uint8Array, n: number) => L.getInheritedForHotkeyOnSubnet(e.s, h, n)
  const close = (v: bigint, target: bigint, eps: bigint) => expect(v > target ? v - target : target - v).toBeLessThanOrEqual(eps)
  function dynamic(keys: Uint8Array[], cold: Uint8Array): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    S.MaxRegistrationsPerBlock.set(e.s, netuid, 4)
    S.TargetRegistrationsPerInterval.set(e.s, netuid, 4)
    for (const k of keys) registerOkNeuron(e, netuid, k, cold)
    return { e, netuid }
  }

  it('test_children_stake_values', () => {
    const [c1, c2, c3] = [u256(3), u256(4), u256(5)]
    const { e, netuid } = dynamic([hotkey, c1, c2, c3], coldkey)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, netuid, 100_000_000_000_000n)
    const q = U64_MAX / 4n
    mockSetChildrenNoEpochs(e, netuid, hotkey, [[q, c1], [q, c2], [q, c3]])
    expect(inh(e, hotkey, netuid)).toBe(25_000_000_069_849n)
    for (const c of [c1, c2, c3]) expect(inh(e, c, netuid)).toBe(24_999_999_976_716n)
    expect(inh(e, hotkey, netuid) + inh(e, c1, netuid) + inh(e, c2, netuid) + inh(e, c3, netuid)).toBe(99_999_999_999_997n)
  })

  it('test_get_stake_for_hotkey_on_subnet_basic / _multiple_coldkeys', () => {
    const e = newTestExt(1)
    const [h, c1, c2] = [u256(1), u256(2), u256(3)]
    addNetwork(e.s, 1, 1)
    registerOkNeuron(e, 1, h, c1)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c1, 1, 1000n)
    expect(inh(e, h, 1)).toBe(1000n)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c2, 1, 2000n)
    expect(inh(e, h, 1)).toBe(3000n)
  })

  it('test_get_stake_for_hotkey_on_subnet_single_parent_child', () => {
    const [parent, ch, cold] = [u256(1), u256(2), u256(3)]
    const { e, netuid } = dynamic([parent, ch], cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, cold, netuid, 1_000_000_000n)
    mockSetChildrenNoEpochs(e, netuid, parent, [[U64_MAX, ch]])
    expect(inh(e, parent, netuid)).toBe(0n)
    expect(inh(e, ch, netuid)).toBe(1_000_000_000n)
  })

  it('test_get_stake_for_hotkey_on_subnet_multiple_parents_single_child', () => {
    const [p1, p2, ch, cold] = [u256(1), u256(2), u256(3), u256(4)]
    const { e, netuid } = dynamic([p1, p2, ch], cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, p1, cold, netuid, 1000n)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, p2, cold, netuid, 2000n)
    mockSetChildrenNoEpochs(e, netuid, p1, [[U64_MAX / 2n, ch]])
    mockSetChildrenNoEpochs(e, netuid, p2, [[U64_MAX / 2n, ch]])
    close(inh(e, p1, netuid), 500n, 10n)
    close(inh(e, p2, netuid), 1000n, 10n)
    close(inh(e, ch, netuid), 1499n, 10n)
  })

  it('test_get_stake_for_hotkey_on_subnet_single_parent_multiple_children', () => {
    const [parent, ch1, ch2, cold] = [u256(1), u256(2), u256(3), u256(4)]
    const { e, netuid } = dynamic([parent, ch1, ch2], cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, cold, netuid, 3000n)
    mockSetChildrenNoEpochs(e, netuid, parent, [[U64_MAX / 3n, ch1], [U64_MAX / 3n, ch2]])
    const [p, a, b] = [inh(e, parent, netuid), inh(e, ch1, netuid), inh(e, ch2, netuid)]
    close(p + a + b, 3000n, 10n)
    close(p, 1000n, 10n)
    close(a, 1000n, 10n)
    close(b, 1000n, 10n)
  })

  it('test_get_stake_for_hotkey_on_subnet_edge_cases', () => {
    const [parent, ch1, ch2, cold] = [u256(1), u256(2), u256(3), u256(4)]
    const { e, netuid } = dynamic([parent, ch1, ch2], cold)
    const max = 600_000_000_000_000n
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, cold, netuid, max)
    mockSetChildrenNoEpochs(e, netuid, parent, [[0n, ch1], [U64_MAX, ch2]])
    expect(inh(e, parent, netuid)).toBe(0n)
    expect(inh(e, ch1, netuid)).toBe(0n)
    expect(inh(e, ch2, netuid)).toBe(max)
  })

  it('test_get_parents_chain', () => {
    const e = newTestExt(1)
    const keys = Array.from({ length: 5 }, (_, i) => u256(i + 2))
    const half = U64_MAX / 2n
    addNetwork(e.s, 1, 13)
    S.MaxRegistrationsPerBlock.set(e.s, 1, 1000)
    S.TargetRegistrationsPerInterval.set(e.s, 1, 1000)
    for (const k of keys) registerOkNeuron(e, 1, k, coldkey)
    for (let i = 0; i < keys.length - 1; i++) mockScheduleChildren(e, coldkey, keys[i]!, 1, [[half, keys[i + 1]!]])
    const block = BigInt(e.env.blockNumber)
    setBlockNumber(e, block + S.PendingChildKeyCooldown.get(e.s) + 1n)
    doSetPendingChildren(e.s, e.env, 1)
    setBlockNumber(e, block)
    for (let i = 1; i < keys.length; i++) expect(parents(e, keys[i]!, 1)).toEqual([[half, keys[i - 1]!]])
    expect(parents(e, keys[0]!, 1)).toEqual([])
    const last = keys[keys.length - 1]!
    const newParent = u256(7)
    registerOkNeuron(e, 1, newParent, coldkey)
    mockSetChildren(e, coldkey, newParent, 1, [[half / 2n, last]])
    const ps = parents(e, last, 1)
    expect(ps.length).toBe(2)
    expect(ps).toContainEqual([half, keys[keys.length - 2]!])
    expect(ps).toContainEqual([half / 2n, newParent])
  })
})

describe('tests/children.rs: stake threshold, cooldown and pending schedules', () => {
  const THRESHOLD = 1_000_000_000_000n
  /** mock.rs `swap_tao_to_alpha`'s fee (root: none), through a rolled-back swap at the max price. */
  const swapFee = (e: Ext, netuid: number, tao: bigint) =>
    netuid === 0 ? 0n : swapInterface().swap(e.s, netuid, { kind: 'GetAlphaForTao', amount: tao }, swapInterface().maxPrice(), false, true).feePaid
  /** `wait_and_set_pending_children`: past the cooldown, do_set_pending_children, block restored. */
  function waitAndSetPending(e: Ext, netuid: number): void {
    const block = BigInt(e.env.blockNumber)
    setBlockNumber(e, block + S.PendingChildKeyCooldown.get(e.s) + 1n)
    doSetPendingChildren(e.s, e.env, netuid)
    setBlockNumber(e, block)
  }

  it('test_do_set_child_below_min_stake', () => {
    const e = registered()
    S.StakeThreshold.set(e.s, THRESHOLD)
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[1000n, child]]), E('NotEnoughStakeToSetChildkeys'))
  })

  it('test_do_remove_stake_clears_pending_childkeys', () => {
    const e = registered()
    addBalance(e, coldkey, 10_000_000_000_000n)
    S.SubtokenEnabled.set(e.s, 1, true)
    setupReserves(e.s, 1, 1_000_000_000_000_000n, 1_000_000_000_000_000n)
    S.StakeThreshold.set(e.s, THRESHOLD)
    sub(e, coldkey, 'add_stake', { hotkey, netuid: 1, amount_staked: THRESHOLD * 2n })
    const alpha = L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 1)
    schedule(e, coldkey, hotkey, 1, [[1000n, child]])
    const before = S.PendingChildKeys.get(e.s, 1, hotkey)
    expect(before[0].length).toBeGreaterThan(0)
    expect(before[1]).toBeGreaterThan(0n)
    sub(e, coldkey, 'remove_stake', { hotkey, netuid: 1, amount_unstaked: alpha })
    const after = S.PendingChildKeys.get(e.s, 1, hotkey)
    expect(after[0]).toEqual([])
    expect(after[1]).toBe(0n)
  })

  it('test_do_set_child_cooldown_period / test_do_set_pending_children_runs_in_epoch', () => {
    const e = registered()
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 1, S.StakeThreshold.get(e.s))
    schedule(e, coldkey, hotkey, 1, [[1000n, child]])
    expect(children(e, hotkey, 1)).toEqual([])
    waitAndSetPending(e, 1)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 1, S.StakeThreshold.get(e.s))
    expect(children(e, hotkey, 1)).toEqual([[1000n, child]])
  })

  it('the epoch applies a due schedule: block_step\'s try_set_pending_children after the epoch ran', () => {
    const e = registered()
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 1, S.StakeThreshold.get(e.s))
    schedule(e, coldkey, hotkey, 1, [[1000n, child]])
    const due = S.PendingChildKeys.get(e.s, 1, hotkey)[1]
    // an epoch that ran at a block past the cooldown (LastEpochBlock = now) applies it
    setBlockNumber(e, due + 1n)
    S.LastEpochBlock.set(e.s, 1, due + 1n)
    trySetPendingChildren(e.s, e.env, due + 1n)
    expect(children(e, hotkey, 1)).toEqual([[1000n, child]])
    expect(S.PendingChildKeys.contains(e.s, 1, hotkey)).toBe(false)
  })

  it('test_revoke_child_no_min_stake_check', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 0, 13)
    addNetwork(e.s, 1, 13)
    registerOkNeuron(e, 1, hotkey, coldkey)
    setupReserves(e.s, 1, 1_000_000_000_000_000n, 1_000_000_000_000_000n)
    setupReserves(e.s, 0, 1_000_000_000_000_000n, 1_000_000_000_000_000n)
    S.StakeThreshold.set(e.s, THRESHOLD)
    const stake = THRESHOLD + swapFee(e, 0, THRESHOLD)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 0, stake)
    schedule(e, coldkey, hotkey, 1, [[1000n, child]])
    expect(children(e, hotkey, 1)).toEqual([])
    waitAndSetPending(e, 1)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 0, stake)
    expect(children(e, hotkey, 1)).toEqual([[1000n, child]])
    S.TransactionKeyLastBlock.set(e.s, [hotkey, 1, 0], 0n)
    schedule(e, coldkey, hotkey, 1, [])
    waitAndSetPending(e, 1)
    expect(children(e, hotkey, 1)).toEqual([])
  })

  it('test_do_set_child_registration_disabled', () => {
    const e = registered()
    setupReserves(e.s, 1, 1_000_000_000_000_000n, 1_000_000_000_000_000n)
    S.StakeThreshold.set(e.s, THRESHOLD)
    const stake = THRESHOLD + swapFee(e, 1, THRESHOLD)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 1, stake)
    S.NetworkRegistrationAllowed.set(e.s, 1, false)
    schedule(e, coldkey, hotkey, 1, [[1000n, child]])
    waitAndSetPending(e, 1)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, 1, stake)
    expect(children(e, hotkey, 1)).toEqual([[1000n, child]])
  })

  it('test_set_children_rate_limit_fail_then_succeed', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[100n, child]])
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[100n, child2]]), E('TxRateLimitExceeded'))
    expect(children(e, hotkey, 1)).toEqual([[100n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[100n, child2]])
    expect(children(e, hotkey, 1)).toEqual([[100n, child2]])
  })

  it('test_do_set_child_as_sn_owner_not_enough_stake', () => {
    const e = newTestExt(1)
    const [ownerHot, childCold, childHot, otherHot] = [u256(4), u256(2), u256(5), u256(6)]
    S.StakeThreshold.set(e.s, 10_000n)
    const netuid = addDynamicNetwork(e, ownerHot, coldkey)
    removeOwnerRegistrationStake(e, netuid)
    registerOkNeuron(e, netuid, childHot, childCold)
    expect(getTotalStakeForHotkey(e.s, ownerHot)).toBeLessThan(10_000n)
    schedule(e, coldkey, ownerHot, netuid, [[1000n, childHot]])
    registerOkNeuron(e, netuid, otherHot, coldkey)
    expect(getTotalStakeForHotkey(e.s, otherHot)).toBeLessThan(10_000n)
    noop(e, () => schedule(e, coldkey, otherHot, netuid, [[1000n, childHot]]), E('NotEnoughStakeToSetChildkeys'))
  })

  it('test_pending_cooldown_as_expected', () => {
    const e = registered()
    const cooldown = S.PendingChildKeyCooldown.get(e.s)
    mockScheduleChildren(e, coldkey, hotkey, 1, [[1000n, child], [2000n, child2]])
    expect(S.PendingChildKeys.get(e.s, 1, hotkey)).toEqual([[[1000n, child], [2000n, child2]], 1n + cooldown])
  })

  it('test_set_child_keys_empty_vector_clears_storage', () => {
    const e = newTestExt(1)
    const [parent, ch] = [u256(1), u256(2)]
    const netuid = addDynamicNetwork(e, u256(1001), u256(1002))
    S.ChildKeys.set(e.s, parent, netuid, [[U64_MAX, ch]])
    S.ParentKeys.set(e.s, ch, netuid, [[U64_MAX, parent]])
    mockSetChildrenNoEpochs(e, netuid, parent, [])
    expect(S.ChildKeys.contains(e.s, parent, netuid)).toBe(false)
    expect(S.ParentKeys.contains(e.s, ch, netuid)).toBe(false)
  })

  it('test_set_child_keys_no_start_call_sets_immediately', () => {
    const e = registered()
    S.SubtokenEnabled.remove(e.s, 1)
    mockScheduleChildren(e, coldkey, hotkey, 1, [[1000n, child], [2000n, child2]])
    doSetPendingChildren(e.s, e.env, 1)
    expect(S.PendingChildKeys.contains(e.s, 1, hotkey)).toBe(false)
    expect(S.ChildKeys.get(e.s, hotkey, 1)).toEqual([[1000n, child], [2000n, child2]])
  })
})

// Port of subtensor pallets/subtensor/src/tests/swap_hotkey.rs (HEAD 14bc6f9): every storage
// item perform_hotkey_swap_on_all_subnets moves, and do_swap_hotkey's checks, costs and limits
// through the swap_hotkey / swap_hotkey_v2 calls. Stake is placed with the ledger functions
// add_stake ends in (its TAO→alpha swap is not what is tested here). More cases in
// swap-hotkey-maps.test.ts.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, freeBalance } from '../../../src/pallets/balances/index.js'
import { SubtensorConstants, SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getTotalStakeForColdkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { getStakeForHotkeyAndColdkeyOnSubnet, increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { Weigher } from '../../../src/pallets/subtensor/swap/common.js'
import { performHotkeySwapOnAllSubnets } from '../../../src/pallets/subtensor/swap/swap-hotkey.js'
import { errorOf, eventNames, failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { OLD, NEW, COLD, se, KEY_SWAP_COST, ext, addNetwork, addDynamicNetwork, fund, swapAll, swap, swapFails } from './swap-hotkey-mock.js'
import { u256 } from './mock.js'

describe('tests/swap_hotkey.rs: perform_hotkey_swap_on_all_subnets', () => {
  it('test_swap_owner / test_swap_owned_hotkeys / test_swap_delegates', () => {
    const m = ext()
    S.Owner.set(m.s, OLD, COLD)
    S.OwnedHotkeys.set(m.s, COLD, [OLD])
    S.Delegates.set(m.s, OLD, 100)
    swapAll(m)
    expect(S.Owner.contains(m.s, OLD)).toBe(false)
    expect(S.Owner.get(m.s, NEW)).toEqual(COLD)
    expect(S.OwnedHotkeys.get(m.s, COLD)).toEqual([NEW])
    expect(S.Delegates.contains(m.s, OLD)).toBe(false)
    expect(S.Delegates.get(m.s, NEW)).toBe(100)
  })

  it('test_swap_owner_new_hotkey_already_exists (the new owner is written)', () => {
    const m = ext()
    S.Owner.set(m.s, OLD, COLD)
    S.Owner.set(m.s, NEW, u256(4))
    swapAll(m)
    expect(S.Owner.get(m.s, NEW)).toEqual(COLD)
    expect(S.Owner.contains(m.s, OLD)).toBe(false)
  })

  it('test_swap_subnet_membership / uids_and_keys / prometheus / axons / certificates / weight_commits / loaded_emission', () => {
    const m = ext()
    addNetwork(m, 0)
    S.IsNetworkMember.set(m.s, OLD, 0, true)
    S.Uids.set(m.s, 0, OLD, 5)
    S.Keys.set(m.s, 0, 5, OLD)
    const prom = { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 }
    const axon = { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0, protocol: 0, placeholder1: 0, placeholder2: 0 }
    S.Prometheus.set(m.s, 0, OLD, prom)
    S.Axons.set(m.s, 0, OLD, axon)
    const cert = { public_key: new Uint8Array([2, 3]), algorithm: 1 }
    S.NeuronCertificates.set(m.s, 0, OLD, cert)
    const commits: [Uint8Array, bigint, bigint, bigint][] = [[new Uint8Array(32).fill(100), 200n, 1n, 1n]]
    S.WeightCommits.set(m.s, 0, OLD, commits)
    S.LoadedEmission.set(m.s, 0, [[OLD, 1000n, 1000n]])
    swapAll(m)
    expect(S.IsNetworkMember.contains(m.s, OLD, 0)).toBe(false)
    expect(S.IsNetworkMember.get(m.s, NEW, 0)).toBe(true)
    expect(S.Uids.get(m.s, 0, OLD)).toBeNull()
    expect(S.Uids.get(m.s, 0, NEW)).toBe(5)
    expect(S.Keys.get(m.s, 0, 5)).toEqual(NEW)
    expect(S.Prometheus.contains(m.s, 0, OLD)).toBe(false)
    expect(S.Prometheus.get(m.s, 0, NEW)).toEqual(prom)
    expect(S.Axons.contains(m.s, 0, OLD)).toBe(false)
    expect(S.Axons.get(m.s, 0, NEW)).toEqual(axon)
    expect(S.NeuronCertificates.contains(m.s, 0, OLD)).toBe(false)
    expect(S.NeuronCertificates.get(m.s, 0, NEW)).toEqual(cert)
    expect(S.WeightCommits.contains(m.s, 0, OLD)).toBe(false)
    expect(S.WeightCommits.get(m.s, 0, NEW)).toEqual(commits)
    expect(S.LoadedEmission.get(m.s, 0)).toEqual([[NEW, 1000n, 1000n]])
  })

  it('test_swap_hotkey_with_multiple_subnets (IsNetworkMember written on every subnet)', () => {
    const m = ext()
    addNetwork(m, 0)
    addNetwork(m, 1)
    addNetwork(m, 2)
    S.IsNetworkMember.set(m.s, OLD, 0, true)
    S.IsNetworkMember.set(m.s, OLD, 1, true)
    swapAll(m)
    expect(S.IsNetworkMember.get(m.s, NEW, 0)).toBe(true)
    expect(S.IsNetworkMember.get(m.s, NEW, 1)).toBe(true)
    expect(S.IsNetworkMember.get(m.s, OLD, 0)).toBe(false)
    expect(S.IsNetworkMember.get(m.s, OLD, 1)).toBe(false)
    // where the old hotkey was not a member the chain still inserts `false`
    expect(S.IsNetworkMember.contains(m.s, NEW, 2)).toBe(true)
    expect(S.IsNetworkMember.get(m.s, NEW, 2)).toBe(false)
  })

  it('test_swap_total_hotkey_stake / test_swap_hotkey_with_multiple_coldkeys_and_subnets', () => {
    const m = ext()
    const ck2 = u256(4)
    addNetwork(m, 1)
    addNetwork(m, 2)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, 1, 20_000_000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, ck2, 2, 15_000_000n)
    const ck1Stake = getStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, 1)
    const ck2Stake = getStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, ck2, 2)
    expect(ck1Stake).toBe(20_000_000n)
    swapAll(m)
    expect(S.TotalHotkeyAlpha.get(m.s, NEW, 1)).toBe(20_000_000n)
    expect(S.TotalHotkeyAlpha.get(m.s, OLD, 1)).toBe(0n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, NEW, COLD, 1)).toBe(ck1Stake)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, NEW, ck2, 2)).toBe(ck2Stake)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, 1)).toBe(0n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, ck2, 2)).toBe(0n)
    expect(S.StakingHotkeys.get(m.s, COLD)).toEqual([NEW])
    expect(S.StakingHotkeys.get(m.s, ck2)).toEqual([NEW])
  })

  it('test_swap_hotkey_with_multiple_coldkeys (each coldkey keeps its total stake)', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, u256(1002), u256(1001))
    const ck2 = u256(4)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, netuid, 1_000_000_000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, ck2, netuid, 500_000_000n)
    const before = [getTotalStakeForColdkey(m.s, COLD), getTotalStakeForColdkey(m.s, ck2)]
    swapAll(m)
    expect([getTotalStakeForColdkey(m.s, COLD), getTotalStakeForColdkey(m.s, ck2)]).toEqual(before)
    expect(S.StakingHotkeys.get(m.s, COLD).some((h) => h.every((b, i) => b === NEW[i]))).toBe(true)
  })

  it('test_swap_staking_hotkeys_multiple_coldkeys (other hotkeys stay)', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, u256(1002), u256(1001))
    const [ck2, staker5] = [u256(4), u256(5)]
    S.StakingHotkeys.set(m.s, COLD, [OLD])
    S.StakingHotkeys.set(m.s, ck2, [OLD, staker5])
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, netuid, 1_000_000_000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, ck2, netuid, 1_000_000_000n)
    swapAll(m)
    expect(S.StakingHotkeys.get(m.s, COLD)).toEqual([NEW])
    expect(S.StakingHotkeys.get(m.s, ck2)).toEqual([staker5, NEW])
  })

  it('test_swap_stake_success (deprecated Alpha rows migrate into AlphaV2 under the new hotkey)', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, u256(1002), u256(1001))
    const amount = 10_000n
    const shares = { bits: amount << 64n }
    S.TotalHotkeyAlpha.set(m.s, OLD, netuid, amount)
    S.TotalHotkeyAlphaLastEpoch.set(m.s, OLD, netuid, amount * 2n)
    S.TotalHotkeyShares.set(m.s, OLD, netuid, shares)
    S.Alpha.set(m.s, [OLD, COLD, netuid], shares)
    S.AlphaDividendsPerSubnet.set(m.s, netuid, OLD, amount)
    swapAll(m)
    expect(S.TotalHotkeyAlpha.get(m.s, OLD, netuid)).toBe(0n)
    expect(S.TotalHotkeyAlpha.get(m.s, NEW, netuid)).toBe(amount)
    expect(S.TotalHotkeyAlphaLastEpoch.get(m.s, OLD, netuid)).toBe(0n)
    expect(S.TotalHotkeyAlphaLastEpoch.get(m.s, NEW, netuid)).toBe(amount * 2n)
    expect(S.TotalHotkeyShares.contains(m.s, OLD, netuid)).toBe(false)
    expect(S.TotalHotkeyShares.contains(m.s, NEW, netuid)).toBe(false)
    expect(S.Alpha.contains(m.s, OLD, COLD, netuid)).toBe(false)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, NEW, COLD, netuid)).toBe(amount)
    expect(S.AlphaV2.contains(m.s, NEW, COLD, netuid)).toBe(true)
    expect(S.AlphaDividendsPerSubnet.get(m.s, netuid, OLD)).toBe(0n)
    expect(S.AlphaDividendsPerSubnet.get(m.s, netuid, NEW)).toBe(amount)
  })

  it('test_swap_child_keys / test_swap_parent_keys / test_swap_complex_parent_child_structure', () => {
    const m = ext()
    addNetwork(m, 0)
    const [p1, p2, c1, c2] = [u256(4), u256(5), u256(6), u256(7)]
    S.ParentKeys.set(m.s, OLD, 0, [[100n, p1], [200n, p2]])
    S.ChildKeys.set(m.s, OLD, 0, [[300n, c1], [400n, c2]])
    S.ChildKeys.set(m.s, p1, 0, [[100n, OLD], [500n, u256(8)]])
    S.ChildKeys.set(m.s, p2, 0, [[200n, OLD], [600n, u256(9)]])
    S.ParentKeys.set(m.s, c1, 0, [[300n, OLD]])
    swapAll(m)
    expect(S.ParentKeys.get(m.s, NEW, 0)).toEqual([[100n, p1], [200n, p2]])
    expect(S.ParentKeys.get(m.s, OLD, 0)).toEqual([])
    expect(S.ChildKeys.get(m.s, NEW, 0)).toEqual([[300n, c1], [400n, c2]])
    expect(S.ChildKeys.get(m.s, OLD, 0)).toEqual([])
    expect(S.ChildKeys.get(m.s, p1, 0)).toEqual([[500n, u256(8)], [100n, NEW]])
    expect(S.ChildKeys.get(m.s, p2, 0)).toEqual([[600n, u256(9)], [200n, NEW]])
    expect(S.ParentKeys.get(m.s, c1, 0)).toEqual([[300n, NEW]])
    expect(S.ParentKeys.get(m.s, c2, 0)).toEqual([[400n, NEW]])
  })

  it('test_swap_parent_hotkey_self_loops_in_pending (InvalidChild)', () => {
    const m = ext()
    addNetwork(m, 1)
    const child = u256(3)
    const parentNew = u256(4)
    S.ChildKeys.set(m.s, OLD, 1, [[(1n << 64n) - 1n, child]])
    S.ParentKeys.set(m.s, child, 1, [[(1n << 64n) - 1n, OLD]])
    S.PendingChildKeys.set(m.s, 1, OLD, [[[(1n << 64n) - 1n, parentNew]], 10n])
    const err = errorOf(failsUntouched(m.s, () => performHotkeySwapOnAllSubnets({ origin: signed(COLD), s: m.s, env: m.env }, OLD, parentNew, COLD, new Weigher(), false)))
    expect(err).toEqual(se(SE.InvalidChild))
  })

  it('pending children naming the old hotkey point at the new one, proportion kept', () => {
    const m = ext()
    addNetwork(m, 1)
    const parent = u256(9)
    S.PendingChildKeys.set(m.s, 1, parent, [[[7n, OLD], [9n, u256(8)]], 44n])
    swapAll(m)
    expect(S.PendingChildKeys.get(m.s, 1, parent)).toEqual([[[9n, u256(8)], [7n, NEW]], 44n])
  })

  it('test_swap_hotkey_is_sn_owner_hotkey / test_swap_auto_stake_destination_coldkeys', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, OLD, COLD)
    addNetwork(m, 2)
    const stakers = [u256(4), u256(5), COLD]
    S.AutoStakeDestinationColdkeys.set(m.s, OLD, 2, stakers)
    S.AutoStakeDestination.set(m.s, COLD, 2, OLD)
    swapAll(m)
    expect(S.SubnetOwnerHotkey.get(m.s, netuid)).toEqual(NEW)
    expect(eventNames(m.s)).toContain('SubtensorModule.SubnetOwnerHotkeySet')
    expect(S.AutoStakeDestinationColdkeys.get(m.s, NEW, 2)).toEqual(stakers)
    expect(S.AutoStakeDestinationColdkeys.contains(m.s, OLD, 2)).toBe(false)
    expect(S.AutoStakeDestination.get(m.s, COLD, 2)).toEqual(NEW)
  })

  it('ghsa_2026_014: an explicit ChildkeyTake moves, none is invented', () => {
    const m = ext()
    addNetwork(m, 1)
    addNetwork(m, 2)
    S.ChildkeyTake.set(m.s, OLD, 1, 1234)
    swapAll(m)
    expect(S.ChildkeyTake.get(m.s, NEW, 1)).toBe(1234)
    expect(S.ChildkeyTake.contains(m.s, OLD, 1)).toBe(false)
    expect(S.ChildkeyTake.contains(m.s, NEW, 2)).toBe(false)
  })

  it('keep_stake: identity moves, the stake and dividend records stay', () => {
    const m = ext()
    addNetwork(m, 1)
    S.IsNetworkMember.set(m.s, OLD, 1, true)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, 1, 5_000_000n)
    S.AlphaDividendsPerSubnet.set(m.s, 1, OLD, 9n)
    swapAll(m, COLD, true)
    expect(S.IsNetworkMember.get(m.s, NEW, 1)).toBe(true)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, OLD, COLD, 1)).toBe(5_000_000n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, NEW, COLD, 1)).toBe(0n)
    expect(S.AlphaDividendsPerSubnet.get(m.s, 1, OLD)).toBe(9n)
    expect(S.StakingHotkeys.get(m.s, COLD)).toEqual([OLD])
  })
})

describe('tests/swap_hotkey.rs: do_swap_hotkey', () => {
  it('test_swap_hotkey_error_cases', () => {
    const m = ext()
    S.Owner.set(m.s, OLD, COLD)
    S.TotalNetworks.set(m.s, 1)
    expect(swapFails(m, COLD, OLD, NEW, null)).toEqual(se(SE.NotEnoughBalanceToPaySwapHotKey))
    const initial = KEY_SWAP_COST + 1000n
    fund(m, COLD, initial)
    expect(swapFails(m, COLD, OLD, OLD, null)).toEqual(se(SE.NewHotKeyIsSameWithOld))
    S.IsNetworkMember.set(m.s, NEW, 0, true)
    expect(swapFails(m, COLD, OLD, NEW, null)).toEqual(se(SE.HotKeyAlreadyRegisteredInSubNet))
    S.IsNetworkMember.remove(m.s, NEW, 0)
    expect(swapFails(m, u256(4), OLD, NEW, null)).toEqual(se(SE.NonAssociatedColdKey))
    const issuance = S.TotalIssuance.get(m.s)
    swap(m, COLD, OLD, NEW, null)
    expect(freeBalance(m.s, COLD)).toBe(initial - KEY_SWAP_COST)
    // recycled: SubtensorModule's issuance goes down by the cost
    expect(S.TotalIssuance.get(m.s)).toBe(issuance > KEY_SWAP_COST ? issuance - KEY_SWAP_COST : 0n)
    expect(eventNames(m.s)).toContain('SubtensorModule.HotkeySwapped')
    expect(S.LastRateLimitedBlock.get(m.s, { type: 'LastTxBlock', value: COLD })).toBe(BigInt(m.block))
  })

  it('a new hotkey owned by another coldkey is refused', () => {
    const m = ext()
    S.Owner.set(m.s, OLD, COLD)
    S.Owner.set(m.s, NEW, u256(4))
    fund(m, COLD, KEY_SWAP_COST * 2n)
    expect(swapFails(m, COLD, OLD, NEW, null)).toEqual(se(SE.NonAssociatedColdKey))
  })

  it('test_swap_hotkey_tx_rate_limit_exceeded (TxRateLimit on the coldkey, inclusive)', () => {
    const m = ext()
    S.TxRateLimit.set(m.s, 1n)
    addNetwork(m, 1)
    S.Owner.set(m.s, OLD, COLD)
    appendNeuron(m.s, 1, OLD, 1n)
    fund(m, COLD, KEY_SWAP_COST * 2n + EXISTENTIAL_DEPOSIT)
    m.stepBlock(1)
    swap(m, COLD, OLD, NEW, null)
    expect(swapFails(m, COLD, NEW, u256(4), null)).toEqual(se(SE.HotKeySetTxRateLimitExceeded))
    m.stepBlock(1)
    expect(swapFails(m, COLD, NEW, u256(4), null)).toEqual(se(SE.HotKeySetTxRateLimitExceeded))
    // the all-subnets path is also bound by the per-subnet cooldown it recorded on netuid 1
    m.stepBlock(1)
    expect(swapFails(m, COLD, NEW, u256(4), null)).toEqual(se(SE.HotKeySwapOnSubnetIntervalNotPassed))
    m.setBlockNumber(m.block + 7200)
    swap(m, COLD, NEW, u256(4), null)
    expect(S.Keys.get(m.s, 1, 0)).toEqual(u256(4))
  })

  it('test_do_swap_hotkey_err_new_hotkey_not_clean_for_root', () => {
    const m = ext()
    S.Owner.set(m.s, OLD, COLD)
    S.TotalNetworks.set(m.s, 1)
    fund(m, COLD, KEY_SWAP_COST + 1000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, NEW, u256(4), 0, 1_000_000n)
    expect(swapFails(m, COLD, OLD, NEW, null)).toEqual(se(SE.NewHotKeyNotCleanForRootSwap))
    expect(swapFails(m, COLD, OLD, NEW, 0)).toEqual(se(SE.NewHotKeyNotCleanForRootSwap))
  })

  it('test_swap_hotkey_swap_rate_limits (the old hotkey\'s last blocks carry over)', () => {
    const m = ext()
    addDynamicNetwork(m, OLD, COLD)
    fund(m, COLD, 1_000_000_000_000n)
    S.LastRateLimitedBlock.set(m.s, { type: 'LastTxBlock', value: OLD }, 123n)
    S.LastRateLimitedBlock.set(m.s, { type: 'LastTxBlockDelegateTake', value: OLD }, 4567n)
    S.LastRateLimitedBlock.set(m.s, { type: 'LastTxBlockChildKeyTake', value: OLD }, 8910n)
    swap(m, COLD, OLD, NEW, null)
    expect(S.LastRateLimitedBlock.get(m.s, { type: 'LastTxBlock', value: NEW })).toBe(123n)
    expect(S.LastRateLimitedBlock.get(m.s, { type: 'LastTxBlockDelegateTake', value: NEW })).toBe(4567n)
    expect(S.LastRateLimitedBlock.get(m.s, { type: 'LastTxBlockChildKeyTake', value: NEW })).toBe(8910n)
    expect(S.LastRateLimitedBlock.contains(m.s, { type: 'LastTxBlock', value: OLD })).toBe(false)
  })

  it('a conviction lock on the old hotkey is refused (locks are not built): CallDisabled, nothing changed', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, OLD, COLD)
    fund(m, COLD, 1_000_000_000_000n)
    S.HotkeyLock.set(m.s, netuid, OLD, { locked_mass: 5n, conviction: { bits: 0n }, last_update: 1n })
    expect(swapFails(m, COLD, OLD, NEW, null)).toEqual(se(SE.CallDisabled))
  })
})

describe('tests/swap_hotkey_with_subnet.rs: the per-subnet swap', () => {
  it('moves only that subnet, charges KeySwapOnSubnetCost, keeps the old owner entry', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, OLD, COLD)
    addNetwork(m, 5)
    S.IsNetworkMember.set(m.s, OLD, 5, true)
    fund(m, COLD, 1_000_000_000n)
    S.TxRateLimit.set(m.s, 0n)
    m.setBlockNumber(7201)
    const before = freeBalance(m.s, COLD)
    swap(m, COLD, OLD, NEW, netuid)
    expect(freeBalance(m.s, COLD)).toBe(before - SubtensorConstants.KeySwapOnSubnetCost)
    expect(S.Keys.get(m.s, netuid, 0)).toEqual(NEW)
    expect(S.Owner.get(m.s, OLD)).toEqual(COLD)
    expect(S.Owner.get(m.s, NEW)).toEqual(COLD)
    expect(S.OwnedHotkeys.get(m.s, COLD)).toEqual([OLD, NEW])
    expect(S.IsNetworkMember.get(m.s, OLD, 5)).toBe(true)
    expect(S.LastHotkeySwapOnNetuid.get(m.s, netuid, COLD)).toBe(BigInt(m.block))
    expect(eventNames(m.s)).toContain('SubtensorModule.HotkeySwappedOnSubnet')
    // the same coldkey waits HotkeySwapOnSubnetInterval on this subnet
    expect(swapFails(m, COLD, NEW, u256(9), netuid)).toEqual(se(SE.HotKeySwapOnSubnetIntervalNotPassed))
  })

  it('refuses before the interval from genesis, a system account, a registered new hotkey', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, OLD, COLD)
    fund(m, COLD, 1_000_000_000n)
    expect(swapFails(m, COLD, OLD, NEW, netuid)).toEqual(se(SE.HotKeySwapOnSubnetIntervalNotPassed))
    m.setBlockNumber(7201)
    expect(swapFails(m, COLD, OLD, subnetAccountId(3), netuid)).toEqual(se(SE.CannotUseSystemAccount))
    S.IsNetworkMember.set(m.s, NEW, netuid, false)
    expect(swapFails(m, COLD, OLD, NEW, netuid)).toEqual(se(SE.HotKeyAlreadyRegisteredInSubNet))
  })
})

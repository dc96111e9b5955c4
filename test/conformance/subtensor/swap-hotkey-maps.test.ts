// Port of more of subtensor pallets/subtensor/src/tests/swap_hotkey.rs (HEAD 14bc6f9): owner and
// staking-hotkey rows without stake, AlphaV2 and share totals, ChildKeys/ParentKeys/PendingChildKeys
// from either side, and the per-subnet cooldown the all-subnets path honours (GHSA-2026-011).
import { describe, expect, it } from 'vitest'
import { SubtensorConstants, SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { Weigher } from '../../../src/pallets/subtensor/swap/common.js'
import { performHotkeySwapOnAllSubnets } from '../../../src/pallets/subtensor/swap/swap-hotkey.js'
import { signed } from '../../../src/pallets/test-utils.js'
import { sf, OLD, NEW, COLD, se, ext, addNetwork, addDynamicNetwork, fund, swapAll, swap, swapFails } from './swap-hotkey-mock.js'
import { u256 } from './mock.js'

describe('tests/swap_hotkey.rs: more of perform_hotkey_swap_on_all_subnets and the subnet cooldown', () => {
  it('test_swap_owner_old_hotkey_not_exist (the new owner is written anyway)', () => {
    const m = ext()
    expect(S.Owner.contains(m.s, OLD)).toBe(false)
    swapAll(m)
    expect(S.Owner.get(m.s, NEW)).toEqual(COLD)
    expect(S.Owner.contains(m.s, OLD)).toBe(false)
  })

  it('test_swap_hotkey_with_no_stake', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, u256(1002), u256(1001))
    S.Owner.set(m.s, OLD, COLD)
    swapAll(m)
    expect(S.Owner.contains(m.s, OLD)).toBe(false)
    expect(S.Owner.get(m.s, NEW)).toEqual(COLD)
    expect(S.Alpha.contains(m.s, OLD, COLD, netuid)).toBe(false)
    expect(S.Alpha.contains(m.s, NEW, COLD, netuid)).toBe(false)
  })

  it('test_swap_stake_old_hotkey_not_exist (a deprecated Alpha row lands in AlphaV2 under the new hotkey)', () => {
    const m = ext()
    addDynamicNetwork(m, u256(1002), u256(1001))
    S.Alpha.set(m.s, [OLD, COLD, 1], { bits: 1000n << 64n })
    S.TotalHotkeyAlpha.set(m.s, OLD, 1, 1000n)
    S.TotalHotkeyShares.set(m.s, OLD, 1, { bits: 1000n << 64n })
    swapAll(m)
    expect(S.AlphaV2.contains(m.s, NEW, COLD, 1)).toBe(true)
    expect(S.Alpha.contains(m.s, OLD, COLD, 1)).toBe(false)
  })

  it('test_swap_staking_hotkeys', () => {
    const m = ext()
    addDynamicNetwork(m, u256(1002), u256(1001))
    S.StakingHotkeys.set(m.s, COLD, [OLD])
    S.Alpha.set(m.s, [OLD, COLD, 1], { bits: 100n << 64n })
    swapAll(m)
    expect(S.StakingHotkeys.get(m.s, COLD)).toEqual([NEW])
  })

  it('ghsa_2026_011_subnet_swap_interval_bypassed_by_all_subnets_path', () => {
    const m = ext()
    const [hkA, hkContrast, hkB] = [u256(2), u256(6), u256(7)]
    const interval = Number(SubtensorConstants.HotkeySwapOnSubnetInterval)
    S.TxRateLimit.set(m.s, 0n) // the mock's InitialTxRateLimit
    addNetwork(m, 1)
    m.registerOk(1, OLD, COLD, 0)
    fund(m, COLD, 1_000_000_000_000n)
    m.setBlockNumber(interval + 20)
    const block = BigInt(m.block)
    expect(S.LastHotkeySwapOnNetuid.get(m.s, 1, COLD)).toBe(0n)
    swap(m, COLD, OLD, hkA, 1)
    expect(S.LastHotkeySwapOnNetuid.get(m.s, 1, COLD)).toBe(block)
    expect(swapFails(m, COLD, hkA, hkContrast, 1)).toEqual(se(SE.HotKeySwapOnSubnetIntervalNotPassed))
    expect(S.IsNetworkMember.get(m.s, hkA, 1)).toBe(true)
    // the all-subnets path honours the same cooldown
    expect(swapFails(m, COLD, hkA, hkB, null)).toEqual(se(SE.HotKeySwapOnSubnetIntervalNotPassed))
    expect(S.Owner.get(m.s, hkA)).toEqual(COLD)
    expect(S.Owner.contains(m.s, hkB)).toBe(false)
    m.setBlockNumber(m.block + interval + 1)
    swap(m, COLD, hkA, hkB, null)
    expect(S.Owner.get(m.s, hkB)).toEqual(COLD)
    expect(S.Owner.contains(m.s, hkA)).toBe(false)
    expect(S.LastHotkeySwapOnNetuid.get(m.s, 1, COLD)).toBe(BigInt(m.block))
  })

  it('ghsa_2026_011_all_subnets_swap_covers_parent_key_subnets_not_child_side', () => {
    const m = ext()
    const [child, foreignParent] = [u256(8), u256(9)]
    const MAX = (1n << 64n) - 1n
    S.TxRateLimit.set(m.s, 0n)
    for (const n of [1, 2, 3]) addNetwork(m, n)
    m.registerOk(1, OLD, COLD, 0)
    fund(m, COLD, 1_000_000_000_000n)
    S.ChildKeys.set(m.s, OLD, 2, [[MAX, child]])
    S.ParentKeys.set(m.s, OLD, 3, [[MAX, foreignParent]])
    expect([S.IsNetworkMember.get(m.s, OLD, 2), S.IsNetworkMember.get(m.s, OLD, 3)]).toEqual([false, false])
    m.setBlockNumber(Number(SubtensorConstants.HotkeySwapOnSubnetInterval) + 20)
    const block = BigInt(m.block)
    swap(m, COLD, OLD, NEW, null)
    expect(S.ChildKeys.get(m.s, NEW, 2)).toEqual([[MAX, child]])
    expect(S.ParentKeys.get(m.s, NEW, 3)).toEqual([[MAX, foreignParent]])
    // the cooldown is recorded on member and parent-side subnets, not on a child-only one
    expect([1, 2, 3].map((n) => S.LastHotkeySwapOnNetuid.get(m.s, n, COLD))).toEqual([block, block, 0n])
  })

  it('test_swap_stake_v2_success (AlphaV2, shares, totals, last-epoch alpha and dividends move)', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, u256(1002), u256(1001))
    const amount = 10_000n
    S.TotalHotkeyAlpha.set(m.s, OLD, netuid, amount)
    S.TotalHotkeyAlphaLastEpoch.set(m.s, OLD, netuid, amount * 2n)
    S.TotalHotkeySharesV2.set(m.s, OLD, netuid, sf(amount))
    S.AlphaV2.set(m.s, [OLD, COLD, netuid], sf(amount))
    S.AlphaDividendsPerSubnet.set(m.s, netuid, OLD, amount)
    swapAll(m)
    expect([S.TotalHotkeyAlpha.get(m.s, OLD, netuid), S.TotalHotkeyAlpha.get(m.s, NEW, netuid)]).toEqual([0n, amount])
    expect([S.TotalHotkeyAlphaLastEpoch.get(m.s, OLD, netuid), S.TotalHotkeyAlphaLastEpoch.get(m.s, NEW, netuid)]).toEqual([0n, amount * 2n])
    expect(S.TotalHotkeySharesV2.contains(m.s, OLD, netuid)).toBe(false)
    expect(S.TotalHotkeySharesV2.get(m.s, NEW, netuid)).toEqual(sf(amount))
    expect(S.AlphaV2.contains(m.s, OLD, COLD, netuid)).toBe(false)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, NEW, COLD, netuid)).toBe(amount)
    expect([S.AlphaDividendsPerSubnet.get(m.s, netuid, OLD), S.AlphaDividendsPerSubnet.get(m.s, netuid, NEW)]).toEqual([0n, amount])
  })

  it('test_swap_multiple_subnets (ChildKeys on root and a subnet)', () => {
    const m = ext()
    addNetwork(m, 0)
    addNetwork(m, 1)
    const children1: [bigint, Uint8Array][] = [[100n, u256(4)], [200n, u256(5)]]
    const children2: [bigint, Uint8Array][] = [[300n, u256(6)]]
    S.ChildKeys.set(m.s, OLD, 0, children1)
    S.ChildKeys.set(m.s, OLD, 1, children2)
    swapAll(m)
    expect([S.ChildKeys.get(m.s, NEW, 0), S.ChildKeys.get(m.s, NEW, 1)]).toEqual([children1, children2])
    expect([S.ChildKeys.get(m.s, OLD, 0), S.ChildKeys.get(m.s, OLD, 1)]).toEqual([[], []])
  })

  it('test_swap_parent_hotkey_childkey_maps (the parent swapped: child maps and its pending entry follow)', () => {
    const m = ext()
    addNetwork(m, 1)
    const [parentOld, child, childOther, parentNew] = [u256(1), u256(3), u256(4), u256(5)]
    const MAX = (1n << 64n) - 1n
    S.ChildKeys.set(m.s, parentOld, 1, [[MAX, child]])
    S.ParentKeys.set(m.s, child, 1, [[MAX, parentOld]])
    S.PendingChildKeys.set(m.s, 1, parentOld, [[[MAX, childOther]], 20n])
    performHotkeySwapOnAllSubnets({ origin: signed(COLD), s: m.s, env: m.env }, parentOld, parentNew, COLD, new Weigher(), false)
    expect(S.ParentKeys.get(m.s, child, 1)).toEqual([[MAX, parentNew]])
    expect(S.ChildKeys.get(m.s, parentNew, 1)).toEqual([[MAX, child]])
    expect(S.PendingChildKeys.get(m.s, 1, parentNew)).toEqual([[[MAX, childOther]], 20n])
  })

  it('test_swap_child_hotkey_childkey_maps (the child swapped: the parent\'s maps and pending entry name the new one)', () => {
    const m = ext()
    addNetwork(m, 1)
    const [parent, childOld, childNew] = [u256(1), u256(3), u256(4)]
    const MAX = (1n << 64n) - 1n
    S.ChildKeys.set(m.s, parent, 1, [[MAX, childOld]])
    S.ParentKeys.set(m.s, childOld, 1, [[MAX, parent]])
    S.PendingChildKeys.set(m.s, 1, parent, [[[MAX, childOld]], 20n])
    performHotkeySwapOnAllSubnets({ origin: signed(COLD), s: m.s, env: m.env }, childOld, childNew, COLD, new Weigher(), false)
    expect(S.ParentKeys.get(m.s, childNew, 1)).toEqual([[MAX, parent]])
    expect(S.ChildKeys.get(m.s, parent, 1)).toEqual([[MAX, childNew]])
    expect(S.PendingChildKeys.get(m.s, 1, parent)).toEqual([[[MAX, childNew]], 20n])
  })
})

// Port of subtensor pallets/subtensor/src/tests/swap_coldkey.rs (HEAD 14bc6f9): announcement,
// execution after the delay, dispute, reset, clear, Root's swap_coldkey, what do_swap_coldkey
// moves, and guards/check_coldkey_swap.rs. Stake is placed with the ledger functions add_stake
// ends in.
import { describe, expect, it } from 'vitest'
import { blake2_256 } from '../../../src/codec/hashing.js'
import { EXISTENTIAL_DEPOSIT, freeBalance, mint, reducibleBalance } from '../../../src/pallets/balances/index.js'
import { SubtensorConstants, SubtensorErrors as SE, SubtensorStorage as S, validateSubtensorCall, CustomTransactionError } from '../../../src/pallets/subtensor/index.js'
import { getStakeForHotkeyAndColdkeyOnSubnet, increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { getTotalStakeForColdkey, getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { doSwapColdkey } from '../../../src/pallets/subtensor/swap/swap-coldkey.js'
import { addStakingHotkey } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { subtensorDispatchExtension } from '../../../src/pallets/subtensor/swap/guard.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { callHandler, callValue, errorOf, events, failsUntouched, NONE, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'
import { addDynamicNetwork as addDynamicHeadNetwork, addNetwork, newTestExt, setupReserves, type Ext } from './head-mock.js'
import { addBalance, registerOkNeuron, sub, swapTaoToAlpha } from './staking-mock.js'
import { SafeFloat } from '../../../src/primitives/share-pool/index.js'

const [WHO, NEW_CK] = [u256(1), u256(2)]
const se = (e: () => unknown): unknown => errorOf(e())
const BAD_ORIGIN = { type: 'BadOrigin' }
const COST = SubtensorConstants.KeySwapCost
const ED = EXISTENTIAL_DEPOSIT

const fund = (m: Mock, who: Uint8Array, amount: bigint) => mint(m.s, { depositEvent: (e) => m.env.depositEvent(e) }, who, amount)
const call = (m: Mock, name: string, origin: Origin, args: Record<string, unknown> = {}) => callHandler(m.env, 'SubtensorModule', name, origin, args)
const fails = (m: Mock, name: string, origin: Origin, args: Record<string, unknown> = {}) => errorOf(failsUntouched(m.s, () => call(m, name, origin, args)))
const lastEvent = (m: Mock) => events(m.s).at(-1)!
const announce = (m: Mock, who: Uint8Array, nw: Uint8Array) => {
  fund(m, who, COST + ED)
  call(m, 'announce_coldkey_swap', signed(who), { new_coldkey_hash: blake2_256(nw) })
}
const announcements = (m: Mock) => [...S.ColdkeySwapAnnouncements.iter(m.s)]

describe('tests/swap_coldkey.rs: announcement', () => {
  it('test_announce_coldkey_swap_works (cost recycled down to the ED)', () => {
    const m = new Mock()
    fund(m, WHO, COST + ED)
    expect(reducibleBalance(m.s, WHO, 'Expendable', 'Polite')).toBe(COST + ED)
    const hash = blake2_256(NEW_CK)
    call(m, 'announce_coldkey_swap', signed(WHO), { new_coldkey_hash: hash })
    expect(announcements(m)).toEqual([[WHO, [m.block + S.ColdkeySwapAnnouncementDelay.get(m.s), hash]]])
    expect(reducibleBalance(m.s, WHO, 'Expendable', 'Polite')).toBe(ED)
    expect(lastEvent(m)).toMatchObject({ name: 'SubtensorModule.ColdkeySwapAnnounced', value: { who: WHO, new_coldkey_hash: hash } })
  })

  it('test_announce_coldkey_swap_with_existing_announcement_past_delay_works / only_pays_swap_cost_if_no_announcement_exists', () => {
    const m = new Mock()
    fund(m, WHO, COST + ED)
    call(m, 'announce_coldkey_swap', signed(WHO), { new_coldkey_hash: blake2_256(NEW_CK) })
    const delay = S.ColdkeySwapAnnouncementDelay.get(m.s)
    m.setBlockNumber(m.block + delay + S.ColdkeySwapReannouncementDelay.get(m.s))
    const hash2 = blake2_256(u256(3))
    call(m, 'announce_coldkey_swap', signed(WHO), { new_coldkey_hash: hash2 })
    expect(announcements(m)).toEqual([[WHO, [m.block + delay, hash2]]])
    expect(reducibleBalance(m.s, WHO, 'Expendable', 'Polite')).toBe(ED)
  })

  it('test_announce_coldkey_swap_with_bad_origin_fails / existing_announcement_not_past_delay_fails / not_enough_balance', () => {
    const m = new Mock()
    const hash = blake2_256(NEW_CK)
    expect(fails(m, 'announce_coldkey_swap', NONE, { new_coldkey_hash: hash })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'announce_coldkey_swap', ROOT, { new_coldkey_hash: hash })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'announce_coldkey_swap', signed(WHO), { new_coldkey_hash: hash })).toEqual(se(SE.NotEnoughBalanceToPaySwapColdKey))
    announce(m, WHO, NEW_CK)
    expect(fails(m, 'announce_coldkey_swap', signed(WHO), { new_coldkey_hash: blake2_256(u256(3)) })).toEqual(se(SE.ColdkeySwapReannouncedTooEarly))
  })
})

describe('tests/swap_coldkey.rs: swap_coldkey_announced', () => {
  it('test_swap_coldkey_announced_with_bad_origin_fails / without_announcement / mismatched hash / too early', () => {
    const m = new Mock()
    expect(fails(m, 'swap_coldkey_announced', NONE, { new_coldkey: NEW_CK })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'swap_coldkey_announced', ROOT, { new_coldkey: NEW_CK })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: NEW_CK })).toEqual(se(SE.ColdkeySwapAnnouncementNotFound))
    S.ColdkeySwapAnnouncements.set(m.s, WHO, [m.block, blake2_256(NEW_CK)])
    expect(fails(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: u256(3) })).toEqual(se(SE.AnnouncedColdkeyHashDoesNotMatch))
    const delay = S.ColdkeySwapAnnouncementDelay.get(m.s)
    S.ColdkeySwapAnnouncements.set(m.s, WHO, [m.block + delay, blake2_256(NEW_CK)])
    expect(fails(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: NEW_CK })).toEqual(se(SE.ColdkeySwapTooEarly))
    m.setBlockNumber(m.block + delay - 1)
    expect(fails(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: NEW_CK })).toEqual(se(SE.ColdkeySwapTooEarly))
  })

  it('test_swap_coldkey_announced_with_already_associated_coldkey_fails / with_hotkey_fails', () => {
    const m = new Mock()
    announce(m, WHO, NEW_CK)
    m.setBlockNumber(m.block + S.ColdkeySwapAnnouncementDelay.get(m.s) + 1)
    S.StakingHotkeys.set(m.s, NEW_CK, [u256(3)])
    S.Owner.set(m.s, u256(3), NEW_CK)
    expect(fails(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: NEW_CK })).toEqual(se(SE.ColdKeyAlreadyAssociated))
    S.ColdkeySwapAnnouncements.set(m.s, WHO, [m.block, blake2_256(u256(3))])
    expect(fails(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: u256(3) })).toEqual(se(SE.NewColdKeyIsHotkey))
  })

  it('test_swap_coldkey_announced_works (comprehensive: subnets, stake, hotkeys, identity, auto-stake, balance)', () => {
    const m = new Mock()
    const [hk1, hk2, hk3] = [u256(1001), u256(1002), u256(1003)]
    S.ColdkeySwapAnnouncements.set(m.s, WHO, [m.block, blake2_256(NEW_CK)])
    m.setBlockNumber(m.block + S.ColdkeySwapAnnouncementDelay.get(m.s) + 1)
    for (const n of [1, 2]) { initNewNetwork(m.s, n, 1); S.SubnetOwner.set(m.s, n, WHO) }
    S.Owner.set(m.s, hk1, WHO)
    S.Owner.set(m.s, hk2, WHO)
    S.OwnedHotkeys.set(m.s, WHO, [hk1, hk2])
    S.Owner.set(m.s, hk3, u256(77)) // a delegate the coldkey nominates
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, hk1, WHO, 1, 20_000_000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, hk2, WHO, 2, 40_000_000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, hk3, WHO, 1, 60_000_000n)
    const identity = { name: new Uint8Array([1]), url: new Uint8Array(0), github_repo: new Uint8Array(0), image: new Uint8Array(0), discord: new Uint8Array(0), description: new Uint8Array(0), additional: new Uint8Array(0) }
    S.IdentitiesV2.set(m.s, WHO, identity)
    S.AutoStakeDestination.set(m.s, WHO, 1, hk1)
    S.AutoStakeDestinationColdkeys.set(m.s, hk1, 1, [WHO])
    fund(m, WHO, 5_000_000_000n)
    const balance = freeBalance(m.s, WHO)
    call(m, 'swap_coldkey_announced', signed(WHO), { new_coldkey: NEW_CK })
    expect(S.SubnetOwner.get(m.s, 1)).toEqual(NEW_CK)
    expect(S.SubnetOwner.get(m.s, 2)).toEqual(NEW_CK)
    expect(S.Owner.get(m.s, hk1)).toEqual(NEW_CK)
    expect(S.Owner.get(m.s, hk3)).toEqual(u256(77))
    expect(S.OwnedHotkeys.get(m.s, NEW_CK)).toEqual([hk1, hk2])
    expect(S.OwnedHotkeys.contains(m.s, WHO)).toBe(false)
    // netuid by netuid, each non-zero move appends its hotkey: hk1 and hk3 on 1, then hk2 on 2
    expect(S.StakingHotkeys.get(m.s, NEW_CK)).toEqual([hk1, hk3, hk2])
    expect(S.StakingHotkeys.contains(m.s, WHO)).toBe(false)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk1, NEW_CK, 1)).toBe(20_000_000n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk2, NEW_CK, 2)).toBe(40_000_000n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk3, NEW_CK, 1)).toBe(60_000_000n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk1, WHO, 1)).toBe(0n)
    expect(S.IdentitiesV2.get(m.s, NEW_CK)).toEqual(identity)
    expect(S.IdentitiesV2.get(m.s, WHO)).toBeNull()
    expect(S.AutoStakeDestination.get(m.s, NEW_CK, 1)).toEqual(hk1)
    expect(S.AutoStakeDestinationColdkeys.get(m.s, hk1, 1)).toEqual([NEW_CK])
    // the whole balance moves (the old account is reaped); nothing charged at execution
    expect(freeBalance(m.s, NEW_CK)).toBe(balance)
    expect(freeBalance(m.s, WHO)).toBe(0n)
    expect(S.ColdkeySwapAnnouncements.get(m.s, WHO)).toBeNull()
    expect(S.LastRateLimitedBlock.get(m.s, { type: 'LastTxBlock', value: NEW_CK })).toBe(BigInt(m.block))
    expect(lastEvent(m)).toMatchObject({ name: 'SubtensorModule.ColdkeySwapped', value: { old_coldkey: WHO, new_coldkey: NEW_CK } })
  })

  it('test_do_swap_coldkey_preserves_new_coldkey_identity', () => {
    const m = new Mock()
    const idOf = (b: number) => ({ name: new Uint8Array([b]), url: new Uint8Array(0), github_repo: new Uint8Array(0), image: new Uint8Array(0), discord: new Uint8Array(0), description: new Uint8Array(0), additional: new Uint8Array(0) })
    S.IdentitiesV2.set(m.s, WHO, idOf(1))
    S.IdentitiesV2.set(m.s, NEW_CK, idOf(2))
    call(m, 'swap_coldkey', ROOT, { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: 0n })
    expect(S.IdentitiesV2.get(m.s, WHO)).toEqual(idOf(1))
    expect(S.IdentitiesV2.get(m.s, NEW_CK)).toEqual(idOf(2))
  })

  it('root stake moves the auto-claim coldkey index to the new coldkey', () => {
    const m = new Mock()
    initNewNetwork(m.s, 0, 1)
    const hk = u256(1001)
    S.Owner.set(m.s, hk, u256(9))
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, WHO, 0, 1_000_000n)
    S.StakingColdkeys.set(m.s, WHO, 0n)
    S.StakingColdkeysByIndex.set(m.s, 0n, WHO)
    S.NumStakingColdkeys.set(m.s, 1n)
    call(m, 'swap_coldkey', ROOT, { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: 0n })
    expect(S.StakingColdkeys.get(m.s, WHO)).toBeNull()
    expect(S.StakingColdkeys.get(m.s, NEW_CK)).toBe(0n)
    expect(S.StakingColdkeysByIndex.get(m.s, 0n)).toEqual(NEW_CK)
    expect(S.NumStakingColdkeys.get(m.s)).toBe(1n)
  })
})

describe('tests/swap_coldkey.rs: Root swap_coldkey', () => {
  it('test_swap_coldkey_works (cost recycled, announcement and dispute cleared) / with_zero_cost / bad origin / not enough balance', () => {
    const m = new Mock()
    fund(m, WHO, COST + 1_000_000n + ED)
    S.ColdkeySwapAnnouncements.set(m.s, WHO, [1, blake2_256(NEW_CK)])
    S.ColdkeySwapDisputes.set(m.s, WHO, 1)
    expect(fails(m, 'swap_coldkey', signed(WHO), { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: COST })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'swap_coldkey', ROOT, { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: COST * 10n })).toEqual(se(SE.NotEnoughBalanceToPaySwapColdKey))
    const total = freeBalance(m.s, WHO)
    call(m, 'swap_coldkey', ROOT, { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: COST })
    expect(freeBalance(m.s, NEW_CK)).toBe(total - COST)
    expect(S.ColdkeySwapAnnouncements.get(m.s, WHO)).toBeNull()
    expect(S.ColdkeySwapDisputes.get(m.s, WHO)).toBeNull()
    const m2 = new Mock()
    fund(m2, WHO, 1_000n)
    call(m2, 'swap_coldkey', ROOT, { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: 0n })
    expect(freeBalance(m2.s, NEW_CK)).toBe(1_000n)
  })

  it('a conviction lock on the old coldkey is refused (locks are not built): CallDisabled', () => {
    const m = new Mock()
    S.Lock.set(m.s, [WHO, 1, u256(5)], { locked_mass: 5n, conviction: { bits: 0n }, last_update: 1n })
    expect(fails(m, 'swap_coldkey', ROOT, { old_coldkey: WHO, new_coldkey: NEW_CK, swap_cost: 0n })).toEqual(se(SE.CallDisabled))
  })

  it('test_schedule_swap_coldkey_deprecated', () => {
    const m = new Mock()
    expect(fails(m, 'schedule_swap_coldkey', ROOT, { new_coldkey: NEW_CK })).toEqual(se(SE.Deprecated))
  })
})

describe('tests/swap_coldkey.rs: dispute, reset, clear', () => {
  it('test_dispute_coldkey_swap_works / bad origin / without announcement / already disputed', () => {
    const m = new Mock()
    expect(fails(m, 'dispute_coldkey_swap', signed(WHO))).toEqual(se(SE.ColdkeySwapAnnouncementNotFound))
    announce(m, WHO, NEW_CK)
    expect(fails(m, 'dispute_coldkey_swap', ROOT)).toEqual(BAD_ORIGIN)
    expect(fails(m, 'dispute_coldkey_swap', NONE)).toEqual(BAD_ORIGIN)
    call(m, 'dispute_coldkey_swap', signed(WHO))
    expect(S.ColdkeySwapDisputes.get(m.s, WHO)).toBe(m.block)
    expect(lastEvent(m).name).toBe('SubtensorModule.ColdkeySwapDisputed')
    expect(fails(m, 'dispute_coldkey_swap', signed(WHO))).toEqual(se(SE.ColdkeySwapAlreadyDisputed))
  })

  it('test_reset_coldkey_swap_works / with_bad_origin_fails', () => {
    const m = new Mock()
    announce(m, WHO, NEW_CK)
    call(m, 'dispute_coldkey_swap', signed(WHO))
    expect(fails(m, 'reset_coldkey_swap', signed(WHO), { coldkey: NEW_CK })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'reset_coldkey_swap', NONE, { coldkey: NEW_CK })).toEqual(BAD_ORIGIN)
    call(m, 'reset_coldkey_swap', ROOT, { coldkey: WHO })
    expect(S.ColdkeySwapAnnouncements.get(m.s, WHO)).toBeNull()
    expect(S.ColdkeySwapDisputes.get(m.s, WHO)).toBeNull()
    expect(lastEvent(m)).toMatchObject({ name: 'SubtensorModule.ColdkeySwapReset', value: { who: WHO } })
  })

  it('test_clear_coldkey_swap_announcement_works / not_found / too_early / bad_origin', () => {
    const m = new Mock()
    expect(fails(m, 'clear_coldkey_swap_announcement', signed(WHO))).toEqual(se(SE.ColdkeySwapAnnouncementNotFound))
    expect(fails(m, 'clear_coldkey_swap_announcement', ROOT)).toEqual(BAD_ORIGIN)
    announce(m, WHO, NEW_CK)
    const [when] = S.ColdkeySwapAnnouncements.get(m.s, WHO)!
    const delay = S.ColdkeySwapReannouncementDelay.get(m.s)
    m.setBlockNumber(when + delay - 1)
    expect(fails(m, 'clear_coldkey_swap_announcement', signed(WHO))).toEqual(se(SE.ColdkeySwapClearTooEarly))
    m.setBlockNumber(when + delay)
    call(m, 'clear_coldkey_swap_announcement', signed(WHO))
    expect(S.ColdkeySwapAnnouncements.get(m.s, WHO)).toBeNull()
    expect(lastEvent(m)).toMatchObject({ name: 'SubtensorModule.ColdkeySwapCleared', value: { who: WHO } })
  })
})

describe('guards/check_coldkey_swap.rs: an announced coldkey is held to the swap calls', () => {
  it('refuses other calls at dispatch (ColdkeySwapAnnounced) and in the pool (Custom 0); all calls once disputed (Custom 21)', () => {
    const m = new Mock()
    const transfer = callValue('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: u256(9) }, value: 1n })
    const serve = callValue('SubtensorModule', 'dispute_coldkey_swap')
    expect(subtensorDispatchExtension(m.s, WHO, transfer)).toBeNull()
    announce(m, WHO, NEW_CK)
    expect(subtensorDispatchExtension(m.s, WHO, transfer)).toEqual(SE.ColdkeySwapAnnounced())
    expect(validateSubtensorCall(m.s, WHO, transfer)).toBe(CustomTransactionError.ColdkeyInSwapSchedule)
    expect(subtensorDispatchExtension(m.s, WHO, serve)).toBeNull()
    expect(validateSubtensorCall(m.s, u256(8), transfer)).toBeNull()
    call(m, 'dispute_coldkey_swap', signed(WHO))
    expect(subtensorDispatchExtension(m.s, WHO, serve)).toEqual(SE.ColdkeySwapDisputed())
    expect(validateSubtensorCall(m.s, WHO, serve)).toBe(CustomTransactionError.ColdkeySwapDisputed)
  })
})

describe('tests/swap_coldkey.rs: do_swap_coldkey totals', () => {
  const swap = (m: Mock, old: Uint8Array, nw: Uint8Array) => doSwapColdkey({ origin: signed(old), s: m.s, env: m.env }, old, nw)

  it('test_do_swap_coldkey_with_no_stake', () => {
    const m = new Mock()
    swap(m, u256(1), u256(2))
    expect(getTotalStakeForColdkey(m.s, u256(1))).toBe(0n)
    expect(getTotalStakeForColdkey(m.s, u256(2))).toBe(0n)
  })

  it('test_do_swap_coldkey_with_max_values (near half the supply each, valued at the pool price)', () => {
    const m = new Mock()
    const maxStake = (21_000_000_000_000_000n - 2n * ED - 100n) / 2n
    const [[old1, new1, hk1], [old2, new2, hk2]] = [[u256(1), u256(2), u256(5)], [u256(3), u256(4), u256(6)]]
    for (const [netuid, old, hk] of [[1, old1, hk1], [2, old2, hk2]] as const) {
      m.addNetwork(netuid, 1)
      S.SubnetTAO.set(m.s, netuid, maxStake)
      S.SubnetAlphaIn.set(m.s, netuid, maxStake)
      S.Owner.set(m.s, hk, old)
      addStakingHotkey(m.s, old, hk)
      increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, old, netuid, maxStake)
    }
    const before1 = getTotalStakeForColdkey(m.s, old1)
    const before2 = getTotalStakeForColdkey(m.s, old2)
    expect(before1).toBeGreaterThan(0n)
    swap(m, old1, new1)
    swap(m, old2, new2)
    expect(getTotalStakeForColdkey(m.s, old1)).toBe(0n)
    expect(getTotalStakeForColdkey(m.s, old2)).toBe(0n)
    expect(getTotalStakeForColdkey(m.s, new1)).toBe(before1)
    expect(getTotalStakeForColdkey(m.s, new2)).toBe(before2)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk1, new1, 1)).toBe(maxStake)
  })
})

describe('tests/swap_coldkey.rs: do_swap_coldkey with stake placed by add_stake', () => {
  const addStake = (x: { s: Mock['s']; env: Mock['env'] }, cold: Uint8Array, hotkey: Uint8Array, netuid: number, amount: bigint) =>
    callHandler(x.env, 'SubtensorModule', 'add_stake', signed(cold), { hotkey, netuid, amount_staked: amount })

  it('test_do_swap_coldkey_effect_on_delegated_stake (the delegator keeps its stake)', () => {
    const x = newTestExt(1)
    const netuid = addDynamicHeadNetwork(x, u256(1002), u256(1001))
    const [old, nw, delegator, hotkey] = [u256(1), u256(2), u256(3), u256(4)]
    const stake = 100_000_000_000n
    S.StakingHotkeys.set(x.s, old, [hotkey])
    S.StakingHotkeys.set(x.s, delegator, [hotkey])
    S.Owner.set(x.s, hotkey, old)
    S.OwnedHotkeys.set(x.s, old, [hotkey])
    for (const who of [old, delegator]) { mint(x.s, x.env, who, stake + ED); addStake(x, who, hotkey, netuid, stake) }
    const [oldBefore, delegatorBefore] = [getTotalStakeForColdkey(x.s, old), getTotalStakeForColdkey(x.s, delegator)]
    expect(oldBefore).toBeGreaterThan(0n)
    doSwapColdkey({ origin: signed(old), s: x.s, env: x.env }, old, nw)
    expect(getTotalStakeForColdkey(x.s, nw)).toBe(oldBefore)
    expect(getTotalStakeForColdkey(x.s, delegator)).toBe(delegatorBefore)
    expect(getTotalStakeForColdkey(x.s, old)).toBe(0n)
  })

  it('test_swap_delegated_stake_for_coldkey (rows, totals, issuance and total stake unchanged)', () => {
    const x = newTestExt(1)
    const netuid = addDynamicHeadNetwork(x, u256(1002), u256(1001))
    const [old, nw, other, hk1, hk2] = [u256(1), u256(2), u256(3), u256(4), u256(5)]
    const [a1, a2] = [2_000_000n * 10n, 2_000_000n * 20n]
    for (const hk of [hk1, hk2]) { S.Owner.set(x.s, hk, other); S.OwnedHotkeys.mutate(x.s, other, (v) => [...v, hk]) }
    setupReserves(x.s, netuid, (a1 + a2) * 10n, (a1 + a2) * 10n)
    mint(x.s, x.env, old, a1 + a2 + 1_000_000n)
    addStake(x, old, hk1, netuid, a1)
    addStake(x, old, hk2, netuid, a2)
    const alpha1 = getStakeForHotkeyAndColdkeyOnSubnet(x.s, hk1, old, netuid)
    const alpha2 = getStakeForHotkeyAndColdkeyOnSubnet(x.s, hk2, old, netuid)
    expect(alpha1 > 0n && alpha2 > alpha1).toBe(true)
    const [issuance, totalStake, coldkeyStake] = [S.TotalIssuance.get(x.s), S.TotalStake.get(x.s), getTotalStakeForColdkey(x.s, old)]
    const [hk1Alpha, hk2Alpha] = [S.TotalHotkeyAlpha.get(x.s, hk1, netuid), S.TotalHotkeyAlpha.get(x.s, hk2, netuid)]
    doSwapColdkey({ origin: signed(old), s: x.s, env: x.env }, old, nw)
    expect([getStakeForHotkeyAndColdkeyOnSubnet(x.s, hk1, nw, netuid), getStakeForHotkeyAndColdkeyOnSubnet(x.s, hk2, nw, netuid)]).toEqual([alpha1, alpha2])
    expect([getStakeForHotkeyAndColdkeyOnSubnet(x.s, hk1, old, netuid), getStakeForHotkeyAndColdkeyOnSubnet(x.s, hk2, old, netuid)]).toEqual([0n, 0n])
    expect(getTotalStakeForColdkey(x.s, nw)).toBe(coldkeyStake)
    expect(getTotalStakeForColdkey(x.s, old)).toBe(0n)
    expect([S.TotalHotkeyAlpha.get(x.s, hk1, netuid), S.TotalHotkeyAlpha.get(x.s, hk2, netuid)]).toEqual([hk1Alpha, hk2Alpha])
    expect([S.TotalIssuance.get(x.s), S.TotalStake.get(x.s)]).toEqual([issuance, totalStake])
  })
})

describe('tests/swap_coldkey.rs: a nomination web across subnets', () => {
  const stakeTo = (e: Ext, cold: Uint8Array, hotkey: Uint8Array, netuid: number, amount: bigint) =>
    sub(e, cold, 'add_stake', { hotkey, netuid, amount_staked: amount })
  const owned = (e: Ext, c: Uint8Array) => S.OwnedHotkeys.get(e.s, c)
  const staked = (e: Ext, c: Uint8Array) => S.StakingHotkeys.get(e.s, c)

  it('test_coldkey_swap_total', () => {
    const e = newTestExt(1)
    const coldkey = u256(1)
    const [nominator1, nominator2, nominator3] = [u256(2), u256(3), u256(4)]
    const [delegate1, delegate2, delegate3] = [u256(5), u256(6), u256(7)]
    const [hotkey1, hotkey2, hotkey3] = [u256(2), u256(3), u256(4)]
    const stake = 2_000_000n * 10n
    addBalance(e, coldkey, stake * 6n + ED)
    for (const k of [delegate1, delegate2, delegate3, nominator1, nominator2, nominator3]) addBalance(e, k, stake * 2n + ED)
    for (const n of [1, 2, 3]) setupReserves(e.s, n, stake * 10n, stake * 10n)
    addNetwork(e.s, 1, 13)
    addNetwork(e.s, 2, 14)
    addNetwork(e.s, 3, 15)
    registerOkNeuron(e, 1, hotkey1, coldkey)
    registerOkNeuron(e, 2, hotkey2, coldkey)
    registerOkNeuron(e, 3, hotkey3, coldkey)
    registerOkNeuron(e, 1, delegate1, delegate1)
    registerOkNeuron(e, 2, delegate2, delegate2)
    registerOkNeuron(e, 3, delegate3, delegate3)
    const ensureMinBalance = (who: Uint8Array, required: bigint) => {
      const bal = freeBalance(e.s, who)
      if (bal < required) addBalance(e, who, required - bal)
    }
    ensureMinBalance(coldkey, stake * 6n + ED)
    for (const k of [delegate1, delegate2, delegate3, nominator1, nominator2, nominator3]) ensureMinBalance(k, stake * 2n + ED)
    for (const k of [hotkey1, hotkey2, hotkey3, delegate1, delegate2, delegate3]) S.Delegates.set(e.s, k, Math.floor(65_535 / 10))
    for (const h of [hotkey1, hotkey2, hotkey3, delegate1, delegate2, delegate3]) stakeTo(e, coldkey, h, 1, stake)
    stakeTo(e, delegate1, hotkey1, 1, stake)
    stakeTo(e, delegate2, hotkey2, 1, stake)
    stakeTo(e, delegate3, hotkey3, 1, stake)
    for (const d of [delegate1, delegate2, delegate3]) stakeTo(e, d, d, 1, stake)
    stakeTo(e, nominator1, hotkey1, 1, stake)
    stakeTo(e, nominator2, hotkey2, 1, stake)
    stakeTo(e, nominator3, hotkey3, 1, stake)
    stakeTo(e, nominator1, delegate1, 1, stake)
    stakeTo(e, nominator2, delegate2, 1, stake)
    stakeTo(e, nominator3, delegate3, 1, stake)

    const unchanged = () => {
      expect(owned(e, delegate1)).toEqual([delegate1])
      expect(owned(e, delegate2)).toEqual([delegate2])
      expect(owned(e, delegate3)).toEqual([delegate3])
      expect(staked(e, delegate1)).toEqual([delegate1, hotkey1])
      expect(staked(e, delegate2)).toEqual([delegate2, hotkey2])
      expect(staked(e, delegate3)).toEqual([delegate3, hotkey3])
      for (const n of [nominator1, nominator2, nominator3]) expect(owned(e, n)).toEqual([])
      expect(staked(e, nominator1)).toEqual([hotkey1, delegate1])
      expect(staked(e, nominator2)).toEqual([hotkey2, delegate2])
      expect(staked(e, nominator3)).toEqual([hotkey3, delegate3])
    }
    expect(owned(e, coldkey)).toEqual([hotkey1, hotkey2, hotkey3])
    expect(staked(e, coldkey)).toEqual([hotkey1, hotkey2, hotkey3, delegate1, delegate2, delegate3])
    const ckStake = getTotalStakeForColdkey(e.s, coldkey)
    const hotkeys = [hotkey1, hotkey2, hotkey3, delegate1, delegate2, delegate3]
    const hkStakes = hotkeys.map((h) => getTotalStakeForHotkey(e.s, h))
    unchanged()

    const newColdkey = u256(1100)
    expect(getTotalStakeForColdkey(e.s, coldkey)).toBe(ckStake)
    doSwapColdkey({ origin: signed(coldkey), s: e.s, env: e.env }, coldkey, newColdkey)
    expect(getTotalStakeForColdkey(e.s, newColdkey)).toBe(ckStake)
    expect(getTotalStakeForColdkey(e.s, coldkey)).toBe(0n)
    expect(owned(e, newColdkey)).toEqual([hotkey1, hotkey2, hotkey3])
    expect(staked(e, newColdkey)).toEqual([hotkey1, hotkey2, hotkey3, delegate1, delegate2, delegate3])
    expect(hotkeys.map((h) => getTotalStakeForHotkey(e.s, h))).toEqual(hkStakes)
    unchanged()
  })

  it('test_do_swap_coldkey_effect_on_delegations', () => {
    const e = newTestExt(1)
    const [newColdkey, owner, coldkey, delegate] = [u256(0), u256(1), u256(4), u256(2)]
    const [netuid, netuid2] = [0, 1]
    const stake = 2_000_000n * 10n
    const reserve = stake * 1000n
    setupReserves(e.s, netuid, reserve, reserve)
    setupReserves(e.s, netuid2, reserve, reserve)
    addNetwork(e.s, netuid, 13)
    addNetwork(e.s, netuid2, 13)
    sub(e, owner, 'root_register', { hotkey: delegate })
    registerOkNeuron(e, netuid2, delegate, owner)
    addBalance(e, coldkey, stake * 10n)
    // equal reserves and equal stakes: one expected value serves both subnets, as in the source
    const [expectedStake, fee] = swapTaoToAlpha(e, netuid, stake)
    stakeTo(e, coldkey, delegate, netuid, stake)
    stakeTo(e, coldkey, delegate, netuid2, stake)
    doSwapColdkey({ origin: signed(coldkey), s: e.s, env: e.env }, coldkey, newColdkey)
    const approx = stake * 2n - fee * 2n
    const near = (v: bigint) => expect(v > approx ? v - approx : approx - v).toBeLessThanOrEqual(approx / 100n)
    near(getTotalStakeForHotkey(e.s, delegate))
    expect(getTotalStakeForColdkey(e.s, coldkey)).toBe(0n)
    near(getTotalStakeForColdkey(e.s, newColdkey))
    const row = (c: Uint8Array, n: number) => { const v = S.AlphaV2.get(e.s, delegate, c, n); return v ? SafeFloat.new(v.mantissa, v.exponent)!.toU64() : 0n }
    expect(row(newColdkey, netuid)).toBe(expectedStake)
    expect(row(coldkey, netuid)).toBe(0n)
    expect(row(newColdkey, netuid2)).toBe(expectedStake)
    expect(row(coldkey, netuid2)).toBe(0n)
  })
})

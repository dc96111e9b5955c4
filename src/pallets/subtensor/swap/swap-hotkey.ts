// swap/swap_hotkey.rs (HEAD): `do_swap_hotkey` — a coldkey moves everything its hotkey holds,
// on every subnet (KeySwapCost) or on one (KeySwapOnSubnetCost, HotkeySwapOnSubnetInterval),
// the stake with it unless `keep_stake`.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { WeightValue } from '../../../frame/primitives.js'
import type { Store } from '../../../frame/declare/storage.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents as Ev } from '../macros/events.js'
import { SubtensorConstants, FAST_RUNTIME_CONSTANTS } from '../macros/config.js'
import { SubtensorStorage as S } from '../storage.js'
import { subtensorPallet } from '../index.js'
import { allSubnetNetuids, alphaIterSinglePrefix } from '../staking/helpers.js'
import {
  decreaseStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyOnSubnet,
  increaseStakeForHotkeyAndColdkeyOnSubnet,
} from '../staking/stake-utils.js'
import { isSubnetAccountId } from '../subnets/network.js'
import { equal } from '../subnets/uids.js'
import { currentBlock, mechanismIndices } from '../utils/misc.js'
import { prodOrFast } from '../utils/transaction-type.js'
import { coldkeyOwnsHotkey, ensureLocksUntouched, exceedsTxRateLimit, recycleTao, canRemoveBalanceFromColdkeyAccount, Weigher } from './common.js'
import { parentChildSwapHotkey } from './parent-child.js'

type LastTx = 'LastTxBlock' | 'LastTxBlockDelegateTake' | 'LastTxBlockChildKeyTake'
const lastTx = (s: Store, kind: LastTx, who: Uint8Array): bigint => S.LastRateLimitedBlock.get(s, { type: kind, value: who })
const setLastTx = (s: Store, kind: LastTx, who: Uint8Array, block: bigint): void => S.LastRateLimitedBlock.set(s, { type: kind, value: who }, block)

/** The call's declared weight, the ceiling of its PostDispatchInfo. */
const declared = (name: 'swap_hotkey' | 'swap_hotkey_v2'): WeightValue =>
  subtensorPallet().calls.find((c) => c.name === name)!.weight({} as never)
const hotkeySwapOnSubnetInterval = (): bigint => prodOrFast(SubtensorConstants.HotkeySwapOnSubnetInterval, FAST_RUNTIME_CONSTANTS.HotkeySwapOnSubnetInterval)
const isRegisteredOnNetwork = (s: Store, hotkey: Uint8Array, netuid: number): boolean => S.IsNetworkMember.contains(s, hotkey, netuid)
const isRegisteredOnAnyNetwork = (s: Store, hotkey: Uint8Array): boolean => [...S.IsNetworkMember.iterPrefix(s, hotkey)].some(([, v]) => v)

/** `set_subnet_owner_hotkey`. */
function setSubnetOwnerHotkey(ctx: CallCtx, netuid: number, hotkey: Uint8Array): void {
  if (isSubnetAccountId(hotkey)) throw E.CannotUseSystemAccount()
  S.SubnetOwnerHotkey.set(ctx.s, netuid, hotkey)
  Ev.SubnetOwnerHotkeySet.emit(ctx.env, [netuid, hotkey])
}

/** `do_swap_hotkey`. */
export function doSwapHotkey(ctx: CallCtx, oldHotkey: Uint8Array, newHotkey: Uint8Array, netuid: number | null, keepStake: boolean): Weigher {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (!coldkeyOwnsHotkey(s, coldkey, oldHotkey)) throw E.NonAssociatedColdKey()
  if (S.Owner.contains(s, newHotkey) && !coldkeyOwnsHotkey(s, coldkey, newHotkey)) throw E.NonAssociatedColdKey()
  const w = new Weigher().reads(2)
  if (equal(oldHotkey, newHotkey)) throw E.NewHotKeyIsSameWithOld()
  const block = currentBlock(s)
  if (exceedsTxRateLimit(s, lastTx(s, 'LastTxBlock', coldkey), block)) throw E.HotKeySetTxRateLimitExceeded()
  w.reads(2)
  const registered = netuid !== null ? isRegisteredOnNetwork(s, newHotkey, netuid) : isRegisteredOnAnyNetwork(s, newHotkey)
  if (registered) throw E.HotKeyAlreadyRegisteredInSubNet()
  // a swap touching root needs a new hotkey with nothing on root (claimable rates, stake, claims)
  if (netuid === null || netuid === 0) {
    const clean = S.RootClaimable.get(s, newHotkey).length === 0 && getStakeForHotkeyOnSubnet(s, newHotkey, 0) === 0n &&
      !S.RootClaimed.hasPrefix(s, 0, newHotkey)
    if (!clean) throw E.NewHotKeyNotCleanForRootSwap()
  }
  for (const kind of ['LastTxBlock', 'LastTxBlockDelegateTake', 'LastTxBlockChildKeyTake'] as const) {
    setLastTx(s, kind, newHotkey, lastTx(s, kind, oldHotkey))
    w.readsWrites(1, 1)
  }
  if (netuid !== null) return swapHotkeyOnSubnet(ctx, coldkey, oldHotkey, newHotkey, netuid, w, keepStake)

  // the per-subnet cooldown binds the all-subnets path on every subnet the old hotkey is in or parents on
  const interval = hotkeySwapOnSubnetInterval()
  const all = allSubnetNetuids(s)
  w.reads(all.length * 2 + 1)
  const affected = all.filter((n) => S.IsNetworkMember.get(s, oldHotkey, n) || S.ChildKeys.get(s, oldHotkey, n).length > 0)
  for (const n of affected) {
    const last = S.LastHotkeySwapOnNetuid.get(s, n, coldkey)
    if (last !== 0n && !(last + interval < block)) throw E.HotKeySwapOnSubnetIntervalNotPassed()
    w.reads(1)
  }
  const cost = SubtensorConstants.KeySwapCost
  if (!canRemoveBalanceFromColdkeyAccount(s, coldkey, cost)) throw E.NotEnoughBalanceToPaySwapHotKey()
  w.readsWrites(3, 0)
  recycleTao(ctx, coldkey, cost)
  w.readsWrites(0, 2)
  performHotkeySwapOnAllSubnets(ctx, oldHotkey, newHotkey, coldkey, w, keepStake)
  for (const n of affected) {
    S.LastHotkeySwapOnNetuid.set(s, n, coldkey, block)
    w.writes(1)
  }
  setLastTx(s, 'LastTxBlock', coldkey, block)
  w.writes(1)
  Ev.HotkeySwapped.emit(ctx.env, { coldkey, old_hotkey: oldHotkey, new_hotkey: newHotkey })
  return w
}

/** `perform_hotkey_swap_on_all_subnets`. */
export function performHotkeySwapOnAllSubnets(ctx: CallCtx, oldHotkey: Uint8Array, newHotkey: Uint8Array, coldkey: Uint8Array, w: Weigher, keepStake: boolean): void {
  const { s } = ctx
  const oldAlphaValues = alphaIterSinglePrefix(s, oldHotkey)
  w.reads(oldAlphaValues.length)
  ensureLocksUntouched(s, oldHotkey, newHotkey, allSubnetNetuids(s))
  S.Owner.remove(s, oldHotkey)
  if (isSubnetAccountId(newHotkey)) throw E.CannotUseSystemAccount()
  S.Owner.set(s, newHotkey, coldkey)
  w.readsWrites(1, 1)
  const hotkeys = S.OwnedHotkeys.get(s, coldkey)
  if (!hotkeys.some((h) => equal(h, newHotkey))) hotkeys.push(newHotkey)
  S.OwnedHotkeys.set(s, coldkey, hotkeys.filter((h) => !equal(h, oldHotkey)))
  w.readsWrites(1, 1)
  for (const netuid of allSubnetNetuids(s)) performHotkeySwapOnOneSubnet(ctx, oldHotkey, newHotkey, w, netuid, keepStake)
  for (const kind of ['LastTxBlock', 'LastTxBlockDelegateTake', 'LastTxBlockChildKeyTake'] as const) {
    S.LastRateLimitedBlock.remove(s, { type: kind, value: oldHotkey })
    w.readsWrites(1, 2)
  }
  if (S.Delegates.contains(s, oldHotkey)) {
    const take = S.Delegates.get(s, oldHotkey)
    S.Delegates.remove(s, oldHotkey)
    S.Delegates.set(s, newHotkey, take)
    w.readsWrites(2, 2)
  }
  if (keepStake) return
  for (const [staker, , share] of oldAlphaValues) {
    if (share.isZero()) continue
    const staking = S.StakingHotkeys.get(s, staker)
    w.reads(1)
    if (!staking.some((h) => equal(h, oldHotkey))) continue
    const next = staking.filter((h) => !equal(h, oldHotkey) && !equal(h, newHotkey))
    next.push(newHotkey)
    S.StakingHotkeys.set(s, staker, next)
    w.writes(1)
  }
}

/** `swap_hotkey_on_subnet`. */
function swapHotkeyOnSubnet(ctx: CallCtx, coldkey: Uint8Array, oldHotkey: Uint8Array, newHotkey: Uint8Array, netuid: number, w: Weigher, keepStake: boolean): Weigher {
  const { s } = ctx
  const block = currentBlock(s)
  if (!(S.LastHotkeySwapOnNetuid.get(s, netuid, coldkey) + hotkeySwapOnSubnetInterval() < block)) throw E.HotKeySwapOnSubnetIntervalNotPassed()
  w.readsWrites(3, 0)
  if (isSubnetAccountId(newHotkey)) throw E.CannotUseSystemAccount()
  if (isRegisteredOnNetwork(s, newHotkey, netuid)) throw E.HotKeyAlreadyRegisteredInSubNet()
  w.readsWrites(1, 0)
  const cost = SubtensorConstants.KeySwapOnSubnetCost
  w.readsWrites(1, 0)
  if (!canRemoveBalanceFromColdkeyAccount(s, coldkey, cost)) throw E.NotEnoughBalanceToPaySwapHotKey()
  recycleTao(ctx, coldkey, cost)
  w.readsWrites(1, 1)
  S.Owner.set(s, newHotkey, coldkey)
  w.readsWrites(1, 1)
  const hotkeys = S.OwnedHotkeys.get(s, coldkey)
  if (!hotkeys.some((h) => equal(h, newHotkey))) {
    hotkeys.push(newHotkey)
    S.OwnedHotkeys.set(s, coldkey, hotkeys)
    w.readsWrites(1, 1)
  }
  ensureLocksUntouched(s, oldHotkey, newHotkey, [netuid])
  performHotkeySwapOnOneSubnet(ctx, oldHotkey, newHotkey, w, netuid, keepStake)
  setLastTx(s, 'LastTxBlock', coldkey, block)
  S.LastHotkeySwapOnNetuid.set(s, netuid, coldkey, block)
  w.writes(2)
  Ev.HotkeySwappedOnSubnet.emit(ctx.env, { coldkey, old_hotkey: oldHotkey, new_hotkey: newHotkey, netuid })
  return w
}

/** Move an optional double-map row (netuid, hotkey) to the new hotkey. */
function moveRow<V>(s: Store, item: { contains(s: Store, a: number, b: Uint8Array): boolean; get(s: Store, a: number, b: Uint8Array): V; remove(s: Store, a: number, b: Uint8Array): void; set(s: Store, a: number, b: Uint8Array, v: V): void }, netuid: number, from: Uint8Array, to: Uint8Array, w: Weigher): void {
  if (!item.contains(s, netuid, from)) return
  const v = item.get(s, netuid, from)
  item.remove(s, netuid, from)
  item.set(s, netuid, to, v)
  w.readsWrites(1, 2)
}

/** `perform_hotkey_swap_on_one_subnet`. */
export function performHotkeySwapOnOneSubnet(ctx: CallCtx, oldHotkey: Uint8Array, newHotkey: Uint8Array, w: Weigher, netuid: number, keepStake: boolean): void {
  const { s } = ctx
  const member = S.IsNetworkMember.get(s, oldHotkey, netuid)
  S.IsNetworkMember.remove(s, oldHotkey, netuid)
  // written even when false, so the new hotkey counts as registered here from now on
  S.IsNetworkMember.set(s, newHotkey, netuid, member)
  w.readsWrites(1, 2)
  if (member) {
    if (S.Uids.contains(s, netuid, oldHotkey)) {
      const uid = S.Uids.get(s, netuid, oldHotkey)!
      S.Uids.remove(s, netuid, oldHotkey)
      S.Uids.set(s, netuid, newHotkey, uid)
      w.readsWrites(1, 2)
      S.Keys.set(s, netuid, uid, newHotkey)
      w.readsWrites(0, 1)
    }
    moveRow(s, S.Prometheus, netuid, oldHotkey, newHotkey, w)
    moveRow(s, S.Axons, netuid, oldHotkey, newHotkey, w)
    for (const idx of mechanismIndices(s, netuid)) moveRow(s, S.WeightCommits, idx, oldHotkey, newHotkey, w)
    const loaded = S.LoadedEmission.get(s, netuid)
    if (loaded !== null) {
      for (const e of loaded) if (equal(e[0], oldHotkey)) e[0] = newHotkey
      S.LoadedEmission.remove(s, netuid)
      S.LoadedEmission.set(s, netuid, loaded)
      w.readsWrites(1, 2)
    }
    moveRow(s, S.NeuronCertificates, netuid, oldHotkey, newHotkey, w)
  }
  if (S.ChildkeyTake.contains(s, oldHotkey, netuid)) {
    const take = S.ChildkeyTake.get(s, oldHotkey, netuid)
    S.ChildkeyTake.remove(s, oldHotkey, netuid)
    S.ChildkeyTake.set(s, newHotkey, netuid, take)
    w.readsWrites(1, 2)
  }
  parentChildSwapHotkey(s, oldHotkey, newHotkey, netuid)
  // others who named the old hotkey as a pending child keep its proportion for the new one
  for (const [parent, [children, coolDown]] of [...S.PendingChildKeys.iterPrefix(s, netuid)]) {
    w.reads(1)
    const at = children.findIndex(([, child]) => equal(child, oldHotkey))
    if (at < 0) continue
    const next = children.slice()
    const [removed] = next.splice(at, 1)
    next.push([removed![0], newHotkey])
    S.PendingChildKeys.remove(s, netuid, parent)
    S.PendingChildKeys.set(s, netuid, parent, [next, coolDown])
    w.readsWrites(1, 2)
  }
  if (S.AutoStakeDestinationColdkeys.contains(s, oldHotkey, netuid)) {
    const stakers = S.AutoStakeDestinationColdkeys.get(s, oldHotkey, netuid)
    for (const c of stakers) S.AutoStakeDestination.set(s, c, netuid, newHotkey)
    S.AutoStakeDestinationColdkeys.remove(s, oldHotkey, netuid)
    S.AutoStakeDestinationColdkeys.set(s, newHotkey, netuid, stakers)
  }
  if (S.SubnetOwnerHotkey.contains(s, netuid)) {
    w.reads(1)
    if (equal(S.SubnetOwnerHotkey.get(s, netuid), oldHotkey)) {
      setSubnetOwnerHotkey(ctx, netuid, newHotkey)
      w.writes(1)
    }
  }
  if (keepStake) return
  swapStakeOnSubnet(s, oldHotkey, newHotkey, netuid, w)
}

/** The dividend records, voting power and every coldkey's alpha move to the new hotkey. */
function swapStakeOnSubnet(s: Store, oldHotkey: Uint8Array, newHotkey: Uint8Array, netuid: number, w: Weigher): void {
  const lastEpoch = S.TotalHotkeyAlphaLastEpoch.get(s, oldHotkey, netuid)
  S.TotalHotkeyAlphaLastEpoch.remove(s, oldHotkey, netuid)
  S.TotalHotkeyAlphaLastEpoch.set(s, newHotkey, netuid, satU64(lastEpoch + S.TotalHotkeyAlphaLastEpoch.get(s, newHotkey, netuid)))
  w.readsWrites(2, 2)
  const dividends = S.AlphaDividendsPerSubnet.get(s, netuid, oldHotkey)
  const newDividends = S.AlphaDividendsPerSubnet.get(s, netuid, newHotkey)
  S.AlphaDividendsPerSubnet.remove(s, netuid, oldHotkey)
  S.AlphaDividendsPerSubnet.set(s, netuid, newHotkey, satU64(dividends + newDividends))
  w.readsWrites(2, 2)
  // swap_voting_power_for_hotkey
  const power = S.VotingPower.get(s, netuid, oldHotkey)
  S.VotingPower.remove(s, netuid, oldHotkey)
  if (power > 0n) S.VotingPower.set(s, netuid, newHotkey, satU64(power + S.VotingPower.get(s, netuid, newHotkey)))
  w.readsWrites(2, 2)
  // every coldkey with a row for this subnet in Alpha or AlphaV2, in coldkey order
  const rows = alphaIterSinglePrefix(s, oldHotkey).filter(([, n]) => n === netuid)
  const total = [...S.Alpha.iterPrefix(s, oldHotkey)].length + [...S.AlphaV2.iterPrefix(s, oldHotkey)].length
  w.reads(total).writes(total)
  for (const [staker] of rows) {
    const alpha = getStakeForHotkeyAndColdkeyOnSubnet(s, oldHotkey, staker, netuid)
    decreaseStakeForHotkeyAndColdkeyOnSubnet(s, oldHotkey, staker, netuid, alpha)
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, newHotkey, staker, netuid, alpha)
    w.readsWrites(2, 2)
    const staking = S.StakingHotkeys.get(s, staker)
    w.reads(1)
    if (staking.some((h) => equal(h, oldHotkey)) && !staking.some((h) => equal(h, newHotkey))) {
      staking.push(newHotkey)
      S.StakingHotkeys.set(s, staker, staking)
      w.writes(1)
    }
  }
  if (netuid !== 0) return
  transferRootClaimable(s, oldHotkey, newHotkey)
  w.readsWrites(2, 2)
  const subnets = S.RootClaimable.get(s, newHotkey).map(([n]) => n)
  w.reads(1)
  for (const subnet of subnets) {
    const claimed = [...S.RootClaimed.iterPrefix(s, subnet, oldHotkey)].map(([[, , c]]) => c)
    w.reads(claimed.length)
    for (const c of claimed) {
      transferRootClaimed(s, subnet, oldHotkey, newHotkey, c, c)
      w.readsWrites(2, 2)
    }
  }
  if (S.AutoParentDelegationEnabled.contains(s, oldHotkey)) {
    const enabled = S.AutoParentDelegationEnabled.get(s, oldHotkey)
    S.AutoParentDelegationEnabled.remove(s, oldHotkey)
    S.AutoParentDelegationEnabled.set(s, newHotkey, enabled)
    w.readsWrites(1, 2)
  }
}

const satU64 = (v: bigint): bigint => (v > 0xffff_ffff_ffff_ffffn ? 0xffff_ffff_ffff_ffffn : v)
const U128_MAX = (1n << 128n) - 1n

/** `transfer_root_claimable_for_new_hotkey`: the rates merge per subnet (BTreeMap, ascending). */
export function transferRootClaimable(s: Store, oldHotkey: Uint8Array, newHotkey: Uint8Array): void {
  const src = S.RootClaimable.get(s, oldHotkey)
  const dst = new Map(S.RootClaimable.get(s, newHotkey).map(([n, v]) => [n, v.bits]))
  S.RootClaimable.remove(s, oldHotkey)
  const I96F32_MAX = (1n << 127n) - 1n
  for (const [n, v] of src) {
    const sum = (dst.get(n) ?? 0n) + v.bits
    dst.set(n, sum > I96F32_MAX ? I96F32_MAX : sum)
  }
  S.RootClaimable.set(s, newHotkey, [...dst].sort((a, b) => a[0] - b[0]).map(([n, bits]) => [n, { bits }]))
}

/** `transfer_root_claimed_for_new_keys`: the claimed watermarks add up. */
export function transferRootClaimed(s: Store, netuid: number, oldHotkey: Uint8Array, newHotkey: Uint8Array, oldColdkey: Uint8Array, newColdkey: Uint8Array): void {
  const old = S.RootClaimed.get(s, netuid, oldHotkey, oldColdkey)
  S.RootClaimed.remove(s, netuid, oldHotkey, oldColdkey)
  const sum = old + S.RootClaimed.get(s, netuid, newHotkey, newColdkey)
  S.RootClaimed.set(s, [netuid, newHotkey, newColdkey], sum > U128_MAX ? U128_MAX : sum)
}

implement('swap_hotkey', (ctx, a) => doSwapHotkey(ctx, a.hotkey, a.new_hotkey, a.netuid, false).post(declared('swap_hotkey')))
implement('swap_hotkey_v2', (ctx, a) => doSwapHotkey(ctx, a.hotkey, a.new_hotkey, a.netuid, a.keep_stake).post(declared('swap_hotkey_v2')))

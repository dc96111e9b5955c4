// swap/swap_coldkey.rs and the coldkey-swap calls of macros/dispatches.rs (HEAD): a coldkey
// announces the hash of its successor (paying KeySwapCost once), executes after
// ColdkeySwapAnnouncementDelay, may dispute, clear after ColdkeySwapReannouncementDelay; Root
// resets or swaps directly. guards/check_coldkey_swap.rs keeps an announced coldkey to the swap calls.
import { blake2_256 } from '../../../codec/hashing.js'
import type { CallCtx, RuntimeCallValue } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { reducibleBalance } from '../../balances/index.js'
import { blockNumber, ensureRoot, ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorConstants } from '../macros/config.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents as Ev } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { allSubnetNetuids } from '../staking/helpers.js'
import { maybeRemoveColdkeyIndex } from '../staking/claim-root.js'
import {
  decreaseStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyAndColdkeyOnSubnet, increaseStakeForHotkeyAndColdkeyOnSubnet,
} from '../staking/stake-utils.js'
import { isSubnetAccountId } from '../subnets/network.js'
import { equal } from '../subnets/uids.js'
import { currentBlock } from '../utils/misc.js'
import { recycleTao, transferAllowDeathUpdateTi } from './common.js'
import { transferRootClaimed } from './swap-hotkey.js'

/** lib.rs ACCOUNT_FLAGS_ACCEPT_LOCKED_ALPHA. */
const ACCEPT_LOCKED_ALPHA = 1n

/** `charge_swap_cost`: any recycling failure is reported as NotEnoughBalanceToPaySwapColdKey. */
function chargeSwapCost(ctx: CallCtx, coldkey: Uint8Array, cost: bigint): void {
  try {
    ctx.s.transactional(() => recycleTao(ctx, coldkey, cost))
  } catch {
    throw E.NotEnoughBalanceToPaySwapColdKey()
  }
}

/** `maybe_add_coldkey_index`: the auto-claim index of coldkeys with root stake. */
function maybeAddColdkeyIndex(s: Store, coldkey: Uint8Array): void {
  if (S.StakingColdkeys.contains(s, coldkey)) return
  const n = S.NumStakingColdkeys.get(s)
  S.StakingColdkeysByIndex.set(s, n, coldkey)
  S.StakingColdkeys.set(s, coldkey, n)
  S.NumStakingColdkeys.set(s, n + 1n)
}


/**
 * `swap_coldkey_locks` moves conviction locks and the account flags. Locks are not built here: with
 * a lock on either side the swap refuses (CallDisabled); without, only the flags move.
 */
function swapColdkeyLocks(s: Store, oldColdkey: Uint8Array, newColdkey: Uint8Array): void {
  const anyLock = (c: Uint8Array) => S.Lock.hasPrefix(s, c) || S.DecayingLock.hasPrefix(s, c)
  if (anyLock(oldColdkey) || anyLock(newColdkey)) throw E.CallDisabled()
  const flags = S.AccountFlags.get(s, oldColdkey)
  S.AccountFlags.remove(s, oldColdkey)
  if (flags !== 0n) S.AccountFlags.set(s, newColdkey, flags)
  else S.AccountFlags.remove(s, newColdkey)
}

/** `do_swap_coldkey`. */
export function doSwapColdkey(ctx: CallCtx, oldColdkey: Uint8Array, newColdkey: Uint8Array): void {
  const { s } = ctx
  if (S.StakingHotkeys.get(s, newColdkey).length !== 0) throw E.ColdKeyAlreadyAssociated()
  if (S.Owner.contains(s, newColdkey)) throw E.NewColdKeyIsHotkey()
  if (S.IdentitiesV2.get(s, newColdkey) === null) {
    const identity = S.IdentitiesV2.get(s, oldColdkey)
    if (identity !== null) {
      S.IdentitiesV2.remove(s, oldColdkey)
      S.IdentitiesV2.set(s, newColdkey, identity)
    }
  }
  // set_accept_locked_alpha(new, true): the flags are overwritten from the old coldkey below
  const f = S.AccountFlags.get(s, newColdkey) | ACCEPT_LOCKED_ALPHA
  S.AccountFlags.set(s, newColdkey, f)
  for (const netuid of allSubnetNetuids(s)) {
    if (equal(S.SubnetOwner.get(s, netuid), oldColdkey)) S.SubnetOwner.set(s, netuid, newColdkey)
    transferAutoStakeDestination(s, netuid, oldColdkey, newColdkey)
    transferColdkeyStake(s, netuid, oldColdkey, newColdkey)
  }
  // transfer_staking_hotkeys
  const staking = S.StakingHotkeys.get(s, newColdkey)
  for (const h of S.StakingHotkeys.get(s, oldColdkey)) if (!staking.some((x) => equal(x, h))) staking.push(h)
  S.StakingHotkeys.remove(s, oldColdkey)
  S.StakingHotkeys.set(s, newColdkey, staking)
  // transfer_hotkeys_ownership
  const owned = S.OwnedHotkeys.get(s, newColdkey)
  for (const h of S.OwnedHotkeys.get(s, oldColdkey)) {
    S.Owner.remove(s, h)
    if (isSubnetAccountId(h)) throw E.CannotUseSystemAccount()
    S.Owner.set(s, h, newColdkey)
    if (!owned.some((x) => equal(x, h))) owned.push(h)
  }
  S.OwnedHotkeys.remove(s, oldColdkey)
  S.OwnedHotkeys.set(s, newColdkey, owned)
  swapColdkeyLocks(s, oldColdkey, newColdkey)
  transferAllTaoAndKill(ctx, oldColdkey, newColdkey)
  S.LastRateLimitedBlock.set(s, { type: 'LastTxBlock', value: newColdkey }, currentBlock(s))
  Ev.ColdkeySwapped.emit(ctx.env, { old_coldkey: oldColdkey, new_coldkey: newColdkey })
}

function transferAutoStakeDestination(s: Store, netuid: number, oldColdkey: Uint8Array, newColdkey: Uint8Array): void {
  const hotkey = S.AutoStakeDestination.get(s, oldColdkey, netuid)
  if (hotkey === null) return
  S.AutoStakeDestination.remove(s, oldColdkey, netuid)
  S.AutoStakeDestination.set(s, newColdkey, netuid, hotkey)
  const v = S.AutoStakeDestinationColdkeys.get(s, hotkey, netuid).filter((c) => !equal(c, oldColdkey) && !equal(c, newColdkey))
  v.push(newColdkey)
  S.AutoStakeDestinationColdkeys.set(s, hotkey, netuid, v)
}

/** `transfer_coldkey_stake`: every staking hotkey's alpha on this subnet, with the root claims. */
function transferColdkeyStake(s: Store, netuid: number, oldColdkey: Uint8Array, newColdkey: Uint8Array): void {
  for (const hotkey of S.StakingHotkeys.get(s, oldColdkey)) {
    const alpha = getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, oldColdkey, netuid)
    decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, oldColdkey, netuid, alpha)
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, newColdkey, netuid, alpha)
    if (getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, newColdkey, netuid) === 0n) continue
    transferRootClaimed(s, netuid, hotkey, hotkey, oldColdkey, newColdkey)
    if (netuid === 0) maybeAddColdkeyIndex(s, newColdkey)
  }
  if (netuid === 0) maybeRemoveColdkeyIndex(s, oldColdkey)
}

/** `transfer_all_tao_and_kill`. */
export function transferAllTaoAndKill(ctx: CallCtx, from: Uint8Array, to: Uint8Array): void {
  const { s } = ctx
  const amount = reducibleBalance(s, from, 'Expendable', 'Polite')
  if (amount !== 0n) transferAllowDeathUpdateTi(ctx, from, to, amount)
}

/** CheckColdkeySwap: the error a signed call from `who` meets while its swap is announced, or null. */
export function coldkeySwapGuard(s: Store, who: Uint8Array, call: RuntimeCallValue): 'ColdkeySwapDisputed' | 'ColdkeySwapAnnounced' | null {
  if (S.ColdkeySwapAnnouncements.get(s, who) === null) return null
  if (S.ColdkeySwapDisputes.get(s, who) !== null) return 'ColdkeySwapDisputed'
  const allowed = call.type === 'SubtensorModule' && SWAP_CALLS.has(call.value.type)
  // pallet_shield's submit_encrypted is allowed too; that pallet is not in this runtime
  return allowed ? null : 'ColdkeySwapAnnounced'
}
const SWAP_CALLS = new Set(['announce_coldkey_swap', 'swap_coldkey_announced', 'dispute_coldkey_swap', 'clear_coldkey_swap_announcement'])

implement('swap_coldkey', (ctx, a) => {
  ensureRoot(ctx)
  if (a.swap_cost !== 0n) chargeSwapCost(ctx, a.old_coldkey, a.swap_cost)
  doSwapColdkey(ctx, a.old_coldkey, a.new_coldkey)
  // any announcement or dispute goes too
  S.ColdkeySwapAnnouncements.remove(ctx.s, a.old_coldkey)
  S.ColdkeySwapDisputes.remove(ctx.s, a.old_coldkey)
})

implement('announce_coldkey_swap', (ctx, a) => {
  const { s } = ctx
  const who = ensureSigned(ctx)
  const now = blockNumber(s)
  const existing = S.ColdkeySwapAnnouncements.get(s, who)
  if (existing !== null) {
    if (now < existing[0] + S.ColdkeySwapReannouncementDelay.get(s)) throw E.ColdkeySwapReannouncedTooEarly()
  } else {
    // only the first announcement pays
    chargeSwapCost(ctx, who, SubtensorConstants.KeySwapCost)
  }
  const when = Math.min(now + S.ColdkeySwapAnnouncementDelay.get(s), 0xffff_ffff)
  S.ColdkeySwapAnnouncements.set(s, who, [when, a.new_coldkey_hash])
  Ev.ColdkeySwapAnnounced.emit(ctx.env, { who, new_coldkey_hash: a.new_coldkey_hash })
})

implement('swap_coldkey_announced', (ctx, a) => {
  const { s } = ctx
  const who = ensureSigned(ctx)
  const announced = S.ColdkeySwapAnnouncements.get(s, who)
  if (announced === null) throw E.ColdkeySwapAnnouncementNotFound()
  S.ColdkeySwapAnnouncements.remove(s, who)
  if (!equal(announced[1], blake2_256(a.new_coldkey))) throw E.AnnouncedColdkeyHashDoesNotMatch()
  if (blockNumber(s) < announced[0]) throw E.ColdkeySwapTooEarly()
  doSwapColdkey(ctx, who, a.new_coldkey)
})

implement('dispute_coldkey_swap', (ctx) => {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (S.ColdkeySwapAnnouncements.get(s, coldkey) === null) throw E.ColdkeySwapAnnouncementNotFound()
  if (S.ColdkeySwapDisputes.get(s, coldkey) !== null) throw E.ColdkeySwapAlreadyDisputed()
  S.ColdkeySwapDisputes.set(s, coldkey, blockNumber(s))
  Ev.ColdkeySwapDisputed.emit(ctx.env, { coldkey })
})

implement('reset_coldkey_swap', (ctx, a) => {
  ensureRoot(ctx)
  S.ColdkeySwapAnnouncements.remove(ctx.s, a.coldkey)
  S.ColdkeySwapDisputes.remove(ctx.s, a.coldkey)
  Ev.ColdkeySwapReset.emit(ctx.env, { who: a.coldkey })
})

implement('clear_coldkey_swap_announcement', (ctx) => {
  const { s } = ctx
  const who = ensureSigned(ctx)
  const announced = S.ColdkeySwapAnnouncements.get(s, who)
  if (announced === null) throw E.ColdkeySwapAnnouncementNotFound()
  if (blockNumber(s) < announced[0] + S.ColdkeySwapReannouncementDelay.get(s)) throw E.ColdkeySwapClearTooEarly()
  S.ColdkeySwapAnnouncements.remove(s, who)
  Ev.ColdkeySwapCleared.emit(ctx.env, { who })
})

// deprecated in favour of the announcement; refused for every origin
implement('schedule_swap_coldkey', () => { throw E.Deprecated() })

// The coldkey's and root validator's delegation settings of dispatches.rs and set_children.rs:
// where a coldkey's incentive is auto-staked (`set_coldkey_auto_stake_hotkey`), whether a root
// validator becomes the parent of every new subnet's owner hotkey (`set_auto_parent_delegation_
// enabled`, `do_set_root_validators_for_subnet`), the children cooldown, `add_stake_burn`
// (a buyback: stake then burn the alpha bought), and helpers.rs's `clear_small_nominations`,
// which AdminUtils runs when the nominator minimum rises.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import * as F from '../../../primitives/fixed/index.js'
import { ensureRoot, ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { coldkeyOwnsHotkey } from '../subnets/registration.js'
import { ifSubnetExist } from '../utils/misc.js'
import { doAddStake, doAddStakeLimit } from './add-stake.js'
import { alphaIter } from './helpers.js'
import { forceReduceLock } from './lock.js'
import { doBurnAlpha } from './recycle-alpha.js'
import { doScheduleChildren } from './set-children.js'
import { DEFAULT_MIN_STAKE, minPrice, unstakeFromSubnet } from './stake-pool.js'
import { decreaseStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyAndColdkeyOnSubnet } from './stake-utils.js'

const U64_MAX = (1n << 64n) - 1n
/** `get_nominator_min_required_stake`: NominatorMinRequiredStake is a per-million factor of DefaultMinStake. */
export function getNominatorMinRequiredStake(s: Store): bigint {
  const v = DEFAULT_MIN_STAKE * S.NominatorMinRequiredStake.get(s)
  return (v > U64_MAX ? U64_MAX : v) / 1_000_000n
}
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * `do_set_root_validators_for_subnet` (register_network's step 18): every root validator that
 * keeps auto parent delegation on schedules the subnet owner hotkey as its only child (full
 * proportion), signed by its owner; a validator whose scheduling fails is skipped.
 */
export function doSetRootValidatorsForSubnet(ctx: CallCtx, netuid: number): void {
  const { s } = ctx
  if (netuid === 0) throw E.RegistrationNotPermittedOnRootSubnet()
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (!S.SubnetOwnerHotkey.contains(s, netuid)) throw E.SubnetNotExists()
  const ownerHotkey = S.SubnetOwnerHotkey.get(s, netuid)
  for (const [, validator] of [...S.Keys.iterPrefix(s, 0)]) {
    if (equal(validator, ownerHotkey)) continue
    if (!S.AutoParentDelegationEnabled.get(s, validator)) continue
    const origin = { kind: 'Signed' as const, who: S.Owner.get(s, validator) }
    try {
      doScheduleChildren({ ...ctx, origin }, validator, netuid, [[U64_MAX, ownerHotkey]])
    } catch { /* the chain logs the failure and goes on with the next validator */ }
  }
}

/**
 * `clear_small_nomination_if_required`: a nominator's (not the owner's) non-zero stake worth less
 * than the nominator minimum at the current price is sold to the coldkey without fees (or, if
 * the sale fails, simply removed), and any lock is reduced by it.
 */
function clearSmallNominationIfRequired(ctx: CallCtx, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): void {
  const { s } = ctx
  if (coldkeyOwnsHotkey(s, coldkey, hotkey)) return
  const stake = getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
  const U = F.U64F64
  const price = swapInterface().currentAlphaPrice(s, netuid)
  const minFixed = F.checkedDiv(U, F.saturatingFromInt(U, getNominatorMinRequiredStake(s)), price) ?? 0n
  const minAlpha = F.saturatingToU64(U, minFixed)
  if (!(stake > 0n && stake < minAlpha)) return
  try {
    unstakeFromSubnet(ctx, hotkey, coldkey, coldkey, netuid, stake, minPrice(), false)
  } catch {
    decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid))
  }
  forceReduceLock(s, coldkey, netuid, stake)
}

/** `clear_small_nominations`: every staking position (Alpha then AlphaV2 rows). */
export function clearSmallNominations(ctx: CallCtx): void {
  for (const [hotkey, coldkey, netuid] of alphaIter(ctx.s)) clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid)
}

function setColdkeyAutoStakeHotkey(ctx: CallCtx, netuid: number, hotkey: Uint8Array): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (S.Uids.get(s, netuid, hotkey) === null) throw E.HotKeyNotRegisteredInSubNet()
  const current = S.AutoStakeDestination.get(s, coldkey, netuid)
  if (current !== null) {
    if (equal(current, hotkey)) throw E.SameAutoStakeHotkeyAlreadySet()
    S.AutoStakeDestinationColdkeys.set(s, current, netuid, S.AutoStakeDestinationColdkeys.get(s, current, netuid).filter((c) => !equal(c, coldkey)))
  }
  S.AutoStakeDestination.set(s, coldkey, netuid, hotkey)
  const list = S.AutoStakeDestinationColdkeys.get(s, hotkey, netuid)
  if (!list.some((c) => equal(c, coldkey))) S.AutoStakeDestinationColdkeys.set(s, hotkey, netuid, [...list, coldkey])
  SubtensorEvents.AutoStakeDestinationSet.emit(ctx.env, { coldkey, netuid, hotkey })
}

function setAutoParentDelegationEnabled(ctx: CallCtx, hotkey: Uint8Array, enabled: boolean): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (!coldkeyOwnsHotkey(s, coldkey, hotkey)) throw E.NonAssociatedColdKey()
  if (S.Uids.get(s, 0, hotkey) === null) throw E.HotKeyNotRegisteredInSubNet()
  S.AutoParentDelegationEnabled.set(s, hotkey, enabled)
  SubtensorEvents.AutoParentDelegationEnabledSet.emit(ctx.env, { hotkey, enabled })
}

/** `do_add_stake_burn`: stake (with a limit price if given, fill or kill), burn what it bought; all or nothing. */
function doAddStakeBurn(ctx: CallCtx, hotkey: Uint8Array, netuid: number, amount: bigint, limit: bigint | null): void {
  ctx.s.transactional(() => {
    const alpha = limit !== null ? doAddStakeLimit(ctx, hotkey, netuid, amount, limit, false) : doAddStake(ctx, hotkey, netuid, amount)
    doBurnAlpha(ctx, hotkey, alpha, netuid)
    SubtensorEvents.AddStakeBurn.emit(ctx.env, { netuid, hotkey, amount, alpha })
  })
}

implement('set_pending_childkey_cooldown', (ctx, a) => {
  ensureRoot(ctx)
  S.PendingChildKeyCooldown.set(ctx.s, a.cooldown)
})
implement('set_coldkey_auto_stake_hotkey', (ctx, a) => setColdkeyAutoStakeHotkey(ctx, a.netuid, a.hotkey))
implement('set_auto_parent_delegation_enabled', (ctx, a) => setAutoParentDelegationEnabled(ctx, a.hotkey, a.enabled))
implement('add_stake_burn', (ctx, a) => doAddStakeBurn(ctx, a.hotkey, a.netuid, a.amount, a.limit))


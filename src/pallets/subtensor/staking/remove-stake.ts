// staking/remove_stake.rs: alpha back to TAO — an amount (`remove_stake`), no cheaper than a
// limit (`remove_stake_limit`), everything (`remove_stake_full_limit`), every subnet of a hotkey
// (`unstake_all`), or every alpha subnet into root stake (`unstake_all_alpha`).
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { allSubnetNetuids, getTotalStakeForHotkey, hotkeyAccountExists } from './helpers.js'
import { forceReduceLock } from './lock.js'
import { maxPrice, minPrice, stakeIntoSubnet, unstakeFromSubnet, DEFAULT_MIN_STAKE } from './stake-pool.js'
import * as L from './stake-utils.js'
import { ensureSubtokenEnabled, passes, validateRemoveStake } from './validate.js'

const U64_MAX = (1n << 64n) - 1n
const isStableOrRoot = (s: Store, netuid: number): boolean => netuid === 0 || S.SubnetMechanism.get(s, netuid) === 0
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)

/** `ensure_remove_stake_input_within_swap_limit`: at most 1,000 × SubnetAlphaIn out of a dynamic pool. */
function ensureWithinSwapLimit(s: Store, netuid: number, amount: bigint): void {
  if (isStableOrRoot(s, netuid)) return
  if (amount > min(S.SubnetAlphaIn.get(s, netuid) * 1_000n, U64_MAX)) throw E.InsufficientLiquidity()
}

/** `get_max_amount_remove`: the most alpha that keeps the price at or above `limitPrice`. */
export function getMaxAmountRemove(s: Store, netuid: number, limitPrice: bigint): bigint {
  if (isStableOrRoot(s, netuid)) return limitPrice <= 1_000_000_000n ? U64_MAX : 0n
  const cap = min(S.SubnetAlphaIn.get(s, netuid) * 1_000n, U64_MAX)
  const r = swapInterface().swap(s, netuid, { kind: 'GetTaoForAlpha', amount: cap }, limitPrice, false, true)
  return min(r.amountPaidIn + r.feePaid, U64_MAX)
}

/** `clear_small_nomination_if_required`: a nominator's stake under the minimum is sold (or dropped). */
export function clearSmallNominationIfRequired(ctx: CallCtx, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): void {
  const { s } = ctx
  if (S.Owner.contains(s, hotkey) && equal(S.Owner.get(s, hotkey), coldkey)) return
  const stake = L.getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
  const U = F.U64F64
  const nominatorMin = min((DEFAULT_MIN_STAKE * S.NominatorMinRequiredStake.get(s)) / 1_000_000n, U64_MAX)
  const minAlpha = F.saturatingToU64(U, safeDiv(U, F.saturatingFromInt(U, nominatorMin), swapInterface().currentAlphaPrice(s, netuid)))
  if (!(stake > 0n && stake < minAlpha)) return
  // not transactional on chain either: a sale failing half-way keeps what it wrote
  const sold = passes(() => { unstakeFromSubnet(ctx, hotkey, coldkey, coldkey, netuid, stake, minPrice(), false) })
  if (!sold) L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, L.getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid))
  forceReduceLock(s, coldkey, netuid, stake)
}

/** Below StakeThreshold a hotkey's scheduled children are dropped everywhere. */
function dropPendingChildrenIfBelowThreshold(s: Store, hotkey: Uint8Array): void {
  if (getTotalStakeForHotkey(s, hotkey) < S.StakeThreshold.get(s)) {
    for (const netuid of allSubnetNetuids(s)) S.PendingChildKeys.remove(s, netuid, hotkey)
  }
}

export function doRemoveStake(ctx: CallCtx, hotkey: Uint8Array, netuid: number, alphaUnstaked: bigint): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  ensureSubtokenEnabled(s, netuid)
  const alpha = min(alphaUnstaked, L.getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid))
  ensureWithinSwapLimit(s, netuid, alpha)
  validateRemoveStake(s, coldkey, hotkey, netuid, alpha, alpha, false)
  unstakeFromSubnet(ctx, hotkey, coldkey, coldkey, netuid, alpha, minPrice(), false)
  clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid)
  dropPendingChildrenIfBelowThreshold(s, hotkey)
}

export function doRemoveStakeLimit(ctx: CallCtx, hotkey: Uint8Array, netuid: number, alphaUnstaked: bigint, limitPrice: bigint, allowPartial: boolean): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  ensureWithinSwapLimit(s, netuid, alphaUnstaked)
  const maxAmount = getMaxAmountRemove(s, netuid, limitPrice)
  const possible = min(alphaUnstaked, maxAmount)
  validateRemoveStake(s, coldkey, hotkey, netuid, alphaUnstaked, maxAmount, allowPartial)
  unstakeFromSubnet(ctx, hotkey, coldkey, coldkey, netuid, possible, limitPrice, false)
  clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid)
  dropPendingChildrenIfBelowThreshold(s, hotkey)
}

function doUnstakeAll(ctx: CallCtx, hotkey: Uint8Array, onlyAlpha: boolean): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (!hotkeyAccountExists(s, hotkey)) throw E.HotKeyAccountNotExists()
  let total = 0n
  for (const netuid of allSubnetNetuids(s)) {
    if (!S.SubtokenEnabled.get(s, netuid)) continue
    if (onlyAlpha && netuid === 0) continue
    const alpha = L.getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
    if (!passes(() => validateRemoveStake(s, coldkey, hotkey, netuid, alpha, alpha, false))) continue
    if (alpha === 0n) continue
    total = min(total + unstakeFromSubnet(ctx, hotkey, coldkey, coldkey, netuid, alpha, minPrice(), false), U64_MAX)
    clearSmallNominationIfRequired(ctx, hotkey, coldkey, netuid)
  }
  if (onlyAlpha) stakeIntoSubnet(ctx, hotkey, coldkey, 0, total, maxPrice(), false)
}

implement('remove_stake', (ctx, a) => doRemoveStake(ctx, a.hotkey, a.netuid, a.amount_unstaked))
implement('remove_stake_limit', (ctx, a) => doRemoveStakeLimit(ctx, a.hotkey, a.netuid, a.amount_unstaked, a.limit_price, a.allow_partial))
implement('remove_stake_full_limit', (ctx, a) => {
  const coldkey = ensureSigned(ctx)
  const alpha = L.getStakeForHotkeyAndColdkeyOnSubnet(ctx.s, a.hotkey, coldkey, a.netuid)
  if (a.limit_price !== null) doRemoveStakeLimit(ctx, a.hotkey, a.netuid, alpha, a.limit_price, false)
  else doRemoveStake(ctx, a.hotkey, a.netuid, alpha)
})
implement('unstake_all', (ctx, a) => doUnstakeAll(ctx, a.hotkey, false))
implement('unstake_all_alpha', (ctx, a) => doUnstakeAll(ctx, a.hotkey, true))

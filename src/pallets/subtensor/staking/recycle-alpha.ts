// staking/recycle_alpha.rs: a staker takes alpha out of circulation — recycled (AlphaOut shrinks,
// so the subnet's issuance does) or burned (AlphaOut kept) — and the add-then-burn/recycle calls.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { ifSubnetExist } from '../utils/misc.js'
import { hotkeyAccountExists } from './helpers.js'
import { ensureAvailableToUnstake } from './lock.js'
import { decreaseStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyAndColdkeyOnSubnet } from './stake-utils.js'
import { ensureSubtokenEnabled } from './validate.js'

/**
 * `do_recycle_alpha` / `do_burn_alpha`. The chain also tells its AlphaAssets pallet (index 31,
 * counters only, read by nothing in SubtensorModule); that pallet is not part of this runtime.
 */
function takeAlpha(ctx: CallCtx, hotkey: Uint8Array, amount: bigint, netuid: number, recycle: boolean): bigint {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (netuid === 0) throw E.CannotBurnOrRecycleOnRootSubnet()
  ensureSubtokenEnabled(s, netuid)
  if (!hotkeyAccountExists(s, hotkey)) throw E.HotKeyAccountNotExists()
  const available = getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
  const alpha = amount < available ? amount : available
  if (S.SubnetAlphaOut.get(s, netuid) < alpha) throw E.InsufficientLiquidity()
  ensureAvailableToUnstake(s, coldkey, netuid, alpha)
  decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, alpha)
  if (recycle) {
    if (alpha !== 0n) S.SubnetAlphaOut.mutate(s, netuid, (t) => (t > alpha ? t - alpha : 0n))
    SubtensorEvents.AlphaRecycled.emit(ctx.env, [coldkey, hotkey, alpha, netuid])
  } else {
    SubtensorEvents.AlphaBurned.emit(ctx.env, [coldkey, hotkey, alpha, netuid])
  }
  return alpha
}

export const doRecycleAlpha = (ctx: CallCtx, hotkey: Uint8Array, amount: bigint, netuid: number): bigint => takeAlpha(ctx, hotkey, amount, netuid, true)
export const doBurnAlpha = (ctx: CallCtx, hotkey: Uint8Array, amount: bigint, netuid: number): bigint => takeAlpha(ctx, hotkey, amount, netuid, false)

implement('recycle_alpha', (ctx, a) => { doRecycleAlpha(ctx, a.hotkey, a.amount, a.netuid) })
implement('burn_alpha', (ctx, a) => { doBurnAlpha(ctx, a.hotkey, a.amount, a.netuid) })

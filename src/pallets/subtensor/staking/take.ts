// staking/decrease_take.rs and increase_take.rs: a hotkey's owner moves its delegate take within
// [MinDelegateTake, MaxDelegateTake]; increases are rate limited (TxDelegateTakeRateLimit).
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { coldkeyOwnsHotkey } from '../subnets/registration.js'
import { currentBlock } from '../utils/misc.js'

const lastTakeKey = (hotkey: Uint8Array) => ({ type: 'LastTxBlockDelegateTake' as const, value: hotkey })

/** `do_take_checks`: the hotkey exists and belongs to the signer. */
export function takeChecks(s: Store, coldkey: Uint8Array, hotkey: Uint8Array): void {
  if (!S.Owner.contains(s, hotkey)) throw E.HotKeyAccountNotExists()
  if (!coldkeyOwnsHotkey(s, coldkey, hotkey)) throw E.NonAssociatedColdKey()
}

/** CheckDelegateTake (the dispatch guard, also run in the pool): bounds, then ownership. */
export function checkDelegateTake(s: Store, who: Uint8Array, hotkey: Uint8Array, take: number): void {
  if (take < S.MinDelegateTake.get(s)) throw E.DelegateTakeTooLow()
  if (take > S.MaxDelegateTake.get(s)) throw E.DelegateTakeTooHigh()
  takeChecks(s, who, hotkey)
}

function doDecreaseTake(ctx: CallCtx, hotkey: Uint8Array, take: number): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  checkDelegateTake(s, coldkey, hotkey, take)
  if (S.Delegates.contains(s, hotkey) && !(take < S.Delegates.get(s, hotkey))) throw E.DelegateTakeTooLow()
  if (take < S.MinDelegateTake.get(s)) throw E.DelegateTakeTooLow()
  S.Delegates.set(s, hotkey, take)
  S.LastRateLimitedBlock.set(s, lastTakeKey(hotkey), currentBlock(s))
  SubtensorEvents.TakeDecreased.emit(ctx.env, [coldkey, hotkey, take])
}

function doIncreaseTake(ctx: CallCtx, hotkey: Uint8Array, take: number): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  checkDelegateTake(s, coldkey, hotkey, take)
  if (S.Delegates.contains(s, hotkey) && !(take > S.Delegates.get(s, hotkey))) throw E.DelegateTakeTooLow()
  if (take > S.MaxDelegateTake.get(s)) throw E.DelegateTakeTooHigh()
  const now = currentBlock(s)
  // `exceeds_tx_delegate_take_rate_limit`: refused while now − last ≤ limit (limit and last ≠ 0)
  const limit = S.TxDelegateTakeRateLimit.get(s)
  const last = S.LastRateLimitedBlock.get(s, lastTakeKey(hotkey))
  if (limit !== 0n && last !== 0n && (now > last ? now - last : 0n) <= limit) throw E.DelegateTxRateLimitExceeded()
  S.LastRateLimitedBlock.set(s, lastTakeKey(hotkey), now)
  S.Delegates.set(s, hotkey, take)
  SubtensorEvents.TakeIncreased.emit(ctx.env, [coldkey, hotkey, take])
}

implement('decrease_take', (ctx, a) => doDecreaseTake(ctx, a.hotkey, a.take))
implement('increase_take', (ctx, a) => doIncreaseTake(ctx, a.hotkey, a.take))

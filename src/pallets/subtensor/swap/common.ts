// What the key swaps share: ownership and rate-limit checks (staking/helpers.rs,
// utils/rate_limiting.rs), the swap fee's recycling (coinbase/tao.rs `recycle_tao`), the weight
// the chain accrues as it goes, and the guard for the conviction locks this node does not keep.
import type { CallCtx, PostInfo } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { weight, type WeightValue } from '../../../frame/primitives.js'
import { reducibleBalance, withdraw, dropCredit, totalIssuance, transferWith } from '../../balances/index.js'
import { DB_WEIGHT } from '../../system/limits.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { equal } from '../subnets/uids.js'

export const coldkeyOwnsHotkey = (s: Store, coldkey: Uint8Array, hotkey: Uint8Array): boolean =>
  S.Owner.contains(s, hotkey) && equal(S.Owner.get(s, hotkey), coldkey)

/** `exceeds_tx_rate_limit`: within TxRateLimit blocks (inclusive) of the last transaction. */
export function exceedsTxRateLimit(s: Store, prev: bigint, now: bigint): boolean {
  const limit = S.TxRateLimit.get(s)
  if (limit === 0n || prev === 0n) return false
  return (now > prev ? now - prev : 0n) <= limit
}

/** `can_remove_balance_from_coldkey_account`: within the reducible balance (Expendable, Polite). */
export const canRemoveBalanceFromColdkeyAccount = (s: Store, coldkey: Uint8Array, amount: bigint): boolean =>
  amount <= reducibleBalance(s, coldkey, 'Expendable', 'Polite')

/** `recycle_tao`: leaves the account alive, lowers both issuances (the credit is dropped). */
export function recycleTao(ctx: CallCtx, coldkey: Uint8Array, amount: bigint): void {
  const { s } = ctx
  if (amount > reducibleBalance(s, coldkey, 'Preserve', 'Polite')) throw E.InsufficientBalance()
  S.TotalIssuance.mutate(s, (t) => (t > amount ? t - amount : 0n))
  const sink = { depositEvent: (ev: Uint8Array) => ctx.env.depositEvent(ev) }
  let credit: bigint
  try {
    credit = withdraw(s, sink, coldkey, amount, 'Exact', 'Expendable', 'Force')
  } catch {
    throw E.BalanceWithdrawalError()
  }
  dropCredit(s, credit)
}

/** `transfer_allow_death_update_ti`: dust the transfer burns also leaves SubtensorModule's issuance. */
export function transferAllowDeathUpdateTi(ctx: CallCtx, from: Uint8Array, to: Uint8Array, amount: bigint): void {
  const { s } = ctx
  const before = totalIssuance(s)
  transferWith(s, { depositEvent: (ev) => ctx.env.depositEvent(ev) }, from, to, amount, 'Expendable')
  const after = totalIssuance(s)
  if (after < before) S.TotalIssuance.mutate(s, (t) => (t > before - after ? t - (before - after) : 0n))
}

/** `transfer_tao`: at most the reducible balance (Expendable), else InsufficientBalance. */
export function transferTao(ctx: CallCtx, from: Uint8Array, to: Uint8Array, amount: bigint): void {
  if (amount > reducibleBalance(ctx.s, from, 'Expendable', 'Polite')) throw E.InsufficientBalance()
  transferAllowDeathUpdateTi(ctx, from, to, amount)
}

/**
 * `swap_hotkey_locks(_on_subnet)` moves the conviction locks (Lock, HotkeyLock, OwnerLock and their
 * decaying forms) with the hotkey. Locks are not built here; where one exists the swap refuses
 * (CallDisabled) instead of leaving it behind. Without any, the chain's lock swap writes nothing.
 */
export function ensureLocksUntouched(s: Store, oldHotkey: Uint8Array, _newHotkey: Uint8Array, netuids: number[]): void {
  for (const netuid of netuids) {
    const ownerHotkey = S.SubnetOwnerHotkey.contains(s, netuid) && equal(S.SubnetOwnerHotkey.get(s, netuid), oldHotkey)
    const held = S.HotkeyLock.contains(s, netuid, oldHotkey) || S.DecayingHotkeyLock.contains(s, netuid, oldHotkey) ||
      (ownerHotkey && (S.OwnerLock.contains(s, netuid) || S.DecayingOwnerLock.contains(s, netuid))) ||
      S.LockingColdkeys.hasPrefix(s, netuid, oldHotkey)
    if (held) throw E.CallDisabled()
  }
}

/** The chain's running `weight.saturating_accrue(DbWeight::get().reads_writes(r, w))`. */
export class Weigher {
  private refTime = 0n
  reads(n: number): this { this.refTime += DB_WEIGHT.read * BigInt(n); return this }
  writes(n: number): this { this.refTime += DB_WEIGHT.write * BigInt(n); return this }
  readsWrites(r: number, w: number): this { return this.reads(r).writes(w) }
  get total(): WeightValue { return weight(this.refTime, 0n) }
  /** PostDispatchInfo: the actual weight, never above the declared one (component-wise). */
  post(declared: WeightValue): PostInfo {
    const ref = this.refTime < declared.ref_time ? this.refTime : declared.ref_time
    return { actualWeight: weight(ref, 0n) }
  }
}

// Balance movements as pallet_balances implements fungible::{Unbalanced, Mutate, Balanced} and
// the legacy ReservableCurrency (frame_support tokens/fungible/regular.rs, balances
// impl_fungible.rs and impl_currency.rs). Imbalances are explicit here: `withdraw` returns the
// credit taken out of an account, which the caller must resolve into another account
// (`resolveCredit`) or drop (`dropCredit`, which burns it from total issuance).
import type { Store } from '../../frame/declare/storage.js'
import { putBigLE } from '../../codec/scale.js'
import { keyBit, toKeyString, type StorageRef } from '../../storage/overlay.js'
import { Slabs } from '../../storage/slabs.js'
import { arithmeticError, DispatchFailure, tokenError } from '../../frame/primitives.js'
import { accountData, type EventSink } from '../system/accounts.js'
import { System } from '../system/pallet.js'
import { U64_MAX } from '../system/limits.js'
import {
  burnFromIssuance, canDeposit, canWithdraw, depositResult, freeBalance, mutateAccountHandlingDust,
  reducibleBalance, setTotalIssuance, sub, totalBalance, totalIssuance, tryMutateAccount, withdrawResult,
} from './account.js'
import { BalancesErrors, BalancesEvents, EXISTENTIAL_DEPOSIT as ED } from './pallet.js'
import type { Fortitude, Precision, Preservation } from './types.js'

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)

/** Unbalanced::write_balance: set `free`, refusing reductions beyond the forced reducible balance. */
export function writeBalance(s: Store, sink: EventSink, who: Uint8Array, amount: bigint): bigint | null {
  const maxReduction = reducibleBalance(s, who, 'Expendable', 'Force')
  return tryMutateAccount(s, sink, who, false, (a) => {
    if (sub(a.free, amount) > maxReduction) throw BalancesErrors.InsufficientBalance()
    a.free = amount
  }).dust
}

/** Unbalanced::decrease_balance; returns the reduction (dust, if any, is burned separately). */
export function decreaseBalance(
  s: Store, sink: EventSink, who: Uint8Array, amount: bigint,
  precision: Precision, preservation: Preservation, force: Fortitude,
): bigint {
  return s.transactional(() => {
    const old = freeBalance(s, who)
    const free = reducibleBalance(s, who, preservation, force)
    if (precision === 'BestEffort') amount = min(amount, free)
    else if (free < amount) throw tokenError('FundsUnavailable')
    if (old < amount) throw tokenError('FundsUnavailable')
    const next = old - amount
    const dust = writeBalance(s, sink, who, next)
    if (dust !== null) burnFromIssuance(s, dust)
    return old - next
  })
}

/** Unbalanced::increase_balance; returns the increase (0 when a new account would stay below ED). */
export function increaseBalance(s: Store, sink: EventSink, who: Uint8Array, amount: bigint, precision: Precision): bigint {
  return s.transactional(() => {
    const old = freeBalance(s, who)
    let next = old + amount
    if (next > U64_MAX) {
      if (precision === 'Exact') throw arithmeticError('Overflow')
      next = U64_MAX
    }
    if (next < ED) {
      if (precision === 'BestEffort') return 0n
      throw tokenError('BelowMinimum')
    }
    if (next === old) return 0n
    const dust = writeBalance(s, sink, who, next)
    if (dust !== null) burnFromIssuance(s, dust)
    return next - old
  })
}

/** fungible::Mutate::transfer. `keepAlive` = Preservation::Preserve, else Expendable. */
export function transfer(s: Store, sink: EventSink, from: Uint8Array, to: Uint8Array, amount: bigint, keepAlive: boolean): bigint {
  return transferWith(s, sink, from, to, amount, keepAlive ? 'Preserve' : 'Expendable')
}

export function transferWith(s: Store, sink: EventSink, from: Uint8Array, to: Uint8Array, amount: bigint, preservation: Preservation): bigint {
  return s.transactional(() => {
    withdrawResult(canWithdraw(s, from, amount), preservation !== 'Expendable')
    depositResult(canDeposit(s, to, amount, 'Extant'))
    decreaseBalance(s, sink, from, amount, 'BestEffort', preservation, 'Polite')
    // FRAME ignores a failure here: can_deposit has just been checked.
    try {
      increaseBalance(s, sink, to, amount, 'BestEffort')
    } catch (e) {
      if (!(e instanceof DispatchFailure)) throw e
    }
    sink.depositEvent(BalancesEvents.Transfer.encode({ from, to, amount }))
    return amount
  })
}

/** Balanced::withdraw: take up to/exactly `value` from `who` (Withdraw event); returns the credit. */
export function withdraw(
  s: Store, sink: EventSink, who: Uint8Array, value: bigint,
  precision: Precision, preservation: Preservation, force: Fortitude,
): bigint {
  if (preservation === 'Preserve' && withdrawFromLiveAccount(s, sink, who, value, force)) return value
  return withdrawThroughAccount(s, sink, who, value, precision, preservation, force)
}

/** `withdraw` through decrease_balance and try_mutate_account, every branch (exported for the tests). */
export function withdrawThroughAccount(
  s: Store, sink: EventSink, who: Uint8Array, value: bigint,
  precision: Precision, preservation: Preservation, force: Fortitude,
): bigint {
  return s.transactional(() => {
    const taken = decreaseBalance(s, sink, who, value, precision, preservation, force)
    sink.depositEvent(BalancesEvents.Withdraw.encode({ who, amount: taken }))
    return taken
  })
}

/**
 * System.Account's SCALE layout: AccountInfo's nonce, consumers, providers, sufficients (u32),
 * then AccountData's free, reserved, frozen (u64) and flags (u128, IS_NEW_LOGIC its top bit).
 */
const ACCOUNT_INFO_LEN = System.Account.decl.fallback.length
const FREE_AT = 16

/** The little-endian u64 at `at`. */
function u64At(b: Uint8Array, at: number): bigint {
  const lo = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000
  const hi = (b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16)) + b[at + 7]! * 0x1000000
  // (below 2^53 the value is exact as a Number: one BigInt made, not three and two steps)
  return hi < 0x200000 ? BigInt(hi * 0x100000000 + lo) : (BigInt(hi) << 32n) | BigInt(lo)
}
/**
 * Written account values are views on shared slabs: at 80 bytes an array of its own has its
 * backing store outside the heap, which costs ~4× a view (the coinbase writes 32 a block). A
 * slab holds 16 accounts, so a value kept long pins little.
 */
const accountSlabs = new Slabs(16 * ACCOUNT_INFO_LEN)
/** A copy of account bytes `raw` to change and store (stored bytes are never changed in place). */
function accountCopy(raw: Uint8Array): Uint8Array {
  const out = accountSlabs.reserve(raw.length)
  out.set(raw)
  return out
}
/** Every byte in [from, to) is 0. */
function zeroAt(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false
  return true
}

/**
 * `deposit` into a live, upgraded account that stays live: try_mutate_account would then only
 * store the new free balance (no provider, consumer, Endowed or dust change), so the stored bytes
 * get the new free balance in place of the old. False (nothing touched) when any of its other
 * branches could apply. It runs in no storage layer of its own: resolveCredit's plain path, which
 * a caller holding the account's made key may take first (false: the general path may apply).
 */
export function depositIntoLiveAccount(s: Store, sink: EventSink, account: AccountKey, value: bigint, then = 0n): boolean {
  if (value === 0n || then < 0n) return false
  const { who, ref } = account
  const raw = s.read(ref)
  if (raw === null || raw.length !== ACCOUNT_INFO_LEN || (raw[ACCOUNT_INFO_LEN - 1]! & 0x80) === 0) return false
  // (the fields read from the bytes: no DataView per deposit)
  const free = u64At(raw, FREE_AT)
  const next = then === 0n ? free + value : free + value + then
  if (free < ED || next > U64_MAX) return false
  if (zeroAt(raw, 8, 16)) return false
  if (!zeroAt(raw, 24, 40) && zeroAt(raw, 4, 8)) return false
  const out = accountCopy(raw)
  putBigLE(out, FREE_AT, next, 8)
  s.setRef(ref, out)
  sink.depositEvent(BalancesEvents.Deposit.encode({ who, amount: value }))
  if (then !== 0n) sink.depositEvent(BalancesEvents.Deposit.encode({ who, amount: then }))
  return true
}

/**
 * `withdraw` of `value` with Preservation::Preserve from a live, upgraded account that can give it:
 * the new free balance stays at or above both the ED and the untouchable part, so
 * try_mutate_account only stores it (no provider, consumer, dust or event change) and
 * write_balance's own limit (a forced, expendable reduction) cannot refuse it. The fee and the
 * registration burn take this path. False (nothing touched) when any other branch could apply,
 * including every refusal, which the general path reports.
 */
function withdrawFromLiveAccount(s: Store, sink: EventSink, who: Uint8Array, value: bigint, force: Fortitude): boolean {
  if (value === 0n) return false
  const key = System.Account.key(who)
  const raw = s.get(key)
  if (raw === null || raw.length !== ACCOUNT_INFO_LEN || (raw[ACCOUNT_INFO_LEN - 1]! & 0x80) === 0) return false
  const view = new DataView(raw.buffer, raw.byteOffset, ACCOUNT_INFO_LEN)
  const [consumers, providers, sufficients] = [view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true)]
  const [free, reserved, frozen] = [view.getBigUint64(FREE_AT, true), view.getBigUint64(24, true), view.getBigUint64(32, true)]
  if (providers === 0 && sufficients === 0) return false
  if ((reserved !== 0n || frozen !== 0n) && consumers === 0) return false
  // reducible_balance(Preserve, force): the frozen part not covered by reserves (Polite), and the ED.
  const locked = force === 'Polite' && frozen > reserved ? frozen - reserved : 0n
  const untouchable = locked > ED ? locked : ED
  if (free < untouchable || free - untouchable < value) return false
  const out = accountCopy(raw)
  putBigLE(out, FREE_AT, free - value, 8)
  s.set(key, out)
  sink.depositEvent(BalancesEvents.Withdraw.encode({ who, amount: value }))
  return true
}

/** Balanced::deposit: add `value` to `who` (Deposit event, also for 0); returns the debt. */
export function deposit(s: Store, sink: EventSink, who: Uint8Array, value: bigint, precision: Precision = 'Exact'): bigint {
  if (depositIntoLiveAccount(s, sink, accountKey(who), value)) return value
  // A best-effort deposit of nothing changes no account (increase_balance returns at once or
  // refuses quietly below the ED): only the event. The fee's refund is this when nothing is refunded.
  if (value === 0n && precision === 'BestEffort') {
    sink.depositEvent(BalancesEvents.Deposit.encode({ who, amount: 0n }))
    return 0n
  }
  return s.transactional(() => {
    const added = increaseBalance(s, sink, who, value, precision)
    sink.depositEvent(BalancesEvents.Deposit.encode({ who, amount: added }))
    return added
  })
}

/** Dropping a credit nobody took: the funds leave total issuance. */
export function dropCredit(s: Store, amount: bigint): void { burnFromIssuance(s, amount) }

/**
 * Balanced::resolve: put a whole credit into `who` (issuance unchanged). False when it cannot be
 * deposited exactly (e.g. a new account below ED); the caller then still holds the credit.
 */
export function resolveCredit(s: Store, sink: EventSink, who: Uint8Array, amount: bigint): boolean {
  try {
    deposit(s, sink, who, amount, 'Exact')
    return true
  } catch (e) {
    if (e instanceof DispatchFailure) return false
    throw e
  }
}

/**
 * resolveCredit into an account whose System.Account key is made already (the plain path reads
 * and stores it by that key; any other path is resolveCredit's own).
 */
export function resolveCreditInto(s: Store, sink: EventSink, account: AccountKey, amount: bigint): boolean {
  return depositIntoLiveAccount(s, sink, account, amount) || resolveCredit(s, sink, account.who, amount)
}

/**
 * resolveCredit of `a` then of `b` into the same live account, when both take the plain path
 * (deposit of a leaves the account live and b then fits too): its bytes read and stored once, the
 * two Deposit events in order. False, with nothing touched, when either might take another
 * branch: the caller then resolves them one by one.
 */
export function resolveCreditTwice(s: Store, sink: EventSink, account: AccountKey, a: bigint, b: bigint): boolean {
  return b !== 0n && depositIntoLiveAccount(s, sink, account, a, b)
}

/** An account with its System.Account key made once, for a caller that pays it again and again (the coinbase its subnet accounts). */
export interface AccountKey { readonly who: Uint8Array; readonly ref: StorageRef }

export function accountKey(who: Uint8Array): AccountKey {
  const key = System.Account.key(who)
  const ks = toKeyString(key)
  // (every field a backend or the overlay's filter reads, set now: the ref keeps one shape)
  return { who, ref: { key, ks, bit: keyBit(ks), slotOf: undefined, slot: undefined, v: null, slotHost: undefined } }
}

/** Mutate::mint_into: new funds for `who` (Minted event), raising total issuance. */
export function mint(s: Store, sink: EventSink, who: Uint8Array, amount: bigint): bigint {
  return s.transactional(() => {
    if (totalIssuance(s) + amount > U64_MAX) throw arithmeticError('Overflow')
    const actual = increaseBalance(s, sink, who, amount, 'Exact')
    setTotalIssuance(s, totalIssuance(s) + actual)
    sink.depositEvent(BalancesEvents.Minted.encode({ who, amount }))
    return actual
  })
}

/** Mutate::burn_from: destroy funds of `who` (Burned event), lowering total issuance. */
export function burnFrom(
  s: Store, sink: EventSink, who: Uint8Array, amount: bigint,
  preservation: Preservation, precision: Precision, force: Fortitude,
): bigint {
  return s.transactional(() => {
    let actual = min(reducibleBalance(s, who, preservation, force), amount)
    if (actual !== amount && precision !== 'BestEffort') throw tokenError('FundsUnavailable')
    if (totalIssuance(s) < actual) throw arithmeticError('Overflow')
    actual = decreaseBalance(s, sink, who, actual, 'BestEffort', preservation, force)
    setTotalIssuance(s, sub(totalIssuance(s), actual))
    sink.depositEvent(BalancesEvents.Burned.encode({ who, amount: actual }))
    return actual
  })
}

/** ReservableCurrency::reserve: move `value` from free to reserved (Reserved event). */
export function reserve(s: Store, sink: EventSink, who: Uint8Array, value: bigint): void {
  if (value === 0n) return
  s.transactional(() => {
    // ensure_can_withdraw compares the new free balance with the stored `frozen`.
    const frozen = accountData(s, who).frozen
    mutateAccountHandlingDust(s, sink, who, false, (a) => {
      if (a.free < value) throw BalancesErrors.InsufficientBalance()
      if (a.reserved + value > U64_MAX) throw arithmeticError('Overflow')
      a.free -= value
      a.reserved += value
      if (a.free < frozen) throw BalancesErrors.LiquidityRestrictions()
    })
    sink.depositEvent(BalancesEvents.Reserved.encode({ who, amount: value }))
  })
}

/** ReservableCurrency::unreserve: move up to `value` back to free; returns what could not be. */
export function unreserve(s: Store, sink: EventSink, who: Uint8Array, value: bigint): bigint {
  if (value === 0n) return 0n
  if (totalBalance(s, who) === 0n) return value
  let actual: bigint
  try {
    actual = mutateAccountHandlingDust(s, sink, who, false, (a) => {
      const x = min(a.reserved, value)
      a.reserved -= x
      a.free = a.free + x > U64_MAX ? U64_MAX : a.free + x
      return x
    })
  } catch (e) {
    if (e instanceof DispatchFailure) return value
    throw e
  }
  sink.depositEvent(BalancesEvents.Unreserved.encode({ who, amount: actual }))
  return value - actual
}

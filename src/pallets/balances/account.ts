// Account-level rules of pallet_balances: the existential-deposit law with provider/consumer
// references (try_mutate_account), the legacy-account upgrade, and the fungible::Inspect
// queries (reducible_balance, can_deposit, can_withdraw).
import type { Store } from '../../frame/declare/storage.js'
import { arithmeticError, DispatchFailure, tokenError } from '../../frame/primitives.js'
import {
  accountData, canDecProvider, consumers, decConsumers, decProviders, incConsumers,
  incConsumersWithoutLimit, incProviders, providers, storeAccountData, type EventSink,
} from '../system/accounts.js'
import { U64_MAX } from '../system/limits.js'
import { defaultAccountData, IS_NEW_LOGIC, isDefaultAccountData, type AccountDataValue } from '../system/types.js'
import { Balances, BalancesEvents, EXISTENTIAL_DEPOSIT as ED } from './pallet.js'
import type { Fortitude, Preservation } from './types.js'

/** Saturating subtraction of balances. */
export const sub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)

export const freeBalance = (s: Store, who: Uint8Array): bigint => accountData(s, who).free
export const reservedBalance = (s: Store, who: Uint8Array): bigint => accountData(s, who).reserved
export const totalBalance = (s: Store, who: Uint8Array): bigint => {
  const a = accountData(s, who)
  return a.free + a.reserved
}
export const totalIssuance = (s: Store): bigint => Balances.TotalIssuance.get(s)
export function setTotalIssuance(s: Store, v: bigint): void { Balances.TotalIssuance.set(s, v) }

/**
 * Dust and dropped credit leave the system (DustRemoval = (), OnDropCredit = DecreaseIssuance):
 * total issuance goes down by the amount.
 */
export function burnFromIssuance(s: Store, amount: bigint): void {
  if (amount > 0n) setTotalIssuance(s, sub(totalIssuance(s), amount))
}

/** fungible::Inspect::reducible_balance */
export function reducibleBalance(s: Store, who: Uint8Array, preservation: Preservation, force: Fortitude): bigint {
  const a = accountData(s, who)
  let untouchable = force === 'Polite' ? sub(a.frozen, a.reserved) : 0n
  const needsEd = preservation === 'Preserve'
    || (preservation === 'Protect' && a.free !== 0n && providers(s, who) === 1)
    || (preservation === 'Expendable' && a.free !== 0n && !canDecProvider(s, who))
  if (needsEd) untouchable = max(untouchable, ED)
  return sub(a.free, untouchable)
}

export type DepositConsequence = 'Success' | 'BelowMinimum' | 'Overflow'

export function canDeposit(s: Store, who: Uint8Array, amount: bigint, provenance: 'Minted' | 'Extant'): DepositConsequence {
  if (amount === 0n) return 'Success'
  if (provenance === 'Minted' && totalIssuance(s) + amount > U64_MAX) return 'Overflow'
  const a = accountData(s, who)
  const newFree = a.free + amount
  if (newFree > U64_MAX) return 'Overflow'
  if (newFree < ED) return 'BelowMinimum'
  if (a.reserved + newFree > U64_MAX) return 'Overflow'
  return 'Success'
}

export type WithdrawConsequence = 'Success' | 'ReducedToZero' | 'BalanceLow' | 'WouldDie' | 'Underflow' | 'Frozen'

export function canWithdraw(s: Store, who: Uint8Array, amount: bigint): WithdrawConsequence {
  if (amount === 0n) return 'Success'
  if (totalIssuance(s) < amount) return 'Underflow'
  const a = accountData(s, who)
  if (a.free < amount) return 'BalanceLow'
  const newFree = a.free - amount
  if (amount > reducibleBalance(s, who, 'Expendable', 'Polite')) return 'Frozen'
  let result: WithdrawConsequence = 'Success'
  if (newFree < ED) {
    if (!canDecProvider(s, who)) return 'WouldDie'
    result = 'ReducedToZero'
  }
  if (newFree + a.reserved < a.frozen) return 'Frozen'
  return result
}

export function depositResult(c: DepositConsequence): void {
  if (c === 'BelowMinimum') throw tokenError('BelowMinimum')
  if (c === 'Overflow') throw arithmeticError('Overflow')
}

/** WithdrawConsequence::into_result(keep_nonzero) */
export function withdrawResult(c: WithdrawConsequence, keepNonzero: boolean): void {
  switch (c) {
    case 'BalanceLow': throw tokenError('FundsUnavailable')
    case 'WouldDie': throw tokenError('OnlyProvider')
    case 'Underflow': throw arithmeticError('Underflow')
    case 'Frozen': throw tokenError('Frozen')
    case 'ReducedToZero': if (keepNonzero) throw tokenError('NotExpendable'); return
    case 'Success': return
  }
}

/**
 * Move an account onto the new reference-counting logic; true when it was upgraded. Accounts
 * created by this runtime are born upgraded, so this only matters for imported legacy state.
 */
export function ensureUpgraded(s: Store, sink: EventSink, who: Uint8Array): boolean {
  const a = accountData(s, who)
  if ((a.flags & IS_NEW_LOGIC) !== 0n) return false
  a.flags |= IS_NEW_LOGIC
  if (a.reserved !== 0n && a.frozen === 0n) {
    if (providers(s, who) === 0) {
      a.free = max(a.free, ED)
      incProviders(s, sink, who)
    }
    try { incConsumersWithoutLimit(s, who) } catch (e) { if (!(e instanceof DispatchFailure)) throw e }
  }
  storeAccountData(s, who, isDefaultAccountData(a) ? null : a)
  sink.depositEvent(BalancesEvents.Upgraded.encode({ who }))
  return true
}

export interface Mutated<R> { result: R; dust: bigint | null }

/**
 * pallet_balances::try_mutate_account: apply `f` to the account data, then enforce the ED law —
 * add/remove the provider reference, add/remove the consumer reference for reserved/frozen funds,
 * reap the account (dust returned, not yet burned) and emit Endowed/DustLost. Runs in its own
 * storage layer, so a throw from `f` or from the reference counting leaves state untouched.
 */
export function tryMutateAccount<R>(
  s: Store, sink: EventSink, who: Uint8Array, forceConsumerBump: boolean,
  f: (account: AccountDataValue, isNew: boolean) => R,
): Mutated<R> {
  return s.transactional(() => {
    ensureUpgraded(s, sink, who)
    const stored = accountData(s, who)
    const isNew = isDefaultAccountData(stored)
    const account = isNew ? defaultAccountData() : stored
    const didProvide = account.free >= ED
    const didConsume = !isNew && (account.reserved !== 0n || account.frozen !== 0n)

    const result = f(account, isNew)

    const doesProvide = account.free >= ED
    const doesConsume = account.reserved !== 0n || account.frozen !== 0n
    if (!didProvide && doesProvide) incProviders(s, sink, who)
    if (didConsume && !doesConsume) decConsumers(s, who)
    if (!didConsume && doesConsume) {
      if (forceConsumerBump) incConsumersWithoutLimit(s, who)
      else incConsumers(s, who)
    }
    if (doesConsume && consumers(s, who) === 0) incConsumers(s, who)
    // Last, since this may reap the account.
    if (didProvide && !doesProvide) decProviders(s, sink, who)

    let dust: bigint | null = null
    let keep: AccountDataValue | null = account
    if (account.free < ED && account.reserved === 0n) {
      if (account.free !== 0n) dust = account.free
      keep = null
    }
    storeAccountData(s, who, keep)
    if (isNew) sink.depositEvent(BalancesEvents.Endowed.encode({ account: who, free_balance: account.free }))
    if (dust !== null) sink.depositEvent(BalancesEvents.DustLost.encode({ account: who, amount: dust }))
    return { result, dust }
  })
}

/** mutate_account_handling_dust: as tryMutateAccount, burning any dust at once. */
export function mutateAccountHandlingDust<R>(
  s: Store, sink: EventSink, who: Uint8Array, forceConsumerBump: boolean, f: (account: AccountDataValue, isNew: boolean) => R,
): R {
  const { result, dust } = tryMutateAccount(s, sink, who, forceConsumerBump, f)
  if (dust !== null) burnFromIssuance(s, dust < ED ? dust : ED - 1n)
  return result
}

// coinbase/tao.rs: TAO created by the pallet (the faucet's mint).
import type { Store } from '../../../frame/declare/storage.js'
import { BalancesEvents, dropCredit, resolveCredit, setTotalIssuance, totalIssuance } from '../../balances/index.js'
import type { EventSink } from '../../system/accounts.js'
import { SubtensorStorage as S } from '../storage.js'

export const MAX_TAO_ISSUANCE = 21_000_000_000_000_000n

/**
 * `mint_tao` then `spend_tao`: issue up to what is left below MAX_TAO_ISSUANCE (SubtensorModule's
 * and Balances' TotalIssuance both grow; Balances emits Issued), resolve it into `who`; a credit
 * that cannot be spent whole is dropped again (Rescinded).
 */
export function mintAndSpend(s: Store, sink: EventSink, who: Uint8Array, amount: bigint): void {
  const issued = mintTao(s, sink, amount)
  if (issued >= amount && resolveCredit(s, sink, who, amount)) return
  setTotalIssuance(s, totalIssuance(s) - issued)
  sink.depositEvent(BalancesEvents.Rescinded.encode({ amount: issued }))
}

/**
 * `mint_tao`: issue up to what is left below MAX_TAO_ISSUANCE (by the *balances* issuance) and
 * return the credit. SubtensorModule's TotalIssuance grows by the same amount; Balances' `issue`
 * raises its own and emits Issued.
 */
export function mintTao(s: Store, sink: EventSink, amount: bigint): bigint {
  const current = totalIssuance(s)
  const remaining = MAX_TAO_ISSUANCE > current ? MAX_TAO_ISSUANCE - current : 0n
  const issued = amount < remaining ? amount : remaining
  S.TotalIssuance.mutate(s, (t) => t + issued)
  setTotalIssuance(s, current + issued)
  sink.depositEvent(BalancesEvents.Issued.encode({ amount: issued }))
  return issued
}

/**
 * `recycle_credit`: an unspent credit lowers SubtensorModule's TotalIssuance (delaying the
 * halvings) and, dropped, Balances' as well (DecreaseIssuance, no event).
 */
export function recycleCredit(s: Store, credit: bigint): void {
  if (credit === 0n) return
  S.TotalIssuance.mutate(s, (t) => (t > credit ? t - credit : 0n))
  dropCredit(s, credit)
}

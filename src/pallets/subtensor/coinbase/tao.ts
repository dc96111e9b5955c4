// coinbase/tao.rs: TAO created by the pallet (the faucet's mint).
import type { Store } from '../../../frame/declare/storage.js'
import { BalancesEvents, resolveCredit, setTotalIssuance, totalIssuance } from '../../balances/index.js'
import type { EventSink } from '../../system/accounts.js'
import { SubtensorStorage as S } from '../storage.js'

export const MAX_TAO_ISSUANCE = 21_000_000_000_000_000n

/**
 * `mint_tao` then `spend_tao`: issue up to what is left below MAX_TAO_ISSUANCE (SubtensorModule's
 * and Balances' TotalIssuance both grow; Balances emits Issued), resolve it into `who`; a credit
 * that cannot be spent whole is dropped again (Rescinded).
 */
export function mintAndSpend(s: Store, sink: EventSink, who: Uint8Array, amount: bigint): void {
  const current = totalIssuance(s)
  const remaining = MAX_TAO_ISSUANCE > current ? MAX_TAO_ISSUANCE - current : 0n
  const issued = amount < remaining ? amount : remaining
  S.TotalIssuance.mutate(s, (t) => t + issued)
  setTotalIssuance(s, current + issued)
  sink.depositEvent(BalancesEvents.Issued.encode({ amount: issued }))
  if (issued >= amount && resolveCredit(s, sink, who, amount)) return
  setTotalIssuance(s, totalIssuance(s) - issued)
  sink.depositEvent(BalancesEvents.Rescinded.encode({ amount: issued }))
}

// pallet_balances genesis: endow accounts (one provider reference each) and set TotalIssuance.
// Events are not recorded at block 0, as in FRAME.
import type { Store } from '../../frame/declare/storage.js'
import { incProviders, storeAccountData, type EventSink } from '../system/accounts.js'
import { depositEvent } from '../system/block.js'
import { parseAccountId } from '../system/lookup.js'
import { defaultAccountData } from '../system/types.js'
import { Balances, EXISTENTIAL_DEPOSIT } from './pallet.js'

export interface BalancesGenesis { balances?: [unknown, bigint | number | string][] }

export function balancesGenesis(s: Store, config: BalancesGenesis): void {
  const entries = (config.balances ?? []).map(([who, amount]) => [parseAccountId(who), BigInt(amount)] as const)
  let total = 0n
  for (const [, amount] of entries) {
    if (amount < EXISTENTIAL_DEPOSIT) throw new Error('the balance of any account should always be at least the existential deposit.')
    total += amount
  }
  if (new Set(entries.map(([w]) => Buffer.from(w).toString('hex'))).size !== entries.length) throw new Error('duplicate balances in genesis.')
  Balances.TotalIssuance.set(s, total)
  const sink: EventSink = { depositEvent: (ev, topics) => depositEvent(s, ev, topics) }
  for (const [who, free] of entries) {
    incProviders(s, sink, who)
    storeAccountData(s, who, { ...defaultAccountData(), free })
  }
}

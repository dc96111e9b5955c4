// Balances (index 5, pallet_balances): declaration plus the balance operations other pallets use.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import './calls.js'
import { balancesGenesis, type BalancesGenesis } from './genesis.js'
import { balances } from './pallet.js'

balances.genesis = (s, config) => balancesGenesis(s, (config ?? {}) as BalancesGenesis)

let decl: PalletDecl | null = null
export function balancesPallet(): PalletDecl {
  return (decl ??= balances.decl())
}

export { Balances, BalancesEvents, BalancesErrors, EXISTENTIAL_DEPOSIT, MAX_LOCKS, MAX_RESERVES, MAX_FREEZES } from './pallet.js'
export * from './account.js'
export * from './fungible.js'
export { balancesGenesis, type BalancesGenesis } from './genesis.js'
export * from './types.js'
export { BalancesWeights } from './weights.js'

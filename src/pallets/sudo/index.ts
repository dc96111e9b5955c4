// Sudo (index 12, pallet_sudo).
import type { PalletDecl } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { parseAccountId } from '../system/lookup.js'
import { ensureSudo } from './calls.js'
import { sudo, Sudo } from './pallet.js'

export interface SudoGenesis { key?: unknown }
sudo.genesis = (s, config) => {
  const key = (config as SudoGenesis | undefined)?.key
  if (key !== undefined && key !== null) Sudo.Key.set(s, parseAccountId(key))
}

let decl: PalletDecl | null = null
export function sudoPallet(): PalletDecl {
  return (decl ??= sudo.decl())
}

export { ensureSudo }
export { Sudo, SudoEvents, SudoErrors, DispatchResult, dispatchResultOf, type DispatchResultValue } from './pallet.js'
export { SudoWeights } from './weights.js'
export const sudoKey = (s: Store): Uint8Array | null => Sudo.Key.get(s)

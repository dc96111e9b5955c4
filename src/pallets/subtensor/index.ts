// SubtensorModule (index 7, pallet_subtensor): declared empty here; its storage, calls, events and
// errors are added by the subtensor pallet's own modules.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { Pallet } from '../../frame/declare/pallet.js'

export const subtensorModule = new Pallet('SubtensorModule', 7, 'pallet_subtensor')

let decl: PalletDecl | null = null
export function subtensorPallet(): PalletDecl {
  return (decl ??= subtensorModule.decl())
}

// AdminUtils (index 19, pallet_admin_utils): declared empty here; the hyperparameter setters are
// added by the admin-utils modules.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { Pallet } from '../../frame/declare/pallet.js'

export const adminUtils = new Pallet('AdminUtils', 19, 'pallet_admin_utils')

let decl: PalletDecl | null = null
export function adminUtilsPallet(): PalletDecl {
  return (decl ??= adminUtils.decl())
}

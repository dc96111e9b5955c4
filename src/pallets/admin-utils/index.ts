// AdminUtils (index 19, pallet_admin_utils): every hyperparameter setter declared with its real
// index, arguments and weight (calls.ts); behaviour is given through `implement`.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import './calls.js'
import './setters.js'
import './subnet-setters.js'
import './consensus.js'
import './nominations.js'
import { adminUtils } from './pallet.js'

let decl: PalletDecl | null = null
export function adminUtilsPallet(): PalletDecl {
  return (decl ??= adminUtils.decl())
}

export { adminUtils, AdminUtilsErrors, AdminUtilsEvents, AdminUtilsStorage, PrecompileEnum } from './pallet.js'
export { implement, isImplemented, type AdminUtilsCallArgs } from './calls.js'

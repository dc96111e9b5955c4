// Utility (index 11, subtensor's pallet_subtensor_utility fork of pallet_utility).
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { derivativeAccountId } from './calls.js'
import { utility } from './pallet.js'

let decl: PalletDecl | null = null
export function utilityPallet(): PalletDecl {
  return (decl ??= utility.decl())
}

export { derivativeAccountId }
export { UtilityEvents, UtilityErrors, BATCHED_CALLS_LIMIT } from './pallet.js'
export { noNestingCallFilter, isBatchCall } from './filter.js'
export { OriginCaller, RawOrigin, originOf, type OriginCallerValue } from './types.js'
export { UtilityWeights } from './weights.js'

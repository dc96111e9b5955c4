// SubtensorModule's part of frame_system's DispatchExtension (runtime/src/lib.rs): the checks
// guards/*.rs make at every dispatch of a signed origin, nested ones included. Built so far:
// CheckColdkeySwap, CheckWeights, CheckEvmKeyAssociation.
import type { RuntimeCallValue } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import type { DispatchFailure } from '../../../frame/primitives.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { checkWeights } from '../extensions/check-weights.js'
import { coldkeySwapGuard } from './swap-coldkey.js'
import { checkEvmKeyAssociation } from '../utils/evm.js'

export function subtensorDispatchExtension(s: Store, who: Uint8Array, call: RuntimeCallValue): DispatchFailure | null {
  const refused = coldkeySwapGuard(s, who, call)
  if (refused !== null) return E[refused]()
  return checkWeights(s, who, call) ?? checkEvmKeyAssociation(s, who, call)
}

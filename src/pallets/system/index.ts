// System (index 0, frame_system): the declaration plus the functions the executive drives.
import { encode } from '../../codec/scale.js'
import type { PalletDecl } from '../../runtime/declare/pallet.js'
import { RuntimeVersionTy } from '../../runtime/version.js'
import './calls.js'
import { genesis } from './genesis.js'
import { runtimeVersionValue, setVersionApis, system } from './pallet.js'

system.genesis = (s) => genesis(s)

let decl: PalletDecl | null = null
export function systemPallet(): PalletDecl {
  return (decl ??= system.decl())
}

/**
 * Set the runtime version's `apis` list (`[blake2_64(trait name), version]`, in runtime-API
 * table order) and re-encode the System.Version constant. Call before building metadata; until
 * then Version carries an empty list.
 */
export function setRuntimeApis(list: [Uint8Array, number][]): void {
  setVersionApis(list)
  const c = systemPallet().constants.find((x) => x.name === 'Version')
  if (!c) throw new Error('System.Version constant missing')
  c.value = encode(RuntimeVersionTy, runtimeVersionValue())
}

export { System, SystemEvents, SystemErrors, RUNTIME_VERSION, runtimeVersionValue } from './pallet.js'
export * from './accounts.js'
export * from './block.js'
export { allExtrinsicsLen, consumedWeightWith, noteWeight, reclaimWeight, validateWeight } from './check-weight.js'
export { genesis, HASH69 } from './genesis.js'
export { ensureRoot, ensureSigned } from './calls.js'
export { lookupAddress, addressOf, parseAccountId, type MultiAddressValue } from './lookup.js'
export { RuntimePanic } from './panic.js'
export * from './limits.js'
export * from './types.js'
export { SystemExtensionWeights, SystemWeights } from './weights.js'

// System (index 0, frame_system): the declaration plus the functions the executive drives.
import { encode } from '../../codec/scale.js'
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { RuntimeVersionTy, type RuntimeVersionValue } from '../../frame/version.js'
import './calls.js'
import { genesis } from './genesis.js'
import { runtimeVersionValue, setVersion, system } from './pallet.js'

system.genesis = (s) => genesis(s)

let decl: PalletDecl | null = null
export function systemPallet(): PalletDecl {
  return (decl ??= system.decl())
}

/**
 * Configure the runtime version (frame_system's `Config::Version`, with its `apis` list in
 * runtime-API table order) and re-encode the System.Version constant. The composed runtime calls
 * this before building genesis or metadata.
 */
export function setRuntimeVersion(v: RuntimeVersionValue): void {
  setVersion(v)
  const c = systemPallet().constants.find((x) => x.name === 'Version')
  if (!c) throw new Error('System.Version constant missing')
  c.value = encode(RuntimeVersionTy, runtimeVersionValue())
}

export { System, SystemEvents, SystemErrors, runtimeVersionValue } from './pallet.js'
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

// frame_system's genesis build: the 0x45 (69) placeholder hashes that block 1 replaces, the
// runtime version of the genesis code, `:code` and the ref-count upgrade flags.
import { encode } from '../../codec/scale.js'
import { u32 } from '../../codec/types.js'
import type { Store } from '../../frame/declare/storage.js'
import { CODE_KEY, EXTRINSIC_INDEX_KEY } from './block.js'
import { configuredVersion, System } from './pallet.js'

export const HASH69 = new Uint8Array(32).fill(69)

export function genesis(s: Store): void {
  System.BlockHash.set(s, 0, HASH69)
  System.ParentHash.set(s, HASH69)
  const v = configuredVersion()
  System.LastRuntimeUpgrade.set(s, { spec_version: v.spec_version, spec_name: v.spec_name })
  System.UpgradedToU32RefCount.set(s, true)
  System.UpgradedToTripleRefCount.set(s, true)
  s.set(EXTRINSIC_INDEX_KEY, encode(u32, 0))
  s.set(CODE_KEY, nativeCode())
}

/**
 * frame_system's genesis stores the runtime's wasm under `:code`. This runtime is native, so it
 * stores a blob naming it instead: clients (polkadot-api) tell runtimes apart by the hash of
 * `:code` and cannot follow a chain without one.
 */
export function nativeCode(): Uint8Array {
  const v = configuredVersion()
  return new TextEncoder().encode(`subtensor-emu native runtime ${v.spec_name}/${v.spec_version}.${v.impl_version}.${v.transaction_version}`)
}

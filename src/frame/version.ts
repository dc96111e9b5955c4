// sp_version's RuntimeVersion: the shape that `state_getRuntimeVersion`, `Core_version` and the
// System.Version constant report. The values belong to the composed runtime (runtime/version.ts).
import { blake2_64 } from '../codec/hashing.js'
import { array, composite, f, str, tuple, u8, u32, vec } from '../codec/types.js'

export const RuntimeVersionTy = composite('sp_version::RuntimeVersion', [
  f('spec_name', str, "Cow<'static, str>"),
  f('impl_name', str, "Cow<'static, str>"),
  f('authoring_version', u32, 'u32'),
  f('spec_version', u32, 'u32'),
  f('impl_version', u32, 'u32'),
  f('apis', vec(tuple(array(8, u8), u32)), 'ApisVec'),
  f('transaction_version', u32, 'u32'),
  f('system_version', u8, 'u8'),
])

export interface RuntimeVersionValue {
  spec_name: string
  impl_name: string
  authoring_version: number
  spec_version: number
  impl_version: number
  apis: [Uint8Array, number][]
  transaction_version: number
  system_version: number
}

const encoder = new TextEncoder()
/** A runtime API's id in the version's `apis` list: blake2_64 of the trait name. */
export const apiId = (name: string): Uint8Array => blake2_64(encoder.encode(name))

// The runtime version (sp_version::RuntimeVersion): what `state_getRuntimeVersion`, `Core_version`
// and the System.Version constant all report. The `apis` list is derived from the runtime-API table.
import { blake2_64 } from '../codec/hashing.js'
import { array, composite, f, str, tuple, u8, u32, vec } from '../codec/types.js'
import type { RuntimeApiDecl } from './api/types.js'

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

export const SPEC_NAME = 'node-subtensor'
export const SPEC_VERSION = 425
export const TRANSACTION_VERSION = 1

const encoder = new TextEncoder()
export const apiId = (name: string): Uint8Array => blake2_64(encoder.encode(name))

export const RUNTIME_VERSION: Omit<RuntimeVersionValue, 'apis'> = {
  spec_name: SPEC_NAME,
  impl_name: SPEC_NAME,
  authoring_version: 1,
  spec_version: SPEC_VERSION,
  impl_version: 1,
  transaction_version: TRANSACTION_VERSION,
  system_version: 1,
}

export function runtimeVersion(apis: RuntimeApiDecl[]): RuntimeVersionValue {
  return { ...RUNTIME_VERSION, apis: apis.map((a) => [apiId(a.name), a.version]) }
}

// The runtime version of this runtime (spec 425). The `apis` list is derived from the runtime-API
// table; the type lives in frame/version.ts.
import { apiId, type RuntimeVersionValue } from '../frame/version.js'
import type { RuntimeApiDecl } from './api/types.js'

export { apiId, RuntimeVersionTy, type RuntimeVersionValue } from '../frame/version.js'

export const SPEC_NAME = 'node-subtensor'
export const SPEC_VERSION = 425
export const TRANSACTION_VERSION = 1

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

// The runtime's OriginCaller, the `as_origin` argument of dispatch_as. Subtensor's origins are
// frame_system's RawOrigin (index 0) and Frontier's pallet_ethereum origin (index 21).
import { array, composite, u8, variant } from '../../codec/types.js'
import { RUNTIME_CRATE } from '../../frame/outer.js'
import { AccountId32, type Origin } from '../../frame/primitives.js'

export const RawOrigin = variant('frame_support::dispatch::RawOrigin', [
  { name: 'Root', index: 0, fields: [] },
  { name: 'Signed', index: 1, fields: [{ type: AccountId32, typeName: 'AccountId' }] },
  { name: 'None', index: 2, fields: [] },
  { name: 'Authorized', index: 3, fields: [] },
], { params: [{ name: 'AccountId', type: AccountId32 }] })

export const H160 = composite('primitive_types::H160', [{ type: array(20, u8), typeName: '[u8; 20]' }])
export const EthereumRawOrigin = variant('pallet_ethereum::RawOrigin', [
  { name: 'EthereumTransaction', index: 0, fields: [{ type: H160, typeName: 'H160' }] },
])

export const OriginCaller = variant(`${RUNTIME_CRATE}::OriginCaller`, [
  { name: 'system', index: 0, fields: [{ type: RawOrigin, typeName: 'frame_system::Origin<Runtime>' }] },
  { name: 'Ethereum', index: 21, fields: [{ type: EthereumRawOrigin, typeName: 'pallet_ethereum::Origin' }] },
])

export type OriginCallerValue =
  | { type: 'system'; value: { type: 'Root' | 'None' | 'Authorized' } | { type: 'Signed'; value: Uint8Array } }
  | { type: 'Ethereum'; value: { type: 'EthereumTransaction'; value: Uint8Array } }

/**
 * The dispatch origin for an OriginCaller, or null for origins this runtime cannot dispatch with
 * (`Authorized`, Ethereum): no call of the runtime accepts them, so the result is BadOrigin.
 */
export function originOf(o: OriginCallerValue): Origin | null {
  if (o.type !== 'system') return null
  const v = o.value
  if (v.type === 'Root') return { kind: 'Root' }
  if (v.type === 'None') return { kind: 'None' }
  if (v.type === 'Signed') return { kind: 'Signed', who: v.value }
  return null
}

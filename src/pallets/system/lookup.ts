// frame_system::Config::Lookup = AccountIdLookup<AccountId, ()>: only MultiAddress::Id resolves;
// every other variant is a lookup failure (DispatchError::CannotLookup).
import { decodeAddress } from '@polkadot/util-crypto'
import { DispatchFailure } from '../../frame/primitives.js'

export type MultiAddressValue = { type: string; value?: unknown }

export function lookupAddress(addr: MultiAddressValue): Uint8Array {
  if (addr.type === 'Id' && addr.value instanceof Uint8Array && addr.value.length === 32) return addr.value
  throw new DispatchFailure({ type: 'CannotLookup' })
}

export const addressOf = (who: Uint8Array): MultiAddressValue => ({ type: 'Id', value: who })

/** An AccountId32 from genesis JSON: SS58 text, 0x-hex or raw bytes. */
export function parseAccountId(x: unknown): Uint8Array {
  const out = x instanceof Uint8Array ? x : typeof x === 'string' ? decodeAddress(x) : null
  if (!out || out.length !== 32) throw new Error(`not a 32-byte account id: ${String(x)}`)
  return out
}

// A field of a small struct value (a fixed-point newtype's bits, the balancer's quote weight) that
// a pallet reads for every subnet every block. The accessor decodes such a struct afresh on
// every read (its decoding is an object, so it is not handed out twice); a reader here keeps the
// field per netuid with the stored bytes it came from and decodes again only when those bytes
// changed. State hands out the same bytes object while a value stands and never changes stored
// bytes in place (stored-memo.ts relies on the same), so identity is enough.
import type { StorageMap, Store } from './storage.js'
import { keyString } from '../../storage/kv.js'

/**
 * `field` of the value `item` holds at a netuid, as `item.get` would give it; `absent` instead
 * when the key holds nothing, when given (a caller that must tell a stored default from none).
 */
export function storedField<V, F>(item: StorageMap<number, V>, field: (v: V) => F, absent?: F): (s: Store, netuid: number) => F {
  const keys: Uint8Array[] = []
  const keyStrings: string[] = []
  // (undefined: nothing kept yet; null: the key was absent, so the default's field is kept)
  const raws: (Uint8Array | null | undefined)[] = []
  const fields: F[] = []
  return (s, netuid) => {
    let key = keys[netuid]
    if (key === undefined) {
      key = keys[netuid] = item.key(netuid)
      keyStrings[netuid] = keyString(key)
    }
    const raw = s.get(key, keyStrings[netuid])
    const kept = raws[netuid]
    if (kept !== undefined && raw === kept) return fields[netuid]!
    const v = raw === null && absent !== undefined ? absent : field(item.get(s, netuid))
    raws[netuid] = raw
    fields[netuid] = v
    return v
  }
}

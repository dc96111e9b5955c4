// Values a pallet works out from a few storage items every block (the block author from the Digest
// and the authorities, a decoded configuration) while those items hardly ever change: kept with the
// stored bytes they came from and worked out again only when any of those bytes changed. State
// reads hand out the same bytes object while a value stands, and stored bytes are never changed in
// place (storage-item.ts relies on that too), so an unchanged item is usually recognised by identity.
import { sameBytes } from '../../codec/bytes.js'
import type { Store } from './storage.js'

/**
 * `derive`, memoised on the bytes stored at `keys` (lazily listed: storage keys of items declared
 * later). `derive` must read nothing but those keys, and its result is shared: read it only.
 */
export function memoOnStored<T>(keys: () => Uint8Array[], derive: (s: Store) => T): (s: Store) => T {
  let at: Uint8Array[] | null = null
  let last: { raws: (Uint8Array | null)[]; value: T } | null = null
  return (s) => {
    const ks = (at ??= keys())
    if (last !== null && unchanged(s, ks, last.raws)) return last.value
    last = { raws: ks.map((k) => s.get(k)), value: derive(s) }
    return last.value
  }
}

/** Whether every key still holds the bytes in `raws` (no array made per call: this runs per block or per extrinsic). */
function unchanged(s: Store, keys: Uint8Array[], raws: (Uint8Array | null)[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const a = s.get(keys[i]!)
    const b = raws[i] ?? null
    if (a !== b && (a === null || b === null || !sameBytes(a, b))) return false
  }
  return true
}

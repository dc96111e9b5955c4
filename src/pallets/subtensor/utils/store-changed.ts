// The per-block hooks rewrite many keys with the value they already hold (counters reset to 0,
// emissions that repeat): these inserts skip such writes (StorageMap.setIfChanged), for the value
// shapes the hooks write. Values here are fixed-width (integers, bools, fixed point, vectors of
// them): equal values, equal bytes.
import type { StorageMap, Store } from '../../../frame/declare/storage.js'
import { mapped } from './mapped.js'

/** `map.insert(k, v)` for a value that decodes to a primitive (fixed-width integer, bool). */
export function insertIfChanged<K, V extends bigint | number | boolean>(s: Store, map: StorageMap<K, V>, k: K, v: V): void {
  map.setIfChanged(s, k, v)
}

/** insertIfChanged for a fixed-point value stored as `{ bits }`. */
export function insertBitsIfChanged<K>(s: Store, map: StorageMap<K, { bits: bigint }>, k: K, bits: bigint): void {
  map.setIfChanged(s, k, { bits }, sameBits)
}

/**
 * insertIfChanged for the vector of `pick` of each item (per-uid terms): the stored vector is
 * compared with the items in place, and the vector is made only when it is written (most epochs
 * leave most of their term vectors as they were).
 */
export function insertVecIfChanged<K, I, T extends bigint | number | boolean>(s: Store, map: StorageMap<K, T[]>, k: K, items: readonly I[], pick: (x: I) => T): void {
  // (one read: an absent key is written even when the items are none, as the chain stores it)
  const held = map.tryGetLent(s, k)
  if (held !== null) {
    let same = held.length === items.length
    for (let i = 0; same && i < items.length; i++) same = held[i] === pick(items[i] as I)
    if (same) return
  }
  map.set(s, k, mapped(items, pick))
}

function sameBits(a: { bits: bigint }, b: { bits: bigint }): boolean { return a.bits === b.bits }

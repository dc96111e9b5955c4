// The per-block hooks rewrite many keys with the value they already hold (counters reset to 0,
// emissions that repeat): these inserts skip such writes (StorageMap.setIfChanged), for the value
// shapes the hooks write. Values here are fixed-width (integers, bools, fixed point, vectors of
// them): equal values, equal bytes.
import type { StorageMap, Store } from '../../../frame/declare/storage.js'

/** `map.insert(k, v)` for a value that decodes to a primitive (fixed-width integer, bool). */
export function insertIfChanged<K, V extends bigint | number | boolean>(s: Store, map: StorageMap<K, V>, k: K, v: V): void {
  map.setIfChanged(s, k, v)
}

/** insertIfChanged for a fixed-point value stored as `{ bits }`. */
export function insertBitsIfChanged<K>(s: Store, map: StorageMap<K, { bits: bigint }>, k: K, bits: bigint): void {
  map.setIfChanged(s, k, { bits }, sameBits)
}

/** insertIfChanged for a vector of primitives (per-uid terms). */
export function insertVecIfChanged<K, T extends bigint | number | boolean>(s: Store, map: StorageMap<K, T[]>, k: K, v: readonly T[]): void {
  map.setIfChanged(s, k, v as T[], sameItems)
}

function sameBits(a: { bits: bigint }, b: { bits: bigint }): boolean { return a.bits === b.bits }

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

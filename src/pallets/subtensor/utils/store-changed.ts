// A write of the bytes a key already holds leaves the state as it was (the trie, the state root and
// every RPC diff compare values), but costs an overlay write, a compare in the state-root step and
// a state-cache update. The per-block hooks rewrite many such keys (counters reset to 0, emissions
// that repeat); these skip the write then. An absent key is not a stored default: writing the
// default where nothing is stored changes the state, so that write is kept.
import type { StorageMap, Store } from '../../../frame/declare/storage.js'

/** `map.insert(k, v)` for a value that decodes to a primitive (fixed-width integer, bool). */
export function insertIfChanged<K, V extends bigint | number | boolean>(s: Store, map: StorageMap<K, V>, k: K, v: V): void {
  if (map.get(s, k) === v && map.contains(s, k)) return
  map.set(s, k, v)
}

/** insertIfChanged for a fixed-point value stored as `{ bits }`. */
export function insertBitsIfChanged<K>(s: Store, map: StorageMap<K, { bits: bigint }>, k: K, bits: bigint): void {
  if (map.get(s, k).bits === bits && map.contains(s, k)) return
  map.set(s, k, { bits })
}

/** insertIfChanged for a vector of primitives (per-uid terms). */
export function insertVecIfChanged<K, T extends bigint | number | boolean>(s: Store, map: StorageMap<K, T[]>, k: K, v: readonly T[]): void {
  if (sameItems(map.get(s, k), v) && map.contains(s, k)) return
  map.set(s, k, v as T[])
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

// A write of the bytes a key already holds leaves the state as it was (the trie, the state root and
// every RPC diff compare values), but costs an overlay write, a compare in the state-root step and
// a state-cache update. The per-block hooks rewrite many such keys (counters reset to 0, emissions
// that repeat); these skip the write then. An absent key is not a stored default: writing the
// default where nothing is stored changes the state, so that write is kept. Values here are
// fixed-width (integers, bools, fixed point, vectors of them): equal values, equal bytes.
import { decode } from '../../../codec/scale.js'
import type { StorageMap, Store } from '../../../frame/declare/storage.js'

/** What a read of an absent key returns, per item (decoded once). */
const defaults = new WeakMap<object, { v: unknown }>()
function defaultOf(map: StorageMap<never, unknown>): unknown {
  let d = defaults.get(map)
  if (d === undefined) defaults.set(map, d = { v: map.decl.modifier === 'Default' ? decode(map.decl.value, map.decl.fallback) : null })
  return d.v
}

/**
 * Whether `k` holds the value a read of it equalled, given whether that value equals the item's
 * default (`isDefault`): a read equal to anything but the default comes from a stored value; one
 * equal to the default may be an absent key. (Flags, not callbacks: no closure per call.)
 */
function holds<K>(s: Store, map: StorageMap<K, unknown>, k: K, isDefault: boolean): boolean {
  return !isDefault || map.contains(s, k)
}

/** `map.insert(k, v)` for a value that decodes to a primitive (fixed-width integer, bool). */
export function insertIfChanged<K, V extends bigint | number | boolean>(s: Store, map: StorageMap<K, V>, k: K, v: V): void {
  if (map.get(s, k) === v && holds(s, map, k, defaultOf(map as StorageMap<never, unknown>) === v)) return
  map.set(s, k, v)
}

/** insertIfChanged for a fixed-point value stored as `{ bits }`. */
export function insertBitsIfChanged<K>(s: Store, map: StorageMap<K, { bits: bigint }>, k: K, bits: bigint): void {
  if (map.get(s, k).bits === bits && holds(s, map, k, (defaultOf(map as StorageMap<never, unknown>) as { bits: bigint }).bits === bits)) return
  map.set(s, k, { bits })
}

/** insertIfChanged for a vector of primitives (per-uid terms). */
export function insertVecIfChanged<K, T extends bigint | number | boolean>(s: Store, map: StorageMap<K, T[]>, k: K, v: readonly T[]): void {
  if (sameItems(map.get(s, k), v) && holds(s, map, k, sameItems(defaultOf(map as StorageMap<never, unknown>) as T[], v))) return
  map.set(s, k, v as T[])
}

function sameItems<T>(a: readonly T[] | null, b: readonly T[]): boolean {
  if (a === null || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

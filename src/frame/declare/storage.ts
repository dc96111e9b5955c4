// Storage item declarations and the typed accessors derived from them. A declaration carries
// exactly what metadata needs (name, modifier, hashers, key and value types, default) and the
// accessor computes keys and SCALE values from the same objects, so the two cannot drift apart.
// The other modules import them from here; the parts live next to it: key-ref.ts (the ref kept
// per key), storage-item.ts (what every item shares) and storage-accessors.ts (the kinds).
import { codecOf, Writer } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'

export { StorageDoubleMap, StorageMap, StorageNMap, StorageValue } from './storage-accessors.js'
export type { StorageItemDecl, Store } from './storage-item.js'

/** Encode a JS default for a declaration's fallback bytes. Optional items fall back to `0x00`-free empty bytes. */
export function fallbackBytes(value: Ty, modifier: 'Default' | 'Optional', dflt: unknown): Uint8Array {
  if (modifier === 'Optional') return new Uint8Array([0])
  const w = new Writer()
  codecOf(value).enc(w, dflt)
  return w.finish()
}

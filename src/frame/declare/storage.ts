// Storage item declarations and the typed accessors derived from them. A declaration carries
// exactly what metadata needs (name, modifier, hashers, key and value types, default) and the
// accessor computes keys and SCALE values from the same objects, so the two cannot drift apart.
import { hashKey, hasherPrefixLength, storagePrefix, type Hasher } from '../../codec/hashing.js'
import { codecOf, decode, encode, Reader, Writer } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'
import { keyString } from '../../storage/kv.js'
import type { Overlay } from '../../storage/overlay.js'

export interface StorageItemDecl {
  pallet: string
  name: string
  modifier: 'Default' | 'Optional'
  hashers: Hasher[]
  keys: Ty[]
  value: Ty
  /** SCALE bytes returned for an absent key (metadata `fallback`); for Optional items the type's zero encoding. */
  fallback: Uint8Array
  docs: string[]
}

const KEY_CACHE_SIZE = 8192

/** Read/write access to state as the runtime sees it. */
export type Store = Overlay

abstract class Item<V, R> {
  readonly prefix: Uint8Array
  protected readonly defaultValue: V | null

  constructor(readonly decl: StorageItemDecl, defaultValue: V | null) {
    this.prefix = storagePrefix(decl.pallet, decl.name)
    this.defaultValue = defaultValue
  }

  /** Hashed keys by their encoded form: hot accounts and netuids are hashed once, not per access. */
  private readonly keyCache = new Map<string, Uint8Array>()

  protected keyOf(keys: unknown[]): Uint8Array {
    if (keys.length === 0) return this.prefix
    if (keys.length === 1) {
      const enc = encode(this.decl.keys[0]!, keys[0])
      const ks = keyString(enc)
      let full = this.keyCache.get(ks)
      if (!full) {
        const h = hashKey(this.decl.hashers[0]!, enc)
        full = new Uint8Array(this.prefix.length + h.length)
        full.set(this.prefix)
        full.set(h, this.prefix.length)
        if (this.keyCache.size >= KEY_CACHE_SIZE) this.keyCache.clear()
        this.keyCache.set(ks, full)
      }
      return full
    }
    // Several keys: cached by their concatenated SCALE encodings (self-delimiting, so unambiguous).
    const encs = keys.map((k, i) => encode(this.decl.keys[i]!, k))
    const ks = encs.map(keyString).join('')
    const cached = this.keyCache.get(ks)
    if (cached) return cached
    const parts: Uint8Array[] = [this.prefix]
    let len = this.prefix.length
    for (let i = 0; i < keys.length; i++) {
      const h = hashKey(this.decl.hashers[i]!, encs[i]!)
      parts.push(h)
      len += h.length
    }
    const out = new Uint8Array(len)
    let off = 0
    for (const p of parts) { out.set(p, off); off += p.length }
    if (this.keyCache.size >= KEY_CACHE_SIZE) this.keyCache.clear()
    this.keyCache.set(ks, out)
    return out
  }

  protected read(s: Store, key: Uint8Array): R {
    const raw = s.get(key)
    if (raw === null) return (this.decl.modifier === 'Default' ? this.cloneDefault() : null) as R
    return decode<V>(this.decl.value, raw) as unknown as R
  }

  protected write(s: Store, key: Uint8Array, v: V): void { s.set(key, encode(this.decl.value, v)) }

  private cloneDefault(): V {
    // Defaults may be objects; hand out a fresh decode so callers can mutate freely.
    return decode<V>(this.decl.value, this.decl.fallback)
  }

  /** Decode the map keys that follow the prefix; only possible for transparent hashers. */
  protected decodeKeys(fullKey: Uint8Array, count: number): unknown[] {
    const r = new Reader(fullKey)
    r.pos = this.prefix.length
    const out: unknown[] = []
    for (let i = 0; i < count; i++) {
      const skip = hasherPrefixLength(this.decl.hashers[i]!)
      if (skip === null) throw new Error(`${this.decl.name}: hasher ${this.decl.hashers[i]} is not reversible`)
      r.pos += skip
      out.push(codecOf(this.decl.keys[i]!).dec(r))
    }
    return out
  }
}

export class StorageValue<V, R = V> extends Item<V, R> {
  key(): Uint8Array { return this.prefix }
  get(s: Store): R { return this.read(s, this.prefix) }
  set(s: Store, v: V): void { this.write(s, this.prefix, v) }
  kill(s: Store): void { s.remove(this.prefix) }
  exists(s: Store): boolean { return s.exists(this.prefix) }
  mutate(s: Store, fn: (v: R) => V): V { const v = fn(this.get(s)); this.set(s, v); return v }
}

export class StorageMap<K, V, R = V> extends Item<V, R> {
  key(k: K): Uint8Array { return this.keyOf([k]) }
  get(s: Store, k: K): R { return this.read(s, this.keyOf([k])) }
  set(s: Store, k: K, v: V): void { this.write(s, this.keyOf([k]), v) }
  remove(s: Store, k: K): void { s.remove(this.keyOf([k])) }
  contains(s: Store, k: K): boolean { return s.exists(this.keyOf([k])) }
  mutate(s: Store, k: K, fn: (v: R) => V): V { const v = fn(this.get(s, k)); this.set(s, k, v); return v }
  /** Entries in storage-key order (hashed order, as the chain iterates them). */
  *iter(s: Store): Generator<[K, V]> {
    for (const key of s.keys(this.prefix)) {
      const [k] = this.decodeKeys(key, 1)
      yield [k as K, decode<V>(this.decl.value, s.get(key)!)]
    }
  }
  *iterKeys(s: Store): Generator<K> { for (const key of s.keys(this.prefix)) yield this.decodeKeys(key, 1)[0] as K }
  clear(s: Store, limit?: number): number { return s.clearPrefix(this.prefix, limit) }
}

export class StorageDoubleMap<K1, K2, V, R = V> extends Item<V, R> {
  key(k1: K1, k2: K2): Uint8Array { return this.keyOf([k1, k2]) }
  get(s: Store, k1: K1, k2: K2): R { return this.read(s, this.keyOf([k1, k2])) }
  set(s: Store, k1: K1, k2: K2, v: V): void { this.write(s, this.keyOf([k1, k2]), v) }
  remove(s: Store, k1: K1, k2: K2): void { s.remove(this.keyOf([k1, k2])) }
  contains(s: Store, k1: K1, k2: K2): boolean { return s.exists(this.keyOf([k1, k2])) }
  mutate(s: Store, k1: K1, k2: K2, fn: (v: R) => V): V { const v = fn(this.get(s, k1, k2)); this.set(s, k1, k2, v); return v }
  *iter(s: Store): Generator<[K1, K2, V]> {
    for (const key of s.keys(this.prefix)) {
      const [a, b] = this.decodeKeys(key, 2)
      yield [a as K1, b as K2, decode<V>(this.decl.value, s.get(key)!)]
    }
  }
  /** Rows under the first key (`iter_prefix`), in storage-key order. */
  *iterPrefix(s: Store, k1: K1): Generator<[K2, V]> {
    for (const key of s.keys(this.keyOf([k1]))) {
      const [, b] = this.decodeKeys(key, 2)
      yield [b as K2, decode<V>(this.decl.value, s.get(key)!)]
    }
  }
  clearPrefix(s: Store, k1: K1, limit?: number): number { return s.clearPrefix(this.keyOf([k1]), limit) }
  clear(s: Store, limit?: number): number { return s.clearPrefix(this.prefix, limit) }
}

export class StorageNMap<K extends unknown[], V, R = V> extends Item<V, R> {
  key(...k: K): Uint8Array { return this.keyOf(k) }
  get(s: Store, ...k: K): R { return this.read(s, this.keyOf(k)) }
  set(s: Store, k: K, v: V): void { this.write(s, this.keyOf(k), v) }
  remove(s: Store, ...k: K): void { s.remove(this.keyOf(k)) }
  contains(s: Store, ...k: K): boolean { return s.exists(this.keyOf(k)) }
  *iter(s: Store): Generator<[K, V]> {
    for (const key of s.keys(this.prefix)) {
      yield [this.decodeKeys(key, this.decl.keys.length) as K, decode<V>(this.decl.value, s.get(key)!)]
    }
  }
  /** Rows whose leading keys equal `partial`. */
  *iterPrefix(s: Store, ...partial: unknown[]): Generator<[K, V]> {
    for (const key of s.keys(this.keyOf(partial))) {
      yield [this.decodeKeys(key, this.decl.keys.length) as K, decode<V>(this.decl.value, s.get(key)!)]
    }
  }
  clearPrefix(s: Store, ...partial: unknown[]): number { return s.clearPrefix(this.keyOf(partial)) }
}

/** Encode a JS default for a declaration's fallback bytes. Optional items fall back to `0x00`-free empty bytes. */
export function fallbackBytes(value: Ty, modifier: 'Default' | 'Optional', dflt: unknown): Uint8Array {
  if (modifier === 'Optional') return new Uint8Array([0])
  const w = new Writer()
  codecOf(value).enc(w, dflt)
  return w.finish()
}

// The kinds of storage item a pallet declares, FRAME's StorageValue, StorageMap, StorageDoubleMap
// and StorageNMap: each turns its key arguments into the shared Item's refs (storage-item.ts), so
// the kinds differ in what they take and iterate, not in how they read or write state.
import { encode, Reader, readCompactNumber } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'
import type { AppendedItem } from '../../storage/appended-vec.js'
import { fixedWidth } from './key-shapes.js'
import { Item, type Store } from './storage-item.js'

export class StorageValue<V, R = V> extends Item<V, R> {
  key(): Uint8Array { return this.prefix }
  get(s: Store): R { return this.read(s, this.prefixRef) }
  set(s: Store, v: V): void { this.write(s, this.prefixRef, v) }
  kill(s: Store): void { this.removeKey(s, this.prefixRef) }
  exists(s: Store): boolean { return this.has(s, this.prefixRef) }
  mutate(s: Store, fn: (v: R) => V): V { return this.mutateAt(s, this.prefixRef, fn) }
  /** The stored bytes as they are (null when absent), for a caller that takes them whole (an event record's phase). */
  raw(s: Store): Uint8Array | null { return s.read(this.prefixRef) }
  /** Append one encoded element (or its parts in order) to the stored Vec through the store's `append` (nothing decoded or re-encoded). */
  appendEncoded(s: Store, item: AppendedItem): void { s.append(this.prefix, item, this.prefixRef.ks) }
}

export class StorageMap<K, V, R = V> extends Item<V, R> {
  key(k: K): Uint8Array { return this.keyRef1(k).key }
  get(s: Store, k: K): R { return this.read(s, this.keyRef1(k)) }
  set(s: Store, k: K, v: V): void { this.write(s, this.keyRef1(k), v) }
  remove(s: Store, k: K): void { this.removeKey(s, this.keyRef1(k)) }
  contains(s: Store, k: K): boolean { return this.has(s, this.keyRef1(k)) }
  /** set() unless `k` holds a value equal to `v` by `same` (default: the same primitive). */
  setIfChanged(s: Store, k: K, v: V, same: (held: V, v: V) => boolean = Object.is): void { this.writeUnlessSame(s, this.keyRef1(k), v, same) }
  /** `pick` of the value at `k` without decoding or copying it again while its stored bytes stand; `pick` only reads the value. */
  getPart<F>(s: Store, k: K, pick: (v: V) => F): F { return this.readPart(s, this.keyRef1(k), pick) }
  /** The value at `k` as kept (the same object while its stored bytes stand): for readers that never write into it. */
  getLent(s: Store, k: K): V { return this.readPart(s, this.keyRef1(k), lent) }
  /** getLent, or null when `k` is absent (one read for what get() and contains() tell). */
  tryGetLent(s: Store, k: K): V | null { return this.readLentOrNull(s, this.keyRef1(k)) }
  mutate(s: Store, k: K, fn: (v: R) => V): V { return this.mutateAt(s, this.keyRef1(k), fn) }
  /**
   * `mutate(k, v => [...v, x])` for a Vec of fixed-width elements, through the store's own
   * `append` (Substrate's: the element joins the encoded Vec, nothing decoded or re-encoded) when
   * the stored bytes are such a vector. Anything else (or bytes that are not such a vector) goes
   * through `mutate`, with its decoding and errors.
   */
  append(s: Store, k: K, x: unknown): void {
    const ref = this.keyRef1(k)
    const width = this.elementWidth
    // (an absent key appends onto an empty Vec: only right when that is the item's default)
    const raw = width > 0 ? (s.read(ref) ?? (this.decl.fallback.length === 1 && this.decl.fallback[0] === 0 ? this.decl.fallback : null)) : null
    if (raw !== null) {
      const r = new Reader(raw)
      const len = readCompactNumber(r)
      if (raw.length - r.pos === len * width) {
        s.append(ref.key, encode((this.decl.value.def as { of: Ty }).of, x), ref.ks)
        return
      }
    }
    this.mutate(s, k, (v) => [...(v as unknown[]), x] as V)
  }
  private get elementWidth(): number {
    const d = this.decl.value.def
    return d.tag === 'sequence' && this.decl.modifier === 'Default' ? fixedWidth(d.of) : 0
  }
  /** Entries in storage-key order (hashed order, as the chain iterates them). */
  *iter(s: Store): Generator<[K, V]> {
    for (const ks of s.keyStrings(this.prefix, undefined, this.prefixRef.ks)) {
      const k = this.nextKey(this.keysAt(ks), 0) as K
      yield [k, this.decodeValue(s.getString(ks)!)]
    }
  }
  *iterKeys(s: Store): Generator<K> { for (const ks of s.keyStrings(this.prefix, undefined, this.prefixRef.ks)) yield this.nextKey(this.keysAt(ks), 0) as K }
  /**
   * iterKeys as an array, shared: read it only. Kept with the listing it was decoded from while
   * the store hands out that same listing array (a state cache's listing of keys the block has not
   * written under this prefix, which is never changed once handed out): NetworksAdded, listed every
   * block, decodes its keys again only when a network comes or goes.
   */
  keyList(s: Store): readonly K[] {
    const listed = s.keyStrings(this.prefix, undefined, this.prefixRef.ks)
    const kept = this.keptKeys
    if (kept !== null && kept.listed === listed) return kept.keys
    const keys: K[] = []
    for (const ks of listed) keys.push(this.nextKey(this.keysAt(ks), 0) as K)
    this.keptKeys = Array.isArray(listed) ? { listed, keys } : null
    return keys
  }
  private keptKeys: { listed: Iterable<string>; keys: readonly K[] } | null = null
  clear(s: Store, limit?: number): number { return s.clearPrefix(this.prefix, limit) }
}

export class StorageDoubleMap<K1, K2, V, R = V> extends Item<V, R> {
  key(k1: K1, k2: K2): Uint8Array { return this.keyRef2(k1, k2).key }
  get(s: Store, k1: K1, k2: K2): R { return this.read(s, this.keyRef2(k1, k2)) }
  set(s: Store, k1: K1, k2: K2, v: V): void { this.write(s, this.keyRef2(k1, k2), v) }
  remove(s: Store, k1: K1, k2: K2): void { this.removeKey(s, this.keyRef2(k1, k2)) }
  contains(s: Store, k1: K1, k2: K2): boolean { return this.has(s, this.keyRef2(k1, k2)) }
  mutate(s: Store, k1: K1, k2: K2, fn: (v: R) => V): V { return this.mutateAt(s, this.keyRef2(k1, k2), fn) }
  /** The value at (k1, k2) as kept (the same object while its stored bytes stand): for readers that never write into it. */
  getLent(s: Store, k1: K1, k2: K2): V { return this.readPart(s, this.keyRef2(k1, k2), lent) }
  /** getLent, or null when (k1, k2) is absent (one read for what get() and contains() tell). */
  tryGetLent(s: Store, k1: K1, k2: K2): V | null { return this.readLentOrNull(s, this.keyRef2(k1, k2)) }
  /**
   * The stored bytes at (k1, k2) as they are (null when absent), for a caller that reads them
   * itself (the epoch's Weights and Bonds rows): read through the key's ref, as get() reads.
   */
  raw(s: Store, k1: K1, k2: K2): Uint8Array | null { return s.read(this.keyRef2(k1, k2)) }
  /** Store `raw`, which the caller vouches is a SCALE encoding of a value of this item, at (k1, k2). */
  setRaw(s: Store, k1: K1, k2: K2, raw: Uint8Array): void { s.setRef(this.keyRef2(k1, k2), raw) }
  *iter(s: Store): Generator<[K1, K2, V]> {
    for (const ks of s.keyStrings(this.prefix, undefined, this.prefixRef.ks)) {
      const r = this.keysAt(ks)
      const a = this.nextKey(r, 0) as K1
      const b = this.nextKey(r, 1) as K2
      yield [a, b, this.decodeValue(s.getString(ks)!)]
    }
  }
  /** Rows under the first key (`iter_prefix`), in storage-key order. */
  iterPrefix(s: Store, k1: K1): Generator<[K2, V]> { return this.prefixRows(s, k1, false) }
  /**
   * iterPrefix with each value lent (the same object while its stored bytes stand, as getLent):
   * for readers that never write into the values. A row read every tempo (a Keys row's hotkey)
   * is then one object across tempos, and what is kept for it (its key string) is kept too.
   */
  iterPrefixLent(s: Store, k1: K1): Generator<[K2, V]> { return this.prefixRows(s, k1, true) }
  private *prefixRows(s: Store, k1: K1, lentValues: boolean): Generator<[K2, V]> {
    const ref = this.keyRef1(k1)
    for (const ks of s.keyStrings(ref.key, undefined, ref.ks)) {
      const r = this.keysAt(ks)
      this.nextKey(r, 0)
      const b = this.nextKey(r, 1) as K2
      yield [b, lentValues ? this.readPart(s, this.keyRef2(k1, b), lent) : this.decodeValue(s.getString(ks)!)]
    }
  }
  /** Whether any row is under the first key (stops at the first; nothing decoded). */
  hasPrefix(s: Store, k1: K1): boolean {
    const ref = this.keyRef1(k1)
    return anyKey(s.keyStrings(ref.key, undefined, ref.ks))
  }
  /** Whether the map holds no row at all (stops at the first; nothing decoded). */
  isEmpty(s: Store): boolean { return !anyKey(s.keyStrings(this.prefix, undefined, this.prefixRef.ks)) }
  /** How many rows are under the first key (nothing decoded). */
  countPrefix(s: Store, k1: K1): number {
    const ref = this.keyRef1(k1)
    let n = 0
    for (const _ of s.keyStrings(ref.key, undefined, ref.ks)) n++
    return n
  }
  clearPrefix(s: Store, k1: K1, limit?: number): number { return s.clearPrefix(this.keyOf([k1]), limit) }
  clear(s: Store, limit?: number): number { return s.clearPrefix(this.prefix, limit) }
}

export class StorageNMap<K extends unknown[], V, R = V> extends Item<V, R> {
  key(...k: K): Uint8Array { return this.keyOf(k) }
  get(s: Store, ...k: K): R { return this.read(s, this.keyRef(k)) }
  set(s: Store, k: K, v: V): void { this.write(s, this.keyRef(k), v) }
  remove(s: Store, ...k: K): void { this.removeKey(s, this.keyRef(k)) }
  contains(s: Store, ...k: K): boolean { return this.has(s, this.keyRef(k)) }
  *iter(s: Store): Generator<[K, V]> {
    for (const ks of s.keyStrings(this.prefix, undefined, this.prefixRef.ks)) yield [this.keysOf(ks), this.decodeValue(s.getString(ks)!)]
  }
  /** Whether any row's leading keys equal `partial` (stops at the first; nothing decoded). */
  hasPrefix(s: Store, ...partial: unknown[]): boolean {
    const ref = this.keyRef(partial)
    return anyKey(s.keyStrings(ref.key, undefined, ref.ks))
  }
  /** Rows whose leading keys equal `partial`. */
  *iterPrefix(s: Store, ...partial: unknown[]): Generator<[K, V]> {
    const ref = this.keyRef(partial)
    for (const ks of s.keyStrings(ref.key, undefined, ref.ks)) yield [this.keysOf(ks), this.decodeValue(s.getString(ks)!)]
  }
  private keysOf(ks: string): K {
    const r = this.keysAt(ks)
    const n = this.decl.keys.length
    const out = new Array<unknown>(n)
    for (let i = 0; i < n; i++) out[i] = this.nextKey(r, i)
    return out as K
  }
  clearPrefix(s: Store, ...partial: unknown[]): number { return s.clearPrefix(this.keyOf(partial)) }
}

const lent = <V>(v: V): V => v

/** Whether a listing of keys yields any (taking the first only). */
function anyKey(keys: Iterable<string>): boolean {
  for (const _ of keys) return true
  return false
}

// Storage item declarations and the typed accessors derived from them. A declaration carries
// exactly what metadata needs (name, modifier, hashers, key and value types, default) and the
// accessor computes keys and SCALE values from the same objects, so the two cannot drift apart.
import { hashKey, hasherPrefixLength, storagePrefix, type Hasher } from '../../codec/hashing.js'
import { codecOf, decodeBy, encode, encodeBy, Reader, readCompactNumber, Writer, type Codec } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'
import { copierOf, decodesImmutable, roundTrips, type Copier } from '../../codec/value-copy.js'
import { keyStringOf } from '../../storage/kept-key-string.js'
import { keyString } from '../../storage/kv.js'
import type { AppendedItem } from '../../storage/appended-vec.js'
import { keyBit, type Overlay, type StorageRef } from '../../storage/overlay.js'
import { fixedEncoder, keptFieldOf, type KeptField } from './fixed-values.js'
import { fixedWidth, smallUintBytes, smallUintString, verbatimLength } from './key-shapes.js'

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
/** Decodings of mutable values (objects, arrays) are kept for stored values up to this size. */
const KEEP_DECODED_MAX = 1024
/** KeyRef.value when no decoding is kept for its `raw`. */
const NOT_KEPT: unique symbol = Symbol('not kept')

/** Read/write access to state as the runtime sees it. */
export type Store = Overlay

/**
 * A full storage key and its keyString, made once per distinct key and reused on every access;
 * also the last value bytes seen there and, when kept, their decoding (state hands out the same
 * bytes object until the value changes, and stored bytes are never changed in place). A class with
 * every field set at construction: all refs share one shape, so the reads that load their fields
 * (here, in the overlay and in the state cache) stay monomorphic.
 */
class KeyRef implements StorageRef {
  slotOf: unknown = undefined
  slot: unknown = undefined
  raw: Uint8Array | null = null
  value: unknown = NOT_KEPT
  readonly bit: number
  constructor(readonly key: Uint8Array, readonly ks: string) { this.bit = keyBit(ks) }
}

abstract class Item<V, R> {
  readonly prefix: Uint8Array
  protected readonly defaultValue: V | null
  protected readonly prefixRef: KeyRef
  /** Per key: byte length when it is a byte array that encodes verbatim (AccountId32…), else -1. */
  private readonly verbatimLen: number[]
  /** Per key: byte width when it is u8/u16/u32, else 0; and the bound of its values (0: none). */
  private readonly smallBytes: number[]
  private readonly smallLimit: number[]

  /** Values are numbers, bigints, booleans, strings or null: a decoding can be handed out again. */
  private readonly immutable: boolean
  /** Whether a value written reads back as itself (then a write keeps it as the bytes' decoding). */
  private readonly roundTrip: ((v: unknown) => boolean) | null
  /**
   * For a one-field struct of a primitive (fixed-point `{ bits }` values): the field, and whether a
   * field value written reads back as itself. A write then keeps `{ field }` as its bytes'
   * decoding, as roundTrip does for immutable values (these are rewritten every block and read
   * the next: without it each read decodes).
   */
  private readonly keptField: KeptField | null
  /** Copies of mutable values' decodings (null: not kept; undefined: not made yet, see valueCodec). */
  private copier: Copier | null | undefined = undefined

  constructor(readonly decl: StorageItemDecl, defaultValue: V | null) {
    this.prefix = storagePrefix(decl.pallet, decl.name)
    this.defaultValue = defaultValue
    this.prefixRef = new KeyRef(this.prefix, keyString(this.prefix))
    this.immutable = decodesImmutable(decl.value)
    this.roundTrip = this.immutable ? roundTrips(decl.value) : null
    this.keptField = this.immutable ? null : keptFieldOf(decl.value)
    this.encodeFixed = fixedEncoder(decl.value)
    this.verbatimLen = decl.keys.map(verbatimLength)
    this.smallBytes = decl.keys.map(smallUintBytes)
    this.smallLimit = this.smallBytes.map((w) => (w === 0 ? 0 : 2 ** (8 * w)))
  }

  /**
   * Hashed keys by their encoded form: hot accounts and netuids are hashed once, and their key
   * strings made once, not per access (a new string per access is garbage, and is hashed again by
   * every Map it is looked up in).
   */
  private keyCaches: Map<string, unknown>[] = []
  private cachedKeys = 0

  /** keyString of key `i`'s SCALE encoding, without encoding it when its bytes are at hand. */
  private partString(i: number, k: unknown): string {
    if (typeof k === 'number') {
      const limit = this.smallLimit[i]!
      if (k >>> 0 === k && k < limit) return smallUintString(k, this.smallBytes[i]!)
    // (an account read lent from storage, e.g. a hotkey of a Keys row, has its string kept: the
    // epochs' ~20 accesses per hotkey make none)
    } else if (k instanceof Uint8Array && k.length === this.verbatimLen[i]) return keyStringOf(k)
    return keyString(encode(this.decl.keys[i]!, k))
  }

  protected keyRef(keys: unknown[]): KeyRef {
    const n = keys.length
    if (n === 0) return this.prefixRef
    // Looked up by each key's encoding, one Map level per key (several keys, or a prefix of them).
    let level = this.keyCaches[n - 1] ??= new Map()
    for (let i = 0; i < n - 1; i++) {
      const p = this.partString(i, keys[i])
      let next = level.get(p) as Map<string, unknown> | undefined
      if (!next) { next = new Map(); level.set(p, next) }
      level = next
    }
    const last = this.partString(n - 1, keys[n - 1])
    let ref = level.get(last) as KeyRef | undefined
    if (!ref) {
      const hashed = keys.map((k, i) => hashKey(this.decl.hashers[i]!, encode(this.decl.keys[i]!, k)))
      const key = new Uint8Array(this.prefix.length + hashed.reduce((len, h) => len + h.length, 0))
      key.set(this.prefix)
      let off = this.prefix.length
      for (const h of hashed) { key.set(h, off); off += h.length }
      ref = new KeyRef(key, keyString(key))
      if (++this.cachedKeys > KEY_CACHE_SIZE) { this.keyCaches = []; this.cachedKeys = 0 }
      else level.set(last, ref)
    }
    return ref
  }

  /** Refs of a single-key item by a small-integer key (netuid, uid): an array slot, no string or Map. */
  private smallRefs: (KeyRef | undefined)[] | null = null

  /** keyRef([k]), without the array and the key string when `k` is a small integer key. */
  protected keyRef1(k: unknown): KeyRef {
    if (typeof k === 'number' && k >>> 0 === k && k < 65_536 && k < this.smallLimit[0]!) {
      const refs = (this.smallRefs ??= [])
      return refs[k] ??= this.keyRef([k])
    }
    return this.keyRef([k])
  }

  /** keyRef([k1, k2]) of a key made before, without the array. */
  protected keyRef2(k1: unknown, k2: unknown): KeyRef {
    const level = this.keyCaches[1]
    if (level !== undefined) {
      const next = level.get(this.partString(0, k1)) as Map<string, unknown> | undefined
      const ref = next !== undefined ? next.get(this.partString(1, k2)) as KeyRef | undefined : undefined
      if (ref !== undefined) return ref
    }
    return this.keyRef([k1, k2])
  }

  protected keyOf(keys: unknown[]): Uint8Array { return this.keyRef(keys).key }

  /**
   * The value type's codec, looked up on first use (not at declaration: an outer enum in the type
   * is composed after the pallets are declared).
   */
  private valueCodec: Codec<V> | null = null
  protected decodeValue(raw: Uint8Array): V {
    return decodeBy(this.valueCodec ??= codecOf<V>(this.decl.value), raw, this.decl.value)
  }

  protected read(s: Store, ref: KeyRef): R {
    const raw = s.read(ref)
    if (raw === null) return (this.decl.modifier === 'Default' ? this.cloneDefault() : null) as R
    return this.decodedAt(ref, raw) as unknown as R
  }

  /**
   * The decoding of `raw`, the bytes stored at `ref`. An immutable value's decoding is kept on the
   * ref and handed out again; a mutable one's is kept once the same bytes are read a second time
   * (values rewritten every block are not kept, so their decodings still die young), and handed out
   * as a copy, which costs less than decoding.
   */
  private decodedAt(ref: KeyRef, raw: Uint8Array): V {
    if (raw === ref.raw) {
      if (this.immutable) return ref.value as V
      const copy = this.copier ??= copierOf(this.decl.value)
      if (copy !== null) {
        if (ref.value !== NOT_KEPT) return copy(ref.value) as V
        const v = this.decodeValue(raw)
        if (raw.length <= KEEP_DECODED_MAX) ref.value = copy(v)
        return v
      }
      return this.decodeValue(raw)
    }
    const v = this.decodeValue(raw)
    ref.raw = raw
    ref.value = this.immutable ? v : NOT_KEPT
    return v
  }

  /**
   * The decoding of `raw` at `ref`, lent: the caller only reads it, so the decoding kept on the ref
   * is handed out itself, not copied (kept as decodedAt keeps it: a mutable value once the same
   * bytes are seen a second time).
   */
  private lentAt(ref: KeyRef, raw: Uint8Array): V {
    if (raw !== ref.raw) return this.decodedAt(ref, raw)
    if (this.immutable || ref.value !== NOT_KEPT) return ref.value as V
    const v = this.decodeValue(raw)
    if (raw.length <= KEEP_DECODED_MAX) ref.value = v
    return v
  }

  /** `pick` of the value at `ref` (the default when absent), the value lent to it: `pick` only reads it. */
  protected readPart<F>(s: Store, ref: KeyRef, pick: (v: V) => F): F {
    const raw = s.read(ref)
    if (raw !== null) return pick(this.lentAt(ref, raw))
    if (this.decl.modifier !== 'Default') throw new Error(`${this.decl.name}: a part of an absent value read from an item without a default`)
    return pick((this.keptDefault ??= { v: this.decodeValue(this.decl.fallback) }).v)
  }

  /**
   * The value at `ref` lent (as readPart lends it), or null when the key is absent: a stored value
   * and whether it is stored in one read, where get() then contains() would read the key twice
   * (a stored default is not an absent key).
   */
  protected readLentOrNull(s: Store, ref: KeyRef): V | null {
    const raw = s.read(ref)
    return raw === null ? null : this.lentAt(ref, raw)
  }

  /**
   * write() unless the key holds a value `same` finds equal to `v` (the held value lent to it):
   * that write would change nothing but cost an overlay write, a compare in the state-root step and
   * a state-cache update. An absent key is written, even with the default (storing the default
   * changes the state).
   */
  protected writeUnlessSame(s: Store, ref: KeyRef, v: V, same: (held: V, v: V) => boolean): void {
    const raw = s.read(ref)
    if (raw !== null && same(this.lentAt(ref, raw), v)) return
    this.write(s, ref, v)
  }

  /** For fixed-width values (balances, stakes, counters, flags, `{ bits }`): their bytes without the generic encoder. */
  private readonly encodeFixed: ((v: unknown) => Uint8Array | null) | null

  protected write(s: Store, ref: KeyRef, v: V): void {
    const fixed = this.encodeFixed !== null ? this.encodeFixed(v) : null
    const raw = fixed ?? encodeBy(this.valueCodec ??= codecOf<V>(this.decl.value), v)
    s.setRef(ref, raw)
    // A value that decodes back to itself (a bigint for a u64, not a number that reads back as a
    // bigint) is these bytes' decoding: the next read of them (the same block, or the next one:
    // the state cache hands out these bytes) decodes nothing. A mutable value is not kept: the
    // caller may still change it.
    if (this.roundTrip !== null) {
      if (this.roundTrip(v)) {
        ref.raw = raw
        ref.value = v
      }
    } else if (this.keptField !== null) {
      // (a fresh object with the field alone, as the decoder makes it: the caller keeps its own)
      const kept = this.keptField
      const x = (v as Record<string, unknown>)[kept.name]
      if (kept.check(x)) {
        ref.raw = raw
        ref.value = kept.make(x)
      }
    }
  }
  /** read, `fn`, write at one key, its ref looked up once (a double map's hotkey key string made once, not twice). */
  protected mutateAt(s: Store, ref: KeyRef, fn: (v: R) => V): V {
    const v = fn(this.read(s, ref))
    this.write(s, ref, v)
    return v
  }
  protected removeKey(s: Store, ref: KeyRef): void { s.setRef(ref, null) }
  protected has(s: Store, ref: KeyRef): boolean { return s.read(ref) !== null }

  /** The default's decoding, kept: handed out again when immutable, else as a copy. */
  private keptDefault: { v: V } | null = null
  private cloneDefault(): V {
    if (this.immutable) return (this.keptDefault ??= { v: this.decodeValue(this.decl.fallback) }).v
    const copy = this.copier ??= copierOf(this.decl.value)
    // Defaults may be objects; hand out a fresh one so callers can mutate freely.
    if (copy === null) return this.decodeValue(this.decl.fallback)
    return copy((this.keptDefault ??= { v: this.decodeValue(this.decl.fallback) }).v) as V
  }

  /** Key `i` at `r` (its hasher's prefix skipped). */
  protected nextKey(r: Reader, i: number): unknown {
    const skip = hasherPrefixLength(this.decl.hashers[i]!)
    if (skip === null) throw new Error(`${this.decl.name}: hasher ${this.decl.hashers[i]} is not reversible`)
    r.pos += skip
    return (this.keyCodecs[i] ??= codecOf(this.decl.keys[i]!)).dec(r)
  }
  private keyCodecs: Codec[] = []

  /**
   * A Reader at the map keys of a listed key string, over a scratch copy of its bytes: no key bytes
   * made per listed key (the key decoders copy what they keep). Use it before the next call.
   */
  protected keysAt(ks: string): Reader {
    let b = this.keyScratch
    if (b.length !== ks.length) b = this.keyScratch = new Uint8Array(ks.length)
    for (let i = 0; i < b.length; i++) b[i] = ks.charCodeAt(i)
    const r = this.keyReader
    r.reset(b)
    r.pos = this.prefix.length
    return r
  }
  private keyScratch = new Uint8Array(0)
  private readonly keyReader = new Reader(new Uint8Array(0))
}

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

/** Encode a JS default for a declaration's fallback bytes. Optional items fall back to `0x00`-free empty bytes. */
export function fallbackBytes(value: Ty, modifier: 'Default' | 'Optional', dflt: unknown): Uint8Array {
  if (modifier === 'Optional') return new Uint8Array([0])
  const w = new Writer()
  codecOf(value).enc(w, dflt)
  return w.finish()
}

const lent = <V>(v: V): V => v

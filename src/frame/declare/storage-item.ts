// What the four kinds of storage item share (storage-accessors.ts): a declaration's keys made into
// cached KeyRefs and its values read, kept and written through them, so that every kind reads and
// writes state the same way, taking the same shortcuts (key-shapes.ts, fixed-values.ts).
import { hashKey, hasherPrefixLength, storagePrefix, type Hasher } from '../../codec/hashing.js'
import { codecOf, decodeBy, encode, encodeBy, Reader, type Codec } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'
import { copierOf, decodesImmutable, roundTrips, type Copier } from '../../codec/value-copy.js'
import { keyStringOf } from '../../storage/kept-key-string.js'
import { keyString } from '../../storage/kv.js'
import type { Overlay } from '../../storage/overlay.js'
import { fixedEncoder, keptFieldOf, type KeptField } from './fixed-values.js'
import { KeyRef, NOT_KEPT } from './key-ref.js'
import { smallUintBytes, smallUintString, verbatimLength } from './key-shapes.js'

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

/** Read/write access to state as the runtime sees it. */
export type Store = Overlay

export abstract class Item<V, R> {
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

// The runtime's view of state: a committed backend (the trie at the parent's state root) under a
// stack of transactional layers. Layer 0 is the block's own diff; each dispatch and each
// `withStorageLayer` pushes another. Keys are kept as latin1 strings (one char per byte) so that
// string order equals byte order and no hex conversion sits on the hot path.
import { Appended, vecShapeOf, type AppendedItem, type VecShape } from './appended-vec.js'
import { keyFromString as fromKeyString, keyString as toKeyString } from './kv.js'

/** What the overlay needs from committed state (the trie view implements this). */
export interface StateBackend {
  /** `ks`: keyString(key), when the caller has it already (caches key on it). */
  get(key: Uint8Array, ks?: string): Uint8Array | null
  /** get() by the key string alone, when the backend can answer without the key's bytes. */
  getByString?(ks: string): Uint8Array | null
  /** Keys under `prefix` in ascending order, strictly after `startAfter` when given. */
  keys(prefix: Uint8Array, startAfter?: Uint8Array): Iterable<Uint8Array>
  /** get() of an accessor's key, free to remember where it found it on `ref` (state-cache.ts). */
  getRef?(ref: StorageRef): Uint8Array | null
  /**
   * keys() as key strings, when the backend has them so; `ps`: keyString(prefix), when at hand. An
   * array handed out is never changed afterwards (a reader may keep what it derived from it while
   * the same array comes back).
   */
  keyStrings?(prefix: Uint8Array, startAfter?: Uint8Array, ps?: string): Iterable<string>
  /** get() by the key string, for the runtime's reads (getByString is the diff comparison's). */
  readString?(ks: string): Uint8Array | null
  /**
   * Key `ks` joined an overlay's diff over this state (`ref`: the accessor's key, when written
   * through one): the state cache notes where the key is, so moving on to a block with this diff
   * needs no lookup per key.
   */
  written?(ks: string, ref: StorageRef | undefined): void
}

function* asStrings(keys: Iterable<Uint8Array>): Generator<string> { for (const k of keys) yield toKeyString(k) }

type Entry = Uint8Array | null | Appended

export { keyString as toKeyString, keyFromString as fromKeyString } from './kv.js'

/** Storage items' keys start with 32 bytes (pallet and item hashes): the unit key listings use. */
export const ITEM_PREFIX = 32

/**
 * A small-integer bucket for a key's item (its first ITEM_PREFIX bytes), read from a few bytes of
 * the pallet and item hashes: no 32-char slice to allocate and hash per key. Different items may
 * share a bucket; listings check the full prefix. Only for keys of at least ITEM_PREFIX chars.
 */
export function itemBucket(ks: string): number {
  return ((ks.charCodeAt(16) << 16) | (ks.charCodeAt(17) << 8) | ks.charCodeAt(18)) ^ ((ks.charCodeAt(0) << 22) | (ks.charCodeAt(1) << 14))
}

/** Room made at once for the keys written after a listing (a 32-subnet block writes ~460 keys). */
const UNINDEXED_ROOM = 512

/** Bits in an overlay's filter of the keys it has written. */
const FILTER_BITS = 1 << 14

/**
 * A key's bit in an overlay's filter of written keys: its length, two bytes of the item hash and
 * its last three bytes (netuids, uids, the end of an account), mixed.
 */
export function keyBit(ks: string): number {
  const n = ks.length
  let h = Math.imul(n, 0x9e3779b1)
  if (n >= 18) h = Math.imul(h ^ (ks.charCodeAt(16) | (ks.charCodeAt(17) << 8)), 0x85ebca6b)
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) h = Math.imul(h ^ ks.charCodeAt(i), 0x01000193)
  return (h ^ (h >>> 15)) & (FILTER_BITS - 1)
}

/**
 * A key an accessor keeps (declare/key-ref.ts: one per hot key), with room for a backend to keep
 * where it found the key's value, so a later read of it needs no lookup by string.
 */
export interface StorageRef {
  readonly key: Uint8Array
  readonly ks: string
  /** keyBit(ks), made once with the ref (without it a read always looks in the overlay's map). */
  readonly bit?: number
  /** Backend-private: the backend that filled `slot`, and the slot. */
  slotOf?: unknown
  slot?: unknown
  /**
   * Backend-private: the ref may serve as its key's slot itself (`v` the value there, `slotHost`
   * the backend it serves), so a read of it reaches no second object.
   */
  v?: Uint8Array | null
  slotHost?: unknown
}

/**
 * The runtime's overlay. All open layers share one map of the current entries (`cur`): a read is
 * one lookup whatever the transaction depth. Each open transaction keeps a journal of what its
 * first write to each key replaced, which a rollback puts back and a commit hands to the
 * transaction below (committing the outermost one costs nothing).
 */
export class Overlay {
  private cur = new Map<string, Entry>()
  /**
   * Per open transaction, the entries its writes replaced (undefined: the key was not in `cur`);
   * null until its first write (many transactions write nothing).
   */
  private journals: (Map<string, Entry | undefined> | null)[] = []
  /** Ids of layer 0 and the open transactions (an Appended pushes in place only in its own layer). */
  private layerIds: number[] = [0]
  private nextLayerId = 1
  /** Whether an Appended was created in each layer (their owners move down on commit). */
  private appendedIn: boolean[] = [false]
  /** Keys an Appended was put at (changes() materializes these, without a walk over every entry). */
  private appendedKeys: string[] = []
  /**
   * `cur`'s keys by item bucket: listing a map's keys looks at that item's keys only, not at every
   * key the block has written so far. Built on the first listing and kept up to date from then on;
   * a key a rollback removed stays in it (listings skip keys not in `cur`).
   */
  private byItem: Map<number, string[]> | null = null
  /**
   * Keys that joined `cur` since the item index was last brought up to date: indexed by the next
   * listing, not on every write (most of a block's writes come after its last listing). The first
   * `unindexedCount` entries; the array keeps its room between listings (a block's ~17 listings
   * would otherwise grow it anew each time, and the ~400 writes after the last one grow it most).
   */
  private unindexed: string[] = []
  private unindexedCount = 0
  /** `cur` was handed out by changes(): the next write copies it first. */
  private shared = false
  /**
   * A bit (keyBit) for every key ever put in `cur` (rollbacks leave theirs set): a read of a
   * key whose bit is clear, most first reads of a key in a block, goes to the backend without a
   * lookup in `cur`. Made on the first write (many overlays write nothing).
   */
  private writtenBits: Uint32Array | null = null

  constructor(private readonly backend: StateBackend) {}

  get depth(): number { return this.journals.length }

  /** `ks`: keyString(key) when the caller has it (storage accessors keep one per hot key). */
  get(key: Uint8Array, ks: string = toKeyString(key)): Uint8Array | null {
    const e = this.cur.get(ks)
    if (e === undefined) return this.backend.get(key, ks)
    return e instanceof Appended ? e.materialize() : e
  }

  /** get() of an accessor's key: the backend may answer from what it remembered on `ref`. */
  read(ref: StorageRef): Uint8Array | null {
    const f = this.writtenBits
    const bit = ref.bit
    if (f === null || (bit !== undefined && (f[bit >>> 5]! & (1 << (bit & 31))) === 0)) {
      const b = this.backend
      return b.getRef !== undefined ? b.getRef(ref) : b.get(ref.key, ref.ks)
    }
    const e = this.cur.get(ref.ks)
    if (e === undefined) {
      const b = this.backend
      return b.getRef !== undefined ? b.getRef(ref) : b.get(ref.key, ref.ks)
    }
    return e instanceof Appended ? e.materialize() : e
  }

  /** get() by the key string alone (keys listed by keyStrings()): no key bytes made for it. */
  getString(ks: string): Uint8Array | null {
    const e = this.cur.get(ks)
    if (e === undefined) {
      const b = this.backend
      return b.readString !== undefined ? b.readString(ks) : b.get(fromKeyString(ks), ks)
    }
    return e instanceof Appended ? e.materialize() : e
  }

  exists(key: Uint8Array): boolean { return this.get(key) !== null }

  /**
   * The shape of the Vec stored at `key` (null when absent), without building a vector `append`
   * is building: a check of its length before the next append would otherwise copy it whole.
   */
  vecShape(key: Uint8Array, ks: string = toKeyString(key)): VecShape | null {
    const e = this.cur.get(ks)
    if (e instanceof Appended) return e.shape()
    const raw = e === undefined ? this.backend.get(key, ks) : e
    return raw === null ? null : vecShapeOf(raw)
  }

  set(key: Uint8Array, value: Uint8Array | null, ks: string = toKeyString(key)): void {
    this.put(ks, value, undefined)
  }

  /** set() of an accessor's key. */
  setRef(ref: StorageRef, value: Uint8Array | null): void {
    this.put(ref.ks, value, ref)
  }

  private put(ks: string, v: Entry, ref: StorageRef | undefined): void {
    if (this.shared) { this.cur = new Map(this.cur); this.shared = false }
    const cur = this.cur
    const n = this.journals.length
    if (n > 0) {
      const j = this.journals[n - 1] ??= new Map()
      if (!j.has(ks)) j.set(ks, cur.get(ks))
    }
    const size = cur.size
    cur.set(ks, v)
    if (cur.size !== size) {
      const bit = ref !== undefined && ref.bit !== undefined ? ref.bit : keyBit(ks)
      const f = (this.writtenBits ??= new Uint32Array(FILTER_BITS / 32))
      f[bit >>> 5]! |= 1 << (bit & 31)
      if (this.byItem !== null) {
        // (room made on the first such key: an overlay that only reads and lists makes none)
        if (this.unindexed.length === 0) this.unindexed = new Array<string>(UNINDEXED_ROOM)
        this.unindexed[this.unindexedCount++] = ks
      }
      const b = this.backend
      if (b.written !== undefined) b.written(ks, ref)
    }
  }

  /** The item index, built now if this is the first listing, with the keys written since the last one. */
  private itemIndex(): Map<number, string[]> {
    let index = this.byItem
    if (index === null) {
      index = new Map()
      for (const k of this.cur.keys()) indexKey(index, k)
      this.byItem = index
    } else if (this.unindexedCount > 0) {
      const keys = this.unindexed
      for (let i = 0; i < this.unindexedCount; i++) indexKey(index, keys[i]!)
      this.unindexedCount = 0
    }
    return index
  }

  remove(key: Uint8Array): void { this.set(key, null) }

  /**
   * Append one SCALE-encoded item (or its parts in order) to the Vec stored at `key` (Substrate's
   * `append`); `ks`: keyString(key), when at hand. The item's bytes are kept, not copied.
   */
  append(key: Uint8Array, item: AppendedItem, ks: string = toKeyString(key)): void {
    const top = this.layerIds.length - 1
    const topId = this.layerIds[top]!
    const cur = this.cur.get(ks)
    if (cur instanceof Appended && cur.owner === topId) { cur.items.push(item); return }
    const prev = cur !== undefined ? cur : this.backend.get(key, ks)
    this.appendedIn[top] = true
    this.appendedKeys.push(ks)
    this.put(ks, new Appended(prev, [item], topId), undefined)
  }

  startTransaction(): void {
    this.journals.push(null)
    this.layerIds.push(this.nextLayerId++)
    this.appendedIn.push(false)
  }

  commitTransaction(): void {
    if (this.journals.length === 0) throw new Error('no open storage transaction to commit')
    const j = this.journals.pop()!
    const topId = this.layerIds.pop()!
    const appended = this.appendedIn.pop()!
    if (j === null) return
    const n = this.journals.length
    if (n > 0) {
      const below = this.journals[n - 1]
      if (below === null) this.journals[n - 1] = j
      else for (const [k, prev] of j) if (!below.has(k)) below.set(k, prev)
    }
    if (appended) {
      const belowId = this.layerIds[this.layerIds.length - 1]!
      for (const k of j.keys()) {
        const v = this.cur.get(k)
        if (!(v instanceof Appended) || v.owner !== topId) continue
        const prev = v.prev
        if (prev instanceof Appended && prev.owner === belowId) {
          // The items join the vector the layer below appended to, as appends made there would:
          // a run of transactions appending to one vector (a block of registrations) keeps one
          // link, not one per transaction for every later read to walk. The layer below's journal
          // holds the value from before `prev` (that layer put it), so nothing restores `prev` itself.
          for (const it of v.items) prev.items.push(it)
          if (this.shared) { this.cur = new Map(this.cur); this.shared = false }
          this.cur.set(k, prev)
        } else v.owner = belowId
      }
      this.appendedIn[this.appendedIn.length - 1] = true
    }
  }

  rollbackTransaction(): void {
    if (this.journals.length === 0) throw new Error('no open storage transaction to roll back')
    const j = this.journals.pop()!
    this.layerIds.pop()
    this.appendedIn.pop()
    if (j === null) return
    if (this.shared) { this.cur = new Map(this.cur); this.shared = false }
    const cur = this.cur
    for (const [k, prev] of j) {
      if (prev === undefined) cur.delete(k)
      else cur.set(k, prev)
    }
  }

  /** Run `fn` in its own layer: kept if it returns, rolled back if it throws. */
  transactional<T>(fn: () => T): T {
    this.startTransaction()
    try {
      const r = fn()
      this.commitTransaction()
      return r
    } catch (e) {
      this.rollbackTransaction()
      throw e
    }
  }

  /** Keys with `prefix` in ascending order, overlay merged over the backend, deleted keys skipped. */
  *keys(prefix: Uint8Array, startAfter?: Uint8Array): Generator<Uint8Array> {
    for (const ks of this.keyStrings(prefix, startAfter)) yield fromKeyString(ks)
  }

  /**
   * keys() as key strings: what an accessor iterating a map reads the values by. `ps`:
   * keyString(prefix), when at hand. Listed when called; read-only (may be the backend's own list,
   * which is never changed once handed out; a merged listing is a generator).
   */
  keyStrings(prefix: Uint8Array, startAfter?: Uint8Array, ps: string = toKeyString(prefix)): Iterable<string> {
    const after = startAfter ? toKeyString(startAfter) : ''
    const cur = this.cur
    // The block's own keys under the prefix (most listings have none: the backend's list is the answer).
    let local: string[] | null = null
    if (ps.length >= ITEM_PREFIX) {
      const keys = this.itemIndex().get(itemBucket(ps))
      if (keys) for (const k of keys) if (k.startsWith(ps) && k > after && cur.has(k)) (local ??= []).push(k)
    } else {
      for (const k of cur.keys()) if (k.startsWith(ps) && k > after) (local ??= []).push(k)
    }
    const b = this.backend
    const backendKeys = b.keyStrings !== undefined ? b.keyStrings(prefix, startAfter, ps) : asStrings(b.keys(prefix, startAfter))
    if (local === null) return backendKeys
    local.sort()
    let w = 1
    for (let r = 1; r < local.length; r++) if (local[r] !== local[w - 1]) local[w++] = local[r]!
    local.length = w
    // Whether each listed key is deleted, as it was when the listing started.
    return merged(local, local.map((k) => cur.get(k) === null), backendKeys)
  }

  nextKey(key: Uint8Array): Uint8Array | null {
    for (const k of this.keys(new Uint8Array(0), key)) return k
    return null
  }

  clearPrefix(prefix: Uint8Array, limit?: number): number {
    let n = 0
    for (const k of [...this.keys(prefix)]) {
      if (limit !== undefined && n >= limit) break
      this.set(k, null)
      n++
    }
    return n
  }

  /**
   * The block's diff once every transaction is closed: key → value (null = deleted). The map is
   * the overlay's own (appends materialized in place): read it, don't change it. A later write
   * to the overlay copies it first, so the map handed out stays as it was.
   */
  changes(): Map<string, Uint8Array | null> {
    if (this.journals.length !== 0) throw new Error('storage transactions still open')
    const cur = this.cur
    if (this.appendedIn[0]) {
      for (const k of this.appendedKeys) {
        const v = cur.get(k)
        if (v instanceof Appended) cur.set(k, v.materialize())
      }
      this.appendedIn[0] = false
    }
    if (this.appendedKeys.length > 0) this.appendedKeys = []
    this.shared = true
    return cur as Map<string, Uint8Array | null>
  }
}

/** Sorted `local` keys (those `deleted` left out, and hiding the backend's) merged into `backendKeys`. */
function* merged(local: string[], deleted: boolean[], backendKeys: Iterable<string>): Generator<string> {
  let i = 0
  for (const bks of backendKeys) {
    while (i < local.length && local[i]! < bks) {
      if (!deleted[i]) yield local[i]!
      i++
    }
    if (i < local.length && local[i] === bks) {
      if (deleted[i++]) continue
    }
    yield bks
  }
  for (; i < local.length; i++) if (!deleted[i]) yield local[i]!
}

function indexKey(index: Map<number, string[]>, ks: string): void {
  if (ks.length < ITEM_PREFIX) return
  const b = itemBucket(ks)
  const keys = index.get(b)
  // (An array, not a Set: a key is added when it joins `cur`; one a rollback removed and a later
  // write put back is listed twice, and listings drop the repeat.)
  if (keys) keys.push(ks); else index.set(b, [ks])
}

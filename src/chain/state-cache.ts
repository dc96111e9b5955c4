// A value cache for the state of one block (normally the best): reads that hit it skip the trie
// walk. When a block built on the cached block is committed, its diff is applied and the cache
// moves to the child, so the keys every block touches (System.Number, Timestamp.Now, …) stay hot.
// It also keeps the key listings of the storage maps blocks iterate (NetworksAdded, per-subnet
// maps…), kept up to date from each diff, so iterating them costs no trie walk either.
import type { StateBackend, StorageRef } from '../storage/overlay.js'
import { fromKeyString, itemBucket, ITEM_PREFIX, toKeyString } from '../storage/overlay.js'
import type { TrieView } from '../storage/trie/index.js'

const MAX_ENTRIES = 200_000
/** Listings are kept for prefixes of at least a storage item's (pallet + item, 32 bytes) with at most this many keys, and at most this many listings. */
const MAX_LISTED_KEYS = 4_096
const MAX_LISTINGS = 1_024
/** Slots kept on the trail (a few blocks' diffs; more means nothing is committing). */
const MAX_TRAIL = 65_536

/**
 * Sorted key strings under one prefix. `lent`: `keys` was handed out (readers iterate it while the
 * block runs), so the next change copies it first instead of every reader copying it.
 */
interface Listing { prefix: string; keys: string[]; lent: boolean }

/**
 * A cached value. Advancing the cache updates the slot in place, so an accessor's key that
 * remembers its slot (StorageRef.slot) reads it again without a lookup by string. The first
 * accessor key to read a key is mostly its slot itself (StorageRef.v).
 */
interface Slot { v: Uint8Array | null }

export class StateCache {
  private hashKey = ''
  /** Advances and resets so far: a backend reads through the cache while none happened since it was made. */
  private moves = 0
  private values = new Map<string, Slot>()
  /** Listings by the item bucket of their prefix, so a diff finds them cheaply. */
  private listings = new Map<number, Listing[]>()
  /**
   * The same listings by prefix, for readers: a per-subnet map's listings (one per netuid) share
   * their item's bucket, and an epoch block lists ~130 prefixes.
   */
  private byPrefix = new Map<string, Listing>()
  /** Prefixes found too large to list (until the cache is reset: walking them again each block to find out would cost more than it saves). */
  private unlisted = new Set<string>()

  /** A backend for `view` (the state of block `hash`) that reads through the cache when it matches. */
  backend(hashKey: string, view: TrieView): StateBackend {
    if (hashKey !== this.hashKey) return view
    const values = this.values
    // The cache moves on to the next block in place; a reader kept longer falls back to the trie.
    // (a number compared per read, not the block's hex key: a reader's key is a string of its own)
    const at = this.moves
    const current = (): boolean => this.moves === at
    const get = (key: Uint8Array | undefined, ks: string): Uint8Array | null => {
      if (!current()) return view.get(key ?? fromKeyString(ks))
      const hit = values.get(ks)
      if (hit !== undefined) return hit.v
      const v = view.get(key ?? fromKeyString(ks))
      if (values.size < MAX_ENTRIES) values.set(ks, { v })
      return v
    }
    return {
      get: (key, keyStr) => get(key, keyStr ?? toKeyString(key)),
      readString: (ks) => get(undefined, ks),
      getByString: (ks) => {
        if (!current()) return view.get(fromKeyString(ks))
        let slot = values.get(ks)
        if (slot === undefined) {
          slot = { v: view.get(fromKeyString(ks)) }
          if (values.size >= MAX_ENTRIES) return slot.v
          values.set(ks, slot)
        }
        return slot.v
      },
      getRef: (ref: StorageRef) => {
        if (!current()) return view.get(ref.key)
        // `values` is replaced on reset, so a slot remembered for it is still this cache's.
        if (ref.slotOf === values) return (ref.slot as Slot).v
        let slot = values.get(ref.ks)
        if (slot === undefined) {
          const v = view.get(ref.key)
          // (a full cache keeps nothing: no slot for advance() to keep up to date)
          if (values.size >= MAX_ENTRIES) return v
          // The ref is the key's slot itself (the value beside the fields a read loads anyway: no
          // second object to reach on every read of it) unless it serves another cache (another
          // chain in the process) already. Its slot in a map this cache dropped (reset) is dead.
          if (ref.slotHost === undefined || ref.slotHost === this) {
            ref.slotHost = this
            ref.v = v
            slot = ref as Slot
          } else slot = { v }
          values.set(ref.ks, slot)
        }
        ref.slotOf = values
        ref.slot = slot
        return slot.v
      },
      written: (ks, ref) => {
        if (current()) this.trail(ks, ref !== undefined && ref.slotOf === values ? ref.slot as Slot : undefined)
      },
      keys: (prefix, startAfter) => {
        const listing = prefix.length >= ITEM_PREFIX && current() ? this.listing(toKeyString(prefix), prefix, view) : undefined
        return listing === undefined ? view.keys(prefix, startAfter) : listedKeys(listing, startAfter).map(fromKeyString)
      },
      keyStrings: (prefix, startAfter, ps) => {
        const listing = prefix.length >= ITEM_PREFIX && current() ? this.listing(ps ?? toKeyString(prefix), prefix, view) : undefined
        return listing === undefined ? keyStringsOf(view.keys(prefix, startAfter)) : listedKeys(listing, startAfter)
      },
    }
  }

  private listing(ps: string, prefix: Uint8Array, view: TrieView): Listing | undefined {
    const found = this.byPrefix.get(ps)
    if (found !== undefined || this.unlisted.has(ps) || this.byPrefix.size >= MAX_LISTINGS) return found
    const keys: string[] = []
    for (const k of view.keys(prefix)) {
      if (keys.length >= MAX_LISTED_KEYS) { this.unlisted.add(ps); return undefined }
      keys.push(toKeyString(k))
    }
    const l = { prefix: ps, keys, lent: false }
    const bucket = itemBucket(ps)
    const list = this.listings.get(bucket)
    if (list) list.push(l); else this.listings.set(bucket, [l])
    this.byPrefix.set(ps, l)
    return l
  }

  /** Block `childKey` was committed on top of `parentKey` with `changes` (latin1 key strings). */
  advance(parentKey: string, childKey: string, changes: Map<string, Uint8Array | null>): void {
    if (parentKey !== this.hashKey || this.values.size + changes.size > MAX_ENTRIES) {
      this.reset(childKey)
      return
    }
    // The diff's keys joined their overlay's map in the order they were noted on the trail (a Map
    // iterates in insertion order), most with their slot: walking the diff, the trail's next entry
    // is mostly the key at hand (a string compared by identity), so no lookup in the diff per
    // trail entry and none in the cache per key. Entries the diff lacks (other overlays' keys,
    // deletions of absent keys dropped from the diff, a key a rollback took out and a later write
    // put back at the end) are passed over by scanning ahead; a key not found is looked up in the
    // cache. Any entry of a key holds that key's slot, so the position only saves work. The
    // scans pass over one trail's length at most in all (keys the trail lacks would otherwise
    // each cost a scan to its end). (forEach: a for-of over the Map would allocate an entry array
    // per key)
    const keys = this.trailKeys
    const slots = this.trailSlots
    const end = this.trailLength
    let t = 0
    let spare = end
    changes.forEach((v, k) => {
      let slot: Slot | undefined
      if (t < end && keys[t] === k) slot = slots[t++]
      else if (spare > 0) {
        const stop = Math.min(end, t + 1 + spare)
        let j = t + 1
        while (j < stop && keys[j] !== k) j++
        spare -= j - t
        if (j < stop) { slot = slots[j]; t = j + 1 }
      }
      this.update(k, v, slot)
    })
    this.hashKey = childKey
    this.moves++
    this.clearTrail()
  }

  /** Set `k` to `v` in the cache (at `slot`, when known) and its listings. */
  private update(k: string, v: Uint8Array | null, slot: Slot | undefined): void {
    if (slot === undefined) slot = this.values.get(k)
    if (slot === undefined) this.values.set(k, { v })
    else {
      // A key that was there and still is (most of a diff) is in the same listings as before.
      const same = (slot.v === null) === (v === null)
      slot.v = v
      if (same) return
    }
    if (this.listings.size > 0 && k.length >= ITEM_PREFIX) {
      const list = this.listings.get(itemBucket(k))
      if (list) for (const l of list) if (k.startsWith(l.prefix)) this.relist(l, k, v !== null)
    }
  }

  /**
   * Keys written by overlays over the cached state since the cache last moved, in order, with
   * their slots when the writer's key had one: advance() updates those without a lookup each.
   */
  private trailKeys: string[] = []
  private trailSlots: (Slot | undefined)[] = []
  /**
   * Entries in use: the arrays keep their length (and capacity) from block to block, so the
   * trail does not grow them anew for every block. Stale entries past it are overwritten.
   */
  private trailLength = 0
  private trail(ks: string, slot: Slot | undefined): void {
    const n = this.trailLength
    // (a full trail notes no more: advance looks the keys past it up)
    if (n >= MAX_TRAIL) return
    const keys = this.trailKeys
    if (n < keys.length) { keys[n] = ks; this.trailSlots[n] = slot } else { keys.push(ks); this.trailSlots.push(slot) }
    this.trailLength = n + 1
  }
  /** (Entries past trailLength stay: their keys and slots are `values`' own, nothing else is kept alive.) */
  private clearTrail(): void { this.trailLength = 0 }

  /** Keep `k` in (or out of) a listing after a diff. */
  private relist(l: Listing, k: string, present: boolean): void {
    let keys = l.keys
    let lo = 0
    let hi = keys.length
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid]! < k) lo = mid + 1; else hi = mid }
    const there = lo < keys.length && keys[lo] === k
    if (present === there) return
    if (l.lent) { keys = l.keys = keys.slice(); l.lent = false }
    if (present) keys.splice(lo, 0, k)
    else keys.splice(lo, 1)
    if (keys.length > MAX_LISTED_KEYS) this.dropListing(l)
  }

  private dropListing(l: Listing): void {
    const bucket = itemBucket(l.prefix)
    const list = this.listings.get(bucket)!.filter((x) => x !== l)
    if (list.length > 0) this.listings.set(bucket, list); else this.listings.delete(bucket)
    this.byPrefix.delete(l.prefix)
  }

  /** Point the cache at `hashKey` unless it already is there (it was advanced to it). */
  resetUnless(hashKey: string): void {
    if (hashKey !== this.hashKey) this.reset(hashKey)
  }

  /** Start caching the state of `hashKey` (e.g. after a reorg or a restart). */
  reset(hashKey: string): void {
    this.trailKeys = []
    this.trailSlots = []
    this.trailLength = 0
    this.values = new Map()
    this.listings = new Map()
    this.byPrefix = new Map()
    this.unlisted = new Set()
    this.hashKey = hashKey
    this.moves++
  }
}

/** A listing's keys after `startAfter` (read-only: lent, see Listing). */
function listedKeys(l: Listing, startAfter?: Uint8Array): readonly string[] {
  const keys = l.keys
  l.lent = true
  let lo = 0
  if (startAfter !== undefined) {
    const after = toKeyString(startAfter)
    let hi = keys.length
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid]! <= after) lo = mid + 1; else hi = mid }
  }
  return lo === 0 ? keys : keys.slice(lo)
}

function* keyStringsOf(keys: Iterable<Uint8Array>): Generator<string> { for (const k of keys) yield toKeyString(k) }

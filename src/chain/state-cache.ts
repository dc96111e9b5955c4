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

/** Sorted key strings under one prefix. */
interface Listing { prefix: string; keys: string[] }

/**
 * A cached value. Advancing the cache updates the slot in place, so an accessor's key that
 * remembers its slot (StorageRef.slot) reads it again without a lookup by string.
 */
interface Slot { v: Uint8Array | null }

export class StateCache {
  private hashKey = ''
  private values = new Map<string, Slot>()
  /** Listings by the item bucket of their prefix, so a diff finds them cheaply. */
  private listings = new Map<number, Listing[]>()
  private listingCount = 0
  /** Prefixes found too large to list (until the cache is reset: walking them again each block to find out would cost more than it saves). */
  private unlisted = new Set<string>()

  /** A backend for `view` (the state of block `hash`) that reads through the cache when it matches. */
  backend(hashKey: string, view: TrieView): StateBackend {
    if (hashKey !== this.hashKey) return view
    const values = this.values
    // The cache moves on to the next block in place; a reader kept longer falls back to the trie.
    const current = (): boolean => this.hashKey === hashKey && this.values === values
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
      getByString: (ks) => {
        if (!current()) return view.get(fromKeyString(ks))
        let slot = values.get(ks)
        if (slot === undefined) {
          slot = { v: view.get(fromKeyString(ks)) }
          if (values.size >= MAX_ENTRIES) return slot.v
          values.set(ks, slot)
        }
        this.trail(ks, slot)
        return slot.v
      },
      getRef: (ref: StorageRef) => {
        if (!current()) return view.get(ref.key)
        // `values` is replaced on reset, so a slot remembered for it is still this cache's.
        if (ref.slotOf === values) return (ref.slot as Slot).v
        let slot = values.get(ref.ks)
        if (slot === undefined) {
          slot = { v: view.get(ref.key) }
          // (a full cache keeps nothing: no slot for advance() to keep up to date)
          if (values.size >= MAX_ENTRIES) return slot.v
          values.set(ref.ks, slot)
        }
        ref.slotOf = values
        ref.slot = slot
        return slot.v
      },
      keys: (prefix, startAfter) => {
        const listing = prefix.length >= ITEM_PREFIX && current() ? this.listing(toKeyString(prefix), prefix, view) : undefined
        return listing === undefined ? view.keys(prefix, startAfter) : listedKeys(listing, startAfter).map(fromKeyString)
      },
      keyStrings: (prefix, startAfter) => {
        const listing = prefix.length >= ITEM_PREFIX && current() ? this.listing(toKeyString(prefix), prefix, view) : undefined
        return listing === undefined ? keyStringsOf(view.keys(prefix, startAfter)) : listedKeys(listing, startAfter)
      },
    }
  }

  private listing(ps: string, prefix: Uint8Array, view: TrieView): Listing | undefined {
    const bucket = itemBucket(ps)
    const found = this.listings.get(bucket)?.find((l) => l.prefix === ps)
    if (found || this.unlisted.has(ps) || this.listingCount >= MAX_LISTINGS) return found
    const keys: string[] = []
    for (const k of view.keys(prefix)) {
      if (keys.length >= MAX_LISTED_KEYS) { this.unlisted.add(ps); return undefined }
      keys.push(toKeyString(k))
    }
    const l = { prefix: ps, keys }
    const list = this.listings.get(bucket)
    if (list) list.push(l); else this.listings.set(bucket, [l])
    this.listingCount++
    return l
  }

  /** Block `childKey` was committed on top of `parentKey` with `changes` (latin1 key strings). */
  advance(parentKey: string, childKey: string, changes: Map<string, Uint8Array | null>): void {
    if (parentKey !== this.hashKey || this.values.size + changes.size > MAX_ENTRIES) {
      this.reset(childKey)
      return
    }
    const values = this.values
    const listings = this.listings.size > 0 ? this.listings : null
    // The block's diff was compared with this state key by key (applyDiff): the last
    // changes.size slots on the trail are its keys' slots, in the diff's order, when the block
    // committed is the one built last. A key that does not match is looked up.
    const keys = this.trailKeys
    const slots = this.trailSlots
    let t = keys.length - changes.size
    if (t < 0) t = keys.length
    for (const [k, v] of changes) {
      const slot = t < keys.length && keys[t] === k ? slots[t] : values.get(k)
      t++
      if (slot !== undefined) slot.v = v
      else values.set(k, { v })
      if (listings !== null && k.length >= ITEM_PREFIX) {
        const list = listings.get(itemBucket(k))
        if (list) for (const l of list) if (k.startsWith(l.prefix)) this.relist(l, k, v !== null)
      }
    }
    this.hashKey = childKey
    keys.length = 0
    slots.length = 0
  }

  /**
   * Slots of the keys read by string (the diff comparison before a block's trie update), in
   * order, since the cache last moved: advance() then updates them without a lookup each.
   */
  private trailKeys: string[] = []
  private trailSlots: Slot[] = []
  private trail(ks: string, slot: Slot): void {
    if (this.trailKeys.length >= MAX_TRAIL) { this.trailKeys.length = 0; this.trailSlots.length = 0 }
    this.trailKeys.push(ks)
    this.trailSlots.push(slot)
  }

  /** Keep `k` in (or out of) a listing after a diff. */
  private relist(l: Listing, k: string, present: boolean): void {
    const keys = l.keys
    let lo = 0
    let hi = keys.length
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid]! < k) lo = mid + 1; else hi = mid }
    const there = lo < keys.length && keys[lo] === k
    if (present && !there) keys.splice(lo, 0, k)
    else if (!present && there) keys.splice(lo, 1)
    if (keys.length > MAX_LISTED_KEYS) this.dropListing(l)
  }

  private dropListing(l: Listing): void {
    const bucket = itemBucket(l.prefix)
    const list = this.listings.get(bucket)!.filter((x) => x !== l)
    if (list.length > 0) this.listings.set(bucket, list); else this.listings.delete(bucket)
    this.listingCount--
  }

  /** Point the cache at `hashKey` unless it already is there (it was advanced to it). */
  resetUnless(hashKey: string): void {
    if (hashKey !== this.hashKey) this.reset(hashKey)
  }

  /** Start caching the state of `hashKey` (e.g. after a reorg or a restart). */
  reset(hashKey: string): void {
    this.trailKeys = []
    this.trailSlots = []
    this.values = new Map()
    this.listings = new Map()
    this.listingCount = 0
    this.unlisted = new Set()
    this.hashKey = hashKey
  }
}

/** A listing's keys (copied: the listing changes with the next block), after `startAfter`. */
function listedKeys(l: Listing, startAfter?: Uint8Array): string[] {
  const keys = l.keys
  let lo = 0
  if (startAfter !== undefined) {
    const after = toKeyString(startAfter)
    let hi = keys.length
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid]! <= after) lo = mid + 1; else hi = mid }
  }
  return keys.slice(lo)
}

function* keyStringsOf(keys: Iterable<Uint8Array>): Generator<string> { for (const k of keys) yield toKeyString(k) }

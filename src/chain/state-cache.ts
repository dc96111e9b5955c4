// A value cache for the state of one block (normally the best): reads that hit it skip the trie
// walk. When a block built on the cached block is committed, its diff is applied and the cache
// moves to the child, so the keys every block touches (System.Number, Timestamp.Now, …) stay hot.
import type { StateBackend } from '../storage/overlay.js'
import { toKeyString } from '../storage/overlay.js'
import type { TrieView } from '../storage/trie/index.js'

const MAX_ENTRIES = 200_000

export class StateCache {
  private hashKey = ''
  private values = new Map<string, Uint8Array | null>()

  /** A backend for `view` (the state of block `hash`) that reads through the cache when it matches. */
  backend(hashKey: string, view: TrieView): StateBackend {
    if (hashKey !== this.hashKey) return view
    const values = this.values
    return {
      get: (key, keyStr) => {
        // The cache moves on to the next block in place; a reader kept longer falls back to the trie.
        if (this.hashKey !== hashKey || this.values !== values) return view.get(key)
        const ks = keyStr ?? toKeyString(key)
        const hit = values.get(ks)
        if (hit !== undefined) return hit
        const v = view.get(key)
        if (values.size < MAX_ENTRIES) values.set(ks, v)
        return v
      },
      keys: (prefix, startAfter) => view.keys(prefix, startAfter),
    }
  }

  /** Block `childKey` was committed on top of `parentKey` with `changes` (latin1 key strings). */
  advance(parentKey: string, childKey: string, changes: Map<string, Uint8Array | null>): void {
    if (parentKey !== this.hashKey) {
      this.values = new Map()
    } else if (this.values.size + changes.size > MAX_ENTRIES) {
      this.values = new Map()
    } else {
      for (const [k, v] of changes) this.values.set(k, v)
    }
    this.hashKey = childKey
  }

  /** Point the cache at `hashKey` unless it already is there (it was advanced to it). */
  resetUnless(hashKey: string): void {
    if (hashKey !== this.hashKey) this.reset(hashKey)
  }

  /** Start caching the state of `hashKey` (e.g. after a reorg or a restart). */
  reset(hashKey: string): void {
    this.values = new Map()
    this.hashKey = hashKey
  }
}

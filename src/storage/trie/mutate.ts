// Incremental update of a persisted trie. Only the nodes on the paths of changed keys (plus, on
// deletes, the one sibling a collapsing branch merges with) are loaded and re-encoded; every other
// subtree keeps its existing reference. Mirrors trie-db's TrieDBMut semantics for LayoutV0/V1.
//
// Nodes are copied on write: a node that is committed (has a ref) is never modified, so decoded
// trees can be kept between calls (TrieCache) and shared by several roots, e.g. sibling blocks.
import { EMPTY_TRIE_ROOT, isEmptyRoot, type TrieVersion } from './constants.js'
import { toHex } from './hex.js'
import { insertGrouped, KeyMemo, MAX_GROUPED, type KeyInfo } from './key-groups.js'
import { pathHoldsChecked, rememberPath, startPathChecks, writeOnPath } from './key-paths.js'
import { Mutator, UNCHANGED, type MemNode } from './mutator.js'
import type { TrieNodeSet } from './node-set.js'
import { writeLatin1Nibbles } from './nibbles.js'
import { readerAt, type NodeReader } from './store.js'

/**
 * Keeps the decoded top of recently produced tries between applyChanges calls, so per-block
 * updates skip the store lookups and decoding of the nodes every block touches (the root and the
 * first levels). Holds the tries of the last `maxRoots` roots; levels below `depth` stay as refs.
 */
export class TrieCache {
  private readonly roots = new Map<string, MemNode>()
  /** The groups of the key strings of recent writes (see key-groups.ts). */
  readonly keys = new KeyMemo()
  /**
   * Stored nodes decoded and linked into the kept tries since they were last cleared (a bound on
   * how much of the state they hold decoded, which only grows: nodes an update re-encodes replace
   * their old versions, so only first visits count).
   */
  private loaded = 0

  constructor(
    readonly depth = 4,
    readonly maxRoots = 16,
    /** Past this many linked loads the kept tries are dropped (they start again from the roots). */
    readonly maxLoaded = Infinity,
  ) {}

  /** @internal A stored node was decoded into a kept trie. */
  noteLoaded(n = 1): void {
    this.loaded += n
  }

  /** @internal Drops the kept tries once they hold more stored nodes than the budget. */
  trim(): void {
    if (this.loaded > this.maxLoaded) this.clear()
  }

  /** @internal */
  take(root: string): MemNode | undefined {
    return this.roots.get(root)
  }

  /** @internal Forgets the trie of `root` (an update that edits it in place takes it over). */
  forget(root: string): void {
    this.roots.delete(root)
  }

  /** @internal */
  keep(root: string, node: MemNode): void {
    this.roots.delete(root)
    this.roots.set(root, node)
    while (this.roots.size > this.maxRoots) this.roots.delete(this.roots.keys().next().value!)
  }

  clear(): void {
    this.roots.clear()
    this.loaded = 0
  }
}

let nibbleScratch = new Uint8Array(256)

/**
 * The key as nibbles in a shared buffer (its first key.length * 2 bytes), valid until the next call
 * (nothing may keep it). A string key is a latin1 key string (one char per byte, as the overlay
 * keeps keys): no bytes copy needed.
 */
function keyNibbles(key: Uint8Array | string): Uint8Array {
  const n = key.length * 2
  if (n > nibbleScratch.length) nibbleScratch = new Uint8Array(n * 2)
  const out = nibbleScratch
  if (typeof key === 'string') {
    writeLatin1Nibbles(key, out)
  } else {
    for (let i = 0; i < key.length; i++) {
      const b = key[i]!
      out[2 * i] = b >> 4
      out[2 * i + 1] = b & 0x0f
    }
  }
  return out
}

/**
 * Apply changes (value = set, null = delete; later entries for the same key win; a key is bytes or
 * its latin1 key string) to the trie at
 * `root`, reading existing nodes from `store`. Returns the new root and the nodes the caller must
 * persist (encoded nodes of >= 32 bytes and the root, plus V1 hashed values): a map by 0x-hex hash
 * that also lists them by hash bytes.
 * Nothing is removed from the store: old nodes stay valid for older roots.
 *
 * `version` 1 (default) stores values of 33+ bytes by hash in every node it re-encodes. Pass a
 * TrieCache shared across calls to skip reloading the top of the trie on each call.
 */
export function applyChanges(
  store: NodeReader,
  root: Uint8Array,
  changes: Iterable<[Uint8Array | string, Uint8Array | null]>,
  version: TrieVersion = 1,
  cache?: TrieCache,
): { root: Uint8Array; newNodes: TrieNodeSet } {
  const m = new Mutator(readerAt(store, root), version, cache ? cache.depth : Infinity)
  // A cache that keeps one trie only gives the update the only copy of it (nothing else holds its
  // nodes between calls: reads go through the cache): it is edited in place, not copied on write,
  // and taken out of the cache until the new root is kept (a failed update leaves nothing kept).
  m.inPlace = cache !== undefined && cache.maxRoots === 1
  let tree: MemNode | null = null
  if (!isEmptyRoot(root)) {
    const rootHex = cache ? toHex(root) : ''
    const cached = cache?.take(rootHex)
    if (cached !== undefined) {
      tree = cached
      if (m.inPlace) cache!.forget(rootHex)
    } else {
      tree = m.load(root, true)
      if (cache && tree !== null && !m.inPlace) cache.keep(rootHex, tree)
    }
  }
  const apply = (value: Uint8Array | null, key: Uint8Array | string): void => {
    const nibbles = keyNibbles(key)
    m.end = key.length * 2
    if (value === null) {
      const r = m.remove(tree, nibbles, 0, 0)
      if (r !== UNCHANGED) tree = r
    } else {
      // At the root, insert always returns a node.
      tree = m.insert(tree, nibbles, 0, value, 0) as MemNode
    }
  }
  // A block's diff (a Map of key strings, with a TrieCache): the writes by storage item
  // (key-groups.ts), then the deletes. The order does not matter: the keys are distinct, and a
  // trie's shape follows from its contents.
  let grouped = cache !== undefined && changes instanceof Map && changes.size <= MAX_GROUPED
  if (grouped) {
    const memo = cache!.keys
    // The writes left for insertGrouped: few once the keys have paths (grown as needed).
    const infos: KeyInfo[] = []
    const values: Uint8Array[] = []
    const deletes: string[] = []
    const inPlace = m.inPlace
    startPathChecks()
    memo.startBatch()
    ;(changes as Map<unknown, Uint8Array | null>).forEach((value, key) => {
      if (typeof key !== 'string') grouped = false
      else if (value === null) deletes.push(key)
      else {
        const info = memo.next(key)
        const path = info.path
        // A key written in an earlier block whose path is still there goes in below it directly
        // (key-paths.ts); the others are grouped. (Written before a fall back to key by key,
        // it is written again there: a no-op.)
        if (inPlace && path !== null && pathHoldsChecked(tree, path)) writeOnPath(m, info, value)
        else {
          infos.push(info)
          values.push(value)
        }
      }
    })
    if (grouped) {
      const n = infos.length
      tree = insertGrouped(m, tree, infos, values, n)
      for (const key of deletes) apply(null, key)
      if (inPlace) for (let i = 0; i < n; i++) rememberPath(infos[i]!, tree, values[i]!)
    }
  }
  // A Map's forEach hands out key and value without the [key, value] array for-of makes per entry.
  if (!grouped) {
    if (changes instanceof Map) changes.forEach(apply)
    else for (const [key, value] of changes) apply(value, key)
  }
  if (tree === null) return { root: EMPTY_TRIE_ROOT, newNodes: m.newNodes }
  const newRoot = m.commit(tree, 0)!
  if (cache) {
    cache.noteLoaded(m.linked)
    cache.keep(toHex(newRoot), tree)
    cache.trim()
  }
  return { root: newRoot, newNodes: m.newNodes }
}

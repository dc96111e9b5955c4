// Point reads through the decoded top of a trie that an update kept (TrieCache). A block reads
// keys it is about to write (a registration's absent Owner, Uids, OwnedHotkeys… keys, the
// coldkey's account) along the paths its trie update walks next: read through the kept trie, each
// node there is loaded and decoded once, for the read and the update both, and the top levels
// cost no node-store lookup at all.
import { HASH_LEN } from './codec.js'
import { lookupBelow, type LookupHooks } from './lookup.js'
import type { TrieCache } from './mutate.js'
import { loadMemNode, type MemNode } from './mutator.js'
import { keyNibble } from './nibbles.js'
import type { NodeReader } from './store.js'

/**
 * The value under `key` in the trie of `rootHex` as `cache` keeps it; undefined when the cache
 * keeps no such trie. A node the walk loads within the kept depth is linked into the kept trie, as
 * the update's own walk links it (a committed node only gains the decoding of a child it refers
 * to by hash: the trie it stands for is the same).
 */
export function readKept(cache: TrieCache, store: NodeReader, hooks: LookupHooks, rootHex: string, key: Uint8Array): Uint8Array | null | undefined {
  const top = cache.take(rootHex)
  if (top === undefined) return undefined
  let node: MemNode | null = top
  const end = key.length * 2
  let off = 0
  let depth = 0
  for (;;) {
    if (node === null) return null
    const p: Uint8Array = node.partial
    if (end - off < p.length) return null
    for (let i = 0; i < p.length; i++) if (p[i] !== keyNibble(key, off + i)) return null
    off += p.length
    if (off === end) return node.value === null || !node.valueHashed ? node.value : hooks.load(node.value) ?? hooks.missing(node.value)
    const children: (MemNode | Uint8Array | null)[] | null = node.children
    if (children === null) return null
    const slot = keyNibble(key, off++)
    const c: MemNode | Uint8Array | null = children[slot]!
    if (c === null) return null
    if (!(c instanceof Uint8Array)) { node = c; depth++; continue }
    // An inline node's value is a view of its bytes, which an update may write the key's next
    // value over (key-paths.ts): the reader gets a copy.
    if (c.length !== HASH_LEN) return lookupBelow(hooks, c, key, off)?.slice() ?? null
    // The update keeps decoded children by hash above its kept depth (Mutator.childAt).
    if (depth + 1 >= cache.depth) return lookupBelow(hooks, c, key, off)
    const loaded = loadMemNode(store, c, false)
    if (loaded === null) return null
    children[slot] = loaded
    cache.noteLoaded()
    node = loaded
    depth++
  }
}

// Point reads through the decoded top of a trie that an update kept (TrieCache). A block reads
// keys it is about to write (a registration's absent Owner, Uids, OwnedHotkeys… keys, the
// coldkey's account) along the paths its trie update walks next: read through the kept trie, each
// node there is loaded and decoded once, for the read and the update both, and the top levels
// cost no node-store lookup at all.
import { decodeNode, HASH_LEN } from './codec.js'
import type { TrieCache } from './mutate.js'
import { loadMemNode, type MemNode } from './mutator.js'
import { keyNibble, packedNibble } from './nibbles.js'
import { MissingTrieNodeError, type NodeReader } from './store.js'

/**
 * The value under `key` in the trie of `rootHex` as `cache` keeps it; undefined when the cache
 * keeps no such trie. A node the walk loads within the kept depth is linked into the kept trie, as
 * the update's own walk links it (a committed node only gains the decoding of a child it refers
 * to by hash: the trie it stands for is the same).
 */
export function readKept(cache: TrieCache, store: NodeReader, rootHex: string, key: Uint8Array): Uint8Array | null | undefined {
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
    if (off === end) return valueOf(store, node.value, node.valueHashed)
    const children: (MemNode | Uint8Array | null)[] | null = node.children
    if (children === null) return null
    const slot = keyNibble(key, off++)
    const c: MemNode | Uint8Array | null = children[slot]!
    if (c === null) return null
    if (!(c instanceof Uint8Array)) { node = c; depth++; continue }
    // The update keeps decoded children by hash above its kept depth (Mutator.childAt).
    if (c.length !== HASH_LEN || depth + 1 >= cache.depth) return below(store, c, key, off)
    const loaded = loadMemNode(store, c, false)
    if (loaded === null) return null
    children[slot] = loaded
    node = loaded
    depth++
  }
}

/** The rest of the walk from `ref` (nibble `off` of `key` on), below the kept trie. */
function below(store: NodeReader, ref: Uint8Array, key: Uint8Array, off: number): Uint8Array | null {
  const end = key.length * 2
  let node = decodeNode(ref.length === HASH_LEN ? fetchNode(store, ref) : ref)
  for (;;) {
    if (node === null) return null
    const pl = node.partialLen
    if (end - off < pl) return null
    for (let i = 0; i < pl; i++) if (packedNibble(node.partial, pl, i) !== keyNibble(key, off + i)) return null
    off += pl
    if (off === end) return valueOf(store, node.value, node.valueHashed)
    if (node.children === null) return null
    const c = node.children[keyNibble(key, off++)]!
    if (c === null) return null
    node = decodeNode(c.length === HASH_LEN ? fetchNode(store, c) : c)
  }
}

function valueOf(store: NodeReader, value: Uint8Array | null, hashed: boolean): Uint8Array | null {
  return value === null || !hashed ? value : fetchNode(store, value)
}

function fetchNode(store: NodeReader, hash: Uint8Array): Uint8Array {
  const data = store.getNode(hash)
  if (data === undefined) throw new MissingTrieNodeError(hash)
  return data
}

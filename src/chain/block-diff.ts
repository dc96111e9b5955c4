// A block's state diff into its trie (the parent's trie updated in place of a rebuild), and the
// genesis block built from raw storage.
import { blake2_256 } from '../codec/hashing.js'
import { hexToBytes } from '../codec/bytes.js'
import { encode } from '../codec/scale.js'
import { Header, type HeaderValue } from '../frame/primitives.js'
import { fromKeyString, type Overlay, type StateBackend } from '../storage/overlay.js'
import { applyChanges, EMPTY_TRIE_ROOT, type NodeReader, type TrieCache, type TrieNodeSet } from '../storage/trie/index.js'

/** Incrementally apply the block's diff to the parent's trie. */
export function commitState(store: NodeSource, parentRoot: Uint8Array, s: Overlay): { root: Uint8Array; newNodes: TrieNodeSet } {
  return applyDiff(store, parentRoot, s.changes())
}

export type NodeSource = NodeReader

/**
 * A block rewrites many keys with the value they already hold (per-subnet accumulators, a map
 * cleared and refilled): the trie update leaves those as they are on its own (it compares at the
 * leaf it walks to anyway), so the diff goes in unfiltered; the diff itself, which announcements
 * use, keeps them.
 */
export function applyDiff(store: NodeSource, parentRoot: Uint8Array, diff: Map<string, Uint8Array | null>, cache?: TrieCache): { root: Uint8Array; newNodes: TrieNodeSet } {
  return applyChanges(store, parentRoot, diff, 1, cache)
}

/**
 * The diff without deletions of keys the parent does not hold: a block's transient items
 * (ExecutionPhase, `:extrinsic_index`, `:intrablock_entropy`, Timestamp.DidUpdate…) are written
 * and killed within it, ~9 a block, and change nothing, but the trie update would walk down for
 * each to find it missing. The parent's head state cache answers these reads (the first block
 * caches the absence). `changes` is the finished overlay's own map, edited in place.
 */
export function withoutAbsentDeletions(changes: Map<string, Uint8Array | null>, parent: StateBackend): Map<string, Uint8Array | null> {
  changes.forEach((v, ks) => {
    if (v !== null) return
    const was = parent.readString !== undefined ? parent.readString(ks) : parent.get(fromKeyString(ks), ks)
    if (was === null) changes.delete(ks)
  })
  return changes
}

/** Genesis header and trie nodes from raw genesis storage (hex key → value). */
export function genesisBlock(storage: Map<string, Uint8Array>): { header: HeaderValue; hash: Uint8Array; nodes: ReadonlyMap<string, Uint8Array> } {
  const entries: [Uint8Array, Uint8Array][] = []
  for (const [k, v] of storage) entries.push([hexToBytes(k), v])
  const empty = { getNode: () => undefined }
  const { root, newNodes } = applyChanges(empty, EMPTY_TRIE_ROOT, entries)
  const header: HeaderValue = {
    parent_hash: new Uint8Array(32), number: 0, state_root: root,
    extrinsics_root: EMPTY_TRIE_ROOT, digest: { logs: [] },
  }
  return { header, hash: blake2_256(encode(Header, header)), nodes: newNodes }
}

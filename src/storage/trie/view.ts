// Read-only access to the trie at one root: point reads, ordered iteration, next_key and the
// chainHead "closest descendant Merkle value".
import type { DecodedNode } from './codec.js'
import { isEmptyRoot } from './constants.js'
import { lookupValue, resolveRef, type LookupHooks } from './lookup.js'
import { readKept } from './kept-read.js'
import type { TrieCache } from './mutate.js'
import { toHex } from './hex.js'
import { bytesToNibbles, nibblesToBytes, packedNibble } from './nibbles.js'
import { MissingTrieNodeError, readerAt, type NodeReader } from './store.js'

type Entry = [Uint8Array, Uint8Array]

function storeHooks(store: NodeReader, memo = true): LookupHooks {
  return {
    load: (h) => store.getNode(h),
    stableBytes: memo,
    missing: (h) => {
      throw new MissingTrieNodeError(h)
    },
  }
}

/**
 * Walk state for ordered iteration. `bound` (nibbles, exclusive) and `prefix` (nibbles) only
 * constrain the walk until the current path has moved past them; then they are dropped.
 */
interface Constraint {
  bound: Uint8Array | null
  prefix: Uint8Array | null
}

export class TrieView {
  private readonly hooks: LookupHooks

  /**
   * `memo`: walks keep decoded nodes by their bytes (lookup.ts), for readers that come back to the
   * same nodes. A block builder's reads miss the head state cache only on keys new to it, walking
   * from the root its parent just wrote: the memo saves them no decode and keeps every such
   * decoding alive as long as the node cache keeps the bytes (promoted garbage); their top levels
   * are read through `kept` instead, the trie the update keeps decoded.
   */
  private readonly store: NodeReader

  constructor(
    store: NodeReader,
    readonly root: Uint8Array,
    memo = true,
    /** The decoded tops of tries a trie update keeps: reads of a trie it keeps go through it (kept-read.ts). */
    private readonly kept?: TrieCache,
  ) {
    this.store = readerAt(store, root)
    this.hooks = storeHooks(this.store, memo)
  }

  private rootHex: string | undefined

  get(key: Uint8Array): Uint8Array | null {
    if (this.kept !== undefined) {
      const v = readKept(this.kept, this.store, this.hooks, this.rootHex ??= toHex(this.root), key)
      if (v !== undefined) return v
    }
    return lookupValue(this.hooks, this.root, key)
  }

  /** The smallest key strictly greater than `key` (Substrate's `next_key`), or null. */
  nextKey(key: Uint8Array): Uint8Array | null {
    for (const [k] of this.walk(new Uint8Array(0), key, false)) return k
    return null
  }

  /** Entries whose key starts with `prefix`, in key order, strictly after `startAfter` if given. */
  entries(prefix: Uint8Array, startAfter?: Uint8Array): Iterable<Entry> {
    return this.walk(prefix, startAfter ?? null, true)
  }

  *keys(prefix: Uint8Array, startAfter?: Uint8Array): Iterable<Uint8Array> {
    for (const [k] of this.walk(prefix, startAfter ?? null, false)) yield k
  }

  private *walk(prefix: Uint8Array, startAfter: Uint8Array | null, withValues: boolean): Generator<Entry> {
    if (isEmptyRoot(this.root)) return
    const node = resolveRef(this.hooks, this.root)
    const c: Constraint = {
      bound: startAfter === null ? null : bytesToNibbles(startAfter),
      prefix: prefix.length === 0 ? null : bytesToNibbles(prefix),
    }
    yield* this.visit(node, [], c, withValues)
  }

  // `path` holds the nibbles leading to this node (excluding its partial key); it is shared and
  // extended in place, so every yielded key is a fresh copy.
  private *visit(node: DecodedNode | null, path: number[], c: Constraint, withValues: boolean): Generator<Entry> {
    if (node === null) return
    const base = path.length
    for (let i = 0; i < node.partialLen; i++) path.push(packedNibble(node.partial, node.partialLen, i))
    const len = path.length
    let { bound, prefix } = c
    let valueAllowed = true

    if (prefix !== null) {
      const m = Math.min(len, prefix.length)
      for (let i = 0; i < m; i++) {
        if (path[i] !== prefix[i]) {
          path.length = base
          return
        }
      }
      if (len >= prefix.length) prefix = null
      else valueAllowed = false // this node's key is shorter than the prefix
    }
    // Children below boundChild hold only keys <= bound; -1 when no child is constrained.
    let boundChild = -1
    if (bound !== null) {
      const m = Math.min(len, bound.length)
      let cmp = 0
      for (let i = 0; i < m && cmp === 0; i++) cmp = path[i]! - bound[i]!
      if (cmp < 0) {
        path.length = base
        return
      }
      if (cmp > 0 || len > bound.length) {
        bound = null
      } else {
        // This node's key equals the bound or is a proper prefix of it: not strictly greater.
        valueAllowed = false
        if (len === bound.length) bound = null
        else boundChild = bound[len]!
      }
    }

    if (node.value !== null && valueAllowed && (len & 1) === 0) {
      const key = nibblesToBytes(path, len)
      yield [key, withValues ? (node.valueHashed ? this.fetchValue(node.value) : node.value) : EMPTY]
    }

    if (node.children !== null) {
      let from = boundChild < 0 ? 0 : boundChild
      let to = 15
      if (prefix !== null) {
        const only = prefix[len]!
        if (only < from) {
          path.length = base
          return
        }
        from = to = only
      }
      for (let i = from; i <= to; i++) {
        const ref = node.children[i]
        if (!ref) continue
        path.push(i)
        const sub: Constraint = { prefix, bound: i === boundChild ? bound : null }
        yield* this.visit(resolveRef(this.hooks, ref), path, sub, withValues)
        path.length = len
      }
    }
    path.length = base
  }

  private fetchValue(hash: Uint8Array): Uint8Array {
    const v = this.store.getNode(hash)
    if (v === undefined) throw new MissingTrieNodeError(hash)
    return v
  }
}

const EMPTY = new Uint8Array(0)

/**
 * Merkle value of the closest node whose key starts with `prefix`: its hash, or its encoding when
 * it is inlined in its parent (the root always by hash). null if no key has that prefix.
 */
export function closestDescendantMerkleValue(store: NodeReader, root: Uint8Array, prefix: Uint8Array): Uint8Array | null {
  if (isEmptyRoot(root)) return null
  const hooks = storeHooks(readerAt(store, root))
  const want = bytesToNibbles(prefix)
  let merkle = root
  let node = resolveRef(hooks, root)
  let depth = 0
  for (;;) {
    if (node === null) return null
    const pl = node.partialLen
    const m = Math.min(pl, want.length - depth)
    for (let i = 0; i < m; i++) if (packedNibble(node.partial, pl, i) !== want[depth + i]) return null
    if (depth + pl >= want.length) return merkle
    depth += pl
    if (node.children === null) return null
    const ref = node.children[want[depth]!]
    if (!ref) return null
    depth++
    merkle = ref
    node = resolveRef(hooks, ref)
  }
}

// The node-level edits of an incremental trie update (see mutate.ts): insert, remove, normalize
// and the bottom-up commit, on decoded nodes that are copied on write.
import { decodeNode, encodeBranchKept, encodeInlineLeaf, encodeNodeKept, HASH_LEN } from './codec.js'
import { LEAF_OTHER_VALUE, LEAF_SAME_VALUE, matchInlineLeaf, withValue } from './inline-leaf.js'
import { bytesEqual, MAX_INLINE_VALUE, type TrieVersion } from './constants.js'
import { blake2_256 } from './hasher.js'
import { unpackNibbles } from './nibbles.js'
import { TrieNodeSet } from './node-set.js'
import { MissingTrieNodeError, type NodeReader } from './store.js'

export interface MemNode {
  /** Partial key, one nibble per byte. Never mutated in place (slices may be shared). */
  partial: Uint8Array
  /** Raw value, or its hash when valueHashed (a value loaded from a V1 hashed-value node). */
  value: Uint8Array | null
  valueHashed: boolean
  /** null = leaf; otherwise 16 slots. */
  children: Child[] | null
  /** The node's reference (hash or inline encoding) once committed; null while being edited. */
  ref: Uint8Array | null
}

/** An in-memory node, or a not-yet-loaded reference to a stored one. */
export type Child = MemNode | Uint8Array | null

export const UNCHANGED = Symbol('unchanged')

/** The node `ref` refers to (the root, or a hash, from `store`; else inline), decoded for editing (also kept-read.ts's walks). */
export function loadMemNode(store: NodeReader, ref: Uint8Array, isRoot: boolean): MemNode | null {
  let encoded: Uint8Array | undefined = ref
  if (isRoot || ref.length === HASH_LEN) {
    encoded = store.getNode(ref)
    if (encoded === undefined) throw new MissingTrieNodeError(ref)
  }
  const d = decodeNode(encoded)
  if (d === null) return null
  return {
    partial: unpackNibbles(d.partial, d.partialLen),
    value: d.value,
    valueHashed: d.valueHashed,
    children: d.children,
    ref,
  }
}

export class Mutator {
  readonly newNodes = new TrieNodeSet()

  /**
   * Edit committed nodes in place (they become nodes being edited) instead of copying them: only
   * when no other trie holds them, i.e. the update owns the only kept copy of its trie (see
   * applyChanges). Then the nodes keep their identity from block to block (key-paths.ts).
   */
  inPlace = false

  constructor(
    private readonly store: NodeReader,
    private readonly version: TrieVersion,
    /** Nodes at this depth (root = 0) and below are not kept decoded in committed tries. */
    private readonly keepDepth: number,
  ) {}

  /**
   * V1 values hashed while comparing (found to differ), and their hashes side by side, for commit
   * to reuse: a few dozen a block (System.Account's), found again by identity. Arrays, not a Map:
   * a Map gives each value array an identity hash and an entry, dearer than a short scan.
   */
  private readonly comparedValues: Uint8Array[] = []
  private readonly comparedHashes: Uint8Array[] = []
  /** Where the last scan of comparedValues found its value (commit meets them mostly in order). */
  private comparedAt = 0
  /**
   * The last V1 value hashed, and its hash. A per-subnet item often holds one value for every
   * subnet, and its keys are written (and committed) one after another: the value is then hashed
   * once, and stored once (commit skips a hashed value just stored), not once per subnet.
   */
  private lastValue: Uint8Array | undefined
  private lastValueHash: Uint8Array | undefined
  /** The hash of the hashed value commit stored last (the same object as lastValueHash when it repeats). */
  private lastStoredValueHash: Uint8Array | undefined

  private valueHash(value: Uint8Array): Uint8Array {
    const last = this.lastValue
    if (last !== undefined && bytesEqual(last, value)) return this.lastValueHash!
    const h = this.comparedHash(value) ?? blake2_256(value)
    this.lastValue = value
    this.lastValueHash = h
    return h
  }

  /** The hash sameHashedValue made of this very value array, if it did. */
  private comparedHash(value: Uint8Array): Uint8Array | undefined {
    const values = this.comparedValues
    const n = values.length
    // From where the last one was found, round the list once.
    for (let k = 0, i = this.comparedAt; k < n; k++, i = i + 1 === n ? 0 : i + 1) {
      if (values[i] === value) {
        this.comparedAt = i + 1 === n ? 0 : i + 1
        return this.comparedHashes[i]
      }
    }
    return undefined
  }

  /** Is `value` the one whose hash `hash` is (as this version would store it)? */
  private sameHashedValue(hash: Uint8Array, value: Uint8Array): boolean {
    if (this.version !== 1 || value.length < MAX_INLINE_VALUE) return false
    const h = this.valueHash(value)
    if (bytesEqual(h, hash)) return true
    this.comparedValues.push(value)
    this.comparedHashes.push(h)
    return false
  }

  load(ref: Uint8Array, isRoot: boolean): MemNode | null {
    return loadMemNode(this.store, ref, isRoot)
  }

  /** Slot i of a branch at `depth`, loaded; kept in the slot when within the kept depth. */
  childAt(node: MemNode, i: number, depth: number): MemNode | null {
    const c = node.children![i]!
    if (c === null || !(c instanceof Uint8Array)) return c
    const n = this.load(c, false)
    // Inline nodes (leaves, mostly) stay encoded in committed nodes: a decoded leaf kept in a
    // shared tree holds its key, value and node objects until they are promoted.
    if (depth + 1 < this.keepDepth && c.length === HASH_LEN) {
      node.children![i] = n
      this.linked++
    } else if (node.ref === null) {
      node.children![i] = n
    }
    return n
  }

  /**
   * Nodes this update added to what a kept trie holds decoded: stored nodes it decoded into kept
   * depths, and new branches and stored leaves (copies of edited nodes replace theirs and do not
   * count). TrieCache's budget counts them.
   */
  linked = 0

  /** End of the current key's nibbles in `key` (the shared scratch is longer than the key). */
  end = 0

  /**
   * A new leaf for nibbles [off, end) of `key` holding `value`, below the root: as its encoding
   * when that is short enough to sit inline in its parent (the usual leaf), else a node that
   * commit encodes (a longer leaf is stored by hash; a V1 value of 33+ bytes is hashed first).
   */
  private leaf(key: Uint8Array, off: number, value: Uint8Array): Child {
    const enc = encodeInlineLeaf(key, off, this.end, value)
    if (enc !== undefined) return enc
    this.linked++
    return newLeaf(key.slice(off, this.end), value)
  }

  /** Returns the edited node: a node, or (below the root) a new leaf's inline encoding. */
  insert(node: MemNode | null, key: Uint8Array, off: number, value: Uint8Array, depth: number): Child {
    const end = this.end
    if (node === null) return depth > 0 ? this.leaf(key, off, value) : newLeaf(key.slice(off, end), value)
    const p = node.partial
    const max = Math.min(p.length, end - off)
    let common = 0
    while (common < max && p[common] === key[off + common]) common++
    if (common < p.length) {
      const moved = this.own(node)
      moved.partial = p.subarray(common + 1)
      const branch: MemNode = { partial: p.subarray(0, common), value: null, valueHashed: false, children: emptySlots(), ref: null }
      this.linked++
      branch.children![p[common]!] = moved
      const at = off + common
      if (at === end) branch.value = value
      else branch.children![key[at]!] = this.leaf(key, at + 1, value)
      return branch
    }
    const at = off + common
    if (at === end) return this.rewriteValue(node, value) ?? node
    return this.intoSlot(node, key[at]!, key, at + 1, value, depth)
  }

  /**
   * The node holding its key's new value, edited as own() edits (in place, or a copy), or null
   * when it holds that value already: writing the value a key holds leaves the trie as it is
   * (callers need not filter).
   */
  rewriteValue(node: MemNode, value: Uint8Array): MemNode | null {
    if (node.value !== null && (node.valueHashed ? this.sameHashedValue(node.value, value) : bytesEqual(node.value, value))) return null
    const n = this.own(node)
    n.value = value
    n.valueHashed = false
    return n
  }

  /**
   * Insert below slot `slot` of `node` (at `depth`) the key whose nibbles from `off` on follow
   * that slot's nibble; returns the edited node (or `node` itself when nothing changed).
   */
  intoSlot(node: MemNode, slot: number, key: Uint8Array, off: number, value: Uint8Array, depth: number): MemNode {
    let old: MemNode | null = null
    if (node.children !== null) {
      const c = node.children[slot]!
      if (c instanceof Uint8Array && c.length < HASH_LEN) {
        // The usual write: a key of an inline leaf (kept encoded, see commit) gets a new value.
        const m = matchInlineLeaf(c, key, off, this.end, value)
        if (m !== 0) {
          if (m === LEAF_SAME_VALUE) return node
          const n = this.own(node)
          n.children![slot] = m === LEAF_OTHER_VALUE ? withValue(c, value) : this.leaf(key, off, value)
          return n
        }
      }
      old = this.childAt(node, slot, depth)
    }
    const child = this.insert(old, key, off, value, depth + 1)
    // Unchanged. (A child edited in place is the same node, but node must be marked as edited too.)
    if (child === old && old!.ref !== null) return node
    const n = this.own(node)
    if (n.children === null) n.children = emptySlots()
    n.children[slot] = child
    return n
  }

  remove(node: MemNode | null, key: Uint8Array, off: number, depth: number): MemNode | null | typeof UNCHANGED {
    if (node === null) return UNCHANGED
    const p = node.partial
    const end = this.end
    if (end - off < p.length) return UNCHANGED
    for (let i = 0; i < p.length; i++) if (p[i] !== key[off + i]) return UNCHANGED
    const at = off + p.length
    if (at === end) {
      if (node.value === null) return UNCHANGED
      const n = this.own(node)
      n.value = null
      n.valueHashed = false
      return this.normalize(n, depth)
    }
    if (node.children === null) return UNCHANGED
    const slot = key[at]!
    const old = this.childAt(node, slot, depth)
    if (old === null) return UNCHANGED
    const r = this.remove(old, key, at + 1, depth + 1)
    if (r === UNCHANGED) return UNCHANGED
    const n = this.own(node)
    n.children![slot] = r
    return this.normalize(n, depth)
  }

  /** Restore the canonical shape of an edited node after a removal (trie-db's `fix`). */
  private normalize(node: MemNode, depth: number): MemNode | null {
    const children = node.children
    if (children === null) return node.value === null ? null : node
    let count = 0
    let only = -1
    for (let i = 0; i < 16; i++) {
      if (children[i] !== null) {
        count++
        only = i
      }
    }
    if (count === 0) {
      if (node.value === null) return null
      node.children = null
      return node
    }
    if (count > 1 || node.value !== null) return node
    // A valueless branch with one child is folded into that child.
    const child = this.own(this.childAt(node, only, depth)!)
    const merged = new Uint8Array(node.partial.length + 1 + child.partial.length)
    merged.set(node.partial, 0)
    merged[node.partial.length] = only
    merged.set(child.partial, node.partial.length + 1)
    child.partial = merged
    return child
  }

  /** Encode edited nodes bottom-up, marking them committed; returns the node's reference. */
  commit(child: Child, depth: number): Uint8Array | null {
    if (child === null) return null
    if (child instanceof Uint8Array) return child
    if (child.ref !== null) return child.ref
    let refs: (Uint8Array | null)[] | null = null
    // Set slots, and the bytes their references take in the encoding (a length byte each).
    let bitmap = 0
    let refBytes = 0
    const children = child.children
    if (children !== null) {
      // One array per depth, reused: the node is encoded before any sibling at this depth is.
      refs = refsAt[depth] ??= new Array<Uint8Array | null>(16)
      const drop = depth + 1 >= this.keepDepth
      for (let i = 0; i < 16; i++) {
        const c = children[i]!
        if (c === null) {
          refs[i] = null
          continue
        }
        bitmap |= 1 << i
        // References (most of them) without a call or another check.
        if (c instanceof Uint8Array) {
          refs[i] = c
          refBytes += 1 + c.length
          continue
        }
        const r = c.ref !== null ? c.ref : this.commit(c, depth + 1)!
        refs[i] = r
        refBytes += 1 + r.length
        // Inline leaves are kept as their encoding (insert compares with it directly): their
        // node, key and value objects then die young instead of living as long as the tree.
        if (drop || (c.children === null && r.length < HASH_LEN)) children[i] = r
      }
    }
    let value = child.value
    let hashed = child.valueHashed
    if (value !== null && !hashed && this.version === 1 && value.length >= MAX_INLINE_VALUE) {
      const h = this.valueHash(value)
      if (h !== this.lastStoredValueHash) {
        this.newNodes.add(h, value)
        this.lastStoredValueHash = h
      }
      value = h
      hashed = true
      child.value = h
      child.valueHashed = true
    }
    const encoded = refs === null ? encodeNodeKept(child.partial, value, hashed, null) : encodeBranchKept(child.partial, value, hashed, refs, bitmap, refBytes)
    let ref: Uint8Array
    if (encoded.length < HASH_LEN && depth > 0) {
      ref = encoded
    } else {
      // The root is always referenced by hash, however short its encoding.
      ref = blake2_256(encoded)
      this.newNodes.add(ref, encoded)
    }
    child.ref = ref
    return ref
  }

  /**
   * The node itself if it is being edited, else an editable copy (committed nodes are shared), or
   * (inPlace) the node itself marked as being edited: its parent must then be marked too.
   */
  own(node: MemNode): MemNode {
    if (node.ref === null) return node
    if (this.inPlace) {
      node.ref = null
      return node
    }
    return copyNode(node)
  }
}

function copyNode(node: MemNode): MemNode {
  return {
    partial: node.partial,
    value: node.value,
    valueHashed: node.valueHashed,
    children: node.children === null ? null : node.children.slice(),
    ref: null,
  }
}

export function emptySlots(): Child[] {
  return [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]
}

/** `partial` is the node's own (never a view of the shared key scratch). */
function newLeaf(partial: Uint8Array, value: Uint8Array): MemNode {
  return { partial, value, valueHashed: false, children: null, ref: null }
}

/** Child references of the node being encoded, by its depth (see Mutator.commit). */
const refsAt: (Uint8Array | null)[][] = []

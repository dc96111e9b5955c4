// Incremental update of a persisted trie. Only the nodes on the paths of changed keys (plus, on
// deletes, the one sibling a collapsing branch merges with) are loaded and re-encoded; every other
// subtree keeps its existing reference. Mirrors trie-db's TrieDBMut semantics for LayoutV0/V1.
import { u8aToHex } from '@polkadot/util'
import { decodeNode, encodeNodeScratch, HASH_LEN } from './codec.js'
import { bytesEqual, EMPTY_TRIE_ROOT, isEmptyRoot, isHashedValue, type TrieVersion } from './constants.js'
import { blake2_256 } from './hasher.js'
import { bytesToNibbles, packNibbles, unpackNibbles } from './nibbles.js'
import { MissingTrieNodeError, type NodeReader } from './store.js'

interface MemNode {
  /** Partial key, one nibble per byte. Never mutated in place (slices may be shared). */
  partial: Uint8Array
  /** Raw value, or its hash when valueHashed (a value loaded from a V1 hashed-value node). */
  value: Uint8Array | null
  valueHashed: boolean
  /** null = leaf; otherwise 16 slots. */
  children: Child[] | null
  /** The node's existing reference (hash or inline encoding) while unchanged; null once dirty. */
  ref: Uint8Array | null
}

/** An in-memory node, or a not-yet-loaded reference to a stored one. */
type Child = MemNode | Uint8Array | null

const UNCHANGED = Symbol('unchanged')

class Mutator {
  readonly newNodes = new Map<string, Uint8Array>()

  constructor(
    private readonly store: NodeReader,
    private readonly version: TrieVersion,
  ) {}

  load(ref: Uint8Array, isRoot: boolean): MemNode | null {
    let encoded: Uint8Array | undefined = ref
    if (isRoot || ref.length === HASH_LEN) {
      encoded = this.store.getNode(ref)
      if (encoded === undefined) throw new MissingTrieNodeError(ref)
    }
    const d = decodeNode(encoded)
    if (d === null) return null
    let children: Child[] | null = null
    if (d.children !== null) {
      children = new Array<Child>(16)
      for (let i = 0; i < 16; i++) children[i] = d.children[i]!
    }
    return {
      partial: unpackNibbles(d.partial, d.partialLen),
      value: d.value,
      valueHashed: d.valueHashed,
      children,
      ref,
    }
  }

  /** Resolve slot i of a branch to an in-memory node, caching it in the slot. */
  private childAt(children: Child[], i: number): MemNode | null {
    const c = children[i]!
    if (c === null || !(c instanceof Uint8Array)) return c
    const n = this.load(c, false)
    children[i] = n
    return n
  }

  insert(node: MemNode | null, key: Uint8Array, off: number, value: Uint8Array): MemNode {
    if (node === null) return newLeaf(key.subarray(off), value)
    const p = node.partial
    const max = Math.min(p.length, key.length - off)
    let common = 0
    while (common < max && p[common] === key[off + common]) common++
    if (common < p.length) {
      const branch: MemNode = {
        partial: p.subarray(0, common),
        value: null,
        valueHashed: false,
        children: emptySlots(),
        ref: null,
      }
      node.partial = p.subarray(common + 1)
      node.ref = null
      branch.children![p[common]!] = node
      const at = off + common
      if (at === key.length) branch.value = value
      else branch.children![key[at]!] = newLeaf(key.subarray(at + 1), value)
      return branch
    }
    const at = off + common
    if (at === key.length) {
      if (node.value !== null && !node.valueHashed && bytesEqual(node.value, value)) return node
      node.value = value
      node.valueHashed = false
      node.ref = null
      return node
    }
    if (node.children === null) node.children = emptySlots()
    const slot = key[at]!
    const child = this.insert(this.childAt(node.children, slot), key, at + 1, value)
    node.children[slot] = child
    if (child.ref === null) node.ref = null
    return node
  }

  remove(node: MemNode | null, key: Uint8Array, off: number): MemNode | null | typeof UNCHANGED {
    if (node === null) return UNCHANGED
    const p = node.partial
    if (key.length - off < p.length) return UNCHANGED
    for (let i = 0; i < p.length; i++) if (p[i] !== key[off + i]) return UNCHANGED
    const at = off + p.length
    if (at === key.length) {
      if (node.value === null) return UNCHANGED
      node.value = null
      node.valueHashed = false
      node.ref = null
      return this.normalize(node)
    }
    if (node.children === null) return UNCHANGED
    const slot = key[at]!
    const r = this.remove(this.childAt(node.children, slot), key, at + 1)
    if (r === UNCHANGED) return UNCHANGED
    node.children[slot] = r
    node.ref = null
    return this.normalize(node)
  }

  /** Restore the canonical shape after a removal (trie-db's `fix`). */
  private normalize(node: MemNode): MemNode | null {
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
    const child = this.childAt(children, only)!
    const merged = new Uint8Array(node.partial.length + 1 + child.partial.length)
    merged.set(node.partial, 0)
    merged[node.partial.length] = only
    merged.set(child.partial, node.partial.length + 1)
    child.partial = merged
    child.ref = null
    return child
  }

  /** Encode dirty nodes bottom-up; returns the node's reference. */
  commit(child: Child, isRoot: boolean): Uint8Array | null {
    if (child === null) return null
    if (child instanceof Uint8Array) return child
    if (child.ref !== null) return child.ref
    let refs: (Uint8Array | null)[] | null = null
    if (child.children !== null) {
      refs = new Array<Uint8Array | null>(16)
      for (let i = 0; i < 16; i++) refs[i] = this.commit(child.children[i]!, false)
    }
    let value = child.value
    let hashed = child.valueHashed
    if (value !== null && !hashed && isHashedValue(value, this.version)) {
      const h = blake2_256(value)
      this.newNodes.set(u8aToHex(h), value)
      value = h
      hashed = true
    }
    const pl = child.partial.length
    const encoded = encodeNodeScratch(packNibbles(child.partial, 0, pl), pl & 1, pl, value, hashed, refs)
    if (encoded.length < HASH_LEN && !isRoot) return encoded.slice()
    const h = blake2_256(encoded)
    this.newNodes.set(u8aToHex(h), encoded.slice())
    return h
  }
}

function emptySlots(): Child[] {
  return [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]
}

function newLeaf(partial: Uint8Array, value: Uint8Array): MemNode {
  return { partial, value, valueHashed: false, children: null, ref: null }
}

/**
 * Apply changes (value = set, null = delete; later entries for the same key win) to the trie at
 * `root`, reading existing nodes from `store`. Returns the new root and the nodes the caller must
 * persist (encoded nodes of >= 32 bytes and the root, plus V1 hashed values), keyed by 0x-hex hash.
 * Nothing is removed from the store: old nodes stay valid for older roots.
 */
export function applyChanges(
  store: NodeReader,
  root: Uint8Array,
  changes: Iterable<[Uint8Array, Uint8Array | null]>,
  version: TrieVersion = 1,
): { root: Uint8Array; newNodes: Map<string, Uint8Array> } {
  const m = new Mutator(store, version)
  let tree: MemNode | null = isEmptyRoot(root) ? null : m.load(root, true)
  for (const [key, value] of changes) {
    const nibbles = bytesToNibbles(key)
    if (value === null) {
      const r = m.remove(tree, nibbles, 0)
      if (r !== UNCHANGED) tree = r
    } else {
      tree = m.insert(tree, nibbles, 0, value)
    }
  }
  if (tree === null) return { root: EMPTY_TRIE_ROOT, newNodes: m.newNodes }
  const newRoot = m.commit(tree, true)!
  return { root: newRoot, newNodes: m.newNodes }
}

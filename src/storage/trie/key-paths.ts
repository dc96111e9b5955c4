// A written key's path in the kept trie, remembered from block to block: the branches from the
// root down to the one whose slot the key's leaf sits below. When an update edits the only kept
// copy of its trie in place (Mutator.inPlace), nodes keep their identity from block to block, and
// a block that writes the key again checks that each remembered branch still hangs in the
// remembered slot of the one above (pointer compares, no partial keys compared, no grouping) and
// goes in below the last one directly.
//
// Why the check is enough: a linked node's partial key never changes while it stays in its slot.
// Copy-on-write gives a changed node a new identity; edited in place, a node whose partial key
// changes (a split moves it below a new branch, a fold merges it into its parent's place) is
// relinked in the same step, so the slot above no longer holds it. A chain of links from the
// current root therefore spells the same nibbles as when it was remembered.
import { HASH_LEN } from './codec.js'
import { LEAF_SAME_VALUE, matchInlineLeaf } from './inline-leaf.js'
import type { KeyInfo } from './key-groups.js'
import type { MemNode, Mutator } from './mutator.js'
import { Slabs } from '../slabs.js'

/**
 * Branches from the root down to the one a key goes in below, in slot nibbles[off - 1] of the key:
 * one object for all the keys below that branch (a block writes them one after another, so the
 * path's nodes are at hand for the next key).
 */
export interface KeyPath {
  /** nodes[k + 1] hung in slot slots[k] of nodes[k] (the last branch's slot is the key's own). */
  readonly nodes: MemNode[]
  readonly slots: number[]
  /** Where the key's nibbles go on below the last branch's slot. */
  readonly off: number
  /** The check stamp it was last found holding at (see pathHoldsChecked). */
  checked: number
}

/**
 * Paths found holding at the current stamp still hold: within a block's writes on paths, only a
 * write that goes in below a slot holding a branch can relink a node another path goes through
 * (writeOnPath then starts a new stamp). A write on a path edits below its last branch's slot
 * only: a leaf there (inline or a node) is rewritten or replaced, or split below a new branch,
 * and no path goes through a leaf or a branch made after it was remembered. Anything else that
 * edits the trie (grouped writes, deletes, another block) comes after a new stamp too.
 */
let checkStamp = 0

/** Starts the path checks of a block's writes on paths: none found holding yet. */
export function startPathChecks(): void {
  checkStamp++
}

/** pathHolds, unless `path` was found holding at the current stamp (a block's keys under one branch share their path). */
export function pathHoldsChecked(tree: MemNode | null, path: KeyPath): boolean {
  if (path.checked === checkStamp) return true
  if (!pathHolds(tree, path)) return false
  path.checked = checkStamp
  return true
}

/** Does `path` still lead from the root `tree` (nothing of it relinked since it was remembered)? */
export function pathHolds(tree: MemNode | null, path: KeyPath): boolean {
  const nodes = path.nodes
  if (nodes[0] !== tree) return false
  const slots = path.slots
  for (let k = 1; k < nodes.length; k++) {
    const children = nodes[k - 1]!.children
    if (children === null || children[slots[k - 1]!] !== nodes[k]) return false
  }
  return nodes[nodes.length - 1]!.children !== null
}

function samePath(a: KeyPath, nodes: MemNode[], slots: number[], off: number): boolean {
  if (a.off !== off || a.nodes.length !== nodes.length) return false
  for (let k = 0; k < nodes.length; k++) if (a.nodes[k] !== nodes[k]) return false
  for (let k = 0; k < slots.length; k++) if (a.slots[k] !== slots[k]) return false
  return true
}

/** The path rememberPath made last (the next key's is often the same). */
let lastPath: KeyPath | null = null

/**
 * The inline leaves writeOnPath makes. Their bytes are this module's own: nothing but the slot a
 * leaf sits in refers to them (a read through the kept trie copies what it finds in an inline
 * leaf, kept-read.ts; an encoding copies them), so a leaf of the current slab can take the next
 * value of its key in place. A leaf made anywhere else may be a view of a stored node.
 */
const leafSlabs = new Slabs(1 << 16)

/**
 * Writes `value` under the key of `info` below its path's last branch (the path holds, and the
 * mutator edits in place: the root stays the same node). Ancestors that were committed are marked
 * as being edited, up to the first one that is already (its own ancestors are, too).
 *
 * The usual write finds in the slot the very inline leaf of the key that its last write left there
 * (a leaf is never moved nor changed elsewhere: its identity says it is this key's, with its value
 * at valueAt), and a value of the same length: the value is compared and written without reading
 * the key or making a node.
 */
export function writeOnPath(m: Mutator, info: KeyInfo, value: Uint8Array): void {
  const path = info.path!
  const nodes = path.nodes
  const last = nodes.length - 1
  const holder = nodes[last]!
  const committed = holder.ref !== null
  const slot = info.slot
  const children = holder.children!
  const leaf = info.leaf
  const at = info.valueAt
  if (leaf !== null && children[slot] === leaf && leaf.length - at === value.length) {
    let same = true
    for (let i = 0; i < value.length; i++) {
      if (leaf[at + i] !== value[i]) {
        same = false
        break
      }
    }
    if (same) return
    // (Its slab's number tells, not its buffer: a typed array's buffer getter is a call.)
    if (info.leafSlab === leafSlabs.serial) {
      for (let i = 0; i < value.length; i++) leaf[at + i] = value[i]!
    } else {
      const copy = leafSlabs.reserve(leaf.length)
      for (let i = 0; i < at; i++) copy[i] = leaf[i]!
      for (let i = 0; i < value.length; i++) copy[at + i] = value[i]!
      children[slot] = copy
      info.leaf = copy
      info.leafSlab = leafSlabs.serial
    }
    m.own(holder)
  } else if (info.node !== null && children[slot] === info.node && info.node.children === null) {
    // The key's own leaf node (System.Account's: a V1 hashed value), still a leaf in its slot:
    // its partial key is the rest of this key (noteLeaf), so the value is written as insert
    // would, without its walk and key compare.
    if (m.rewriteValue(info.node, value) === null) return
    m.own(holder)
  } else {
    const nibbles = info.nibbles
    m.end = nibbles.length
    const c = children[slot]!
    // Below a branch, nodes other paths go through may be relinked.
    if (c !== null && !(c instanceof Uint8Array) && c.children !== null) checkStamp++
    m.intoSlot(holder, slot, nibbles, path.off, value, last)
    noteLeaf(info, children[slot]!, value)
  }
  if (committed && holder.ref === null) {
    for (let k = last - 1; k >= 0; k--) {
      const n = nodes[k]!
      if (n.ref === null) break
      n.ref = null
    }
  }
}

/**
 * Remembers the path of the key of `info` in the trie `tree` (after the key was written): the
 * branches whose partial keys it follows, down to the last one below which more of the key is
 * left than the next node's partial key (the leaf's parent, usually). None when the key ends at
 * the root.
 */
export function rememberPath(info: KeyInfo, tree: MemNode | null, value: Uint8Array): void {
  const nibbles = info.nibbles
  const end = nibbles.length
  const nodes: MemNode[] = []
  const slots: number[] = []
  let node = tree
  let off = 0
  while (node !== null && node.children !== null) {
    const p = node.partial
    if (end - off <= p.length) break
    let i = 0
    while (i < p.length && p[i] === nibbles[off + i]) i++
    if (i < p.length) break
    off += p.length
    const slot = nibbles[off]!
    nodes.push(node)
    off++
    const c = node.children[slot]!
    // Down into a branch only when the key goes on below it (else the key's write edits that
    // branch itself: its parent's slot is the one to go in below).
    if (c === null || c instanceof Uint8Array || c.children === null || end - off <= c.partial.length) break
    slots.push(slot)
    node = c
  }
  if (nodes.length === 0) {
    info.path = null
    info.leaf = null
    info.node = null
    return
  }
  const last = lastPath
  if (last !== null && samePath(last, nodes, slots, off)) info.path = last
  else info.path = lastPath = { nodes, slots, off, checked: 0 }
  const slot = nibbles[off - 1]!
  info.slot = slot
  noteLeaf(info, nodes[nodes.length - 1]!.children![slot]!, value)
}

/**
 * Remembers `c`, the content of the key's slot after a write of `value`, when it is the key's
 * inline leaf, or a leaf node. (A leaf node alone in the slot is this key's: the key was just
 * written below that slot and is in the trie. Its partial key is then the rest of the key, and
 * stays so while it is a leaf in that slot: a split puts a new branch in the slot, a fold that
 * lengthens its partial key moves it up to another slot.)
 */
function noteLeaf(info: KeyInfo, c: MemNode | Uint8Array | null, value: Uint8Array): void {
  const nibbles = info.nibbles
  info.node = null
  // Made elsewhere as far as it knows: its next write copies it into the current slab first.
  info.leafSlab = -1
  if (c instanceof Uint8Array && c.length < HASH_LEN && matchInlineLeaf(c, nibbles, info.path!.off, nibbles.length, value) === LEAF_SAME_VALUE) {
    info.leaf = c
    info.valueAt = c.length - value.length
  } else {
    info.leaf = null
    if (c !== null && !(c instanceof Uint8Array) && c.children === null) info.node = c
  }
}

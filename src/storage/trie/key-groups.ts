// A block's writes grouped by storage item: keys that share their first 32 bytes (a pallet and
// item prefix, twox128 ++ twox128) share the trie path down to there: the path is walked once per
// group, and every key of the group goes in below the deepest branch of it.
// A block rewrites the same few dozen per-subnet items, ~450 keys under ~15 prefixes of 64
// nibbles: key by key, each went down 4-5 levels comparing ~60 nibbles of partial keys.
//
// Keys are latin1 key strings. What a key string turns into (its nibbles, its group) is kept
// across blocks (a KeyMemo): the runtime writes the same keys, the same string objects, every block.
import type { KeyPath } from './key-paths.js'
import type { MemNode, Mutator } from './mutator.js'
import { Slabs } from '../slabs.js'
import { writeLatin1Nibbles } from './nibbles.js'

/** Bytes of the shared prefix: pallet (16) and item (16) hashes. */
const PREFIX = 32
const PREFIX_NIBBLES = PREFIX * 2
/** Keys a memo generation holds (two generations, as cache.ts). */
const GENERATION = 4_096
/** Bytes of one slab of keys' nibbles. */
const NIBBLE_SLAB = 1 << 16
/**
 * Batches with more writes than this go key by key: they are mostly new keys (registrations,
 * genesis), which the memo would only churn through.
 */
export const MAX_GROUPED = 2_048

export interface KeyInfo {
  /** The key's nibbles, one per byte. */
  readonly nibbles: Uint8Array
  /** Its group, or -1 for a key of the prefix's length or shorter. */
  readonly group: number
  /** Where it was in its last batch's keys (see KeyMemo.next). */
  position: number
  /** Its path in the kept trie when last written (key-paths.ts), or null. */
  path: KeyPath | null
  /** The slot of the path's last branch it goes in below (with path). */
  slot: number
  /** The inline leaf its last write left in that slot (with path), or null; its value starts at valueAt. */
  leaf: Uint8Array | null
  valueAt: number
  /** The key-paths slab (Slabs.serial) its leaf was carved from there, or -1: made elsewhere. */
  leafSlab: number
  /** Else the leaf node (a longer leaf, stored by hash) its last write left in that slot (with path), or null. */
  node: MemNode | null
}

/**
 * What key strings turn into: their nibbles and group. A group id stands for one 32-byte prefix
 * for good (ids are never reused), so keys with the same id share that prefix whatever was
 * dropped in between.
 */
export class KeyMemo {
  private young = new Map<string, KeyInfo>()
  private old = new Map<string, KeyInfo>()
  private prefixes = new Map<string, number>()
  private nextId = 0

  // Keys' nibbles are carved out of slabs in the order keys are first seen (mostly a block's
  // write order, which later blocks repeat): an update reads them from a few runs of memory, not
  // from one backing store per key. The memo's own slabs: its entries outlive node encodings.
  private readonly nibbleSlabs = new Slabs(NIBBLE_SLAB)

  info(key: string): KeyInfo {
    let k = this.young.get(key)
    if (k !== undefined) return k
    k = this.old.get(key)
    if (k === undefined) {
      let group = -1
      if (key.length > PREFIX) {
        const prefix = key.slice(0, PREFIX)
        const g = this.prefixes.get(prefix)
        if (g !== undefined) group = g
        else {
          group = this.nextId++
          this.prefixes.set(prefix, group)
        }
      }
      k = { nibbles: writeLatin1Nibbles(key, this.nibbleSlabs.reserve(key.length * 2)), group, position: -1, path: null, slot: 0, leaf: null, valueAt: 0, leafSlab: -1, node: null }
    }
    this.young.set(key, k)
    if (this.young.size >= GENERATION) {
      this.old = this.young
      this.young = new Map()
      // Prefixes are few (storage items); dropped all the same when many, ids go on.
      if (this.prefixes.size >= GENERATION) this.prefixes = new Map()
    }
    return k
  }

  // The written keys of the last batch and of this one, in order, with their infos (see next).
  private lastKeys: string[] = []
  private lastInfos: KeyInfo[] = []
  private lastCount = 0
  private keys: string[] = []
  private infos: KeyInfo[] = []
  private count = 0
  /** Where in the last batch's keys this batch's next key is expected. */
  private expected = 0

  /** Starts a batch of keys for next. */
  startBatch(): void {
    const keys = this.lastKeys
    const infos = this.lastInfos
    this.lastKeys = this.keys
    this.lastInfos = this.infos
    this.lastCount = this.count
    this.keys = keys
    this.infos = infos
    this.count = 0
    this.expected = 0
  }

  /**
   * info(key) for the next key of a batch. A block writes the same key strings in the same order
   * as the block before (the runtime runs the same code): the key is first compared with the one
   * expected there (the same string object: a pointer compare), which saves the memo's lookup, a
   * cache miss or two in a block's worth of other work. A key out of that order costs the
   * lookup, and the sequence goes on from where that key was in the last batch.
   */
  next(key: string): KeyInfo {
    const at = this.expected
    let k: KeyInfo
    if (at < this.lastCount && this.lastKeys[at] === key) k = this.lastInfos[at]!
    else k = this.info(key)
    const was = k.position
    this.expected = was >= 0 && was < this.lastCount && this.lastInfos[was] === k ? was + 1 : at
    k.position = this.count
    this.keys[this.count] = key
    this.infos[this.count++] = k
    return k
  }

  /** The group of a key (see info). */
  group(key: string): number {
    return this.info(key).group
  }
}

/**
 * Writes `values[i]` under the key of `infos[i]` (distinct keys), for i < n, into the trie `tree`
 * (null when empty) and returns its new root; the same trie as writing them one by one from the root.
 */
export function insertGrouped(m: Mutator, tree: MemNode | null, infos: readonly KeyInfo[], values: readonly Uint8Array[], n: number): MemNode | null {
  const insert = (i: number): void => {
    const nibbles = infos[i]!.nibbles
    m.end = nibbles.length
    tree = m.insert(tree, nibbles, 0, values[i]!, 0) as MemNode
  }
  // Keys by group, as lists linked through `next` (-1 ends one), groups in order of first
  // appearance; keys of the prefix's length or shorter alone.
  const next = new Array<number>(n)
  const last = new Map<number, number>()
  const firsts: number[] = []
  for (let i = 0; i < n; i++) {
    const g = infos[i]!.group
    if (g < 0) {
      insert(i)
      continue
    }
    const l = last.get(g)
    if (l === undefined) firsts.push(i)
    else next[l] = i
    next[i] = -1
    last.set(g, i)
  }
  const path: MemNode[] = []
  const slots: number[] = []
  for (const f of firsts) {
    if (next[f] === -1) {
      insert(f)
      continue
    }
    // The path the group's keys share in the trie as it is: the branches whose partial keys end
    // within the prefix. Every key of the group goes in below the last of them, in its own slot.
    const first = infos[f]!.nibbles
    path.length = 0
    slots.length = 0
    let node: MemNode | null = tree
    let off = 0
    let at = -1
    while (node !== null && node.children !== null) {
      const p = node.partial
      const end = off + p.length
      if (end > PREFIX_NIBBLES) break
      let i = 0
      while (i < p.length && p[i] === first[off + i]) i++
      if (i < p.length) break
      path.push(node)
      slots.push(first[end]!)
      at = end
      if (end === PREFIX_NIBBLES) break
      const c: MemNode | Uint8Array | null = node.children[first[end]!]!
      if (c === null || c instanceof Uint8Array) break
      node = c
      off = end + 1
    }
    if (path.length === 0) {
      for (let i = f; i !== -1; i = next[i]!) insert(i)
      continue
    }
    const depth = path.length - 1
    for (let i = f; i !== -1; i = next[i]!) {
      const nibbles = infos[i]!.nibbles
      m.end = nibbles.length
      const from = path[depth]!
      const committed = from.ref !== null
      const edited = m.intoSlot(from, nibbles[at]!, nibbles, at + 1, values[i]!, depth)
      // A copy, or (Mutator.inPlace) the node itself, committed until now: its ancestors follow.
      if (edited !== from || (committed && edited.ref === null)) tree = relink(m, path, slots, depth, edited)
    }
  }
  return tree
}

/**
 * Put `edited` in place of path[d] and copy-on-write (Mutator.own) its ancestors up to the first
 * that is being edited already (its slot then takes the copy and nothing above changes); returns the root.
 */
function relink(m: Mutator, path: MemNode[], slots: number[], d: number, edited: MemNode): MemNode {
  path[d] = edited
  for (let k = d - 1; k >= 0; k--) {
    const parent = path[k]!
    const editing = parent.ref === null
    const n = m.own(parent)
    n.children![slots[k]!] = path[k + 1]!
    if (editing) return path[0]!
    path[k] = n
  }
  return path[0]!
}

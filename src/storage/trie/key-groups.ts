// A block's writes grouped by storage item: keys that share their first 32 bytes (a pallet and
// item prefix, twox128 ++ twox128) share the trie path down to there, so after the first key of a
// group has gone down from the root, the others start at the deepest branch of that shared path.
// A block rewrites the same few dozen per-subnet items, ~450 keys under ~15 prefixes of 64
// nibbles: key by key, each went down 4-5 levels comparing ~60 nibbles of partial keys.
//
// Keys are latin1 key strings. What a key string turns into (its nibbles, its group) is kept
// across blocks in a KeyMemo: the runtime writes the same keys (the same string objects) every block.
import type { MemNode, Mutator } from './mutator.js'
import { own } from './mutator.js'

/** Bytes of the shared prefix: pallet (16) and item (16) hashes. */
const PREFIX = 32
const PREFIX_NIBBLES = PREFIX * 2
/** The memo is cleared when it holds more keys than this (a workload of ever-new keys). */
const MAX_KEYS = 16_384

interface KeyInfo {
  /** The key's nibbles, one per byte. */
  nibbles: Uint8Array
  /** Group of keys with the same 32-byte prefix; -1 for a key of 32 bytes or fewer. */
  group: number
}

export class KeyMemo {
  private readonly keys = new Map<string, KeyInfo>()
  private readonly groups = new Map<string, number>()

  info(key: string): KeyInfo {
    let k = this.keys.get(key)
    if (k !== undefined) return k
    if (this.keys.size >= MAX_KEYS) {
      this.keys.clear()
      this.groups.clear()
    }
    let group = -1
    if (key.length > PREFIX) {
      const prefix = key.slice(0, PREFIX)
      group = this.groups.get(prefix) ?? this.groups.size
      if (group === this.groups.size) this.groups.set(prefix, group)
    }
    k = { nibbles: nibblesOf(key), group }
    this.keys.set(key, k)
    return k
  }
}

function nibblesOf(key: string): Uint8Array {
  const out = new Uint8Array(key.length * 2)
  for (let i = 0; i < key.length; i++) {
    const b = key.charCodeAt(i)
    if (b > 0xff) throw new Error('trie key string is not latin1 bytes')
    out[2 * i] = b >> 4
    out[2 * i + 1] = b & 0x0f
  }
  return out
}

/**
 * Writes `values[i]` under `keys[i]` (distinct keys) into the trie `tree` (null when empty) and
 * returns its new root; the same trie as writing them one by one from the root.
 */
export function insertGrouped(m: Mutator, memo: KeyMemo, tree: MemNode | null, keys: readonly string[], values: readonly Uint8Array[]): MemNode | null {
  const infos: KeyInfo[] = new Array<KeyInfo>(keys.length)
  // Keys by group, in order of first appearance: index lists, one per group this batch touches.
  const byGroup = new Map<number, number[]>()
  for (let i = 0; i < keys.length; i++) {
    const info = (infos[i] = memo.info(keys[i]!))
    if (info.group < 0) continue
    const list = byGroup.get(info.group)
    if (list === undefined) byGroup.set(info.group, [i])
    else list.push(i)
  }
  const insert = (i: number): void => {
    const nibbles = infos[i]!.nibbles
    m.end = nibbles.length
    tree = m.insert(tree, nibbles, 0, values[i]!, 0) as MemNode
  }
  for (let i = 0; i < keys.length; i++) if (infos[i]!.group < 0) insert(i)
  const path: MemNode[] = []
  const slots: number[] = []
  byGroup.forEach((list) => {
    insert(list[0]!)
    if (list.length === 1) return
    // The shared path of the group's keys as the first one left it: branches whose partial keys
    // end within the prefix. The last of them is where the others start.
    const first = infos[list[0]!]!.nibbles
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
      for (let j = 1; j < list.length; j++) insert(list[j]!)
      return
    }
    const depth = path.length - 1
    for (let j = 1; j < list.length; j++) {
      const i = list[j]!
      const nibbles = infos[i]!.nibbles
      m.end = nibbles.length
      const from = path[depth]!
      const edited = m.intoSlot(from, nibbles[at]!, nibbles, at + 1, values[i]!, depth)
      if (edited !== from) tree = relink(path, slots, depth, edited)
    }
  })
  return tree
}

/**
 * Put `edited` in place of path[d] and copy-on-write its ancestors up to the first that is being
 * edited already (its slot then takes the copy and nothing above changes); returns the root.
 */
function relink(path: MemNode[], slots: number[], d: number, edited: MemNode): MemNode {
  path[d] = edited
  for (let k = d - 1; k >= 0; k--) {
    const parent = path[k]!
    const n = own(parent)
    n.children![slots[k]!] = path[k + 1]!
    if (n === parent) return path[0]!
    path[k] = n
  }
  return path[0]!
}

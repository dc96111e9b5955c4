// Trie root from scratch over a complete key/value set (trie-root's build_trie, for the
// no-extension layout): sort the keys, then recursively split each key range on the first nibble
// where its keys diverge. Used for genesis state and the extrinsics root.
import { encodeCompact, encodeNodeScratch, HASH_LEN } from './codec.js'
import { compareBytes, EMPTY_TRIE_ROOT, isHashedValue, type TrieVersion } from './constants.js'
import { blake2_256 } from './hasher.js'
import { toHex } from './hex.js'
import { keyNibble } from './nibbles.js'
import { keepBytes } from './slab.js'

type Entry = [Uint8Array, Uint8Array]

interface BuildCtx {
  keys: Uint8Array[]
  values: Uint8Array[]
  version: TrieVersion
  /** When set, receives every node stored by hash (and every hashed value) keyed by hex hash. */
  sink: Map<string, Uint8Array> | null
  /** Scratch child-reference rows, one per split depth (depths strictly grow down a recursion). */
  refs: (Uint8Array | null)[][]
}

/** Sort by key; when a key repeats, the last occurrence wins (as trie-root's BTreeMap collect). */
function sortedUnique(entries: Iterable<Entry>): { keys: Uint8Array[]; values: Uint8Array[] } {
  const list = Array.isArray(entries) ? (entries as Entry[]) : Array.from(entries)
  let strictlySorted = true
  for (let i = 1; i < list.length && strictlySorted; i++) strictlySorted = compareBytes(list[i - 1]![0], list[i]![0]) < 0
  if (strictlySorted) return { keys: list.map((e) => e[0]), values: list.map((e) => e[1]) }
  // Latin-1 strings order like their bytes, and the engine sorts strings natively, several times
  // faster than a comparator callback; the Map also drops earlier duplicates.
  const byKey = new Map<string, Entry>()
  for (const e of list) byKey.set(Buffer.from(e[0].buffer, e[0].byteOffset, e[0].length).toString('latin1'), e)
  const order = [...byKey.keys()].sort()
  const keys = new Array<Uint8Array>(order.length)
  const values = new Array<Uint8Array>(order.length)
  for (let i = 0; i < order.length; i++) {
    const e = byKey.get(order[i]!)!
    keys[i] = e[0]
    values[i] = e[1]
  }
  return { keys, values }
}

/** Nibbles shared by a and b from nibble `from` on (both are known to share [0, from)). */
function sharedNibbles(a: Uint8Array, b: Uint8Array, from: number): number {
  const aLen = a.length * 2
  const bLen = b.length * 2
  const limit = aLen < bLen ? aLen : bLen
  let i = from
  if (i & 1 && i < limit) {
    if ((a[i >> 1]! & 0x0f) !== (b[i >> 1]! & 0x0f)) return 0
    i++
  }
  while (i < limit) {
    const x = a[i >> 1]!
    const y = b[i >> 1]!
    if (x !== y) {
      if (x >> 4 === y >> 4) i++
      return i - from
    }
    i += 2
  }
  return limit - from
}

/** The stored form of a value: itself, or (V1, >= 33 bytes) its hash, recording the blob. */
function storedValue(ctx: BuildCtx, value: Uint8Array): Uint8Array {
  const h = blake2_256(value)
  ctx.sink?.set(toHex(h), value)
  return h
}

/** Reference to a just-encoded node (a scratch view): inline copy if short, else its hash. */
function childRef(ctx: BuildCtx, encoded: Uint8Array): Uint8Array {
  if (encoded.length < HASH_LEN) return keepBytes(encoded)
  const h = blake2_256(encoded)
  ctx.sink?.set(toHex(h), keepBytes(encoded))
  return h
}

/** Encoded node (scratch view) for keys[lo, hi), which all share their first `depth` nibbles. */
function buildRange(ctx: BuildCtx, lo: number, hi: number, depth: number): Uint8Array {
  const { keys, values, version } = ctx
  const first = keys[lo]!
  if (hi - lo === 1) {
    const v = values[lo]!
    const hashed = isHashedValue(v, version)
    return encodeNodeScratch(first, depth, first.length * 2 - depth, hashed ? storedValue(ctx, v) : v, hashed, null)
  }
  const split = depth + sharedNibbles(first, keys[hi - 1]!, depth)
  let value: Uint8Array | null = null
  let hashed = false
  let i = lo
  if (first.length * 2 === split) {
    value = values[lo]!
    hashed = isHashedValue(value, version)
    if (hashed) value = storedValue(ctx, value)
    i++
  }
  while (ctx.refs.length <= split) ctx.refs.push(new Array<Uint8Array | null>(16).fill(null))
  const refs = ctx.refs[split]!.fill(null)
  while (i < hi) {
    const nib = keyNibble(keys[i]!, split)
    let j = i + 1
    while (j < hi && keyNibble(keys[j]!, split) === nib) j++
    refs[nib] = childRef(ctx, buildRange(ctx, i, j, split + 1))
    i = j
  }
  return encodeNodeScratch(first, depth, split - depth, value, hashed, refs)
}

function build(entries: Iterable<Entry>, version: TrieVersion, sink: Map<string, Uint8Array> | null): Uint8Array {
  const { keys, values } = sortedUnique(entries)
  if (keys.length === 0) return EMPTY_TRIE_ROOT
  const ctx: BuildCtx = { keys, values, version, sink, refs: [] }
  const encoded = buildRange(ctx, 0, keys.length, 0)
  // The root is always referenced by hash, however short its encoding.
  const root = blake2_256(encoded)
  sink?.set(toHex(root), keepBytes(encoded))
  return root
}

/** State/trie root of a complete key/value set (Substrate LayoutV0/V1 `trie_root`). Default V1. */
export function trieRoot(entries: Iterable<Entry>, version: TrieVersion = 1): Uint8Array {
  return build(entries, version, null)
}

/**
 * Like trieRoot, but also returns every node the trie stores by hash (root included) and the
 * V1 hashed values, keyed by 0x-hex hash: what a node database needs to serve this state.
 */
export function buildTrie(
  entries: Iterable<Entry>,
  version: TrieVersion = 1,
): { root: Uint8Array; nodes: Map<string, Uint8Array> } {
  const nodes = new Map<string, Uint8Array>()
  const root = build(entries, version, nodes)
  return { root, nodes }
}

/** The encoded root node (sp-trie `trie_root_unhashed`); [0x00] for no entries. */
export function trieRootUnhashed(entries: Iterable<Entry>, version: TrieVersion = 1): Uint8Array {
  const { keys, values } = sortedUnique(entries)
  if (keys.length === 0) return Uint8Array.of(0)
  return buildRange({ keys, values, version, sink: null, refs: [] }, 0, keys.length, 0).slice()
}

/** Substrate `ordered_trie_root`: key i is SCALE compact(i). Used for the extrinsics root. */
export function orderedTrieRoot(values: readonly Uint8Array[], version: TrieVersion = 1): Uint8Array {
  return trieRoot(
    values.map((v, i): Entry => [encodeCompact(i), v]),
    version,
  )
}

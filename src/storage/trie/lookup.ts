// Single-key walk from a root, shared by reads, proof generation and proof checking.
import { decodeNode, HASH_LEN, type DecodedNode } from './codec.js'
import { isEmptyRoot } from './constants.js'
import { keyNibble, packedNibble } from './nibbles.js'

/** Returns the bytes stored under a hash (node or hashed value), or undefined if absent. */
export type HashLoader = (hash: Uint8Array) => Uint8Array | undefined

export type MissingHandler = (hash: Uint8Array) => never

export interface LookupHooks {
  load: HashLoader
  missing: MissingHandler
  /** Called for every node or value blob fetched by hash. */
  onFetch?: (hash: Uint8Array, data: Uint8Array) => void
  /**
   * The loader's bytes never change once handed out (a node store, not a proof under test): walks
   * may keep decoded nodes by their bytes object and skip fetches they have made before.
   */
  stableBytes?: boolean
}

function fetch(h: LookupHooks, hash: Uint8Array): Uint8Array {
  const data = h.load(hash)
  if (data === undefined) h.missing(hash)
  h.onFetch?.(hash, data)
  return data
}

/** Resolve a child reference: 32 bytes is a hash, anything shorter is the node inline. */
export function resolveRef(h: LookupHooks, ref: Uint8Array): DecodedNode | null {
  return decodeNode(ref.length === HASH_LEN ? fetch(h, ref) : ref)
}

/**
 * A decoded node and, filled in as walks pass through it, its decoded children. Keyed by the
 * encoded node's bytes object: the node store hands out the same object for a hash while it
 * caches it, so a walk in a later block re-decodes only the nodes that block changed, and reaches
 * the rest without a store lookup or a decode. Children are linked only in the top levels (at most
 * 1 + 16 + 256 + 4,096 nodes, shared by every key): a link keeps its node alive after the node
 * store has dropped it, so deeper nodes are found through the store (and this map) each time.
 */
interface Decoded { node: DecodedNode | null; kids?: (Decoded | undefined)[] }
const decodedByBytes = new WeakMap<Uint8Array, Decoded>()
const LINKED_LEVELS = 4

function decodedOf(data: Uint8Array): Decoded {
  let d = decodedByBytes.get(data)
  if (d === undefined) { d = { node: decodeNode(data) }; decodedByBytes.set(data, d) }
  return d
}

/** The value stored under `key`, or null. Throws via hooks.missing if a needed node is absent. */
export function lookupValue(h: LookupHooks, root: Uint8Array, key: Uint8Array): Uint8Array | null {
  if (isEmptyRoot(root)) return null
  // Walks that record what they fetch (proofs) must fetch every node.
  const memo = h.stableBytes === true && h.onFetch === undefined
  if (!memo) return walk(h, null, decodeNode(fetch(h, root)), key, 0)
  const at = decodedOf(fetch(h, root))
  return walk(h, at, at.node, key, 0)
}

/** lookupValue from the node `ref` refers to (a hash or an inline node), for the key's nibbles from `off` on. */
export function lookupBelow(h: LookupHooks, ref: Uint8Array, key: Uint8Array, off: number): Uint8Array | null {
  return walk(h, null, resolveRef(h, ref), key, off)
}

/** The walk down from `node` (`at`: its memo entry, when walks keep decoded nodes; null otherwise). */
function walk(h: LookupHooks, at: Decoded | null, node: DecodedNode | null, key: Uint8Array, off: number): Uint8Array | null {
  const keyLen = key.length * 2
  let level = 0
  for (;;) {
    if (node === null) return null
    const pl = node.partialLen
    if (keyLen - off < pl) return null
    for (let i = 0; i < pl; i++) {
      if (packedNibble(node.partial, pl, i) !== keyNibble(key, off + i)) return null
    }
    off += pl
    if (off === keyLen) {
      if (node.value === null) return null
      return node.valueHashed ? fetch(h, node.value) : node.value
    }
    if (node.children === null) return null
    const nibble = keyNibble(key, off)
    const child = node.children[nibble]!
    if (child === null) return null
    off++
    if (at === null) { node = resolveRef(h, child); continue }
    const linked = level++ < LINKED_LEVELS
    let next = linked ? at.kids?.[nibble] : undefined
    if (next === undefined) {
      next = child.length === HASH_LEN ? decodedOf(fetch(h, child)) : { node: decodeNode(child) }
      if (linked) (at.kids ??= new Array<Decoded | undefined>(16))[nibble] = next
    }
    at = next
    node = at.node
  }
}

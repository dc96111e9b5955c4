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

/** The value stored under `key`, or null. Throws via hooks.missing if a needed node is absent. */
export function lookupValue(h: LookupHooks, root: Uint8Array, key: Uint8Array): Uint8Array | null {
  if (isEmptyRoot(root)) return null
  let node = decodeNode(fetch(h, root))
  const keyLen = key.length * 2
  let off = 0
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
    const child = node.children[keyNibble(key, off)]!
    if (child === null) return null
    off++
    node = resolveRef(h, child)
  }
}

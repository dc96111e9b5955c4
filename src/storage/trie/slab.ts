// Copies of short-lived encodings (nodes to persist, inline child references) carved out of
// shared slabs: one big allocation serves hundreds of nodes, where a fresh Uint8Array per node
// costs a separate backing-store allocation each time (the dominant cost once encoding is fast).
import { Slabs } from '../slabs.js'

const SLAB_SIZE = 1 << 16
const MAX_SLAB_ITEM = 4096

const shared = new Slabs(SLAB_SIZE, MAX_SLAB_ITEM)

/** n bytes that belong to the caller from now on (from the trie's shared slabs). */
export function reserveBytes(n: number): Uint8Array {
  return shared.reserve(n)
}

export function keepBytes(src: Uint8Array): Uint8Array {
  const out = reserveBytes(src.length)
  out.set(src)
  return out
}

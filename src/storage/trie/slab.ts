// Copies of short-lived encodings (nodes to persist, inline child references) carved out of
// shared slabs: one big allocation serves hundreds of nodes, where a fresh Uint8Array per node
// costs a separate backing-store allocation each time (the dominant cost once encoding is fast).
const SLAB_SIZE = 1 << 16
const MAX_SLAB_ITEM = 4096

let slab = new ArrayBuffer(SLAB_SIZE)
let used = 0

/** n bytes that belong to the caller from now on: a view of a slab, or an array of its own if large. */
export function reserveBytes(n: number): Uint8Array {
  if (n > MAX_SLAB_ITEM) return new Uint8Array(n)
  if (used + n > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE)
    used = 0
  }
  // A view made by the constructor: subarray looks up a species constructor on every call.
  const out = new Uint8Array(slab, used, n)
  used += n
  return out
}

export function keepBytes(src: Uint8Array): Uint8Array {
  const out = reserveBytes(src.length)
  out.set(src)
  return out
}

// Copies of short-lived encodings (nodes to persist, inline child references) carved out of
// shared slabs: one big allocation serves hundreds of nodes, where a fresh Uint8Array per node
// costs a separate backing-store allocation each time (the dominant cost once encoding is fast).
const SLAB_SIZE = 1 << 16
const MAX_SLAB_ITEM = 4096

let slab = new Uint8Array(SLAB_SIZE)
let used = 0

export function keepBytes(src: Uint8Array): Uint8Array {
  const n = src.length
  if (n > MAX_SLAB_ITEM) return src.slice()
  if (used + n > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE)
    used = 0
  }
  const out = slab.subarray(used, used + n)
  out.set(src)
  used += n
  return out
}

// In-place writers: `slabFor(n)` returns a buffer with n free bytes at `slabTake(n)`, which then
// belong to the caller (a fresh buffer of its own when n is too large to share a slab).
let big: Uint8Array | null = null

export function slabFor(n: number): Uint8Array {
  if (n > MAX_SLAB_ITEM) return (big = new Uint8Array(n))
  big = null
  if (used + n > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE)
    used = 0
  }
  return slab
}

export function slabTake(n: number): number {
  if (big !== null) return 0
  const at = used
  used += n
  return at
}

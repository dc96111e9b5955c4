// Copies of short-lived encodings (nodes to persist, inline child references) carved out of
// shared slabs: one big allocation serves hundreds of nodes, where a fresh Uint8Array per node
// costs a separate backing-store allocation each time (the dominant cost once encoding is fast).
const SLAB_SIZE = 1 << 16
const MAX_SLAB_ITEM = 4096

/** Views carved out of slabs one after another; a slab is dropped with its last view. */
export class Slabs {
  private slab: ArrayBuffer
  private used = 0

  constructor(
    private readonly slabSize = SLAB_SIZE,
    private readonly maxItem = MAX_SLAB_ITEM,
  ) {
    this.slab = new ArrayBuffer(slabSize)
  }

  /** n bytes that belong to the caller from now on: a view of a slab, or an array of its own if large. */
  reserve(n: number): Uint8Array {
    if (n > this.maxItem) return new Uint8Array(n)
    if (this.used + n > this.slabSize) {
      this.slab = new ArrayBuffer(this.slabSize)
      this.used = 0
    }
    // A view made by the constructor: subarray looks up a species constructor on every call.
    const out = new Uint8Array(this.slab, this.used, n)
    this.used += n
    return out
  }
}

const shared = new Slabs()

/** n bytes that belong to the caller from now on (from the trie's shared slabs). */
export function reserveBytes(n: number): Uint8Array {
  return shared.reserve(n)
}

export function keepBytes(src: Uint8Array): Uint8Array {
  const out = reserveBytes(src.length)
  out.set(src)
  return out
}

// Byte arrays carved out of shared slabs: one allocation serves many small arrays, where a fresh
// Uint8Array each costs a backing store of its own (and ~210 heap bytes where a view costs ~96).
// A slab lives as long as any view of it, so the slab size bounds what a long-kept view pins.

/** Views carved out of slabs one after another; a slab is dropped with its last view. */
export class Slabs {
  private slab: ArrayBuffer
  private used = 0
  private readonly maxItem: number

  /** `maxItem`: the largest request served from a slab (larger ones get an array of their own). */
  constructor(private readonly slabSize: number, maxItem = slabSize) {
    this.slab = new ArrayBuffer(slabSize)
    this.maxItem = Math.min(maxItem, slabSize)
  }

  /** n zeroed bytes that belong to the caller from now on: a view of a slab, or an array of its own if large. */
  reserve(n: number): Uint8Array {
    if (n > this.maxItem) return new Uint8Array(n)
    if (this.used + n > this.slabSize) {
      this.slab = new ArrayBuffer(this.slabSize)
      this.used = 0
      this.serial++
    }
    // A view made by the constructor: subarray looks up a species constructor on every call.
    const out = new Uint8Array(this.slab, this.used, n)
    this.used += n
    return out
  }

  /**
   * The number of the slab reserve carves out of now (slabs are numbered as made): a caller that
   * keeps it with a view it reserved can tell later whether the view is in the current slab
   * without asking the view for its buffer.
   */
  serial = 0

  /** Is `view` carved out of the slab reserve carves out of now? */
  current(view: Uint8Array): boolean {
    return view.buffer === this.slab
  }
}

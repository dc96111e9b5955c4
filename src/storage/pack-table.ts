// The nodes of a run of node packs (node-pack.ts) by hash: what a state window holds
// (state-windows.ts). An entry is a pack number and an offset in preallocated typed arrays, found
// by the hash's first 30 bits and confirmed on all 32 bytes of the hash in the pack: adding a
// block's ~115 nodes makes no object at all, and the nodes live on in their pack's one buffer, not
// as views the GC has to carry for the tens of blocks a window lasts. A lookup makes the view.
import { packedNodeLength } from './node-pack.js'
import { HASH_LEN } from './schema.js'

/** 30 bits of a hash, plus one: never 0, which marks a free slot. */
function idOf(h: Uint8Array, off: number): number {
  return (h[off]! | (h[off + 1]! << 8) | (h[off + 2]! << 16) | ((h[off + 3]! & 0x3f) << 24)) + 1
}

export class PackTable {
  private readonly packs: Uint8Array[] = []
  private ids: Int32Array
  private packOf: Int32Array
  private offsetOf: Int32Array
  private mask: number
  private count = 0
  private packBytes = 0

  constructor(slots = 1024) {
    let n = 16
    while (n < slots) n *= 2
    this.ids = new Int32Array(n)
    this.packOf = new Int32Array(n)
    this.offsetOf = new Int32Array(n)
    this.mask = n - 1
  }

  /** Distinct hashes held. */
  get size(): number {
    return this.count
  }

  /** Packs added. */
  get packCount(): number {
    return this.packs.length
  }

  /** Bytes of the packs added. */
  get bytes(): number {
    return this.packBytes
  }

  /** Adds every node of `pack` (node-pack.ts format), which must not change afterwards. A hash held already keeps its first node: the same bytes, content-addressed. */
  addPack(pack: Uint8Array): void {
    const p = this.packs.length
    this.packs.push(pack)
    this.packBytes += pack.length
    let pos = 0
    while (pos < pack.length) {
      if (pos + HASH_LEN + 4 > pack.length) throw new Error('corrupt node pack: truncated entry header')
      const n = packedNodeLength(pack, pos)
      if (pos + HASH_LEN + 4 + n > pack.length) throw new Error('corrupt node pack: truncated node')
      const id = idOf(pack, pos)
      let s = this.slotOf(pack, pos, id)
      if (s < 0) {
        if (2 * (this.count + 1) > this.ids.length) {
          this.grow()
          s = this.slotOf(pack, pos, id)
        }
        s = ~s
        this.ids[s] = id
        this.packOf[s] = p
        this.offsetOf[s] = pos
        this.count++
      }
      pos += HASH_LEN + 4 + n
    }
  }

  /** The node (or hashed value) under `hash`, as a view into its pack. */
  get(hash: Uint8Array): Uint8Array | undefined {
    if (hash.length !== HASH_LEN) return undefined
    const s = this.slotOf(hash, 0, idOf(hash, 0))
    if (s < 0) return undefined
    const pack = this.packs[this.packOf[s]!]!
    const entry = this.offsetOf[s]!
    const at = entry + HASH_LEN + 4
    return pack.subarray(at, at + packedNodeLength(pack, entry))
  }

  /** The slot holding the hash at h[off, off + 32), or the free slot where it would go, as ~slot. */
  private slotOf(h: Uint8Array, off: number, id: number): number {
    const ids = this.ids
    for (let s = id & this.mask; ; s = (s + 1) & this.mask) {
      const at = ids[s]!
      if (at === 0) return ~s
      if (at === id && this.hashAt(s, h, off)) return s
    }
  }

  private hashAt(s: number, h: Uint8Array, off: number): boolean {
    const pack = this.packs[this.packOf[s]!]!
    const at = this.offsetOf[s]!
    for (let i = 0; i < HASH_LEN; i++) if (pack[at + i] !== h[off + i]) return false
    return true
  }

  private grow(): void {
    const { ids, packOf, offsetOf } = this
    const n = ids.length * 2
    this.ids = new Int32Array(n)
    this.packOf = new Int32Array(n)
    this.offsetOf = new Int32Array(n)
    this.mask = n - 1
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      if (id === 0) continue
      const pack = this.packs[packOf[i]!]!
      const s = ~this.slotOf(pack, offsetOf[i]!, id)
      this.ids[s] = id
      this.packOf[s] = packOf[i]!
      this.offsetOf[s] = offsetOf[i]!
    }
  }
}

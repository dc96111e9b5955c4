// The nodes of a run of node packs (node-pack.ts) by hash: what a state window holds
// (state-windows.ts). An entry is a pack number and an offset in a preallocated typed array, found
// by the hash's first 30 bits and confirmed on all 32 bytes of the hash in the pack: adding a
// block's ~115 nodes makes no object at all, and the nodes live on in their pack's one buffer, not
// as views the GC has to carry for the tens of blocks a window lasts. A lookup makes the view.
import { packedNodeLength } from './node-pack.js'
import { HASH_LEN } from './schema.js'

/** 30 bits of a hash, plus one: never 0, which marks a free slot. */
function idOf(h: Uint8Array, off: number): number {
  return (h[off]! | (h[off + 1]! << 8) | (h[off + 2]! << 16) | ((h[off + 3]! & 0x3f) << 24)) + 1
}

/** A slot's three words: the hash's id (0: free), its pack's number, the entry's offset there. */
const SLOT = 4

export class PackTable {
  private readonly packs: Uint8Array[] = []
  /**
   * The slots, SLOT words each, in one array: a probe that finds an id finds its pack and offset in
   * the same cache line (three arrays cost three misses a node on a table of ~16 K slots).
   */
  private slots: Int32Array
  private mask: number
  private count = 0
  private packBytes = 0
  /** Packs whose nodes are in the slots: packs[0, indexed). */
  private indexed = 0

  /** `expected`: hashes it will probably hold (a window after a checkpoint: about the last one's), to grow less often. */
  constructor(expected = 512) {
    let n = 16
    while (n < 2 * expected) n *= 2
    this.slots = new Int32Array(n * SLOT)
    this.mask = n - 1
  }

  /** Distinct hashes held. */
  get size(): number {
    this.indexPending()
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

  /**
   * Adds every node of `pack` (node-pack.ts format), which must not change afterwards. A hash held already keeps its first node: the same bytes, content-addressed.
   * Its nodes are indexed when a lookup first needs them: the best window gets a pack every block
   * and is looked up in mostly at its checkpoint (the chain keeps its newest trie decoded), and
   * ~7,000 inserts in one go, the table hot in the cache, cost less than ~115 a block among the
   * block's other work.
   */
  addPack(pack: Uint8Array): void {
    let pos = 0
    while (pos < pack.length) {
      if (pos + HASH_LEN + 4 > pack.length) throw new Error('corrupt node pack: truncated entry header')
      pos += HASH_LEN + 4 + packedNodeLength(pack, pos)
      if (pos > pack.length) throw new Error('corrupt node pack: truncated node')
    }
    this.packs.push(pack)
    this.packBytes += pack.length
  }

  /** Indexes the nodes of the packs added since the last lookup. */
  private indexPending(): void {
    const packs = this.packs
    for (let p = this.indexed; p < packs.length; p++) {
      const pack = packs[p]!
      for (let pos = 0; pos < pack.length; pos += HASH_LEN + 4 + packedNodeLength(pack, pos)) {
        const id = idOf(pack, pos)
        let s = this.slotOf(pack, pos, id)
        if (s >= 0) continue
        if (2 * (this.count + 1) > this.mask + 1) {
          this.grow()
          s = this.slotOf(pack, pos, id)
        }
        const at = ~s * SLOT
        const slots = this.slots
        slots[at] = id
        slots[at + 1] = p
        slots[at + 2] = pos
        this.count++
      }
    }
    this.indexed = packs.length
  }

  /** The node (or hashed value) under `hash`, as a view into its pack. */
  get(hash: Uint8Array): Uint8Array | undefined {
    if (hash.length !== HASH_LEN) return undefined
    if (this.indexed !== this.packs.length) this.indexPending()
    const s = this.slotOf(hash, 0, idOf(hash, 0))
    if (s < 0) return undefined
    const pack = this.packs[this.slots[s * SLOT + 1]!]!
    const entry = this.slots[s * SLOT + 2]!
    const at = entry + HASH_LEN + 4
    return pack.subarray(at, at + packedNodeLength(pack, entry))
  }

  /** The slot holding the hash at h[off, off + 32), or the free slot where it would go, as ~slot. */
  private slotOf(h: Uint8Array, off: number, id: number): number {
    const slots = this.slots
    for (let s = id & this.mask; ; s = (s + 1) & this.mask) {
      const at = slots[s * SLOT]!
      if (at === 0) return ~s
      if (at === id && this.hashAt(s, h, off)) return s
    }
  }

  private hashAt(s: number, h: Uint8Array, off: number): boolean {
    const pack = this.packs[this.slots[s * SLOT + 1]!]!
    const at = this.slots[s * SLOT + 2]!
    for (let i = 0; i < HASH_LEN; i++) if (pack[at + i] !== h[off + i]) return false
    return true
  }

  private grow(): void {
    const old = this.slots
    const n = (this.mask + 1) * 2
    this.slots = new Int32Array(n * SLOT)
    this.mask = n - 1
    for (let i = 0; i < old.length; i += SLOT) {
      const id = old[i]!
      if (id === 0) continue
      // Distinct hashes: the first free slot from the id's on is this one's.
      let s = id & this.mask
      while (this.slots[s * SLOT] !== 0) s = (s + 1) & this.mask
      const at = s * SLOT
      this.slots[at] = id
      this.slots[at + 1] = old[i + 1]!
      this.slots[at + 2] = old[i + 2]!
    }
  }
}

// The trie nodes the block store wrote last, by hash: a block's new nodes are checked against them
// (a node made again within a few blocks is not put again) and added, ~115 a block on the
// 32-subnet dev chain, so this must cost little per node. Two generations of open-addressed tables
// on typed arrays (as cache.ts's two generations: when the young one is full the old one is
// dropped): an entry is a slot in preallocated arrays, no object, no Map entry, nothing for the GC
// per node. A slot is found by the hash's first 30 bits and confirmed on all 32 bytes.
const HASH_LEN = 32

/** 30 bits of a hash, plus one: never 0, which marks a free slot. */
function idOf(h: Uint8Array): number {
  return (h[0]! | (h[1]! << 8) | (h[2]! << 16) | ((h[3]! & 0x3f) << 24)) + 1
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < HASH_LEN; i++) if (a[i] !== b[i]) return false
  return true
}

/** One generation: at most `capacity` entries in twice as many slots (linear probing stays short). */
class Generation {
  readonly ids: Int32Array
  readonly hashes: (Uint8Array | undefined)[]
  readonly nodes: (Uint8Array | undefined)[]
  readonly mask: number
  size = 0

  constructor(slots: number) {
    this.ids = new Int32Array(slots)
    this.hashes = new Array<Uint8Array | undefined>(slots).fill(undefined)
    this.nodes = new Array<Uint8Array | undefined>(slots).fill(undefined)
    this.mask = slots - 1
  }

  /** The slot holding `hash`, or the free slot where it would go, as ~slot. */
  slotOf(hash: Uint8Array, id: number): number {
    const ids = this.ids
    for (let s = id & this.mask; ; s = (s + 1) & this.mask) {
      const at = ids[s]!
      if (at === 0) return ~s
      if (at === id && sameHash(this.hashes[s]!, hash)) return s
    }
  }

  /** Empties it, letting go of the nodes it held. */
  clear(): void {
    this.ids.fill(0)
    this.hashes.fill(undefined)
    this.nodes.fill(undefined)
    this.size = 0
  }
}

export class RecentNodes {
  private young: Generation
  private old: Generation

  /** Holds between `capacity` and twice as many of the newest nodes. */
  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`recent node capacity must be at least 1, got ${capacity}`)
    let slots = 2
    while (slots < 2 * capacity) slots *= 2
    this.young = new Generation(slots)
    this.old = new Generation(slots)
  }

  get(hash: Uint8Array): Uint8Array | undefined {
    if (hash.length !== HASH_LEN) return undefined
    const id = idOf(hash)
    const y = this.young.slotOf(hash, id)
    if (y >= 0) return this.young.nodes[y]
    const o = this.old.slotOf(hash, id)
    return o >= 0 ? this.old.nodes[o] : undefined
  }

  /** Keeps `node` under `hash` (which must not change) unless the hash is held already; true when added. */
  add(hash: Uint8Array, node: Uint8Array): boolean {
    if (hash.length !== HASH_LEN) throw new Error(`recent node hash of ${hash.length} bytes`)
    const id = idOf(hash)
    let young = this.young
    const y = young.slotOf(hash, id)
    if (y >= 0 || this.old.slotOf(hash, id) >= 0) return false
    let free = ~y
    if (young.size >= this.capacity) {
      // The old generation goes; the full young one becomes old.
      const dropped = this.old
      dropped.clear()
      this.old = young
      this.young = young = dropped
      free = ~young.slotOf(hash, id)
    }
    young.ids[free] = id
    young.hashes[free] = hash
    young.nodes[free] = node
    young.size++
    return true
  }

  /** Entries held. */
  get size(): number {
    return this.young.size + this.old.size
  }
}

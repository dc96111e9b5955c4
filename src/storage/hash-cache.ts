// A bounded cache keyed by 32-byte hashes (trie node hashes, which are uniformly random), with the
// two generations of cache.ts, but without a string per key: an entry is found by its hash's first
// four bytes (a small-integer Map key) and confirmed on all 32. A block's new nodes and every node
// read then cost no latin1 string and no string hashing.
const HASH_LEN = 32

interface Entry<V> {
  /** The hash is key[off, off + 32): a view of a longer key (a node's column key) needs no copy. */
  key: Uint8Array
  off: number
  value: V
  /** Another entry with the same four leading bytes. */
  next: Entry<V> | undefined
}

/** 30 bits of the hash: always a small integer (a Map key without a heap number). */
function idOf(h: Uint8Array, off: number): number {
  return h[off]! | (h[off + 1]! << 8) | (h[off + 2]! << 16) | ((h[off + 3]! & 0x3f) << 24)
}

function find<V>(e: Entry<V> | undefined, h: Uint8Array, off: number): Entry<V> | undefined {
  for (; e !== undefined; e = e.next) {
    const k = e.key
    const ko = e.off
    let i = 0
    while (i < HASH_LEN && k[ko + i] === h[off + i]) i++
    if (i === HASH_LEN) return e
  }
  return undefined
}

export class HashCache<V> {
  private young = new Map<number, Entry<V>>()
  private old = new Map<number, Entry<V>>()
  private youngSize = 0
  private oldSize = 0

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`cache capacity must be at least 1, got ${capacity}`)
  }

  /** The value under hash[off, off + 32); a hit in the old generation moves to the young one. */
  get(hash: Uint8Array, off = 0): V | undefined {
    if (hash.length < off + HASH_LEN) return undefined
    const id = idOf(hash, off)
    const y = find(this.young.get(id), hash, off)
    if (y !== undefined) return y.value
    const o = find(this.old.get(id), hash, off)
    if (o === undefined) return undefined
    this.set(o.key, o.value, o.off)
    return o.value
  }

  /** Keeps `value` under hash[off, off + 32); the cache keeps `hash` itself (it must not change). */
  set(hash: Uint8Array, value: V, off = 0): void {
    if (hash.length < off + HASH_LEN) throw new Error(`hash cache key of ${hash.length - off} bytes`)
    const id = idOf(hash, off)
    const head = this.young.get(id)
    const e = find(head, hash, off)
    if (e !== undefined) {
      e.value = value
      return
    }
    this.insert(id, head, hash, value, off)
  }

  /**
   * Keeps `value` under hash[off, off + 32) unless the hash is held already (then nothing
   * changes); true when it was added.
   */
  add(hash: Uint8Array, value: V, off = 0): boolean {
    if (hash.length < off + HASH_LEN) throw new Error(`hash cache key of ${hash.length - off} bytes`)
    const id = idOf(hash, off)
    const head = this.young.get(id)
    if (find(head, hash, off) !== undefined || find(this.old.get(id), hash, off) !== undefined) return false
    this.insert(id, head, hash, value, off)
    return true
  }

  /** A new young entry in front of `head`, the young chain of `id`. */
  private insert(id: number, head: Entry<V> | undefined, hash: Uint8Array, value: V, off: number): void {
    this.young.set(id, { key: hash, off, value, next: head })
    if (++this.youngSize >= this.capacity) {
      this.old = this.young
      this.oldSize = this.youngSize
      this.young = new Map()
      this.youngSize = 0
    }
  }

  clear(): void {
    this.young = new Map()
    this.old = new Map()
    this.youngSize = this.oldSize = 0
  }

  /** Entries held; a moved-up entry counts twice until its old generation is dropped. */
  get size(): number {
    return this.youngSize + this.oldSize
  }
}

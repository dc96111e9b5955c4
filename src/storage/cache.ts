// A bounded cache with two generations instead of a true LRU: hits in the old generation are
// promoted, and when the young one fills up the old one is dropped whole. O(1) per operation with
// no per-hit reordering, which matters on the trie-node read path (thousands of reads per block).
// It holds between `capacity` and 2 × `capacity` entries.
export class BoundedCache<K, V> {
  private young = new Map<K, V>()
  private old = new Map<K, V>()

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`cache capacity must be at least 1, got ${capacity}`)
  }

  get(key: K): V | undefined {
    const v = this.young.get(key)
    if (v !== undefined) return v
    const o = this.old.get(key)
    if (o !== undefined) this.set(key, o)
    return o
  }

  set(key: K, value: V): void {
    this.young.set(key, value)
    if (this.young.size >= this.capacity) {
      this.old = this.young
      this.young = new Map()
    }
  }

  delete(key: K): void {
    this.young.delete(key)
    this.old.delete(key)
  }

  clear(): void {
    this.young.clear()
    this.old.clear()
  }

  /** Entries held; a promoted key counts twice until its old generation is dropped. */
  get size(): number {
    return this.young.size + this.old.size
  }
}

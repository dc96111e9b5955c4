// In-memory KV for unit tests. Same contract as the LevelDB backend: atomic batches, byte-order
// iteration over a snapshot taken when the iteration starts, undefined for missing keys.
import { keyFromString, keyString, type KV, type KvOp, type KvRange } from './kv.js'

export class MemoryKV implements KV {
  private readonly map = new Map<string, Uint8Array>()
  private sorted: string[] | null = null
  private closed = false

  getSync(key: Uint8Array): Uint8Array | undefined {
    this.assertOpen()
    return this.map.get(keyString(key))
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.getSync(key)
  }

  async write(ops: KvOp[]): Promise<void> {
    this.assertOpen()
    for (const op of ops) {
      const k = keyString(op.key)
      if (op.type === 'put') {
        if (!this.map.has(k)) this.sorted = null
        // Copy so that a caller reusing its buffer cannot change stored data.
        this.map.set(k, op.value.slice())
      } else if (this.map.delete(k)) {
        this.sorted = null
      }
    }
  }

  async *iterate(opts: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> {
    this.assertOpen()
    this.sorted ??= [...this.map.keys()].sort()
    const keys = this.sorted
    const gte = opts.gte === undefined ? undefined : keyString(opts.gte)
    const lt = opts.lt === undefined ? undefined : keyString(opts.lt)
    const selected: [Uint8Array, Uint8Array][] = []
    const limit = opts.limit === undefined || opts.limit < 0 ? Infinity : opts.limit
    const inRange = (k: string): boolean => (gte === undefined || k >= gte) && (lt === undefined || k < lt)
    if (opts.reverse) {
      for (let i = keys.length - 1; i >= 0 && selected.length < limit; i--) {
        const k = keys[i]!
        if (inRange(k)) selected.push([keyFromString(k), this.map.get(k)!])
      }
    } else {
      for (let i = 0; i < keys.length && selected.length < limit; i++) {
        const k = keys[i]!
        if (inRange(k)) selected.push([keyFromString(k), this.map.get(k)!])
      }
    }
    yield* selected
  }

  /** Number of stored entries (tests use it to check that nothing stray was written). */
  get size(): number {
    return this.map.size
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryKV is closed')
  }
}

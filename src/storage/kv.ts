// The only storage surface the node sees. Backends: LevelDB (level.ts) and memory (memory.ts, tests).

export type KvOp =
  | { type: 'put'; key: Uint8Array; value: Uint8Array }
  | { type: 'del'; key: Uint8Array }

export interface KvRange {
  gte?: Uint8Array
  lt?: Uint8Array
  reverse?: boolean
  limit?: number
}

/** A batch filled op by op, then written as KV.write writes a list of ops. */
export interface KvBatch {
  /** Copies the key in: the caller may reuse its buffer once put returns. */
  put(key: Uint8Array, value: Uint8Array): void
  del(key: Uint8Array): void
  /** Applies the ops as ONE atomic batch; rejects (writing nothing) if an op could not be added. */
  write(): Promise<void>
}

export interface KV {
  /** Synchronous point read; undefined when absent. */
  getSync(key: Uint8Array): Uint8Array | undefined
  get(key: Uint8Array): Promise<Uint8Array | undefined>
  /** Applies all ops as ONE atomic batch: after a crash either all of them are visible or none. */
  write(ops: KvOp[]): Promise<void>
  /**
   * A batch of the backend's own, filled as ops arrive (LevelDB: its native WriteBatch, which
   * copies each op in). Backends without one get collectedBatch: the ops listed, then write().
   */
  batch?(): KvBatch
  /** Entries in byte order of their keys (reversed when asked). */
  iterate(opts: KvRange): AsyncIterable<[Uint8Array, Uint8Array]>
  close(): Promise<void>
}

/** A batch that lists its ops and hands them to `kv.write` at once. */
export function collectedBatch(kv: Pick<KV, 'write'>): KvBatch {
  const ops: KvOp[] = []
  return {
    put: (key, value) => { ops.push({ type: 'put', key: key.slice(), value }) },
    del: (key) => { ops.push({ type: 'del', key }) },
    write: () => kv.write(ops),
  }
}

// Node's own latin1 decoder, called on the Uint8Array directly (no Buffer wrapper): 3-5x faster
// than String.fromCharCode.apply for storage keys and hashes, and it yields flat strings, which
// hash quickly as Map keys.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, start: number, end: number) => string }).latin1Slice

/**
 * A key as a latin1 string (one char per byte), for use as a Map key. String comparison of these
 * equals byte-wise comparison of the keys, so sorted maps of them iterate in key order.
 */
export function keyString(key: Uint8Array): string {
  if (latin1Slice !== undefined) return latin1Slice.call(key, 0, key.length)
  if (key.length <= 256) return String.fromCharCode.apply(null, key as unknown as number[])
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}

export function keyFromString(s: string): Uint8Array {
  // (Measured: faster than writing into a fresh Uint8Array with latin1Write or a charCodeAt loop;
  // Buffer.from decodes into its shared pool, then one copy.)
  return new Uint8Array(Buffer.from(s, 'latin1'))
}

/** The smallest key greater than every key that starts with `prefix` (undefined if none exists). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = prefix.slice()
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] !== 0xff) {
      end[i]++
      return end.subarray(0, i + 1)
    }
  }
  return undefined
}

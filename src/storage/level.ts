// LevelDB backend (classic-level 3). Keys and values are raw bytes ('view' encoding: Uint8Array in
// and out), so nothing is transcoded on the hot path.
import { ClassicLevel } from 'classic-level'
import type { KV, KvBatch, KvOp, KvRange } from './kv.js'
import { abstractBatches, nativeBatches, type BatchMaker } from './level-batch.js'

export interface LevelOptions {
  /** LevelDB block cache in bytes (classic-level default 8 MiB). */
  cacheSize?: number
  /** Memtable size in bytes; larger means fewer, larger level-0 files (default here 16 MiB). */
  writeBufferSize?: number
  /**
   * fsync every batch. Off by default: a completed batch is in the OS page cache, which survives
   * the process being killed (the crash the tests exercise) but not a power cut.
   */
  syncWrites?: boolean
  /**
   * Fill batches through abstract-level's chained batch, as when classic-level's native binding is
   * not found (level-batch.ts); for tests of that fallback.
   */
  chainedBatches?: boolean
}

type Db = ClassicLevel<Uint8Array, Uint8Array>

// classic-level hands out Buffers even for 'view'. Re-view them as plain Uint8Arrays (no copy) so
// callers get one type everywhere, and Buffer's sharing `slice` never surprises code that expects
// Uint8Array's copying `slice`.
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
const plainOrUndef = (b: Uint8Array | undefined): Uint8Array | undefined => (b === undefined ? undefined : plain(b))

// Iterators read ahead in chunks of this many entries.
const ITER_CHUNK = 256

export async function openLevelKV(path: string, opts: LevelOptions = {}): Promise<KV> {
  const db: Db = new ClassicLevel<Uint8Array, Uint8Array>(path, {
    keyEncoding: 'view',
    valueEncoding: 'view',
    cacheSize: opts.cacheSize,
    writeBufferSize: opts.writeBufferSize ?? 16 * 1024 * 1024,
    // Most bytes written are trie nodes, mostly hashes, which Snappy shrinks little, yet it runs on
    // every table block the compaction thread writes (and must inflate them again to merge). Off, that
    // thread costs ~half as much per block (~120 µs a block instead of ~240 on the 32-subnet dev
    // chain) for a database ~25 % larger. LevelDB marks each block, so older databases still read.
    compression: false,
    // Table blocks of 32 KiB rather than LevelDB's 4 KiB: the compaction thread builds and indexes
    // eight times fewer blocks for the same entries, ~20 % less of its CPU per block on the
    // 32-subnet dev chain (317 / 300 → 240 / 247 µs in the figure's window). The cost falls on
    // reads that miss every cache, each of which now reads a 32 KiB block: the chain's own updates
    // make almost none (the newest trie stays decoded, see Blockchain.trieCache), RPC reads of old
    // states pay it. Existing databases keep their older tables' block size until compacted.
    blockSize: 32 * 1024,
  })
  await db.open()
  return new LevelKV(db, opts.syncWrites === true, opts.chainedBatches === true)
}

class LevelKV implements KV {
  private readonly batches: BatchMaker

  constructor(private readonly db: Db, sync: boolean, chained: boolean) {
    this.batches = (chained ? undefined : nativeBatches(db, sync)) ?? abstractBatches(db, sync)
  }

  getSync(key: Uint8Array): Uint8Array | undefined {
    return plainOrUndef(this.db.getSync(key))
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return plainOrUndef(await this.db.get(key))
  }

  write(ops: KvOp[]): Promise<void> {
    const batch = this.batch()
    for (const op of ops) {
      if (op.type === 'put') batch.put(op.key, op.value)
      else batch.del(op.key)
    }
    return batch.write()
  }

  /** All-or-nothing, applied in order; copies each key and value in at once (a caller may reuse a key's buffer). */
  batch(): KvBatch {
    return this.batches.batch()
  }

  async *iterate(opts: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> {
    // abstract-level rejects explicit `undefined` range bounds in some versions; pass only what is set.
    const o: { gte?: Uint8Array; lt?: Uint8Array; reverse?: boolean; limit?: number } = {}
    if (opts.gte !== undefined) o.gte = opts.gte
    if (opts.lt !== undefined) o.lt = opts.lt
    if (opts.reverse) o.reverse = true
    if (opts.limit !== undefined && opts.limit >= 0) o.limit = opts.limit
    const it = this.db.iterator(o)
    try {
      for (;;) {
        const entries = await it.nextv(ITER_CHUNK)
        if (entries.length === 0) return
        for (const e of entries) yield [plain(e[0]), plain(e[1])]
      }
    } finally {
      await it.close()
    }
  }

  close(): Promise<void> {
    return this.db.close()
  }
}

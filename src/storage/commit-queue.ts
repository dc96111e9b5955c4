// Write-behind in front of a KV: submitted ops are readable at once (through the pending batches)
// and reach the KV in order as atomic batches. While one batch is being written, later
// submissions gather into the next one (group commit), so a burst of blocks costs one LevelDB
// write, not one each.
//
// Crash safety: a submission is never split across batches and batches are written strictly in
// submission order, so what survives a crash is always a prefix of the submissions.
import { collectedBatch, keyString, type KV, type KvBatch, type KvOp } from './kv.js'

interface Deferred {
  promise: Promise<void>
  resolve: () => void
  reject: (e: Error) => void
}

function deferred(): Deferred {
  let resolve!: () => void
  let reject!: (e: Error) => void
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

interface Batch {
  /**
   * The KV's batch, given each submission's ops as it arrives (a later op on a key overrides an
   * earlier one, as in LevelDB's batch): what the write costs the thread is spread over the
   * blocks it holds, not paid in whichever block the drain lands in.
   */
  writer: KvBatch
  /** Ops given to `writer`. */
  opCount: number
  /** The batch's newest op on each key, by key string: what reads see while it is pending. */
  byKey: Map<string, KvOp>
  done: Deferred
}

export interface CommitQueueOptions {
  /** A gathering batch takes no further submissions once it holds this many ops (default 8,192). */
  maxBatchOps?: number
}

export class CommitQueue {
  // Batches not yet durable, oldest first: the one being written, then those waiting. A batch
  // retires whole once durable (its map is dropped: no per-key bookkeeping); reads look from the
  // newest batch down, so a newer op on a key hides older ones.
  private readonly pending: Batch[] = []
  // The batch submissions join (the newest, while not handed to the KV yet).
  private gathering: Batch | undefined
  private readonly maxBatchOps: number
  private writing = false
  private scheduled = false
  private last: Promise<void> = Promise.resolve()
  private failure: Error | undefined

  constructor(private readonly kv: KV, opts: CommitQueueOptions = {}) {
    this.maxBatchOps = opts.maxBatchOps ?? 8_192
  }

  /** Committed-or-pending value of a key. `ks` is keyString(key) when the caller already has it. */
  read(key: Uint8Array, ks?: string): Uint8Array | undefined {
    const p = this.pending
    if (p.length !== 0) {
      const s = ks ?? keyString(key)
      for (let i = p.length - 1; i >= 0; i--) {
        const b = p[i]!
        const op = b.byKey.get(s)
        if (op !== undefined) return op.type === 'put' ? op.value : undefined
      }
    }
    return this.kv.getSync(key)
  }

  /** Pending puts whose key string starts with `prefix` (latin1), with their key strings. */
  pendingPutsWithPrefix(prefix: string): string[] {
    const out: string[] = []
    const seen = new Set<string>()
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const b = this.pending[i]!
      for (const [ks, op] of b.byKey) {
        if (!ks.startsWith(prefix) || seen.has(ks)) continue
        seen.add(ks)
        if (op.type === 'put') out.push(ks)
      }
    }
    return out
  }

  /**
   * Makes `ops` (keyed by keyString of their keys) visible to read() immediately and queues them
   * as part of one batch. Resolves when that batch is durable; rejects if it or an earlier one failed.
   */
  submit(ops: ReadonlyMap<string, KvOp>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (ops.size === 0) return this.flush()
    let batch = this.gathering
    if (batch === undefined || batch.opCount >= this.maxBatchOps) {
      batch = { writer: this.kv.batch?.() ?? collectedBatch(this.kv), opCount: 0, byKey: new Map(), done: deferred() }
      this.pending.push(batch)
      this.gathering = batch
      this.last = batch.done.promise
    }
    const byKey = batch.byKey
    const writer = batch.writer
    for (const [ks, op] of ops) {
      byKey.set(ks, op)
      if (op.type === 'put') writer.put(op.key, op.value)
      else writer.del(op.key)
    }
    batch.opCount += ops.size
    if (!this.writing && !this.scheduled) {
      // Start on a microtask so that submissions made in the same tick share the first batch.
      this.scheduled = true
      queueMicrotask(() => void this.drain())
    }
    return batch.done.promise
  }

  /** Resolves when everything submitted so far is durable. */
  flush(): Promise<void> {
    return this.failure ? Promise.reject(this.failure) : this.last
  }

  /** The write error that stopped the queue, if any. After it the pending batches stay ahead of the KV for good. */
  get failed(): Error | undefined {
    return this.failure
  }

  /** Keys written but not yet durable (a measure of how far the writer lags; a key pending in two batches counts twice). */
  get pendingKeys(): number {
    let n = 0
    for (const b of this.pending) n += b.byKey.size
    return n
  }

  private async drain(): Promise<void> {
    this.scheduled = false
    this.writing = true
    while (this.pending.length !== 0) {
      const batch = this.pending[0]!
      if (batch === this.gathering) this.gathering = undefined
      try {
        await batch.writer.write()
      } catch (e) {
        this.fail(e, batch)
        return // `writing` stays set: nothing is written after a failed batch
      }
      this.pending.shift()
      batch.done.resolve()
    }
    this.writing = false
  }

  private fail(e: unknown, failed: Batch): void {
    const err = e instanceof Error ? e : new Error(String(e))
    this.failure = err
    this.gathering = undefined
    failed.done.reject(err)
    for (const b of this.pending) if (b !== failed) b.done.reject(err)
  }
}

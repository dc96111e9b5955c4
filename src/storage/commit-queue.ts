// Write-behind in front of a KV: submitted ops are readable at once (through the pending batches)
// and reach the KV in order as atomic batches. While one batch is being written, later
// submissions gather into the next one (group commit), so a burst of blocks costs one LevelDB
// write, not one each.
//
// Crash safety: a submission is never split across batches and batches are written strictly in
// submission order, so what survives a crash is always a prefix of the submissions.
import { keyString, type KV, type KvOp } from './kv.js'

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
  /** Ops in submission order (a later op on a key overrides an earlier one, as in LevelDB's batch). */
  ops: KvOp[]
  /** The batch's newest op on each key, by key string: what reads see while it is pending. */
  byKey: Map<string, KvOp>
  done: Deferred
}

/** Ops with their key strings (keyString of each op's key), by position; a key comes twice only with the same op contents. */
export interface ListedOps {
  keys: readonly string[]
  ops: readonly KvOp[]
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
        const op = p[i]!.byKey.get(s)
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
      for (const [ks, op] of this.pending[i]!.byKey) {
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
   * `listed` are more ops of the same submission, already free of duplicate keys (content-addressed
   * puts, which then skip being gathered in a map first).
   */
  submit(ops: ReadonlyMap<string, KvOp>, listed?: ListedOps): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    const n = listed === undefined ? 0 : listed.ops.length
    if (ops.size === 0 && n === 0) return this.flush()
    let batch = this.gathering
    if (batch === undefined || batch.ops.length >= this.maxBatchOps) {
      batch = { ops: [], byKey: new Map(), done: deferred() }
      this.pending.push(batch)
      this.gathering = batch
      this.last = batch.done.promise
    }
    const byKey = batch.byKey
    const bOps = batch.ops
    for (let i = 0; i < n; i++) {
      const op = listed!.ops[i]!
      byKey.set(listed!.keys[i]!, op)
      bOps.push(op)
    }
    for (const [ks, op] of ops) {
      byKey.set(ks, op)
      bOps.push(op)
    }
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
        await this.kv.write(batch.ops)
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

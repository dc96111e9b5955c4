// Write-behind in front of a KV: submitted ops are readable at once (through an overlay) and reach
// the KV in order as atomic batches. While one batch is being written, later submissions gather
// into the next one (group commit), so a burst of blocks costs one LevelDB write, not one each.
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
  /** keyString of each op's key, by position. */
  keys: string[]
  done: Deferred
}

/** Ops with their key strings (keyString of each op's key), by position; no key twice. */
export interface ListedOps {
  keys: readonly string[]
  ops: readonly KvOp[]
}

export interface CommitQueueOptions {
  /** A gathering batch takes no further submissions once it holds this many ops (default 8,192). */
  maxBatchOps?: number
}

export class CommitQueue {
  // Pending ops by key string. An entry retires when the batch holding that very op object is
  // durable; a newer op on the same key is a different object and stays.
  private readonly overlay = new Map<string, KvOp>()
  // Batches not yet handed to the KV, oldest first; submissions join the last one.
  private readonly queue: Batch[] = []
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
    const op = this.overlay.get(ks ?? keyString(key))
    if (op !== undefined) return op.type === 'put' ? op.value : undefined
    return this.kv.getSync(key)
  }

  /** Pending puts whose key string starts with `prefix` (latin1), with their key strings. */
  pendingPutsWithPrefix(prefix: string): string[] {
    const out: string[] = []
    for (const [ks, op] of this.overlay) if (op.type === 'put' && ks.startsWith(prefix)) out.push(ks)
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
    let batch = this.queue[this.queue.length - 1]
    if (batch === undefined || batch.ops.length >= this.maxBatchOps) {
      batch = { ops: [], keys: [], done: deferred() }
      this.queue.push(batch)
      this.last = batch.done.promise
    }
    const overlay = this.overlay
    const bOps = batch.ops
    const bKeys = batch.keys
    for (let i = 0; i < n; i++) {
      const ks = listed!.keys[i]!
      const op = listed!.ops[i]!
      overlay.set(ks, op)
      bOps.push(op)
      bKeys.push(ks)
    }
    for (const [ks, op] of ops) {
      overlay.set(ks, op)
      bOps.push(op)
      bKeys.push(ks)
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

  /** The write error that stopped the queue, if any. After it the overlay is ahead of the KV for good. */
  get failed(): Error | undefined {
    return this.failure
  }

  /** Keys written but not yet durable (a measure of how far the writer lags). */
  get pendingKeys(): number {
    return this.overlay.size
  }

  private async drain(): Promise<void> {
    this.scheduled = false
    this.writing = true
    for (let batch = this.queue.shift(); batch !== undefined; batch = this.queue.shift()) {
      try {
        await this.kv.write(batch.ops)
      } catch (e) {
        this.fail(e, batch)
        return // `writing` stays set: nothing is written after a failed batch
      }
      const { ops, keys } = batch
      for (let i = 0; i < ops.length; i++) {
        const ks = keys[i]!
        if (this.overlay.get(ks) === ops[i]) this.overlay.delete(ks)
      }
      batch.done.resolve()
    }
    this.writing = false
  }

  private fail(e: unknown, failed: Batch): void {
    const err = e instanceof Error ? e : new Error(String(e))
    this.failure = err
    failed.done.reject(err)
    for (const b of this.queue.splice(0)) b.done.reject(err)
  }
}

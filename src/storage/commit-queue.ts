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

interface Pending {
  /** Batch generation that last wrote the key; the entry retires when that batch is durable. */
  gen: number
  value: Uint8Array | undefined
}

export class CommitQueue {
  private readonly overlay = new Map<string, Pending>()
  private gathering = new Map<string, KvOp>()
  private gatheringDone: Deferred | undefined
  private gen = 1
  private writing = false
  private scheduled = false
  private last: Promise<void> = Promise.resolve()
  private failure: Error | undefined

  constructor(private readonly kv: KV) {}

  /** Committed-or-pending value of a key. `ks` is keyString(key) when the caller already has it. */
  read(key: Uint8Array, ks?: string): Uint8Array | undefined {
    const p = this.overlay.get(ks ?? keyString(key))
    if (p !== undefined) return p.value
    return this.kv.getSync(key)
  }

  /** Pending puts whose key string starts with `prefix` (latin1), with their key strings. */
  pendingPutsWithPrefix(prefix: string): string[] {
    const out: string[] = []
    for (const [ks, p] of this.overlay) if (p.value !== undefined && ks.startsWith(prefix)) out.push(ks)
    return out
  }

  /**
   * Makes `ops` (keyed by keyString of their keys) visible to read() immediately and queues them
   * as part of one batch. Resolves when that batch is durable; rejects if it or an earlier one failed.
   */
  submit(ops: ReadonlyMap<string, KvOp>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (ops.size === 0) return this.flush()
    for (const [ks, op] of ops) {
      this.overlay.set(ks, { gen: this.gen, value: op.type === 'put' ? op.value : undefined })
      this.gathering.set(ks, op)
    }
    if (this.gatheringDone === undefined) {
      this.gatheringDone = deferred()
      this.last = this.gatheringDone.promise
    }
    if (!this.writing && !this.scheduled) {
      // Start on a microtask so that submissions made in the same tick share the first batch.
      this.scheduled = true
      queueMicrotask(() => void this.drain())
    }
    return this.gatheringDone.promise
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
    while (this.gathering.size > 0) {
      const batch = this.gathering
      const gen = this.gen
      const done = this.gatheringDone!
      this.gathering = new Map()
      this.gatheringDone = undefined
      this.gen++
      try {
        await this.kv.write([...batch.values()])
      } catch (e) {
        this.fail(e, done)
        return // `writing` stays set: nothing is written after a failed batch
      }
      for (const ks of batch.keys()) {
        if (this.overlay.get(ks)?.gen === gen) this.overlay.delete(ks)
      }
      done.resolve()
    }
    this.writing = false
  }

  private fail(e: unknown, done: Deferred): void {
    const err = e instanceof Error ? e : new Error(String(e))
    this.failure = err
    done.reject(err)
    this.gatheringDone?.reject(err)
    this.gatheringDone = undefined
    this.gathering.clear()
  }
}

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
  /** Listed puts of the batch's submissions (not in byKey). */
  listed: ListedPuts[]
  /** A bit for the fingerprint of every listed key (made with the first listed put): most reads miss them all. */
  listedBits: Uint32Array | undefined
  /**
   * The listed puts by key string, made by the first read that the fingerprint sends to them and
   * extended by later ones to the submissions that came since (`indexedLists` of `listed` in it):
   * a run of blocks reads none, so the commits make none; reads of pending nodes each cost a lookup.
   */
  listedIndex: Map<string, Uint8Array> | undefined
  indexedLists: number
  done: Deferred
}

/**
 * Bits of a batch's fingerprint filter of listed keys: 8 KiB, ~1 % false hits at 600 listed puts
 * (a few blocks' trie nodes).
 */
const LISTED_BITS = 1 << 16

/** The fingerprint of a listed key: the two bytes after its column byte, uniform for hash keys. */
function fingerprint(key: Uint8Array): number {
  return key.length < 3 ? 0 : key[1]! | (key[2]! << 8)
}

/** fingerprint() of the key made of a column byte and `rest`. */
function restFingerprint(rest: Uint8Array): number {
  return rest.length < 2 ? 0 : rest[0]! | (rest[1]! << 8)
}

/**
 * Content-addressed puts (a key comes twice only with the same value), all in one column that no
 * other op of the submission uses. They are not indexed as they are submitted: a block's nodes then
 * cost no Map entries here; a read that may find one indexes its batch's then (see Batch.listedIndex).
 * The arrays are the caller's, and must not change once submitted.
 */
export interface ListedPuts {
  /** First byte of every key. */
  column: number
  /**
   * Each key after its column byte (for trie nodes: the node's hash, the trie's own array), by
   * position: no key array or op object per put, which would live as long as the batch is pending.
   */
  rests: readonly Uint8Array[]
  values: readonly Uint8Array[]
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
        const bits = b.listedBits
        if (bits === undefined) continue
        const f = fingerprint(key)
        // A node older than the block store's cache of new ones (most node reads that get here)
        // is in no pending batch: a scan of every listed key of each would find nothing.
        if ((bits[f >>> 5]! & (1 << (f & 31))) === 0) continue
        const v = listedIndexOf(b).get(s)
        if (v !== undefined) return v
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
      for (const l of b.listed) {
        if (prefix.length !== 0 && prefix.charCodeAt(0) !== l.column) continue
        const column = String.fromCharCode(l.column)
        for (const rest of l.rests) {
          const ks = column + keyString(rest)
          if (!ks.startsWith(prefix) || seen.has(ks)) continue
          seen.add(ks)
          out.push(ks)
        }
      }
    }
    return out
  }

  /**
   * Makes `ops` (keyed by keyString of their keys) visible to read() immediately and queues them
   * as part of one batch. Resolves when that batch is durable; rejects if it or an earlier one failed.
   * `listed` are more puts of the same submission (see ListedPuts).
   */
  submit(ops: ReadonlyMap<string, KvOp>, listed?: ListedPuts): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    const n = listed === undefined ? 0 : listed.rests.length
    if (ops.size === 0 && n === 0) return this.flush()
    let batch = this.gathering
    if (batch === undefined || batch.opCount >= this.maxBatchOps) {
      batch = { writer: this.kv.batch?.() ?? collectedBatch(this.kv), opCount: 0, byKey: new Map(), listed: [], listedBits: undefined, listedIndex: undefined, indexedLists: 0, done: deferred() }
      this.pending.push(batch)
      this.gathering = batch
      this.last = batch.done.promise
    }
    const byKey = batch.byKey
    const writer = batch.writer
    if (n !== 0) {
      batch.listed.push(listed!)
      const bits = batch.listedBits ??= new Uint32Array(LISTED_BITS >>> 5)
      const { column, rests, values } = listed!
      for (let i = 0; i < n; i++) {
        const rest = rests[i]!
        writer.put(this.listedKey(column, rest), values[i]!)
        const f = restFingerprint(rest)
        bits[f >>> 5]! |= 1 << (f & 31)
      }
    }
    for (const [ks, op] of ops) {
      byKey.set(ks, op)
      if (op.type === 'put') writer.put(op.key, op.value)
      else writer.del(op.key)
    }
    batch.opCount += n + ops.size
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
    for (const b of this.pending) {
      n += b.byKey.size
      for (const l of b.listed) n += l.rests.length
    }
    return n
  }

  /** The key of a listed put, in a buffer reused for the next one (KvBatch.put copies the key). */
  private listedKey(column: number, rest: Uint8Array): Uint8Array {
    let k = this.keyBuffer
    if (k.length !== rest.length + 1) k = this.keyBuffer = new Uint8Array(rest.length + 1)
    k[0] = column
    k.set(rest, 1)
    return k
  }

  private keyBuffer = new Uint8Array(0)

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

/** The batch's listed puts by key string, brought up to date with its submissions. */
function listedIndexOf(b: Batch): Map<string, Uint8Array> {
  const index = b.listedIndex ??= new Map()
  for (; b.indexedLists < b.listed.length; b.indexedLists++) {
    const { column, rests, values } = b.listed[b.indexedLists]!
    const c = String.fromCharCode(column)
    for (let j = 0; j < rests.length; j++) index.set(c + keyString(rests[j]!), values[j]!)
  }
  return index
}

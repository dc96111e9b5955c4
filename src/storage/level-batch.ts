// LevelDB write batches filled op by op (the commit queue's), in two forms: on classic-level's
// native binding directly, each native batch cleared and reused once written (the fast form), and
// through abstract-level's chained batch (the fallback, when the binding is not where it is
// expected).
import { createRequire } from 'node:module'
import type { ClassicLevel } from 'classic-level'
import type { KvBatch } from './kv.js'

type Db = ClassicLevel<Uint8Array, Uint8Array>

/** The binding's batch functions (classic-level 3's binding.cc: batch_init … batch_write). */
interface BatchBinding {
  batch_init(db: object): object
  batch_put(batch: object, key: Uint8Array, value: Uint8Array): void
  batch_del(batch: object, key: Uint8Array): void
  batch_clear(batch: object): void
  batch_write(batch: object, options: { sync?: boolean }): Promise<void>
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))
const NO_OPTIONS = {}
const SYNC = { sync: true }
/** Written native batches kept for reuse: one is being written while the next fills, rarely more. */
const SPARE_BATCHES = 2
/**
 * A batch that held more bytes than this is not kept (its buffer keeps the room it grew to: a
 * genesis of a large state would otherwise pin it for good). A group of blocks holds ~20 KB each.
 */
const SPARE_MAX_BYTES = 4 << 20

/**
 * V8 keeps a typed array of up to 64 bytes inside its own heap object; N-API asked for its data
 * moves it out to a new backing store first (an allocation and its bookkeeping: ~0.3–0.8 µs a
 * put in a micro-bench, against ~0.2 for the rest of it). A block's small keys and values (hashes,
 * pointers, metas: ~14 puts) are copied into views of one off-heap buffer instead, which the
 * binding copies from at once (so the next put may reuse them).
 */
const SMALL = 64
const smallBytes = new ArrayBuffer(2 * SMALL)
/** Views of smallBytes by length: for keys at 0, for values at SMALL. */
const smallKeys = Array.from({ length: SMALL + 1 }, (_, n) => new Uint8Array(smallBytes, 0, n))
const smallValues = Array.from({ length: SMALL + 1 }, (_, n) => new Uint8Array(smallBytes, SMALL, n))

function offHeap(bytes: Uint8Array, views: Uint8Array[]): Uint8Array {
  if (bytes.length > SMALL) return bytes
  const view = views[bytes.length]!
  view.set(bytes)
  return view
}

/** Makes the batches of one database. */
export interface BatchMaker {
  batch(): KvBatch
}

/**
 * Batches on the native binding, or undefined when classic-level's internals are not as expected
 * (another version): the caller then uses abstractBatches.
 *
 * Why not abstract-level's chained batch: a block adds ~120 ops (its trie nodes, header, body, meta,
 * pointers), and for each the chained batch validates, looks up both encodings and builds an op
 * object (~90 bytes) before the native call, ~15 % of the put's cost; and a chained batch cannot be
 * used again once written, so every batch grew a fresh native WriteBatch buffer (reallocated as it
 * doubles, new pages faulted in) and left a native object for the GC to finalize. A native batch
 * cleared after its write keeps its buffer. What the chained batch adds over the binding is not used
 * here: this database has no prewrite hooks, no `write` listeners and no sublevels, and keys and
 * values are bytes ('view' encoding, passed through as they are).
 */
export function nativeBatches(db: Db, sync: boolean): BatchMaker | undefined {
  let binding: BatchBinding
  let context: object | undefined
  try {
    binding = createRequire(import.meta.url)('classic-level/binding') as BatchBinding
    const symbol = Object.getOwnPropertySymbols(db).find((s) => s.description === 'context')
    context = symbol === undefined ? undefined : (db as unknown as Record<symbol, object | undefined>)[symbol]
  } catch {
    return undefined
  }
  const fns = ['batch_init', 'batch_put', 'batch_del', 'batch_clear', 'batch_write'] as const
  if (typeof context !== 'object' || context === null || fns.some((f) => typeof binding[f] !== 'function')) return undefined
  const natives = { binding, db, dbContext: context, spare: [] as object[], options: sync ? SYNC : NO_OPTIONS }
  return { batch: () => new NativeLevelBatch(natives) }
}

/** What the native batches of one database share: the binding, the database's handle, written batches kept for reuse. */
interface Natives {
  binding: BatchBinding
  db: Db
  dbContext: object
  spare: object[]
  options: { sync?: boolean }
}

/** One native batch (a new one, or a written one cleared), taken at its first op. */
class NativeLevelBatch implements KvBatch {
  private native: object | undefined
  /** Key and value bytes added (about what the native buffer holds). */
  private bytes = 0
  /** What failed first: write() rejects with it, writing nothing; nothing throws before (as ChainedLevelBatch). */
  private failure: Error | undefined

  constructor(private readonly n: Natives) {}

  put(key: Uint8Array, value: Uint8Array): void {
    if (!this.open()) return
    // The binding takes anything that is not bytes as an empty key or value, silently.
    if (!(key instanceof Uint8Array) || !(value instanceof Uint8Array)) return this.fail(new TypeError('batch put: key and value must be byte arrays'))
    this.bytes += key.length + value.length
    try { this.n.binding.batch_put(this.native!, offHeap(key, smallKeys), offHeap(value, smallValues)) } catch (e) { this.fail(e) }
  }

  del(key: Uint8Array): void {
    if (!this.open()) return
    if (!(key instanceof Uint8Array)) return this.fail(new TypeError('batch del: the key must be a byte array'))
    this.bytes += key.length
    try { this.n.binding.batch_del(this.native!, offHeap(key, smallKeys)) } catch (e) { this.fail(e) }
  }

  write(): Promise<void> {
    // A closed database's handle is gone: a write must not reach the binding then.
    const status = this.n.db.status
    if (status !== 'open') this.fail(new Error(`database is not open (${status})`))
    if (!this.open()) return Promise.reject(this.failure)
    const { binding, spare } = this.n
    const written = this.native!
    const reusable = this.bytes <= SPARE_MAX_BYTES
    return binding.batch_write(written, this.n.options).then(() => {
      // Only a batch written whole is reused: cleared, it keeps its buffer for the next one.
      if (reusable && spare.length < SPARE_BATCHES) {
        binding.batch_clear(written)
        spare.push(written)
      }
    })
  }

  /** Whether ops can still be added (nothing failed), with the native batch taken. */
  private open(): boolean {
    if (this.failure !== undefined) return false
    if (this.native !== undefined) return true
    try {
      this.native = this.n.spare.pop() ?? this.n.binding.batch_init(this.n.dbContext)
      return true
    } catch (e) {
      this.fail(e)
      return false
    }
  }

  private fail(e: unknown): void {
    this.failure ??= asError(e)
  }
}

/** Batches through abstract-level's chained batch. */
export function abstractBatches(db: Db, sync: boolean): BatchMaker {
  return { batch: () => new ChainedLevelBatch(db, sync) }
}

/**
 * One chained batch: all-or-nothing, applied in order. The chained form measured ~40% faster here
 * than batch(array), whose native side reads each op's properties. The native batch copies each key
 * and value in at once (this database has no prewrite hooks or write listeners, which would keep
 * them): a caller may reuse a key's buffer for the next put.
 */
class ChainedLevelBatch implements KvBatch {
  private readonly native: ReturnType<Db['batch']> | undefined
  /**
   * What failed first (the batch could not be made or an op not added: a closed database):
   * write() rejects with it, as a write of a list of ops would, and nothing throws before.
   */
  private failure: Error | undefined

  constructor(db: Db, private readonly sync: boolean) {
    try { this.native = db.batch() } catch (e) { this.failure = asError(e) }
  }

  put(key: Uint8Array, value: Uint8Array): void {
    if (this.failure !== undefined) return
    try { this.native!.put(key, value) } catch (e) { this.failure = asError(e) }
  }

  del(key: Uint8Array): void {
    if (this.failure !== undefined) return
    try { this.native!.del(key) } catch (e) { this.failure = asError(e) }
  }

  write(): Promise<void> {
    if (this.failure !== undefined || this.native === undefined) {
      void this.native?.close()
      return Promise.reject(this.failure)
    }
    return this.sync ? this.native.write({ sync: true }) : this.native.write()
  }
}

// Transaction pool: ready and future queues keyed by the tags the runtime returns
// (provides/requires), priority ordering, replacement, bans, limits, and watcher statuses
// shaped like Substrate's `author_extrinsicUpdate`.
import { hexOf } from '../codec/bytes.js'
import { blake2_256 } from '../codec/hashing.js'
import { TransactionValidityError, type ValidityError, type ValidTransaction } from '../runtime/validity.js'

export type TxStatus =
  | 'future' | 'ready' | 'dropped' | 'invalid'
  | { inBlock: string } | { finalized: string } | { retracted: string } | { usurped: string } | { broadcast: string[] }

export type PoolErrorKind = 'Invalid' | 'Unknown' | 'TemporarilyBanned' | 'AlreadyImported' | 'TooLowPriority' | 'ImmediatelyDropped'

export class PoolError extends Error {
  constructor(readonly kind: PoolErrorKind, readonly validity?: ValidityError, readonly detail?: { old: bigint; new: bigint } | string) {
    super(kind)
  }
}

export interface PoolTx {
  hash: Uint8Array
  hashHex: string
  raw: Uint8Array
  priority: bigint
  requires: string[]
  provides: string[]
  longevity: bigint
  /** Insertion order: older transactions go first among equal priorities. */
  seq: number
  ready: boolean
}

export interface PoolLimits { readyCount: number; readyBytes: number; futureCount: number; futureBytes: number; banMs: number }
export const DEFAULT_POOL_LIMITS: PoolLimits = {
  readyCount: 8192, readyBytes: 20 * 1024 * 1024, futureCount: 512, futureBytes: 1024 * 1024, banMs: 30 * 60_000,
}

type Validate = (raw: Uint8Array) => ValidTransaction

/**
 * Tags as hex, in an array built by push: arrays made by `map` come out with another elements
 * kind once TurboFan inlines it, so the code iterating them would meet two maps and deoptimise.
 */
function hexTags(tags: Uint8Array[]): string[] {
  const out: string[] = []
  for (const t of tags) out.push(hexOf(t))
  return out
}

/** `0x` + the 32-byte account that starts a CheckNonce tag. */
const ACCOUNT_TAG_HEX = 2 + 64
type Watcher = (status: TxStatus) => void

export class TxPool {
  private readonly txs = new Map<string, PoolTx>()
  private readonly byTag = new Map<string, PoolTx>()
  private readonly watchers = new Map<string, Set<Watcher>>()
  private readonly banned = new Map<string, number>()
  private seq = 0
  /** Called when a transaction became ready (the instant-seal producer listens). */
  onReady: () => void = () => {}

  constructor(private readonly limits: PoolLimits = DEFAULT_POOL_LIMITS, private readonly now: () => number = Date.now) {}

  get size(): number { return this.txs.size }
  /** Whether any transaction has a watcher. */
  get watched(): boolean { return this.watchers.size > 0 }
  has(hashHex: string): boolean { return this.txs.has(hashHex) }
  get(hashHex: string): PoolTx | undefined { return this.txs.get(hashHex) }

  /**
   * Validate and insert; throws PoolError. Returns the entry (ready or future). `hash`: blake2_256
   * of `raw` when the caller has it already (the runtime's decoding hashed the bytes).
   */
  submit(raw: Uint8Array, validate: Validate, hash: Uint8Array = blake2_256(raw)): PoolTx {
    const hashHex = hexOf(hash)
    if (this.txs.has(hashHex)) throw new PoolError('AlreadyImported', undefined, hashHex)
    const bannedUntil = this.banned.get(hashHex)
    if (bannedUntil !== undefined) {
      if (bannedUntil > this.now()) throw new PoolError('TemporarilyBanned')
      this.banned.delete(hashHex)
    }
    let v: ValidTransaction
    try {
      v = validate(raw)
    } catch (e) {
      if (e instanceof TransactionValidityError) throw new PoolError(e.error.kind === 'Invalid' ? 'Invalid' : 'Unknown', e.error)
      throw e
    }
    const tx: PoolTx = {
      hash, hashHex, raw, priority: v.priority, longevity: v.longevity, seq: this.seq++, ready: false,
      requires: hexTags(v.requires), provides: hexTags(v.provides),
    }
    // A transaction providing the same tag replaces the old one only with a higher priority.
    const usurped: PoolTx[] = []
    for (const tag of tx.provides) {
      const other = this.byTag.get(tag)
      if (!other) continue
      if (other.priority >= tx.priority) throw new PoolError('TooLowPriority', undefined, { old: other.priority, new: tx.priority })
      usurped.push(other)
    }
    // Refuse before touching anything when the queue it would join is full.
    if (!this.hasRoomFor(tx, usurped)) throw new PoolError('ImmediatelyDropped')
    for (const u of usurped) { this.removeOne(u); this.notify(u.hashHex, { usurped: hashHex }, true) }
    this.insert(tx)
    return tx
  }

  watch(hashHex: string, w: Watcher): () => void {
    let set = this.watchers.get(hashHex)
    if (!set) { set = new Set(); this.watchers.set(hashHex, set) }
    set.add(w)
    return () => { set!.delete(w); if (set!.size === 0) this.watchers.delete(hashHex) }
  }

  /**
   * Ready transactions in the order a block should take them: by priority, then age; a
   * transaction whose requirement is provided by another pooled one follows right after it.
   */
  *readyInOrder(): Generator<PoolTx> {
    const ready = [...this.txs.values()].filter((t) => t.ready)
      .sort((a, b) => (a.priority === b.priority ? a.seq - b.seq : a.priority > b.priority ? -1 : 1))
    const provided = new Set<string>()
    const parked = new Map<string, PoolTx[]>()
    const blockedOn = (t: PoolTx): string | undefined => t.requires.find((r) => !provided.has(r) && this.byTag.has(r))
    const emit = function* (t: PoolTx): Generator<PoolTx> {
      const stack = [t]
      while (stack.length) {
        const cur = stack.pop()!
        yield cur
        for (const p of cur.provides) {
          provided.add(p)
          const waiting = parked.get(p)
          if (!waiting) continue
          parked.delete(p)
          for (const w of waiting.reverse()) {
            const still = blockedOn(w)
            if (still === undefined) stack.push(w)
            else { const l = parked.get(still) ?? []; l.push(w); parked.set(still, l) }
          }
        }
      }
    }
    for (const t of ready) {
      const b = blockedOn(t)
      if (b === undefined) yield* emit(t)
      else { const l = parked.get(b) ?? []; l.push(t); parked.set(b, l) }
    }
  }

  all(): PoolTx[] { return [...this.txs.values()].sort((a, b) => a.seq - b.seq) }

  /** Remove by hash, e.g. author_removeExtrinsic; watchers see `dropped`... unless `invalid`. */
  remove(hashHex: string, status: TxStatus = 'dropped', ban = false): boolean {
    const tx = this.txs.get(hashHex)
    if (!tx) return false
    this.removeOne(tx)
    if (ban) this.banned.set(hashHex, this.now() + this.limits.banMs)
    this.notify(hashHex, status, true)
    return true
  }

  /** A block containing these transactions was imported on the best chain: out of the pool, watchers told. */
  included(blockHashHex: string, txHashes: string[]): void {
    this.taken(txHashes)
    for (const h of txHashes) this.notify(h, { inBlock: blockHashHex }, false)
  }

  /** Out of the pool without telling watchers yet (the block is not durable yet). */
  taken(txHashes: string[]): void {
    for (const h of txHashes) {
      const tx = this.txs.get(h)
      if (!tx) continue
      for (const p of tx.provides) this.touched.add(p.slice(0, ACCOUNT_TAG_HEX))
      this.removeOne(tx)
    }
  }

  /** The block that included these transactions left the best chain. */
  retracted(blockHashHex: string, txHashes: string[]): void {
    for (const h of txHashes) this.notify(h, { retracted: blockHashHex }, false)
  }

  finalizedIn(blockHashHex: string, txHashes: string[]): void {
    for (const h of txHashes) this.notify(h, { finalized: blockHashHex }, true)
  }

  /**
   * Make the pool hold exactly `raws` (dev_revert restoring a snapshot's pool): others are dropped,
   * kept ones re-checked against the new state, missing ones resubmitted (bans lifted: they were
   * poolable at the snapshot). A transaction the new state refuses stays out.
   */
  replaceAll(raws: readonly Uint8Array[], validate: Validate): void {
    const wanted = new Map(raws.map((r) => [hexOf(blake2_256(r)), r]))
    for (const tx of this.all()) if (!wanted.has(tx.hashHex)) this.remove(tx.hashHex)
    this.revalidate(validate, true)
    for (const [h, raw] of wanted) {
      if (this.txs.has(h)) continue
      this.banned.delete(h)
      try {
        this.submit(raw, validate)
      } catch (e) {
        if (!(e instanceof PoolError)) throw e
      }
    }
  }

  /**
   * Re-check pooled transactions against the new best state and drop what became invalid. By
   * default only those whose provided tags share an account with a transaction included since the
   * last call (the tags are SCALE `(AccountId, nonce)`); `full` re-checks all of them.
   */
  revalidate(validate: Validate, full = false): void {
    const touched = this.touched
    // An empty pool has nothing to re-check (every block of a run of empty blocks calls this).
    if (this.txs.size === 0) { if (touched.size > 0) this.touched = new Set(); return }
    this.touched = new Set()
    const entries = this.all()
    const subject = full ? entries : entries.filter((t) => t.provides.some((p) => touched.has(p.slice(0, ACCOUNT_TAG_HEX))))
    if (subject.length === 0) return
    const results = new Map<PoolTx, ValidTransaction | 'drop'>()
    for (const tx of subject) {
      try {
        results.set(tx, validate(tx.raw))
      } catch (e) {
        if (!(e instanceof TransactionValidityError)) throw e
        if (!(e.error.kind === 'Invalid' && e.error.reason === 'Future')) results.set(tx, 'drop')
      }
    }
    // Rebuild the indexes from scratch so promotions and demotions are consistent.
    this.txs.clear()
    this.byTag.clear()
    this.waiting.clear()
    Object.assign(this.counts, { readyCount: 0, readyBytes: 0, futureCount: 0, futureBytes: 0 })
    for (const tx of entries) {
      const r = results.get(tx)
      if (r === 'drop') { this.notify(tx.hashHex, 'invalid', true); continue }
      if (r) {
        tx.priority = r.priority
        tx.requires = hexTags(r.requires)
        tx.provides = hexTags(r.provides)
      }
      const was = tx.ready
      tx.ready = false
      this.insert(tx, was)
    }
  }

  /** Account prefixes (hex) of tags provided by transactions included since the last revalidation. */
  private touched = new Set<string>()

  private insert(tx: PoolTx, wasReady = false): void {
    this.txs.set(tx.hashHex, tx)
    this.count(tx, 1)
    for (const p of tx.provides) this.byTag.set(p, tx)
    const missing = tx.requires.find((r) => this.byTag.get(r)?.ready !== true)
    if (missing === undefined) {
      // Only news wakes the producer: a transaction that was ready before revalidation is not.
      if (this.makeReady(tx, wasReady)) this.onReady()
    } else {
      let w = this.waiting.get(missing)
      if (!w) { w = new Set(); this.waiting.set(missing, w) }
      w.add(tx)
      if (!wasReady) this.notify(tx.hashHex, 'future', false)
    }
  }

  /**
   * Mark ready and wake the future transactions that were waiting for its tags. True when a
   * transaction became ready that was not ready before (not `quiet`).
   */
  private makeReady(first: PoolTx, quiet: boolean): boolean {
    const stack: [PoolTx, boolean][] = [[first, quiet]]
    let news = false
    while (stack.length) {
      const [tx, q] = stack.pop()!
      this.count(tx, -1)
      tx.ready = true
      this.count(tx, 1)
      if (!q) { news = true; this.notify(tx.hashHex, 'ready', false) }
      for (const p of tx.provides) {
        const w = this.waiting.get(p)
        if (!w) continue
        this.waiting.delete(p)
        for (const f of w) {
          if (!this.txs.has(f.hashHex)) continue
          const missing = f.requires.find((r) => this.byTag.get(r)?.ready !== true)
          if (missing === undefined) stack.push([f, false])
          else { let m = this.waiting.get(missing); if (!m) { m = new Set(); this.waiting.set(missing, m) } m.add(f) }
        }
      }
    }
    return news
  }

  private readonly waiting = new Map<string, Set<PoolTx>>()

  private removeOne(tx: PoolTx): void {
    if (this.txs.delete(tx.hashHex)) this.count(tx, -1)
    for (const p of tx.provides) if (this.byTag.get(p) === tx) this.byTag.delete(p)
  }

  private hasRoomFor(tx: PoolTx, leaving: PoolTx[]): boolean {
    const ready = tx.requires.every((r) => this.byTag.get(r)?.ready === true)
    const c = { ...this.counts }
    for (const u of leaving) {
      if (u.ready) { c.readyCount--; c.readyBytes -= u.raw.length } else { c.futureCount--; c.futureBytes -= u.raw.length }
    }
    const l = this.limits
    return ready
      ? c.readyCount + 1 <= l.readyCount && c.readyBytes + tx.raw.length <= l.readyBytes
      : c.futureCount + 1 <= l.futureCount && c.futureBytes + tx.raw.length <= l.futureBytes
  }

  private count(tx: PoolTx, sign: 1 | -1): void {
    if (tx.ready) { this.counts.readyCount += sign; this.counts.readyBytes += sign * tx.raw.length }
    else { this.counts.futureCount += sign; this.counts.futureBytes += sign * tx.raw.length }
  }

  private readonly counts = { readyCount: 0, readyBytes: 0, futureCount: 0, futureBytes: 0 }

  private notify(hashHex: string, status: TxStatus, final: boolean): void {
    const set = this.watchers.get(hashHex)
    if (!set) return
    for (const w of [...set]) w(status)
    if (final) this.watchers.delete(hashHex)
  }
}

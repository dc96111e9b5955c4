// Block production for a single authority. `aura`: a block every slot, sealed with the authority's
// sr25519 signature, as the real node authors. `instant` / `manual` / `interval`: subtensor's
// manual-seal modes (`--sealing`), whose blocks carry the Aura pre-digest but no seal. Every
// block carries the timestamp inherent; with one GRANDPA voter every block becomes final.
import { hexOf, sameBytes } from '../codec/bytes.js'
import type { Runtime } from '../runtime/runtime.js'
import type { BlockRef } from '../storage/block-store.js'
import type { KvOp } from '../storage/kv.js'
import { slotAuthor, slotOfHeader } from './aura.js'
import type { Blockchain, BlockMutation, BuiltBlock, DurableChange } from './blockchain.js'
import type { TxPool } from './txpool.js'

export type SealingMode =
  | { kind: 'aura'; ms: number }
  | { kind: 'instant' } | { kind: 'manual' } | { kind: 'interval'; ms: number }

/** How many times a due instant-seal block waits for the submissions received meanwhile. */
const INSTANT_WAITS = 4

export interface Authority {
  publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

/** Longest stretch of back-to-back block building before the event loop gets a turn. */
const YIELD_EVERY_MS = 5

export interface ProducerOptions {
  mode: SealingMode
  authority: Authority
  /** Aura: the key of a slot's author this node holds (the keystore); default: `authority` if it is the author. */
  keyFor?: (author: Uint8Array) => Authority | undefined
  /** Finalize every block (single-voter GRANDPA in dev). */
  instantFinality: boolean
  /**
   * For blocks sealed on their own (instant/interval sealing), how long after import the block is
   * finalized. GRANDPA finalizes in a later round, never in the import itself, and clients rely on
   * that: polkadot.js drops an `inBlock` status that a `finalized` overtakes. Blocks requested
   * through dev RPCs are finalized at once. Default 500 ms.
   */
  finalityDelayMs?: number
  /** Wall clock in ms; injected so tests and time travel can move it. */
  now?: () => number
  maxExtrinsicsPerBlock?: number
  /** Aura: whether authoring is allowed now (not while the network is still catching up). */
  mayAuthor?: () => boolean
  /**
   * Instant sealing: submissions still having their signatures checked, answered when they are in
   * the pool or refused (undefined: none). A due block waits for them, so a burst that arrived
   * together lands in one block instead of its first transaction alone and the rest after.
   */
  submissionsAnswered?: () => Promise<void> | undefined
  log?: (msg: string) => void
}

export interface ProduceOptions {
  /** Build on this block instead of the best one. */
  parent?: Uint8Array
  /** Finalize each block (default: the producer's instant-finality setting). */
  finalize?: boolean
  /** Leave the pool's transactions out. */
  emptyOnly?: boolean
  /** Raw storage writes put into the first block after its finalization (dev_setStorage). */
  overrides?: [Uint8Array, Uint8Array | null][]
  /** Runtime-level edits applied to the first block after its finalization (dev_applyScenario). */
  mutate?: BlockMutation
  /** Sealed by the producer's own timer or trigger: finality follows after a delay. */
  auto?: boolean
}

export class BlockProducer {
  private queue: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private instantScheduled = false
  private stopped = false
  /** Offset added to the wall clock (dev_timeTravel). */
  timeOffsetMs = 0

  constructor(
    private readonly chain: Blockchain,
    private readonly pool: TxPool,
    private readonly runtime: Runtime,
    private readonly o: ProducerOptions,
  ) {
    chain.on('durable', (c) => this.onDurable(c))
  }

  /**
   * Watchers hear about a block only once it is on disk: `inBlock` for the blocks the best chain
   * took up, `retracted` for those it left, `finalized` for every newly final block. (The pool
   * itself stops offering included transactions at once, in afterImport.)
   */
  private onDurable(c: DurableChange): void {
    if (c.rewound) return this.onRewind(c)
    const { retracted, enacted } = c.route
    if (retracted.length > 0) this.onReorg(retracted, enacted)
    else if (this.poolInUse()) for (const b of enacted) this.pool.included(hexOf(b.hash), this.txHashesOf(b.hash))
    this.onFinalized(c)
  }

  /**
   * Whether block bookkeeping can touch the pool: with no transaction pooled and none watched,
   * taking a block's transactions out and telling their watchers changes nothing, so a run of
   * empty blocks neither hashes their extrinsics nor walks the newly final ones.
   */
  private poolInUse(): boolean { return this.pool.size > 0 || this.pool.watched }

  private onFinalized(c: DurableChange): void {
    // Only watchers hear of finality (the transactions left the pool when their block came in).
    if (c.finalized.number > c.previousFinalized.number && this.pool.watched) {
      for (const b of this.chain.ancestry(c.finalized.hash, c.previousFinalized.number).reverse()) {
        this.pool.finalizedIn(hexOf(b.hash), this.txHashesOf(b.hash))
      }
    }
  }

  /**
   * The best chain switched branches (dev_setHead, a longer fork): transactions of the blocks left
   * behind tell their watchers `retracted` and go back to the pool; those of the blocks taken up
   * count as included.
   */
  private onReorg(retracted: BlockRef[], enacted: BlockRef[]): void {
    const back: Uint8Array[] = []
    for (const b of retracted) {
      this.pool.retracted(hexOf(b.hash), this.txHashesOf(b.hash))
      back.unshift(...(this.chain.body(b.hash) ?? []).filter((raw) => this.runtime.executive.decode(raw).signed))
    }
    for (const b of enacted) this.pool.included(hexOf(b.hash), this.txHashesOf(b.hash))
    for (const raw of back) {
      try {
        this.pool.submit(raw, (r) => this.runtime.validateAt(this.chain, this.chain.best.hash, r, 'InBlock'))
      } catch {
        // Already back in the pool, or no longer valid on the new branch: nothing to resubmit.
      }
    }
  }

  /**
   * A dev rewind: watchers hear as in a reorg, but the pool is left to the caller (it restores a
   * snapshot's pool). Bodies are read only when someone watches, so a long rewind stays cheap.
   */
  private onRewind(c: DurableChange): void {
    if (!this.pool.watched) return
    const { retracted, enacted } = c.route
    for (const b of retracted) this.pool.retracted(hexOf(b.hash), this.txHashesOf(b.hash))
    for (const b of enacted) this.pool.included(hexOf(b.hash), this.txHashesOf(b.hash))
    this.onFinalized(c)
  }

  start(): void {
    if (this.o.mode.kind === 'aura') {
      // Wake at each slot boundary and author only the slots that are ours (slot mod n).
      const ms = this.o.mode.ms
      const tick = (): void => {
        if (this.stopped) return
        const now = this.wall()
        const slot = BigInt(Math.floor(now / ms))
        void this.authorSlot(slot).catch((e) => this.o.log?.(`block production failed: ${(e as Error).message}`))
        this.timer = setTimeout(tick, Number(slot + 1n) * ms - now + 1)
      }
      const now = this.wall()
      this.timer = setTimeout(tick, (Math.floor(now / ms) + 1) * ms - now + 1)
    }
    if (this.o.mode.kind === 'interval') {
      const ms = this.o.mode.ms
      const tick = (): void => {
        if (this.stopped) return
        void this.produceMany(1, { auto: true }).catch((e) => this.o.log?.(`block production failed: ${(e as Error).message}`))
        this.timer = setTimeout(tick, ms)
      }
      this.timer = setTimeout(tick, ms)
    }
    if (this.o.mode.kind === 'instant') {
      this.pool.onReady = () => {
        if (this.instantScheduled || this.stopped) return
        this.instantScheduled = true
        setImmediate(() => {
          const seal = (): void => {
            this.instantScheduled = false
            if (this.stopped) return
            void this.produceMany(1, { auto: true }).catch((e) => this.o.log?.(`block production failed: ${(e as Error).message}`))
          }
          // Submissions that arrive while the block waits (the rest of a burst that came in several
          // socket reads) are waited for too, a few times over: a burst lands in one block.
          const waitThenSeal = (rounds: number): void => {
            const pending = rounds > 0 ? this.o.submissionsAnswered?.() : undefined
            if (pending) void pending.then(() => waitThenSeal(rounds - 1))
            else seal()
          }
          waitThenSeal(INSTANT_WAITS)
        })
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    if (this.finalityTimer) clearTimeout(this.finalityTimer)
    this.pool.onReady = () => {}
    await this.queue.catch(() => {})
  }

  get mode(): SealingMode { return this.o.mode }

  /** Build, seal, commit and announce one block on top of the best (or `parent`). Serialized. */
  produce(opts: ProduceOptions = {}): Promise<BlockRef> {
    return this.produceMany(1, opts)
  }

  /**
   * Build `count` blocks back to back (dev_newBlock); resolves with the last one once all of them
   * are on disk. Each block is its own atomic batch; later blocks do not wait for earlier batches
   * to reach the disk, only to become readable.
   */
  produceMany(count: number, opts: ProduceOptions = {}): Promise<BlockRef> {
    const run = async (): Promise<BlockRef> => {
      let last: BlockRef = this.chain.best
      let durable: Promise<void> = Promise.resolve()
      let parent = opts.parent
      let lastYield = performance.now()
      const deferFinality = opts.auto === true && opts.finalize === undefined && this.o.instantFinality
      for (let i = 0; i < count; i++) {
        const candidates = opts.emptyOnly === true || this.pool.size === 0 ? [] : this.candidates()
        const at = parent ?? this.chain.best.hash
        const built = this.build(at, candidates, i === 0 ? opts.overrides : undefined, undefined, i === 0 ? opts.mutate : undefined)
        const finalize = !deferFinality && (opts.finalize ?? this.o.instantFinality)
        durable = this.chain.commit(built, { best: parent === undefined || built.header.number > this.chain.best.number, finalize })
        if (!this.chain.has(built.hash)) { await durable; throw new Error(`block ${hexOf(built.hash)} was not stored`) }
        this.afterImport(built)
        if (deferFinality) this.scheduleFinality()
        last = { hash: built.hash, number: built.header.number }
        if (parent !== undefined) parent = built.hash
        // Let RPC and notifications breathe during long runs: notifications of the blocks built
        // so far reach the socket only when the loop yields, so yield every few milliseconds.
        if (performance.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise<void>((r) => setImmediate(r))
          lastYield = performance.now()
        }
      }
      await durable
      return last
    }
    return this.exclusive(run)
  }

  /**
   * The pool's ready transactions, in block order. Their signatures need no second look here:
   * nothing enters the pool without passing the runtime's validation, signature included (RPC and
   * gossip submissions are checked on the verifier's worker threads first), and the block's own
   * check finds them in the runtime's verified-signature cache.
   */
  private candidates(): Uint8Array[] {
    return [...this.pool.readyInOrder()].map((t) => t.raw)
  }

  private wall(): number { return (this.o.now ?? Date.now)() + this.timeOffsetMs }

  /**
   * Author `slot` on top of the best block if the slot belongs to this authority
   * (authorities[slot % n] at the parent) and is later than the parent's. Resolves with the new
   * block, or undefined when the slot is not ours.
   */
  authorSlot(slot: bigint): Promise<BlockRef | undefined> {
    return this.exclusive(async () => {
      if (this.stopped || (this.o.mayAuthor && !this.o.mayAuthor())) return undefined
      const parent = this.chain.best.hash
      const parentHeader = this.chain.header(parent)
      const parentSlot = parentHeader ? slotOfHeader(parentHeader) : null
      if (parentSlot !== null && slot <= parentSlot) return undefined
      const author = slotAuthor(slot, this.runtime.auraAuthoritiesAt(this.chain.reader(parent)))
      const key = !author ? undefined : this.o.keyFor ? this.o.keyFor(author) : sameBytes(author, this.o.authority.publicKey) ? this.o.authority : undefined
      if (!key) return undefined
      const built = this.build(parent, this.candidates(), undefined, slot, undefined, key)
      await this.importBuilt(built, false).durable
      if (this.o.instantFinality) this.scheduleFinality()
      return { hash: built.hash, number: built.header.number }
    })
  }

  /**
   * Store a block built here or received and re-executed (network import), with the pool
   * bookkeeping a produced block gets. Call inside `exclusive`. The block is readable on return;
   * the returned promise resolves once its batch is on disk (callers importing many blocks need
   * not wait for each).
   */
  importBuilt(built: BuiltBlock, finalize: boolean): { durable: Promise<void> } {
    const durable = this.chain.commit(built, { finalize })
    if (!this.chain.has(built.hash)) {
      durable.catch(() => {})
      throw new Error(`block ${hexOf(built.hash)} was not stored`)
    }
    this.afterImport(built)
    return { durable }
  }

  private build(parentHash: Uint8Array, candidates: Uint8Array[], overrides?: [Uint8Array, Uint8Array | null][], auraSlot?: bigint, mutate?: BlockMutation, key = this.o.authority): BuiltBlock {
    const parentState = this.chain.reader(parentHash, false)
    const slotMs = this.runtime.slotDurationMs
    const parentTs = this.runtime.timestampOf(parentState)
    const wall = this.wall()
    // A new block needs a later Aura slot than its parent and Timestamp's MinimumPeriod after it:
    // the wall clock, or the earliest time that satisfies both.
    const slot = BigInt(slotMs)
    const nextSlot = (parentTs / slot + 1n) * slot
    const minPeriod = parentTs + this.runtime.minimumPeriodMs
    const minTs = parentTs === 0n ? 0n : nextSlot > minPeriod ? nextSlot : minPeriod
    let ts = BigInt(Math.floor(wall))
    if (ts < minTs) ts = minTs
    // A claimed Aura slot is stamped with its start, so the timestamp's slot is the digest's.
    if (auraSlot !== undefined) ts = auraSlot * slot
    return this.chain.build({
      parentHash,
      parentState,
      inherents: [this.runtime.timestampInherent(ts)],
      extrinsics: candidates,
      preDigest: [this.runtime.auraPreDigest(ts / slot)],
      seal: this.o.mode.kind === 'aura' ? (preSealHash) => this.runtime.auraSeal(key.sign(preSealHash)) : undefined,
      maxExtrinsics: this.o.maxExtrinsicsPerBlock,
      overrides,
      mutate,
    })
  }

  /** Run `fn` in the production queue, so it never interleaves with block building. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn, fn)
    this.queue = p.catch(() => {})
    return p
  }

  /** Finalize `hash` (and its ancestors; `extra` ops such as its justification in the same batch); watchers of newly final transactions hear once it is durable. */
  finalize(hash: Uint8Array, extra?: KvOp[]): Promise<void> {
    return this.chain.finalize(hash, extra)
  }

  private finalityTimer: NodeJS.Timeout | undefined

  private scheduleFinality(): void {
    if (this.finalityTimer || this.stopped) return
    this.finalityTimer = setTimeout(() => {
      this.finalityTimer = undefined
      void this.exclusive(async () => {
        // Read the head only now: queued work before this may have moved or finalized it.
        const best = this.chain.best
        if (best.number > this.chain.finalized.number) await this.finalize(best.hash)
      }).catch((e: unknown) => this.o.log?.(`finalization failed: ${(e as Error).message}`))
    }, this.o.finalityDelayMs ?? 500)
  }

  /** Hashes of a block's extrinsics, computed once per block (inclusion, finality and reorgs all need them). */
  private txHashesOf(block: Uint8Array, body?: Uint8Array[]): string[] {
    const key = hexOf(block)
    let hashes = this.txHashes.get(key)
    if (!hashes) {
      hashes = (body ?? this.chain.body(block) ?? []).map((raw) => hexOf(this.runtime.extrinsicHash(raw)))
      if (this.txHashes.size >= 1024) this.txHashes.delete(this.txHashes.keys().next().value!)
      this.txHashes.set(key, hashes)
    }
    return hashes
  }

  private readonly txHashes = new Map<string, string[]>()

  private afterImport(b: BuiltBlock): void {
    // A block off the best chain (engine_createBlock on a fork) does not take transactions out.
    if (this.poolInUse() && sameBytes(this.chain.best.hash, b.hash)) this.pool.taken(this.txHashesOf(b.hash, b.body))
    for (const r of b.rejected) {
      const h = hexOf(this.runtime.extrinsicHash(r.raw))
      if (r.error.kind === 'Invalid' && r.error.reason === 'Future') continue
      const exhausted = r.error.kind === 'Invalid' && r.error.reason === 'ExhaustsResources'
      if (!exhausted) this.pool.remove(h, 'invalid', true)
    }
    // Accounts with transactions in this block are re-checked every block, everything every 16th.
    this.pool.revalidate((raw) => this.runtime.validateAt(this.chain, this.chain.best.hash, raw, 'External'), b.header.number % 16 === 0)
    // A full block left work behind: in instant sealing, the next block takes it.
    if (b.rejected.length > 0 && b.rejected.some((r) => r.error.kind === 'Invalid' && r.error.reason === 'ExhaustsResources')) this.pool.onReady()
  }
}

// Import of blocks received from peers (gossip or sync): the seal is checked against the slot's
// author at the parent, then the block is re-executed and must reproduce its header (state root,
// extrinsics root, digest) before it is stored. Fork choice is the chain's: longest wins, never
// below the finalized block.
import { hexOf, sameBytes } from '../codec/bytes.js'
import { blake2_256 } from '../codec/hashing.js'
import { decode } from '../codec/scale.js'
import { AuraError, sealJob, slotOfHeader, verifyAuraSeal } from '../chain/aura.js'
import type { Blockchain } from '../chain/blockchain.js'
import type { BlockProducer } from '../chain/producer.js'
import type { SignatureJob, SignatureVerifier } from '../chain/verifier.js'
import { Header, type HeaderValue } from '../frame/primitives.js'
import type { Runtime } from '../runtime/runtime.js'
import { Overlay } from '../storage/overlay.js'
import type { BlockDataValue } from './wire.js'

export type ImportResult =
  | { kind: 'imported'; hash: Uint8Array; header: HeaderValue }
  | { kind: 'known'; hash: Uint8Array; header: HeaderValue }
  /** Nothing to do with it yet: its parent is unknown (sync fetches the gap). */
  | { kind: 'unknownParent'; hash: Uint8Array; header: HeaderValue }
  /** Below or beside the finalized chain, or from a slot too far ahead: dropped without blame. */
  | { kind: 'stale'; reason: string }
  /** Provably bad: the sender is to blame. */
  | { kind: 'invalid'; reason: string; badSeal: boolean }

/** Blocks whose checks are queued before the import starts; then a chunk ahead of the import. */
const FIRST_CHECKS = 16
const CHECK_CHUNK = 128
/**
 * Signatures per message to the worker, and messages in flight (see SignatureFeed): a batch of
 * seals takes the worker a few milliseconds, so two in flight outlast the import's yield period.
 */
const FEED_BATCH = 24
const FIRST_BATCH = 4
const FEED_IN_FLIGHT = 2
/** A long import run yields this often, so worker results and the next sync response get in. */
const YIELD_EVERY_MS = 5

interface FeedJob { job: SignatureJob; number: number }
interface FeedBatch { first: number; last: number; done: Promise<void> }

/**
 * Seals and extrinsic signatures of blocks about to be imported, fed to the worker a few batches
 * at a time (in block order) while this thread executes earlier blocks. The import never waits
 * for a check that has not reached the worker: jobs of blocks imported meanwhile are dropped, as
 * that import checked those signatures itself, so when the worker falls behind (the other core
 * is busy) the two threads share the work instead of one waiting for the other.
 */
class SignatureFeed {
  private queue: FeedJob[] = []
  private head = 0
  private readonly inFlight: FeedBatch[] = []

  constructor(private readonly verifier: SignatureVerifier, private readonly importedUpTo: () => number) {}

  add(jobs: FeedJob[]): void {
    if (jobs.length === 0) return
    this.queue = this.queue.slice(this.head).concat(jobs)
    this.head = 0
    this.pump()
  }

  /** Forget the queued jobs (the import stopped short of their blocks). */
  clear(): void {
    this.queue = []
    this.head = 0
  }

  /** The batch the worker is checking with jobs of block `n`: waiting for it beats checking twice. */
  inFlightFor(n: number): Promise<void> | undefined {
    for (const b of this.inFlight) if (b.first <= n && n <= b.last) return b.done
    return undefined
  }

  private pump(): void {
    while (this.inFlight.length < FEED_IN_FLIGHT && this.head < this.queue.length) {
      const done = this.importedUpTo()
      const batch: SignatureJob[] = []
      let first = Infinity
      let last = -Infinity
      // An idle worker gets a small batch first: the import may be waiting for it.
      const size = this.inFlight.length === 0 ? FIRST_BATCH : FEED_BATCH
      while (batch.length < size && this.head < this.queue.length) {
        const q = this.queue[this.head++]!
        if (q.number <= done) continue
        batch.push(q.job)
        first = Math.min(first, q.number)
        last = Math.max(last, q.number)
      }
      if (batch.length === 0) break
      // verifyBatch never rejects; valid signatures land in the runtime's cache.
      const b: FeedBatch = { first, last, done: Promise.resolve() }
      b.done = this.verifier.verifyBatch(batch).then(() => {
        this.inFlight.splice(this.inFlight.indexOf(b), 1)
        this.pump()
      })
      this.inFlight.push(b)
    }
  }
}

export class BlockImporter {
  /**
   * Blocks received from peers and stored here (hex), until the announcer sees them: blocks are
   * announced only once durable, after import returned, so it tells received blocks from ours here.
   */
  private readonly received = new Set<string>()

  /** Whether `hash` came from a peer (forgets it: each block is announced once). */
  takeReceived(hash: string): boolean { return this.received.delete(hash) }
  /** Slots later than now + this many are not accepted yet (clock drift allowance). */
  private static readonly FUTURE_SLOTS = 2n

  constructor(
    private readonly chain: Blockchain,
    private readonly runtime: Runtime,
    private readonly producer: BlockProducer,
    /** Checks seals and signatures on a worker thread while earlier blocks execute. */
    private readonly verifier?: SignatureVerifier,
    private readonly now: () => number = Date.now,
  ) {
    this.feed = verifier ? new SignatureFeed(verifier, () => this.chain.best.number) : undefined
  }

  private readonly feed: SignatureFeed | undefined

  /** Import one block; serialized with block production. */
  import(b: BlockDataValue): Promise<ImportResult> {
    return this.producer.exclusive(async () => {
      const r = this.importNow(b)
      await this.durable
      return r
    })
  }

  /** Import blocks in order, in one turn of the production queue; stops at the first that is not imported or known. */
  importMany(blocks: BlockDataValue[]): Promise<ImportResult[]> {
    return this.producer.exclusive(async () => {
      const out: ImportResult[] = []
      // Checks are queued a chunk ahead of the import (not the whole range: decoded headers and
      // jobs waiting that long would outlive young-generation collections).
      const chunks: BlockDataValue[][] = []
      for (let i = 0; i < blocks.length;) {
        const n = i === 0 ? FIRST_CHECKS : CHECK_CHUNK
        chunks.push(blocks.slice(i, i + n))
        i += n
      }
      this.queueChecks(chunks[0] ?? [], [])
      // Let the first batch reach the worker (verifyBatch posts it a few microtasks on) before
      // the synchronous import holds the thread.
      await new Promise<void>((r) => setImmediate(r))
      let lastYield = performance.now()
      for (let c = 0; c < chunks.length; c++) {
        this.queueChecks(chunks[c + 1] ?? [], chunks[c]!)
        for (const b of chunks[c]!) {
          const checking = this.feed?.inFlightFor(this.numberOf(b))
          if (checking) {
            await checking
            lastYield = performance.now()
          }
          const r = this.importNow(b)
          out.push(r)
          if (r.kind !== 'imported' && r.kind !== 'known') {
            this.feed?.clear()
            await this.durable
            return out
          }
          if (performance.now() - lastYield >= YIELD_EVERY_MS) {
            await new Promise<void>((res) => setImmediate(res))
            lastYield = performance.now()
          }
        }
      }
      // Each block is its own batch; wait only for the last (batches land in order).
      await this.durable
      return out
    })
  }

  private durable: Promise<void> = Promise.resolve()

  /** Headers decoded by queueChecks, for importNow to reuse (each header is decoded once). */
  private readonly decoded = new WeakMap<BlockDataValue, HeaderValue>()

  private headerOf(b: BlockDataValue): HeaderValue {
    let h = this.decoded.get(b)
    if (!h) {
      h = decode<HeaderValue>(Header, b.header)
      this.decoded.set(b, h)
    }
    return h
  }

  private numberOf(b: BlockDataValue): number {
    try {
      return this.headerOf(b).number
    } catch {
      return -1
    }
  }

  /**
   * Queue the seal checks of `blocks` and their extrinsics' signature checks for the worker, in
   * block order (valid ones land in the signature cache). `before`: the blocks between our best
   * block and `blocks`, not imported yet.
   */
  private queueChecks(blocks: BlockDataValue[], before: BlockDataValue[]): void {
    if (!this.feed || blocks.length === 0) return
    let first: HeaderValue
    try {
      first = this.headerOf(before[0] ?? blocks[0]!)
    } catch {
      return
    }
    // The authority set at the first block's parent (or at our best block); a block whose set
    // differs gets a job the import's check does not find in the cache: it checks inline.
    const at = this.chain.has(first.parent_hash) ? first.parent_hash : this.chain.best.hash
    const authorities = this.runtime.auraAuthoritiesAt(this.chain.reader(at))
    const jobs: FeedJob[] = []
    for (const b of blocks) {
      try {
        const h = this.headerOf(b)
        const job = sealJob(h, authorities)
        if (job) jobs.push({ job, number: h.number })
      } catch {
        // Undecodable: importNow reports it.
      }
    }
    // Stable: each block's seal goes before its extrinsics.
    this.feed.add(jobs.concat(this.extrinsicJobs(at, before, blocks)).sort((a, b) => a.number - b.number))
  }

  /**
   * The signature checks of the signed extrinsics in `blocks`, as each block's execution will
   * make them. What a transaction signs depends on the block it is in (its number, and for a
   * mortal one the hash of its era's first block, usually one of the blocks just before it): a
   * scratch state on top of `at` is initialised for each block of `before` and `blocks` in turn,
   * which records their numbers and parent hashes as the runtime does. A job computed for a chain
   * that turns out otherwise only fails to match what the import checks (the cache is keyed by
   * signature, message and signer), so nothing unchecked is ever taken as valid.
   */
  private extrinsicJobs(at: Uint8Array, before: BlockDataValue[], blocks: BlockDataValue[]): FeedJob[] {
    // A block of inherents alone (timestamp) has one extrinsic: nothing to do for the usual sync.
    if (!blocks.some((b) => b.body.length > 1)) return []
    const out: FeedJob[] = []
    const ex = this.runtime.executive
    try {
      const s = new Overlay(this.chain.reader(at))
      for (const b of before) {
        const h = this.headerOf(b)
        ex.initializeForValidation(s, h.number - 1, h.parent_hash)
      }
      for (const b of blocks) {
        const h = this.headerOf(b)
        ex.initializeForValidation(s, h.number - 1, h.parent_hash)
        for (const raw of b.body) {
          const job = ex.signatureJob(s, raw)
          if (job) out.push({ job, number: h.number })
        }
      }
    } catch {
      // An undecodable header or a state that cannot be initialised: import checks (and reports) it.
    }
    return out
  }

  private importNow(b: BlockDataValue): ImportResult {
    let header: HeaderValue
    try {
      header = this.headerOf(b)
    } catch (e) {
      return { kind: 'invalid', reason: `undecodable header: ${(e as Error).message}`, badSeal: false }
    }
    const hash = blake2_256(b.header)
    const best = this.chain.best
    // A block on top of the best one cannot be stored already (it would be the best): during sync
    // almost every block is one, and skipping the lookup saves a LevelDB miss per block.
    const extendsBest = header.number === best.number + 1 && sameBytes(header.parent_hash, best.hash)
    if (!extendsBest && this.chain.has(hash)) return { kind: 'known', hash, header }
    const fin = this.chain.finalized
    if (header.number <= fin.number) return { kind: 'stale', reason: `#${header.number} is not above the finalized #${fin.number}` }
    const parent = this.chain.header(header.parent_hash)
    if (!parent) return { kind: 'unknownParent', hash, header }
    const slotMs = BigInt(this.runtime.slotDurationMs)
    const slot = slotOfHeader(header)
    if (slot !== null && slot > BigInt(Math.floor(this.now() / Number(slotMs))) + BlockImporter.FUTURE_SLOTS) {
      return { kind: 'stale', reason: `#${header.number} is from future slot ${slot}` }
    }
    try {
      verifyAuraSeal(header, slotOfHeader(parent), this.runtime.auraAuthoritiesAt(this.chain.reader(header.parent_hash)))
    } catch (e) {
      if (e instanceof AuraError) return { kind: 'invalid', reason: e.message, badSeal: true }
      throw e
    }
    let built
    try {
      built = this.chain.execute(b.header, b.body, true, { header, hash })
    } catch (e) {
      return { kind: 'invalid', reason: (e as Error).message, badSeal: false }
    }
    if (!sameBytes(built.hash, hash)) return { kind: 'invalid', reason: 'header hash mismatch', badSeal: false }
    const key = hexOf(hash)
    this.received.add(key)
    try {
      this.durable = this.producer.importBuilt(built, false).durable
      // A failed batch announces nothing: forget the block then too.
      this.durable.catch(() => this.received.delete(key))
    } catch (e) {
      this.received.delete(key)
      // The store refused it (it left the finalized chain while we executed it).
      return { kind: 'stale', reason: (e as Error).message }
    }
    return { kind: 'imported', hash, header }
  }
}

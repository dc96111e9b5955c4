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

/** Blocks whose seals go to the workers at once. */
const SEAL_CHUNK = 128
/** The first chunk is small: import waits for its seals alone, before the pipeline overlaps. */
const FIRST_SEAL_CHUNK = 16
/** Extrinsic signatures per message to the worker, and messages in flight (see SignatureFeed). */
const FEED_BATCH = 32
const FEED_IN_FLIGHT = 2
/** A long import run yields this often, so worker results and the next sync response get in. */
const YIELD_EVERY_MS = 5

/**
 * Extrinsic signatures of blocks about to be imported, fed to the worker a few batches at a time
 * while this thread executes earlier blocks. Jobs of blocks imported meanwhile are dropped: their
 * import checked those signatures itself, so the two threads share the work instead of both doing
 * it, and a seal batch posted later waits behind at most FEED_IN_FLIGHT small batches.
 */
class SignatureFeed {
  private queue: { job: SignatureJob; number: number }[] = []
  private head = 0
  private inFlight = 0

  constructor(private readonly verifier: SignatureVerifier, private readonly importedUpTo: () => number) {}

  add(jobs: { job: SignatureJob; number: number }[]): void {
    if (jobs.length === 0) return
    this.queue = this.queue.slice(this.head).concat(jobs)
    this.head = 0
    this.pump()
  }

  private pump(): void {
    while (this.inFlight < FEED_IN_FLIGHT && this.head < this.queue.length) {
      const done = this.importedUpTo()
      const batch: SignatureJob[] = []
      while (batch.length < FEED_BATCH && this.head < this.queue.length) {
        const q = this.queue[this.head++]!
        if (q.number > done) batch.push(q.job)
      }
      if (batch.length === 0) break
      this.inFlight++
      // verifyBatch never rejects; valid signatures land in the runtime's cache.
      void this.verifier.verifyBatch(batch).then(() => { this.inFlight--; this.pump() })
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
    /** Checks seals of a batch on worker threads while earlier blocks execute. */
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
      const chunks: BlockDataValue[][] = []
      for (let i = 0; i < blocks.length;) {
        const n = i === 0 ? FIRST_SEAL_CHUNK : SEAL_CHUNK
        chunks.push(blocks.slice(i, i + n))
        i += n
      }
      // Pipeline: the workers check the seals of the next chunk while this thread executes one.
      let sealed = this.preVerify(chunks[0], [])
      for (let c = 0; c < chunks.length; c++) {
        await sealed
        sealed = this.preVerify(chunks[c + 1], chunks[c]!)
        // Let the next chunk's seals reach the worker (preVerify posts them a few microtasks on)
        // before this chunk's synchronous import holds the thread; otherwise the two alternate.
        await new Promise<void>((r) => setImmediate(r))
        let lastYield = performance.now()
        for (const b of chunks[c]!) {
          const r = this.importNow(b)
          out.push(r)
          if (r.kind !== 'imported' && r.kind !== 'known') { await sealed; await this.durable; return out }
          if (performance.now() - lastYield >= YIELD_EVERY_MS) {
            await new Promise<void>((res) => setImmediate(res))
            lastYield = performance.now()
          }
        }
      }
      await sealed
      // Each block is its own batch; wait only for the last (batches land in order).
      await this.durable
      return out
    })
  }

  private durable: Promise<void> = Promise.resolve()

  /** Headers decoded by preVerify, for importNow to reuse (each header is decoded once). */
  private readonly decoded = new WeakMap<BlockDataValue, HeaderValue>()

  private headerOf(b: BlockDataValue): HeaderValue {
    let h = this.decoded.get(b)
    if (!h) {
      h = decode<HeaderValue>(Header, b.header)
      this.decoded.set(b, h)
    }
    return h
  }

  /**
   * Check the seals of `blocks` on the worker threads (valid ones land in the signature cache);
   * resolves once they are checked. Their extrinsics' signatures go to the feed. `before`: the
   * blocks between our best block and `blocks`, not imported yet.
   */
  private async preVerify(blocks: BlockDataValue[] | undefined, before: BlockDataValue[]): Promise<void> {
    if (!this.verifier || !blocks || blocks.length === 0) return
    let first: HeaderValue
    try {
      first = this.headerOf(blocks[0]!)
    } catch {
      return
    }
    // The authority set at the first block's parent, or (for the next range, checked while this
    // one still imports) at our best block; a block whose set differs is checked inline on import.
    const at = this.chain.has(first.parent_hash) ? first.parent_hash : this.chain.best.hash
    const authorities = this.runtime.auraAuthoritiesAt(this.chain.reader(at))
    const jobs: SignatureJob[] = []
    for (const b of blocks) {
      try {
        const job = sealJob(this.headerOf(b), authorities)
        if (job) jobs.push(job)
      } catch {
        // Undecodable: importNow reports it.
      }
    }
    const sealsChecked = this.verifier.verifyBatch(jobs)
    this.feed?.add(this.extrinsicJobs(at, before, blocks))
    await sealsChecked
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
  private extrinsicJobs(at: Uint8Array, before: BlockDataValue[], blocks: BlockDataValue[]): { job: SignatureJob; number: number }[] {
    // A block of inherents alone (timestamp) has one extrinsic: nothing to do for the usual sync.
    if (!blocks.some((b) => b.body.length > 1)) return []
    const out: { job: SignatureJob; number: number }[] = []
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

// Submissions from RPC and gossip: the signature is checked on the verifier's worker threads, and
// meanwhile the main thread, which would otherwise wait for them, validates the same transactions
// against the best block with their signatures counted as valid. Once a worker confirms a
// signature, the pool takes the transaction with that validity if the best block is still the one
// it was validated against; otherwise (a block came in meanwhile, or the signature failed) it is
// validated again as before, now finding its signature in the verified-signature cache, so the
// outcome is always what validating after the check would give.
import { hexOf, sameBytes } from '../codec/bytes.js'
import type { ValidTransaction } from '../runtime/validity.js'
import type { Runtime } from '../runtime/runtime.js'
import { withSignatureAssumed } from '../runtime/signature.js'
import type { Blockchain } from './blockchain.js'
import type { PoolTx, TxPool } from './txpool.js'
import type { SignatureJob, SignatureVerifier } from './verifier.js'

interface Waiting {
  raw: Uint8Array
  hash: Uint8Array
  job: SignatureJob
  resolve: (tx: PoolTx) => void
  reject: (e: unknown) => void
}

/** A validation made ahead of the signature check: its result, or what it threw. */
type Early = { valid: ValidTransaction } | { error: unknown } | undefined

export class Submitter {
  private queue: Waiting[] = []
  /** The queued batch's answer, once it is flushed and answered; undefined while none is queued. */
  private queuedAnswered: { promise: Promise<void>; resolve: () => void } | undefined
  /** Batches received but not yet answered (in the pool or refused). */
  private readonly unanswered = new Set<Promise<void>>()

  constructor(
    private readonly runtime: Runtime,
    private readonly chain: Blockchain,
    private readonly pool: TxPool,
    private readonly verifier: Pick<SignatureVerifier, 'verifyBatch'>,
  ) {}

  /** Validate against the best block and add to the pool; rejects with PoolError. */
  async submit(raw: Uint8Array): Promise<PoolTx> {
    const hash = this.runtime.extrinsicHash(raw)
    const [job] = this.runtime.signatureJobsAt(this.chain, this.chain.best.hash, [raw])
    // Nothing to check on a worker (unsigned, undecodable, or verified before): validate now.
    if (!job) return this.pool.submit(raw, (r) => this.validate(r), hash)
    return new Promise<PoolTx>((resolve, reject) => {
      this.queue.push({ raw, hash, job, resolve, reject })
      if (this.queuedAnswered) return
      let done!: () => void
      const promise = new Promise<void>((r) => { done = r })
      this.queuedAnswered = { promise, resolve: done }
      this.unanswered.add(promise)
      // Submissions that arrive together (one socket read) go to the workers as one batch.
      setImmediate(() => this.flush())
    })
  }

  /**
   * Resolves once every submission received so far is answered (in the pool or refused);
   * undefined when none is waiting. Later submissions do not hold it up.
   */
  answered(): Promise<void> | undefined {
    if (this.unanswered.size === 0) return undefined
    const batches = new Set(this.unanswered)
    this.blockWaitsFor = batches
    return Promise.all(batches).then(() => {
      if (this.blockWaitsFor === batches) this.blockWaitsFor = undefined
    })
  }

  /**
   * The batches a due block waits for (instant sealing calls `answered`). A batch flushed while a
   * block waits for others is answered after that block: validated early, it would be validated
   * against a parent that is no longer best, and again; so it is validated once, after its check.
   */
  private blockWaitsFor: Set<Promise<void>> | undefined

  private validate(raw: Uint8Array): ValidTransaction {
    return this.runtime.validateAt(this.chain, this.chain.best.hash, raw, 'External')
  }

  private flush(): void {
    const batch = this.queue
    const answered = this.queuedAnswered!
    this.queue = []
    this.queuedAnswered = undefined
    const verdicts = this.verifier.verifyBatch(batch.map((w) => w.job))
    const at = this.chain.best.hash
    const late = this.blockWaitsFor !== undefined && !this.blockWaitsFor.has(answered.promise)
    const early = batch.map((w): Early => {
      // The pool refuses a transaction it holds before validating: no need to validate it early.
      if (late || this.pool.has(hexOf(w.hash))) return undefined
      try {
        return { valid: withSignatureAssumed(w.job, () => this.runtime.validateAt(this.chain, at, w.raw, 'External')) }
      } catch (error) {
        return { error }
      }
    })
    void verdicts.then((ok) => {
      const same = sameBytes(this.chain.best.hash, at)
      batch.forEach((w, i) => {
        const e = early[i]
        const validate = ok[i] === true && same && e !== undefined ? (): ValidTransaction => {
          if ('error' in e) throw e.error
          return e.valid
        } : (r: Uint8Array) => this.validate(r)
        try {
          w.resolve(this.pool.submit(w.raw, validate, w.hash))
        } catch (err) {
          w.reject(err)
        }
      })
    }).finally(() => {
      this.unanswered.delete(answered.promise)
      answered.resolve()
    })
  }
}

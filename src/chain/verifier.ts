// Signature verification on worker threads. sr25519 verification (~270 µs in wasm) bounds how
// many transactions a block can take, so batches are spread over the cores and the results land in
// the runtime's verified-signature cache; the runtime's own check then finds them there.
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { packageRoot } from '../paths.js'
import { markVerified, type SignatureJob, type SignatureKind } from '../runtime/signature.js'

export type { SignatureJob }

const KIND_CODE: Record<SignatureKind, number> = { Ed25519: 0, Sr25519: 1, Ecdsa: 2 }

interface Pending { resolve: (ok: boolean[]) => void; reject: (e: Error) => void }

/**
 * The bytes of `a` in a buffer of their own. Structured cloning copies a view's whole buffer, and
 * a seal decoded from a sync response is a view into the response (a megabyte for 64 bytes).
 */
function own(a: Uint8Array): Uint8Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice()
}

export class SignatureVerifier {
  private readonly workers: Worker[] = []
  /** Resolves once every worker has started (or exited). */
  private readonly ready: Promise<void>
  /** Every worker has started: batches are posted at once, not a microtask later. */
  private up = false
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private queue: { job: SignatureJob; resolve: (ok: boolean) => void }[] = []
  private flushScheduled = false

  constructor(threads = Math.max(1, availableParallelism())) {
    const started: Promise<void>[] = []
    for (let i = 0; i < threads; i++) {
      const w = new Worker(join(packageRoot(), 'src', 'chain', 'verify-worker.mjs'))
      w.unref()
      started.push(new Promise<void>((resolve) => { w.once('message', () => resolve()); w.once('exit', () => resolve()) }))
      w.on('message', (m: { id?: number; ok?: boolean[] }) => {
        if (m.id === undefined) return
        const p = this.pending.get(m.id)
        this.pending.delete(m.id)
        p?.resolve(m.ok!)
      })
      // A worker that dies takes its batches with it; from then on the runtime checks signatures
      // itself (verifyBatch reports nothing verified), so nothing waits forever.
      const fail = (e: Error): void => {
        this.broken = true
        for (const p of this.pending.values()) p.reject(e)
        this.pending.clear()
      }
      w.on('error', fail)
      w.on('exit', (code) => { if (!this.closing) fail(new Error(`signature worker exited with code ${code}`)) })
      this.workers.push(w)
    }
    this.ready = Promise.all(started).then(() => { this.up = true })
  }

  private broken = false
  private closing = false

  /**
   * Verify all jobs; valid ones are recorded in the runtime's cache. Resolves with each result;
   * never rejects: if the workers are gone every job reads as unverified, and the runtime's own
   * check decides. Once the workers are up the jobs are on their way when this returns, so the
   * caller can use the main thread meanwhile.
   */
  verifyBatch(jobs: SignatureJob[]): Promise<boolean[]> {
    if (jobs.length === 0) return Promise.resolve([])
    if (!this.up) return this.ready.then(() => this.verifyBatch(jobs))
    const unverified = (): boolean[] => jobs.map(() => false)
    if (this.broken) return Promise.resolve(unverified())
    const n = this.workers.length
    const per = Math.ceil(jobs.length / n)
    const parts: Promise<boolean[]>[] = []
    for (let i = 0; i < n && i * per < jobs.length; i++) {
      const slice = jobs.slice(i * per, (i + 1) * per)
      const id = this.nextId++
      // The executor runs now; a post that throws (a terminated worker) rejects its part.
      parts.push(new Promise<boolean[]>((resolve, reject) => {
        this.pending.set(id, { resolve, reject })
        this.workers[i]!.postMessage({ id, items: slice.map((j) => ({ kind: KIND_CODE[j.kind], sig: own(j.sig), msg: own(j.msg), signer: own(j.signer) })) })
      }))
    }
    return Promise.all(parts).then((results) => {
      const ok = results.flat()
      jobs.forEach((j, i) => { if (ok[i]) markVerified(j.kind, j.sig, j.msg, j.signer) })
      return ok
    }, unverified)
  }

  /** Verify one signature; concurrent calls within a tick are batched together. */
  verify(job: SignatureJob): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.queue.push({ job, resolve })
      if (this.flushScheduled) return
      this.flushScheduled = true
      setImmediate(() => {
        this.flushScheduled = false
        const q = this.queue
        this.queue = []
        void this.verifyBatch(q.map((x) => x.job)).then((ok) => q.forEach((x, i) => x.resolve(ok[i]!)), () => q.forEach((x) => x.resolve(false)))
      })
    })
  }

  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}

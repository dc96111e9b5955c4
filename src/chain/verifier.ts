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
 * A batch as one buffer, moved to the worker rather than cloned: per job its kind, the lengths of
 * signature, signer and message (u8, u8, u32 LE), then those bytes. Cloning a message of many
 * small typed arrays costs more than the copy into one buffer, on both threads.
 */
function pack(jobs: SignatureJob[]): ArrayBuffer {
  let size = 0
  for (const j of jobs) size += 7 + j.sig.length + j.signer.length + j.msg.length
  const out = new Uint8Array(size)
  let at = 0
  for (const j of jobs) {
    out[at] = KIND_CODE[j.kind]
    out[at + 1] = j.sig.length
    out[at + 2] = j.signer.length
    const n = j.msg.length
    out[at + 3] = n & 0xff
    out[at + 4] = (n >>> 8) & 0xff
    out[at + 5] = (n >>> 16) & 0xff
    out[at + 6] = n >>> 24
    at += 7
    out.set(j.sig, at)
    at += j.sig.length
    out.set(j.signer, at)
    at += j.signer.length
    out.set(j.msg, at)
    at += n
  }
  return out.buffer
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
        const buf = pack(slice)
        this.workers[i]!.postMessage({ id, buf }, [buf])
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

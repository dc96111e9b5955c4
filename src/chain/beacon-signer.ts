// The local drand beacon's round signatures, computed ahead on a worker thread. On a dev chain the
// Drand pallet's beacon BLS-signs every round that falls due (≈0.7 ms each, one round per twelve
// 250 ms blocks), which is a large share of what a block costs in dev_newBlock bursts. A round's
// signature is a pure function of the key and the round, so the node signs the rounds after the
// ones the runtime last asked for while the main thread builds blocks, and the runtime takes them
// from here (useRoundSignatures); what is not here yet it signs itself, to the same bytes.
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { sameBytes } from '../codec/bytes.js'
import { packageRoot } from '../paths.js'
import { parseBeaconSecretKey, signRound, useRoundSignatures } from '../pallets/drand/index.js'
import type { RuntimeBuild } from '../runtime/build.js'

/** How far past the last round asked for the worker signs (128 rounds: 6.4 min of chain time, ≈ 0.1 s of signing). */
const AHEAD = 128n
/** A new request goes out once fewer than this many rounds are requested past the one asked for. */
const REFILL = 64n

export class BeaconSigner {
  private readonly worker: Worker
  private readonly sigs = new Map<bigint, Uint8Array>()
  /** Rounds below `next` are requested (or were, before a jump); `base` is where the current run of requests began. */
  private base = 0n
  private next = 0n
  private ready = false
  private broken = false
  /** Whether the worker's first signature matched the runtime's own (checked once). */
  private checked = false

  constructor(private readonly secretKey: Uint8Array) {
    this.worker = new Worker(join(packageRoot(), 'src', 'chain', 'beacon-worker.mjs'), { workerData: { secretKey } })
    this.worker.unref()
    this.worker.on('message', (m: { ready?: true; from?: bigint; sigs?: Uint8Array }) => {
      if (m.ready) { this.ready = true; return }
      if (m.from !== undefined && m.sigs) this.take(m.from, m.sigs)
    })
    // Without the worker the runtime signs every round itself, as it would with no signer at all.
    this.worker.on('error', () => { this.broken = true })
    this.worker.on('exit', () => { this.broken = true })
  }

  private take(from: bigint, sigs: Uint8Array): void {
    if (!this.checked) {
      // The worker repeats mcl's global settings (DST, map-to mode, serialization): one inline
      // signature confirms it reproduces the runtime's bytes before any is used.
      this.checked = true
      if (!sameBytes(sigs.subarray(0, 48), signRound(this.secretKey, from))) {
        this.broken = true
        void this.worker.terminate()
        return
      }
    }
    for (let i = 0; i * 48 < sigs.length; i++) this.sigs.set(from + BigInt(i), sigs.slice(48 * i, 48 * i + 48))
  }

  /** The signature of `round` if the worker has made it; asking also moves the worker's window on. */
  lookup(round: bigint): Uint8Array | undefined {
    if (this.broken) return undefined
    const sig = this.sigs.get(round)
    // Rounds are asked for in increasing order (a fork or a rewind asks again, and signs inline
    // what is gone), so the rounds below this one are dropped once the map grows.
    if (this.sigs.size > 2 * Number(AHEAD)) for (const r of this.sigs.keys()) if (r < round) this.sigs.delete(r)
    if (round < this.base || round > this.next) this.base = this.next = round + 1n
    if (this.ready && this.next - round < REFILL) {
      const to = round + AHEAD
      this.worker.postMessage({ from: this.next, to })
      this.next = to + 1n
    }
    return sig
  }

  /** Signs ahead for the runtime from now on. */
  install(): void { useRoundSignatures(this.secretKey, (round) => this.lookup(round)) }

  async close(): Promise<void> {
    useRoundSignatures(this.secretKey, null)
    this.broken = true
    await this.worker.terminate()
  }
}

/** A signer for the build's local beacon, installed in the runtime; none when the build has no beacon key. */
export function startBeaconSigner(build: RuntimeBuild): BeaconSigner | undefined {
  if (build.drandBeaconKey === undefined) return undefined
  const signer = new BeaconSigner(parseBeaconSecretKey(build.drandBeaconKey))
  signer.install()
  return signer
}

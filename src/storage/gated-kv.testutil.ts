// For durability tests: a KV whose batch writes wait until the test opens the gate, so the window
// between "published to readers" and "on disk" can be held open and looked into.
import type { KV, KvOp, KvRange } from './kv.js'

export class GatedKV implements KV {
  private open = true
  private waiting: (() => void)[] = []
  /** Batches written to the inner KV so far. */
  written = 0
  constructor(private readonly inner: KV) {}
  getSync(k: Uint8Array): Uint8Array | undefined { return this.inner.getSync(k) }
  get(k: Uint8Array): Promise<Uint8Array | undefined> { return this.inner.get(k) }
  iterate(o: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> { return this.inner.iterate(o) }
  close(): Promise<void> { return this.inner.close() }

  /** Hold every later write until release(). */
  hold(): void { this.open = false }

  /** Let held and later writes through. */
  release(): void {
    this.open = true
    for (const w of this.waiting.splice(0)) w()
  }

  get held(): number { return this.waiting.length }

  async write(ops: KvOp[]): Promise<void> {
    if (!this.open) await new Promise<void>((r) => this.waiting.push(r))
    await this.inner.write(ops)
    this.written++
  }
}

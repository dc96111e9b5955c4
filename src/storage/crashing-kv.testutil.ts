// For kill-safety tests: a KV that lets batches through until batch number `crashAt`, which is
// dropped whole, as is every later one (LevelDB batches are all-or-nothing, so this is exactly
// what a process killed during that write leaves on disk).
import type { KV, KvOp, KvRange } from './kv.js'

export class CrashingKV implements KV {
  writes = 0
  crashed = false
  constructor(private readonly inner: KV, private readonly crashAt: number) {}
  getSync(k: Uint8Array): Uint8Array | undefined { return this.inner.getSync(k) }
  get(k: Uint8Array): Promise<Uint8Array | undefined> { return this.inner.get(k) }
  iterate(o: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> { return this.inner.iterate(o) }
  close(): Promise<void> { return this.inner.close() }
  async write(ops: KvOp[]): Promise<void> {
    if (this.crashed || this.writes++ === this.crashAt) {
      this.crashed = true
      throw new Error('simulated crash')
    }
    await this.inner.write(ops)
  }
}

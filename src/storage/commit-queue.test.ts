import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CommitQueue } from './commit-queue.js'
import { keyString, type KV, type KvOp, type KvRange } from './kv.js'
import { openLevelKV } from './level.js'
import { MemoryKV } from './memory.js'

/** A KV whose writes wait until released, recording each batch. */
class GatedKV implements KV {
  readonly inner = new MemoryKV()
  readonly batches: KvOp[][] = []
  private gates: (() => void)[] = []
  failNext = false
  getSync(k: Uint8Array): Uint8Array | undefined { return this.inner.getSync(k) }
  get(k: Uint8Array): Promise<Uint8Array | undefined> { return this.inner.get(k) }
  iterate(o: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> { return this.inner.iterate(o) }
  close(): Promise<void> { return this.inner.close() }
  async write(ops: KvOp[]): Promise<void> {
    this.batches.push(ops)
    await new Promise<void>((r) => this.gates.push(r))
    if (this.failNext) throw new Error('disk on fire')
    await this.inner.write(ops)
  }
  release(): void { for (const g of this.gates.splice(0)) g() }
}

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs)
const puts = (...kvs: [Uint8Array, Uint8Array][]): Map<string, KvOp> =>
  new Map(kvs.map(([key, value]) => [keyString(key), { type: 'put', key, value }]))
const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('CommitQueue', () => {
  it('serves submitted values before they are durable and retires them after', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const done = q.submit(puts([b(1), b(10)]))
    expect(q.read(b(1))).toEqual(b(10))
    expect(kv.inner.getSync(b(1))).toBeUndefined()
    await tick()
    kv.release()
    await done
    expect(kv.inner.getSync(b(1))).toEqual(b(10))
    expect(q.pendingKeys).toBe(0)
    expect(q.read(b(1))).toEqual(b(10))
  })

  it('groups submissions made while a batch is in flight into one next batch, in order', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const p1 = q.submit(puts([b(1), b(1)]))
    await tick() // batch 1 is now being written
    const p2 = q.submit(puts([b(2), b(2)]))
    const p3 = q.submit(puts([b(1), b(3)], [b(3), b(3)]))
    expect(q.read(b(1))).toEqual(b(3))
    expect(kv.batches.length).toBe(1)
    kv.release()
    await p1
    await tick()
    expect(kv.batches.length).toBe(2)
    // Batch 2 carries p2 and p3; the later write of key 1 replaced the earlier one in it.
    expect(kv.batches[1]!.map((op) => [...op.key])).toEqual([[2], [1], [3]])
    // Batch 1 retired, but key 1 stays pending with batch 2's value.
    expect(q.read(b(1))).toEqual(b(3))
    kv.release()
    await Promise.all([p2, p3])
    expect(kv.inner.getSync(b(1))).toEqual(b(3))
    expect(q.pendingKeys).toBe(0)
  })

  it('a del hides the committed value while pending', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const p = q.submit(puts([b(7), b(7)]))
    await tick(); kv.release(); await p
    const d = q.submit(new Map([[keyString(b(7)), { type: 'del', key: b(7) } as KvOp]]))
    expect(q.read(b(7))).toBeUndefined()
    expect(kv.inner.getSync(b(7))).toEqual(b(7))
    await tick(); kv.release(); await d
    expect(kv.inner.getSync(b(7))).toBeUndefined()
  })

  it('flush waits for everything submitted so far', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    void q.submit(puts([b(1), b(1)]))
    let flushed = false
    const f = q.flush().then(() => { flushed = true })
    await tick()
    expect(flushed).toBe(false)
    kv.release()
    await f
    expect(flushed).toBe(true)
    await q.submit(new Map()) // nothing to write: resolves at once
  })

  it('after a failed batch, that batch and every later one reject and nothing more is written', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const p1 = q.submit(puts([b(1), b(1)]))
    await tick()
    const p2 = q.submit(puts([b(2), b(2)]))
    kv.failNext = true
    kv.release()
    await expect(p1).rejects.toThrow('disk on fire')
    await expect(p2).rejects.toThrow('disk on fire')
    await expect(q.submit(puts([b(3), b(3)]))).rejects.toThrow('disk on fire')
    await expect(q.flush()).rejects.toThrow('disk on fire')
    expect(q.failed?.message).toBe('disk on fire')
    await tick()
    expect(kv.batches.length).toBe(1)
    expect(kv.inner.size).toBe(0)
  })

  it('starts a new batch when the gathering one is full, but never splits a submission', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv, { maxBatchOps: 2 })
    const p1 = q.submit(puts([b(1), b(1)], [b(2), b(2)], [b(3), b(3)]))
    const p2 = q.submit(puts([b(4), b(4)]))
    const p3 = q.submit(puts([b(5), b(5)]))
    const p4 = q.submit(puts([b(6), b(6)]))
    for (let i = 0; i < 3; i++) { await tick(); kv.release() }
    await Promise.all([p1, p2, p3, p4])
    expect(kv.batches.map((ops) => ops.map((op) => op.key[0]))).toEqual([[1, 2, 3], [4, 5], [6]])
  })

  it('lists the pending puts under a prefix across batches, the newest op on a key winning, until durable', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const p1 = q.submit(puts([b(8, 1), b(80)], [b(8, 2), b(81)], [b(9, 1), b(90)]))
    await tick() // the first batch is in flight: the next submissions gather in another
    const p2 = q.submit(new Map<string, KvOp>([[keyString(b(8, 2)), { type: 'del', key: b(8, 2) }]]))
    const p3 = q.submit(puts([b(8, 3), b(83)]))
    expect(q.pendingPutsWithPrefix(keyString(b(8))).sort()).toEqual([keyString(b(8, 1)), keyString(b(8, 3))])
    expect(q.pendingPutsWithPrefix(keyString(b(9)))).toEqual([keyString(b(9, 1))])
    expect(q.read(b(8, 2))).toBeUndefined()
    expect(q.pendingKeys).toBe(5)
    kv.release()
    await tick()
    kv.release()
    await Promise.all([p1, p2, p3])
    expect(q.pendingPutsWithPrefix(keyString(b(8)))).toEqual([])
    expect(q.pendingKeys).toBe(0)
    expect([b(8, 1), b(8, 2), b(8, 3)].map((k) => kv.inner.getSync(k))).toEqual([b(80), undefined, b(83)])
  })

  it('writes two submissions gathered in one LevelDB batch under their own keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'commit-queue-test-'))
    try {
      const kv = await openLevelKV(dir)
      const q = new CommitQueue(kv)
      await Promise.all([
        q.submit(puts([b(1), b(10)], [b(8, 1, 1), b(80)])),
        q.submit(puts([b(8, 2, 2), b(81)])),
      ])
      expect([b(8, 1, 1), b(8, 2, 2), b(1)].map((k) => kv.getSync(k))).toEqual([b(80), b(81), b(10)])
      await kv.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

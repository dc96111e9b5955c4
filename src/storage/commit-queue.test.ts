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

  it('listed puts join the same batch as the map\'s, readable at once (by a scan of their column) and retired when durable', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const listed = { column: 8, rests: [b(1), b(2)], values: [b(80), b(90)] }
    const p = q.submit(puts([b(1), b(10)]), listed)
    expect(q.read(b(8, 1))).toEqual(b(80))
    expect(q.read(b(8, 2))).toEqual(b(90))
    expect(q.read(b(8, 3))).toBeUndefined()
    expect(q.read(b(1))).toEqual(b(10))
    expect(q.pendingKeys).toBe(3)
    expect(q.pendingPutsWithPrefix(keyString(b(8))).sort()).toEqual([keyString(b(8, 1)), keyString(b(8, 2))])
    expect(q.pendingPutsWithPrefix(keyString(b(1)))).toEqual([keyString(b(1))])
    // Only listed puts: still a submission of its own.
    const p2 = q.submit(new Map(), { column: 7, rests: [b()], values: [b(70)] })
    await tick()
    expect(kv.batches.length).toBe(1)
    expect(kv.batches[0]!.map((op) => op.key[0]).sort()).toEqual([1, 7, 8, 8])
    kv.release()
    await Promise.all([p, p2])
    expect(q.pendingKeys).toBe(0)
    expect(kv.inner.getSync(b(8, 2))).toEqual(b(90))
    expect(kv.inner.getSync(b(7))).toEqual(b(70))
    expect(q.read(b(8, 1))).toEqual(b(80))
  })

  it('finds a pending listed put by its hash key past the fingerprint filter, and misses the rest', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const hash = (...head: number[]): Uint8Array => {
      const h = new Uint8Array(32).fill(0x33)
      h.set(head)
      return h
    }
    const key = (...head: number[]): Uint8Array => Uint8Array.of(9, ...hash(...head))
    const p = q.submit(new Map(), { column: 9, rests: [hash(1, 2, 3), hash(4, 5)], values: [b(1), b(2)] })
    expect(q.read(key(1, 2, 3))).toEqual(b(1))
    expect(q.read(key(4, 5))).toEqual(b(2))
    expect(q.read(key(1, 2, 4))).toBeUndefined() // same fingerprint, another key
    expect(q.read(key(2, 1))).toBeUndefined()
    await tick()
    kv.release()
    await p
    expect(q.read(key(4, 5))).toEqual(b(2))
  })

  it('indexes a batch\'s listed puts at its first read, and takes later submissions into the index', async () => {
    const kv = new GatedKV()
    const q = new CommitQueue(kv)
    const hash = (x: number): Uint8Array => new Uint8Array(32).fill(x)
    const key = (x: number): Uint8Array => Uint8Array.of(9, ...hash(x))
    void q.submit(puts([b(1), b(1)])) // the first batch, in flight: the next ones gather behind it
    await tick()
    const p = q.submit(new Map(), { column: 9, rests: [hash(1), hash(2)], values: [b(1), b(2)] })
    expect(q.read(key(2))).toEqual(b(2))
    void q.submit(new Map(), { column: 9, rests: [hash(3)], values: [b(3)] })
    expect(q.read(key(3))).toEqual(b(3))
    expect(q.read(key(1))).toEqual(b(1))
    expect(q.read(key(4))).toBeUndefined()
    kv.release()
    await tick()
    kv.release()
    await p
    expect(kv.batches[1]!.map((op) => [...op.key])).toEqual([key(1), key(2), key(3)].map((k) => [...k]))
  })

  it('writes every listed put under its own key through LevelDB\'s batch (one key buffer serves them all)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'commit-queue-test-'))
    try {
      const kv = await openLevelKV(dir)
      const q = new CommitQueue(kv)
      const rests = [b(1, 1), b(2, 2), b(3, 3)]
      await Promise.all([
        q.submit(puts([b(1), b(10)]), { column: 8, rests: rests.slice(0, 2), values: [b(80), b(81)] }),
        q.submit(new Map(), { column: 8, rests: rests.slice(2), values: [b(82)] }),
      ])
      expect([b(8, 1, 1), b(8, 2, 2), b(8, 3, 3), b(1)].map((k) => kv.getSync(k))).toEqual([b(80), b(81), b(82), b(10)])
      await kv.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

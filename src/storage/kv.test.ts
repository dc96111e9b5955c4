import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { collectedBatch, keyFromString, keyString, prefixEnd, type KV, type KvBatch, type KvOp } from './kv.js'
import { openLevelKV } from './level.js'
import { MemoryKV } from './memory.js'

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs)
// Reference order: Buffer.compare, independent of the latin1-string trick used by MemoryKV.
const byteOrder = (x: Uint8Array, y: Uint8Array): number => Buffer.compare(Buffer.from(x), Buffer.from(y))

async function collect(it: AsyncIterable<[Uint8Array, Uint8Array]>): Promise<[number[], number[]][]> {
  const out: [number[], number[]][] = []
  for await (const [k, v] of it) out.push([[...k], [...v]])
  return out
}

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const backends: [string, () => Promise<KV>][] = [
  ['memory', async () => new MemoryKV()],
  ['level', async () => {
    const d = await mkdtemp(join(tmpdir(), 'kv-test-'))
    dirs.push(d)
    return openLevelKV(d)
  }],
  ['level, fsync per batch', async () => {
    const d = await mkdtemp(join(tmpdir(), 'kv-test-'))
    dirs.push(d)
    return openLevelKV(d, { syncWrites: true })
  }],
  ['level, chained batches', async () => {
    const d = await mkdtemp(join(tmpdir(), 'kv-test-'))
    dirs.push(d)
    return openLevelKV(d, { chainedBatches: true })
  }],
]

describe.each(backends)('KV contract: %s', (_name, open) => {
  it('reads back puts, returns undefined for missing and deleted keys', async () => {
    const kv = await open()
    expect(kv.getSync(b(1))).toBeUndefined()
    expect(await kv.get(b(1))).toBeUndefined()
    await kv.write([{ type: 'put', key: b(1), value: b(9, 9) }, { type: 'put', key: b(2), value: b() }])
    expect([...kv.getSync(b(1))!]).toEqual([9, 9])
    expect([...(await kv.get(b(1)))!]).toEqual([9, 9])
    expect(kv.getSync(b(2))).toEqual(b()) // empty values are values, not absence
    await kv.write([{ type: 'del', key: b(1) }])
    expect(kv.getSync(b(1))).toBeUndefined()
    await kv.close()
  })

  it('applies a batch in order: the last op on a key wins', async () => {
    const kv = await open()
    await kv.write([
      { type: 'put', key: b(5), value: b(1) },
      { type: 'del', key: b(5) },
      { type: 'put', key: b(6), value: b(1) },
      { type: 'put', key: b(6), value: b(2) },
    ])
    expect(kv.getSync(b(5))).toBeUndefined()
    expect([...kv.getSync(b(6))!]).toEqual([2])
    await kv.close()
  })

  it('writes a batch filled op by op atomically and in order, nothing before write()', async () => {
    const kv = await open()
    const batch: KvBatch = kv.batch?.() ?? collectedBatch(kv)
    batch.put(b(5), b(1))
    batch.del(b(5))
    batch.put(b(6), b(1))
    batch.put(b(6), b(2))
    expect(kv.getSync(b(6))).toBeUndefined()
    await batch.write()
    expect(kv.getSync(b(5))).toBeUndefined()
    expect([...kv.getSync(b(6))!]).toEqual([2])
    await kv.close()
  })

  it('iterates in byte order with gte/lt/reverse/limit', async () => {
    const kv = await open()
    const keys = [b(0x00), b(0x01), b(0x01, 0x00), b(0x01, 0xff), b(0x02), b(0x7f), b(0x80), b(0xff), b(0xff, 0xff)]
    await kv.write(keys.map((k, i) => ({ type: 'put' as const, key: k, value: b(i) })))
    const sorted = [...keys].sort(byteOrder).map((k) => [...k])
    const all = await collect(kv.iterate({}))
    expect(all.map((e) => e[0])).toEqual(sorted)
    const range = await collect(kv.iterate({ gte: b(0x01), lt: b(0x02) }))
    expect(range.map((e) => e[0])).toEqual([[0x01], [0x01, 0x00], [0x01, 0xff]])
    const rev = await collect(kv.iterate({ reverse: true, limit: 3 }))
    expect(rev.map((e) => e[0])).toEqual(sorted.slice(-3).reverse())
    const revRange = await collect(kv.iterate({ gte: b(0x01), lt: b(0x80), reverse: true, limit: 2 }))
    expect(revRange.map((e) => e[0])).toEqual([[0x7f], [0x02]])
    const vals = await collect(kv.iterate({ gte: b(0x80), lt: b(0x81) }))
    expect(vals).toEqual([[[0x80], [6]]])
    await kv.close()
  })

  it('stops early when the consumer breaks out of the iteration', async () => {
    const kv = await open()
    await kv.write(Array.from({ length: 600 }, (_, i) => ({ type: 'put' as const, key: b(i >> 8, i & 0xff), value: b(1) })))
    let n = 0
    for await (const _e of kv.iterate({})) if (++n === 300) break
    expect(n).toBe(300)
    // The iterator was closed on break, so close() of the db completes.
    await kv.close()
  })
})

describe('key helpers', () => {
  it('keyString round-trips and orders like the bytes', () => {
    const keys = [b(), b(0), b(0, 0), b(1), b(0x7f, 0x80), b(0x80), b(0xff), b(0xff, 0)]
    for (const k of keys) expect(keyFromString(keyString(k))).toEqual(k)
    const byString = [...keys].sort((x, y) => (keyString(x) < keyString(y) ? -1 : keyString(x) > keyString(y) ? 1 : 0))
    expect(byString).toEqual([...keys].sort(byteOrder))
  })

  it('keyString reads a view into a larger buffer, and long keys, byte for byte', () => {
    const all = new Uint8Array(1024).map((_, i) => (i * 37) & 0xff)
    const view = all.subarray(100, 180)
    const s = keyString(view)
    expect(s).toHaveLength(80)
    expect([...s].map((c) => c.charCodeAt(0))).toEqual([...view])
    expect(keyFromString(keyString(all))).toEqual(all)
  })

  it('prefixEnd is the least key above every key with the prefix', () => {
    expect(prefixEnd(b(0x6b, 0x01))).toEqual(b(0x6b, 0x02))
    expect(prefixEnd(b(0x6b, 0xff))).toEqual(b(0x6c))
    expect(prefixEnd(b(0xff, 0xff))).toBeUndefined()
  })
})

describe('LevelDB backend', () => {
  it('rejects a batch with a bad key and writes none of it', async () => {
    const d = await mkdtemp(join(tmpdir(), 'kv-test-'))
    dirs.push(d)
    const kv = await openLevelKV(d)
    const bad = { type: 'put', key: null, value: b(1) } as unknown as KvOp
    await expect(kv.write([{ type: 'put', key: b(1), value: b(1) }, bad])).rejects.toThrow()
    expect(kv.getSync(b(1))).toBeUndefined()
    await kv.close()
  })
})

describe.each([['native', false], ['chained', true]] as const)('LevelDB batch filled op by op (%s)', (_form, chainedBatches) => {
  const openKV = async (): Promise<KV> => {
    const d = await mkdtemp(join(tmpdir(), 'kv-test-'))
    dirs.push(d)
    return openLevelKV(d, { chainedBatches })
  }

  it('rejects its write, writing nothing, when an op could not be added', async () => {
    const kv = await openKV()
    const batch = kv.batch!()
    batch.put(b(1), b(1))
    // An op the native batch refuses (abstract-level: a key must not be null) stands for any failed add.
    batch.put(null as unknown as Uint8Array, b(2))
    batch.put(b(3), b(3))
    await expect(batch.write()).rejects.toThrow()
    expect(kv.getSync(b(1))).toBeUndefined()
    expect(kv.getSync(b(3))).toBeUndefined()
    // The failed batch leaves nothing behind for the next one.
    const next = kv.batch!()
    next.put(b(4), b(4))
    await next.write()
    expect(kv.getSync(b(1))).toBeUndefined()
    expect(kv.getSync(b(4))).toEqual(b(4))
    await kv.close()
  })

  it('rejects its write when the database closed before the batch was made', async () => {
    const kv = await openKV()
    await kv.close()
    const batch = kv.batch!()
    batch.put(b(1), b(1))
    await expect(batch.write()).rejects.toThrow()
  })

  it('rejects its write when the database closed after the batch was filled', async () => {
    const kv = await openKV()
    // A written batch first, so that the next one may be a reused native batch.
    const first = kv.batch!()
    first.put(b(1), b(1))
    await first.write()
    const batch = kv.batch!()
    batch.put(b(2), b(2))
    await kv.close()
    await expect(batch.write()).rejects.toThrow()
  })

  // The native batch copies keys and values of up to 64 bytes through one reused scratch
  // (level-batch.ts): each put must still store its own bytes, the key and value apart.
  it('stores keys and values of every length around the small-array limit as they are', async () => {
    const kv = await openKV()
    const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff)
    const batch = kv.batch!()
    for (let n = 1; n <= 80; n++) batch.put(bytes(n, 1), bytes(81 - n, 2))
    // The same array as key and value.
    const same = bytes(40, 3)
    batch.put(same, same)
    batch.put(bytes(5, 4), bytes(5, 5))
    batch.del(bytes(5, 4))
    await batch.write()
    for (let n = 1; n <= 80; n++) expect(kv.getSync(bytes(n, 1))).toEqual(bytes(81 - n, 2))
    expect(kv.getSync(same)).toEqual(same)
    expect(kv.getSync(bytes(5, 4))).toBeUndefined()
    await kv.close()
  })

  // Batches are written one after another, some filled while the one before is being written (as
  // the commit queue does), over a few keys: the database ends as the ops in write order say; a
  // batch written earlier (whose native batch may be cleared and used again) adds nothing later.
  it('applies batches in write order, each exactly once', async () => {
    const op = fc.record({ key: fc.integer({ min: 0, max: 5 }), value: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }) })
    await fc.assert(fc.asyncProperty(fc.array(fc.array(op, { maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.boolean(), async (batches, overlap) => {
      const kv = await openKV()
      const model = new Map<number, number>()
      let writing: Promise<void> = Promise.resolve()
      for (const ops of batches) {
        const batch = kv.batch!()
        for (const o of ops) {
          if (o.value === undefined) batch.del(b(o.key))
          else batch.put(b(o.key), b(o.value))
        }
        if (!overlap) await writing
        const previous = writing
        writing = previous.then(() => batch.write())
        for (const o of ops) {
          if (o.value === undefined) model.delete(o.key)
          else model.set(o.key, o.value)
        }
      }
      await writing
      for (let k = 0; k <= 5; k++) expect(kv.getSync(b(k))).toEqual(model.has(k) ? b(model.get(k)!) : undefined)
      await kv.close()
    }), { numRuns: 40 })
  })
})

describe('LevelDB batches on the native binding', () => {
  it('are what this classic-level gets (the fallback is for a version whose internals differ)', async () => {
    const { ClassicLevel } = await import('classic-level')
    const { nativeBatches } = await import('./level-batch.js')
    const d = await mkdtemp(join(tmpdir(), 'kv-test-'))
    dirs.push(d)
    const db = new ClassicLevel<Uint8Array, Uint8Array>(d, { keyEncoding: 'view', valueEncoding: 'view' })
    await db.open()
    try {
      const maker = nativeBatches(db, false)
      expect(maker).toBeDefined()
      const batch = maker!.batch()
      batch.put(Uint8Array.of(1), Uint8Array.of(2))
      await batch.write()
      expect([...db.getSync(Uint8Array.of(1))!]).toEqual([2])
    } finally {
      await db.close()
    }
  })
})

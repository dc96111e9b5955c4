// Kill-safety: whatever point a crash hits, reopening shows exactly the blocks whose batches
// completed, with consistent pointers and canonical index, and nothing from a lost batch.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { BlockStore } from './block-store.js'
import { ChainModel, ChainScript, makeBlock, makeGenesis, type ModelSnapshot } from './block-store.fixtures.js'
import type { KV } from './kv.js'
import { openLevelKV } from './level.js'
import { CrashingKV } from './crashing-kv.testutil.js'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'block-store-crash-'))
  dirs.push(d)
  return d
}


const hx = (h: Uint8Array | undefined): string | undefined => (h === undefined ? undefined : u8aToHex(h))

async function scan(kv: KV, tag: string): Promise<Uint8Array[]> {
  const t = tag.charCodeAt(0)
  const keys: Uint8Array[] = []
  for await (const [k] of kv.iterate({ gte: Uint8Array.of(t), lt: Uint8Array.of(t + 1) })) keys.push(k)
  return keys
}

/**
 * The reopened store must hold exactly the model's first `snap.count` blocks with the model's
 * pointers at that moment; blocks the model saw after that must have left no trace.
 * Mismatches are collected and compared once, which keeps checks of thousands of blocks fast.
 */
async function expectDurableState(store: BlockStore, kv: KV, model: ChainModel, snap: ModelSnapshot): Promise<void> {
  const committed = model.order.slice(0, snap.count)
  expect(hx(store.genesis().hash)).toBe(model.genesis)
  expect(hx(store.best().hash)).toBe(snap.best)
  expect(hx(store.finalized().hash)).toBe(snap.fin)

  const bad: string[] = []
  const same = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && u8aEq(a, b)
  const nodes = new Set<string>()
  for (const h of committed) {
    const mb = model.get(h)
    const b = mb.input
    if (!same(store.getHeader(b.hash), b.header)) bad.push(`header of ${h}`)
    const body = store.getBody(b.hash)
    const want = b.body ?? []
    if (!body || body.length !== want.length || body.some((x, i) => !u8aEq(x, want[i]!))) bad.push(`body of ${h}`)
    const m = store.getMeta(b.hash)
    if (!m || m.number !== mb.number || hx(m.parentHash) !== (mb.parent ?? u8aToHex(new Uint8Array(32))) ||
      !u8aEq(m.stateRoot, b.stateRoot) || !m.hasState || m.packed !== (mb.number !== 0)) bad.push(`meta of ${h}`)
    for (const [nh, n] of b.trieNodes) {
      nodes.add(nh)
      if (!same(store.getNode(hexToU8a(nh), b.stateRoot), n)) bad.push(`node ${nh} of ${h}`)
    }
  }
  for (const h of model.order.slice(snap.count)) {
    const b = model.get(h).input
    if (store.hasBlock(b.hash) || store.getHeader(b.hash) || store.getBody(b.hash)) bad.push(`lost block ${h} is visible`)
    for (const nh of b.trieNodes.keys()) if (!nodes.has(nh) && store.getNode(hexToU8a(nh))) bad.push(`lost node ${nh} is visible`)
  }

  // Canonical index: exactly genesis..best by the model's parent links, and linked by the store's own metas.
  const chain = model.chainTo(snap.best)
  chain.forEach((h, n) => { if (hx(store.hashAt(n)) !== h) bad.push(`canonical #${n}`) })
  for (let n = 1; n < chain.length; n++) {
    if (hx(store.getMeta(store.hashAt(n)!)?.parentHash) !== hx(store.hashAt(n - 1))) bad.push(`canonical link #${n}`)
  }
  expect(bad).toEqual([])
  expect(store.hashAt(chain.length)).toBeUndefined()
  expect(store.isCanonical(hexToU8a(snap.fin))).toBe(true)

  // Full scans: nothing stray in any column.
  expect((await scan(kv, 'c')).length).toBe(chain.length)
  for (const col of ['h', 'b', 'm']) expect((await scan(kv, col)).length).toBe(committed.length)
  // Under 'n': genesis's nodes (these blocks' made-up nodes are no trie for a checkpoint to walk);
  // every other block's nodes in its one pack, keyed by number and hash.
  const genesisNodes = new Set(model.get(model.genesis).input.trieNodes.keys())
  const stored = new Set<string>((await scan(kv, 'n')).map((k) => u8aToHex(k.subarray(1))))
  expect(stored).toEqual(genesisNodes)
  const packs = (await scan(kv, 'P')).map((k) => `${new DataView(k.buffer, k.byteOffset + 1, 4).getUint32(0, false)}:${u8aToHex(k.subarray(5))}`)
  expect(new Set(packs)).toEqual(new Set(committed.filter((h) => h !== model.genesis).map((h) => `${model.get(h).number}:${h}`)))
  expect(packs.length).toBe(committed.length - 1)
  const edges = (await scan(kv, 'k')).map((k) => `${u8aToHex(k.subarray(1, 33))}>${u8aToHex(k.subarray(33))}`)
  const modelEdges = new Set(committed.filter((h) => h !== model.genesis).map((h) => `${model.get(h).parent}>${h}`))
  expect(edges.length).toBe(modelEdges.size)
  expect(edges.filter((e) => !modelEdges.has(e))).toEqual([])
}

type Op =
  | { kind: 'block'; pick: number; nodes: Uint8Array[]; roll: number; wait: boolean }
  | { kind: 'best' | 'fin' | 'bad'; pick: number; wait: boolean }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('block' as const),
      pick: fc.nat(),
      nodes: fc.array(fc.uint8Array({ minLength: 1, maxLength: 120 }), { maxLength: 6 }),
      roll: fc.integer({ min: 0, max: 9 }),
      wait: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('best' as const, 'fin' as const, 'bad' as const), pick: fc.nat(), wait: fc.boolean() }) },
)

let runId = 0

describe('BlockStore kill safety', () => {
  it('after a crash at any batch, reopening shows exactly the batches that completed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40, size: 'medium' }), fc.nat({ max: 15 }), async (ops, crashAt) => {
        const run = runId++
        const dir = await tempDir()
        const ckv = new CrashingKV(await openLevelKV(dir), crashAt)
        const store = await BlockStore.open(ckv)
        const g = makeGenesis([Uint8Array.of(run & 0xff, 1)])
        const model = new ChainModel(g)
        const snaps: ModelSnapshot[] = [model.snapshot()]
        const settled: Promise<boolean>[] = []
        const track = (p: Promise<unknown>, wait: boolean): Promise<boolean> => {
          const s = p.then(() => true, () => false)
          settled.push(s)
          return wait ? s : Promise.resolve(true)
        }
        await track(store.initGenesis(g), true)

        for (const [i, op] of ops.entries()) {
          const viable = model.viable()
          const target = model.get(viable[op.pick % viable.length]!)
          if (op.kind === 'block') {
            const salt = Uint8Array.of(run >> 8, run & 0xff, i)
            const b = makeBlock({ hash: target.input.hash, number: target.number }, salt, op.nodes, [Uint8Array.of(i)])
            b.setBest = op.roll < 7
            b.setFinalized = op.roll === 0
            const p = store.commitBlock(b)
            model.addBlock(b)
            snaps.push(model.snapshot())
            await track(p, op.wait)
          } else if (op.kind === 'best' || op.kind === 'fin') {
            const p = op.kind === 'best' ? store.setBest(target.input.hash) : store.setFinalized(target.input.hash)
            expect(op.kind === 'best' ? model.setBest(target.hash) : model.finalize(target.hash)).toBe(true)
            snaps.push(model.snapshot())
            await track(p, op.wait)
          } else {
            // A block off the finalized chain: refused, and nothing changes.
            const dead = model.order.filter((h) => !viable.includes(h))
            if (dead.length === 0) continue
            const h = dead[op.pick % dead.length]!
            await expect(store.setBest(hexToU8a(h))).rejects.toThrow()
            expect(model.setBest(h)).toBe(false)
            if (!ckv.crashed) expect(hx(store.best().hash)).toBe(model.best)
          }
          if (!ckv.crashed) expect(hx(store.best().hash)).toBe(model.best)
        }

        const ok = await Promise.all(settled)
        // Batches are written in order, so the completed operations are a prefix.
        const durable = ok.lastIndexOf(true)
        expect(ok.slice(0, durable + 1).every(Boolean)).toBe(true)
        expect(ok.slice(durable + 1).some(Boolean)).toBe(false)
        if (!ckv.crashed) expect(durable).toBe(ok.length - 1)
        await store.close().catch(() => {})

        const kv = await openLevelKV(dir)
        const reopened = await BlockStore.open(kv)
        if (durable < 0) {
          expect(reopened.initialized).toBe(false)
          let n = 0
          for await (const _e of kv.iterate({})) n++
          expect(n).toBe(0)
        } else {
          await expectDurableState(reopened, kv, model, snaps[durable]!)
        }
        await reopened.close()
        await rm(dir, { recursive: true, force: true })
      }),
      { numRuns: 100 },
    )
  }, 20_000)

  it('survives SIGKILL of a process that is committing blocks', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const childScript = fileURLToPath(new URL('./block-store.crash-child.ts', import.meta.url))
    for (let round = 0; round < 3; round++) {
      const seed = (Date.now() + round * 7919) >>> 0
      const dir = await tempDir()
      const killAfter = [2, 100, 600][round]! + Math.floor(Math.random() * 200)
      const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir, String(seed)], {
        cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
      })
      let reported = -1
      let stderr = ''
      let tail = ''
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })))
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
      child.stdout.on('data', (d: Buffer) => {
        const lines = (tail + d.toString()).split('\n')
        tail = lines.pop()!
        for (const l of lines) reported = Math.max(reported, Number(l))
        if (reported >= killAfter && child.exitCode === null && !child.killed) {
          // A random extra delay so the kill lands anywhere in the write cycle.
          setTimeout(() => child.kill('SIGKILL'), Math.random() * 15)
        }
      })
      const { signal } = await exit
      expect(signal, `child did not die by SIGKILL (seed ${seed}): ${stderr}`).toBe('SIGKILL')
      expect(reported, `seed ${seed}`).toBeGreaterThanOrEqual(killAfter)

      const kv = await openLevelKV(dir)
      const store = await BlockStore.open(kv)
      const durable = (await scan(kv, 'h')).length - 1 // non-genesis blocks on disk
      expect(durable, `seed ${seed}`).toBeGreaterThanOrEqual(reported)
      const script = new ChainScript(seed)
      for (let i = 0; i < durable; i++) script.next()
      const snap = script.model.snapshot()
      for (let i = 0; i < 8; i++) script.next() // blocks the child may have been writing when killed
      await expectDurableState(store, kv, script.model, snap)
      await store.close()
    }
  }, 30_000)
})

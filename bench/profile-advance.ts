// Where subtensor_advanceEpochs spends its CPU, in process: the advance bench's node (mainnet-like
// chain, Alice authoring, manual seal) started with startNode, the bench's 256-uid scenario applied
// through dev_applyScenario, one warm-up epoch, then `epochs` epochs through the RPC method's own
// handler. Prints CPU ms per epoch and µs per block and, with --prof, the top functions (by self and
// inclusive time; --under=fn restricts both to the samples inside fn, e.g. distributeEmission).
//
//   npx tsx bench/profile-advance.ts [epochs=10] [--prof] [--under=fn]
//   npx tsx bench/profile-advance.ts --epoch-block=N [--prof]
// (--epoch-block: stops before an epoch block and builds that block N times without committing it,
// printing its hash — which a speed-up must leave unchanged — and its mean build time)
import '../src/polyfill.js'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hexOf } from '../src/codec/bytes.js'
import { keyFromString } from '../src/storage/kv.js'
import { Overlay } from '../src/storage/overlay.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/storage.js'
import { startCpuProfile, summarizeProfile } from './lib/cpu-profile.js'
import { threadCpuMs } from './lib/proc-cpu.js'
import { printSummary, summarizeUnder, type Profile } from './lib/profile-under.js'
import { epochBlockBuild, startAdvanceNode } from './lib/advance-node.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const epochs = Number(pos[0] ?? 10)
const prof = process.argv.includes('--prof')
const under = process.argv.find((a) => a.startsWith('--under='))?.slice(8)

const an = await startAdvanceNode('profile')
const { node, call, netuid } = an
try {
  await call('subtensor_advanceEpochs', [netuid, 1])
  const repeat = Number(process.argv.find((a) => a.startsWith('--epoch-block='))?.slice(14) ?? 0)
  if (repeat > 0) {
    const { chain } = node.ctx
    const { parentHash, build: once } = await epochBlockBuild(an)
    // Storage reads and writes of one build: a count that, unlike time, the machine's load leaves alone.
    const proto = Overlay.prototype as unknown as Record<'get' | 'set', (...a: unknown[]) => unknown>
    const counts = { get: 0, set: 0 }
    const byItem = new Map<string, { get: number; set: number }>()
    const names = new Map(Object.entries(S).map(([name, item]) => [hexOf(item.prefix), name]))
    const orig = { get: proto.get, set: proto.set }
    for (const m of ['get', 'set'] as const) {
      proto[m] = function (this: unknown, ...a: unknown[]) {
        counts[m]++
        const name = names.get(hexOf((a[0] as Uint8Array).subarray(0, 32))) ?? 'other'
        const c = byItem.get(name) ?? { get: 0, set: 0 }
        c[m]++
        byItem.set(name, c)
        return orig[m].apply(this, a)
      }
    }
    const first = once()
    Object.assign(proto, orig)
    console.log(`storage accesses in the epoch block: ${counts.get} reads, ${counts.set} writes`)
    if (process.argv.includes('--items')) for (const [n, c] of [...byItem].sort((a, b) => (b[1].get + b[1].set) - (a[1].get + a[1].set)).slice(0, 40)) console.log(`${String(c.get).padStart(7)} ${String(c.set).padStart(7)}  ${n}`)
    const profiler = prof ? await startCpuProfile(100) : null
    const c0 = process.cpuUsage()
    for (let i = 0; i < repeat; i++) {
      const b = once()
      if (hexOf(b.hash) !== hexOf(first.hash)) throw new Error('the epoch block was not built the same twice')
    }
    const c = process.cpuUsage(c0)
    if (process.argv.includes('--items')) {
      // Keys the block wrote with the value they already had (or removed while absent), by item.
      const parent = chain.overlayAt(parentHash)
      const same = new Map<string, number>()
      for (const [k, v] of first.changes) {
        const key = keyFromString(k)
        const before = parent.get(key)
        if (before === null ? v === null : v !== null && hexOf(before) === hexOf(v)) {
          const name = names.get(hexOf(key.subarray(0, 32))) ?? 'other'
          same.set(name, (same.get(name) ?? 0) + 1)
        }
      }
      console.log(`unchanged among the ${first.changes.size} written keys: ${[...same].sort((a, b) => b[1] - a[1]).map(([n, c]) => `${n} ${c}`).join(', ')}`)
    }
    const dump = process.argv.find((a) => a.startsWith('--dump='))?.slice(7)
    // (only the keys whose value the block changes: a write that keeps a value leaves no trace)
    const changed = [...first.changes].filter(([k, v]) => { const b = chain.overlayAt(parentHash).get(keyFromString(k)); return b === null ? v !== null : v === null || hexOf(b) !== hexOf(v) })
    if (dump) writeFileSync(dump, changed.map(([k, v]) => `${hexOf(keyFromString(k))} ${v === null ? '-' : hexOf(v)}`).sort().join('\n'))
    console.log(`epoch block #${first.header.number} ${hexOf(first.hash)}: ${first.changes.size} changed keys, CPU ${((c.user + c.system) / 1000 / repeat).toFixed(2)} ms per build`)
    if (profiler) {
      const path = join(tmpdir(), `profile-epoch-block-${process.pid}.cpuprofile`)
      const profile = await profiler.stop(path)
      const per = (us: number): string => `${(us / 1000 / repeat).toFixed(3).padStart(8)} ms/block`
      const sum = under ? summarizeUnder(profile as unknown as Profile, under) : summarizeProfile(path)
      printSummary(sum, per, `busy ${per(sum.busyUs)} (profile: ${path})`, { self: 40, inclusive: 80 })
    }
    await node.stop()
    process.exit(0)
  }
  const profiler = prof ? await startCpuProfile(200) : null
  const b0 = node.ctx.chain.best.number
  // Each block's build (execution + state root) timed on its own: epoch blocks against the rest.
  const chain = node.ctx.chain
  const build = chain.build.bind(chain)
  const buildUs: number[] = []
  const windows: { from: number; to: number }[] = []
  const nowUs = (): number => Number(process.hrtime.bigint() / 1000n)
  chain.build = (...a: Parameters<typeof build>) => {
    const t = nowUs()
    try { return build(...a) } finally { const t1 = nowUs(); buildUs.push(t1 - t); windows.push({ from: t, to: t1 }) }
  }
  const threads0 = threadCpuMs(process.pid)
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  await call('subtensor_advanceEpochs', [netuid, epochs])
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  // The main thread against the rest (10 ms ticks; Node 20 leaves its threads unnamed): V8's GC
  // helpers, libuv's pool (LevelDB writes), LevelDB's compaction.
  const threads1 = threadCpuMs(process.pid)
  const byKind = new Map<string, number>()
  for (const [name, ms] of threads1) {
    const kind = name === 'main' ? 'main' : 'other threads'
    byKind.set(kind, (byKind.get(kind) ?? 0) + ms - (threads0.get(name) ?? 0))
  }
  const blocks = node.ctx.chain.best.number - b0
  const cpuMs = (c.user + c.system) / 1000
  console.log(`${epochs} epochs, ${blocks} blocks: wall ${wall.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / epochs).toFixed(1)} ms/epoch, ${(cpuMs * 1000 / blocks).toFixed(0)} µs/block)`)
  console.log(`CPU by thread: ${[...byKind].map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`)
  const sorted = [...buildUs].sort((a, b) => b - a)
  const top = sorted.slice(0, epochs)
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
  console.log(`block build (wall): the ${epochs} slowest ${(sum(top) / epochs / 1000).toFixed(1)} ms each (the epochs), the other ${sorted.length - epochs} ${(sum(sorted.slice(epochs)) / (sorted.length - epochs)).toFixed(0)} µs each`)
  if (profiler) {
    const path = join(tmpdir(), `profile-advance-${process.pid}.cpuprofile`)
    const profile = await profiler.stop(path)
    // The epoch blocks' build windows, for a profile of those blocks alone.
    const slow = [...windows].sort((a, b) => (b.to - b.from) - (a.to - a.from)).slice(0, epochs)
    writeFileSync(`${path}.epochs.json`, JSON.stringify(slow))
    const per = (us: number): string => `${(us / 1000 / epochs).toFixed(2).padStart(8)} ms/epoch`
    const sum = under ? summarizeUnder(profile as unknown as Profile, under) : summarizeProfile(path)
    printSummary(sum, per, `busy ${per(sum.busyUs)}${under ? ` under ${under}` : ''} (profile: ${path})`, { self: 40, inclusive: 80 })
  }
} finally {
  await node.stop()
}
process.exit(0)

// Which ordinary blocks of the started-subnets dev chain are slow, and what they hold: each block's
// wall time (commit to commit, as bench/block-times.ts) and the process's CPU time beside the GC pauses that started in it
// (PerformanceObserver 'gc': scavenge, mark-compact, incremental marking) and the LevelDB batch the
// commit queue prepared in it (KV.write's synchronous part: the producer's yields let the queue
// drain). Blocks are grouped by what they held; each group's share of the mean above the median
// of the blocks that held nothing shows where the tails come from.
//
//   npx tsx bench/block-tails.ts [subnets=32] [classic|current] [blocks=3000]
import '../src/polyfill.js'
import { PerformanceObserver, constants } from 'node:perf_hooks'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import type { KV, KvBatch, KvOp } from '../src/storage/kv.js'
import { openLevelKV } from '../src/storage/level.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'

const subnets = Number(process.argv[2] ?? 32)
const regime = (process.argv[3] ?? 'current') as 'classic' | 'current'
const blocks = Number(process.argv[4] ?? 3_000)

await cryptoReady()
const chainSpec = loadChainSpec(startedSubnetsSpec(subnets, regime))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
const dir = mkdtempSync(join(tmpdir(), 'block-tails-db-'))
const level = await openLevelKV(dir)
// Synchronous part of each batch write (with a list of ops: their puts too), by when it started.
const writes: { at: number; ms: number; ops: number }[] = []
const timedWrite = (ops: number, write: () => Promise<void>): Promise<void> => {
  const at = performance.now()
  const p = write()
  writes.push({ at, ms: performance.now() - at, ops })
  return p
}
const kv: KV = Object.create(level) as KV
kv.write = (ops: KvOp[]): Promise<void> => timedWrite(ops.length, () => level.write(ops))
if (level.batch !== undefined) {
  const batchOf = level.batch.bind(level)
  kv.batch = (): KvBatch => {
    const b = batchOf()
    let ops = 0
    return { put: (k, v) => { ops++; b.put(k, v) }, del: (k) => { ops++; b.del(k) }, write: () => timedWrite(ops, () => b.write()) }
  }
}
const store = await BlockStore.open(kv)
const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })

// The process's CPU time (all its threads: LevelDB's and GC helpers' too), beside the wall time,
// which on a shared machine also holds other processes' turns.
const processCpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }

const gcs: { at: number; ms: number; kind: string }[] = []
const kindName = (k: number): string =>
  k === constants.NODE_PERFORMANCE_GC_MINOR ? 'scavenge' : k === constants.NODE_PERFORMANCE_GC_MAJOR ? 'mark-compact'
    : k === constants.NODE_PERFORMANCE_GC_INCREMENTAL ? 'incremental' : 'weak'
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ at: e.startTime, ms: e.duration, kind: kindName((e as unknown as { detail: { kind: number } }).detail.kind) })
})

try {
  await producer.produceMany(300)
  obs.observe({ entryTypes: ['gc'] })
  const ends: number[] = []
  const cpu: number[] = []
  const numbers: number[] = []
  const commitMs: number[] = []
  const commit = chain.commit.bind(chain)
  chain.commit = (b, o) => {
    const c0 = performance.now()
    const r = commit(b, o)
    commitMs.push(performance.now() - c0)
    ends.push(performance.now())
    cpu.push(processCpuMs())
    numbers.push(b.header.number)
    return r
  }
  await producer.produceMany(blocks)
  await new Promise((r) => setTimeout(r, 50))
  obs.disconnect()

  interface Row { ms: number; cpuMs: number; gcMs: number; gcKinds: Set<string>; writeMs: number; residue: number }
  const rows: Row[] = []
  let gi = 0, wi = 0
  for (let i = 1; i < ends.length; i++) {
    const from = ends[i - 1]!, to = ends[i]!
    const row: Row = { ms: to - from, cpuMs: cpu[i]! - cpu[i - 1]!, gcMs: 0, gcKinds: new Set(), writeMs: 0, residue: numbers[i]! % 10 }
    while (gi < gcs.length && gcs[gi]!.at < from) gi++
    for (let j = gi; j < gcs.length && gcs[j]!.at < to; j++) { row.gcMs += gcs[j]!.ms; row.gcKinds.add(gcs[j]!.kind) }
    while (wi < writes.length && writes[wi]!.at < from) wi++
    for (let j = wi; j < writes.length && writes[j]!.at < to; j++) row.writeMs += writes[j]!.ms
    rows.push(row)
  }
  const us = (ms: number): string => `${(ms * 1000).toFixed(0).padStart(6)} µs`
  const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] ?? 0 }
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
  const ordinary = rows.filter((r) => r.residue >= 2)
  const plain = ordinary.filter((r) => r.gcKinds.size === 0 && r.writeMs === 0)
  const base = median(plain.map((r) => r.ms))
  console.log(`${subnets} subnets, ${regime}: ${rows.length} blocks; ordinary (#…2-9) ${ordinary.length}: mean ${us(mean(ordinary.map((r) => r.ms)))}, median ${us(median(ordinary.map((r) => r.ms)))}; holding nothing ${plain.length}: median ${us(base)}`)
  const groups = new Map<string, Row[]>()
  for (const r of ordinary) {
    const k = [...r.gcKinds].sort().join('+') + (r.writeMs > 0 ? (r.gcKinds.size ? '+' : '') + 'batch' : '') || 'nothing'
    groups.set(k, [...(groups.get(k) ?? []), r])
  }
  for (const [k, rs] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const excess = rs.reduce((s, r) => s + r.ms - base, 0) / ordinary.length
    console.log(`  ${k.padEnd(28)} ${String(rs.length).padStart(5)} blocks: mean ${us(mean(rs.map((r) => r.ms)))}, median ${us(median(rs.map((r) => r.ms)))}, process CPU ${us(mean(rs.map((r) => r.cpuMs)))}, gc ${us(mean(rs.map((r) => r.gcMs)))}, batch ${us(mean(rs.map((r) => r.writeMs)))}; excess per ordinary block ${us(excess)}`)
  }
  for (const res of [0, 1]) {
    const rs = rows.filter((r) => r.residue === res)
    console.log(`  #…${res}: mean ${us(mean(rs.map((r) => r.ms)))}, median ${us(median(rs.map((r) => r.ms)))}, gc ${us(mean(rs.map((r) => r.gcMs)))} (${rs.filter((r) => r.gcKinds.size).length} of ${rs.length} hold one), batch ${us(mean(rs.map((r) => r.writeMs)))} (${rs.filter((r) => r.writeMs).length} hold one)`)
  }
  console.log(`  chain.commit: mean ${us(mean(commitMs))}, median ${us(median(commitMs))}`)
  const ws = writes.filter((w) => w.at >= ends[0]!)
  console.log(`  batches: ${ws.length} (${(ws.length / rows.length).toFixed(2)} per block), ops ${mean(ws.map((w) => w.ops)).toFixed(0)} mean, prep ${us(mean(ws.map((w) => w.ms)))} mean`)
  const scav = gcs.filter((g) => g.kind === 'scavenge')
  console.log(`  GC: ${scav.length} scavenges, mean ${us(mean(scav.map((g) => g.ms)))}; others ${gcs.length - scav.length}: ${gcs.filter((g) => g.kind !== 'scavenge').map((g) => `${g.kind} ${us(g.ms)}`).slice(0, 8).join(', ')}`)
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}

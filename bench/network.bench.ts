// Issue #14 figures, real node processes on 127.0.0.1:
// - five authorities at 1-second slots: how long a block takes to reach the other nodes
//   (first arrival anywhere → arrival at each other node, seen through chain_subscribeAllHeads),
//   and the finality lag (best − finalized) sampled on every node;
// - catch-up sync: a fresh full node imports 10,000 sealed blocks from one peer.
import '../src/polyfill.js'
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bestOf, startNetNode, stopAll, waitFor, type NetNode } from '../test/e2e/net-harness.js'
import { loadChainSpec } from '../src/node/chain-spec.js'
import { openLevelKV } from '../src/storage/level.js'
import { Client } from './lib/client.js'
import { sealedBlocks } from './sync-import.bench.js'

interface Row { name: string; value: number; unit: string }

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** genesis/local.json with Alice…Eve as Aura and GRANDPA authorities. */
async function fiveAuthoritySpec(): Promise<string> {
  await cryptoWaitReady()
  const spec = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'genesis', 'local.json'), 'utf8')) as {
    genesis: { runtimeGenesis: { patch: { aura: { authorities: string[] }; grandpa: { authorities: [string, number][] } } } }
  }
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve']
  const patch = spec.genesis.runtimeGenesis.patch
  patch.aura.authorities = names.map((n) => new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`//${n}`).address)
  patch.grandpa.authorities = names.map((n) => [new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri(`//${n}`).address, 1])
  const file = join(tmpdir(), `bench-five-authorities-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(spec))
  return file
}

async function propagation(seconds: number): Promise<Row[]> {
  const chain = await fiveAuthoritySpec()
  const nodes: NetNode[] = []
  const clients: Client[] = []
  try {
    nodes.push(await startNetNode({ who: 'alice', keyByte: 101, chain }))
    nodes.push(...await Promise.all(['bob', 'charlie', 'dave', 'eve'].map((who, i) => startNetNode({ who, keyByte: 102 + i, chain, bootnodes: [nodes[0]!.addr] }))))
    // Let the mesh form and the first rounds run before measuring.
    await waitFor('five blocks on Alice\'s node', async () => (await bestOf(nodes[0]!)).number >= 5, STALL_MS)
    const arrivals = new Map<string, number[]>()
    for (const n of nodes) {
      const c = await Client.open(n.proc.url)
      clients.push(c)
      await c.subscribe('chain_subscribeAllHeads', [], (h) => {
        const key = JSON.stringify(h)
        const t = performance.now()
        const a = arrivals.get(key) ?? []
        a.push(t)
        arrivals.set(key, a)
      })
    }
    const lags: number[] = []
    const end = Date.now() + seconds * 1000
    while (Date.now() < end) {
      await sleep(250)
      for (const c of clients) {
        const [best, fin] = await Promise.all([c.call<{ number: string }>('chain_getHeader'), c.call<string>('chain_getFinalizedHead').then((h) => c.call<{ number: string }>('chain_getHeader', [h]))])
        lags.push(Number(best.number) - Number(fin.number))
      }
    }
    const delays: number[] = []
    let complete = 0
    for (const a of arrivals.values()) {
      if (a.length < nodes.length) continue
      complete++
      const first = Math.min(...a)
      for (const t of a) if (t !== first) delays.push(t - first)
    }
    return [
      { name: 'network: 5 authorities, 1 s slots: blocks seen by all 5 nodes', value: complete, unit: 'blocks' },
      { name: 'network: block propagation p50 (author → other node)', value: pct(delays, 0.5), unit: 'ms' },
      { name: 'network: block propagation p95', value: pct(delays, 0.95), unit: 'ms' },
      { name: 'network: finality lag p50 (best − finalized)', value: pct(lags, 0.5), unit: 'blocks' },
      { name: 'network: finality lag p95', value: pct(lags, 0.95), unit: 'blocks' },
    ]
  } finally {
    for (const c of clients) c.close()
    await stopAll(nodes)
  }
}

/**
 * A dev node whose base path holds 10,000 sealed blocks (written beforehand, their slots all in
 * the past: a node authoring at 250 ms slots would otherwise race dev_newBlock and push the
 * blocks' slots ahead of the clock, and the sink would wait for the clock); a fresh full node syncs them.
 */
async function catchUp(count: number): Promise<Row[]> {
  const nodes: NetNode[] = []
  try {
    const base = mkdtempSync(join(tmpdir(), 'bench-catchup-'))
    const dbPath = join(base, 'chains', loadChainSpec('dev').id, 'db', 'full')
    mkdirSync(dbPath, { recursive: true })
    await sealedBlocks(count, await openLevelKV(dbPath))
    const source = await startNetNode({ keyByte: 111, chain: 'dev', base, extra: ['--alice'] })
    nodes.push(source)
    const target = (await bestOf(source)).number
    // NET_BENCH_PROFILE=<dir>: the syncing node writes a V8 CPU profile there when it stops.
    const prof = process.env.NET_BENCH_PROFILE
    const sink = await withProfile(prof, () => startNetNode({ keyByte: 112, chain: 'dev', bootnodes: [source.addr] }))
    nodes.push(sink)
    let t0 = 0
    let n0 = 0
    let cpu0 = 0
    let main0 = 0
    let src0 = 0
    let sched0 = [0, 0]
    let last = { n: -1, at: Date.now() }
    for (;;) {
      const n = Number((await sink.rpc<{ number: string }>('chain_getHeader')).number)
      if (n > 0 && t0 === 0) { t0 = performance.now(); n0 = n; cpu0 = processCpuMs(sink.proc.proc.pid!); main0 = mainThreadCpuMs(sink.proc.proc.pid!); src0 = processCpuMs(source.proc.proc.pid!); sched0 = schedOf(sink.proc.proc.pid!) }
      if (n >= target) break
      if (n !== last.n) last = { n, at: Date.now() }
      else if (Date.now() - last.at > STALL_MS) {
        throw new Error(`catch-up sync stalled at #${n} of #${target} for ${STALL_MS / 1000} s; syncing node said:\n${sink.proc.output().slice(-3000)}`)
      }
      // Each poll costs the syncing node an RPC request: poll often only at the start and the end.
      await sleep(n === 0 || target - n < 500 ? 10 : 200)
    }
    const seconds = (performance.now() - t0) / 1000
    const cpuMs = processCpuMs(sink.proc.proc.pid!) - cpu0
    const mainMs = mainThreadCpuMs(sink.proc.proc.pid!) - main0
    // The serving node shares the machine's cores with the syncing one.
    const srcMs = processCpuMs(source.proc.proc.pid!) - src0
    // NET_BENCH_THREADS=1: where the syncing node's CPU went, per thread (since it started).
    if (process.env.NET_BENCH_THREADS) {
      console.error(threadCpu(sink.proc.proc.pid!))
      // Of the sync's wall time, how long the main thread ran, waited for a core, or slept (waiting on events).
      const [run, wait] = schedOf(sink.proc.proc.pid!).map((v, i) => (v - sched0[i]!) / 1000)
      console.error(`main thread per block: ran ${(run! / (target - n0)).toFixed(0)} µs, waited for a core ${(wait! / (target - n0)).toFixed(0)} µs, slept ${((seconds * 1e6 - run! - wait!) / (target - n0)).toFixed(0)} µs`)
    }
    return [
      { name: `network: catch-up sync of ${count.toLocaleString('en-US')} blocks from one peer`, value: (target - n0) / seconds, unit: 'blocks/s' },
      { name: 'network: catch-up sync: CPU time of the syncing node (all threads) per block', value: cpuMs * 1000 / (target - n0), unit: 'µs/block' },
      { name: 'network: catch-up sync: CPU time of the syncing node\'s main thread per block', value: mainMs * 1000 / (target - n0), unit: 'µs/block' },
      { name: 'network: catch-up sync: CPU time of the serving node (all threads) per block', value: srcMs * 1000 / (target - n0), unit: 'µs/block' },
    ]
  } finally {
    await stopAll(nodes)
  }
}

/** Without progress for this long, a wait fails with what the nodes said instead of hanging. */
const STALL_MS = 60_000

/** utime + stime of a process, all its threads, from /proc (ms; clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  return cpuMsOf(`/proc/${pid}/stat`)
}

/** The same for the process's main thread alone (its thread id is the pid): block import runs there. */
function mainThreadCpuMs(pid: number): number {
  return cpuMsOf(`/proc/${pid}/task/${pid}/stat`)
}

/** CPU ms of each of a process's threads (thread id − pid: 0 is the main thread), busiest first. */
function threadCpu(pid: number): string {
  const rows = readdirSync(`/proc/${pid}/task`).map((tid) => [Number(tid) - pid, cpuMsOf(`/proc/${pid}/task/${tid}/stat`)] as const)
  return `threads of the syncing node (tid − pid: CPU ms): ${rows.filter((r) => r[1] > 0).sort((a, b) => b[1] - a[1]).map(([t, ms]) => `${t}: ${ms}`).join(', ')}`
}

/** ns the main thread has run and waited on a run queue (/proc schedstat). */
function schedOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').slice(0, 2).map(Number)
}

function cpuMsOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}

/** Run `fn` (which spawns a node) so that the node records a CPU profile into `dir` (none when undefined). */
async function withProfile<T>(dir: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!dir) return fn()
  const before = { opts: process.env.NODE_OPTIONS, dir: process.env.CPU_PROF_DIR }
  process.env.NODE_OPTIONS = `${before.opts ?? ''} --require ${join(import.meta.dirname, 'lib', 'cpu-prof-preload.cjs')}`.trim()
  process.env.CPU_PROF_DIR = dir
  try {
    return await fn()
  } finally {
    for (const [k, v] of [['NODE_OPTIONS', before.opts], ['CPU_PROF_DIR', before.dir]] as const) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

export async function run(): Promise<Row[]> {
  return [...await propagation(60), ...await catchUp(10_000)]
}

// `tsx bench/network.bench.ts [propagation|catchup]` runs one part on its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const part = process.argv[2]
  const rows = part === 'propagation' ? await propagation(60) : part === 'catchup' ? await catchUp(10_000) : await run()
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}`)
  process.exit(0)
}

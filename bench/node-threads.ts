// Where a node process's CPU off the main thread goes while dev_newBlock makes empty blocks on the
// dev chain with 4 subnets (the #11 figure; SUBNETS=32 for the #12 one): CPU per block by thread (in creation order: V8's
// platform workers start with the process, libuv's pool at the first async I/O, LevelDB's compaction
// thread with the database), and from V8's own GC trace the bytes allocated and promoted per block
// and the scavenges and mark-compacts, plus the functions TurboFan optimized during the run (a
// compile runs on a platform worker). Extra arguments go to the node process as V8 flags, e.g.
// `--single-threaded-gc` (GC work moves to the main thread) or `--single-threaded`; the harness starts the node
// with `--max-semi-space-size=64` (as bin/subtensor-emu.js does) unless a semi-space size is given here
// (`--max-semi-space-size=16` is Node 20's own default). Also printed: blocks/s (with GC tracing on) and
// the node's RSS after the run. OPT_DETAIL=1 also
// lists the functions TurboFan compiled during the run by name.
//
//   npx tsx bench/node-threads.ts [count=2000] [warm-up=1000] [--v8-flag ...]
import '../src/polyfill.js'
import { readdirSync, readFileSync } from 'node:fs'
import { devSpecWith, startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'

const args = process.argv.slice(2)
const pos = args.filter((a) => !a.startsWith('--'))
const count = Number(pos[0] ?? 2_000)
const warm = Number(pos[1] ?? 1_000)
const flags = args.filter((a) => a.startsWith('--'))
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

/** ms of CPU by thread id (utime + stime), with the thread's name. */
function threads(pid: number): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const name = Number(tid) === pid ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      out.set(Number(tid), { name, ms: (Number(f[11]) + Number(f[12])) * 10 })
    } catch { /* the thread ended */ }
  }
  return out
}

const subnets = Number(process.env.SUBNETS ?? 4)
const spec = subnets === 4
  ? devSpecWith((st) => { st.subnets = [2, 3, 4].map((netuid) => ({ netuid, owner: ALICE, hotkey: BOB, started: true })) })
  : startedSubnetsSpec(subnets, 'current')
const node = await startNodeProcess(['--chain', spec, '--alice', '--tmp', '--sealing', 'manual', '--no-prometheus'], 60_000,
  ['--trace-gc-nvp', '--trace-opt', ...flags])
const client = await Client.open(node.url)
let before: Map<number, { name: string; ms: number }>
let after: Map<number, { name: string; ms: number }>
let out: string
let memory: string
let wallMs: number
try {
  for (let left = warm; left > 0; left -= 1_000) await client.call('dev_newBlock', [{ count: Math.min(left, 1_000) }])
  const mark = node.output().length
  before = threads(node.proc.pid!)
  const t0 = performance.now()
  await client.call('dev_newBlock', [{ count }])
  wallMs = performance.now() - t0
  after = threads(node.proc.pid!)
  out = node.output().slice(mark)
  // The node's resident memory now and at its peak (the young generation's size shows here).
  const status = readFileSync(`/proc/${node.proc.pid!}/status`, 'utf8')
  const mb = (k: string): string => `${(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024).toFixed(0)} MB`
  memory = `node RSS ${mb('VmRSS')} (peak ${mb('VmHWM')})`
} finally {
  client.close()
  await node.kill()
}
const per = (ms: number): string => `${(ms * 1000 / count).toFixed(0)} µs`
const rows = [...after].map(([tid, t]) => ({ tid, name: t.name, ms: t.ms - (before.get(tid)?.ms ?? 0) })).filter((r) => r.ms > 0)
console.log(`${count} blocks after ${warm} in ${wallMs.toFixed(0)} ms (${(count * 1000 / wallMs).toFixed(0)} blocks/s, GC tracing on); node CPU ${per(rows.reduce((a, r) => a + r.ms, 0))}/block; by thread (creation order): ` +
  rows.sort((a, b) => a.tid - b.tid).map((r) => `${r.name}#${r.tid} ${per(r.ms)}`).join(', '))
const lines = out.split('\n')
const num = (l: string, k: string): number => Number(new RegExp(`\\b${k}=([\\d.]+)`).exec(l)?.[1] ?? 0)
const scavenges = lines.filter((l) => /\bgc=s\b/.test(l))
const sum = (k: string): number => scavenges.reduce((a, l) => a + num(l, k), 0)
const kb = (bytes: number): string => `${(bytes / count / 1024).toFixed(1)} KB`
console.log(`scavenges ${scavenges.length}: allocated ${kb(sum('allocated'))}/block, promoted ${kb(sum('promoted'))}/block; ` +
  `mark-compacts ${lines.filter((l) => /\bgc=mc\b/.test(l)).length}; TurboFan optimizations completed ${lines.filter((l) => l.includes('completed optimizing')).length}`)
// The main thread's GC pauses (wall time it stood still for each kind of collection).
const pauses = new Map<string, { n: number; ms: number }>()
for (const l of lines) {
  const kind = /\bgc=(\w+)/.exec(l)?.[1]
  if (kind === undefined) continue
  const e = pauses.get(kind) ?? { n: 0, ms: 0 }
  e.n++
  e.ms += num(l, 'pause')
  pauses.set(kind, e)
}
console.log('main-thread GC pauses: ' + [...pauses].map(([k, e]) => `${k} ×${e.n} ${per(e.ms)}/block`).join(', ') + `; ${memory}`)
// With OPT_DETAIL=1: which functions TurboFan compiled again during the run, most often first
// (a function compiled many times is deoptimised each time: a lever for the main thread).
if (process.env.OPT_DETAIL) {
  const byName = new Map<string, number>()
  for (const l of lines) {
    const m = /completed optimizing 0x[0-9a-f]+ <JSFunction ([^ >]*)/.exec(l)
    if (!m) continue
    const name = m[1]!.startsWith('(') || m[1] === '' ? '(anonymous)' : m[1]!
    byName.set(name, (byName.get(name) ?? 0) + 1)
  }
  console.log('optimized during the run: ' + [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, c]) => `${n} ×${c}`).join(', '))
}
process.exit(0)

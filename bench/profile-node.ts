// Where a node process spends its CPU on the instant-seal transfer workloads: runs the node
// (bin/subtensor-emu.js) under `node --cpu-prof`, drives the workloads, stops it with SIGTERM (it
// exits cleanly, so V8 writes the profile) and prints busy CPU per transaction and the top
// functions and files, counting only samples taken while each workload ran.
//
//   npx tsx bench/profile-node.ts [watched|unwatched|both] [perAccount] [top] [--no-prof]
// (--no-prof: only the per-thread CPU times, without the profiler's own overhead)
import '../src/polyfill.js'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cryptoReady } from '../src/codec/hashing.js'
import { startNodeProcess } from '../test/e2e/node-process.js'
import { summarizeProfile } from './lib/cpu-profile.js'
import { submitTransfers, watchedTransfers, type TransferRun } from './lib/transfers.js'

const noProf = process.argv.includes('--no-prof')
const args = process.argv.slice(2).filter((a) => a !== '--no-prof')
const which = args[0] ?? 'both'
const perAccount = Number(args[1] ?? 1_500)
const top = Number(args[2] ?? 30)

await cryptoReady()
const dir = mkdtempSync(join(tmpdir(), 'cpu-prof-'))
const node = await startNodeProcess(['--dev', '--sealing', 'instant', '--no-prometheus'], 60_000, noProf ? [] : ['--cpu-prof', '--cpu-prof-dir', dir])
const { proc, url } = node
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n)

/**
 * CPU time (ms) of each of the node's threads so far, from /proc (utime + stime): unlike the
 * profile's samples, it does not grow when other processes take the cores.
 */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      out.set(`${tid === String(pid) ? 'main' : comm}#${tid}`, (Number(f[11]) + Number(f[12])) * 10)
    } catch { /* the thread ended */ }
  }
  return out
}

function cpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>()
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0)
    const kind = k.startsWith('main#') ? 'main' : k
    out.set(kind, (out.get(kind) ?? 0) + d)
  }
  return out
}

const windows: { name: string; from: number; to: number; run: TransferRun; cpu: Map<string, number> }[] = []
let nonce = 0
try {
  // Warm up (JIT, caches) before anything is counted.
  await submitTransfers(url, 200, 256, nonce); nonce += 200
  for (const w of which === 'both' ? ['unwatched', 'watched'] : [which]) {
    const from = nowUs()
    const cpu0 = threadCpu(proc.pid!)
    const run = w === 'watched' ? await watchedTransfers(url, perAccount, 256, nonce) : await submitTransfers(url, perAccount, 256, nonce)
    const cpu = cpuDelta(cpu0, threadCpu(proc.pid!))
    nonce += perAccount
    windows.push({ name: w, from, to: nowUs(), run, cpu })
  }
} finally {
  await node.kill()
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
if (!file && !noProf) throw new Error(`no profile written in ${dir}`)
for (const w of windows) {
  console.log(`\n== ${w.name}: ${w.run.total} tx in ${w.run.secs.toFixed(2)} s = ${w.run.tps.toFixed(0)} tx/s (wall)`)
  const total = [...w.cpu.values()].reduce((a, b) => a + b, 0)
  console.log(`node CPU (/proc) ${(total * 1000 / w.run.total).toFixed(0)} µs/tx: ${[...w.cpu].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v * 1000 / w.run.total).toFixed(0)}`).join(', ')}`)
  if (!file) continue
  const s = summarizeProfile(join(dir, file), w)
  console.log(`profile: node busy ${(s.busyUs / 1000).toFixed(0)} ms of ${(s.totalUs / 1000).toFixed(0)} ms sampled = ${(s.busyUs / w.run.total).toFixed(1)} µs/tx on the main thread`)
  console.log('-- by file')
  for (const f of s.byFile.slice(0, top)) console.log(`${(f.us / w.run.total).toFixed(1).padStart(8)} µs/tx  ${f.name}`)
  console.log('-- inclusive')
  for (const f of s.inclusive.slice(0, top * 2)) console.log(`${(f.us / w.run.total).toFixed(1).padStart(8)} µs/tx  ${f.name}`)
  console.log('-- by function')
  for (const f of s.byFunction.slice(0, top)) console.log(`${(f.us / w.run.total).toFixed(1).padStart(8)} µs/tx  ${f.name}`)
}
if (file) console.log(`\nprofile: ${join(dir, file)}`)
process.exit(0)

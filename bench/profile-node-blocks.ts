// Where a node process spends its CPU making empty blocks through dev_newBlock on the dev chain
// with 4 subnets (the #11 figure): runs the node from the TypeScript sources under
// `node --cpu-prof`, builds a warm-up run and then `count` blocks in one call, and prints the
// node's CPU per block by thread (/proc: steadier than wall time on a loaded machine) and the top
// functions on the main thread during that call.
//
//   npx tsx bench/profile-node-blocks.ts [count=2000] [top=40] [--no-prof]
import '../src/polyfill.js'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import { devSpecWith } from '../test/e2e/node-process.js'
import { summarizeProfile } from './lib/cpu-profile.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const noProf = process.argv.includes('--no-prof')
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const count = Number(args[0] ?? 2_000)
const top = Number(args[1] ?? 40)
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

const spec = devSpecWith((st) => { st.subnets = [2, 3, 4].map((netuid) => ({ netuid, owner: ALICE, hotkey: BOB, started: true })) })
const dir = mkdtempSync(join(tmpdir(), 'cpu-prof-'))
const proc = spawn(process.execPath, [
  ...(noProf ? [] : ['--cpu-prof', '--cpu-prof-dir', dir]), '--import', 'tsx',
  join(ROOT, 'src', 'cli', 'main.ts'), '--chain', spec, '--alice', '--tmp', '--sealing', 'manual', '--rpc-port', '0', '--no-prometheus',
], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
let out = ''
const exited = new Promise<unknown>((r) => proc.on('exit', r))
const port = await new Promise<number>((resolve, reject) => {
  const onData = (d: Buffer): void => {
    out += d.toString()
    const m = /Running JSON-RPC server: addr=[^:\s]+:(\d+)/.exec(out)
    if (m) resolve(Number(m[1]))
  }
  proc.stdout!.on('data', onData)
  proc.stderr!.on('data', onData)
  void exited.then(() => reject(new Error(out)))
})

/** CPU ms of each of the node's threads so far (/proc utime + stime), the main thread as 'main'. */
function threadCpu(pid: number): Map<string, number> {
  const m = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const comm = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      m.set(comm, (m.get(comm) ?? 0) + (Number(f[11]) + Number(f[12])) * 10)
    } catch { /* the thread ended */ }
  }
  return m
}

const ws = new WebSocket(`ws://127.0.0.1:${port}`)
await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
let nextId = 1
const call = (method: string, params: unknown[]): Promise<unknown> => new Promise((resolve, reject) => {
  const id = nextId++
  const on = (d: WebSocket.RawData): void => {
    const m = JSON.parse(d.toString()) as { id?: number; result?: unknown; error?: { message: string } }
    if (m.id !== id) return
    ws.off('message', on)
    if (m.error) reject(new Error(m.error.message)); else resolve(m.result)
  }
  ws.on('message', on)
  ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
})
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n)
let window: { from: number; to: number }
let cpu: Map<string, number>
let wallMs: number
try {
  await call('dev_newBlock', [{ count: 300 }])
  const cpu0 = threadCpu(proc.pid!)
  const from = nowUs()
  await call('dev_newBlock', [{ count }])
  const to = nowUs()
  const cpu1 = threadCpu(proc.pid!)
  cpu = new Map([...cpu1].map(([k, v]) => [k, v - (cpu0.get(k) ?? 0)]))
  window = { from, to }
  wallMs = (to - from) / 1000
} finally {
  ws.close()
  proc.kill('SIGTERM')
  await exited
}
const total = [...cpu.values()].reduce((a, b) => a + b, 0)
console.log(`${count} blocks: ${(count / (wallMs / 1000)).toFixed(0)} blocks/s wall; node CPU ${(total * 1000 / count).toFixed(0)} µs/block: ` +
  [...cpu].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v * 1000 / count).toFixed(0)}`).join(', '))
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
if (file) {
  const s = summarizeProfile(join(dir, file), window)
  console.log(`main thread busy ${(s.busyUs / count).toFixed(0)} µs/block (profile)\n-- inclusive`)
  for (const f of s.inclusive.slice(0, top * 2)) console.log(`${(f.us / count).toFixed(1).padStart(8)} µs/block  ${f.name}`)
  console.log('-- by function')
  for (const f of s.byFunction.slice(0, top)) console.log(`${(f.us / count).toFixed(1).padStart(8)} µs/block  ${f.name}`)
}
process.exit(0)

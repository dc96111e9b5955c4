// Where a node process spends its CPU making empty blocks through dev_newBlock on the dev chain
// with 4 subnets (the #11 figure; SUBNETS=32 for the #12 one, WARM= blocks before, default 300): runs the node (bin/subtensor-emu.js) under
// `node --cpu-prof`, builds a warm-up run and then `count` blocks in one call, and prints the
// node's CPU per block by thread (/proc: steadier than wall time on a loaded machine) and the top
// functions on the main thread during that call.
//
//   npx tsx bench/profile-node-blocks.ts [count=2000] [top=40] [--no-prof]
import '../src/polyfill.js'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { devSpecWith, startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { threadCpuMs } from './lib/proc-cpu.js'
import { summarizeProfile } from './lib/cpu-profile.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'

const noProf = process.argv.includes('--no-prof')
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const count = Number(args[0] ?? 2_000)
const top = Number(args[1] ?? 40)
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

const subnets = Number(process.env.SUBNETS ?? 4)
const spec = subnets === 4
  ? devSpecWith((st) => { st.subnets = [2, 3, 4].map((netuid) => ({ netuid, owner: ALICE, hotkey: BOB, started: true })) })
  : startedSubnetsSpec(subnets, 'current')
const dir = mkdtempSync(join(tmpdir(), 'cpu-prof-'))
const node = await startNodeProcess(['--chain', spec, '--alice', '--tmp', '--sealing', 'manual', '--no-prometheus'], 60_000,
  noProf ? [] : ['--cpu-prof', '--cpu-prof-dir', dir])
const client = await Client.open(node.url)
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n)
let window: { from: number; to: number }
let cpu: Map<string, number>
let wallMs: number
try {
  for (let left = Number(process.env.WARM ?? 300); left > 0; left -= 1_000) await client.call('dev_newBlock', [{ count: Math.min(left, 1_000) }])
  const cpu0 = threadCpuMs(node.proc.pid!)
  const from = nowUs()
  await client.call('dev_newBlock', [{ count }])
  const to = nowUs()
  const cpu1 = threadCpuMs(node.proc.pid!)
  cpu = new Map([...cpu1].map(([k, v]) => [k, v - (cpu0.get(k) ?? 0)]))
  window = { from, to }
  wallMs = (to - from) / 1000
} finally {
  client.close()
  await node.kill()
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

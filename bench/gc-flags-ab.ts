// Which V8 heap flags make the node cheapest per block: starts the dev node (4 subnets: the #11
// figure's chain) once per flag set, alternating, and prints its CPU per block by thread over
// `rounds` × `count` dev_newBlock blocks — CPU, not wall time, so a loaded machine still compares.
//
//   npx tsx bench/gc-flags-ab.ts [count=3000] [rounds=3] [flag sets, '|'-separated, '' = none]
import '../src/polyfill.js'
import { devSpecWith, startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { threadCpuMs } from './lib/proc-cpu.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const count = Number(process.argv[2] ?? 3_000)
const rounds = Number(process.argv[3] ?? 3)
const sets = (process.argv[4] ?? '|--max-semi-space-size=32|--max-semi-space-size=64').split('|').map((s) => s.split(' ').filter(Boolean))
const spec = devSpecWith((st) => { st.subnets = [2, 3, 4].map((netuid) => ({ netuid, owner: ALICE, hotkey: BOB, started: true })) })

for (let r = 0; r < rounds; r++) {
  for (const flags of sets) {
    const node = await startNodeProcess(['--chain', spec, '--alice', '--tmp', '--sealing', 'manual', '--no-prometheus'], 60_000, flags)
    const client = await Client.open(node.url)
    try {
      await client.call('dev_newBlock', [{ count: 300 }])
      const cpu0 = threadCpuMs(node.proc.pid!)
      const t0 = performance.now()
      await client.call('dev_newBlock', [{ count }])
      const wall = performance.now() - t0
      const cpu1 = threadCpuMs(node.proc.pid!)
      const per = [...cpu1].map(([k, v]) => [k, (v - (cpu0.get(k) ?? 0)) * 1000 / count] as const).filter(([, v]) => v > 0)
      const total = per.reduce((a, [, v]) => a + v, 0)
      console.log(`[${flags.join(' ') || 'no flags'}] ${(count / wall * 1000).toFixed(0)} blocks/s wall, CPU ${total.toFixed(0)} µs/block: ` +
        per.sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '))
    } finally {
      client.close()
      await node.kill()
    }
  }
}
process.exit(0)

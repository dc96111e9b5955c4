// Issue #3 figures against a real node process over a real socket: cold start, ApiPromise ready,
// dev_newBlock throughput, pipelined state_getStorage, and signed transfers end to end.
import '../src/polyfill.js'
import { ApiPromise, WsProvider } from '@polkadot/api'
import { pathToFileURL } from 'node:url'
import { cryptoReady } from '../src/codec/hashing.js'
import { startNodeProcess, type NodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { submitTransfers } from './lib/transfers.js'

interface Row { name: string; value: number; unit: string }

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!

async function coldStart(): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const n = await startNodeProcess(['--dev', '--sealing', 'manual'])
    const c = await Client.open(n.url)
    await c.call('system_health')
    times.push(performance.now() - t0)
    c.close()
    await n.kill('SIGTERM')
  }
  return times
}

async function pipelined(c: Client, total: number, inFlight: number, make: (i: number) => Promise<unknown>): Promise<number> {
  let sent = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (sent < total) { const i = sent++; await make(i) }
  }))
  return performance.now() - t0
}

export async function run(): Promise<Row[]> {
  await cryptoReady()
  const rows: Row[] = []
  const starts = await coldStart()
  rows.push({ name: 'cold start to RPC ready (median of 5)', value: median(starts), unit: 'ms' })

  let node: NodeProcess = await startNodeProcess(['--dev', '--sealing', 'manual'])
  try {
    const ready: number[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
      ready.push(performance.now() - t0)
      await api.disconnect()
    }
    rows.push({ name: 'ApiPromise.create → ready (median of 5)', value: median(ready), unit: 'ms' })

    const c = await Client.open(node.url)
    await c.call('dev_newBlock', [{ count: 100 }])
    const n = 5_000
    let t0 = performance.now()
    await c.call('dev_newBlock', [{ count: n }])
    rows.push({ name: 'dev_newBlock empty blocks', value: n / ((performance.now() - t0) / 1000), unit: 'blocks/s' })

    // System.Account(Alice)
    const key = '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
    await pipelined(c, 5_000, 200, () => c.call('state_getStorage', [key]))
    const total = 50_000
    for (const inFlight of [64, 200]) {
      c.latencies.length = 0
      const ms = await pipelined(c, total, inFlight, () => c.call('state_getStorage', [key]))
      rows.push({ name: `state_getStorage pipelined, ${inFlight} in flight (one socket)`, value: total / (ms / 1000), unit: 'req/s' })
      rows.push({ name: `state_getStorage p50 latency, ${inFlight} in flight`, value: pct(c.latencies, 0.5), unit: 'ms (p50)' })
      rows.push({ name: `state_getStorage p99 latency, ${inFlight} in flight`, value: pct(c.latencies, 0.99), unit: 'ms (p99)' })
    }
    // Latency without queueing behind 200 others: one request at a time.
    c.latencies.length = 0
    for (let i = 0; i < 5_000; i++) await c.call('state_getStorage', [key])
    rows.push({ name: 'state_getStorage p99 latency, sequential', value: pct(c.latencies, 0.99), unit: 'ms' })
    c.close()
    await node.kill('SIGTERM')

    // Signed transfers from 4 accounts, submitted over RPC, into blocks (instant sealing).
    node = await startNodeProcess(['--dev', '--sealing', 'instant'])
    const t = await submitTransfers(node.url, 1_500)
    rows.push({ name: 'signed transfers over RPC (4 accounts) into blocks', value: t.tps, unit: 'tx/s' })
  } finally {
    await node.kill('SIGTERM')
  }
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(60)} ${r.value.toFixed(2).padStart(12)} ${r.unit}`)
  process.exit(0)
}

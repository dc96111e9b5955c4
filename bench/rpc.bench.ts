// RPC server throughput: one WebSocket client pipelining state_getStorage-like calls.
// Run: npx tsx bench/rpc.bench.ts

import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import { createRpcServer } from '../src/rpc/server.js'
import { invalidParams } from '../src/rpc/errors.js'
import type { RpcMethod } from '../src/rpc/types.js'

export interface BenchResult {
  name: string
  value: number
  unit: string
}

const TOTAL = 50_000
const WARMUP = 5_000
const IN_FLIGHT = 200
const KEYS = 1024

function hex(n: number, bytes: number): string {
  return '0x' + n.toString(16).padStart(bytes * 2, '0')
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

/** Send `frames` (ids 0..n-1) keeping IN_FLIGHT outstanding; per-request latency in ms by id. */
function pipeline(ws: WebSocket, frames: string[]): Promise<{ latency: Float64Array; errors: number }> {
  const total = frames.length
  const sentAt = new Float64Array(total)
  const latency = new Float64Array(total)
  let sent = 0
  let received = 0
  let errors = 0
  return new Promise((resolve) => {
    const pump = (): void => {
      while (sent < total && sent - received < IN_FLIGHT) {
        sentAt[sent] = performance.now()
        ws.send(frames[sent]!)
        sent++
      }
    }
    const onMessage = (data: Buffer): void => {
      const now = performance.now()
      const msg = JSON.parse(data.toString()) as { id: number; result?: unknown }
      if (msg.result === undefined) errors++
      latency[msg.id] = now - sentAt[msg.id]!
      if (++received === total) {
        ws.off('message', onMessage)
        resolve({ latency, errors })
      } else pump()
    }
    ws.on('message', onMessage)
    pump()
  })
}

export async function run(): Promise<BenchResult[]> {
  const storage = new Map<string, string>()
  for (let i = 0; i < KEYS; i++) storage.set(hex(i, 32), hex(i * 7919, 48))
  const getStorage: RpcMethod = {
    name: 'state_getStorage',
    aliases: ['state_getStorageAt'],
    handler(params) {
      const key = params[0]
      if (typeof key !== 'string') throw invalidParams('key must be a hex string')
      return storage.get(key) ?? null
    },
  }
  const server = await createRpcServer({
    host: '127.0.0.1',
    port: 0,
    methods: [getStorage],
    rpcMethods: 'auto',
    cors: 'all',
  })
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}`, { perMessageDeflate: false })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })

  const frame = (i: number): string =>
    `{"jsonrpc":"2.0","id":${i},"method":"state_getStorage","params":["${hex(i % KEYS, 32)}"]}`
  // Unmeasured warm-up so JIT compilation of both ends is not billed to the first requests.
  await pipeline(ws, Array.from({ length: WARMUP }, (_, i) => frame(i)))
  // Pre-encoded so the client's own serialization stays out of the measurement.
  const frames = Array.from({ length: TOTAL }, (_, i) => frame(i))
  const started = performance.now()
  const { latency, errors } = await pipeline(ws, frames)
  const elapsed = (performance.now() - started) / 1000
  ws.close()
  await server.close()

  latency.sort()
  if (errors > 0) throw new Error(`${errors} requests failed`)
  return [
    { name: 'rpc ws pipelined state_getStorage throughput', value: Math.round(TOTAL / elapsed), unit: 'req/s' },
    { name: 'rpc ws pipelined latency p50', value: +percentile(latency, 0.5).toFixed(3), unit: 'ms' },
    { name: 'rpc ws pipelined latency p99', value: +percentile(latency, 0.99).toFixed(3), unit: 'ms' },
    { name: 'rpc ws pipelined latency max', value: +latency[latency.length - 1]!.toFixed(3), unit: 'ms' },
  ]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err)
      process.exitCode = 1
    },
  )
}

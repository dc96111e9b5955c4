// Issue 16 figures against a real node process: what announcing only durable blocks costs
// (dev_newBlock empty blocks/s, instant-seal transfers/s), and dev_newBlock with 1,000 open
// chain_subscribeNewHeads subscriptions on 10 connections — reading, stalled (not reading), and
// after they disconnect.
import '../src/polyfill.js'
import { pathToFileURL } from 'node:url'
import WebSocket from 'ws'
import { cryptoReady } from '../src/codec/hashing.js'
import { startNodeProcess, type NodeProcess } from '../test/e2e/node-process.js'
import { watchedTransfers } from './lib/transfers.js'

interface Row { name: string; value: number; unit: string }

async function http<T>(port: number, method: string, params: unknown[] = []): Promise<T> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await r.json()) as { result?: T; error?: { message: string } }
  if (body.error) throw new Error(`${method}: ${body.error.message}`)
  return body.result as T
}

/** Blocks per second of dev_newBlock {count}, best of `tries` (the machine is shared). */
async function newBlockRate(port: number, count: number, tries = 3): Promise<number> {
  let best = 0
  for (let i = 0; i < tries; i++) {
    const t0 = performance.now()
    await http(port, 'dev_newBlock', [{ count }])
    best = Math.max(best, count / ((performance.now() - t0) / 1000))
  }
  return best
}

/** `perConn` new-heads subscriptions on each of `conns` sockets; notifications are counted. */
async function subscribers(url: string, conns: number, perConn: number): Promise<{ sockets: WebSocket[]; received: () => number }> {
  let received = 0
  const sockets: WebSocket[] = []
  for (let c = 0; c < conns; c++) {
    const ws = new WebSocket(url)
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
    let acked = 0
    const allAcked = new Promise<void>((resolve) => {
      ws.on('message', (d: Buffer) => {
        // Count without parsing: a reader that keeps up, as cheaply as possible.
        if (d[18] === 0x6d /* {"jsonrpc":"2.0","m… */) received++
        else if (++acked === perConn) resolve()
      })
    })
    for (let i = 0; i < perConn; i++) ws.send(`{"jsonrpc":"2.0","id":${i},"method":"chain_subscribeNewHeads","params":[]}`)
    await allAcked
    sockets.push(ws)
  }
  return { sockets, received: () => received }
}

async function transfersPerSecond(perAccount: number): Promise<number> {
  const node = await startNodeProcess(['--dev', '--sealing', 'instant'])
  try {
    // Every transfer watched; a sender's go in nonce order over its own connection (at most 1,024
    // subscriptions each), 256 in flight. Done when each one has been reported finalized (durable).
    return (await watchedTransfers(node.url, perAccount)).tps
  } finally {
    await node.kill('SIGTERM')
  }
}

export async function run(): Promise<Row[]> {
  await cryptoReady()
  const rows: Row[] = []
  const progress = (m: string): void => { process.stderr.write(`  durability: ${m}\n`) }
  let node: NodeProcess = await startNodeProcess(['--dev', '--sealing', 'manual'])
  try {
    await http(node.port, 'dev_newBlock', [{ count: 500 }]) // warm up
    const fresh = await newBlockRate(node.port, 3_000)
    rows.push({ name: 'dev_newBlock empty blocks, fresh node (best of 3 × 3,000)', value: fresh, unit: 'blocks/s' })

    progress(`fresh ${fresh.toFixed(0)} blocks/s`)
    const reading = await subscribers(node.url, 10, 100)
    const before = reading.received()
    rows.push({ name: 'dev_newBlock, 1,000 new-heads subscriptions reading', value: await newBlockRate(node.port, 3_000, 1), unit: 'blocks/s' })
    await new Promise((r) => setTimeout(r, 500))
    rows.push({ name: '  notifications received meanwhile', value: reading.received() - before, unit: 'notifications' })
    for (const ws of reading.sockets) ws.terminate()

    progress('reading done')
    const stalled = await subscribers(node.url, 10, 100)
    for (const ws of stalled.sockets) (ws as unknown as { _socket: { pause(): void } })._socket.pause()
    rows.push({ name: 'dev_newBlock, 1,000 new-heads subscriptions stalled', value: await newBlockRate(node.port, 3_000, 1), unit: 'blocks/s' })
    for (const ws of stalled.sockets) ws.terminate()
    await new Promise((r) => setTimeout(r, 500))
    rows.push({ name: 'dev_newBlock after they disconnected (best of 3)', value: await newBlockRate(node.port, 3_000), unit: 'blocks/s' })
  } finally {
    await node.kill('SIGTERM')
  }
  progress('subscriptions done')
  rows.push({ name: 'instant-seal transfers, submitted and watched to finalized', value: await transfersPerSecond(1_000), unit: 'tx/s' })
  // Instant-seal blocks become final 500 ms after import (COMPATIBILITY.md), so the last
  // transfers of a run wait up to that long: a longer run shows the sustained rate.
  rows.push({ name: '  same, 10,000 transfers (the 500 ms finality lag amortized)', value: await transfersPerSecond(2_500), unit: 'tx/s' })
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(64)} ${r.value.toFixed(2).padStart(12)} ${r.unit}`)
  process.exit(0)
}

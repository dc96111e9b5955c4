// Issue #15 figures for the new JSON-RPC spec, on an in-process dev node (so import times and
// event arrival share one clock): chainHead_v1_storage value reads through one follow, and follow
// events for a 2,000-block dev_newBlock burst (every block reported, lag from import to event).
// Run: npx tsx bench/spec.bench.ts
import '../src/polyfill.js'
import { pathToFileURL } from 'node:url'
import WebSocket from 'ws'
import { hexOf } from '../src/codec/bytes.js'
import { startNode, type RunningNode } from '../src/node.js'
import { MAX_OPERATIONS } from '../src/rpc/spec/chain-head/operations.js'

interface Row { name: string; value: number; unit: string }

const KEYS = 4096
const READS = 100_000
const BURST = 2_000

type Msg = { id?: number; result?: unknown; error?: { message: string }; params?: { subscription: string; result: Record<string, unknown> } }

/** A raw socket with request/response matching and one follow-event handler. */
class Client {
  private next = 1
  private readonly waiting = new Map<number, (m: Msg) => void>()
  onEvent: (e: Record<string, unknown>) => void = () => {}
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as Msg
      if (m.id === undefined) { if (m.params) this.onEvent(m.params.result); return }
      const w = this.waiting.get(m.id)!
      this.waiting.delete(m.id)
      w(m)
    })
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
    return new Client(ws)
  }
  call<T>(method: string, params: unknown[] = []): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as T)))
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    })
  }
  close(): void { this.ws.close() }
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!

/**
 * Value reads of KEYS distinct keys, READS in all, through one follow: each storage call carries
 * a full operation budget of items, so the next call goes out when the previous one is done.
 */
async function storageReads(c: Client, sub: string, block: string, keys: string[]): Promise<Row[]> {
  let items = 0
  let wrong = 0
  const expected = new Map(keys.map((k, i) => [k, valueOf(i)]))
  const t0 = performance.now()
  let cursor = 0
  await new Promise<void>((resolve, reject) => {
    const issue = (): void => {
      if (items >= READS) { resolve(); return }
      const batch: { key: string; type: 'value' }[] = []
      for (let i = 0; i < MAX_OPERATIONS; i++) batch.push({ key: keys[cursor++ % keys.length]!, type: 'value' })
      c.call<{ result: string; operationId: string; discardedItems: number }>('chainHead_v1_storage', [sub, block, batch, null])
        .then((r) => {
          if (r.result !== 'started' || r.discardedItems !== 0) reject(new Error(`storage not started: ${JSON.stringify(r)}`))
        }, reject)
    }
    c.onEvent = (e) => {
      if (e.event === 'operationStorageItems') {
        for (const it of e.items as { key: string; value: string }[]) {
          items++
          if (expected.get(it.key) !== it.value) wrong++
        }
      } else if (e.event === 'operationStorageDone') issue()
      else if (e.event === 'operationError') reject(new Error(String(e.error)))
    }
    issue()
  })
  const secs = (performance.now() - t0) / 1000
  if (wrong > 0) throw new Error(`${wrong} storage values were wrong`)
  return [{ name: `chainHead_v1_storage value reads, one follow (${MAX_OPERATIONS} items per call)`, value: items / secs, unit: 'items/s' }]
}

/** Follow events for a BURST-block dev_newBlock run: blocks reported and import → event lag. */
async function followBurst(node: RunningNode, url: string): Promise<Row[]> {
  const imported = new Map<string, number>()
  node.ctx.chain.on('block', (b) => imported.set(hexOf(b.hash), performance.now()))
  const c = await Client.open(url)
  const lags: number[] = []
  const seen = new Set<string>()
  let stopped = false
  let done: () => void = () => {}
  const allIn = new Promise<void>((r) => { done = r })
  c.onEvent = (e) => {
    if (e.event === 'stop') stopped = true
    if (e.event !== 'newBlock') return
    const h = e.blockHash as string
    const t = imported.get(h)
    if (t === undefined) return
    seen.add(h)
    lags.push(performance.now() - t)
    if (seen.size === BURST) done()
  }
  await c.call<string>('chainHead_v1_follow', [false])
  const t0 = performance.now()
  await c.call('dev_newBlock', [{ count: BURST }])
  await Promise.race([allIn, new Promise((r) => setTimeout(r, 30_000))])
  const secs = (performance.now() - t0) / 1000
  c.close()
  if (stopped) throw new Error('the follow was stopped during the burst')
  return [
    { name: `follow: blocks reported of a ${BURST}-block dev_newBlock burst`, value: seen.size, unit: 'blocks' },
    { name: 'follow: burst throughput, import to newBlock received', value: seen.size / secs, unit: 'blocks/s' },
    { name: 'follow: lag import → newBlock event p50', value: pct(lags, 0.5), unit: 'ms (p50)' },
    { name: 'follow: lag import → newBlock event p99', value: pct(lags, 0.99), unit: 'ms (p99)' },
  ]
}

const valueOf = (i: number): string => '0x' + (i * 2654435761 % 2 ** 32).toString(16).padStart(8, '0').repeat(4)

export async function run(): Promise<Row[]> {
  const node = await startNode({
    chain: 'dev', rpcPort: 0, rpcExternal: false, rpcMethods: 'unsafe', rpcCors: 'all', name: 'bench',
    authority: 'alice', sealing: { kind: 'manual' }, instantFinality: true,
  })
  const url = `ws://127.0.0.1:${node.port}`
  try {
    const c = await Client.open(url)
    const keys = Array.from({ length: KEYS }, (_, i) => '0xbe7c' + i.toString(16).padStart(8, '0'))
    const block = await c.call<string>('dev_setStorage', [keys.map((k, i) => [k, valueOf(i)])])
    const sub = await c.call<string>('chainHead_v1_follow', [false])
    const rows = await storageReads(c, sub, block, keys)
    c.close()
    rows.push(...await followBurst(node, url))
    return rows
  } finally {
    await node.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`)
  process.exit(0)
}

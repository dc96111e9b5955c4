import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { invalidParams } from './errors.js'
import { createRpcServer, type RpcServer, type RpcServerOptions } from './server.js'
import type { RpcEntry, SubscriptionSink } from './types.js'

/** A raw WebSocket client that hands back frames in arrival order. */
class Client {
  private queue: string[] = []
  private waiters: Array<(frame: string) => void> = []
  closed: Promise<void>

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const w = this.waiters.shift()
      if (w) w(data.toString())
      else this.queue.push(data.toString())
    })
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()))
  }

  static open(port: number, opts: WebSocket.ClientOptions = {}): Promise<Client> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, opts)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)))
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    })
  }

  send(frame: string | object): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  next(timeoutMs = 3000): Promise<string> {
    const queued = this.queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame received')), timeoutMs)
      this.waiters.push((f) => {
        clearTimeout(timer)
        resolve(f)
      })
    })
  }

  async nextJson(): Promise<any> {
    return JSON.parse(await this.next())
  }

  async call(method: string, params?: unknown, id: number | string = 1): Promise<any> {
    this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })
    return this.nextJson()
  }

  close(): Promise<void> {
    this.ws.close()
    return this.closed
  }
}

const state = { sinks: [] as SubscriptionSink[], cleanups: 0 }

const methods: RpcEntry[] = [
  { name: 'test_echo', handler: (p) => p },
  { name: 'state_getStorage', handler: (p) => (p[0] === '0x01' ? '0xdeadbeef' : null) },
  { name: 'test_async', handler: async () => new Promise((r) => setTimeout(() => r('slow'), 20)) },
  { name: 'test_invalidParams', handler: () => { throw invalidParams('invalid type: string "x", expected u32') } },
  { name: 'test_throw', handler: () => { throw new Error('boom') } },
  { name: 'test_big', handler: () => 'ab'.repeat(1000) },
  { name: 'test_chunk', handler: (p) => ({ n: p[0], pad: 'x'.repeat(64 * 1024) }) },
  {
    name: 'test_flood',
    notification: 'test_floodEvent',
    unsubscribe: 'test_unflood',
    maxQueued: 4,
    subscribe(_p, _ctx, sink) {
      state.sinks.push(sink)
      sink.onDispose(() => state.cleanups++)
    },
  },
  { name: 'author_rotateKeys', unsafe: true, handler: () => '0x1234' },
  {
    name: 'test_subscribe',
    aliases: ['test_sub'],
    notification: 'test_event',
    unsubscribe: 'test_unsubscribe',
    unsubscribeAliases: ['test_unsub'],
    subscribe(params, _ctx, sink) {
      sink.send({ initial: params[0] ?? null })
      state.sinks.push(sink)
      return () => {
        state.cleanups++
      }
    },
  },
  {
    name: 'test_subscribeAsync',
    notification: 'test_asyncEvent',
    unsubscribe: 'test_unsubscribeAsync',
    async subscribe(_p, _ctx, sink) {
      sink.send('early')
      await new Promise((r) => setTimeout(r, 20))
      sink.send('after-wait')
    },
  },
  {
    name: 'test_subscribeFail',
    notification: 'test_never',
    unsubscribe: 'test_unsubscribeFail',
    subscribe(_p, _ctx, sink) {
      sink.send('must not arrive')
      throw invalidParams('bad filter')
    },
  },
]

const servers: RpcServer[] = []
async function start(over: Partial<RpcServerOptions> = {}): Promise<RpcServer> {
  const s = await createRpcServer({ host: '127.0.0.1', port: 0, methods, rpcMethods: 'auto', cors: 'all', ...over })
  servers.push(s)
  return s
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
  state.sinks = []
  state.cleanups = 0
})

const until = async (cond: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('WebSocket JSON-RPC', () => {
  it('echoes ids with their exact JSON type', async () => {
    const c = await Client.open((await start()).port)
    c.send('{"jsonrpc":"2.0","id":7,"method":"state_getStorage","params":["0x01"]}')
    expect(await c.next()).toBe('{"jsonrpc":"2.0","id":7,"result":"0xdeadbeef"}')
    c.send('{"jsonrpc":"2.0","id":"aB17","method":"state_getStorage","params":["0x02"]}')
    expect(await c.next()).toBe('{"jsonrpc":"2.0","id":"aB17","result":null}')
    c.send('{"jsonrpc":"2.0","id":null,"method":"test_echo","params":[1]}')
    expect(await c.next()).toBe('{"jsonrpc":"2.0","id":null,"result":[1]}')
    await c.close()
  })

  it('passes by-name params as one object', async () => {
    const c = await Client.open((await start()).port)
    expect(await c.call('test_echo', { key: '0x01' })).toEqual({ jsonrpc: '2.0', id: 1, result: [{ key: '0x01' }] })
    expect(await c.call('test_echo')).toEqual({ jsonrpc: '2.0', id: 1, result: [] })
    await c.close()
  })

  it('answers every error path and keeps the connection usable', async () => {
    const c = await Client.open((await start()).port)
    const parseError = '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}'
    c.send('{"jsonrpc":"2.0","id":1,"method":')
    expect(await c.next()).toBe(parseError)
    c.send('hello')
    expect(await c.next()).toBe(parseError)
    c.send('{"jsonrpc":"1.0","id":3,"method":"test_echo"}')
    expect(await c.nextJson()).toEqual({ jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'Invalid request' } })
    c.send('{"jsonrpc":"2.0","id":4}')
    expect(await c.nextJson()).toEqual({ jsonrpc: '2.0', id: 4, error: { code: -32600, message: 'Invalid request' } })
    expect(await c.call('nope_nope', [], 5)).toEqual({ jsonrpc: '2.0', id: 5, error: { code: -32601, message: 'Method not found' } })
    expect(await c.call('test_invalidParams', [], 6)).toEqual({
      jsonrpc: '2.0',
      id: 6,
      error: { code: -32602, message: 'Invalid params', data: 'invalid type: string "x", expected u32' },
    })
    expect(await c.call('test_throw', [], 7)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: { code: -32603, message: 'Internal error', data: 'boom' },
    })
    expect(await c.call('test_unsubscribe', ['notAnId'], 8)).toEqual({ jsonrpc: '2.0', id: 8, result: false })
    expect(await c.call('state_getStorage', ['0x01'], 9)).toEqual({ jsonrpc: '2.0', id: 9, result: '0xdeadbeef' })
    await c.close()
  })

  it('never answers notifications, alone or in a batch', async () => {
    const c = await Client.open((await start()).port)
    c.send('{"jsonrpc":"2.0","method":"test_echo","params":[1]}')
    c.send('[{"jsonrpc":"2.0","method":"test_echo"},{"jsonrpc":"2.0","method":"test_throw"}]')
    expect(await c.call('test_echo', ['after'], 10)).toEqual({ jsonrpc: '2.0', id: 10, result: ['after'] })
    await c.close()
  })

  it('handles batches: order kept, notifications skipped, bad entries flagged, empty batch refused', async () => {
    const c = await Client.open((await start()).port)
    c.send([
      { jsonrpc: '2.0', id: 1, method: 'test_async' },
      { jsonrpc: '2.0', method: 'test_echo', params: ['silent'] },
      { jsonrpc: '2.0', id: 'b', method: 'state_getStorage', params: ['0x01'] },
      { foo: 1 },
      { jsonrpc: '2.0', id: 3, method: 'missing' },
    ])
    expect(await c.nextJson()).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'slow' },
      { jsonrpc: '2.0', id: 'b', result: '0xdeadbeef' },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } },
      { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found' } },
    ])
    c.send('[]')
    expect(await c.next()).toBe('{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}}')
    await c.close()
  })

  it('lists methods like Substrate rpc_methods', async () => {
    const c = await Client.open((await start()).port)
    const r = await c.call('rpc_methods')
    expect(Object.keys(r.result)).toEqual(['methods'])
    expect(r.result.methods).toEqual([
      'author_rotateKeys',
      'rpc_methods',
      'state_getStorage',
      'test_async',
      'test_big',
      'test_chunk',
      'test_echo',
      'test_flood',
      'test_invalidParams',
      'test_sub',
      'test_subscribe',
      'test_subscribeAsync',
      'test_subscribeFail',
      'test_throw',
      'test_unflood',
      'test_unsub',
      'test_unsubscribe',
      'test_unsubscribeAsync',
      'test_unsubscribeFail',
    ])
    await c.close()
  })

  it('runs a subscription: id first, notifications, unsubscribe, nothing after', async () => {
    const c = await Client.open((await start()).port)
    c.send({ jsonrpc: '2.0', id: 1, method: 'test_sub', params: ['x'] })
    const first = await c.nextJson()
    expect(first.id).toBe(1)
    const subId: string = first.result
    expect(subId).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(await c.next()).toBe(
      `{"jsonrpc":"2.0","method":"test_event","params":{"subscription":"${subId}","result":{"initial":"x"}}}`,
    )
    const sink = state.sinks[0]!
    expect(sink.id).toBe(subId)
    sink.send('0x02')
    expect(await c.nextJson()).toEqual({ jsonrpc: '2.0', method: 'test_event', params: { subscription: subId, result: '0x02' } })

    expect(await c.call('test_unsub', [subId], 2)).toEqual({ jsonrpc: '2.0', id: 2, result: true })
    expect(state.cleanups).toBe(1)
    expect(sink.closed).toBe(true)
    expect(sink.send('late')).toBe(false)
    expect(await c.call('test_unsubscribe', [subId], 3)).toEqual({ jsonrpc: '2.0', id: 3, result: false })
    // a foreign unsubscribe method does not end someone else's subscription
    c.send({ jsonrpc: '2.0', id: 4, method: 'test_subscribe', params: [] })
    const again = (await c.nextJson()).result as string
    await c.next() // its initial notification
    expect(await c.call('test_unsubscribeAsync', [again], 5)).toEqual({ jsonrpc: '2.0', id: 5, result: false })
    expect(await c.call('test_unsubscribe', [again], 6)).toEqual({ jsonrpc: '2.0', id: 6, result: true })
    await c.close()
  })

  it('holds notifications of an async subscribe until its id is sent', async () => {
    const c = await Client.open((await start()).port)
    c.send({ jsonrpc: '2.0', id: 'sub', method: 'test_subscribeAsync' })
    const resp = await c.nextJson()
    expect(resp.id).toBe('sub')
    expect((await c.nextJson()).params).toEqual({ subscription: resp.result, result: 'early' })
    expect((await c.nextJson()).params).toEqual({ subscription: resp.result, result: 'after-wait' })
    await c.close()
  })

  it('sends nothing for a refused subscription', async () => {
    const c = await Client.open((await start()).port)
    expect(await c.call('test_subscribeFail', [], 1)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32602, message: 'Invalid params', data: 'bad filter' },
    })
    expect(await c.call('test_echo', [], 2)).toEqual({ jsonrpc: '2.0', id: 2, result: [] })
    await c.close()
  })

  it('disposes every subscription when the socket closes', async () => {
    const c = await Client.open((await start()).port)
    for (let i = 0; i < 3; i++) {
      c.send({ jsonrpc: '2.0', id: i, method: 'test_subscribe' })
      await c.next()
      await c.next()
    }
    expect(state.cleanups).toBe(0)
    await c.close()
    await until(() => state.cleanups === 3)
    expect(state.sinks.every((s) => s.closed)).toBe(true)
  })

  it('limits subscriptions per connection with -32006', async () => {
    const c = await Client.open((await start({ maxSubscriptionsPerConnection: 2 })).port)
    for (let i = 0; i < 2; i++) {
      c.send({ jsonrpc: '2.0', id: i, method: 'test_subscribe' })
      await c.next()
      await c.next()
    }
    expect(await c.call('test_subscribe', [], 9)).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: { code: -32006, message: 'Too many subscriptions on the connection', data: 'Exceeded max limit of 2' },
    })
    await c.close()
  })

  it('refuses unsafe methods according to --rpc-methods and the listen address', async () => {
    const refused = { code: -32601, message: 'RPC call is unsafe to be called externally' }
    const cases: Array<[RpcServerOptions['rpcMethods'], string, boolean]> = [
      ['auto', '127.0.0.1', true],
      ['auto', '0.0.0.0', false],
      ['safe', '127.0.0.1', false],
      ['unsafe', '0.0.0.0', true],
    ]
    for (const [rpcMethods, host, allowed] of cases) {
      const c = await Client.open((await start({ rpcMethods, host })).port)
      const r = await c.call('author_rotateKeys')
      if (allowed) expect(r.result, `${rpcMethods}@${host}`).toBe('0x1234')
      else expect(r.error, `${rpcMethods}@${host}`).toEqual(refused)
      await c.close()
    }
  })

  it('answers an oversized frame with -32007 and keeps the connection', async () => {
    const c = await Client.open((await start({ maxRequestSize: 1024 })).port)
    c.send({ jsonrpc: '2.0', id: 1, method: 'test_echo', params: ['x'.repeat(2000)] })
    expect(await c.next()).toBe(
      '{"jsonrpc":"2.0","id":null,"error":{"code":-32007,"message":"Request is too big","data":"Exceeded max limit of 1024"}}',
    )
    expect(await c.call('test_echo', ['ok'], 2)).toEqual({ jsonrpc: '2.0', id: 2, result: ['ok'] })
    await c.close()
  })

  it('replaces an oversized response with -32008', async () => {
    const c = await Client.open((await start({ maxResponseSize: 1000 })).port)
    expect(await c.call('test_big', [], 4)).toEqual({
      jsonrpc: '2.0',
      id: 4,
      error: { code: -32008, message: 'Response is too big', data: 'Exceeded max limit of 1000' },
    })
    await c.close()
  })

  it('refuses connections past the limit with 429 and counts them', async () => {
    const server = await start({ maxConnections: 2 })
    const a = await Client.open(server.port)
    const b = await Client.open(server.port)
    expect(server.connections()).toBe(2)
    await expect(Client.open(server.port)).rejects.toThrow('HTTP 429')
    const res = await fetch(`http://127.0.0.1:${server.port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"test_echo"}',
    })
    expect(res.status).toBe(429)
    expect(await res.text()).toBe('Too many connections. Please try again later.')
    await a.close()
    await until(() => server.connections() === 1)
    const c = await Client.open(server.port)
    expect(await c.call('test_echo', [], 1)).toEqual({ jsonrpc: '2.0', id: 1, result: [] })
    await Promise.all([b.close(), c.close()])
  })

  it('closes open sockets and runs cleanups on server close', async () => {
    const server = await start()
    const c = await Client.open(server.port)
    c.send({ jsonrpc: '2.0', id: 1, method: 'test_subscribe' })
    await c.next()
    await server.close()
    expect(state.cleanups).toBe(1)
    await c.closed
  })

  it('stops reading requests while the client does not read, and catches up afterwards', async () => {
    const c = await Client.open((await start()).port)
    c.ws.pause()
    for (let i = 0; i < 200; i++) c.send({ jsonrpc: '2.0', id: i, method: 'test_chunk', params: [i] })
    await new Promise((r) => setTimeout(r, 100))
    c.ws.resume()
    for (let i = 0; i < 200; i++) {
      const r = await c.nextJson()
      expect(r.id).toBe(i)
      expect(r.result.n).toBe(i)
    }
    await c.close()
  })

  it('drops a subscription whose client falls too far behind, and keeps the connection', async () => {
    const c = await Client.open((await start()).port)
    c.send({ jsonrpc: '2.0', id: 1, method: 'test_flood' })
    const subId = (await c.nextJson()).result as string
    c.ws.pause()
    const sink = state.sinks[0]!
    const pad = 'y'.repeat(64 * 1024)
    let sent = 0
    // Keep sending until the socket backs up and the subscription exceeds maxQueued (4).
    for (let i = 0; i < 2000 && !sink.closed; i++) {
      await new Promise((r) => setImmediate(r))
      if (sink.send({ seq: i, pad })) sent++
    }
    expect(sink.closed).toBe(true)
    expect(state.cleanups).toBe(1)
    c.ws.resume()
    const seqs: number[] = []
    for (;;) {
      const f = await c.nextJson()
      if (f.id === 2) {
        expect(f.result).toBe(false) // already gone
        break
      }
      if (seqs.length === 0) c.send({ jsonrpc: '2.0', id: 2, method: 'test_unflood', params: [subId] })
      expect(f.params.subscription).toBe(subId)
      seqs.push(f.params.result.seq)
    }
    expect(seqs.length).toBeLessThan(sent)
    expect(seqs).toEqual(seqs.map((_, i) => i))
    await c.close()
  })

  it('pings idle peers and disconnects one that never answers', async () => {
    const server = await start({ pingIntervalMs: 40 })
    const mute = await Client.open(server.port, { autoPong: false })
    const polite = await Client.open(server.port)
    await mute.closed
    expect(polite.ws.readyState).toBe(WebSocket.OPEN)
    expect(await polite.call('test_echo', [], 1)).toEqual({ jsonrpc: '2.0', id: 1, result: [] })
    await polite.close()
  })
})

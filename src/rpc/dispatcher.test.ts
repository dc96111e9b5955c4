import { describe, expect, it } from 'vitest'
import { Dispatcher, allowsUnsafe, type DispatchTarget } from './dispatcher.js'
import { invalidParams } from './errors.js'
import { ConnectionSubscriptions, Outbox } from './subscriptions.js'
import { silentLogger, type ConnectionHandle, type RpcContext, type RpcEntry, type SubscriptionSink } from './types.js'

/** An in-memory connection that records every frame it is given. */
class FakeConn implements DispatchTarget {
  frames: string[] = []
  ctx: RpcContext
  subs: ConnectionSubscriptions | null
  constructor(withSubscriptions = true) {
    const outbox = new Outbox({ write: (f) => this.frames.push(f), congested: () => false })
    this.subs = withSubscriptions ? new ConnectionSubscriptions(4, outbox, 64, silentLogger) : null
    const handle: ConnectionHandle = {
      id: 1,
      transport: withSubscriptions ? 'ws' : 'http',
      notify: () => {},
      subscriptions: this.subs ?? new ConnectionSubscriptions(0, outbox, 0, silentLogger),
      onClose: () => {},
    }
    this.ctx = { conn: handle, isLocal: true }
  }
  reply(frame: string): void {
    this.frames.push(frame)
  }
  parsed(): unknown[] {
    return this.frames.map((f) => JSON.parse(f) as unknown)
  }
}

const sinks: SubscriptionSink[] = []
const methods: RpcEntry[] = [
  { name: 'echo', aliases: ['echo_alias'], handler: (p) => p },
  { name: 'later', handler: async (p) => `later:${String(p[0])}` },
  { name: 'bad', handler: () => { throw invalidParams('expected u32') } },
  { name: 'boom', handler: () => { throw new Error('kaput') } },
  { name: 'big', handler: () => 'x'.repeat(300) },
  { name: 'danger', unsafe: true, handler: () => 'done' },
  { name: 'dangerState', unsafe: true, unsafeErrorCode: 4003, handler: () => 'done' },
  {
    name: 'sub_start',
    aliases: ['sub_startAlias'],
    notification: 'sub_event',
    unsubscribe: 'sub_stop',
    unsubscribeAliases: ['sub_stopAlias'],
    subscribe(_p, _ctx, sink) {
      sink.send('first')
      sinks.push(sink)
    },
  },
  { name: 'other_start', notification: 'other_event', unsubscribe: 'other_stop', subscribe() {} },
]

const run = async (d: Dispatcher, conn: FakeConn, text: string): Promise<void> => {
  await d.handleFrame(text, conn)
}

describe('Dispatcher', () => {
  const d = new Dispatcher(methods, { allowUnsafe: false, maxResponseSize: 1000 })

  it('lists every name, aliases and unsubscribe methods included, sorted, under "methods"', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","id":1,"method":"rpc_methods"}')
    const expected = [
      'bad', 'big', 'boom', 'danger', 'dangerState', 'echo', 'echo_alias', 'later', 'other_start', 'other_stop',
      'rpc_methods', 'sub_start', 'sub_startAlias', 'sub_stop', 'sub_stopAlias',
    ]
    expect(conn.parsed()).toEqual([{ jsonrpc: '2.0', id: 1, result: { methods: expected } }])
    expect(d.methodNames).toEqual(expected)
  })

  it('refuses duplicate names', () => {
    expect(() => new Dispatcher([methods[0]!, { name: 'echo_alias', handler: () => 1 }], { allowUnsafe: true })).toThrow(/twice/)
    expect(() => new Dispatcher([{ name: 'rpc_methods', handler: () => 1 }], { allowUnsafe: true })).toThrow(/twice/)
  })

  it('answers synchronous handlers before handleFrame returns', () => {
    const conn = new FakeConn()
    const r = d.handleFrame('{"jsonrpc":"2.0","id":2,"method":"echo_alias","params":[1,"a"]}', conn)
    expect(r).toBeUndefined()
    expect(conn.frames).toEqual(['{"jsonrpc":"2.0","id":2,"result":[1,"a"]}'])
  })

  it('does not run or answer notifications', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","method":"boom"}')
    expect(conn.frames).toEqual([])
  })

  it('maps handler failures to error objects', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","id":1,"method":"bad"}')
    await run(d, conn, '{"jsonrpc":"2.0","id":2,"method":"boom"}')
    await run(d, conn, '{"jsonrpc":"2.0","id":3,"method":"nope"}')
    await run(d, conn, '{"jsonrpc":"2.0","id":4,"method":"echo","params":"scalar"}')
    expect(conn.parsed()).toEqual([
      { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'Invalid params', data: 'expected u32' } },
      { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'Internal error', data: 'kaput' } },
      { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found' } },
      {
        jsonrpc: '2.0',
        id: 4,
        error: { code: -32602, message: 'Invalid params', data: 'Invalid params. Expected an array or an object' },
      },
    ])
  })

  it('refuses unsafe methods with the module-specific code', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","id":1,"method":"danger"}')
    await run(d, conn, '{"jsonrpc":"2.0","id":2,"method":"dangerState"}')
    expect(conn.parsed()).toEqual([
      { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'RPC call is unsafe to be called externally' } },
      { jsonrpc: '2.0', id: 2, error: { code: 4003, message: 'RPC call is unsafe to be called externally' } },
    ])
    const open = new Dispatcher(methods, { allowUnsafe: true })
    const conn2 = new FakeConn()
    await run(open, conn2, '{"jsonrpc":"2.0","id":1,"method":"danger"}')
    expect(conn2.parsed()).toEqual([{ jsonrpc: '2.0', id: 1, result: 'done' }])
  })

  it('replaces an oversized response with -32008', async () => {
    const conn = new FakeConn()
    await run(new Dispatcher(methods, { allowUnsafe: false, maxResponseSize: 200 }), conn, '{"jsonrpc":"2.0","id":9,"method":"big"}')
    expect(conn.parsed()).toEqual([
      { jsonrpc: '2.0', id: 9, error: { code: -32008, message: 'Response is too big', data: 'Exceeded max limit of 200' } },
    ])
  })

  it('replaces a batch whose replies add up past the limit with a single -32011', async () => {
    const conn = new FakeConn()
    const entry = { jsonrpc: '2.0', id: 1, method: 'big' }
    await run(d, conn, JSON.stringify([entry, entry, entry, entry]))
    expect(conn.parsed()).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32011, message: 'The batch response was too large', data: 'Exceeded max limit of 1000' },
      },
    ])
  })

  it('runs batches in order, skipping notifications, with async entries awaited', async () => {
    const conn = new FakeConn()
    const batch = JSON.stringify([
      { jsonrpc: '2.0', id: 1, method: 'echo', params: ['a'] },
      { jsonrpc: '2.0', method: 'echo', params: ['notified'] },
      { jsonrpc: '2.0', id: 'two', method: 'later', params: [2] },
      { jsonrpc: '1.0', id: 3, method: 'echo' },
      5,
      { jsonrpc: '2.0', id: null, method: 'missing' },
    ])
    const r = d.handleFrame(batch, conn)
    expect(r).toBeInstanceOf(Promise)
    await r
    expect(conn.frames).toHaveLength(1)
    expect(JSON.parse(conn.frames[0]!)).toEqual([
      { jsonrpc: '2.0', id: 1, result: ['a'] },
      { jsonrpc: '2.0', id: 'two', result: 'later:2' },
      { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'Invalid request' } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } },
      { jsonrpc: '2.0', id: null, error: { code: -32601, message: 'Method not found' } },
    ])
  })

  it('answers nothing for a batch of notifications and a single error for an empty batch', async () => {
    const conn = new FakeConn()
    await run(d, conn, '[{"jsonrpc":"2.0","method":"echo"},{"jsonrpc":"2.0","method":"boom"}]')
    expect(conn.frames).toEqual([])
    await run(d, conn, '[]')
    expect(conn.frames).toEqual(['{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}}'])
  })

  it('applies the batch policy', async () => {
    const conn = new FakeConn()
    await run(new Dispatcher(methods, { allowUnsafe: true, batch: 'disabled' }), conn, '[{"jsonrpc":"2.0","id":1,"method":"echo"}]')
    await run(new Dispatcher(methods, { allowUnsafe: true, batch: 1 }), conn, '[{"jsonrpc":"2.0","id":1,"method":"echo"},{"jsonrpc":"2.0","id":2,"method":"echo"}]')
    expect(conn.parsed()).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32005, message: 'Batched requests are not supported by this server' } },
      { jsonrpc: '2.0', id: null, error: { code: -32010, message: 'The batch request was too large', data: 'Exceeded max limit of 1' } },
    ])
  })

  it('sends the subscription id before notifications sent during subscribe', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","id":1,"method":"sub_startAlias"}')
    const [resp, note] = conn.parsed() as [{ result: string }, { params: { subscription: string; result: string } }]
    expect(resp.result).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(note).toEqual({ jsonrpc: '2.0', method: 'sub_event', params: { subscription: resp.result, result: 'first' } })
  })

  it('only lets the matching unsubscribe method end a subscription', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","id":1,"method":"sub_start"}')
    const id = (conn.parsed()[0] as { result: string }).result
    conn.frames = []
    await run(d, conn, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'other_stop', params: [id] }))
    await run(d, conn, JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'sub_stopAlias', params: { id } }))
    await run(d, conn, JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'sub_stopAlias', params: [id] }))
    await run(d, conn, JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'sub_stop', params: [id] }))
    expect(conn.parsed().map((f) => (f as { result: unknown }).result)).toEqual([false, false, true, false])
    expect(conn.subs!.size).toBe(0)
  })

  it('activates subscriptions opened in a batch only after the batch reply', async () => {
    const conn = new FakeConn()
    await run(d, conn, '[{"jsonrpc":"2.0","id":1,"method":"sub_start"},{"jsonrpc":"2.0","id":2,"method":"echo","params":[]}]')
    expect(conn.frames).toHaveLength(2)
    const batch = JSON.parse(conn.frames[0]!) as Array<{ id: number; result: unknown }>
    expect(batch.map((r) => r.id)).toEqual([1, 2])
    expect(JSON.parse(conn.frames[1]!)).toEqual({
      jsonrpc: '2.0',
      method: 'sub_event',
      params: { subscription: batch[0]!.result, result: 'first' },
    })
  })

  it('refuses subscriptions without a persistent connection with a bare -32603', async () => {
    const conn = new FakeConn(false)
    await run(d, conn, '{"jsonrpc":"2.0","id":1,"method":"sub_start"}')
    await run(d, conn, '{"jsonrpc":"2.0","id":2,"method":"sub_stop","params":["x"]}')
    expect(conn.parsed()).toEqual([
      { jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'Internal error' } },
      { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'Internal error' } },
    ])
  })

  it('reports parse errors with a null id', async () => {
    const conn = new FakeConn()
    await run(d, conn, '{"jsonrpc":"2.0","id":1,')
    await run(d, conn, 'garbage')
    await run(d, conn, '[1,')
    const parseError = '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}'
    expect(conn.frames).toEqual([parseError, parseError, parseError])
  })
})

describe('allowsUnsafe (sc-rpc-server deny_unsafe)', () => {
  it('decides from the policy and whether the endpoint listens on loopback', () => {
    expect(allowsUnsafe('unsafe', false)).toBe(true)
    expect(allowsUnsafe('unsafe', true)).toBe(true)
    expect(allowsUnsafe('auto', true)).toBe(true)
    expect(allowsUnsafe('auto', false)).toBe(false)
    expect(allowsUnsafe('safe', true)).toBe(false)
    expect(allowsUnsafe('safe', false)).toBe(false)
  })
})

import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DEFAULT_RPC_CORS } from './cors.js'
import { createRpcServer, type RpcServer, type RpcServerOptions } from './server.js'
import type { RpcEntry } from './types.js'

let health = { peers: 0, isSyncing: false, shouldHavePeers: false }
const methods: RpcEntry[] = [
  { name: 'test_echo', handler: (p) => p },
  { name: 'test_async', handler: async () => 'later' },
  { name: 'system_health', handler: () => health },
  { name: 'test_subscribe', notification: 'test_event', unsubscribe: 'test_unsubscribe', subscribe() {} },
]

const servers: RpcServer[] = []
async function start(over: Partial<RpcServerOptions> = {}): Promise<RpcServer> {
  const s = await createRpcServer({ host: '127.0.0.1', port: 0, methods, rpcMethods: 'auto', cors: 'all', ...over })
  servers.push(s)
  return s
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

function post(port: number, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
}

/** node:http lets the test choose the Host header, which fetch does not. */
function rawRequest(port: number, headers: Record<string, string>, body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let data = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (data += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function wsOpen(port: number, opts: WebSocket.ClientOptions): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, opts)
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('unexpected-response', (_req, res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    ws.once('error', () => {})
  })
}

describe('HTTP POST JSON-RPC', () => {
  it('answers single calls, batches and async handlers with application/json', async () => {
    const { port } = await start()
    const r = await post(port, '{"jsonrpc":"2.0","id":"a","method":"test_echo","params":[1]}')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await r.text()).toBe('{"jsonrpc":"2.0","id":"a","result":[1]}')
    const b = await post(port, '[{"jsonrpc":"2.0","id":1,"method":"test_async"},{"jsonrpc":"2.0","id":2,"method":"test_echo"}]')
    expect(await b.json()).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'later' },
      { jsonrpc: '2.0', id: 2, result: [] },
    ])
  })

  it('acknowledges notifications with an empty 200', async () => {
    const { port } = await start()
    const r = await post(port, '{"jsonrpc":"2.0","method":"test_echo"}')
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('')
  })

  it('refuses subscriptions over HTTP with -32603', async () => {
    const { port } = await start()
    const r = await post(port, '{"jsonrpc":"2.0","id":1,"method":"test_subscribe"}')
    expect(await r.json()).toEqual({ jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'Internal error' } })
  })

  it('returns jsonrpsee transport errors', async () => {
    const { port } = await start({ maxRequestSize: 100 })
    const wrongType = await post(port, '{}', { 'content-type': 'text/plain' })
    expect(wrongType.status).toBe(415)
    expect(await wrongType.text()).toBe('Supplied content type is not allowed. Content-Type: application/json is required\n')
    const get = await fetch(`http://127.0.0.1:${port}/`)
    expect(get.status).toBe(405)
    expect(await get.text()).toBe('Used HTTP Method is not allowed. POST is required\n')
    const big = await post(port, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'test_echo', params: ['x'.repeat(200)] }))
    expect(big.status).toBe(413)
    expect(await big.json()).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32007, message: 'Request is too big', data: 'Exceeded max limit of 100' },
    })
    const garbage = await post(port, 'hello')
    expect(garbage.status).toBe(400)
    expect(await garbage.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
    const badJson = await post(port, '{"jsonrpc":')
    expect(badJson.status).toBe(200)
    expect(await badJson.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
    const charset = await post(port, '{"jsonrpc":"2.0","id":1,"method":"test_echo"}', {
      'content-type': 'application/json;charset=UTF-8',
    })
    expect(charset.status).toBe(200)
  })

  it('proxies GET /health and /health/readiness to system_health', async () => {
    const { port } = await start()
    health = { peers: 0, isSyncing: false, shouldHavePeers: false }
    const h = await fetch(`http://127.0.0.1:${port}/health`)
    expect(h.status).toBe(200)
    expect(await h.json()).toEqual(health)
    expect((await fetch(`http://127.0.0.1:${port}/health/readiness`)).status).toBe(500)
    health = { peers: 2, isSyncing: false, shouldHavePeers: true }
    expect((await fetch(`http://127.0.0.1:${port}/health/readiness`)).status).toBe(200)
  })
})

describe('CORS and Host filtering', () => {
  const list = { cors: DEFAULT_RPC_CORS }

  it('accepts listed origins on HTTP with the CORS header and refuses others', async () => {
    const { port } = await start(list)
    const body = '{"jsonrpc":"2.0","id":1,"method":"test_echo"}'
    const ok = await post(port, body, { origin: 'https://polkadot.js.org' })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://polkadot.js.org')
    const local = await post(port, body, { origin: 'http://localhost:3000' })
    expect(local.status).toBe(200)
    const denied = await post(port, body, { origin: 'https://evil.example' })
    expect(denied.status).toBe(403)
    expect(await denied.text()).toBe(
      'Origin of the request is not whitelisted. CORS headers would not be sent and any side-effects were cancelled as well.\n',
    )
    const noOrigin = await post(port, body)
    expect(noOrigin.status).toBe(200)
  })

  it('answers preflight requests', async () => {
    const { port } = await start(list)
    const r = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080')
    expect(r.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS')
    expect(r.headers.get('access-control-allow-headers')).toBe('content-type')
    const denied = await fetch(`http://127.0.0.1:${port}/`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })
    expect(denied.status).toBe(403)
  })

  it('checks Origin on the WebSocket upgrade', async () => {
    const { port } = await start(list)
    expect(await wsOpen(port, { origin: 'https://polkadot.js.org' })).toBe(101)
    expect(await wsOpen(port, {})).toBe(101)
    expect(await wsOpen(port, { origin: 'https://evil.example' })).toBe(403)
    const open = await start()
    expect(await wsOpen(open.port, { origin: 'https://evil.example' })).toBe(101)
  })

  it('filters Host headers unless CORS is `all`', async () => {
    const filtered = await start(list)
    const body = '{"jsonrpc":"2.0","id":1,"method":"test_echo"}'
    const h = { 'content-type': 'application/json' }
    expect((await rawRequest(filtered.port, { ...h, host: `localhost:${filtered.port}` }, body)).status).toBe(200)
    const bad = await rawRequest(filtered.port, { ...h, host: `evil.example:${filtered.port}` }, body)
    expect(bad).toEqual({ status: 403, body: 'Provided Host header is not whitelisted.\n' })
    const open = await start()
    expect((await rawRequest(open.port, { ...h, host: 'evil.example' }, body)).status).toBe(200)
  })
})

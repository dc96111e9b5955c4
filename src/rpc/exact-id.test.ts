// Issue 16 (3): request ids come back digit for digit, over WebSocket and HTTP, singly and in
// batches; numbers that are not a u64 are no id (jsonrpsee's Id is null | u64 | string).
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { decode } from './envelope.js'
import { createRpcServer, type RpcServer } from './server.js'
import type { RpcEntry } from './types.js'

const methods: RpcEntry[] = [{ name: 'test_echo', handler: (p) => p }]
const servers: RpcServer[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })

async function start(): Promise<RpcServer> {
  const s = await createRpcServer({ host: '127.0.0.1', port: 0, methods, rpcMethods: 'auto', cors: 'all' })
  servers.push(s)
  return s
}

async function overHttp(port: number, frame: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: frame })
  return r.text()
}

async function overWs(port: number, frame: string): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`)
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
  const reply = new Promise<string>((r) => ws.once('message', (d: Buffer) => r(d.toString())))
  ws.send(frame)
  const text = await reply
  ws.close()
  return text
}

const BIG_IDS = ['18446744073709551615', '9007199254740993', '9007199254740992', '0', '12345678901234567890']

describe('exact request ids', () => {
  it('decode keeps u64 ids exact and refuses other numbers as ids', () => {
    for (const id of BIG_IDS) expect(decode(`{"jsonrpc":"2.0","id":${id},"method":"m"}`)).toMatchObject({ id: BigInt(id) })
    // An `id` inside params or an escaped key: only the top-level member counts, escapes decoded.
    expect(decode('{"params":{"id":1},"jsonrpc":"2.0","\\u0069d":18446744073709551615,"method":"m"}'))
      .toMatchObject({ id: 18446744073709551615n, params: { id: 1 } })
    // Duplicates: the last one wins, as in JSON.parse.
    expect(decode('{"id":1,"id":9007199254740993}')).toMatchObject({ id: 9007199254740993n })
    const batch = decode('[ {"id":"x"}, 5, {"id" : 18446744073709551615 , "p":["]",{"id":2}]}, {"id":9007199254740993}]') as { id: unknown }[]
    expect(batch.map((b) => (typeof b === 'object' ? b.id : b))).toEqual(['x', 5, 18446744073709551615n, 9007199254740993n])
  })

  for (const transport of ['ws', 'http'] as const) {
    it(`echoes ids digit for digit over ${transport}`, async () => {
      const s = await start()
      const send = transport === 'ws' ? overWs : overHttp
      for (const id of BIG_IDS) {
        expect(await send(s.port, `{"jsonrpc":"2.0","id":${id},"method":"test_echo","params":[1]}`))
          .toBe(`{"jsonrpc":"2.0","id":${id},"result":[1]}`)
        expect(await send(s.port, `{"jsonrpc":"2.0","id":${id},"method":"nope"}`))
          .toBe(`{"jsonrpc":"2.0","id":${id},"error":{"code":-32601,"message":"Method not found"}}`)
      }
      const batch = `[${BIG_IDS.map((id) => `{"jsonrpc":"2.0","id":${id},"method":"test_echo","params":[]}`).join(',')}]`
      expect(await send(s.port, batch)).toBe(`[${BIG_IDS.map((id) => `{"jsonrpc":"2.0","id":${id},"result":[]}`).join(',')}]`)
      // Not a u64: no id to echo.
      for (const bad of ['18446744073709551616', '-1', '1.5', '1e3']) {
        expect(await send(s.port, `{"jsonrpc":"2.0","id":${bad},"method":"test_echo"}`))
          .toBe('{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}}')
      }
    })
  }
})

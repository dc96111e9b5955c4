// Frame campaign: generated malformed and well-formed JSON-RPC frames and batches against a real
// node, over WebSocket and HTTP. Every reply must be JSON-RPC 2.0 shaped with one of Substrate's
// codes, echo the request id exactly (digit for digit), come only for requests that get one, and
// nothing may change the chain. The expected replies are derived from the JSON-RPC 2.0 / jsonrpsee
// rules (parse error, invalid request, notification), not from the node's code.
import fc from 'fast-check'
import WebSocket from 'ws'

/**
 * Codes a Substrate node (jsonrpsee, sc-rpc, frame-rpc-system, transaction-payment-rpc, the new
 * JSON-RPC spec's -328xx) uses. 3001 is sc-rpc-api's chain `Other`, e.g. a block number above u32.
 */
export const SUBSTRATE_CODES = new Set([
  -32700, -32600, -32601, -32602, -32603, -32000, -32005, -32006, -32007, -32008, -32009, -32010, -32011,
  -32800, -32801, -32802, -32803, -32804,
  1, 2, 1001, 1002, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1018, 1019, 1020, 1021, 1040, 2001, 2002, 3001, 4001, 4002, 4003,
])

/** The reply an entry must get: none (notification), or one with this id (as JSON text). */
type Expect = { kind: 'none' } | { kind: 'reply'; id: string; code?: number }

export interface Entry { text: string; expect: Expect }
export interface Frame { text: string; expect: 'none' | Expect[] | Expect; describe: string }

const U64_MAX = (1n << 64n) - 1n
const validId = fc.oneof(
  fc.bigInt({ min: 0n, max: U64_MAX }).map((n) => n.toString()),
  fc.constantFrom('18446744073709551615', '9007199254740993', '0'),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constant('"\\u0041\\n"'),
  fc.constant('null'),
)
const invalidId = fc.constantFrom('-1', '1.5', '1e3', '18446744073709551616', 'true', '{}', '[1]', '-0.0')
const METHODS = [
  'chain_getHeader', 'chain_getBlockHash', 'chain_getBlock', 'chain_getFinalizedHead', 'state_getStorage',
  'state_getRuntimeVersion', 'state_call', 'state_getKeysPaged', 'system_health', 'system_chain', 'system_name',
  'system_properties', 'system_accountNextIndex', 'author_pendingExtrinsics', 'author_submitExtrinsic',
  'author_submitAndWatchExtrinsic', 'payment_queryInfo', 'chain_subscribeNewHeads', 'chain_unsubscribeNewHeads',
  'state_subscribeStorage', 'rpc_methods', 'nope_nothing', 'chain_getheader', '',
]
const method = fc.constantFrom(...METHODS).map((m) => JSON.stringify(m))
const params = fc.option(fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(['0x'], ['0x00'], ['0xzz'], [null], ['0x' + '00'.repeat(40)], 7, '"x"'),
).map((p) => JSON.stringify(p)), { nil: undefined })

/** Object members in any order; JSON text assembled by hand so ids keep their exact digits. */
const object = (members: [string, string][], order: number[]): string =>
  '{' + order.map((i) => members[i]).filter((m) => m !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',') + '}'

const entry: fc.Arbitrary<Entry> = fc.oneof(
  // A call: answered with its own id.
  fc.tuple(validId, method, params, fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 })).map(([id, m, p, order]) => ({
    text: object([['jsonrpc', '"2.0"'], ['id', id], ['method', m], ...(p === undefined ? [] : [['params', p] as [string, string]])], order),
    expect: { kind: 'reply', id } as Expect,
  })),
  // A notification: never answered.
  fc.tuple(method, params).map(([m, p]) => ({
    text: object([['jsonrpc', '"2.0"'], ['method', m], ...(p === undefined ? [] : [['params', p] as [string, string]])], [0, 1, 2]),
    expect: { kind: 'none' } as Expect,
  })),
  // Not a request (wrong version, method not a string): invalid request, answered with its id.
  fc.tuple(validId, fc.constantFrom('"1.0"', '2', 'null'), method).map(([id, v, m]) => ({
    text: object([['jsonrpc', v], ['id', id], ['method', m]], [0, 1, 2]), expect: { kind: 'reply', id, code: -32600 } as Expect,
  })),
  fc.tuple(validId, fc.constantFrom('5', 'null', '[]', '{}')).map(([id, m]) => ({
    text: object([['jsonrpc', '"2.0"'], ['id', id], ['method', m]], [0, 1, 2]), expect: { kind: 'reply', id, code: -32600 } as Expect,
  })),
  // An id that is no JSON-RPC id (not null, a u64 or a string): invalid request, id null.
  fc.tuple(invalidId, method).map(([id, m]) => ({
    text: object([['jsonrpc', '"2.0"'], ['id', id], ['method', m]], [0, 1, 2]), expect: { kind: 'reply', id: 'null', code: -32600 } as Expect,
  })),
)
const nonObject: fc.Arbitrary<Entry> = fc.constantFrom('5', '"x"', 'null', 'true', '[]').map((text) => ({
  text, expect: { kind: 'reply', id: 'null', code: -32600 } as Expect,
}))
const PARSE_ERROR: Expect = { kind: 'reply', id: 'null', code: -32700 }

export const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 4, arbitrary: entry.map((e) => ({ text: e.text, expect: e.expect.kind === 'none' ? 'none' as const : e.expect, describe: 'single' })) },
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: entry }, { weight: 1, arbitrary: nonObject }), { minLength: 1, maxLength: 6 }).map((es) => {
      const replies = es.map((e) => e.expect).filter((x) => x.kind === 'reply')
      return { text: '[' + es.map((e) => e.text).join(',') + ']', expect: replies.length === 0 ? 'none' as const : replies, describe: 'batch' }
    }),
  },
  { weight: 1, arbitrary: fc.constant({ text: '[]', expect: { kind: 'reply', id: 'null', code: -32600 } as Expect, describe: 'empty batch' }) },
  // Not JSON, or JSON that is no request object or batch.
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((s) => ({ text: 'x' + s, expect: PARSE_ERROR, describe: 'garbage' })) },
  { weight: 1, arbitrary: fc.constantFrom('1', '"str"', 'null', 'true', '').map((text) => ({ text, expect: PARSE_ERROR, describe: 'bare value' })) },
  // Cut short: a well-formed single or batch frame truncated.
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(entry, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat()).map(([es, batch, cut]) => {
      const full = batch ? '[' + es.map((e) => e.text).join(',') + ']' : es[0]!.text
      return { text: full.slice(0, 1 + (cut % (full.length - 1))), expect: PARSE_ERROR, describe: 'truncated' }
    }),
  },
)

/** The ids of the reply objects in a reply text, in order, as JSON text (field order is jsonrpsee's). */
function replyIds(text: string): string[] {
  const out: string[] = []
  const re = /\{"jsonrpc":"2\.0","id":(null|[0-9]+|"(?:[^"\\]|\\.)*"),"(?:result|error)":/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m[1]!)
  return out
}

const sameId = (got: string, want: string): boolean =>
  want.startsWith('"') ? got.startsWith('"') && JSON.parse(got) === JSON.parse(want) : got === want

interface Reply { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } }

function checkReplyObject(r: Reply, want: Expect & { kind: 'reply' }, where: string): void {
  if (r.jsonrpc !== '2.0') throw new Error(`${where}: no jsonrpc 2.0 in ${JSON.stringify(r)}`)
  if (!('id' in r)) throw new Error(`${where}: reply without id`)
  const hasResult = 'result' in r
  const hasError = 'error' in r
  if (hasResult === hasError) throw new Error(`${where}: reply needs exactly one of result and error: ${JSON.stringify(r)}`)
  if (hasError) {
    const e = r.error!
    if (typeof e.code !== 'number' || !Number.isInteger(e.code) || !SUBSTRATE_CODES.has(e.code)) throw new Error(`${where}: code ${String(e.code)} is not one of Substrate's`)
    if (typeof e.message !== 'string') throw new Error(`${where}: error without message`)
    if (want.code !== undefined && e.code !== want.code) throw new Error(`${where}: expected code ${want.code}, got ${e.code} ${e.message}`)
  } else if (want.code !== undefined) {
    throw new Error(`${where}: expected error ${want.code}, got a result`)
  }
}

/** Check the reply text (undefined: none came) against what the frame must get. */
export function checkReply(frame: Frame, text: string | undefined): void {
  const where = `${frame.describe} ${frame.text.slice(0, 200)}`
  if (frame.expect === 'none') {
    if (text !== undefined && text !== '') throw new Error(`${where}: expected no reply, got ${text.slice(0, 200)}`)
    return
  }
  if (text === undefined || text === '') throw new Error(`${where}: no reply`)
  const parsed = JSON.parse(text) as Reply | Reply[]
  const wants = Array.isArray(frame.expect) ? frame.expect : [frame.expect]
  if (Array.isArray(frame.expect) !== Array.isArray(parsed)) throw new Error(`${where}: batch/single mismatch in ${text.slice(0, 200)}`)
  const replies = Array.isArray(parsed) ? parsed : [parsed]
  if (replies.length !== wants.length) throw new Error(`${where}: ${replies.length} replies for ${wants.length} requests`)
  const ids = replyIds(text)
  if (ids.length !== wants.length) throw new Error(`${where}: could not read ${wants.length} reply ids from ${text.slice(0, 200)}`)
  wants.forEach((w, i) => {
    if (w.kind !== 'reply') return
    checkReplyObject(replies[i]!, w, where)
    if (!sameId(ids[i]!, w.id)) throw new Error(`${where}: id ${w.id} came back as ${ids[i]}`)
  })
}

/** HTTP: one POST per frame; notification-only frames get an empty 200. */
export async function sendHttp(port: number, frame: Frame): Promise<string | undefined> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: frame.text })
  const body = await r.text()
  return body === '' ? undefined : body
}

/**
 * WebSocket: the frame, then a sentinel request; whatever is not a subscription notification and
 * not the sentinel's reply is the frame's. Waits for the sentinel and for the replies the frame
 * must get, so nothing depends on timing.
 */
export class WsFrames {
  private queue: string[] = []
  private wake: (() => void) | undefined
  private n = 0
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d: Buffer) => { this.queue.push(d.toString()); this.wake?.() })
  }

  static async open(url: string): Promise<WsFrames> {
    const ws = new WebSocket(url)
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) })
    return new WsFrames(ws)
  }

  async send(frame: Frame): Promise<string | undefined> {
    const sentinel = `"sentinel-${++this.n}"`
    this.ws.send(frame.text)
    this.ws.send(`{"jsonrpc":"2.0","id":${sentinel},"method":"system_health"}`)
    let reply: string | undefined
    let sentinelSeen = false
    const deadline = Date.now() + 20_000
    while (!sentinelSeen || (frame.expect !== 'none' && reply === undefined)) {
      const m = this.queue.shift()
      if (m === undefined) {
        if (Date.now() > deadline) throw new Error(`no reply to ${frame.text.slice(0, 200)}`)
        await new Promise<void>((r) => { this.wake = r; setTimeout(r, 1000) })
        continue
      }
      if (m.startsWith('{"jsonrpc":"2.0","method":')) {
        const note = JSON.parse(m) as { params?: { subscription?: unknown } }
        if (typeof note.params?.subscription !== 'string') throw new Error(`malformed notification ${m.slice(0, 200)}`)
        continue
      }
      if (m.startsWith(`{"jsonrpc":"2.0","id":${sentinel},`)) { sentinelSeen = true; continue }
      if (reply !== undefined) throw new Error(`second reply to ${frame.text.slice(0, 200)}: ${m.slice(0, 200)}`)
      reply = m
    }
    return reply
  }

  close(): void { this.ws.close() }
}

// Issue 16: the frame campaign, short. fast-check sends generated frames and batches, malformed
// and well-formed, to a real node over WebSocket and HTTP (see test/campaigns/frames.ts for the
// rules every reply is held to); the node stays up and its chain does not change.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkReply, frameArb, sendHttp, WsFrames } from '../campaigns/frames.js'
import { startNodeProcess, type NodeProcess } from './node-process.js'

let node: NodeProcess
let before: { best: string; fin: string }

const call = async <T>(method: string, params: unknown[] = []): Promise<T> => {
  const r = await fetch(`http://127.0.0.1:${node.port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return ((await r.json()) as { result: T }).result
}
const heads = async () => ({ best: await call<string>('chain_getBlockHash'), fin: await call<string>('chain_getFinalizedHead') })

beforeAll(async () => {
  node = await startNodeProcess(['--dev', '--sealing', 'manual'])
  await call('dev_newBlock', [{ count: 3 }])
  before = await heads()
})
afterAll(async () => { await node?.kill('SIGTERM') })

describe('generated JSON-RPC frames', () => {
  it('over WebSocket: well-shaped replies with exact ids, only where due', async () => {
    const ws = await WsFrames.open(node.url)
    try {
      await fc.assert(fc.asyncProperty(frameArb, async (frame) => checkReply(frame, await ws.send(frame))), { numRuns: 300 })
    } finally {
      ws.close()
    }
  })

  it('over HTTP: the same, one POST per frame', async () => {
    await fc.assert(fc.asyncProperty(frameArb, async (frame) => checkReply(frame, await sendHttp(node.port, frame))), { numRuns: 300 })
  })

  it('left the node up and its chain as it was', async () => {
    expect(node.proc.exitCode).toBeNull()
    expect(await heads()).toEqual(before)
    expect(await call('author_pendingExtrinsics')).toEqual([])
  })
})

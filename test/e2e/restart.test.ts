// Acceptance (#3): a node stopped with SIGTERM or SIGKILL restarts on the same base path with the
// same best and finalized blocks and the same state, and keeps producing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, describe, expect, it } from 'vitest'
import { startNodeProcess } from './node-process.js'

const base = mkdtempSync(join(tmpdir(), 'emu-restart-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const ws = new WebSocket(url)
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
  const reply = await new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(d.toString()) as { result?: unknown }))
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))
  })
  ws.close()
  if (reply.error) throw new Error(JSON.stringify(reply.error))
  return reply.result
}

// Timestamp.Now: a value every block changes.
const NOW_KEY = '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb'

async function snapshot(url: string): Promise<{ best: string; fin: string; number: string; now: unknown }> {
  const header = (await rpc(url, 'chain_getHeader')) as { number: string }
  const best = (await rpc(url, 'chain_getBlockHash')) as string
  const fin = (await rpc(url, 'chain_getFinalizedHead')) as string
  return { best, fin, number: header.number, now: await rpc(url, 'state_getStorage', [NOW_KEY, best]) }
}

describe('a SIGTERM as soon as the node answers', () => {
  // The RPC server answers before the node has finished starting: a supervisor (or a test) that
  // stops it right then gets a clean stop, not a process ended by the signal.
  it('stops it cleanly with exit code 0, every time', async () => {
    for (let i = 0; i < 3; i++) {
      const node = await startNodeProcess(['--dev', '--tmp'])
      expect(await node.kill('SIGTERM')).toBe(0)
    }
  })
})

describe('restart on the same base path', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`keeps best, finalized and state after ${signal}`, async () => {
      const args = ['--dev', '--base-path', base, '--sealing', 'manual']
      const a = await startNodeProcess(args)
      await rpc(a.url, 'dev_newBlock', [{ count: 25 }])
      const before = await snapshot(a.url)
      expect(Number(before.number)).toBeGreaterThanOrEqual(25)
      await a.kill(signal)

      const b = await startNodeProcess(args)
      const after = await snapshot(b.url)
      expect(after).toEqual(before)
      await rpc(b.url, 'dev_newBlock', [{ count: 1 }])
      const next = (await rpc(b.url, 'chain_getHeader')) as { number: string; parentHash: string }
      expect(Number(next.number)).toBe(Number(before.number) + 1)
      expect(next.parentHash).toBe(before.best)
      await b.kill('SIGTERM')
    })
  }

  it('dev_newBlock {count: 1000} advances the head by exactly 1000', async () => {
    const n = await startNodeProcess(['--dev', '--sealing', 'manual'])
    const start = Number(((await rpc(n.url, 'chain_getHeader')) as { number: string }).number)
    await rpc(n.url, 'dev_newBlock', [{ count: 1000 }])
    const end = Number(((await rpc(n.url, 'chain_getHeader')) as { number: string }).number)
    expect(end - start).toBe(1000)
    await n.kill('SIGTERM')
  })
})

// Issue 16: the extrinsic campaign, short. Mutated signed transfers against a real node: the
// right refusal each time, and nothing changes (see test/campaigns/extrinsics.ts).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchAccount, signedTransfer } from '../../bench/lib/signer.js'
import { concatBytes, hexOf, hexToBytes } from '../../src/codec/bytes.js'
import { compactBytes } from '../../src/codec/scale.js'
import { Runtime } from '../../src/runtime/runtime.js'
import { accountKey, alice, mismatch, mutantArb, type Chain } from '../campaigns/extrinsics.js'
import { RawClient } from '../unit/rpc/ws-client.js'
import { startNodeProcess, type NodeProcess } from './node-process.js'

let node: NodeProcess
let c: RawClient
let chain: Chain

const snapshot = async () => ({
  best: await c.call<string>('chain_getBlockHash'),
  account: await c.call<string>('state_getStorage', [accountKey(alice.publicKey)]),
  nonce: await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)]),
  pending: await c.call<string[]>('author_pendingExtrinsics'),
})

beforeAll(async () => {
  node = await startNodeProcess(['--dev', '--sealing', 'manual'])
  c = await RawClient.connect(node.url)
  const runtime = await Runtime.get()
  const genesis = hexToBytes(await c.call<string>('chain_getBlockHash', [0]))
  // A few real transfers first, so stale nonces exist and BlockHash(0) is the real genesis hash.
  for (let n = 0; n < 3; n++) await c.call('author_submitExtrinsic', [hexOf(signedTransfer(runtime, genesis, alice, benchAccount('//Bob').publicKey, 10n ** 9n, n))])
  await c.call('dev_newBlock', [{ count: 2 }])
  const nonce = await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
  chain = { runtime, genesis, nonce, palletIndices: new Set(runtime.pallets.map((p) => p.index)) }
})
afterAll(async () => {
  await c?.close()
  await node?.kill('SIGTERM')
})

describe('mutated signed extrinsics', () => {
  it('are refused with the right error and change nothing', async () => {
    expect(chain.nonce).toBe(3)
    const before = await snapshot()
    expect(before.pending).toEqual([])
    await fc.assert(fc.asyncProperty(mutantArb(chain), async (m) => {
      const xt = hexOf(m.raw)
      const r = await c.request('author_submitExtrinsic', [xt])
      const why = mismatch(r.error, m.expect)
      if (why !== undefined) throw new Error(`${m.name}: ${why}`)
      // Watching gives the same verdict, except for an envelope error (1001 there, as Substrate).
      const w = await c.request('author_submitAndWatchExtrinsic', [xt])
      const wWant = m.expect.code === 1040 ? { code: 1001, messageStart: 'Extrinsic has invalid format:' } : m.expect
      const whyW = mismatch(w.error, wWant)
      if (whyW !== undefined) throw new Error(`${m.name} (watched): ${whyW}`)
      expect(await snapshot()).toEqual(before)
    }), { numRuns: 120 })
  })

  it('too big to send: refused by the transport, nothing changes', async () => {
    const before = await snapshot()
    // 8 MiB of bytes is 16 MiB of hex: over the 15 MiB request limit.
    const body = new Uint8Array(8 * 1024 * 1024)
    const raw = concatBytes(compactBytes(body.length), body)
    const frame = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'author_submitExtrinsic', params: [hexOf(raw)] })
    const r = await fetch(`http://127.0.0.1:${node.port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: frame })
    expect(r.status).toBe(413)
    expect(((await r.json()) as { error: { code: number } }).error.code).toBe(-32007)
    expect(await snapshot()).toEqual(before)
  })
})

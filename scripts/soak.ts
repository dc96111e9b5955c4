// `npm run soak [minutes]`: the issue-16 campaigns run long (npm test runs them short). The crash
// loop (SIGKILL a producing node, restart, check nothing announced final was lost) runs until
// the time is up; the frame and extrinsic campaigns take many more generated cases.
import fc from 'fast-check'
import { benchAccount, signedTransfer } from '../bench/lib/signer.js'
import { hexOf, hexToBytes } from '../src/codec/bytes.js'
import { Runtime } from '../src/runtime/runtime.js'
import { crashCampaign, crashRoundArb, type CrashRound } from '../test/campaigns/crash.js'
import { accountKey, alice, mismatch, mutantArb } from '../test/campaigns/extrinsics.js'
import { checkReply, frameArb, sendHttp, WsFrames } from '../test/campaigns/frames.js'
import { startNodeProcess } from '../test/e2e/node-process.js'
import { RawClient } from '../test/unit/rpc/ws-client.js'

const minutes = Number(process.argv[2] ?? 5)
const until = Date.now() + minutes * 60_000
const log = (m: string): void => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}`)

const roundArb: fc.Arbitrary<CrashRound> = crashRoundArb({ minDelayMs: 20, maxDelayMs: 3000, maxNth: 5, maxInFlight: 4 })

async function frames(runs: number): Promise<void> {
  const node = await startNodeProcess(['--dev', '--sealing', 'manual'])
  try {
    const ws = await WsFrames.open(node.url)
    await fc.assert(fc.asyncProperty(frameArb, async (f) => checkReply(f, await ws.send(f))), { numRuns: runs })
    ws.close()
    await fc.assert(fc.asyncProperty(frameArb, async (f) => checkReply(f, await sendHttp(node.port, f))), { numRuns: runs })
    if (node.proc.exitCode !== null) throw new Error('node died during the frame campaign')
  } finally {
    await node.kill('SIGTERM')
  }
  log(`frames: ${runs} over WebSocket and ${runs} over HTTP, all answered as due`)
}

async function extrinsics(runs: number): Promise<void> {
  const node = await startNodeProcess(['--dev', '--sealing', 'manual'])
  const c = await RawClient.connect(node.url)
  try {
    const runtime = await Runtime.get()
    const genesis = hexToBytes(await c.call<string>('chain_getBlockHash', [0]))
    for (let n = 0; n < 3; n++) await c.call('author_submitExtrinsic', [hexOf(signedTransfer(runtime, genesis, alice, benchAccount('//Bob').publicKey, 10n ** 9n, n))])
    await c.call('dev_newBlock', [{ count: 2 }])
    const nonce = await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
    const chain = { runtime, genesis, nonce, palletIndices: new Set(runtime.pallets.map((p) => p.index)) }
    const snap = async () => JSON.stringify([await c.call('chain_getBlockHash'), await c.call('state_getStorage', [accountKey(alice.publicKey)]), await c.call('author_pendingExtrinsics')])
    const before = await snap()
    await fc.assert(fc.asyncProperty(mutantArb(chain), async (m) => {
      const r = await c.request('author_submitExtrinsic', [hexOf(m.raw)])
      const why = mismatch(r.error, m.expect)
      if (why !== undefined) throw new Error(`${m.name}: ${why}`)
      if ((await snap()) !== before) throw new Error(`${m.name} changed the chain`)
    }), { numRuns: runs })
  } finally {
    await c.close()
    await node.kill('SIGTERM')
  }
  log(`extrinsics: ${runs} mutants refused as due, nothing changed`)
}

await frames(5_000)
await extrinsics(2_000)
let rounds = 0
while (Date.now() < until) {
  const batch = fc.sample(roundArb, 5)
  await crashCampaign(batch, log)
  rounds += batch.length
}
log(`crash: ${rounds} SIGKILL rounds, nothing announced final was lost`)

// Issue #2 figures, in process on a real LevelDB: empty blocks built + committed per second, and
// signed transfers executed per second in blocks of 1,000.
import '../src/polyfill.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { SignatureVerifier } from '../src/chain/verifier.js'
import { genesisStorage, loadChainSpec } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { benchAccount, signedTransfer } from './lib/signer.js'

interface Row { name: string; value: number; unit: string }

async function openChain(dir: string): Promise<{ runtime: Runtime; chain: Blockchain; store: BlockStore }> {
  const runtime = await Runtime.get()
  const store = await BlockStore.open(await openLevelKV(dir))
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
  return { runtime, chain, store }
}

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-chain-'))
  const rows: Row[] = []
  try {
    const { runtime, chain, store } = await openChain(dir)
    const pool = new TxPool()
    const producer = new BlockProducer(chain, pool, runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })

    await producer.produceMany(200) // warm-up
    const n = 5_000
    let t = performance.now()
    await producer.produceMany(n)
    rows.push({ name: 'empty blocks built + committed (LevelDB)', value: n / ((performance.now() - t) / 1000), unit: 'blocks/s' })

    // Blocks of 1,000 transfers from 50 funded accounts (funded by Alice in setup blocks).
    const alice = benchAccount('//Alice')
    const senders = Array.from({ length: 50 }, (_, i) => benchAccount(`//Sender${i}`))
    let aliceNonce = 0
    const fund = senders.map((s) => signedTransfer(runtime, chain.genesisHash, alice, s.publicKey, 1_000_000_000_000n, aliceNonce++))
    for (const raw of fund) pool.submit(raw, (r) => runtime.validateAt(chain, chain.best.hash, r, 'External'))
    await producer.produceMany(1)
    if (pool.size !== 0) throw new Error('funding transfers were not all included')

    const blocks = 5
    const perBlock = 1_000
    const nonces = senders.map(() => 0)
    const batches: Uint8Array[][] = []
    for (let b = 0; b < blocks; b++) {
      const txs: Uint8Array[] = []
      for (let i = 0; i < perBlock; i++) {
        const k = i % senders.length
        txs.push(signedTransfer(runtime, chain.genesisHash, senders[k]!, alice.publicKey, 1_000_000n, nonces[k]!++))
      }
      batches.push(txs)
    }
    const verifier = new SignatureVerifier()
    await verifier.verifyBatch([]) // start the workers outside the timing
    t = performance.now()
    const applied = await runBlocks(runtime, chain, batches, verifier)
    rows.push({ name: 'signed transfers executed (1,000/block, signatures checked on 2 threads)', value: applied / ((performance.now() - t) / 1000), unit: 'tx/s' })
    await verifier.close()
    // The same transactions on a fresh chain: their signatures are cached now, so this is execution alone.
    const dir2 = mkdtempSync(join(tmpdir(), 'bench-chain-'))
    try {
      const second = await openChain(dir2)
      const p2 = new BlockProducer(second.chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
      await p2.produceMany(200 + n)
      await runBlocks(runtime, second.chain, [fund])
      t = performance.now()
      const again = await runBlocks(runtime, second.chain, batches)
      rows.push({ name: 'signed transfers executed (signatures already verified)', value: again / ((performance.now() - t) / 1000), unit: 'tx/s' })
      await second.store.close()
    } finally {
      rmSync(dir2, { recursive: true, force: true })
    }
    await store.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

/** Build and commit one block per batch on the best block; returns how many transactions went in. */
export async function runBlocks(runtime: Runtime, chain: Blockchain, batches: Uint8Array[][], verifier?: SignatureVerifier): Promise<number> {
  let applied = 0
  for (const txs of batches) {
    const parent = chain.best.hash
    if (verifier) await verifier.verifyBatch(runtime.signatureJobsAt(chain, parent, txs))
    const ts = runtime.timestampOf(chain.state(parent)) + 12_000n
    const built = chain.build({
      parentHash: parent, inherents: [runtime.timestampInherent(ts)], extrinsics: txs,
      preDigest: [runtime.auraPreDigest(ts / 12_000n)],
    })
    if (built.rejected.length) throw new Error(`rejected: ${built.rejected[0]!.error.reason}`)
    applied += built.body.length - 1
    await chain.commit(built, { best: true, finalize: true })
  }
  return applied
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(60)} ${r.value.toFixed(0).padStart(10)} ${r.unit}`)
  process.exit(0)
}

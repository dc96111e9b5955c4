// The import path of synced blocks, in process and without the network: a dev chain seals N
// blocks, then a fresh chain on LevelDB imports them through BlockImporter.importMany in sync's
// ranges (seals on a worker thread, every block re-executed and its header reproduced, one batch
// per block). `node --cpu-prof --import tsx bench/sync-import.bench.ts [N]` profiles it.
import '../src/polyfill.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { SignatureVerifier } from '../src/chain/verifier.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { BlockImporter } from '../src/p2p/import.js'
import { MAX_BLOCKS } from '../src/p2p/sync.js'
import type { BlockDataValue } from '../src/p2p/wire.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import type { KV } from '../src/storage/kv.js'
import { MemoryKV } from '../src/storage/memory.js'

interface Row { name: string; value: number; unit: string }

/**
 * N blocks sealed by Alice on the dev chain, their slots ending before now (so none is from the
 * future for an importer), committed to `kv` (memory when absent).
 */
export async function sealedBlocks(count: number, kv: KV = new MemoryKV()): Promise<BlockDataValue[]> {
  const spec = loadChainSpec('dev')
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  if (typeof spec.slotDurationMs === 'number') runtime.useSlotDuration(spec.slotDurationMs)
  const store = await BlockStore.open(kv)
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(spec, runtime))
  const alice = devAuthority('alice')
  const slotMs = BigInt(runtime.slotDurationMs)
  let ts = (BigInt(Date.now()) / slotMs - BigInt(count) - 10n) * slotMs
  const out: BlockDataValue[] = []
  let durable: Promise<void> = Promise.resolve()
  for (let i = 0; i < count; i++) {
    ts += slotMs
    const b = chain.build({
      parentHash: chain.best.hash, inherents: [runtime.timestampInherent(ts)], extrinsics: [],
      preDigest: [runtime.auraPreDigest(ts / slotMs)], seal: (h) => runtime.auraSeal(alice.sign(h)),
    })
    durable = chain.commit(b, { finalize: true })
    out.push({ header: b.headerBytes, body: b.body, justification: null })
  }
  await durable
  await store.close()
  return out
}

export interface ImportFigures { blocksPerSec: number; cpuUsPerBlock: number }

/** Wall-clock rate, and CPU time of all the process's threads per block (less sensitive to load). */
export async function importRate(count: number): Promise<ImportFigures> {
  const blocks = await sealedBlocks(count)
  const spec = loadChainSpec('dev')
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  if (typeof spec.slotDurationMs === 'number') runtime.useSlotDuration(spec.slotDurationMs)
  const dir = mkdtempSync(join(tmpdir(), 'sync-import-'))
  const store = await BlockStore.open(await openLevelKV(dir))
  const verifier = new SignatureVerifier(1)
  try {
    const chain = await Blockchain.open(store, runtime.executive, genesisStorage(spec, runtime))
    const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
    const importer = new BlockImporter(chain, runtime, producer, verifier)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    for (let i = 0; i < blocks.length; i += MAX_BLOCKS) {
      const results = await importer.importMany(blocks.slice(i, i + MAX_BLOCKS))
      const bad = results.find((r) => r.kind !== 'imported')
      if (bad) throw new Error(`block ${i} not imported: ${JSON.stringify(bad)}`)
    }
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    if (chain.best.number !== count) throw new Error(`imported to #${chain.best.number}, expected #${count}`)
    return { blocksPerSec: count / seconds, cpuUsPerBlock: (cpu.user + cpu.system) / count }
  } finally {
    await verifier.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<Row[]> {
  const f = await importRate(10_000)
  return [
    { name: 'sync import in process: 10,000 sealed blocks (seal, re-execution, one batch each)', value: f.blocksPerSec, unit: 'blocks/s' },
    { name: 'sync import in process: CPU time of all threads per block', value: f.cpuUsPerBlock, unit: 'µs/block' },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 10_000)
  const f = await importRate(n)
  console.log(`sync import of ${n} blocks: ${f.blocksPerSec.toFixed(0)} blocks/s, ${f.cpuUsPerBlock.toFixed(0)} µs CPU/block`)
  process.exit(0)
}

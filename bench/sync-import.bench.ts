// The import path of synced blocks, in process and without the network: a dev chain seals N
// blocks, then a fresh chain on LevelDB imports them through BlockImporter.importMany in sync's
// ranges (seals on a worker thread, every block re-executed and its header reproduced, one batch
// per block). `npx tsx bench/sync-import.bench.ts [N] [--prof] [--transfers=K]`: --prof prints
// where the import thread spends its time (inspector CPU profile of the import phase only);
// --transfers puts K signed (mortal) transfers in every block. SYNC_BENCH_THREADS=1 prints each
// thread's CPU ms during the import (thread id − pid; 0 is the import thread);
// SYNC_BENCH_NO_BEACON=1 runs without the Drand dev beacon, to tell its share from the rest.
import '../src/polyfill.js'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { decode, encode } from '../src/codec/scale.js'
import { vec } from '../src/codec/types.js'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { SignatureVerifier } from '../src/chain/verifier.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { BlockImporter } from '../src/p2p/import.js'
import { MAX_BLOCKS } from '../src/p2p/sync.js'
import { BlockData, type BlockDataValue } from '../src/p2p/wire.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import type { KV } from '../src/storage/kv.js'
import { MemoryKV } from '../src/storage/memory.js'
import { summarizeProfile } from './lib/cpu-profile.js'
import { assemble, benchAccount, signParts, transferCall } from './lib/signer.js'

const SENDERS = ['//Bob', '//Charlie', '//Dave', '//Eve']

interface Row { name: string; value: number; unit: string }

/**
 * N blocks sealed by Alice on the dev chain, their slots ending before now (so none is from the
 * future for an importer), committed to `kv` (memory when absent).
 */
export async function sealedBlocks(count: number, kv: KV = new MemoryKV(), transfersPerBlock = 0): Promise<BlockDataValue[]> {
  const spec = loadChainSpec('dev')
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  await beaconSwitch()
  if (typeof spec.slotDurationMs === 'number') runtime.useSlotDuration(spec.slotDurationMs)
  const store = await BlockStore.open(kv)
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(spec, runtime))
  const alice = devAuthority('alice')
  const slotMs = BigInt(runtime.slotDurationMs)
  let ts = (BigInt(Date.now()) / slotMs - BigInt(count) - 10n) * slotMs
  const out: BlockDataValue[] = []
  let durable: Promise<void> = Promise.resolve()
  const senders = SENDERS.map(benchAccount)
  const dest = benchAccount('//Ferdie').publicKey
  let nonce = 0
  for (let i = 0; i < count; i++) {
    ts += slotMs
    const parent = chain.best
    // Signed as wallets do: mortal (64 blocks), born at the best block when signed.
    const phase = parent.number % 64
    const era = { type: `Mortal${(5 | (phase << 4)) & 0xff}`, value: (5 | (phase << 4)) >> 8 }
    const txs = Array.from({ length: transfersPerBlock }, (_, k) => {
      const from = senders[k % senders.length]!
      const n = nonce + Math.floor(k / senders.length)
      return assemble(signParts(runtime, chain.genesisHash, from, transferCall(dest, 1_000_000n), { nonce: n, era, eraBlockHash: parent.hash }))
    })
    nonce += Math.ceil(transfersPerBlock / senders.length)
    const b = chain.build({
      parentHash: parent.hash, inherents: [runtime.timestampInherent(ts)], extrinsics: txs,
      preDigest: [runtime.auraPreDigest(ts / slotMs)], seal: (h) => runtime.auraSeal(alice.sign(h)),
    })
    if (b.rejected.length > 0) throw new Error(`transfer refused: ${JSON.stringify(b.rejected[0]!.error)}`)
    durable = chain.commit(b, { finalize: true })
    out.push({ header: b.headerBytes, body: b.body, justification: null })
  }
  await durable
  await store.close()
  return out
}

/** SYNC_BENCH_NO_BEACON: the runtime (sealing and importing alike) without the dev beacon's key. */
async function beaconSwitch(): Promise<void> {
  if (process.env.SYNC_BENCH_NO_BEACON) (await import('../src/pallets/drand/index.js')).configureDrandBeacon(null)
}

export interface ImportFigures { blocksPerSec: number; cpuUsPerBlock: number; mainThreadUsPerBlock: number }

/** ms of CPU of each thread of this process (thread id − pid), from /proc (10 ms ticks). */
function threads(): Map<number, number> {
  return new Map(readdirSync('/proc/self/task').map((t) => [Number(t) - process.pid, threadCpuMs(Number(t))]))
}

function threadCpuMs(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}

/** µs of CPU the main thread (its tid is the pid) has used. */
function mainThreadCpuUs(): number {
  return threadCpuMs(process.pid) * 1000
}

/**
 * Blocks with transfers are sealed in a child process: building them checks the transfers'
 * signatures, and in this process the import would then find every one in the runtime's cache.
 */
function sealedElsewhere(count: number, transfersPerBlock: number): BlockDataValue[] {
  const file = join(mkdtempSync(join(tmpdir(), 'sync-import-blocks-')), 'blocks.scale')
  try {
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(count), `--transfers=${transfersPerBlock}`, `--seal-to=${file}`], { stdio: 'inherit' })
    return decode<BlockDataValue[]>(vec(BlockData), readFileSync(file))
  } finally {
    rmSync(dirname(file), { recursive: true, force: true })
  }
}

/** Wall-clock rate, and CPU time of all the process's threads per block (less sensitive to load). */
export async function importRate(count: number, profile = false, transfersPerBlock = 0): Promise<ImportFigures> {
  const blocks = transfersPerBlock > 0 ? sealedElsewhere(count, transfersPerBlock) : await sealedBlocks(count)
  const spec = loadChainSpec('dev')
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  await beaconSwitch()
  if (typeof spec.slotDurationMs === 'number') runtime.useSlotDuration(spec.slotDurationMs)
  const dir = mkdtempSync(join(tmpdir(), 'sync-import-'))
  const store = await BlockStore.open(await openLevelKV(dir))
  const verifier = new SignatureVerifier(1)
  try {
    const chain = await Blockchain.open(store, runtime.executive, genesisStorage(spec, runtime))
    const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
    const importer = new BlockImporter(chain, runtime, producer, verifier)
    const session = new Session()
    if (profile) {
      session.connect()
      await session.post('Profiler.enable')
      await session.post('Profiler.setSamplingInterval', { interval: 200 })
      await session.post('Profiler.start')
    }
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const main0 = mainThreadCpuUs()
    const t0s = threads()
    for (let i = 0; i < blocks.length; i += MAX_BLOCKS) {
      const results = await importer.importMany(blocks.slice(i, i + MAX_BLOCKS))
      const bad = results.find((r) => r.kind !== 'imported')
      if (bad) throw new Error(`block ${i} not imported: ${JSON.stringify(bad)}`)
    }
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const main = mainThreadCpuUs() - main0
    if (process.env.SYNC_BENCH_THREADS) console.error([...threads()].map(([t, v]) => `${t}:${v - (t0s.get(t) ?? 0)}`).join(' '))
    if (chain.best.number !== count) throw new Error(`imported to #${chain.best.number}, expected #${count}`)
    if (profile) printProfile((await session.post('Profiler.stop')).profile, dir, count)
    return { blocksPerSec: count / seconds, cpuUsPerBlock: (cpu.user + cpu.system) / count, mainThreadUsPerBlock: main / count }
  } finally {
    await verifier.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function printProfile(profile: unknown, dir: string, count: number): void {
  const path = process.env.PROF_OUT ?? join(dir, 'import.cpuprofile')
  writeFileSync(path, JSON.stringify(profile))
  const sum = summarizeProfile(path)
  const per = (us: number): string => `${(us / count).toFixed(1).padStart(8)} µs/block`
  console.log(`import thread busy ${per(sum.busyUs)}\n-- self --`)
  for (const f of sum.byFunction.slice(0, 40)) console.log(`${per(f.us)}  ${f.name}`)
  console.log('-- inclusive --')
  for (const f of sum.inclusive.slice(0, 70)) console.log(`${per(f.us)}  ${f.name}`)
}

export async function run(): Promise<Row[]> {
  const f = await importRate(10_000)
  return [
    { name: 'sync import in process: 10,000 sealed blocks (seal, re-execution, one batch each)', value: f.blocksPerSec, unit: 'blocks/s' },
    { name: 'sync import in process: CPU time of all threads per block', value: f.cpuUsPerBlock, unit: 'µs/block' },
    { name: 'sync import in process: CPU time of the import (main) thread per block', value: f.mainThreadUsPerBlock, unit: 'µs/block' },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000)
  const tx = Number(process.argv.find((a) => a.startsWith('--transfers='))?.slice(12) ?? 0)
  const sealTo = process.argv.find((a) => a.startsWith('--seal-to='))?.slice(10)
  if (sealTo) {
    writeFileSync(sealTo, encode(vec(BlockData), await sealedBlocks(n, undefined, tx)))
    process.exit(0)
  }
  const f = await importRate(n, process.argv.includes('--prof'), tx)
  console.log(`sync import of ${n} blocks${tx ? ` of ${tx} signed transfers each` : ''}: ${f.blocksPerSec.toFixed(0)} blocks/s, ${f.cpuUsPerBlock.toFixed(0)} µs CPU/block (all threads), ${f.mainThreadUsPerBlock.toFixed(0)} µs on the import thread`)
  process.exit(0)
}

// Where a burned registration spends its CPU, in process and by phase: the chain of
// bench/registration.bench.ts (subnets with room for 256 more uids, 256 funded coldkeys per round),
// 256 `burned_register` per round submitted as the node's RPC submission does (signature job on
// the worker threads, then pool validation), then built into blocks by the BlockProducer as
// instant sealing does. Prints CPU µs per registration for submission and for block building
// (process.cpuUsage: all threads, steadier than wall time on a loaded machine) and, with --prof,
// the top functions of the main thread.
//
//   npx tsx bench/profile-registration.ts [rounds=3] [--prof] [--blocks=N] [--warm=K] [--walks] [--serial]
// (--blocks=N: the 256 go into N blocks, as instant sealing splits a burst; default 2;
// --warm=K: K untimed, unprofiled rounds first, so the JIT has settled: default 0;
// --walks: trie walks (reads the state cache did not answer) per registration, by storage item;
// --serial: each share's signatures checked first, then validated, instead of the node's Submitter,
// which validates while the workers check)
import '../src/polyfill.js'
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto'
import { sr25519KeypairFromSeed } from '@polkadot/wasm-crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { Submitter } from '../src/chain/submission.js'
import { SignatureVerifier } from '../src/chain/verifier.js'
import { hexOf } from '../src/codec/bytes.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { encode } from '../src/codec/scale.js'
import { RuntimeCall } from '../src/frame/outer.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/storage.js'
import { Overlay } from '../src/storage/overlay.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { CommitQueue } from '../src/storage/commit-queue.js'
import { openLevelKV } from '../src/storage/level.js'
import { devSpecWith } from '../test/e2e/node-process.js'
import { storagePrefix } from '../src/codec/hashing.js'
import { TrieView } from '../src/storage/trie/view.js'
import { summarizeProfile } from './lib/cpu-profile.js'
import { assemble, benchAccount, signParts, type BenchAccount } from './lib/signer.js'
import { printTop } from './lib/tally.js'

const N = 256
const TAO = 1_000_000_000n
/** As bench/registration.bench.ts: tempo 360 unless REG_BENCH_TEMPO says otherwise ('chain': the dev default). */
const TEMPO: { tempo?: number } = process.env.REG_BENCH_TEMPO === 'chain' ? {} : { tempo: Number(process.env.REG_BENCH_TEMPO ?? 360) }
const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const timedRounds = Number(pos[0] ?? 3)
const warm = Number(process.argv.find((a) => a.startsWith('--warm='))?.slice(7) ?? 0)
const rounds = warm + timedRounds
const prof = process.argv.includes('--prof')
const blocksPerRound = Number(process.argv.find((a) => a.startsWith('--blocks='))?.slice(9) ?? 2)
/**
 * --walks: every TrieView.get in the timed rounds counted by executive phase and storage item (its
 * first 32 key bytes) and timed; and the node-store lookups the block store's caches did not answer
 * (commit queue, then LevelDB) by the phase and item of the walk that made them.
 */
const walks = { on: false, n: 0, us: 0, byItem: new Map<string, number>(), phase: 'other', item: 'other', reads: new Map<string, number>() }
if (process.argv.includes('--walks')) {
  const read = CommitQueue.prototype.read
  CommitQueue.prototype.read = function (this: CommitQueue, key: Uint8Array, ks?: string): Uint8Array | undefined {
    if (walks.on) walks.reads.set(walks.phase + ' ' + walks.item, (walks.reads.get(walks.phase + ' ' + walks.item) ?? 0) + 1)
    return read.call(this, key, ks)
  }
  const get = TrieView.prototype.get
  TrieView.prototype.get = function (this: TrieView, key: Uint8Array): Uint8Array | null {
    if (!walks.on) return get.call(this, key)
    const t = performance.now()
    walks.item = hexOf(key.subarray(0, 32))
    try { return get.call(this, key) } finally {
      walks.item = 'other'
      walks.us += (performance.now() - t) * 1000
      walks.n++
      const item = walks.phase + ' ' + hexOf(key.subarray(0, 32))
      walks.byItem.set(item, (walks.byItem.get(item) ?? 0) + 1)
    }
  }
}

function seededAccount(label: string): BenchAccount {
  const kp = sr25519KeypairFromSeed(blake2AsU8a(label, 256))
  return { name: label, secretKey: kp.slice(0, 64), publicKey: kp.slice(64) }
}

await cryptoReady()
const netuids = Array.from({ length: rounds }, (_, r) => 2 + r)
const coldkeys = netuids.map((n) => Array.from({ length: N }, (_, i) => seededAccount(`reg-bench-cold-${n}-${i}`)))
const hotkeys = netuids.map((n) => Array.from({ length: N }, (_, i) => blake2AsU8a(`reg-bench-hot-${n}-${i}`, 256)))
const alice = benchAccount('//Alice')
const chainSpec = loadChainSpec(devSpecWith((st) => {
  st.fundedAccounts = coldkeys.flat().map((c) => [hexOf(c.publicKey), (10n * TAO).toString()])
  st.subnets = netuids.map((netuid) => ({ netuid, owner: encodeAddress(alice.publicKey), hotkey: hexOf(blake2AsU8a(`reg-bench-owner-${netuid}`, 256)), started: true, ...TEMPO }))
  st.hyperparameters = Object.fromEntries(netuids.map((n) => [String(n), { MaxAllowedUids: N + 1, MaxRegistrationsPerBlock: N, TargetRegistrationsPerInterval: N }]))
}))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
const dir = mkdtempSync(join(tmpdir(), 'profile-reg-db-'))
const store = await BlockStore.open(await openLevelKV(dir))
const verifier = new SignatureVerifier()
const cpuUs = (): number => { const c = process.cpuUsage(); return c.user + c.system }
try {
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
  const pool = new TxPool()
  const producer = new BlockProducer(chain, pool, runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
  await producer.produceMany(3)
  // The executive's block phases timed on their own (wall, main thread only).
  const phases = new Map<string, number>()
  const ex = runtime.executive as unknown as Record<string, (...a: unknown[]) => unknown>
  for (const name of ['initializeBlock', 'applyExtrinsic', 'finalizeBlock', 'validateTransaction']) {
    const fn = ex[name]!.bind(runtime.executive)
    ex[name] = (...a: unknown[]) => {
      const t = performance.now()
      const was = walks.phase
      walks.phase = name
      try { return fn(...a) } finally {
        walks.phase = was
        const us = (performance.now() - t) * 1000
        phases.set(name, (phases.get(name) ?? 0) + us)
        if (name === 'initializeBlock' && process.env.SLOW_INIT) console.log(`initializeBlock #${(a[1] as { number: number }).number}: ${(us / 1000).toFixed(1)} ms`)
      }
    }
  }
  const genesis = chain.hashAt(0)!
  // As the node's `submit`: the signature on a worker thread first, then pool validation (timed
  // apart: the workers are idle while it runs, so the process's CPU is the main thread's).
  const verify = async (raw: Uint8Array): Promise<void> => {
    const [job] = runtime.signatureJobsAt(chain, chain.best.hash, [raw])
    if (job) await verifier.verify(job)
  }
  const submit = (raw: Uint8Array): void => { pool.submit(raw, (r) => runtime.validateAt(chain, chain.best.hash, r, 'External')) }
  const serial = process.argv.includes('--serial')
  const submitter = new Submitter(runtime, chain, pool, verifier)
  const session = new Session()
  // --heap: the sampling heap profiler, counting what was allocated (collected or not) per function.
  const heap = process.argv.includes('--heap')
  if (heap) {
    session.connect()
    await session.post('HeapProfiler.enable')
  }
  if (prof) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 100 })
  }
  let verifyUs = 0
  let submitUs = 0
  let buildUs = 0
  for (const [r, netuid] of netuids.entries()) {
    const txs = coldkeys[r]!.map((cold, i) => assemble(signParts(runtime, genesis, cold,
      encode(RuntimeCall, { type: 'SubtensorModule', value: { type: 'burned_register', value: { netuid, hotkey: hotkeys[r]![i] } } }), { nonce: 0 })))
    if (heap && r === warm) await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never)
    if (prof && r === warm) await session.post('Profiler.start')
    if (r === warm) { verifyUs = 0; submitUs = 0; buildUs = 0; phases.clear(); walks.on = true }
    const c0 = cpuUs()
    // Submissions and blocks interleave as under instant sealing: a block after each share.
    const per = Math.ceil(N / blocksPerRound)
    for (let b = 0; b < blocksPerRound; b++) {
      const share = txs.slice(b * per, (b + 1) * per)
      const v0 = cpuUs()
      if (serial) await Promise.all(share.map(verify))
      const s0 = cpuUs()
      if (serial) share.forEach(submit)
      else await Promise.all(share.map((raw) => submitter.submit(raw)))
      const s1 = cpuUs()
      await producer.produce()
      verifyUs += s0 - v0
      submitUs += s1 - s0
      buildUs += cpuUs() - s1
    }
    const total = cpuUs() - c0
    const n = new Overlay(chain.reader(chain.best.hash))
    const count = S.SubnetworkN.get(n, netuid)
    if (count !== N + 1) throw new Error(`round ${r}: SubnetworkN ${count} on netuid ${netuid}`)
    console.log(`round ${r}: ${(total / N).toFixed(0)} µs CPU/reg (all threads)`)
  }
  const units = N * timedRounds
  console.log(serial
    ? `signature jobs + worker verification ${(verifyUs / units).toFixed(0)} µs/reg (all threads), pool validation ${(submitUs / units).toFixed(0)} µs/reg, block building ${(buildUs / units).toFixed(0)} µs/reg (CPU; ${blocksPerRound} blocks per 256)`
    : `submission (Submitter: signature jobs, worker verification, validation meanwhile) ${(submitUs / units).toFixed(0)} µs/reg (all threads), block building ${(buildUs / units).toFixed(0)} µs/reg (CPU; ${blocksPerRound} blocks per 256)`)
  console.log([...phases].map(([k, v]) => `${k} ${(v / units).toFixed(0)}`).join(', '), 'µs/reg (wall, main thread)')
  if (walks.on && walks.n > 0) {
    const names = new Map<string, string>()
    for (const p of runtime.pallets) for (const d of p.storage) names.set(hexOf(storagePrefix(p.name, d.name)), `${p.name}.${d.name}`)
    console.log(`trie walks: ${(walks.n / units).toFixed(2)} per registration, ${(walks.us / walks.n).toFixed(1)} µs each (wall, GC pauses included)`)
    for (const [k, v] of [...walks.reads].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / units >= 0.05)) console.log(`  store reads ${(v / units).toFixed(2)} ${k.split(' ')[0]} ${names.get(k.split(' ')[1]!) ?? k}`)
    for (const [k, v] of [...walks.byItem].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / units >= 0.05)) console.log(`  ${(v / units).toFixed(2)} ${k.split(' ')[0]} ${names.get(k.split(' ')[1]!) ?? k}`)
  }
  if (heap) {
    type HeapNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] }
    const { profile } = await session.post('HeapProfiler.stopSampling') as unknown as { profile: { head: HeapNode } }
    const self = new Map<string, number>()
    const incl = new Map<string, number>()
    const walk = (n: HeapNode, stack: string[]): number => {
      const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
      self.set(name, (self.get(name) ?? 0) + n.selfSize)
      let total = n.selfSize
      for (const c of n.children) total += walk(c, [...stack, name])
      if (!stack.includes(name)) incl.set(name, (incl.get(name) ?? 0) + total)
      return total
    }
    writeFileSync('/tmp/profile-registration.heapprofile', JSON.stringify(profile))
    const total = walk(profile.head, [])
    const kb = (b: number): string => `${(b / 1024 / units).toFixed(1).padStart(8)} kB/reg`
    console.log(`allocated ${kb(total)}\n-- self --`)
    printTop(self, 30, kb)
    console.log('-- inclusive --')
    printTop(incl, 60, kb)
  }
  if (prof) {
    const { profile } = await session.post('Profiler.stop')
    const path = join(dir, 'p.cpuprofile')
    writeFileSync(path, JSON.stringify(profile))
    writeFileSync('/tmp/profile-registration.cpuprofile', JSON.stringify(profile))
    const sum = summarizeProfile(path)
    const per = (us: number): string => `${(us / units).toFixed(1).padStart(8)} µs/reg`
    console.log(`main thread busy ${per(sum.busyUs)}\n-- self --`)
    for (const f of sum.byFunction.slice(0, 40)) console.log(`${per(f.us)}  ${f.name}`)
    console.log('-- inclusive --')
    for (const f of sum.inclusive.slice(0, 90)) console.log(`${per(f.us)}  ${f.name}`)
  }
} finally {
  await verifier.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(0)

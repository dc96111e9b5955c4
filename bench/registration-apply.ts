// The extrinsic path of a burned registration on its own, repeatable and on the main thread: the
// chain of bench/registration.bench.ts, 256 signed `burned_register` validated for the pool and then
// built into one block on the same parent again and again (never committed, so every build does
// the same work). Prints main-thread CPU per registration (from /proc/self/task/<pid>/schedstat, ns)
// and the whole process's (all threads), for the last `timed` of `builds` builds, once the JIT
// has settled: pool validation (validate_transaction) and block building (apply + state root).
//
//   npx tsx bench/registration-apply.ts [builds=16] [timed=8]
import '../src/polyfill.js'
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto'
import { sr25519KeypairFromSeed } from '@polkadot/wasm-crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { hexOf } from '../src/codec/bytes.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { encode } from '../src/codec/scale.js'
import { RuntimeCall } from '../src/frame/outer.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { devSpecWith } from '../test/e2e/node-process.js'
import { assemble, benchAccount, signParts, type BenchAccount } from './lib/signer.js'

const N = 256
const TAO = 1_000_000_000n
const builds = Number(process.argv[2] ?? 16)
const timed = Number(process.argv[3] ?? 8)

function seededAccount(label: string): BenchAccount {
  const kp = sr25519KeypairFromSeed(blake2AsU8a(label, 256))
  return { name: label, secretKey: kp.slice(0, 64), publicKey: kp.slice(64) }
}
/** CPU ns of this process's main thread so far. */
const mainNs = (): number => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0])
const allUs = (): number => { const c = process.cpuUsage(); return c.user + c.system }

await cryptoReady()
const netuid = 2
const coldkeys = Array.from({ length: N }, (_, i) => seededAccount(`reg-bench-cold-${netuid}-${i}`))
const alice = benchAccount('//Alice')
const chainSpec = loadChainSpec(devSpecWith((st) => {
  st.fundedAccounts = coldkeys.map((c) => [hexOf(c.publicKey), (10n * TAO).toString()])
  st.subnets = [{ netuid, owner: encodeAddress(alice.publicKey), hotkey: hexOf(blake2AsU8a(`reg-bench-owner-${netuid}`, 256)), started: true, tempo: 360 }]
  st.hyperparameters = { [String(netuid)]: { MaxAllowedUids: N + 1, MaxRegistrationsPerBlock: N, TargetRegistrationsPerInterval: N } }
}))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
const dir = mkdtempSync(join(tmpdir(), 'registration-apply-db-'))
const store = await BlockStore.open(await openLevelKV(dir))
try {
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
  const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true, now: () => 1_700_000_000_000 })
  await producer.produceMany(3)
  const parent = chain.best
  const genesis = chain.hashAt(0)!
  const txs = coldkeys.map((cold, i) => assemble(signParts(runtime, genesis, cold,
    encode(RuntimeCall, { type: 'SubtensorModule', value: { type: 'burned_register', value: { netuid, hotkey: blake2AsU8a(`reg-bench-hot-${netuid}-${i}`, 256) } } }), { nonce: 0 })))
  const ts = runtime.timestampOf(chain.reader(parent.hash)) + BigInt(runtime.slotDurationMs)
  let v = { main: 0, all: 0 }
  let b = { main: 0, all: 0 }
  let root = ''
  for (let k = 0; k < builds; k++) {
    const m0 = mainNs(); const a0 = allUs()
    for (const raw of txs) runtime.validateAt(chain, parent.hash, raw, 'External')
    const m1 = mainNs(); const a1 = allUs()
    const built = chain.build({
      parentHash: parent.hash, inherents: [runtime.timestampInherent(ts)], extrinsics: txs,
      preDigest: [runtime.auraPreDigest(ts / BigInt(runtime.slotDurationMs))],
    })
    const m2 = mainNs(); const a2 = allUs()
    if (built.body.length !== N + 1) throw new Error(`build ${k}: ${built.body.length - 1} of ${N} registrations applied`)
    root = hexOf(built.header.state_root)
    if (k >= builds - timed) {
      v = { main: v.main + (m1 - m0) / 1000, all: v.all + a1 - a0 }
      b = { main: b.main + (m2 - m1) / 1000, all: b.all + a2 - a1 }
    }
  }
  const per = (x: number): string => (x / (N * timed)).toFixed(1)
  console.log(`pool validation: ${per(v.main)} µs/reg main thread, ${per(v.all)} all threads`)
  console.log(`block building (apply + root): ${per(b.main)} µs/reg main thread, ${per(b.all)} all threads`)
  console.log(`state root ${root}`)
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(0)

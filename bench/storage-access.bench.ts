// Per-access cost of the runtime's storage path on a 32-subnet dev chain's head state: declared
// accessors through an Overlay over the chain's state cache. Prints ns per operation (the best of
// several rounds, CPU time), for A/B runs against another tree:
//
//   npx tsx bench/storage-access.bench.ts
import '../src/polyfill.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
const subnets = 32
await cryptoReady()
const chainSpec = loadChainSpec(startedSubnetsSpec(subnets, 'current'))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
const store = await BlockStore.open(await openLevelKV(mkdtempSync(join(tmpdir(), 'items-'))))
const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
await producer.produceMany(200)
import { SubtensorStorage as S } from '../src/pallets/subtensor/storage.js'
import { Overlay } from '../src/storage/overlay.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'

await producer.produceMany(20)
const head = chain.best.hash
const netuids = Array.from({ length: subnets }, (_, i) => i + 1)
const items = [S.SubnetTAO, S.SubnetAlphaIn, S.SubnetAlphaOut, S.SubnetMechanism, S.Tempo, S.LastEpochBlock, S.PendingOwnerCut, S.Burn]
const hotkey = new Uint8Array(32).fill(7)

function cpuNs(fn: () => void, ops: number): number {
  let best = Infinity
  for (let round = 0; round < 7; round++) {
    const c0 = process.cpuUsage()
    fn()
    const c = process.cpuUsage(c0)
    best = Math.min(best, ((c.user + c.system) * 1000) / ops)
  }
  return best
}

const R = 400
const nReads = R * netuids.length * items.length
let sink = 0
const firstReads = cpuNs(() => {
  for (let r = 0; r < R; r++) {
    const s = new Overlay(chain.reader(head))
    for (const it of items) for (const n of netuids) if (it.get(s, n) !== undefined) sink++
  }
}, nReads)
const readWrite = cpuNs(() => {
  for (let r = 0; r < R / 4; r++) {
    const s = new Overlay(chain.reader(head))
    for (const n of netuids) {
      S.SubnetTAO.set(s, n, S.SubnetTAO.get(s, n) + 1n)
      S.Tempo.set(s, n, S.Tempo.get(s, n) + 1)
      S.TotalHotkeyAlpha.set(s, hotkey, n, S.TotalHotkeyAlpha.get(s, hotkey, n) + 5n)
    }
    if (s.changes().size !== 3 * netuids.length) throw new Error('diff')
  }
}, (R / 4) * netuids.length * 3)
const transactional = cpuNs(() => {
  for (let r = 0; r < R / 4; r++) {
    const s = new Overlay(chain.reader(head))
    for (const n of netuids) {
      s.transactional(() => {
        S.SubnetAlphaIn.set(s, n, S.SubnetAlphaIn.get(s, n) + 1n)
        S.SubnetTAO.set(s, n, S.SubnetTAO.get(s, n) + 1n)
      })
    }
  }
}, (R / 4) * netuids.length)
const iterate = cpuNs(() => {
  for (let r = 0; r < R / 4; r++) {
    const s = new Overlay(chain.reader(head))
    for (const [, v] of S.SubnetTAO.iter(s)) sink += v > 0n ? 1 : 0
  }
}, (R / 4) * netuids.length)
// A hotkey's per-subnet stake moved as the payout does: mutate of a double map keyed by account.
const hotkeys = Array.from({ length: 8 }, (_, i) => new Uint8Array(32).fill(i + 1))
const doubleMutate = cpuNs(() => {
  for (let r = 0; r < R / 4; r++) {
    const s = new Overlay(chain.reader(head))
    for (const n of netuids) for (const hk of hotkeys) S.TotalHotkeyAlpha.mutate(s, hk, n, (v) => v + 1n)
  }
}, (R / 4) * netuids.length * hotkeys.length)
console.log(`first read ${firstReads.toFixed(0)} ns; read+write (u64, u16, double-map u64) ${readWrite.toFixed(0)} ns; transaction of 2 read+writes ${transactional.toFixed(0)} ns; map iteration ${iterate.toFixed(0)} ns/entry; double-map mutate ${doubleMutate.toFixed(0)} ns (${sink > 0 ? 'ok' : ''})`)
process.exit(0)

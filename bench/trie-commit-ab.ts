// The state-root and commit path of two source trees, interleaved in one process: a dev chain with
// 32 started subnets is built once (each block's diff, no-op writes included, header and body as Blockchain.commit
// gets them), then each tree replays the blocks into a fresh LevelDB BlockStore of its own: its
// applyChanges (the chain's TrieCache: newest trie decoded, one root), its commitBlock and the
// commit queue's writes, as profile-trie-commit.ts does for one tree. Rounds alternate the trees,
// and which one goes first; the per-round ratio (this tree over `other`) is what the machine's load
// moves least. Every replayed state root is checked against the built chain's.
//
//   npx tsx bench/trie-commit-ab.ts <other checkout> [blocks=1000] [rounds=16]
import '../src/polyfill.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { genesisBlock } from '../src/chain/block-diff.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { sameBytes } from '../src/codec/bytes.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { encode } from '../src/codec/scale.js'
import { Header } from '../src/frame/primitives.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import type * as Trie from '../src/storage/trie/index.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'

const [otherDir, blocksArg, roundsArg] = process.argv.slice(2)
if (otherDir === undefined) throw new Error('usage: trie-commit-ab.ts <other checkout> [blocks] [rounds]')
const blocks = Number(blocksArg ?? 1000)
const rounds = Number(roundsArg ?? 16)
interface Tree {
  trie: typeof Trie
  BlockStore: typeof BlockStore
  openLevelKV: typeof openLevelKV
}
const load = async (dir: string): Promise<Tree> => ({
  trie: (await import(resolve(dir, 'src/storage/trie/index.ts'))) as typeof Trie,
  BlockStore: (await import(resolve(dir, 'src/storage/block-store.ts'))).BlockStore as typeof BlockStore,
  openLevelKV: (await import(resolve(dir, 'src/storage/level.ts'))).openLevelKV as typeof openLevelKV,
})
const trees = [['other', await load(otherDir)], ['this', await load(resolve(import.meta.dirname, '..'))]] as const
await cryptoReady()
const chainSpec = loadChainSpec(startedSubnetsSpec(32, 'current'))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
const storage = genesisStorage(chainSpec, runtime)
interface Recorded {
  hash: Uint8Array
  parentHash: Uint8Array
  number: number
  headerBytes: Uint8Array
  body: Uint8Array[]
  stateRoot: Uint8Array
  changes: Map<string, Uint8Array | null>
}
const recorded: Recorded[] = []
{
  const dir = mkdtempSync(join(tmpdir(), 'cab-rec-'))
  const store = await BlockStore.open(await openLevelKV(dir))
  const chain = await Blockchain.open(store, runtime.executive, storage)
  const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
  const commit = chain.commit.bind(chain)
  chain.commit = (b, o) => {
    recorded.push({ hash: b.hash, parentHash: b.header.parent_hash, number: b.header.number, headerBytes: b.headerBytes, body: b.body, stateRoot: b.header.state_root, changes: b.changes })
    return commit(b, o)
  }
  await producer.produceMany(blocks)
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
const { header: gHeader, hash: gHash, nodes: gNodes } = genesisBlock(storage)
const res: Record<'other' | 'this', { total: number[]; trie: number[]; commit: number[] }> = { other: { total: [], trie: [], commit: [] }, this: { total: [], trie: [], commit: [] } }
for (let round = 0; round < rounds; round++) {
  const order = round & 1 ? [...trees].reverse() : trees
  for (const [name, t] of order) {
    const dir = mkdtempSync(join(tmpdir(), 'cab-'))
    const store = await t.BlockStore.open(await t.openLevelKV(dir))
    await store.initGenesis({ hash: gHash, header: encode(Header, gHeader), stateRoot: gHeader.state_root, trieNodes: gNodes })
    const cache = new t.trie.TrieCache(Infinity, 1, 50_000)
    let root = gHeader.state_root
    let trieUs = 0
    let commitUs = 0
    let durable: Promise<void> = Promise.resolve()
    let lastYield = performance.now()
    const c0 = process.cpuUsage()
    for (const r of recorded) {
      const t0 = process.cpuUsage()
      const { root: next, newNodes } = t.trie.applyChanges(store, root, r.changes, 1, cache)
      const t1 = process.cpuUsage()
      if (!sameBytes(next, r.stateRoot)) throw new Error(`${name} #${r.number}: state root differs`)
      durable = store.commitBlock({ hash: r.hash, header: r.headerBytes, body: r.body, number: r.number, parentHash: r.parentHash, stateRoot: next, trieNodes: newNodes, setBest: true, setFinalized: true })
      const t2 = process.cpuUsage()
      trieUs += t1.user + t1.system - t0.user - t0.system
      commitUs += t2.user + t2.system - t1.user - t1.system
      root = next
      // As the producer: let the commit queue's writes run every few milliseconds.
      if (performance.now() - lastYield >= 8) {
        await new Promise<void>((res) => setImmediate(res))
        lastYield = performance.now()
      }
    }
    await durable
    const c = process.cpuUsage(c0)
    const n = recorded.length
    res[name].total.push((c.user + c.system) / n)
    res[name].trie.push(trieUs / n)
    res[name].commit.push(commitUs / n)
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
const sorted = (v: number[]): number[] => v.slice().sort((a, b) => a - b)
const median = (v: number[]): number => sorted(v)[v.length >> 1]!
const quartiles = (v: number[]): string => {
  const s = sorted(v)
  return `${median(s).toFixed(3)} (quartiles ${s[s.length >> 2]!.toFixed(3)}–${s[(3 * s.length) >> 2]!.toFixed(3)})`
}
const parts = { total: 'whole replay', trie: 'applyChanges', commit: 'commitBlock' } as const
for (const k of ['total', 'trie', 'commit'] as const) {
  const o = res.other[k]
  const t = res.this[k]
  console.log(`${parts[k]}: other min ${Math.min(...o).toFixed(0)}, median ${median(o).toFixed(0)}; this min ${Math.min(...t).toFixed(0)}, median ${median(t).toFixed(0)} µs/block; this/other by round: median ${quartiles(t.map((x, i) => x / o[i]!))}`)
}
console.log(`${rounds} rounds of ${recorded.length} blocks; whole replay by round, other: ${res.other.total.map((x) => x.toFixed(0)).join(' ')}; this: ${res.this.total.map((x) => x.toFixed(0)).join(' ')}`)
process.exit(0)

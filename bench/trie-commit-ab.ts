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
import type { BlockStore } from '../src/storage/block-store.js'
import type { openLevelKV } from '../src/storage/level.js'
import type * as Trie from '../src/storage/trie/index.js'
import { recordCommits, replayCommits } from './lib/recorded-commits.js'

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
const recorded = await recordCommits(32, blocks, false)
const res: Record<'other' | 'this', { total: number[]; trie: number[]; commit: number[] }> = { other: { total: [], trie: [], commit: [] }, this: { total: [], trie: [], commit: [] } }
for (let round = 0; round < rounds; round++) {
  const order = round & 1 ? [...trees].reverse() : trees
  for (const [name, t] of order) {
    const dir = mkdtempSync(join(tmpdir(), 'cab-'))
    const store = await t.BlockStore.open(await t.openLevelKV(dir))
    await recorded.initGenesis(store)
    const c0 = process.cpuUsage()
    const { trieUs, commitUs } = await replayCommits(recorded, { applyChanges: t.trie.applyChanges, cache: new t.trie.TrieCache(Infinity, 1, 50_000), store }, `${name} `)
    const c = process.cpuUsage(c0)
    const n = recorded.blocks.length
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
console.log(`${rounds} rounds of ${recorded.blocks.length} blocks; whole replay by round, other: ${res.other.total.map((x) => x.toFixed(0)).join(' ')}; this: ${res.this.total.map((x) => x.toFixed(0)).join(' ')}`)
process.exit(0)

// The trie update of two source trees, interleaved in one process: a dev chain with `subnets`
// started subnets is built once (its blocks' diffs recorded), then this tree's applyChanges and
// that of another checkout (`other`, e.g. a worktree of the base commit) replay the diffs in
// alternate rounds, each onto its own node store and TrieCache (as the chain's: the newest trie wholly
// decoded, one root, a budget of 50,000 gained nodes).
// On a shared machine the load moves between rounds; the per-round ratio of adjacent rounds is
// steadier than either figure. Every replayed state root is checked against the built chain's.
//
//   npx tsx bench/trie-apply-ab.ts <other checkout> [subnets=32] [blocks=400] [rounds=30]
import '../src/polyfill.js'
import { resolve } from 'node:path'
import { hexOf, sameBytes } from '../src/codec/bytes.js'
import * as head from '../src/storage/trie/index.js'
import { recordDiffs } from './lib/recorded-diffs.js'

const [otherDir, subnetsArg, blocksArg, roundsArg] = process.argv.slice(2)
if (otherDir === undefined) throw new Error('usage: trie-apply-ab.ts <other checkout> [subnets] [blocks] [rounds]')
const other = (await import(resolve(otherDir, 'src/storage/trie/index.ts'))) as typeof head
const subnets = Number(subnetsArg ?? 32)
const blocks = Number(blocksArg ?? 400)
const rounds = Number(roundsArg ?? 30)

const { start, blocks: recorded, store, add, reset, close } = await recordDiffs(subnets, blocks, 'trie-apply-ab')

const trees = [['other', other], ['this', head]] as const
const times = { other: [] as number[], this: [] as number[] }
for (let round = 0; round < rounds; round++) {
  for (const [name, trie] of trees) {
    reset()
    const cache = new trie.TrieCache(Infinity, 1, 50_000)
    let root = start
    const c0 = process.cpuUsage()
    for (const r of recorded) {
      const out = trie.applyChanges(store, root, r.changes, 1, cache)
      if (!sameBytes(out.root, r.root)) throw new Error(`${name}: state root ${hexOf(out.root)}, built ${hexOf(r.root)}`)
      add(out.newNodes.hashes, out.newNodes.nodes)
      root = out.root
    }
    const c = process.cpuUsage(c0)
    times[name].push((c.user + c.system) / recorded.length)
  }
}
const sorted = (v: number[]): number[] => v.slice().sort((a, b) => a - b)
for (const [name] of trees) {
  const s = sorted(times[name])
  console.log(`${name}: applyChanges min ${s[0]!.toFixed(0)}, median ${s[s.length >> 1]!.toFixed(0)} µs/block`)
}
const ratios = sorted(times.this.map((t, i) => t / times.other[i]!))
console.log(`this/other by round: median ${ratios[ratios.length >> 1]!.toFixed(3)}, quartiles ${ratios[ratios.length >> 2]!.toFixed(3)}–${ratios[(3 * ratios.length) >> 2]!.toFixed(3)} (${rounds} rounds of ${recorded.length} blocks)`)
await close()
process.exit(0)

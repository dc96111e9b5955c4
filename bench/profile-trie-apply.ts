// The trie update alone, replayed many times: a dev chain with `subnets` started subnets is built
// once (each block's diff recorded as the block path hands it to the trie: no-op writes
// included), then applyChanges replays the diffs onto a node store in memory, `rounds` times, with
// nothing else running. Prints CPU µs per block and per written key (min over rounds: the machine
// is shared), and checks every replayed state root against the built chain's.
//
//   npx tsx bench/profile-trie-apply.ts [subnets=4] [blocks=600] [--rounds=8]
import '../src/polyfill.js'
import { hexOf, sameBytes } from '../src/codec/bytes.js'
import { applyChanges, TrieCache } from '../src/storage/trie/index.js'
import { recordDiffs } from './lib/recorded-diffs.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 4)
const blocks = Number(pos[1] ?? 600)
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 8)

const { start, blocks: recorded, store, add, reset, close } = await recordDiffs(subnets, blocks, 'trie-apply')
const keys = recorded.reduce((a, r) => a + r.changes.size, 0) / recorded.length
let best = Infinity
for (let round = 0; round < rounds; round++) {
  reset()
  const cache = new TrieCache(Infinity, 1, 50_000)
  let root = start
  const c0 = process.cpuUsage()
  for (const r of recorded) {
    const out = applyChanges(store, root, r.changes, 1, cache)
    if (!sameBytes(out.root, r.root)) throw new Error(`state root ${hexOf(out.root)}, built ${hexOf(r.root)}`)
    add(out.newNodes.hashes, out.newNodes.nodes)
    root = out.root
  }
  const c = process.cpuUsage(c0)
  const us = (c.user + c.system) / recorded.length
  best = Math.min(best, us)
  console.log(`round ${round}: ${us.toFixed(0)} µs/block`)
}
console.log(`${subnets} subnets: ${recorded.length} blocks, ${keys.toFixed(0)} written keys/block; applyChanges min ${best.toFixed(0)} µs/block, ${(best / keys).toFixed(2)} µs/key`)
await close()
process.exit(0)

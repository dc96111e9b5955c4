// The trie update alone, replayed many times: a dev chain with `subnets` started subnets is built
// once (each block's diff recorded as the block path hands it to the trie: no-op writes
// included), then applyChanges replays the diffs onto a node store in memory, `rounds` times, with
// nothing else running. Prints CPU µs per block and per written key (min over rounds: the machine
// is shared), and checks every replayed state root against the built chain's.
//
//   npx tsx bench/profile-trie-apply.ts [subnets=4] [blocks=600] [--rounds=8]
import '../src/polyfill.js'
import { hexOf, sameBytes } from '../src/codec/bytes.js'
import { keyString } from '../src/storage/kv.js'
import { applyChanges, TrieCache } from '../src/storage/trie/index.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 4)
const blocks = Number(pos[1] ?? 600)
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 8)

const { chain, producer, close } = await openStartedChain(subnets, 'current', 'trie-apply')
const start = { root: chain.header(chain.best.hash)!.state_root, number: chain.best.number }
// Nodes of the start state are read from the chain's store (cached after the first round).
const base = new Map<string, Uint8Array>()
const store = {
  getNode(h: Uint8Array): Uint8Array | undefined {
    const k = keyString(h)
    let v = nodes.get(k) ?? base.get(k)
    if (v === undefined) { v = chain.store.getNode(h); if (v !== undefined) base.set(k, v) }
    return v
  },
}
let nodes = new Map<string, Uint8Array>()
const recorded: { changes: Map<string, Uint8Array | null>; root: Uint8Array }[] = []
const commit = chain.commit.bind(chain)
chain.commit = (b, o) => {
  recorded.push({ changes: b.changes, root: b.header.state_root })
  return commit(b, o)
}
await producer.produceMany(blocks)
const keys = recorded.reduce((a, r) => a + r.changes.size, 0) / recorded.length
let best = Infinity
for (let round = 0; round < rounds; round++) {
  nodes = new Map()
  const cache = new TrieCache(6, 16)
  let root = start.root
  const c0 = process.cpuUsage()
  for (const r of recorded) {
    const out = applyChanges(store, root, r.changes, 1, cache)
    if (!sameBytes(out.root, r.root)) throw new Error(`state root ${hexOf(out.root)}, built ${hexOf(r.root)}`)
    const { hashes, nodes: enc } = out.newNodes
    for (let i = 0; i < hashes.length; i++) nodes.set(keyString(hashes[i]!), enc[i]!)
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

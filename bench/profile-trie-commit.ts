// The state-root/commit path alone, replayed: a dev chain with `subnets` started subnets is built
// once through the BlockProducer (the diffs of its blocks recorded), then the blocks are replayed
// into a fresh LevelDB BlockStore with the runtime out of the way: the trie update of each diff
// (applyChanges, the write-set that applyDiff hands it), commitBlock and the commit queue's
// LevelDB writes. Prints CPU µs per block for the trie update, commitBlock and the whole replay
// (with the writes), and checks every replayed state root against the built chain's.
//
//   npx tsx bench/profile-trie-commit.ts [subnets=4] [blocks=1000] [--prof [--under=fn]] [--rounds=3]
//   COUNT_GETS=1 also counts node-store and LevelDB reads per block.
import '../src/polyfill.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session } from 'node:inspector/promises'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { applyChanges, TrieCache } from '../src/storage/trie/index.js'
import { startCpuProfile, summarizeProfile } from './lib/cpu-profile.js'
import { printSummary, summarizeUnder, type Profile } from './lib/profile-under.js'
import { recordCommits, replayCommits } from './lib/recorded-commits.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 4)
const blocks = Number(pos[1] ?? 1_000)
const prof = process.argv.includes('--prof')
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3)

// Record (the write-set as applyDiff would hand it to the trie, no-op writes dropped).
const recorded = await recordCommits(subnets, blocks, true)
const keys = recorded.blocks.reduce((a, r) => a + r.changes.size, 0) / recorded.blocks.length
console.log(`${subnets} subnets: recorded ${recorded.blocks.length} blocks, ${(recorded.writtenKeys / recorded.blocks.length).toFixed(0)} written keys/block, of which ${keys.toFixed(0)} changed`)

// Replay.
const best = { total: Infinity, trie: Infinity, commit: Infinity, rest: Infinity }
for (let round = 0; round < rounds; round++) {
  const dir = mkdtempSync(join(tmpdir(), 'trie-commit-replay-'))
  const kv = await openLevelKV(dir)
  let syncReads = 0
  const gs = kv.getSync.bind(kv)
  if (process.env.COUNT_GETS) kv.getSync = (k) => { syncReads++; return gs(k) }
  const store = await BlockStore.open(kv)
  try {
    await recorded.initGenesis(store)
    const cache = new TrieCache(Infinity, 1, 50_000)
    let gets = 0
    const g0 = store.getNode.bind(store)
    if (process.env.COUNT_GETS) store.getNode = (h, root) => { gets++; return g0(h, root) }
    const profiler = prof && round === rounds - 1 ? await startCpuProfile(100) : null
    const heap = process.env.PROMOTED && round === rounds - 1 ? new Session() : null
    if (heap) {
      heap.connect()
      await heap.post('HeapProfiler.enable')
      await heap.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.PROMOTED === 'all' } as never)
    }
    const c0 = process.cpuUsage()
    const { trieUs, commitUs, nodes } = await replayCommits(recorded, { applyChanges, cache, store })
    if (heap) {
      type HeapNode = { callFrame: { functionName: string; url: string }; selfSize: number; children: HeapNode[] }
      const { profile } = await heap.post('HeapProfiler.stopSampling') as unknown as { profile: { head: HeapNode } }
      heap.disconnect()
      const self = new Map<string, number>()
      const walk = (n: HeapNode, parent: string): void => {
        const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules|bench)\//, '$1/')}`
        const label = n.callFrame.url === '' ? `${name} <- ${parent}` : name
        self.set(label, (self.get(label) ?? 0) + n.selfSize)
        for (const c of n.children) walk(c, name)
      }
      walk(profile.head, '')
      const total = [...self.values()].reduce((a, b) => a + b, 0)
      console.log(`${process.env.PROMOTED === 'all' ? 'allocated' : 'promoted'} ${(total / recorded.blocks.length / 1024).toFixed(2)} kB/block`)
      for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(v / recorded.blocks.length / 1024).toFixed(2).padStart(8)} kB/block  ${k}`)
    }
    if (process.env.COUNT_GETS) console.log(`getNode calls/block ${(gets / recorded.blocks.length).toFixed(1)}, LevelDB reads/block ${(syncReads / recorded.blocks.length).toFixed(1)}`)
    const c = process.cpuUsage(c0)
    const n = recorded.blocks.length
    const total = (c.user + c.system) / n
    const rest = total - (trieUs + commitUs) / n
    best.total = Math.min(best.total, total); best.trie = Math.min(best.trie, trieUs / n); best.commit = Math.min(best.commit, commitUs / n); best.rest = Math.min(best.rest, rest)
    console.log(`round ${round}: total ${total.toFixed(0)} µs/block; applyChanges ${(trieUs / n).toFixed(0)}, commitBlock ${(commitUs / n).toFixed(0)}, rest (writes, GC) ${rest.toFixed(0)}; ${(nodes / n).toFixed(0)} new nodes/block`)
    if (profiler) {
      const path = join(dir, 'p.cpuprofile')
      const profile = await profiler.stop(path)
      const under = process.argv.find((a) => a.startsWith('--under='))?.slice(8)
      const sum = under ? summarizeUnder(profile as unknown as Profile, under) : summarizeProfile(path)
      const per = (us: number): string => `${(us / n).toFixed(1).padStart(8)} µs/block`
      printSummary(sum, per, `busy ${per(sum.busyUs)}`, { self: 30, inclusive: 40 })
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
console.log(`min over ${rounds} rounds: total ${best.total.toFixed(0)} µs/block; applyChanges ${best.trie.toFixed(0)}, commitBlock ${best.commit.toFixed(0)}, rest (writes, GC) ${best.rest.toFixed(0)}`)
process.exit(0)

// Where the started-subnets dev chain's epoch block (#…0) and the block after it (#…1) spend
// their main-thread time beyond an ordinary block's: one CPU profile of `blocks` blocks after
// block 300, each sample given to the block being made when it was taken (split at each commit),
// and per function the inclusive time per block of residue 0, 1 and the ordinary ones (3–9),
// sorted by the epoch block's excess, then by the next block's.
//
//   npx tsx bench/profile-residues.ts [subnets=32] [blocks=2000] [--top=N]
import '../src/polyfill.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCpuProfile } from './lib/cpu-profile.js'
import type { Profile } from './lib/profile-under.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 32)
const blocks = Number(pos[1] ?? 2_000)
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 30)
const ORDINARY = [3, 4, 5, 6, 7, 8, 9]

const { chain, producer, close } = await openStartedChain(subnets, 'current', 'profile-residues')
let profile: Profile & { startTime: number }
/** [µs of the monotonic clock the profiler stamps samples with, number of the block just committed] */
const commits: Array<[number, number]> = []
try {
  await producer.produceMany(300)
  const commit = chain.commit.bind(chain)
  chain.commit = (b, o) => {
    const r = commit(b, o)
    commits.push([Number(process.hrtime.bigint() / 1000n), chain.best.number])
    return r
  }
  const profiler = await startCpuProfile(50)
  await producer.produceMany(blocks)
  profile = (await profiler.stop(join(tmpdir(), 'profile-residues.cpuprofile'))) as Profile & { startTime: number }
} finally {
  await close()
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const label = (id: number): string => { const f = byId.get(id)!.callFrame; return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}` }
const inclusive = Array.from({ length: 10 }, () => new Map<string, number>())
const count = new Array<number>(10).fill(0)
for (let i = 1; i < commits.length; i++) count[commits[i]![1] % 10]!++
let t = profile.startTime
let next = 0
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0
  while (next < commits.length && commits[next]![0] < t) next++
  // (samples before the first measured commit's block began, or after the last, belong to no whole block)
  if (next === 0 || next >= commits.length) continue
  const byFn = inclusive[commits[next]![1] % 10]!
  const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0
  const seen = new Set<string>()
  for (let id: number | undefined = profile.samples[i]!; id !== undefined; id = parent.get(id)) {
    const k = label(id)
    if (!seen.has(k)) { seen.add(k); byFn.set(k, (byFn.get(k) ?? 0) + dt) }
  }
}
const perBlock = (r: number, k: string): number => (inclusive[r]!.get(k) ?? 0) / count[r]!
const rows = [...new Set(inclusive.flatMap((m) => [...m.keys()]))].map((k) => {
  const ordinary = ORDINARY.reduce((a, r) => a + perBlock(r, k), 0) / ORDINARY.length
  return { k, ordinary, r0: perBlock(0, k), r1: perBlock(1, k) }
})
const us = (x: number): string => x.toFixed(0).padStart(7)
const print = (heading: string, key: (x: (typeof rows)[number]) => number): void => {
  console.log(`${heading}\n ordinary     #…0     #…1  #…0−ord  #…1−ord  (µs/block inclusive, under the profiler)`)
  for (const x of [...rows].sort((a, b) => key(b) - key(a)).slice(0, top)) console.log(`${us(x.ordinary)} ${us(x.r0)} ${us(x.r1)}  ${us(x.r0 - x.ordinary)}  ${us(x.r1 - x.ordinary)}  ${x.k}`)
}
print(`${subnets} subnets, ${blocks} blocks — by the epoch block's excess:`, (x) => x.r0 - x.ordinary)
print('— by the next block\'s excess:', (x) => x.r1 - x.ordinary)
process.exit(0)

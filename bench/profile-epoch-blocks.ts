// Where the epoch blocks of the started-subnets dev chain spend their time, as they really run
// (each block once, state and caches as the chain leaves them, unlike hook-cpu's repeated runs
// of one block): a CPU profile of `blocks` blocks after block 300, restricted to the samples
// under `fn` (drainAndDistribute: drain_pending, the epochs and their payouts), per epoch block.
//
//   npx tsx bench/profile-epoch-blocks.ts [subnets=32] [classic|current] [blocks=1000] [--under=fn]
import '../src/polyfill.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCpuProfile } from './lib/cpu-profile.js'
import { printSummary, summarizeUnder, type Profile } from './lib/profile-under.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 32)
const regime = (pos[1] ?? 'current') as 'classic' | 'current'
const blocks = Number(pos[2] ?? 1_000)
const under = process.argv.find((a) => a.startsWith('--under='))?.slice(8) ?? 'drainAndDistribute'

const { producer, close } = await openStartedChain(subnets, regime, 'profile-epoch-blocks')
try {
  await producer.produceMany(300)
  const profiler = await startCpuProfile(50)
  await producer.produceMany(blocks)
  const profile = (await profiler.stop(join(tmpdir(), 'profile-epoch-blocks.cpuprofile'))) as unknown as Profile
  const sum = summarizeUnder(profile, under)
  // (the dev chain's tempo is 10: one block in ten runs the epochs)
  const epochBlocks = blocks / 10
  const per = (us: number): string => `${(us / epochBlocks).toFixed(1).padStart(8)} µs/epoch block`
  printSummary(sum, per, `${subnets} subnets, ${regime}, ${blocks} blocks: under ${under} ${per(sum.busyUs)} (under the profiler)`, { self: 40, inclusive: 70 })
} finally {
  await close()
}
process.exit(0)

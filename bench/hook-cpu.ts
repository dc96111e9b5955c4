// CPU per block of SubtensorModule's on_initialize alone, on a dev chain with `subnets` started
// subnets (the blocks built as dev_newBlock builds them): process CPU (user + system) measured
// around the hook, so other processes' load does not count, and the whole block's CPU beside it.
// Also the blocks that run epochs (one in `tempo`) apart from the others.
//
// With --repeat=R, each of the first 20 measured blocks first runs the hook R times on the same
// state (each run rolled back) and the fastest run is kept: a load-independent figure for A/B.
//
// --profile=K (with --repeat): the K-th of those blocks also runs the hook 10·R more times under
// the CPU profiler, and prints where one run spends its time.
//
//   npx tsx bench/hook-cpu.ts [subnets=32] [classic|current] [blocks=1500] [--repeat=R] [--profile=K]
import '../src/polyfill.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { subtensorModule } from '../src/pallets/subtensor/pallet.js'
import { startCpuProfile } from './lib/cpu-profile.js'
import { printSummary, summarizeUnder, type Profile } from './lib/profile-under.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const profileAt = Number(process.argv.find((a) => a.startsWith('--profile='))?.slice(10) ?? -1)
const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 0)
const subnets = Number(pos[0] ?? 32)
const regime = (pos[1] ?? 'current') as 'classic' | 'current'
const blocks = Number(pos[2] ?? 1_500)

const { producer, close } = await openStartedChain(subnets, regime, 'hook-cpu')
try {
  await producer.produceMany(300)
  const hook = subtensorModule.hooks.onInitialize!
  const perBlock: number[] = []
  const fastest: number[] = []
  const allocated: number[] = []
  class Rollback extends Error {}
  function profiledRun(ctx: Parameters<typeof hook>[0]): void { hook(ctx) }
  const profiler = profileAt >= 0 ? await startCpuProfile(50) : null
  subtensorModule.hooks.onInitialize = (ctx) => {
    if (repeat > 0 && fastest.length < 20) {
      let best = Infinity
      for (let i = 0; i < repeat; i++) {
        const h0 = process.memoryUsage().heapUsed
        const t0 = performance.now()
        try { ctx.s.transactional(() => { hook(ctx); throw new Rollback() }) } catch (e) { if (!(e instanceof Rollback)) throw e }
        best = Math.min(best, performance.now() - t0)
        // heap growth of a run without a collection in it: what the run allocated
        const grew = process.memoryUsage().heapUsed - h0
        if (grew > 0) allocated.push(grew)
      }
      if (fastest.length === profileAt) {
        for (let i = 0; i < 10 * repeat; i++) {
          try { ctx.s.transactional(() => { profiledRun(ctx); throw new Rollback() }) } catch (e) { if (!(e instanceof Rollback)) throw e }
        }
      }
      fastest.push(best * 1000)
    }
    const c0 = process.cpuUsage()
    try { return hook(ctx) } finally {
      const c = process.cpuUsage(c0)
      perBlock.push(c.user + c.system)
    }
  }
  const c0 = process.cpuUsage()
  await producer.produceMany(blocks)
  const c = process.cpuUsage(c0)
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  const median = (xs: number[]): number => { const a = [...xs].sort((x, y) => x - y); return a[a.length >> 1] ?? 0 }
  // Epoch blocks are the expensive tail: the top tenth by cost.
  const sorted = [...perBlock].sort((a, b) => b - a)
  const top = sorted.slice(0, Math.ceil(perBlock.length / 10))
  console.log(`${subnets} subnets, ${regime}, ${blocks} blocks: block CPU ${((c.user + c.system) / blocks).toFixed(0)} µs; SubtensorModule on_initialize CPU mean ${mean(perBlock).toFixed(0)} µs, median ${median(perBlock).toFixed(0)} µs, top tenth mean ${mean(top).toFixed(0)} µs`)
  if (profiler) {
    const profile = await profiler.stop(join(tmpdir(), 'hook-cpu.cpuprofile'))
    // (the bundler may rename the function: profiledRun2)
    const p = profile as unknown as Profile
    const name = p.nodes.map((n) => n.callFrame.functionName).find((f) => f.startsWith('profiledRun')) ?? 'profiledRun'
    const sum = summarizeUnder(p, name)
    const runs = 10 * repeat
    const per = (us: number): string => `${(us / runs).toFixed(1).padStart(8)} µs/run`
    printSummary(sum, per, `block ${profileAt}: ${per(sum.busyUs)} under the profiler`, { self: 45, inclusive: 110 })
  }
  if (fastest.length > 0) {
    const sortedAlloc = [...allocated].sort((a, b) => a - b)
    console.log(`fastest of ${repeat} per block (µs): ${fastest.map((x) => x.toFixed(0)).join(' ')}; sum of 20 ${fastest.reduce((a, b) => a + b, 0).toFixed(0)} µs; ` +
      `heap allocated per run: median ${((sortedAlloc[sortedAlloc.length >> 1] ?? 0) / 1024).toFixed(0)} KB over the ${fastest.length} blocks`)
  }
} finally {
  await close()
}
process.exit(0)

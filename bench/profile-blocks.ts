// Where empty blocks spend their CPU, in process: a dev chain (classic or current regime) with
// `subnets` started subnets builds blocks through the BlockProducer as dev_newBlock does; prints
// CPU µs per block (process.cpuUsage, steadier than wall time on a loaded machine) and, with
// --prof, the top functions by self and inclusive time from the inspector's CPU profile.
//
//   npx tsx bench/profile-blocks.ts [subnets=4] [classic|current] [blocks=2000] [--prof] [--uids=N]
import '../src/polyfill.js'
import { join } from 'node:path'
import { subtensorModule } from '../src/pallets/subtensor/pallet.js'
import { startCpuProfile, summarizeProfile } from './lib/cpu-profile.js'
import { printSummary, summarizeUnder, type Profile } from './lib/profile-under.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 4)
const regime = (pos[1] ?? 'classic') as 'classic' | 'current'
const blocks = Number(pos[2] ?? 2_000)
const prof = process.argv.includes('--prof')

const { runtime, chain, producer, dir, close } = await openStartedChain(subnets, regime, 'profile-blocks')
try {
  await producer.produceMany(300)
  // SubtensorModule's on_initialize timed on its own (wall, but on the main thread only).
  const hook = subtensorModule.hooks.onInitialize!
  let hookUs = 0
  subtensorModule.hooks.onInitialize = (ctx) => {
    const h0 = performance.now()
    try { return hook(ctx) } finally { hookUs += (performance.now() - h0) * 1000 }
  }
  // Time inside every pallet hook (wall: a syscall for the CPU clock around each of ~20 calls a
  // block would itself cost more than the small hooks), so the node's own pipeline is the rest.
  const hookCpu = new Map<string, number>()
  // Wall time per block, by stage, for medians (a block the scheduler or a GC pause hit is an
  // outlier; the median is what a block costs on a quiet core): the whole block (commit to
  // commit), pallet hooks, the executive around them, and the chain's build and commit.
  const stage = { block: [] as number[], hooks: [] as number[], runtime: [] as number[], build: [] as number[], commit: [] as number[] }
  let cur = { hooks: 0, runtime: 0 }
  let lastCommit = 0
  const timed = <A extends unknown[], R>(fn: (...a: A) => R, add: (ms: number) => void) => (...a: A): R => {
    const t = performance.now()
    try { return fn(...a) } finally { add(performance.now() - t) }
  }
  const ex = runtime.executive
  ex.initializeBlock = timed(ex.initializeBlock.bind(ex), (ms) => { cur.runtime += ms })
  ex.applyExtrinsic = timed(ex.applyExtrinsic.bind(ex), (ms) => { cur.runtime += ms })
  ex.finalizeBlock = timed(ex.finalizeBlock.bind(ex), (ms) => { cur.runtime += ms })
  chain.build = timed(chain.build.bind(chain), (ms) => stage.build.push(ms))
  const commit = chain.commit.bind(chain)
  chain.commit = (b, o) => {
    const t = performance.now()
    try { return commit(b, o) } finally {
      const now = performance.now()
      stage.commit.push(now - t)
      if (lastCommit > 0) { stage.block.push(now - lastCommit); stage.hooks.push(cur.hooks); stage.runtime.push(cur.runtime) }
      lastCommit = now
      cur = { hooks: 0, runtime: 0 }
    }
  }
  for (const p of runtime.pallets) {
    const h = p.hooks as Record<string, unknown>
    for (const [name, fn] of Object.entries(h)) {
      if (typeof fn !== 'function') continue
      const label = `${p.name}.${name}`
      h[name] = (...args: unknown[]) => {
        const t = performance.now()
        try { return (fn as (...a: unknown[]) => unknown)(...args) } finally {
          const ms = performance.now() - t
          cur.hooks += ms
          hookCpu.set(label, (hookCpu.get(label) ?? 0) + ms * 1000)
        }
      }
    }
  }
  const profiler = prof ? await startCpuProfile(200) : null
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  await producer.produceMany(blocks)
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  const cpuUs = (c.user + c.system) / blocks
  console.log(`${subnets} subnets, ${regime}: ${blocks} blocks, CPU ${cpuUs.toFixed(0)} µs/block (${(1e6 / cpuUs).toFixed(0)} blocks/s of CPU), wall ${(wall * 1000 / blocks).toFixed(0)} µs/block, of which SubtensorModule on_initialize ${(hookUs / blocks).toFixed(0)} µs/block`)
  const hooksUs = [...hookCpu.values()].reduce((a, b) => a + b, 0) / blocks
  console.log(`in pallet hooks (wall) ${hooksUs.toFixed(0)} µs/block (${[...hookCpu].filter(([, us]) => us / blocks >= 1).map(([k, us]) => `${k} ${(us / blocks).toFixed(0)}`).join(', ')}); the rest (node pipeline, executive, storage) ${(cpuUs - hooksUs).toFixed(0)} µs/block`)
  const median = (xs: number[]): number => { const a = [...xs].sort((x, y) => x - y); return a[a.length >> 1] ?? 0 }
  const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`
  const outside = stage.block.map((b, i) => b - stage.hooks[i]!)
  const node = stage.block.map((b, i) => b - stage.runtime[i]!)
  console.log(`median wall per block: block ${us(median(stage.block))}, pallet hooks ${us(median(stage.hooks))}, executive outside hooks ${us(median(stage.runtime.map((r, i) => r - stage.hooks[i]!)))}, ` +
    `chain.build ${us(median(stage.build))}, chain.commit ${us(median(stage.commit))}; outside hooks ${us(median(outside))} (mean ${us(outside.reduce((a, b) => a + b, 0) / outside.length)}), node outside the executive ${us(median(node))}`)
  if (profiler) {
    const path = join(dir, 'p.cpuprofile')
    const profile = await profiler.stop(path)
    const per = (us: number): string => `${(us / blocks).toFixed(1).padStart(8)} µs/block`
    const under = process.argv.find((a) => a.startsWith('--under='))?.slice(8)
    const sum = under ? summarizeUnder(profile as unknown as Profile, under) : summarizeProfile(path)
    printSummary(sum, per, `busy ${per(sum.busyUs)}${under ? ` under ${under}` : ''}`, { self: 40, inclusive: 80 })
  }
} finally {
  await close()
}
process.exit(0)

// SubtensorModule on_initialize CPU (process CPU, so other processes' load counts little) of the
// started-subnets dev chain's epoch blocks as the chain runs them, each block once (p25, median,
// mean), beside the ordinary blocks'. With --twice each epoch block's hook first runs once on the
// same state and is rolled back: the figure of that cold run beside the real one after it shows
// what a first run after nine blocks of other work costs more than a second one (hook-cpu's
// --repeat keeps the fastest of many runs instead).
//
//   npx tsx bench/epoch-block-cpu.ts [subnets=32] [blocks=3000] [--twice]
import '../src/polyfill.js'
import { subtensorModule } from '../src/pallets/subtensor/pallet.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 32)
const blocks = Number(pos[1] ?? 3_000)
const twice = process.argv.includes('--twice')

const { chain, producer, close } = await openStartedChain(subnets, 'current', 'epoch-block-cpu')
try {
  await producer.produceMany(300)
  const hook = subtensorModule.hooks.onInitialize!
  const epoch: number[] = []
  const cold: number[] = []
  const ordinary: number[] = []
  class Rollback extends Error {}
  const cpu = (c: NodeJS.CpuUsage): number => c.user + c.system
  subtensorModule.hooks.onInitialize = (ctx) => {
    const isEpoch = (chain.best.number + 1) % 10 === 0
    if (twice && isEpoch) {
      const c0 = process.cpuUsage()
      try { ctx.s.transactional(() => { hook(ctx); throw new Rollback() }) } catch (e) { if (!(e instanceof Rollback)) throw e }
      cold.push(cpu(process.cpuUsage(c0)))
    }
    const c0 = process.cpuUsage()
    try { return hook(ctx) } finally { (isEpoch ? epoch : ordinary).push(cpu(process.cpuUsage(c0))) }
  }
  await producer.produceMany(blocks)
  const at = (xs: number[], f: number): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * f)] ?? 0
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  const figures = (xs: number[]): string => `p25 ${at(xs, 0.25).toFixed(0)}, median ${at(xs, 0.5).toFixed(0)}, mean ${mean(xs).toFixed(0)} µs`
  console.log(`${subnets} subnets, ${blocks} blocks, on_initialize CPU: epoch blocks ${figures(epoch)}; ${twice ? `their cold first runs ${figures(cold)}; ` : ''}ordinary blocks ${figures(ordinary)}`)
} finally {
  await close()
}
process.exit(0)

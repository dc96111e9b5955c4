// An in-process A/B of SubtensorModule's on_initialize CPU between two source trees (e.g. a copy of
// main and a branch's worktree): each tree's modules are imported on their own and open their own
// started-subnets dev chain, and the two chains make their blocks in turn in ONE process, so load
// and host speed swings hit both alike (whole-process runs of one tree after the other moved the
// ordinary blocks' median 317–592 µs between runs under load). The turn order swaps every ten blocks,
// so each tree's epoch block (one in ten) runs first in half the pairs; the order effect is printed
// apart. Figures: per block number, process CPU (user + system) around each hook; the median over
// the epoch blocks of tree B's CPU ÷ tree A's for the same block. The slots are not quite alike:
// run A/A (two copies of one tree) and the trees swapped as well.
//
//   npx tsx bench/tree-ab.ts <treeA> <treeB> [blocks=3000] [subnets=32]
import '../src/polyfill.js'
import { resolve } from 'node:path'

const [treeA, treeB] = process.argv.slice(2, 4)
if (treeA === undefined || treeB === undefined) throw new Error('usage: tree-ab.ts <treeA> <treeB> [blocks] [subnets]')
const blocks = Number(process.argv[4] ?? 3_000)
const subnets = Number(process.argv[5] ?? 32)
const WARM = 300

interface HookCtx { s: unknown }
interface Side { tree: string; produce(): Promise<void>; close(): Promise<void>; epoch: number[]; ordinary: number[] }

async function open(tree: string, name: string): Promise<Side> {
  const dir = resolve(tree)
  await import(`${dir}/src/pallets/subtensor/index.js`)
  const { subtensorModule } = await import(`${dir}/src/pallets/subtensor/pallet.js`) as { subtensorModule: { hooks: { onInitialize?: (ctx: HookCtx) => unknown } } }
  const { openStartedChain } = await import(`${dir}/bench/lib/started-chain.js`) as typeof import('./lib/started-chain.js')
  const { chain, producer, close } = await openStartedChain(subnets, 'current', `tree-ab-${name}`)
  const side: Side = { tree, produce: () => producer.produceMany(1).then(() => undefined), close, epoch: [], ordinary: [] }
  const hook = subtensorModule.hooks.onInitialize!
  subtensorModule.hooks.onInitialize = (ctx) => {
    const n = chain.best.number + 1
    const c0 = process.cpuUsage()
    try { return hook(ctx) } finally {
      const c = process.cpuUsage(c0)
      if (n > WARM) (n % 10 === 0 ? side.epoch : side.ordinary).push(c.user + c.system)
    }
  }
  return side
}

const a = await open(treeA, 'a')
const b = await open(treeB, 'b')
try {
  for (let k = 0; k < WARM + blocks; k++) {
    const [first, second] = Math.floor(k / 10) % 2 === 0 ? [a, b] : [b, a]
    await first.produce()
    await second.produce()
  }
  const at = (xs: number[], f: number): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * f)] ?? 0
  const mean = (xs: number[]): number => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length)
  for (const s of [a, b]) console.log(`${s.tree}: epoch blocks p25 ${at(s.epoch, 0.25)}, median ${at(s.epoch, 0.5)}, mean ${mean(s.epoch).toFixed(0)} µs (${s.epoch.length}); ordinary median ${at(s.ordinary, 0.5)}, mean ${mean(s.ordinary).toFixed(0)} µs`)
  const ratios = a.epoch.map((x, i) => (b.epoch[i] ?? 0) / x)
  // (epoch block i is the ((i + 1)·10 − 1)-th pair's: A went first in even i)
  const aFirst = ratios.filter((_, i) => i % 2 === 0)
  const bFirst = ratios.filter((_, i) => i % 2 === 1)
  console.log(`B/A per epoch block: median ${at(ratios, 0.5).toFixed(3)} (A first ${at(aFirst, 0.5).toFixed(3)}, B first ${at(bFirst, 0.5).toFixed(3)}); medians ${(at(b.epoch, 0.5) / at(a.epoch, 0.5)).toFixed(3)}, means ${(mean(b.epoch) / mean(a.epoch)).toFixed(3)}; ordinary medians ${(at(b.ordinary, 0.5) / at(a.ordinary, 0.5)).toFixed(3)}`)
} finally {
  await a.close()
  await b.close()
}
process.exit(0)

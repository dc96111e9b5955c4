// In-process A/B of the ordinary blocks' SubtensorModule on_initialize between two source trees
// (e.g. this worktree and an export of its base): both are imported into one process, each with
// its own started-subnets chain, and measured block by block in alternation, so the machine's load
// (other processes) weighs on both alike. Per ordinary block, each tree's hook runs on fresh
// overlays over its best state, 5 batches of 4 runs; the fastest batch mean (process CPU) is kept.
// Prints each tree's median and the median of the per-block ratio B/A. (Run it both ways round:
// the tree imported first runs a little slower. A run's reads of the values the run before it wrote
// decode again, which a real block's do not: the same extra in both trees.)
//
//   npx tsx bench/hook-ab.ts <treeA> <treeB> [blocks=80] [subnets=32]
import type { Overlay } from '../src/storage/overlay.js'

const [treeA, treeB] = [process.argv[2], process.argv[3]]
if (!treeA || !treeB) throw new Error('usage: hook-ab.ts <treeA> <treeB> [blocks] [subnets]')
const blocks = Number(process.argv[4] ?? 80)
const subnets = Number(process.argv[5] ?? 32)

/** One tree's chain and a timed run of its hook on the next block. */
async function openTree(tree: string): Promise<{ produce(): Promise<number>; run(): number; close(): Promise<void> }> {
  await import(`${tree}/src/polyfill.js`)
  const { subtensorModule } = await import(`${tree}/src/pallets/subtensor/pallet.js`)
  const { System } = await import(`${tree}/src/pallets/system/index.js`)
  const { Overlay: OverlayOf } = await import(`${tree}/src/storage/overlay.js`)
  const { openStartedChain } = await import(`${tree}/bench/lib/started-chain.js`)
  const { chain, producer, runtime, close } = await openStartedChain(subnets, 'current', 'hook-ab')
  await producer.produceMany(303)
  const hook = subtensorModule.hooks.onInitialize!
  return {
    async produce() { await producer.produceMany(1); return chain.best.number + 1 },
    run() {
      const n = chain.best.number + 1
      const stores: Overlay[] = Array.from({ length: 4 }, () => {
        const s = new OverlayOf(chain.reader(chain.best.hash)) as Overlay
        System.Number.set(s, n)
        return s
      })
      const c0 = process.cpuUsage()
      for (const s of stores) hook({ s, env: runtime.executive.env(s, n), blockNumber: n })
      const c = process.cpuUsage(c0)
      return (c.user + c.system) / stores.length
    },
    close,
  }
}

const a = await openTree(treeA)
const b = await openTree(treeB)
const timesA: number[] = []
const timesB: number[] = []
const ratios: number[] = []
for (let i = 0; i < blocks; i++) {
  const next = await a.produce()
  await b.produce()
  if (next % 10 === 0) continue
  let fastestA = Infinity
  let fastestB = Infinity
  for (let k = 0; k < 5; k++) {
    fastestA = Math.min(fastestA, a.run())
    fastestB = Math.min(fastestB, b.run())
  }
  timesA.push(fastestA)
  timesB.push(fastestB)
  ratios.push(fastestB / fastestA)
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? 0
const name = (tree: string): string => tree.replace(/\/+$/, '').split('/').pop()!
console.log(`${subnets} subnets, ${timesA.length} ordinary blocks: A ${name(treeA)} median ${median(timesA).toFixed(0)} µs, ` +
  `B ${name(treeB)} median ${median(timesB).toFixed(0)} µs, B/A per block median ${median(ratios).toFixed(3)}`)
await a.close()
await b.close()
process.exit(0)

// What the advance path's blocks promote: V8's sampling heap profiler keeps, of the allocations it
// samples, those that survived the young generation's scavenges (objects a minor GC collects are
// dropped; those an old-generation GC collects later are kept). Summed by allocating function and
// by call path, per block, so one-block data that lives long enough to be promoted shows up
// where it is made. The node is the advance bench's (mainnet-like chain, manual seal, the 256-uid
// scenario), run in process; one warm-up epoch, then `epochs` epochs of subtensor_advanceEpochs.
//
//   npx tsx bench/promotion-advance.ts [epochs=3] [--depth=6] [--all] [--epoch-block=N]
// (--all: every sampled allocation, those a scavenge collects too: what the blocks allocate;
// --epoch-block=N: instead of advancing, builds the next epoch block N times without committing it)
import '../src/polyfill.js'
import { Session } from 'node:inspector/promises'
import v8 from 'node:v8'
import { epochBlockBuild, startAdvanceNode } from './lib/advance-node.js'
import { printTop } from './lib/tally.js'

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  id: number
  children: SamplingNode[]
}

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const epochs = Number(pos[0] ?? 3)
const depth = Number(process.argv.find((a) => a.startsWith('--depth='))?.slice(8) ?? 6)

const an = await startAdvanceNode('promotion')
const { node, call, netuid } = an
const session = new Session()
session.connect()
try {
  await call('subtensor_advanceEpochs', [netuid, 1])
  const repeat = Number(process.argv.find((a) => a.startsWith('--epoch-block='))?.slice(14) ?? 0)
  const { chain } = node.ctx
  let once = async (): Promise<number> => {
    const b0 = chain.best.number
    await call('subtensor_advanceEpochs', [netuid, epochs])
    return chain.best.number - b0
  }
  if (repeat > 0) {
    const { build } = await epochBlockBuild(an)
    build()
    once = async () => { for (let i = 0; i < repeat; i++) build(); return repeat }
  }
  const h0 = v8.getHeapStatistics()
  const all = process.argv.includes('--all')
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: all,
  })
  const blocks = await once()
  const { profile } = await session.post('HeapProfiler.stopSampling') as unknown as { profile: { head: SamplingNode } }
  const h1 = v8.getHeapStatistics()
  const name = (n: SamplingNode): string => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
  const self = new Map<string, number>()
  const paths = new Map<string, number>()
  let total = 0
  const walk = (n: SamplingNode, stack: string[]): void => {
    const s = [...stack, name(n)]
    if (n.selfSize > 0) {
      total += n.selfSize
      self.set(name(n), (self.get(name(n)) ?? 0) + n.selfSize)
      const p = s.slice(-depth).join(' < ')
      paths.set(p, (paths.get(p) ?? 0) + n.selfSize)
    }
    for (const c of n.children) walk(c, s)
  }
  walk(profile.head, [])
  const kb = (b: number): string => `${(b / blocks / 1024).toFixed(2).padStart(7)} KB/block`
  console.log(`${blocks} blocks; ${all ? 'allocated' : 'surviving the young generation'} (sampled): ${kb(total)}; heap used ${((h1.used_heap_size - h0.used_heap_size) / 1048576).toFixed(1)} MB more at the end`)
  console.log('-- by allocating function --')
  printTop(self, 30, kb)
  console.log(`-- by call path (innermost first, ${depth} frames) --`)
  printTop(paths, 40, kb, (p) => p.split(' < ').reverse().join(' < '))
} finally {
  session.disconnect()
  await node.stop()
}
process.exit(0)

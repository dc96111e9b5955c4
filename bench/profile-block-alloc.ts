// Where empty blocks allocate, in process: a dev chain with `subnets` started subnets builds
// blocks as dev_newBlock does, under V8's sampling heap profiler (objects that died young
// included), and prints the bytes allocated per block, by function (self) and with the function
// on the stack (inclusive). Bytes are sampled, so the figures do not depend on the machine's load.
//
//   npx tsx bench/profile-block-alloc.ts [subnets=4] [classic|current] [blocks=500] [--under=fn] [--promoted] [--callers=fn]
import '../src/polyfill.js'
import { Session } from 'node:inspector/promises'
import { openStartedChain } from './lib/started-chain.js'
import { printTop } from './lib/tally.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 4)
const regime = (pos[1] ?? 'current') as 'classic' | 'current'
const blocks = Number(pos[2] ?? 500)
const under = process.argv.find((a) => a.startsWith('--under='))?.slice(8)
// Only what young-generation GCs did not collect: what V8 promoted (or still held at the end).
const promoted = process.argv.includes('--promoted')
// Who calls a function (by name), with the bytes allocated under each call site.
const callersOf = process.argv.find((a) => a.startsWith('--callers='))?.slice(10)

const { producer, close } = await openStartedChain(subnets, regime, 'profile-alloc')
try {
  await producer.produceMany(300)
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !promoted } as never)
  await producer.produceMany(blocks)
  type HeapNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] }
  const { profile } = await session.post('HeapProfiler.stopSampling') as unknown as { profile: { head: HeapNode } }
  session.disconnect()
  const self = new Map<string, number>()
  const incl = new Map<string, number>()
  const callers = new Map<string, number>()
  const label = (n: HeapNode): string => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
  const walk = (n: HeapNode, stack: string[], inside: boolean): number => {
    // A builtin (subarray, Map#set…) is named with its caller: who allocates is what to fix.
    const name = n.callFrame.url === '' && stack.length > 0 ? `${label(n)} <- ${stack[stack.length - 1]!}` : label(n)
    const now = inside || under === undefined || n.callFrame.functionName.endsWith(under)
    if (now) self.set(name, (self.get(name) ?? 0) + n.selfSize)
    let total = now ? n.selfSize : 0
    stack.push(name)
    for (const c of n.children) total += walk(c, stack, now)
    stack.pop()
    if (now && !stack.includes(name)) incl.set(name, (incl.get(name) ?? 0) + total)
    if (callersOf !== undefined && n.callFrame.functionName === callersOf && stack.length > 0) {
      const at = `${stack[stack.length - 1]!} -> ${callersOf}`
      callers.set(at, (callers.get(at) ?? 0) + total)
    }
    return total
  }
  const total = walk(profile.head, [], false)
  const kb = (b: number): string => `${(b / 1024 / blocks).toFixed(2).padStart(8)} kB/block`
  console.log(`${subnets} subnets, ${regime}: ${promoted ? 'promoted' : 'allocated'} ${kb(total)}${under ? ` under ${under}` : ''}\n-- self --`)
  printTop(self, 40, kb)
  if (callersOf !== undefined) {
    console.log(`-- callers of ${callersOf} --`)
    printTop(callers, 20, kb)
  }
  console.log('-- inclusive --')
  printTop(incl, 70, kb)
} finally {
  await close()
}
process.exit(0)

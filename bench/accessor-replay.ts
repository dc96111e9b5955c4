// The storage accessors' public calls of one ordinary block (32 started subnets: ~1,740, ~1,100
// of them writing nothing), recorded and replayed against a fresh overlay at the chain's head:
// right after a block was built (the CPU caches as a real block leaves them) and then again at
// once (warm). Shows how much of the accessors' cost in a block is cache misses, not instructions.
// Wall time: on a loaded machine compare medians of interleaved runs only. (A replayed write
// leaves its bytes as what the key's ref keeps, so the next real block decodes those keys again:
// the replays disturb the chain's caches, never its state.)
//
//   npx tsx bench/accessor-replay.ts [subnets=32] [blocks=40] [--reads]
import '../src/polyfill.js'
import { StorageDoubleMap, StorageMap, StorageValue } from '../src/frame/declare/storage.js'
import { Overlay } from '../src/storage/overlay.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 32)
const blocks = Number(pos[1] ?? 40)

type Call = { target: object; method: (...a: unknown[]) => unknown; args: unknown[]; writes: boolean }
const WRITES = new Set(['set', 'setIfChanged', 'mutate'])
const calls: Call[] = []
let recording = false
// (the public accessors: a call's inner ones are not recorded again)
let depth = 0
for (const C of [StorageValue, StorageMap, StorageDoubleMap]) {
  const proto = C.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
  for (const m of ['get', 'set', 'getPart', 'getLent', 'setIfChanged', 'mutate', 'contains', 'exists', 'raw']) {
    const orig = proto[m]
    if (orig === undefined) continue
    proto[m] = function (this: object, ...a: unknown[]) {
      if (recording && depth === 0) calls.push({ target: this, method: orig, args: a.slice(1), writes: WRITES.has(m) })
      depth++
      try { return orig.apply(this, a) } finally { depth-- }
    }
  }
}

const { chain, producer, close } = await openStartedChain(subnets, 'current', 'accessor-replay')
try {
  await producer.produceMany(301)
  recording = true
  await producer.produceMany(1)
  recording = false
  const reads = calls.length
  // --reads: only the calls that write nothing (a replayed write would also change what the
  // accessors keep for the next real block)
  const onlyReads = process.argv.includes('--reads')
  const replayed = onlyReads ? calls.filter((c) => !c.writes) : calls
  const replay = (): number => {
    const s = new Overlay(chain.reader(chain.best.hash))
    const t = process.hrtime.bigint()
    for (const c of replayed) c.method.call(c.target, s, ...c.args)
    return Number(process.hrtime.bigint() - t) / 1000
  }
  const cold: number[] = []
  const warm: number[] = []
  for (let b = 0; b < blocks; b++) {
    // (an epoch block's state differs: replay after the ordinary ones only)
    await producer.produceMany(1)
    if (chain.best.number % 10 === 0) continue
    cold.push(replay())
    let best = Infinity
    for (let i = 0; i < 5; i++) best = Math.min(best, replay())
    warm.push(best)
  }
  const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!
  console.log(`${subnets} subnets: ${replayed.length} accessor calls replayed of ${reads} a block; after a block ${median(cold).toFixed(0)} µs (median of ${cold.length}), warm ${median(warm).toFixed(0)} µs`)
} finally {
  await close()
}
process.exit(0)

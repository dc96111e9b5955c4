// Wall time per block of the started-subnets dev chain, in process, grouped by block number
// modulo 10 (the dev chain's tempo: subnets started together run their epochs in one block of ten,
// and MaxEpochsPerBlock defers the rest to the next), so the epoch blocks' share of the mean shows
// beside the ordinary blocks' mean and median.
//
//   npx tsx bench/block-times.ts [subnets=32] [classic|current] [blocks=2000]
import '../src/polyfill.js'
import { openStartedChain } from './lib/started-chain.js'

const subnets = Number(process.argv[2] ?? 32)
const regime = (process.argv[3] ?? 'current') as 'classic' | 'current'
const blocks = Number(process.argv[4] ?? 2_000)

const { chain, producer, close } = await openStartedChain(subnets, regime, 'block-times')
try {
  await producer.produceMany(300)
  // Commit to commit: everything a block costs the main thread, its share of deferred work included.
  const times: number[] = []
  let last = 0
  const commit = chain.commit.bind(chain)
  chain.commit = (b, o) => {
    const r = commit(b, o)
    const now = performance.now()
    if (last > 0) times.push(now - last)
    last = now
    return r
  }
  const t0 = performance.now()
  await producer.produceMany(blocks)
  const wall = performance.now() - t0
  const first = chain.best.number - blocks + 2
  const us = (ms: number): string => `${(ms * 1000).toFixed(0).padStart(6)} µs`
  console.log(`${subnets} subnets, ${regime}: ${blocks} blocks, wall ${us(wall / blocks)}/block (${(blocks / (wall / 1000)).toFixed(0)} blocks/s)`)
  for (let r = 0; r < 10; r++) {
    const group = times.filter((_, i) => (first + i) % 10 === r).sort((a, b) => a - b)
    const mean = group.reduce((s, t) => s + t, 0) / group.length
    console.log(`  #…${r}: mean ${us(mean)}, median ${us(group[group.length >> 1]!)}, p90 ${us(group[Math.floor(group.length * 0.9)]!)}`)
  }
} finally {
  await close()
}

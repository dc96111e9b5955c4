// Linux `perf` samples of a node process (every thread, native frames included: LevelDB's
// compaction, V8's GC helpers and compiler, libuv's pool) while dev_newBlock makes empty blocks
// on the started-subnets dev chain. JIT frames are named through --perf-basic-prof.
//
//   npx tsx bench/perf-node.ts [subnets=32] [classic|current] [seconds=4] [out=/tmp/perf.data]
//   perf report -i /tmp/perf.data --sort pid --stdio -g none          # CPU by thread
//   perf report -i /tmp/perf.data --tid <tid> --sort sym --stdio -g none
import '../src/polyfill.js'
import { execFileSync } from 'node:child_process'
import { startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'

const subnets = Number(process.argv[2] ?? 32)
const regime = (process.argv[3] ?? 'current') as 'classic' | 'current'
const seconds = Number(process.argv[4] ?? 4)
const out = process.argv[5] ?? '/tmp/perf.data'

const node = await startNodeProcess(['--chain', startedSubnetsSpec(subnets, regime), '--alice', '--tmp', '--sealing', 'manual', '--no-prometheus'], 60_000, ['--perf-basic-prof'])
try {
  const c = await Client.open(node.url)
  await c.call('dev_newBlock', [{ count: 1_000 }])
  // Enough blocks to outlast the recording at 2,000 blocks/s.
  const making = c.call('dev_newBlock', [{ count: Math.ceil(seconds * 2_000) }])
  execFileSync('perf', ['record', '-F', '2000', '-g', '-p', String(node.proc.pid), '-o', out, '--', 'sleep', String(seconds)], { stdio: 'ignore' })
  await making
  c.close()
  console.log(`recorded ${seconds} s of ${subnets} subnets (${regime}) into ${out}`)
} finally {
  await node.kill('SIGTERM')
}
process.exit(0)

// Issue 17 (1): dev_snapshot + dev_revert round trip against a real node process (--dev, manual
// seal) on a chain of 10,000 blocks holding 4 × 256-uid subnets (examples/4x256.yaml, applied in
// block 1), reverting 10 and 10,000 blocks: a snapshot is two pointers and the pool, so both should
// cost the same.
import '../src/polyfill.js'
import { pathToFileURL } from 'node:url'
import { startNodeProcess } from '../test/e2e/node-process.js'
import { readScenarioDocument } from '../src/scenario/load.js'
import { Client } from './lib/client.js'

interface Row { name: string; value: number; unit: string }

const CHAIN = 10_000
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Median ms of dev_snapshot + dev_revert with `span` blocks built in between (not timed). */
async function roundTrip(c: Client, span: number, runs: number): Promise<{ snapshot: number; revert: number; total: number }> {
  const snap: number[] = []
  const rev: number[] = []
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now()
    const id = await c.call<number>('dev_snapshot')
    snap.push(performance.now() - t0)
    await c.call('dev_newBlock', [{ count: span }])
    t0 = performance.now()
    await c.call('dev_revert', [id])
    rev.push(performance.now() - t0)
  }
  const total = snap.map((s, i) => s + rev[i]!)
  return { snapshot: median(snap), revert: median(rev), total: median(total) }
}

export async function run(): Promise<Row[]> {
  const node = await startNodeProcess(['--dev', '--sealing', 'manual'], 60_000)
  const c = await Client.open(node.url)
  try {
    let t0 = performance.now()
    await c.call('dev_applyScenario', [readScenarioDocument('examples/4x256.yaml')])
    const applyMs = performance.now() - t0
    t0 = performance.now()
    await c.call('dev_newBlock', [{ count: CHAIN - 1 }])
    const buildMs = performance.now() - t0
    const rows: Row[] = [
      { name: 'dev_applyScenario examples/4x256.yaml (1,024 neurons)', value: applyMs, unit: 'ms' },
      { name: `${CHAIN - 1} blocks on 4 × 256-uid subnets`, value: (CHAIN - 1) / (buildMs / 1000), unit: 'blocks/s' },
    ]
    // SNAPSHOT_BENCH_LONG_RUNS: fewer 10,000-block round trips (each builds 10,000 blocks) on a busy machine.
    for (const [span, runs] of [[10, 21], [CHAIN, Number(process.env.SNAPSHOT_BENCH_LONG_RUNS ?? 5)]] as const) {
      const r = await roundTrip(c, span, runs)
      rows.push(
        { name: `dev_snapshot (chain of ${CHAIN})`, value: r.snapshot, unit: 'ms (median)' },
        { name: `dev_revert over ${span} blocks`, value: r.revert, unit: 'ms (median)' },
        { name: `snapshot + revert round trip, ${span} blocks`, value: r.total, unit: 'ms (median)' },
      )
    }
    return rows
  } finally {
    c.close()
    await node.kill()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`)
  process.exit(0)
}

// Issue 17 (2): subtensor_advanceEpochs(netuid, 10) at tempo 360 on a 256-uid subnet (target ≤ 2 s),
// against a real node process (the mainnet-like chain, whose blocks run spec 425's epochs, manual
// seal). The subnet comes from a scenario: an owner and 255 generated neurons, tempo 360.
import '../src/polyfill.js'
import { pathToFileURL } from 'node:url'
import { startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { processCpuMs, threadCpuMs } from './lib/proc-cpu.js'

interface Row { name: string; value: number; unit: string }

export const ADVANCE_SCENARIO = {
  accounts: { owner: { coldkey: '//BenchOwner', balance: 100_000 } },
  subnets: [{
    owner: 'owner',
    hyperparameters: { Tempo: 360, MaxAllowedUids: 256, WeightsSetRateLimit: 0, CommitRevealWeightsEnabled: false, SubnetEmissionEnabled: true },
    generatedNeurons: { count: 255, uri: '//BenchNeuron_{i}' },
  }],
  stakes: [{ coldkey: 'owner', hotkey: 'owner', netuid: 2, alpha: 1000 }],
}

/** `nodeFlags`: flags for Node itself in the node process (an A/B of V8 heap flags). */
export async function run(nodeFlags: string[] = []): Promise<Row[]> {
  const node = await startNodeProcess(['--chain', 'mainnet-like', '--alice', '--tmp', '--sealing', 'manual'], 60_000, nodeFlags)
  // The main thread's share: the wall time's floor; the rest (V8's GC helpers, LevelDB's threads)
  // competes with it for the two cores.
  const mainMs = (): number => threadCpuMs(node.proc.pid!).get('main') ?? 0
  const c = await Client.open(node.url)
  try {
    const applied = await c.call<{ netuids: number[] }>('dev_applyScenario', [ADVANCE_SCENARIO])
    const netuid = applied.netuids[0]!
    // one epoch first, so the timed ten start right after an epoch
    await c.call('subtensor_advanceEpochs', [netuid, 1])
    const c0 = processCpuMs(node.proc.pid!)
    const m0 = mainMs()
    const t0 = performance.now()
    const r = await c.call<{ epochs: { number: number }[] }>('subtensor_advanceEpochs', [netuid, 10])
    const ms = performance.now() - t0
    const cpuMs = processCpuMs(node.proc.pid!) - c0
    const mainCpuMs = mainMs() - m0
    const blocks = r.epochs.at(-1)!.number - r.epochs[0]!.number + 360
    // The same call again: a test loop calls it over and over, and by the second call V8 has
    // optimised the block path (the first pays part of the JIT warm-up: bench/lib/warmup.ts).
    const c1 = processCpuMs(node.proc.pid!)
    const m1 = mainMs()
    const t1 = performance.now()
    await c.call('subtensor_advanceEpochs', [netuid, 10])
    const againMs = performance.now() - t1
    const againCpuMs = processCpuMs(node.proc.pid!) - c1
    const againMainMs = mainMs() - m1
    return [
      { name: 'subtensor_advanceEpochs(netuid, 10), tempo 360, 256 uids', value: ms, unit: 'ms' },
      { name: '  same, node process CPU', value: cpuMs, unit: 'ms' },
      { name: '  same, node main thread CPU', value: mainCpuMs, unit: 'ms' },
      { name: '  blocks built by it', value: blocks, unit: 'blocks' },
      { name: '  the same call again (ten more epochs)', value: againMs, unit: 'ms' },
      { name: '  same, node process CPU', value: againCpuMs, unit: 'ms' },
      { name: '  same, node main thread CPU', value: againMainMs, unit: 'ms' },
    ]
  } catch (e) {
    // A runtime whose blocks do not run the epoch has nothing to measure here.
    process.stderr.write(`advance.bench: ${(e as Error).message}\n`)
    return []
  } finally {
    c.close()
    await node.kill()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  // e.g. `npx tsx bench/advance.bench.ts --max-semi-space-size=64`: the node started with that flag
  for (const r of await run(process.argv.slice(2))) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`)
  process.exit(0)
}

// Issue #12 figures: one block's coinbase with 128 started subnets (in process, on the committed
// state of a real chain, a fresh block overlay each time as block building has), and a dev chain
// with 32 started subnets making empty blocks through dev_newBlock (a node process).
import '../src/polyfill.js'
import { pathToFileURL } from 'node:url'
import { Blockchain } from '../src/chain/blockchain.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { getBlockEmission } from '../src/pallets/subtensor/coinbase/block-emission.js'
import { updateMovingPricesAndRootProp } from '../src/pallets/subtensor/coinbase/moving-price.js'
import { runCoinbase } from '../src/pallets/subtensor/coinbase/run-coinbase.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/index.js'
import { updateRegistrationPrices } from '../src/pallets/subtensor/subnets/registration.js'
import { System } from '../src/pallets/system/index.js'
import { Overlay } from '../src/storage/overlay.js'
import { startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { processCpuMs } from './lib/proc-cpu.js'
import { JIT_WARMUP_BLOCKS } from './lib/warmup.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'
import { openStartedChain } from './lib/started-chain.js'

interface Row { name: string; value: number; unit: string }



const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/**
 * µs per call of `fn` on a fresh overlay over the best block's state (median of rounds): wall,
 * and the process's CPU time (steadier on a loaded machine; only this thread works meanwhile).
 */
function perBlock(chain: Blockchain, fn: (s: Overlay) => void, rounds = 15, perRound = 20): { wall: number; cpu: number } {
  const times: number[] = []
  const cpus: number[] = []
  for (let r = 0; r < rounds; r++) {
    let us = 0
    let cpu = 0
    for (let i = 0; i < perRound; i++) {
      const s = new Overlay(chain.reader(chain.best.hash))
      System.Number.set(s, chain.best.number + 1)
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      fn(s)
      us += (performance.now() - t0) * 1000
      const c = process.cpuUsage(c0)
      cpu += c.user + c.system
    }
    times.push(us / perRound)
    cpus.push(cpu / perRound)
  }
  return { wall: median(times), cpu: median(cpus) }
}

export async function coinbase(subnets: number): Promise<Row[]> {
  const { chain, producer, close } = await openStartedChain(subnets, 'current', 'coinbase-bench')
  try {
    // Past the first emission block; every subnet then takes part in the coinbase.
    await producer.produceMany(50)
    const s0 = chain.overlayAt(chain.best.hash)
    const started = [...S.SubtokenEnabled.iter(s0)].filter(([, on]) => on).length
    if (started !== subnets) throw new Error(`${started} started subnets, expected ${subnets}`)
    const env = { depositEvent: () => {} }
    const emitting = runCoinbase(chain.overlayAt(chain.best.hash), env, getBlockEmission(chain.overlayAt(chain.best.hash), env)).length
    if (emitting !== subnets) throw new Error(`coinbase emitted to ${emitting} subnets, expected ${subnets}`)
    const cb = perBlock(chain, (s) => { runCoinbase(s, env, getBlockEmission(s, env)) })
    const hook = perBlock(chain, (s) => { updateRegistrationPrices(s); updateMovingPricesAndRootProp(s, runCoinbase(s, env, getBlockEmission(s, env))) })
    const n = 300
    const t0 = performance.now()
    await producer.produceMany(n)
    const blockMs = (performance.now() - t0) / n
    return [
      { name: `one block's coinbase (block emission + run_coinbase), ${subnets} started subnets`, value: cb.wall / 1000, unit: 'ms' },
      { name: `  same, CPU time`, value: cb.cpu / 1000, unit: 'ms' },
      { name: `SubtensorModule on_initialize (prices, coinbase, moving prices), ${subnets} subnets`, value: hook.wall / 1000, unit: 'ms' },
      { name: `  same, CPU time`, value: hook.cpu / 1000, unit: 'ms' },
      { name: `empty block built + committed, ${subnets} subnets, in process`, value: blockMs, unit: 'ms' },
    ]
  } finally {
    await close()
  }
}

async function devChainBlocks(subnets: number, regime: 'classic' | 'current'): Promise<Row[]> {
  const node = await startNodeProcess(['--chain', startedSubnetsSpec(subnets, regime), '--alice', '--tmp', '--sealing', 'manual'])
  try {
    const c = await Client.open(node.url)
    await c.call('dev_newBlock', [{ count: JIT_WARMUP_BLOCKS }])
    const n = 3_000
    const c0 = processCpuMs(node.proc.pid!)
    const t0 = performance.now()
    await c.call('dev_newBlock', [{ count: n }])
    const rate = n / ((performance.now() - t0) / 1000)
    const cpuUs = ((processCpuMs(node.proc.pid!) - c0) * 1000) / n
    c.close()
    return [
      { name: `dev chain, ${subnets} started subnets (${regime} regime): dev_newBlock empty blocks`, value: rate, unit: 'blocks/s' },
      { name: `  same, node process CPU per block`, value: cpuUs, unit: 'µs' },
    ]
  } finally {
    await node.kill('SIGTERM')
  }
}

export async function run(): Promise<Row[]> {
  await cryptoReady()
  return [...(await coinbase(128)), ...(await devChainBlocks(32, 'current')), ...(await devChainBlocks(32, 'classic'))]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(90)} ${r.value.toFixed(3).padStart(12)} ${r.unit}`)
  process.exit(0)
}

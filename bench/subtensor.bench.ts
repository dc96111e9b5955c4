// Issue #11 figures: a dev chain with 4 subnets (root, genesis netuid 1 and three more from the
// spec) making empty blocks through dev_newBlock (the pallet's per-block hook runs on each), and
// PoW seal checks in process.
import '../src/polyfill.js'
import WebSocket from 'ws'
import { cryptoReady } from '../src/codec/hashing.js'
import { hashMeetsDifficulty, sealHash } from '../src/pallets/subtensor/subnets/registration.js'
import { devSpecWith, startNodeProcess } from '../test/e2e/node-process.js'
import { hexToU8a } from '@polkadot/util'
import { effectiveGenesisConfig, loadChainSpec } from '../src/node/chain-spec.js'
import { adjustRegistrationTermsForNetworks } from '../src/pallets/subtensor/coinbase/block-step.js'
import { updateRegistrationPrices } from '../src/pallets/subtensor/subnets/registration.js'
import { getBlockEmission } from '../src/pallets/subtensor/coinbase/block-emission.js'
import { runCoinbase } from '../src/pallets/subtensor/coinbase/run-coinbase.js'
import { updateMovingPricesAndRootProp } from '../src/pallets/subtensor/coinbase/moving-price.js'
import { initNewNetwork } from '../src/pallets/subtensor/subnets/subnet.js'
import { System } from '../src/pallets/system/index.js'
import { Runtime } from '../src/runtime/runtime.js'
import { processCpuMs } from './lib/proc-cpu.js'
import { Overlay } from '../src/storage/overlay.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/index.js'
import { JIT_WARMUP_BLOCKS } from './lib/warmup.js'

interface Row { name: string; value: number; unit: string }

function call<T>(ws: WebSocket, method: string, params: unknown[]): Promise<T> {
  const id = Math.floor(Math.random() * 1e9)
  return new Promise((resolve, reject) => {
    const on = (d: WebSocket.RawData): void => {
      const m = JSON.parse(d.toString()) as { id?: number; result?: T; error?: { message: string } }
      if (m.id !== id) return
      ws.off('message', on)
      if (m.error) reject(new Error(m.error.message)); else resolve(m.result as T)
    }
    ws.on('message', on)
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
  })
}

async function blocksWithSubnets(): Promise<Row[]> {
  const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
  const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
  const path = devSpecWith((st) => { st.subnets = [2, 3, 4].map((netuid) => ({ netuid, owner: alice, hotkey: bob, started: true })) })
  const node = await startNodeProcess(['--chain', path, '--alice', '--tmp', '--sealing', 'manual'])
  try {
    const ws = new WebSocket(node.url)
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
    await call(ws, 'dev_newBlock', [{ count: JIT_WARMUP_BLOCKS }])
    const n = 5_000
    const c0 = processCpuMs(node.proc.pid!)
    const t0 = performance.now()
    await call(ws, 'dev_newBlock', [{ count: n }])
    const rate = n / ((performance.now() - t0) / 1000)
    const cpuUs = ((processCpuMs(node.proc.pid!) - c0) * 1000) / n
    ws.close()
    return [
      { name: 'dev chain, 4 subnets + root: dev_newBlock empty blocks', value: rate, unit: 'blocks/s' },
      { name: '  same, node process CPU per block', value: cpuUs, unit: 'µs' },
    ]
  } finally {
    await node.kill('SIGTERM')
  }
}

function sealChecks(): Row {
  const blockHash = new Uint8Array(32).fill(7)
  const hotkey = new Uint8Array(32).fill(9)
  const n = 200_000
  let met = 0
  const t0 = performance.now()
  for (let nonce = 0n; nonce < BigInt(n); nonce++) if (hashMeetsDifficulty(sealHash(blockHash, nonce, hotkey), 10_000_000n)) met++
  const rate = n / ((performance.now() - t0) / 1000)
  if (met > n) throw new Error('impossible')
  return { name: 'PoW seal checks (seal hash + difficulty), in process', value: rate, unit: 'checks/s' }
}

/** The per-block hook alone on 5 networks (root + 4), each regime, on an in-memory state. */
async function hookCost(): Promise<Row[]> {
  const runtime = await Runtime.get()
  const s = new Overlay({ get: () => null, keys: () => [] })
  for (const [k, v] of runtime.buildGenesis(effectiveGenesisConfig(loadChainSpec('dev'), {}))) s.set(hexToU8a(k), v)
  for (const netuid of [2, 3, 4]) {
    initNewNetwork(s, netuid, 10)
    // started dynamic subnets with a pool, so the coinbase works on them every block
    S.FirstEmissionBlockNumber.set(s, netuid, 2n)
    S.SubtokenEnabled.set(s, netuid, true)
    S.SubnetMechanism.set(s, netuid, 1)
    S.SubnetTAO.set(s, netuid, 10n ** 12n)
    S.SubnetAlphaIn.set(s, netuid, 10n ** 12n)
  }
  System.Number.set(s, 10)
  const env = { depositEvent: () => {} }
  const rows: Row[] = []
  for (const [name, fn] of [['classic', () => adjustRegistrationTermsForNetworks(s, env)], ['current (registration prices, block emission, coinbase, moving prices)', () => { updateRegistrationPrices(s); updateMovingPricesAndRootProp(s, runCoinbase(s, env, getBlockEmission(s, env))) }]] as const) {
    for (let i = 0; i < 2000; i++) fn()
    const n = 20_000
    const t0 = performance.now()
    for (let i = 0; i < n; i++) fn()
    rows.push({ name: `SubtensorModule on_initialize, ${name} regime, 5 networks`, value: ((performance.now() - t0) * 1000) / n, unit: 'us/block' })
  }
  return rows
}

export async function run(): Promise<Row[]> {
  await cryptoReady()
  return [sealChecks(), ...(await hookCost()), ...(await blocksWithSubnets())]
}

// An in-process dev chain (spec 425 regime) with many started subnets full of neurons, for the
// simulated-day benchmark and the emission-invariant test: the real Blockchain, TxPool and
// BlockProducer over a LevelDB in a temporary directory, the subnets made by a scenario at
// genesis (register_network, registrations, alpha stakes), and validators that set weights with
// real signed set_weights extrinsics through the pool.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../../src/chain/blockchain.js'
import { BlockProducer } from '../../src/chain/producer.js'
import { DEFAULT_POOL_LIMITS, TxPool } from '../../src/chain/txpool.js'
import { hexOf } from '../../src/codec/bytes.js'
import { cryptoReady } from '../../src/codec/hashing.js'
import { encode } from '../../src/codec/scale.js'
import { RuntimeCall } from '../../src/frame/outer.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../../src/node/chain-spec.js'
import { devAuthority } from '../../src/node/keys.js'
import { Runtime } from '../../src/runtime/runtime.js'
import { applyScenarioToGenesis } from '../../src/scenario/genesis.js'
import { parseScenario, type ScenarioInput } from '../../src/scenario/schema.js'
import { BlockStore } from '../../src/storage/block-store.js'
import { openLevelKV } from '../../src/storage/level.js'
import { devSpecWith } from '../../test/e2e/node-process.js'
import { assemble, benchAccount, signParts, type BenchAccount } from './signer.js'
import { rng } from './rng.js'

export interface SimOptions {
  subnets: number
  /** Neurons per subnet, the owner's hotkey (uid 0) included. */
  uids: number
  /** Staked validators per subnet (uids 1…validators). */
  validators: number
  tempo: number
  seed: number
  /** Extra per-subnet hyperparameters (storage names). */
  hyperparameters?: Record<string, number | boolean>
}

export interface SimValidator { key: BenchAccount; uid: number; nonce: number }

export interface SimChain {
  runtime: Runtime
  chain: Blockchain
  pool: TxPool
  producer: BlockProducer
  netuids: number[]
  validators: Map<number, SimValidator[]>
  rng: () => number
  /** Signs set_weights for validator `v` of `netuid` and submits it to the pool. */
  submitWeights(netuid: number, v: SimValidator, dests: number[], weights: number[]): void
  /** Signs it now (the validator's next nonce); the returned function submits it to the pool. */
  prepareWeights(netuid: number, v: SimValidator, dests: number[], weights: number[]): () => void
  close(): Promise<void>
}


const TAO = 1_000_000_000n

export async function openSimChain(o: SimOptions): Promise<SimChain> {
  await cryptoReady()
  const r = rng(o.seed)
  const vName = (k: number, i: number): string => `v${k}_${i}`
  const vUri = (k: number, i: number): string => `//SimValidator${k}_${i}`
  const accounts: NonNullable<ScenarioInput['accounts']> = { owner: { coldkey: '//Alice' } }
  const stakes: NonNullable<ScenarioInput['stakes']> = []
  const subnets: NonNullable<ScenarioInput['subnets']> = []
  for (let k = 0; k < o.subnets; k++) {
    for (let i = 0; i < o.validators; i++) accounts[vName(k, i)] = { coldkey: vUri(k, i), hotkey: `${vUri(k, i)}_hk` }
    subnets.push({
      owner: 'owner',
      hyperparameters: {
        Tempo: o.tempo, CommitRevealWeightsEnabled: false, WeightsSetRateLimit: 0, MaxAllowedUids: o.uids,
        MaxAllowedValidators: o.validators, MinAllowedWeights: 1, SubnetEmissionEnabled: true, ...o.hyperparameters,
      },
      neurons: Array.from({ length: o.validators }, (_, i) => ({ account: vName(k, i), validatorPermit: true })),
      generatedNeurons: { count: o.uids - 1 - o.validators, uri: `//SimMiner${k}_{i}` },
    })
  }
  const spec = devSpecWith((st) => {
    st.registrationRegime = 'current'
    // the validators' hotkeys sign set_weights (no fee, but the account must exist)
    st.fundedAccounts = Object.entries(accounts).filter(([n]) => n !== 'owner').map(([, a]) => [hexOf(benchAccount(a.hotkey!).publicKey), 10 * Number(TAO)])
  })
  const chainSpec = loadChainSpec(spec)
  const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
  const genesis = genesisStorage(chainSpec, runtime)
  const scenario0 = parseScenario({ accounts, subnets, stakes: [] })
  // netuids are known once the subnets exist: the scenario registers them in order after netuid 1
  const netuids = Array.from({ length: o.subnets }, (_, k) => k + 2)
  for (const [k, netuid] of netuids.entries()) {
    for (let i = 0; i < o.validators; i++) stakes.push({ coldkey: vName(k, i), hotkey: vName(k, i), netuid, alpha: String(100 + Math.floor(r() * 10_000)) })
  }
  const { storage, outcome } = applyScenarioToGenesis(genesis, { ...scenario0, stakes: parseScenario({ accounts, stakes }).stakes }, runtime)
  if (outcome.netuids.join() !== netuids.join()) throw new Error(`scenario made netuids ${outcome.netuids.join()}, expected ${netuids.join()}`)

  const dir = mkdtempSync(join(tmpdir(), 'sim-chain-'))
  const store = await BlockStore.open(await openLevelKV(dir))
  const chain = await Blockchain.open(store, runtime.executive, storage)
  const pool = new TxPool({ ...DEFAULT_POOL_LIMITS, readyCount: 100_000, readyBytes: 1 << 30 })
  const producer = new BlockProducer(chain, pool, runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
  const validators = new Map<number, SimValidator[]>()
  for (const [k, netuid] of netuids.entries()) {
    validators.set(netuid, Array.from({ length: o.validators }, (_, i) => {
      const n = outcome.neurons.find((x) => x.netuid === netuid && x.account === vName(k, i))
      if (!n) throw new Error(`validator ${vName(k, i)} not registered`)
      return { key: benchAccount(`${vUri(k, i)}_hk`), uid: n.uid, nonce: 0 }
    }))
  }
  const prepareWeights = (netuid: number, v: SimValidator, dests: number[], weights: number[]): () => void => {
    const call = encode(RuntimeCall, { type: 'SubtensorModule', value: { type: 'set_weights', value: { netuid, dests, weights, version_key: 0n } } })
    const raw = assemble(signParts(runtime, chain.genesisHash, v.key, call, { nonce: v.nonce++ }))
    return () => { pool.submit(raw, (x) => runtime.validateAt(chain, chain.best.hash, x, 'External')) }
  }
  return {
    runtime, chain, pool, producer, netuids, validators, rng: r, prepareWeights,
    submitWeights: (netuid, v, dests, weights) => prepareWeights(netuid, v, dests, weights)(),
    async close() {
      await producer.stop()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// Issue #13 figure: one simulated day — 7,200 blocks of a dev chain (spec 425 regime) with 4 started
// subnets × 256 uids, tempo 360, 64 staked validators per subnet setting dense weights (256 uids)
// every tempo. In process: the real Blockchain on LevelDB, TxPool and BlockProducer; the weights
// are real signed set_weights extrinsics through the pool, included as the block weight allows
// (~12 a block), validated and dispatched by the executive. Signing is the validators' work, not
// the chain's: the extrinsics are signed before the clock starts (and that time is reported).
// "Every epoch exact": a sample of the day's epochs is recomputed afterwards from each epoch
// block's parent state with the bigint port of run_epoch.rs (yuma-reference.ts) and compared,
// u16 for u16 and RAO for RAO, with what the block wrote.
import '../src/polyfill.js'
import { pathToFileURL } from 'node:url'
import { SubtensorStorage as S } from '../src/pallets/subtensor/index.js'
import { explainEpoch } from '../src/pallets/subtensor/epoch/explain.js'
import { yumaReference } from '../src/pallets/subtensor/epoch/yuma-reference.js'
import { openSimChain } from './lib/sim-chain.js'

interface Row { name: string; value: number; unit: string }

const SUBNETS = 4
const UIDS = 256
const VALIDATORS = 64
const TEMPO = 360
const DAY = Number(process.env.SIM_DAY_BLOCKS ?? 7_200)
const SAMPLE = Number(process.env.SIM_DAY_SAMPLE ?? 8)

export async function run(): Promise<Row[]> {
  const sim = await openSimChain({ subnets: SUBNETS, uids: UIDS, validators: VALIDATORS, tempo: TEMPO, seed: 7200, hyperparameters: { Yuma3On: true } })
  try {
    // One set of weights per validator per tempo, signed up front (nonces in order).
    const tempos = Math.ceil(DAY / TEMPO) + 1
    const t0 = performance.now()
    const signed: Array<Array<() => void>> = Array.from({ length: tempos }, () => [])
    for (let t = 0; t < tempos; t++) {
      for (const n of sim.netuids) {
        for (const v of sim.validators.get(n)!) {
          const dests = Array.from({ length: UIDS }, (_, j) => j)
          const weights = dests.map(() => 1 + Math.floor(sim.rng() * 65535))
          signed[t]!.push(sim.prepareWeights(n, v, dests, weights))
        }
      }
    }
    const signMs = performance.now() - t0

    let peakRss = process.memoryUsage().rss
    const epochBlocks: Array<{ netuid: number; number: number; hash: Uint8Array; parent: Uint8Array }> = []
    let included = 0
    let tempoIndex = 0
    const lastEpoch = new Map(sim.netuids.map((n) => [n, 0n]))
    const c0 = process.cpuUsage()
    const w0 = performance.now()
    for (let b = 0; b < DAY; b++) {
      // a new tempo: every validator's weights for it go to the pool
      if (b % TEMPO === 0 && tempoIndex < tempos) for (const submit of signed[tempoIndex++]!) submit()
      const parent = sim.chain.best.hash
      const before = sim.pool.size
      await sim.producer.produceMany(1)
      included += before - sim.pool.size
      const s = sim.chain.overlayAt(sim.chain.best.hash)
      for (const n of sim.netuids) {
        const idx = S.SubnetEpochIndex.get(s, n)
        if (idx !== lastEpoch.get(n)) {
          lastEpoch.set(n, idx)
          epochBlocks.push({ netuid: n, number: sim.chain.best.number, hash: sim.chain.best.hash, parent })
        }
      }
      if (b % 100 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }
    const wallMs = performance.now() - w0
    const cpu = process.cpuUsage(c0)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    const cpuMs = (cpu.user + cpu.system) / 1000

    // Every epoch exact: recompute a sample with the bigint reference and compare with storage.
    const step = Math.max(1, Math.floor(epochBlocks.length / SAMPLE))
    const sample = epochBlocks.filter((_, i) => i % step === step - 1 || i === epochBlocks.length - 1).slice(-SAMPLE)
    for (const e of sample) {
      const ref = explainEpoch(sim.chain.overlayAt(e.parent), e.netuid, e.number, yumaReference)
      if (ref === null) throw new Error(`netuid ${e.netuid}: no epoch replayed at block ${e.number}`)
      const s = sim.chain.overlayAt(e.hash)
      const uids = ref.mechanisms[0]!.uids
      const same = (what: string, a: unknown[], b: unknown[]): void => {
        if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`netuid ${e.netuid} block ${e.number}: ${what} differs from the bigint reference`)
      }
      same('Incentive', uids.map((u) => u.incentiveU16), S.Incentive.get(s, e.netuid))
      same('Dividends', uids.map((u) => u.dividendsU16), S.Dividends.get(s, e.netuid))
      same('Consensus', uids.map((u) => u.consensusU16), S.Consensus.get(s, e.netuid))
      same('ValidatorTrust', uids.map((u) => u.validatorTrustU16), S.ValidatorTrust.get(s, e.netuid))
      same('Emission', uids.map((u) => u.emission), S.Emission.get(s, e.netuid).map(String))
      for (const u of uids) same(`Bonds of uid ${u.uid}`, u.bonds, S.Bonds.get(s, e.netuid, u.uid))
      if (!uids.some((u) => u.incentiveU16 > 0)) throw new Error(`netuid ${e.netuid} block ${e.number}: no incentive (weights not applied?)`)
    }
    const expectedTxs = Math.min(tempos, Math.ceil(DAY / TEMPO)) * SUBNETS * VALIDATORS
    if (included < expectedTxs * 0.95) throw new Error(`only ${included} of ${expectedTxs} weight extrinsics were included`)

    const label = `simulated day: ${DAY} blocks, ${SUBNETS} subnets × ${UIDS} uids, ${VALIDATORS} validators weighting every tempo (${included} signed set_weights, ${epochBlocks.length} epochs; ${sample.length} checked against the bigint reference), in process`
    return [
      { name: `${label}, wall`, value: wallMs / 1000, unit: 's' },
      { name: `${label}, CPU`, value: cpuMs / 1000, unit: 's' },
      { name: `${label}, peak RSS`, value: peakRss / 2 ** 20, unit: 'MiB' },
      { name: `${label}, signing the weights beforehand (not in the figures above)`, value: signMs / 1000, unit: 's' },
    ]
  } finally {
    await sim.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`)
  process.exit(0)
}

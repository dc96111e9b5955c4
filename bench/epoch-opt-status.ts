// Whether the epoch's functions run optimised as the started-subnets dev chain really runs them
// (31 one-UID epochs once a tempo): after `warm` blocks, V8's optimisation status of each is
// sampled after every tenth block and the share of samples in TurboFan code printed. A function
// the epochs deoptimise again and again (a list its feedback never saw: "wrong map") shows a low
// share; one inlined into its caller shows 0 % and costs nothing of its own.
//
//   node --allow-natives-syntax --import tsx bench/epoch-opt-status.ts [blocks=1500] [warm=1500]
import '../src/polyfill.js'
import * as drain from '../src/pallets/subtensor/coinbase/distribute-emission.js'
import { drainPending } from '../src/pallets/subtensor/coinbase/epoch-schedule.js'
import { persistMechanismEpochTerms, persistNetuidEpochTerms } from '../src/pallets/subtensor/epoch/persist.js'
import { epochMechanism, readEpochInputs } from '../src/pallets/subtensor/epoch/run-epoch.js'
import { stakeWeightsForNetwork } from '../src/pallets/subtensor/epoch/stake-weights.js'
import { yumaFast } from '../src/pallets/subtensor/epoch/yuma-fast.js'
import { epochWithMechanisms } from '../src/pallets/subtensor/subnets/mechanism.js'
import { openStartedChain } from './lib/started-chain.js'

const blocks = Number(process.argv[2] ?? 1_500)
const warm = Number(process.argv[3] ?? 1_500)
const fns: Record<string, (...a: never[]) => unknown> = {
  drainAndDistribute: drain.drainAndDistribute, drainPending, distributeEmission: drain.distributeEmission,
  epochWithMechanisms, epochMechanism, readEpochInputs, stakeWeightsForNetwork, yumaFast,
  persistMechanismEpochTerms, persistNetuidEpochTerms, calculateDividendsAndIncentives: drain.calculateDividendsAndIncentives,
  calculateDividendDistribution: drain.calculateDividendDistribution, distributeDividendsAndIncentives: drain.distributeDividendsAndIncentives,
}
let status: (f: unknown) => number
try {
  status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number
} catch {
  console.error('run with node --allow-natives-syntax --import tsx')
  process.exit(2)
}
/** V8's OptimizationStatus bit for code from TurboFan. */
const TURBOFANNED = 1 << 6

const { producer, close } = await openStartedChain(32, 'current', 'epoch-opt-status')
try {
  await producer.produceMany(warm)
  const optimised = new Map<string, number>()
  let samples = 0
  for (let b = 0; b < blocks; b += 10) {
    await producer.produceMany(10)
    samples++
    for (const [name, f] of Object.entries(fns)) if (status(f) & TURBOFANNED) optimised.set(name, (optimised.get(name) ?? 0) + 1)
  }
  console.log(`32 subnets, current: blocks ${warm}–${warm + blocks}, ${samples} samples (one a tempo), share in TurboFan code:`)
  for (const name of Object.keys(fns)) console.log(`${(100 * (optimised.get(name) ?? 0) / samples).toFixed(0).padStart(5)} %  ${name}`)
} finally {
  await close()
}
process.exit(0)

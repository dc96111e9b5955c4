// macros/hooks.rs: what SubtensorModule does at the start of every block. The classic regime runs
// v3.3.13's difficulty/burn controller; spec 425 cleans up hotkey-swap records and updates the
// decaying registration prices. Both then run coinbase/block_step.rs's emission in its order: block
// emission (minted), run_coinbase with that credit, drain pending emission into the epochs that
// are due, then the moving prices and RootProp. (CRv3 reveals, pending children and root claims
// arrive with those topics.)
import type { HookCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { weight, type WeightValue } from '../../../frame/primitives.js'
import { DB_WEIGHT } from '../../system/limits.js'
import { subtensorBuild } from '../build.js'
import { getBlockEmission } from '../coinbase/block-emission.js'
import { adjustRegistrationTermsForNetworks } from '../coinbase/block-step.js'
import { updateMovingPricesAndRootProp } from '../coinbase/moving-price.js'
import { runCoinbaseForBlockStep } from '../coinbase/run-coinbase.js'
import { drainAndDistribute } from '../coinbase/distribute-emission.js'
import { revealCrv3Commits } from '../commit-reveal/timelocked.js'
import { subtensorModule } from '../pallet.js'
import { SubtensorStorage as S } from '../storage.js'
import { updateRegistrationPrices } from '../subnets/registration.js'
import { runAutoClaimRootDivs } from '../staking/claim-root.js'
import { trySetPendingChildren } from '../staking/set-children.js'
import { FAST_RUNTIME_CONSTANTS, SubtensorConstants } from './config.js'

const dbWeight = (reads: bigint, writes: bigint): bigint => reads * DB_WEIGHT.read + writes * DB_WEIGHT.write

/**
 * `clean_up_hotkey_swap_records`: on the subnets whose netuid ≡ block (mod
 * HotkeySwapOnSubnetInterval), drop LastHotkeySwapOnNetuid records older than one interval.
 * Returns its ref time (DbWeight: 2 + one read per subnet, one per record, one write per removal).
 */
function cleanUpHotkeySwapRecords(s: Store, block: bigint, netuids: readonly number[]): bigint {
  const interval = subtensorBuild().fastRuntime ? FAST_RUNTIME_CONSTANTS.HotkeySwapOnSubnetInterval : SubtensorConstants.HotkeySwapOnSubnetInterval
  let reads = 2n + BigInt(netuids.length)
  let writes = 0n
  // (in numbers: the interval, a runtime constant of 1 or 7,200, and a u16 netuid's residue are
  // exact as doubles; no BigInt per subnet per block)
  const period = Number(interval)
  const slot = Number(block % interval)
  const isDue = (netuid: number): boolean => netuid % period === slot
  let due = 0
  let onlyDue = -1
  for (const netuid of netuids) if (isDue(netuid)) { due++; onlyDue = netuid }
  // Many subnets due (every one at an interval of 1): the map listed once rather than per subnet;
  // the same records removed (each its own key, so the order of removal leaves the same state).
  const records: Array<[number, Uint8Array, bigint]> = []
  if (due > 1) {
    // (the due networks as a set once there is a record to look up: most blocks have none)
    let dueSet: Set<number> | null = null
    for (const [netuid, coldkey, at] of S.LastHotkeySwapOnNetuid.iter(s)) {
      dueSet ??= new Set(netuids.filter(isDue))
      if (dueSet.has(netuid)) records.push([netuid, coldkey, at])
    }
  } else if (due === 1) {
    for (const [coldkey, at] of S.LastHotkeySwapOnNetuid.iterPrefix(s, onlyDue)) records.push([onlyDue, coldkey, at])
  }
  for (const [netuid, coldkey, at] of records) {
    if (at + interval < block) {
      S.LastHotkeySwapOnNetuid.remove(s, netuid, coldkey)
      writes++
    }
    reads++
  }
  return dbWeight(reads, writes)
}

/** What hooks.rs reports for block_step, successful or not: a fixed benchmark plus its DB accesses. */
const BLOCK_STEP_REF_TIME = 110_634_229_000n + dbWeight(8304n, 110n)

subtensorModule.hooks.onInitialize = ({ s, env, blockNumber }: HookCtx): WeightValue | void => {
  // The regimes differ only in how registration is priced (v3.3.13's block_step adjusted
  // difficulty and burn, then ran the same coinbase and epochs).
  const classic = subtensorBuild().registration === 'classic'
  // NetworksAdded listed once: nothing in block_step adds or removes a network.
  const networks = S.NetworksAdded.keyList(s)
  let cleanUp = 0n
  if (classic) adjustRegistrationTermsForNetworks(s, env, networks)
  else {
    cleanUp = cleanUpHotkeySwapRecords(s, BigInt(blockNumber), networks)
    updateRegistrationPrices(s, networks)
  }
  revealCrv3Commits(s, env)
  const { eligible, pools } = runCoinbaseForBlockStep(s, env, getBlockEmission(s, env), networks)
  // run_coinbase's last two steps: drain_pending and distribute_emissions_to_subnets (the epochs)
  const paidOut = drainAndDistribute(s, env, BigInt(blockNumber), networks)
  updateMovingPricesAndRootProp(s, eligible, pools, paidOut)
  // block_step steps 7 and 8: pending children of the subnets whose epoch just ran, root auto-claims
  trySetPendingChildren(s, env, BigInt(blockNumber), networks)
  runAutoClaimRootDivs(s, env)
  if (classic) return
  return weight(BLOCK_STEP_REF_TIME + cleanUp)
}

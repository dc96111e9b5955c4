// guards/check_weights.rs (HEAD): CheckWeights, the dispatch guard of the weight calls. It runs before
// the call body — in the pool (SubtensorTransactionExtension) and at every signed dispatch — and
// checks, in this order: the batch vectors' lengths, the signer's stake threshold on each subnet, then
// the reveal's commit (looked up in the whole stored queue, expired entries included) and window, or
// a timelocked commit's drand round.
import type { RuntimeCallValue } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import type { DispatchFailure } from '../../../frame/primitives.js'
import { isInvalidRevealRound } from '../commit-reveal/timelocked.js'
import { commitHash } from '../commit-reveal/hash-commits.js'
import { isRevealBlockRange } from '../commit-reveal/epochs.js'
import { checkWeightsMinStake } from '../epoch/stake-weights.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { mechanismStorageIndex } from '../subnets/mechanism.js'

/** `CheckWeights::applies_to`. */
const WEIGHT_CALLS = new Set([
  'batch_commit_weights', 'batch_reveal_weights', 'batch_set_weights', 'commit_weights', 'commit_mechanism_weights',
  'reveal_weights', 'reveal_mechanism_weights', 'set_weights', 'set_mechanism_weights', 'commit_timelocked_weights',
  'commit_timelocked_mechanism_weights', 'commit_crv3_mechanism_weights',
])

const TIMELOCKED = new Set(['commit_timelocked_weights', 'commit_timelocked_mechanism_weights', 'commit_crv3_mechanism_weights'])

type Args = Record<string, unknown>

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export const checkWeightsAppliesTo = (call: RuntimeCallValue): boolean => call.type === 'SubtensorModule' && WEIGHT_CALLS.has(call.value.type)

/** `CheckWeights::check`: the refusal, or null when the call may run. Only for calls it applies to. */
export function checkWeights(s: Store, who: Uint8Array, call: RuntimeCallValue): DispatchFailure | null {
  if (!checkWeightsAppliesTo(call)) return null
  const name = call.value.type
  const a = call.value.value as Args
  if (!inputLengthsMatch(name, a)) return E.InputLengthsUnequal()
  const netuids = name === 'batch_commit_weights' || name === 'batch_set_weights' ? (a.netuids as number[]) : [a.netuid as number]
  if (netuids.some((netuid) => !checkWeightsMinStake(s, who, netuid))) return E.NotEnoughStakeToSetWeights()
  return checkCommitReveal(s, who, name, a)
}

/** `check_input_lengths`. */
function inputLengthsMatch(name: string, a: Args): boolean {
  const len = (k: string): number => (a[k] as unknown[]).length
  if (name === 'batch_commit_weights') return len('netuids') === len('commit_hashes')
  if (name === 'batch_reveal_weights') return len('uids_list') === len('values_list') && len('uids_list') === len('salts_list') && len('uids_list') === len('version_keys')
  if (name === 'batch_set_weights') return len('netuids') === len('weights') && len('netuids') === len('version_keys')
  return true
}

/** `check_reveal`: the hash must be in the stored queue and its epoch must be revealable now. */
function checkReveal(s: Store, who: Uint8Array, netuid: number, netuidIndex: number, uids: number[], values: number[], salt: number[], versionKey: bigint): DispatchFailure | null {
  const commits = S.WeightCommits.get(s, netuidIndex, who)
  if (commits === null) return E.NoWeightsCommitFound()
  const hash = commitHash(who, netuidIndex, uids, values, salt, versionKey)
  const found = commits.find(([h]) => equalBytes(h, hash))
  if (found === undefined) return E.NoWeightsCommitFound()
  return isRevealBlockRange(s, netuid, found[1]) ? null : E.RevealTooEarly()
}

/** `check_commit_reveal`. */
function checkCommitReveal(s: Store, who: Uint8Array, name: string, a: Args): DispatchFailure | null {
  const netuid = a.netuid as number
  if (name === 'reveal_weights' || name === 'reveal_mechanism_weights') {
    const idx = name === 'reveal_weights' ? netuid : mechanismStorageIndex(netuid, a.mecid as number)
    return checkReveal(s, who, netuid, idx, a.uids as number[], a.values as number[], a.salt as number[], a.version_key as bigint)
  }
  if (name === 'batch_reveal_weights') {
    const commits = S.WeightCommits.get(s, netuid, who)
    if (commits === null) return E.NoWeightsCommitFound()
    const uidsList = a.uids_list as number[][]
    for (let i = 0; i < uidsList.length; i++) {
      const hash = commitHash(who, netuid, uidsList[i] as number[], (a.values_list as number[][])[i] as number[], (a.salts_list as number[][])[i] as number[], (a.version_keys as bigint[])[i] as bigint)
      const found = commits.find(([h]) => equalBytes(h, hash))
      if (found === undefined) return E.NoWeightsCommitFound()
      if (!isRevealBlockRange(s, netuid, found[1])) return E.RevealTooEarly()
    }
    return null
  }
  if (TIMELOCKED.has(name) && isInvalidRevealRound(s, a.reveal_round as bigint)) return E.InvalidRevealRound()
  return null
}

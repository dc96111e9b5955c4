// subnets/mechanism.rs: sub-subnets ("mechanisms"). Each has its own Weights, Bonds, LastUpdate and
// Incentive (keyed by netuid_index = mecid × 4096 + netuid); they share the netuid's stake,
// permits and registrations, and split the subnet's epoch emission.
import type { ExecEnv } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { persistMechanismEpochTerms, persistNetuidEpochTerms } from '../epoch/persist.js'
import { EpochView } from '../epoch/epoch-view.js'
import { type EpochOutput, type EpochTerms, compareBytes, epochMechanism } from '../epoch/run-epoch.js'
import { mapped } from '../utils/mapped.js'
import { yumaFast } from '../epoch/yuma-fast.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { GLOBAL_MAX_SUBNET_COUNT, ifSubnetExist, mechanismStorageIndex } from '../utils/misc.js'
import { updateVotingPowerForSubnet } from '../utils/voting-power.js'

export { mechanismStorageIndex }

export const MAX_MECHANISM_COUNT_PER_SUBNET = 16

/** `get_netuid`: the netuid part of a storage index. */
export const netuidOfIndex = (netuidIndex: number): number => netuidIndex % GLOBAL_MAX_SUBNET_COUNT

/** `ensure_mechanism_exists`: the subnet exists and has more than `mecid` mechanisms. */
export function ensureMechanismExists(s: Store, netuid: number, mecid: number): void {
  if (!ifSubnetExist(s, netuid)) throw E.MechanismDoesNotExist()
  if (S.MechanismCountCurrent.get(s, netuid) <= mecid) throw E.MechanismDoesNotExist()
}

/**
 * `split_emissions`: an even split (floor(E/count) each) or MechanismEmissionSplit's u16 shares
 * (floor(E·share/65535), missing shares 0); the rounding dust goes to mechanism 0.
 */
export function splitEmissions(s: Store, netuid: number, alpha: bigint): bigint[] {
  const count = S.MechanismCountCurrent.get(s, netuid)
  // One mechanism gets all of E whatever the split holds (its share is at most 65535/65535 of E and
  // the dust tops it up to E), so the split is not read (every subnet whose owner adds none).
  if (count === 1) return [alpha]
  return splitBy(count, S.MechanismEmissionSplit.get(s, netuid), alpha)
}

/**
 * split_emissions over `count` mechanisms and the stored split (null: none).
 * @internal exported for the test that holds the one-mechanism shortcut to it.
 */
export function splitBy(count: number, split: readonly number[] | null, alpha: bigint): bigint[] {
  let result: bigint[]
  if (split !== null) result = split.map((share) => (alpha * BigInt(share)) / 65535n)
  else result = new Array<bigint>(count).fill(count === 0 ? 0n : alpha / BigInt(count))
  if (result.length !== count) {
    result = result.slice(0, count)
    while (result.length < count) result.push(0n)
  }
  const total = result.reduce((a, b) => a + b, 0n)
  if (result.length > 0) result[0] = (result[0] as bigint) + (alpha > total ? alpha - total : 0n)
  return result
}

const Q64 = 1n << 64n
const U16_MAX = 0xffffn

/** U64F64(existing) + U64F64(added) × weight, floored and saturated at `max`. */
function weightedAcc(existing: bigint, added: bigint, weight: bigint, max: bigint): bigint {
  const v = ((existing * Q64 + ((added * Q64 * weight) >> 64n)) >> 64n)
  return v > max ? max : v
}

/**
 * `epoch_with_mechanisms`: each mechanism's epoch on its share of `raoEmission` (persisted per
 * mechanism), folded per hotkey — emissions summed, u16 terms and Emission weighted by the
 * mechanism's share (U64F64; with E = 0 mechanism 0 weighs 1), flags ORed — then persisted per
 * netuid. Returns (hotkey, server, validator) in ascending hotkey order.
 */
export function epochWithMechanisms(s: Store, env: Pick<ExecEnv, 'depositEvent'>, netuid: number, raoEmission: bigint, block: bigint, view: EpochView = new EpochView(s, netuid)): Array<[Uint8Array, bigint, bigint]> {
  const splits = splitEmissions(s, netuid, raoEmission)
  if (splits.length === 1) {
    // One mechanism (every subnet unless its owner adds more): it gets the whole emission, so its
    // weight is 1 (U64F64) and the fold below hands every term back unchanged, bond rows aside.
    // Only a hotkey keyed twice would be merged there, so such a list takes the general path.
    const out = epochMechanism(s, netuid, 0, splits[0]!, block, yumaFast, view)
    const terms = out.terms
    if (splits[0] === raoEmission && !hasRepeatedHotkey(terms)) {
      persistMechanismEpochTerms(s, env, netuid, 0, terms)
      return persistAggregated(s, env, netuid, terms)
    }
    return foldMechanisms(s, env, netuid, raoEmission, block, splits, [out], view)
  }
  return foldMechanisms(s, env, netuid, raoEmission, block, splits, [], view)
}

/** Terms sorted by hotkey bytes: whether two neighbours carry the same hotkey. */
function hasRepeatedHotkey(terms: ReadonlyArray<[Uint8Array, EpochTerms]>): boolean {
  for (let i = 1; i < terms.length; i++) if (compareBytes(terms[i - 1]![0], terms[i]![0]) === 0) return true
  return false
}

/** The per-netuid writes of `epoch_with_mechanisms` over the folded terms (ascending hotkey). */
function persistAggregated(s: Store, env: Pick<ExecEnv, 'depositEvent'>, netuid: number, terms: ReadonlyArray<[Uint8Array, EpochTerms]>): Array<[Uint8Array, bigint, bigint]> {
  persistNetuidEpochTerms(s, netuid, terms)
  updateVotingPowerForSubnet(s, env, netuid, terms)
  return mapped(terms, ([hk, t]): [Uint8Array, bigint, bigint] => [hk, t.serverEmission, t.validatorEmission])
}

/**
 * The general fold; `done`: mechanisms already run (in mecid order from 0), not run again.
 * @internal exported for the test that holds the one-mechanism path to it.
 */
export function foldMechanisms(s: Store, env: Pick<ExecEnv, 'depositEvent'>, netuid: number, raoEmission: bigint, block: bigint, splits: bigint[], done: EpochOutput[], view: EpochView = new EpochView(s, netuid)): Array<[Uint8Array, bigint, bigint]> {
  const agg = new Map<string, [Uint8Array, EpochTerms]>()
  splits.forEach((sub, mecid) => {
    const out = done[mecid] ?? epochMechanism(s, netuid, mecid, sub, block, yumaFast, view)
    persistMechanismEpochTerms(s, env, netuid, mecid, out.terms)
    // U64F64 safe_div_or: a zero total gives 1 to mechanism 0, 0 to the others
    const w = raoEmission === 0n ? (mecid === 0 ? Q64 : 0n) : ((sub << 64n) * Q64) / (raoEmission << 64n)
    for (const [hk, t] of out.terms) {
      const key = Buffer.from(hk).toString('hex')
      const acc = agg.get(key)?.[1]
      if (acc === undefined) {
        agg.set(key, [hk, {
          ...t,
          dividend: Number(weightedAcc(0n, BigInt(t.dividend), w, U16_MAX)),
          incentive: Number(weightedAcc(0n, BigInt(t.incentive), w, U16_MAX)),
          stakeWeight: Number(weightedAcc(0n, BigInt(t.stakeWeight), w, U16_MAX)),
          emission: weightedAcc(0n, t.emission, w, U64_MAX),
          consensus: Number(weightedAcc(0n, BigInt(t.consensus), w, U16_MAX)),
          validatorTrust: Number(weightedAcc(0n, BigInt(t.validatorTrust), w, U16_MAX)),
          bond: { c: [], v: [] },
        }])
        continue
      }
      acc.validatorEmission = satU64(acc.validatorEmission + t.validatorEmission)
      acc.serverEmission = satU64(acc.serverEmission + t.serverEmission)
      acc.dividend = Number(weightedAcc(BigInt(acc.dividend), BigInt(t.dividend), w, U16_MAX))
      acc.stakeWeight = Number(weightedAcc(BigInt(acc.stakeWeight), BigInt(t.stakeWeight), w, U16_MAX))
      acc.active ||= t.active
      acc.emission = weightedAcc(acc.emission, t.emission, w, U64_MAX)
      acc.consensus = Number(weightedAcc(BigInt(acc.consensus), BigInt(t.consensus), w, U16_MAX))
      acc.validatorTrust = Number(weightedAcc(BigInt(acc.validatorTrust), BigInt(t.validatorTrust), w, U16_MAX))
      acc.newValidatorPermit ||= t.newValidatorPermit
      acc.stake = satU64(acc.stake + t.stake)
    }
  })
  return persistAggregated(s, env, netuid, [...agg.values()].sort((a, b) => compareBytes(a[0], b[0])))
}

const U64_MAX = (1n << 64n) - 1n
const satU64 = (v: bigint): bigint => (v > U64_MAX ? U64_MAX : v)

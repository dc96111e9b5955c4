// subnets/weights.rs, the set-weights half: set_weights (0), set_mechanism_weights (119) and
// batch_set_weights (80), with every check in the chain's order and its error names. Values are
// stored max-upscaled to u16 (round to nearest) in the caller's order. Commit-reveal lives in
// ../commit-reveal/.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { ensureSigned } from '../../system/index.js'
import { checkVecMaxLimited, vecU16MaxUpscaleToU16 } from '../epoch/math.js'
import { checkWeightsMinStake, ownerUid } from '../epoch/stake-weights.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock, setLastUpdateForUid } from '../utils/misc.js'
import { ensureMechanismExists, mechanismStorageIndex, netuidOfIndex } from './mechanism.js'

/** `check_version_key`: a zero network key accepts anything. */
export function checkVersionKey(s: Store, netuid: number, versionKey: bigint): boolean {
  const networkKey = S.WeightsVersionKey.get(s, netuid)
  return networkKey === 0n || versionKey >= networkKey
}

/** `get_last_update_for_uid`. */
export const lastUpdateForUid = (s: Store, netuidIndex: number, uid: number): bigint => S.LastUpdate.get(s, netuidIndex)[uid] ?? 0n

/** `check_rate_limit`: never set (0) passes; else WeightsSetRateLimit blocks must have passed. */
export function checkRateLimit(s: Store, netuidIndex: number, uid: number, now: bigint): boolean {
  const netuid = netuidOfIndex(netuidIndex)
  if (!S.Keys.contains(s, netuid, uid)) return false
  const last = lastUpdateForUid(s, netuidIndex, uid)
  if (last === 0n) return true
  return (now > last ? now - last : 0n) >= S.WeightsSetRateLimit.get(s, netuid)
}

/** `is_self_weight`: exactly one value, and the first uid is the caller's. */
export const isSelfWeight = (uid: number, uids: readonly number[], values: readonly number[]): boolean =>
  values.length === 1 && uids.length > 0 && uids[0] === uid

export const hasDuplicateUids = (uids: readonly number[]): boolean => new Set(uids).size !== uids.length

export function containsInvalidUids(s: Store, netuid: number, uids: readonly number[]): boolean {
  return uids.some((u) => !S.Keys.contains(s, netuid, u))
}

/** `check_validator_permit`: a self-weight, the subnet owner's uid, or a permit. */
export function checkValidatorPermit(s: Store, netuid: number, uid: number, uids: readonly number[], values: readonly number[]): boolean {
  if (isSelfWeight(uid, uids, values)) return true
  if (ownerUid(s, netuid) === uid) return true
  return S.ValidatorPermit.get(s, netuid)[uid] ?? false
}

/** `check_length`: at least min(MinAllowedWeights, n) values, unless a self-weight. */
export function checkLength(s: Store, netuid: number, uid: number, uids: readonly number[], values: readonly number[]): boolean {
  const n = S.SubnetworkN.get(s, netuid)
  const minAllowed = Math.min(n, S.MinAllowedWeights.get(s, netuid))
  if (netuid !== 0 && isSelfWeight(uid, uids, values)) return true
  return values.length >= minAllowed
}

/** `get_max_weight_limit`: a constant at HEAD (the MaxWeightsLimit item is no longer read). */
export const getMaxWeightLimit = (_netuid: number): number => 0xffff

/** `check_len_uids_within_allowed`: at most SubnetworkN uids. */
export const checkLenUidsWithinAllowed = (s: Store, netuid: number, uids: readonly number[]): boolean => uids.length <= S.SubnetworkN.get(s, netuid)

/** `max_weight_limited`: self-weights and a 65535 limit pass; else the normalised max ≤ limit. */
export function maxWeightLimited(s: Store, netuid: number, uid: number, uids: readonly number[], values: readonly number[]): boolean {
  if (isSelfWeight(uid, uids, values)) return true
  const limit = getMaxWeightLimit(netuid)
  if (limit === 0xffff) return true
  return checkVecMaxLimited(values, limit)
}

/** `internal_set_weights` (the signature already checked). */
export function internalSetWeights(ctx: CallCtx, hotkey: Uint8Array, netuid: number, mecid: number, uids: number[], values: number[], versionKey: bigint): void {
  const { s } = ctx
  const netuidIndex = mechanismStorageIndex(netuid, mecid)
  if (netuid === 0) throw E.CanNotSetRootNetworkWeights()
  if (uids.length !== values.length) throw E.WeightVecNotEqualSize()
  ensureMechanismExists(s, netuid, mecid)
  if (!checkLenUidsWithinAllowed(s, netuid, uids)) throw E.UidsLengthExceedUidsInSubNet()
  const uid = S.Uids.get(s, netuid, hotkey)
  if (uid === null) throw E.HotKeyNotRegisteredInSubNet()
  if (!checkWeightsMinStake(s, hotkey, netuid)) throw E.NotEnoughStakeToSetWeights()
  if (!checkVersionKey(s, netuid, versionKey)) throw E.IncorrectWeightVersionKey()
  const now = currentBlock(s)
  const crEnabled = S.CommitRevealWeightsEnabled.get(s, netuid)
  if (!crEnabled && !checkRateLimit(s, netuidIndex, uid, now)) throw E.SettingWeightsTooFast()
  if (!checkValidatorPermit(s, netuid, uid, uids, values)) throw E.NeuronNoValidatorPermit()
  if (hasDuplicateUids(uids)) throw E.DuplicateUids()
  if (containsInvalidUids(s, netuid, uids)) throw E.UidVecContainInvalidOne()
  if (!checkLength(s, netuid, uid, uids, values)) throw E.WeightVecLengthIsLow()
  const upscaled = vecU16MaxUpscaleToU16(values)
  if (!maxWeightLimited(s, netuid, uid, uids, upscaled)) throw E.MaxWeightExceeded()
  S.Weights.set(s, netuidIndex, uid, uids.map((u, i): [number, number] => [u, upscaled[i] as number]))
  if (!crEnabled) setLastUpdateForUid(s, netuidIndex, uid, now)
  SubtensorEvents.WeightsSet.emit(ctx.env, [netuidIndex, uid])
}

/** The dispatchable's own guard: commit-reveal subnets take weights only through reveals. */
function setWeightsCall(ctx: CallCtx, netuid: number, mecid: number, uids: number[], values: number[], versionKey: bigint): void {
  if (S.CommitRevealWeightsEnabled.get(ctx.s, netuid)) throw E.CommitRevealEnabled()
  internalSetWeights(ctx, ensureSigned(ctx), netuid, mecid, uids, values, versionKey)
}

/**
 * `do_batch_set_weights`: every item is tried (an item on a commit-reveal subnet fails with
 * CommitRevealEnabled); failures become events and the call itself succeeds.
 */
export function doBatchSetWeights(ctx: CallCtx, netuids: number[], weights: [number, number][][], versionKeys: bigint[]): void {
  const hotkey = ensureSigned(ctx)
  if (netuids.length !== weights.length || netuids.length !== versionKeys.length) throw E.InputLengthsUnequal()
  const failures: [number, DispatchFailure][] = []
  netuids.forEach((netuid, i) => {
    try {
      if (S.CommitRevealWeightsEnabled.get(ctx.s, netuid)) throw E.CommitRevealEnabled()
      const w = weights[i] ?? []
      internalSetWeights(ctx, hotkey, netuid, 0, w.map(([u]) => u), w.map(([, v]) => v), versionKeys[i] ?? 0n)
    } catch (e) {
      if (!(e instanceof DispatchFailure)) throw e
      failures.push([netuid, e])
    }
  })
  if (failures.length > 0) SubtensorEvents.BatchCompletedWithErrors.emit(ctx.env, null)
  for (const [netuid, e] of failures) SubtensorEvents.BatchWeightItemFailed.emit(ctx.env, [netuid, e.error])
  SubtensorEvents.BatchWeightsCompleted.emit(ctx.env, [netuids, hotkey])
}

implement('set_weights', (ctx, a) => setWeightsCall(ctx, a.netuid, 0, a.dests, a.weights, a.version_key))
implement('set_mechanism_weights', (ctx, a) => setWeightsCall(ctx, a.netuid, a.mecid, a.dests, a.weights, a.version_key))
implement('batch_set_weights', (ctx, a) => doBatchSetWeights(ctx, a.netuids, a.weights, a.version_keys))

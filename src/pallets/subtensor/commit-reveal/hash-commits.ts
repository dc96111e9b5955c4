// subnets/weights.rs, commit-reveal by hash (CR-v2): commit_weights (96), commit_mechanism_weights
// (115), batch_commit_weights (100), reveal_weights (97), reveal_mechanism_weights (116),
// batch_reveal_weights (98). A commit is (hash, commit epoch, commit block, 0) in WeightCommits;
// it can be revealed only in epoch commit + RevealPeriodEpochs and expires after it.
import { Writer, writeCompact } from '../../../codec/scale.js'
import { blake2_256 } from '../../../codec/hashing.js'
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { ensureMechanismExists, mechanismStorageIndex } from '../subnets/mechanism.js'
import { checkRateLimit, internalSetWeights } from '../subnets/weights.js'
import { currentBlock, setLastUpdateForUid } from '../utils/misc.js'
import { currentEpochWithLookahead, isCommitExpired, isRevealBlockRange } from './epochs.js'

type Commit = [Uint8Array, bigint, bigint, bigint]
const MAX_UNREVEALED = 10

/**
 * `get_commit_hash`: BlakeTwo256 of SCALE (hotkey, netuid_index u16, uids, values, salt, version_key u64)
 * — what clients compute before committing.
 */
export function commitHash(hotkey: Uint8Array, netuidIndex: number, uids: readonly number[], values: readonly number[], salt: readonly number[], versionKey: bigint): Uint8Array {
  const w = new Writer(64 + 2 * (uids.length + values.length + salt.length))
  w.bytes(hotkey)
  w.uintLE(netuidIndex, 2)
  for (const list of [uids, values, salt]) {
    writeCompact(w, list.length)
    for (const x of list) w.uintLE(x, 2)
  }
  w.bigLE(versionKey, 8)
  return blake2_256(w.finish())
}

const sameHash = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** `internal_commit_weights`. */
export function internalCommitWeights(ctx: CallCtx, netuid: number, mecid: number, hash: Uint8Array): void {
  const { s } = ctx
  ensureMechanismExists(s, netuid, mecid)
  const idx = mechanismStorageIndex(netuid, mecid)
  const who = ensureSigned(ctx)
  if (!S.CommitRevealWeightsEnabled.get(s, netuid)) throw E.CommitRevealDisabled()
  const uid = S.Uids.get(s, netuid, who)
  if (uid === null) throw E.HotKeyNotRegisteredInSubNet()
  const block = currentBlock(s)
  if (!checkRateLimit(s, idx, uid, block)) throw E.CommittingWeightsTooFast()
  const epoch = currentEpochWithLookahead(s, netuid)
  const commits: Commit[] = S.WeightCommits.get(s, idx, who) ?? []
  while (commits.length > 0 && isCommitExpired(s, netuid, (commits[0] as Commit)[1])) commits.shift()
  if (commits.length >= MAX_UNREVEALED) throw E.TooManyUnrevealedCommits()
  commits.push([hash, epoch, block, 0n])
  S.WeightCommits.set(s, idx, who, commits)
  SubtensorEvents.WeightsCommitted.emit(ctx.env, [who, idx, hash])
  setLastUpdateForUid(s, idx, uid, block)
}

/** Drops the expired commits at the front of the queue; returns their hashes. */
function dropExpired(s: Store, netuid: number, commits: Commit[]): Uint8Array[] {
  const expired: Uint8Array[] = []
  while (commits.length > 0 && isCommitExpired(s, netuid, (commits[0] as Commit)[1])) expired.push((commits.shift() as Commit)[0])
  return expired
}

const missing = (expired: readonly Uint8Array[], h: Uint8Array): DispatchFailure =>
  (expired.some((x) => sameHash(x, h)) ? E.ExpiredWeightCommit() : E.InvalidRevealCommitHashNotMatch())

/** `internal_reveal_weights`: the matching commit and every older one are consumed, then the weights are set. */
export function internalRevealWeights(ctx: CallCtx, netuid: number, mecid: number, uids: number[], values: number[], salt: number[], versionKey: bigint): void {
  const { s } = ctx
  const idx = mechanismStorageIndex(netuid, mecid)
  const who = ensureSigned(ctx)
  if (!S.CommitRevealWeightsEnabled.get(s, netuid)) throw E.CommitRevealDisabled()
  const commits = S.WeightCommits.get(s, idx, who)
  if (commits === null) throw E.NoWeightsCommitFound()
  const expired = dropExpired(s, netuid, commits)
  const provided = commitHash(who, idx, uids, values, salt, versionKey)
  if (commits.length === 0) throw expired.some((x) => sameHash(x, provided)) ? E.ExpiredWeightCommit() : E.NoWeightsCommitFound()
  const position = commits.findIndex(([h]) => sameHash(h, provided))
  if (position < 0) throw missing(expired, provided)
  if (!isRevealBlockRange(s, netuid, (commits[position] as Commit)[1])) throw E.RevealTooEarly()
  commits.splice(0, position + 1)
  if (commits.length === 0) S.WeightCommits.remove(s, idx, who)
  else S.WeightCommits.set(s, idx, who, commits)
  internalSetWeights(ctx, who, netuid, mecid, uids, values, versionKey)
  SubtensorEvents.WeightsRevealed.emit(ctx.env, [who, idx, provided])
}

/** `do_batch_reveal_weights` (mechanism 0): all reveals are checked before any is applied. */
export function doBatchRevealWeights(ctx: CallCtx, netuid: number, uidsList: number[][], valuesList: number[][], saltsList: number[][], versionKeys: bigint[]): void {
  const { s } = ctx
  const idx = mechanismStorageIndex(netuid, 0)
  const n = uidsList.length
  if (n !== valuesList.length || n !== saltsList.length || n !== versionKeys.length) throw E.InputLengthsUnequal()
  const who = ensureSigned(ctx)
  if (!S.CommitRevealWeightsEnabled.get(s, netuid)) throw E.CommitRevealDisabled()
  const commits = S.WeightCommits.get(s, idx, who)
  if (commits === null) throw E.NoWeightsCommitFound()
  const expired = dropExpired(s, netuid, commits)
  const reveals = uidsList.map((uids, i) => ({ uids, values: valuesList[i] as number[], versionKey: versionKeys[i] as bigint, hash: commitHash(who, netuid, uids, valuesList[i] as number[], saltsList[i] as number[], versionKeys[i] as bigint) }))
  for (const r of reveals) {
    const c = commits.find(([h]) => sameHash(h, r.hash))
    if (c === undefined) throw missing(expired, r.hash)
    if (!isRevealBlockRange(s, netuid, c[1])) throw E.RevealTooEarly()
  }
  const revealed: Uint8Array[] = []
  for (const r of reveals) {
    const position = commits.findIndex(([h]) => sameHash(h, r.hash))
    if (position < 0) throw missing(expired, r.hash)
    commits.splice(position, 1)
    internalSetWeights(ctx, who, netuid, 0, r.uids, r.values, r.versionKey)
    revealed.push(r.hash)
  }
  if (commits.length === 0) S.WeightCommits.remove(s, idx, who)
  else S.WeightCommits.set(s, idx, who, commits)
  SubtensorEvents.WeightsBatchRevealed.emit(ctx.env, [who, netuid, revealed])
}

/** `do_batch_commit_weights`: each item commits on mechanism 0; failures become events. */
export function doBatchCommitWeights(ctx: CallCtx, netuids: number[], hashes: Uint8Array[]): void {
  const hotkey = ensureSigned(ctx)
  if (netuids.length !== hashes.length) throw E.InputLengthsUnequal()
  const failures: [number, DispatchFailure][] = []
  netuids.forEach((netuid, i) => {
    ctx.s.startTransaction()
    try {
      internalCommitWeights(ctx, netuid, 0, hashes[i] as Uint8Array)
      ctx.s.commitTransaction()
    } catch (e) {
      ctx.s.rollbackTransaction()
      if (!(e instanceof DispatchFailure)) throw e
      failures.push([netuid, e])
    }
  })
  if (failures.length > 0) SubtensorEvents.BatchCompletedWithErrors.emit(ctx.env, null)
  for (const [netuid, e] of failures) SubtensorEvents.BatchWeightItemFailed.emit(ctx.env, [netuid, e.error])
  SubtensorEvents.BatchWeightsCompleted.emit(ctx.env, [netuids, hotkey])
}

implement('commit_weights', (ctx, a) => internalCommitWeights(ctx, a.netuid, 0, a.commit_hash))
implement('commit_mechanism_weights', (ctx, a) => internalCommitWeights(ctx, a.netuid, a.mecid, a.commit_hash))
implement('batch_commit_weights', (ctx, a) => doBatchCommitWeights(ctx, a.netuids, a.commit_hashes))
implement('reveal_weights', (ctx, a) => internalRevealWeights(ctx, a.netuid, 0, a.uids, a.values, a.salt, a.version_key))
implement('reveal_mechanism_weights', (ctx, a) => internalRevealWeights(ctx, a.netuid, a.mecid, a.uids, a.values, a.salt, a.version_key))
implement('batch_reveal_weights', (ctx, a) => doBatchRevealWeights(ctx, a.netuid, a.uids_list, a.values_list, a.salts_list, a.version_keys))

// Timelocked commit-reveal ("CRv3", version 4), subnets/weights.rs and coinbase/reveal_commits.rs
// at HEAD: commit_timelocked_weights (113), commit_crv3_mechanism_weights (117, version fixed to 4)
// and commit_timelocked_mechanism_weights (118) queue (who, block, ciphertext, reveal_round) under
// TimelockedWeightCommits(netuid_index, epoch); block_step opens them with the drand pulse of
// their round once their reveal epoch comes and sets the weights through internal_set_weights.
import { sameBytes } from '../../../codec/bytes.js'
import { blake2_256 } from '../../../codec/hashing.js'
import { codecOf, Reader } from '../../../codec/scale.js'
import { bytes, composite, f, u16, u64, vec } from '../../../codec/types.js'
import type { CallCtx, ExecEnv } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { decryptWithSignature, DrandStorage } from '../../drand/index.js'
import { ensureSigned } from '../../system/index.js'
import { allSubnets } from '../coinbase/subnet-emissions.js'
import { epochsDeferredThisBlock } from '../coinbase/epoch-schedule.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { ensureMechanismExists, mechanismStorageIndex, netuidOfIndex } from '../subnets/mechanism.js'
import { checkRateLimit, internalSetWeights } from '../subnets/weights.js'
import { currentBlock, setLastUpdateForUid } from '../utils/misc.js'
import { currentEpochWithLookahead } from './epochs.js'

type TimelockedCommit = [Uint8Array, bigint, Uint8Array, bigint]
const MAX_UNREVEALED_PER_EPOCH = 10

/** The payload a timelocked commit encrypts (reveal_commits.rs `WeightsTlockPayload`). */
export const WeightsTlockPayload = composite('pallet_subtensor::coinbase::reveal_commits::WeightsTlockPayload', [
  f('hotkey', bytes, 'Vec<u8>'), f('uids', vec(u16), 'Vec<u16>'), f('values', vec(u16), 'Vec<u16>'), f('version_key', u64, 'u64'),
])
export const LegacyWeightsTlockPayload = composite('pallet_subtensor::coinbase::reveal_commits::LegacyWeightsTlockPayload', [
  f('uids', vec(u16), 'Vec<u16>'), f('values', vec(u16), 'Vec<u16>'), f('version_key', u64, 'u64'),
])
export interface WeightsTlockPayloadValue { hotkey: Uint8Array; uids: number[]; values: number[]; version_key: bigint }
type Weights = { uids: number[]; values: number[]; version_key: bigint }

/** parity-scale-codec's `Decode::decode`: reads a prefix, trailing bytes allowed; null on failure. */
function decodePrefix<T>(ty: Parameters<typeof codecOf>[0], b: Uint8Array): T | null {
  try { return codecOf<T>(ty).dec(new Reader(b)) } catch { return null }
}

/**
 * CheckWeights' timelocked rule (guards/check_weights.rs): a reveal round older than the newest
 * stored pulse is refused, InvalidRevealRound (the pool's Custom(15)).
 */
export const isInvalidRevealRound = (s: Store, revealRound: bigint): boolean => revealRound < DrandStorage.LastStoredRound.get(s)

/** `internal_commit_timelocked_weights`, its checks in the chain's order. */
export function internalCommitTimelockedWeights(ctx: CallCtx, netuid: number, mecid: number, commit: Uint8Array, revealRound: bigint, version: number): void {
  const { s } = ctx
  ensureMechanismExists(s, netuid, mecid)
  const idx = mechanismStorageIndex(netuid, mecid)
  const who = ensureSigned(ctx)
  if (!S.CommitRevealWeightsEnabled.get(s, netuid)) throw E.CommitRevealDisabled()
  if (version !== S.CommitRevealWeightsVersion.get(s)) throw E.IncorrectCommitRevealVersion()
  const uid = S.Uids.get(s, netuid, who)
  if (uid === null) throw E.HotKeyNotRegisteredInSubNet()
  const block = currentBlock(s)
  if (!checkRateLimit(s, idx, uid, block)) throw E.CommittingWeightsTooFast()
  const epoch = currentEpochWithLookahead(s, netuid)
  const commits: TimelockedCommit[] = S.TimelockedWeightCommits.get(s, idx, epoch) ?? []
  if (commits.filter(([a]) => sameBytes(a, who)).length >= MAX_UNREVEALED_PER_EPOCH) throw E.TooManyUnrevealedCommits()
  commits.push([who, block, commit, revealRound])
  S.TimelockedWeightCommits.set(s, idx, epoch, commits)
  SubtensorEvents.TimelockedWeightsCommitted.emit(ctx.env, [who, idx, blake2_256(commit), revealRound])
  setLastUpdateForUid(s, idx, uid, block)
}


/** The weights a decrypted payload carries for `who`, or null when the chain would drop it. */
export function weightsOfPayload(plain: Uint8Array, who: Uint8Array): Weights | null {
  const legacy = (): Weights | null => decodePrefix<Weights>(LegacyWeightsTlockPayload, plain)
  const p = decodePrefix<WeightsTlockPayloadValue>(WeightsTlockPayload, plain)
  if (p === null) return legacy()
  // T::AccountId::decode reads 32 bytes and ignores the rest; too short falls back to the legacy form
  if (p.hotkey.length < 32) return legacy()
  if (!sameBytes(p.hotkey.subarray(0, 32), who)) return null
  return { uids: p.uids, values: p.values, version_key: p.version_key }
}

/** `reveal_crv3_commits_for_subnet`. */
export function revealCrv3CommitsForSubnet(s: Store, env: ExecEnv, netuid: number): void {
  const revealPeriod = S.RevealPeriodEpochs.get(s, netuid)
  const curEpoch = currentEpochWithLookahead(s, netuid)
  const revealEpoch = curEpoch > revealPeriod ? curEpoch - revealPeriod : 0n
  const mechanisms = S.MechanismCountCurrent.get(s, netuid)
  for (let mecid = 0; mecid < mechanisms; mecid++) {
    const idx = mechanismStorageIndex(netuid, mecid)
    for (const [epoch] of [...S.TimelockedWeightCommits.iterPrefix(s, idx)]) {
      if (epoch < revealEpoch) S.TimelockedWeightCommits.remove(s, idx, epoch)
    }
    // as the chain, this returns for the whole subnet (after mechanism 0's clean-up)
    if (curEpoch < revealPeriod) return
    const entries = S.TimelockedWeightCommits.get(s, idx, revealEpoch) ?? []
    S.TimelockedWeightCommits.remove(s, idx, revealEpoch)
    const unrevealed: TimelockedCommit[] = []
    for (const entry of entries) {
      const [who, , commit, round] = entry
      const pulse = DrandStorage.Pulses.get(s, round)
      if (pulse === null) { unrevealed.push(entry); continue }
      const sig = startsWith0x(pulse.signature) ? pulse.signature.subarray(2) : pulse.signature
      const opened = decryptWithSignature(commit, sig)
      if (!opened.ok) continue
      const w = weightsOfPayload(opened.value, who)
      if (w === null) continue
      try {
        internalSetWeights({ origin: { kind: 'Signed', who }, s, env }, who, netuid, mecid, w.uids, w.values, w.version_key)
      } catch (e) {
        if (e instanceof DispatchFailure) continue
        throw e
      }
      SubtensorEvents.TimelockedWeightsRevealed.emit(env, [idx, who])
    }
    if (unrevealed.length > 0) S.TimelockedWeightCommits.set(s, idx, revealEpoch, unrevealed)
  }
}

const startsWith0x = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x30 && b[1] === 0x78

/**
 * The netuids that have any timelocked commit, from the keys alone (prefix ‖ twox64 ‖ u16 LE
 * netuid_index ‖ …). A subnet without commits is left as the chain leaves it, so only these are visited.
 */
function netuidsWithCommits(s: Store): Set<number> {
  const at = S.TimelockedWeightCommits.prefix.length + 8
  const out = new Set<number>()
  for (const key of s.keys(S.TimelockedWeightCommits.prefix)) out.add(netuidOfIndex((key[at] as number) | ((key[at + 1] as number) << 8)))
  return out
}

/** block_step's `reveal_crv3_commits`: every subnet but root whose epoch is not deferred this block. */
export function revealCrv3Commits(s: Store, env: ExecEnv): void {
  const pending = netuidsWithCommits(s)
  if (pending.size === 0) return
  const subnets = allSubnets(s)
  const deferred = epochsDeferredThisBlock(s, subnets, currentBlock(s))
  for (const netuid of subnets) if (pending.has(netuid) && !deferred.has(netuid)) revealCrv3CommitsForSubnet(s, env, netuid)
}

implement('commit_timelocked_weights', (ctx, a) => {
  internalCommitTimelockedWeights(ctx, a.netuid, 0, a.commit, a.reveal_round, a.commit_reveal_version)
})
implement('commit_crv3_mechanism_weights', (ctx, a) => {
  internalCommitTimelockedWeights(ctx, a.netuid, a.mecid, a.commit, a.reveal_round, 4)
})
implement('commit_timelocked_mechanism_weights', (ctx, a) => {
  internalCommitTimelockedWeights(ctx, a.netuid, a.mecid, a.commit, a.reveal_round, a.commit_reveal_version)
})

// utils/voting_power.rs (HEAD 14bc6f9): per-subnet voting power, an EMA of each validator's stake
// updated after every epoch, switched on by the owner or Root and switched off after a grace period.
import type { ExecEnv } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { ensureRoot } from '../../system/calls.js'
import type { EpochTerms } from '../epoch/run-epoch.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from './misc.js'
import { ensureSubnetOwnerOrRoot } from './rate-limiting.js'

/** VOTING_POWER_DISABLE_GRACE_PERIOD_BLOCKS: 14 days of 12 s blocks. */
export const VOTING_POWER_DISABLE_GRACE_PERIOD_BLOCKS = 100_800n
/** MAX_VOTING_POWER_EMA_ALPHA: 1.0 with 18 decimals. */
export const MAX_VOTING_POWER_EMA_ALPHA = 1_000_000_000_000_000_000n
const U64_MAX = (1n << 64n) - 1n

/** `calculate_voting_power_ema`: (α·stake + (1 − α)·previous) / 10¹⁸ in u128, saturated to u64. */
export function votingPowerEma(stake: bigint, previous: bigint, alpha: bigint): bigint {
  const oneMinus = MAX_VOTING_POWER_EMA_ALPHA > alpha ? MAX_VOTING_POWER_EMA_ALPHA - alpha : 0n
  const v = (alpha * stake + oneMinus * previous) / MAX_VOTING_POWER_EMA_ALPHA
  return v > U64_MAX ? U64_MAX : v
}

/**
 * `update_voting_power_for_subnet`, run by epoch_with_mechanisms on the aggregated terms (in
 * hotkey order): validators' EMA moves toward their stake, others lose theirs, and so do hotkeys
 * no longer registered; past the scheduled disable block tracking ends and the map is cleared.
 */
export function updateVotingPowerForSubnet(s: Store, env: Pick<ExecEnv, 'depositEvent'>, netuid: number, terms: ReadonlyArray<readonly [Uint8Array, EpochTerms]>): void {
  if (!S.VotingPowerTrackingEnabled.get(s, netuid)) return
  const disableAt = S.VotingPowerDisableAtBlock.get(s, netuid)
  if (disableAt > 0n && currentBlock(s) >= disableAt) {
    for (const [hotkey] of [...S.VotingPower.iterPrefix(s, netuid)]) S.VotingPower.remove(s, netuid, hotkey)
    S.VotingPowerTrackingEnabled.set(s, netuid, false)
    S.VotingPowerDisableAtBlock.remove(s, netuid)
    SubtensorEvents.VotingPowerTrackingDisabled.emit(env, { netuid })
    return
  }
  const alpha = S.VotingPowerEmaAlpha.get(s, netuid)
  const minStake = S.StakeThreshold.get(s)
  for (const [hotkey, t] of terms) {
    if (!t.newValidatorPermit) { S.VotingPower.remove(s, netuid, hotkey); continue }
    const previous = S.VotingPower.get(s, netuid, hotkey)
    const next = votingPowerEma(t.stake, previous, alpha)
    // only a validator that was above the threshold and decayed below it is dropped
    if (next < minStake && previous >= minStake) S.VotingPower.remove(s, netuid, hotkey)
    else if (next > 0n) S.VotingPower.set(s, netuid, hotkey, next)
  }
  for (const [hotkey] of [...S.VotingPower.iterPrefix(s, netuid)]) {
    if (!S.IsNetworkMember.get(s, hotkey, netuid)) S.VotingPower.remove(s, netuid, hotkey)
  }
}

implement('enable_voting_power_tracking', (ctx, a) => {
  ensureSubnetOwnerOrRoot(ctx, a.netuid)
  S.VotingPowerTrackingEnabled.set(ctx.s, a.netuid, true)
  S.VotingPowerDisableAtBlock.remove(ctx.s, a.netuid)
  SubtensorEvents.VotingPowerTrackingEnabled.emit(ctx.env, { netuid: a.netuid })
})

implement('disable_voting_power_tracking', (ctx, a) => {
  ensureSubnetOwnerOrRoot(ctx, a.netuid)
  if (!S.VotingPowerTrackingEnabled.get(ctx.s, a.netuid)) throw E.VotingPowerTrackingNotEnabled()
  const disableAt = currentBlock(ctx.s) + VOTING_POWER_DISABLE_GRACE_PERIOD_BLOCKS
  S.VotingPowerDisableAtBlock.set(ctx.s, a.netuid, disableAt)
  SubtensorEvents.VotingPowerTrackingDisableScheduled.emit(ctx.env, { netuid: a.netuid, disable_at_block: disableAt })
})

implement('sudo_set_voting_power_ema_alpha', (ctx, a) => {
  ensureRoot(ctx)
  if (a.alpha > MAX_VOTING_POWER_EMA_ALPHA) throw E.InvalidVotingPowerEmaAlpha()
  S.VotingPowerEmaAlpha.set(ctx.s, a.netuid, a.alpha)
  SubtensorEvents.VotingPowerEmaAlphaSet.emit(ctx.env, { netuid: a.netuid, alpha: a.alpha })
})

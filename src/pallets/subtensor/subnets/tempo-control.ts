// coinbase/tempo_control.rs (HEAD 14bc6f9): the owner's dynamic tempo calls — set_tempo,
// set_activity_cutoff_factor and trigger_epoch. Kept beside the subnet calls (the epoch scheduler
// that consumes PendingEpochAt and LastEpochBlock lives in coinbase/epoch-schedule.ts).
import type { CallCtx } from '../../../frame/declare/pallet.js'
import { badOrigin } from '../../../frame/primitives.js'
import { SubtensorConstants as C } from '../macros/config.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'
import {
  blocksUntilNextAutoEpoch, ensureAdminWindowOpen, ensureSubnetOwnerOrRoot, ownerHyperparamPasses, recordOwnerRateLimit,
} from '../utils/rate-limiting.js'
import { equal } from './uids.js'

/** TransactionType::TempoUpdate as u16: its last block is kept in TransactionKeyLastBlock. */
const TEMPO_UPDATE = 11

/** `ensure_subnet_owner`: signed by the subnet's owner coldkey (no existence check, as the chain). */
export function ensureSubnetOwner(ctx: CallCtx, netuid: number): Uint8Array {
  if (ctx.origin.kind === 'Signed' && equal(S.SubnetOwner.get(ctx.s, netuid), ctx.origin.who)) return ctx.origin.who
  throw badOrigin()
}

/** `do_set_tempo`: owner only, MinTempo..=MaxTempo, admin window open, one change per MinTempo blocks. */
export function doSetTempo(ctx: CallCtx, netuid: number, tempo: number): void {
  const { s } = ctx
  const who = ensureSubnetOwner(ctx, netuid)
  if (tempo < C.MinTempo || tempo > C.MaxTempo) throw E.TempoOutOfBounds()
  ensureAdminWindowOpen(s, netuid)
  const now = currentBlock(s)
  const last = S.TransactionKeyLastBlock.get(s, who, netuid, TEMPO_UPDATE)
  if (last !== 0n && (now > last ? now - last : 0n) < BigInt(C.MinTempo)) throw E.TxRateLimitExceeded()
  // apply_tempo_with_cycle_reset: the next automatic epoch counts from now
  S.Tempo.set(s, netuid, tempo)
  SubtensorEvents.TempoSet.emit(ctx.env, [netuid, tempo])
  S.LastEpochBlock.set(s, netuid, now)
  S.TransactionKeyLastBlock.set(s, [who, netuid, TEMPO_UPDATE], now)
}

/** `do_set_activity_cutoff_factor`: owner (freeze window + rate limit) or Root (neither). */
export function doSetActivityCutoffFactor(ctx: CallCtx, netuid: number, factorMilli: number): void {
  const { s } = ctx
  const who = ensureSubnetOwnerOrRoot(ctx, netuid)
  if (factorMilli < C.MinActivityCutoffFactorMilli || factorMilli > C.MaxActivityCutoffFactorMilli) throw E.ActivityCutoffFactorMilliOutOfBounds()
  if (who !== null) {
    ensureAdminWindowOpen(s, netuid)
    if (!ownerHyperparamPasses(s, netuid, 'ActivityCutoffFactorMilli')) throw E.TxRateLimitExceeded()
  }
  S.ActivityCutoffFactorMilli.set(s, netuid, factorMilli)
  SubtensorEvents.ActivityCutoffFactorMilliSet.emit(ctx.env, { netuid, factor_milli: factorMilli })
  recordOwnerRateLimit(s, who, netuid, ['ActivityCutoffFactorMilli'])
}

/** `do_trigger_epoch`: the owner schedules an epoch AdminFreezeWindow blocks ahead. */
export function doTriggerEpoch(ctx: CallCtx, netuid: number): void {
  const { s } = ctx
  const who = ensureSubnetOwner(ctx, netuid)
  // an out-of-band epoch would desynchronise the commit-reveal schedule
  if (S.CommitRevealWeightsEnabled.get(s, netuid)) throw E.DynamicTempoBlockedByCommitReveal()
  if (S.PendingEpochAt.get(s, netuid) !== 0n) throw E.EpochTriggerAlreadyPending()
  const now = currentBlock(s)
  const window = BigInt(S.AdminFreezeWindow.get(s))
  if (blocksUntilNextAutoEpoch(s, netuid, S.Tempo.get(s, netuid), now) < window) throw E.AutoEpochAlreadyImminent()
  if (!ownerHyperparamPasses(s, netuid, 'TriggerEpoch')) throw E.TxRateLimitExceeded()
  const firesAt = now + window
  S.PendingEpochAt.set(s, netuid, firesAt)
  recordOwnerRateLimit(s, who, netuid, ['TriggerEpoch'])
  SubtensorEvents.EpochTriggered.emit(ctx.env, { netuid, by: who, fires_at: firesAt })
}

implement('set_tempo', (ctx, a) => doSetTempo(ctx, a.netuid, a.tempo))
implement('set_activity_cutoff_factor', (ctx, a) => doSetActivityCutoffFactor(ctx, a.netuid, a.factor_milli))
implement('trigger_epoch', (ctx, a) => doTriggerEpoch(ctx, a.netuid))

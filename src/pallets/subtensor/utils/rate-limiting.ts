// utils/rate_limiting.rs and the owner/root/freeze-window checks of utils/misc.rs that
// hyperparameter setters share.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { badOrigin } from '../../../frame/primitives.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { equal } from '../subnets/uids.js'
import { currentBlock } from './misc.js'

/** A Hyperparameter variant name (types.ts Hyperparameter). */
export type HyperparameterName = string

const hpKey = (netuid: number, hp: HyperparameterName) => ({ type: 'OwnerHyperparamUpdate' as const, value: [netuid, { type: hp }] as [number, { type: string }] })

/** `check_passes_rate_limit`: never used, or at least `limit` blocks since. */
const passes = (limit: bigint, now: bigint, last: bigint): boolean => last === 0n || (now > last ? now - last : 0n) >= limit

/** OwnerHyperparamUpdate's limit: OwnerHyperparamRateLimit tempos of the subnet. */
export function ownerHyperparamPasses(s: Store, netuid: number, hp: HyperparameterName): boolean {
  const limit = BigInt(S.Tempo.get(s, netuid)) * BigInt(S.OwnerHyperparamRateLimit.get(s))
  return passes(limit, currentBlock(s), S.LastRateLimitedBlock.get(s, hpKey(netuid, hp)))
}

/** `ensure_subnet_owner_or_root`: the owner coldkey (signed) or Root (null). */
export function ensureSubnetOwnerOrRoot(ctx: CallCtx, netuid: number): Uint8Array | null {
  if (ctx.origin.kind === 'Root') return null
  if (ctx.origin.kind === 'Signed' && equal(S.SubnetOwner.get(ctx.s, netuid), ctx.origin.who)) return ctx.origin.who
  throw badOrigin()
}

/** `ensure_sn_owner_or_root_with_limits`: the owner also passes each parameter's rate limit. */
export function ensureOwnerOrRootWithLimits(ctx: CallCtx, netuid: number, hps: HyperparameterName[]): Uint8Array | null {
  const who = ensureSubnetOwnerOrRoot(ctx, netuid)
  if (who !== null) for (const hp of hps) if (!ownerHyperparamPasses(ctx.s, netuid, hp)) throw E.TxRateLimitExceeded()
  return who
}

/** `record_owner_rl`: the owner's change is remembered for the rate limit (Root's is not). */
export function recordOwnerRateLimit(s: Store, owner: Uint8Array | null, netuid: number, hps: HyperparameterName[]): void {
  if (owner === null) return
  for (const hp of hps) S.LastRateLimitedBlock.set(s, hpKey(netuid, hp), currentBlock(s))
}

/** `blocks_until_next_auto_epoch`: LastEpochBlock + tempo − now (u64::MAX for tempo 0). */
export function blocksUntilNextAutoEpoch(s: Store, netuid: number, tempo: number, now: bigint): bigint {
  if (tempo === 0) return (1n << 64n) - 1n
  const next = S.LastEpochBlock.get(s, netuid) + BigInt(tempo)
  return next > now ? next - now : 0n
}

/** `is_in_admin_freeze_window`: a pending trigger, or fewer than AdminFreezeWindow blocks to the next epoch. */
export function inAdminFreezeWindow(s: Store, netuid: number, now: bigint): boolean {
  const tempo = S.Tempo.get(s, netuid)
  if (tempo === 0) return false
  const pending = S.PendingEpochAt.get(s, netuid)
  if (pending > 0n && pending > now) return true
  return blocksUntilNextAutoEpoch(s, netuid, tempo, now) < BigInt(S.AdminFreezeWindow.get(s))
}

export function ensureAdminWindowOpen(s: Store, netuid: number): void {
  if (inAdminFreezeWindow(s, netuid, currentBlock(s))) throw E.AdminActionProhibitedDuringWeightsWindow()
}

// The AdminUtils setters whose subtensor side does more than insert a value (pallets/admin-utils/
// src/lib.rs with the subtensor functions they call: utils/misc.rs, subnets/mechanism.rs,
// subnets/subnet.rs, subnets/weights.rs, epoch/run_epoch.rs), each check in the chain's order.
import type { CallCtx } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { SubtensorErrors as SE, SubtensorEvents as Ev, SubtensorStorage as S } from '../subtensor/index.js'
import { isSubnetAccountId } from '../subtensor/subnets/network.js'
import { currentBlock, ifSubnetExist, mechanismStorageIndex } from '../subtensor/utils/misc.js'
import {
  ensureAdminWindowOpen, ensureOwnerOrRootWithLimits, ensureSubnetOwnerOrRoot, recordOwnerRateLimit,
} from '../subtensor/utils/rate-limiting.js'
import { setTxLastBlockOnSubnet, txPassesOnSubnet, type TransactionType } from '../subtensor/utils/transaction-type.js'
import { trimToMaxAllowedUids } from '../subtensor/subnets/trim-uids.js'
import { ensureRoot } from '../system/index.js'
import { implement } from './calls.js'
import { AdminUtilsErrors as E } from './pallet.js'

/** InitialMaxAllowedUids, what DefaultMaxAllowedUids returns. */
const DEFAULT_MAX_ALLOWED_UIDS = 256
/** subnets/mechanism.rs MAX_MECHANISM_COUNT_PER_SUBNET. */
const MAX_MECHANISM_COUNT_PER_SUBNET = 16
const U16_MAX = 0xffff

/** `ensure_sn_owner_or_root_with_limits` for a TransactionType that is not a hyperparameter. */
function ensureOwnerOrRootWithTx(ctx: CallCtx, netuid: number, tx: TransactionType): Uint8Array | null {
  const who = ensureSubnetOwnerOrRoot(ctx, netuid)
  if (who !== null && !txPassesOnSubnet(ctx.s, tx, who, netuid)) throw SE.TxRateLimitExceeded()
  return who
}
function recordOwnerTx(s: Store, owner: Uint8Array | null, netuid: number, tx: TransactionType): void {
  if (owner !== null) setTxLastBlockOnSubnet(s, tx, owner, netuid, currentBlock(s))
}
function ensureExists(s: Store, netuid: number): void {
  if (!ifSubnetExist(s, netuid)) throw E.SubnetDoesNotExist()
}

/** `ensure_max_uids_over_all_mechanisms`: u16 saturating product within DefaultMaxAllowedUids. */
function ensureMaxUidsOverAllMechanisms(maxUids: number, mechanismCount: number): void {
  if (Math.min(maxUids * mechanismCount, U16_MAX) > DEFAULT_MAX_ALLOWED_UIDS) throw SE.TooManyUIDsPerMechanism()
}

implement('sudo_set_weights_version_key', (ctx, a) => {
  const owner = ensureOwnerOrRootWithTx(ctx, a.netuid, 'SetWeightsVersionKey')
  ensureAdminWindowOpen(ctx.s, a.netuid)
  ensureExists(ctx.s, a.netuid)
  recordOwnerTx(ctx.s, owner, a.netuid, 'SetWeightsVersionKey')
  S.WeightsVersionKey.set(ctx.s, a.netuid, a.weights_version_key)
  Ev.WeightsVersionKeySet.emit(ctx.env, [a.netuid, a.weights_version_key])
})

implement('sudo_set_max_allowed_uids', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['MaxAllowedUids'])
  ensureAdminWindowOpen(s, a.netuid)
  ensureExists(s, a.netuid)
  if (a.max_allowed_uids < S.MinAllowedUids.get(s, a.netuid)) throw E.MaxAllowedUidsLessThanMinAllowedUids()
  if (S.SubnetworkN.get(s, a.netuid) > a.max_allowed_uids) throw E.MaxAllowedUIdsLessThanCurrentUIds()
  if (a.max_allowed_uids > DEFAULT_MAX_ALLOWED_UIDS) throw E.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids()
  ensureMaxUidsOverAllMechanisms(a.max_allowed_uids, S.MechanismCountCurrent.get(s, a.netuid))
  S.MaxAllowedUids.set(s, a.netuid, a.max_allowed_uids)
  Ev.MaxAllowedUidsSet.emit(ctx.env, [a.netuid, a.max_allowed_uids])
  recordOwnerRateLimit(s, owner, a.netuid, ['MaxAllowedUids'])
})

implement('sudo_set_min_allowed_uids', (ctx, a) => {
  const { s } = ctx
  ensureRoot(ctx)
  ensureAdminWindowOpen(s, a.netuid)
  ensureExists(s, a.netuid)
  if (a.min_allowed_uids >= S.MaxAllowedUids.get(s, a.netuid)) throw E.MinAllowedUidsGreaterThanMaxAllowedUids()
  if (a.min_allowed_uids >= S.SubnetworkN.get(s, a.netuid)) throw E.MinAllowedUidsGreaterThanCurrentUids()
  S.MinAllowedUids.set(s, a.netuid, a.min_allowed_uids)
  Ev.MinAllowedUidsSet.emit(ctx.env, [a.netuid, a.min_allowed_uids])
})

// apply_tempo_with_cycle_reset: the epoch schedule restarts from this block
implement('sudo_set_tempo', (ctx, a) => {
  ensureRoot(ctx)
  ensureAdminWindowOpen(ctx.s, a.netuid)
  ensureExists(ctx.s, a.netuid)
  S.Tempo.set(ctx.s, a.netuid, a.tempo)
  Ev.TempoSet.emit(ctx.env, [a.netuid, a.tempo])
  S.LastEpochBlock.set(ctx.s, a.netuid, currentBlock(ctx.s))
})

implement('sudo_set_min_childkey_take_per_subnet', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['MinChildkeyTake'])
  ensureAdminWindowOpen(s, a.netuid)
  ensureExists(s, a.netuid)
  if (a.take < S.MinChildkeyTake.get(s) || a.take > S.MaxChildkeyTake.get(s)) throw E.InvalidValue()
  S.MinChildkeyTakePerSubnet.set(s, a.netuid, a.take)
  Ev.MinChildKeyTakePerSubnetSet.emit(ctx.env, [a.netuid, a.take])
  recordOwnerRateLimit(s, owner, a.netuid, ['MinChildkeyTake'])
})

// set_reveal_period: MIN_COMMIT_REVEAL_PEROIDS 1 ..= MAX_COMMIT_REVEAL_PEROIDS 100
implement('sudo_set_commit_reveal_weights_interval', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['WeightCommitInterval'])
  ensureAdminWindowOpen(s, a.netuid)
  ensureExists(s, a.netuid)
  if (a.interval > 100n) throw SE.RevealPeriodTooLarge()
  if (a.interval < 1n) throw SE.RevealPeriodTooSmall()
  S.RevealPeriodEpochs.set(s, a.netuid, a.interval)
  Ev.CommitRevealPeriodsSet.emit(ctx.env, [a.netuid, a.interval])
  recordOwnerRateLimit(s, owner, a.netuid, ['WeightCommitInterval'])
})

// do_set_alpha_values: both bounds at least u16::MAX / 40 (1638), low ≤ high; no event
implement('sudo_set_alpha_values', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['AlphaValues'])
  ensureAdminWindowOpen(s, a.netuid)
  ensureSubnetOwnerOrRoot(ctx, a.netuid)
  if (!S.LiquidAlphaOn.get(s, a.netuid)) throw SE.LiquidAlphaDisabled()
  const minAlpha = Math.floor(U16_MAX / 40)
  if (a.alpha_high < minAlpha) throw SE.AlphaHighTooLow()
  if (a.alpha_low < minAlpha || a.alpha_low > a.alpha_high) throw SE.AlphaLowOutOfRange()
  S.AlphaValues.set(s, a.netuid, [a.alpha_low, a.alpha_high])
  recordOwnerRateLimit(s, owner, a.netuid, ['AlphaValues'])
})

implement('sudo_set_alpha_sigmoid_steepness', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['AlphaSigmoidSteepness'])
  ensureAdminWindowOpen(s, a.netuid)
  ensureExists(s, a.netuid)
  if (ctx.origin.kind !== 'Root' && a.steepness < 0) throw E.NegativeSigmoidSteepness()
  S.AlphaSigmoidSteepness.set(s, a.netuid, a.steepness)
  recordOwnerRateLimit(s, owner, a.netuid, ['AlphaSigmoidSteepness'])
})

implement('sudo_set_toggle_transfer', (ctx, a) => {
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['TransferEnabled'])
  ensureAdminWindowOpen(ctx.s, a.netuid)
  S.TransferToggle.set(ctx.s, a.netuid, a.toggle)
  Ev.TransferToggle.emit(ctx.env, [a.netuid, a.toggle])
  recordOwnerRateLimit(ctx.s, owner, a.netuid, ['TransferEnabled'])
})

implement('sudo_set_recycle_or_burn', (ctx, a) => {
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['RecycleOrBurn'])
  ensureAdminWindowOpen(ctx.s, a.netuid)
  S.RecycleOrBurn.set(ctx.s, a.netuid, a.recycle_or_burn)
  recordOwnerRateLimit(ctx.s, owner, a.netuid, ['RecycleOrBurn'])
})

// set_owner_immune_neuron_limit: MinImmuneOwnerUidsLimit 1 ..= MaxImmuneOwnerUidsLimit 10
implement('sudo_set_owner_immune_neuron_limit', (ctx, a) => {
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['ImmuneNeuronLimit'])
  ensureAdminWindowOpen(ctx.s, a.netuid)
  if (a.immune_neurons < 1 || a.immune_neurons > 10) throw SE.InvalidValue()
  S.ImmuneOwnerUidsLimit.set(ctx.s, a.netuid, a.immune_neurons)
  recordOwnerRateLimit(ctx.s, owner, a.netuid, ['ImmuneNeuronLimit'])
})

/** `do_set_sn_owner_hotkey`: owner or Root, once per DefaultSetSNOwnerHotkeyRateLimit for either. */
function doSetSnOwnerHotkey(ctx: CallCtx, netuid: number, hotkey: Uint8Array): void {
  const { s } = ctx
  ensureSubnetOwnerOrRoot(ctx, netuid)
  if (!ifSubnetExist(s, netuid)) throw SE.SubnetNotExists()
  if (!txPassesOnSubnet(s, 'SetSNOwnerHotkey', hotkey, netuid)) throw SE.TxRateLimitExceeded()
  setTxLastBlockOnSubnet(s, 'SetSNOwnerHotkey', hotkey, netuid, currentBlock(s))
  if (isSubnetAccountId(hotkey)) throw SE.CannotUseSystemAccount()
  S.SubnetOwnerHotkey.set(s, netuid, hotkey)
  Ev.SubnetOwnerHotkeySet.emit(ctx.env, [netuid, hotkey])
}
implement('sudo_set_subnet_owner_hotkey', (ctx, a) => doSetSnOwnerHotkey(ctx, a.netuid, a.hotkey))
implement('sudo_set_sn_owner_hotkey', (ctx, a) => doSetSnOwnerHotkey(ctx, a.netuid, a.hotkey))

/** `update_mechanism_counts_if_needed`: a lower count drops the removed mechanisms' maps; the split resets. */
function updateMechanismCounts(s: Store, netuid: number, count: number): void {
  const old = S.MechanismCountCurrent.get(s, netuid)
  if (old === count) return
  for (let mecid = count; mecid < old; mecid++) {
    const idx = mechanismStorageIndex(netuid, mecid)
    S.Weights.clearPrefix(s, idx)
    S.Incentive.remove(s, idx)
    S.LastUpdate.remove(s, idx)
    S.Bonds.clearPrefix(s, idx)
    S.WeightCommits.clearPrefix(s, idx)
    S.TimelockedWeightCommits.clearPrefix(s, idx)
  }
  S.MechanismCountCurrent.set(s, netuid, count)
  S.MechanismEmissionSplit.remove(s, netuid)
}

implement('sudo_set_mechanism_count', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithTx(ctx, a.netuid, 'MechanismCountUpdate')
  ensureAdminWindowOpen(s, a.netuid)
  if (!ifSubnetExist(s, a.netuid)) throw SE.MechanismDoesNotExist()
  if (a.mechanism_count === 0 || a.mechanism_count > S.MaxMechanismCount.get(s)) throw SE.InvalidValue()
  ensureMaxUidsOverAllMechanisms(S.MaxAllowedUids.get(s, a.netuid), a.mechanism_count)
  if (a.mechanism_count > MAX_MECHANISM_COUNT_PER_SUBNET) throw SE.InvalidValue()
  updateMechanismCounts(s, a.netuid, a.mechanism_count)
  recordOwnerTx(s, owner, a.netuid, 'MechanismCountUpdate')
})

// do_set_emission_split: non-empty, at most one share per mechanism, summing to u16::MAX; None resets
implement('sudo_set_mechanism_emission_split', (ctx, a) => {
  const { s } = ctx
  const owner = ensureOwnerOrRootWithTx(ctx, a.netuid, 'MechanismEmission')
  ensureAdminWindowOpen(s, a.netuid)
  if (!ifSubnetExist(s, a.netuid)) throw SE.MechanismDoesNotExist()
  const split = a.maybe_split
  if (split === null) S.MechanismEmissionSplit.remove(s, a.netuid)
  else {
    if (split.length === 0 || split.length > S.MechanismCountCurrent.get(s, a.netuid)) throw SE.InvalidValue()
    if (split.reduce((t, x) => t + x, 0) !== U16_MAX) throw SE.InvalidValue()
    S.MechanismEmissionSplit.set(s, a.netuid, split)
  }
  recordOwnerTx(s, owner, a.netuid, 'MechanismEmission')
})

implement('sudo_set_max_mechanism_count', (ctx, a) => {
  ensureRoot(ctx)
  if (a.max_mechanism_count === 0 || a.max_mechanism_count > MAX_MECHANISM_COUNT_PER_SUBNET) throw SE.InvalidValue()
  S.MaxMechanismCount.set(ctx.s, a.max_mechanism_count)
})

/** The owner-cut switches: owner or Root without a rate limit, never on root. */
function ownerCutSwitch(ctx: CallCtx, netuid: number): void {
  ensureSubnetOwnerOrRoot(ctx, netuid)
  ensureAdminWindowOpen(ctx.s, netuid)
  ensureExists(ctx.s, netuid)
  if (netuid === 0) throw E.NotPermittedOnRootSubnet()
}
implement('sudo_set_owner_cut_enabled', (ctx, a) => {
  ownerCutSwitch(ctx, a.netuid)
  S.OwnerCutEnabled.set(ctx.s, a.netuid, a.enabled)
})
implement('sudo_set_owner_cut_auto_lock_enabled', (ctx, a) => {
  ownerCutSwitch(ctx, a.netuid)
  S.OwnerCutAutoLockEnabled.set(ctx.s, a.netuid, a.enabled)
})

implement('sudo_trim_to_max_allowed_uids', (ctx, a) => {
  const owner = ensureOwnerOrRootWithTx(ctx, a.netuid, 'MaxUidsTrimming')
  ensureAdminWindowOpen(ctx.s, a.netuid)
  trimToMaxAllowedUids(ctx.s, a.netuid, a.max_n)
  recordOwnerTx(ctx.s, owner, a.netuid, 'MaxUidsTrimming')
})

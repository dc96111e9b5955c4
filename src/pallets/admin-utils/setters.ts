// AdminUtils' hyperparameter setters (pallets/admin-utils/src/lib.rs, HEAD): who may call them,
// the owner rate limit, the admin freeze window, the existence and bound checks, in the chain's
// order, then the subtensor setter with its event. Setters not listed here stay unavailable.
import type { CallCtx } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import type { EventDef } from '../../frame/declare/pallet.js'
import { SubtensorErrors, SubtensorEvents, SubtensorStorage as S, subtensorBuild } from '../subtensor/index.js'
import { ifSubnetExist } from '../subtensor/utils/misc.js'
import {
  ensureAdminWindowOpen, ensureOwnerOrRootWithLimits, recordOwnerRateLimit,
} from '../subtensor/utils/rate-limiting.js'
import { ensureRoot } from '../system/index.js'
import { implement, type AdminUtilsCallArgs } from './calls.js'
import { AdminUtilsErrors as E, AdminUtilsEvents } from './pallet.js'

type Args = AdminUtilsCallArgs
type NetuidSetter = { [K in keyof Args]: Args[K] extends { netuid: number } ? K : never }[keyof Args]

interface Item { set(s: Store, k: number, v: never): void }
const emit = <T>(ctx: CallCtx, ev: EventDef<T>, v: T): void => ev.emit(ctx.env, v)

interface Spec<K extends NetuidSetter> {
  /** `owner`: subnet owner (rate-limited per parameter) or Root; `root`: Root only. */
  origin: 'owner' | 'root'
  hp?: string
  window: boolean
  /** Whether SubnetDoesNotExist is checked (after the window, as the chain does). */
  exists: boolean
  /** Bound checks; `beforeExists` ones run before the existence check. */
  bounds?: (s: Store, a: Args[K]) => void
  beforeExists?: (s: Store, a: Args[K]) => void
  apply: (ctx: CallCtx, a: Args[K]) => void
}

function netuidSetter<K extends NetuidSetter>(name: K, spec: Spec<K>): void {
  implement(name, ((ctx: CallCtx, a: Args[K]) => {
    const netuid = (a as { netuid: number }).netuid
    let owner: Uint8Array | null = null
    if (spec.origin === 'root') ensureRoot(ctx)
    else owner = ensureOwnerOrRootWithLimits(ctx, netuid, spec.hp ? [spec.hp] : [])
    if (spec.window) ensureAdminWindowOpen(ctx.s, netuid)
    spec.beforeExists?.(ctx.s, a)
    if (spec.exists && !ifSubnetExist(ctx.s, netuid)) throw E.SubnetDoesNotExist()
    spec.bounds?.(ctx.s, a)
    spec.apply(ctx, a)
    if (spec.hp) recordOwnerRateLimit(ctx.s, owner, netuid, [spec.hp])
  }) as Parameters<typeof implement<K>>[1])
}

/** The subtensor setter: insert and deposit its event. */
function put<V>(ctx: CallCtx, item: Item, netuid: number, v: V, ev?: EventDef<[number, V]>): void {
  item.set(ctx.s, netuid, v as never)
  if (ev) emit(ctx, ev, [netuid, v])
}
const Ev = SubtensorEvents

netuidSetter('sudo_set_serving_rate_limit', { origin: 'owner', hp: 'ServingRateLimit', window: true, exists: false,
  apply: (c, a) => put(c, S.ServingRateLimit, a.netuid, a.serving_rate_limit, Ev.ServingRateLimitSet) })
netuidSetter('sudo_set_min_difficulty', { origin: 'root', window: true, exists: true,
  apply: (c, a) => put(c, S.MinDifficulty, a.netuid, a.min_difficulty, Ev.MinDifficultySet) })
netuidSetter('sudo_set_max_difficulty', { origin: 'owner', hp: 'MaxDifficulty', window: true, exists: true,
  apply: (c, a) => put(c, S.MaxDifficulty, a.netuid, a.max_difficulty, Ev.MaxDifficultySet) })
netuidSetter('sudo_set_weights_set_rate_limit', { origin: 'root', window: false, exists: true,
  apply: (c, a) => put(c, S.WeightsSetRateLimit, a.netuid, a.weights_set_rate_limit, Ev.WeightsSetRateLimitSet) })
netuidSetter('sudo_set_adjustment_interval', { origin: 'root', window: false, exists: true,
  apply: (c, a) => put(c, S.AdjustmentInterval, a.netuid, a.adjustment_interval, Ev.AdjustmentIntervalSet) })
netuidSetter('sudo_set_adjustment_alpha', { origin: 'owner', hp: 'AdjustmentAlpha', window: true, exists: true,
  apply: (c, a) => put(c, S.AdjustmentAlpha, a.netuid, a.adjustment_alpha, Ev.AdjustmentAlphaSet) })
netuidSetter('sudo_set_immunity_period', { origin: 'owner', hp: 'ImmunityPeriod', window: true, exists: true,
  apply: (c, a) => put(c, S.ImmunityPeriod, a.netuid, a.immunity_period, Ev.ImmunityPeriodSet) })
netuidSetter('sudo_set_min_allowed_weights', { origin: 'owner', hp: 'MinAllowedWeights', window: true, exists: true,
  apply: (c, a) => put(c, S.MinAllowedWeights, a.netuid, a.min_allowed_weights, Ev.MinAllowedWeightSet) })
netuidSetter('sudo_set_kappa', { origin: 'root', window: false, exists: true,
  apply: (c, a) => put(c, S.Kappa, a.netuid, a.kappa, Ev.KappaSet) })
// `set_rho` deposits no event
netuidSetter('sudo_set_rho', { origin: 'owner', hp: 'Rho', window: true, exists: true,
  apply: (c, a) => put(c, S.Rho, a.netuid, a.rho) })
netuidSetter('sudo_set_activity_cutoff', { origin: 'owner', hp: 'ActivityCutoff', window: true, exists: true,
  bounds: (s, a) => { if (a.activity_cutoff < S.MinActivityCutoff.get(s)) throw SubtensorErrors.ActivityCutoffTooLow() },
  apply: (c, a) => put(c, S.ActivityCutoff, a.netuid, a.activity_cutoff, Ev.ActivityCutoffSet) })
netuidSetter('sudo_set_network_registration_allowed', { origin: 'root', window: false, exists: false,
  apply: (c, a) => put(c, S.NetworkRegistrationAllowed, a.netuid, a.registration_allowed, Ev.RegistrationAllowed) })
netuidSetter('sudo_set_target_registrations_per_interval', { origin: 'root', window: true, exists: true,
  apply: (c, a) => put(c, S.TargetRegistrationsPerInterval, a.netuid, a.target_registrations_per_interval, Ev.RegistrationPerIntervalSet) })
netuidSetter('sudo_set_min_burn', { origin: 'owner', hp: 'MinBurn', window: true, exists: true,
  bounds: (s, a) => {
    if (a.min_burn >= 1_000_000_000n || a.min_burn >= S.MaxBurn.get(s, a.netuid)) throw E.ValueNotInBounds() // MinBurnUpperBound = 1 TAO
  },
  apply: (c, a) => put(c, S.MinBurn, a.netuid, a.min_burn, Ev.MinBurnSet) })
netuidSetter('sudo_set_max_burn', { origin: 'owner', hp: 'MaxBurn', window: true, exists: true,
  bounds: (s, a) => {
    if (a.max_burn <= 100_000_000n || a.max_burn <= S.MinBurn.get(s, a.netuid)) throw E.ValueNotInBounds() // MaxBurnLowerBound = 0.1 TAO
  },
  apply: (c, a) => put(c, S.MaxBurn, a.netuid, a.max_burn, Ev.MaxBurnSet) })
netuidSetter('sudo_set_difficulty', { origin: 'root', window: true, exists: true,
  apply: (c, a) => put(c, S.Difficulty, a.netuid, a.difficulty, Ev.DifficultySet) })
netuidSetter('sudo_set_max_allowed_validators', { origin: 'root', window: true, exists: true,
  bounds: (s, a) => { if (a.max_allowed_validators > S.MaxAllowedUids.get(s, a.netuid)) throw E.MaxValidatorsLargerThanMaxUIds() },
  apply: (c, a) => put(c, S.MaxAllowedValidators, a.netuid, a.max_allowed_validators, Ev.MaxAllowedValidatorsSet) })
netuidSetter('sudo_set_max_registrations_per_block', { origin: 'root', window: true, exists: true,
  apply: (c, a) => put(c, S.MaxRegistrationsPerBlock, a.netuid, a.max_registrations_per_block, Ev.MaxRegistrationsPerBlockSet) })
netuidSetter('sudo_set_commit_reveal_weights_enabled', { origin: 'owner', hp: 'CommitRevealEnabled', window: true, exists: true,
  apply: (c, a) => put(c, S.CommitRevealWeightsEnabled, a.netuid, a.enabled, Ev.CommitRevealEnabled) })
netuidSetter('sudo_set_liquid_alpha_enabled', { origin: 'owner', hp: 'LiquidAlphaEnabled', window: true, exists: false,
  apply: (c, a) => put(c, S.LiquidAlphaOn, a.netuid, a.enabled) })
netuidSetter('sudo_set_yuma3_enabled', { origin: 'owner', hp: 'Yuma3Enabled', window: true, exists: false,
  apply: (c, a) => { put(c, S.Yuma3On, a.netuid, a.enabled); emit(c, AdminUtilsEvents.Yuma3EnableToggled, { netuid: a.netuid, enabled: a.enabled }) } })
netuidSetter('sudo_set_bonds_moving_average', { origin: 'owner', hp: 'BondsMovingAverage', window: true, exists: true,
  beforeExists: (_s, a) => { if (a.bonds_moving_average > 975_000n) throw E.BondsMovingAverageMaxReached() },
  apply: (c, a) => put(c, S.BondsMovingAverage, a.netuid, a.bonds_moving_average, Ev.BondsMovingAverageSet) })
netuidSetter('sudo_set_subnet_emission_enabled', { origin: 'root', window: false, exists: true,
  bounds: (_s, a) => { if (a.netuid === 0) throw E.NotPermittedOnRootSubnet() },
  apply: (c, a) => { S.SubnetEmissionEnabled.set(c.s, a.netuid, a.enabled); emit(c, AdminUtilsEvents.SubnetEmissionEnabledSet, { netuid: a.netuid, enabled: a.enabled }) } })

// Spec 425 refuses it always; the classic regime keeps v3.3.13's owner-or-root setter.
implement('sudo_set_network_pow_registration_allowed', (ctx, a) => {
  if (subtensorBuild().registration !== 'classic') throw E.POWRegistrationDisabled()
  const owner = ensureOwnerOrRootWithLimits(ctx, a.netuid, ['PowRegistrationAllowed'])
  ensureAdminWindowOpen(ctx.s, a.netuid)
  put(ctx, S.NetworkPowRegistrationAllowed, a.netuid, a.registration_allowed, Ev.PowRegistrationAllowed)
  recordOwnerRateLimit(ctx.s, owner, a.netuid, ['PowRegistrationAllowed'])
})

/** Root-only global setters: a StorageValue and its event. */
function rootGlobal<K extends keyof Args, V>(name: K, pick: (a: Args[K]) => V, item: { set(s: Store, v: V): void }, ev?: EventDef<V>): void {
  implement(name, ((ctx: CallCtx, a: Args[K]) => {
    ensureRoot(ctx)
    const v = pick(a)
    item.set(ctx.s, v)
    if (ev) emit(ctx, ev, v)
  }) as Parameters<typeof implement<K>>[1])
}
rootGlobal('sudo_set_network_rate_limit', (a) => a.rate_limit, S.NetworkRateLimit, Ev.NetworkRateLimitSet)
rootGlobal('sudo_set_admin_freeze_window', (a) => a.window, S.AdminFreezeWindow, Ev.AdminFreezeWindowSet)
rootGlobal('sudo_set_start_call_delay', (a) => a.delay, S.StartCallDelay, Ev.StartCallDelaySet)
rootGlobal('sudo_set_tx_rate_limit', (a) => a.tx_rate_limit, S.TxRateLimit, Ev.TxRateLimitSet)
rootGlobal('sudo_set_subnet_limit', (a) => a.max_subnets, S.SubnetLimit, Ev.SubnetLimitSet)
rootGlobal('sudo_set_network_min_lock_cost', (a) => a.lock_cost, S.NetworkMinLockCost, Ev.NetworkMinLockCostSet)
rootGlobal('sudo_set_lock_reduction_interval', (a) => a.interval, S.NetworkLockReductionInterval, Ev.NetworkLockCostReductionIntervalSet)
rootGlobal('sudo_set_owner_hparam_rate_limit', (a) => a.epochs, S.OwnerHyperparamRateLimit, Ev.OwnerHyperparamRateLimitSet)
rootGlobal('sudo_set_network_immunity_period', (a) => a.immunity_period, S.NetworkImmunityPeriod, Ev.NetworkImmunityPeriodSet)
rootGlobal('sudo_set_subnet_owner_cut', (a) => a.subnet_owner_cut, S.SubnetOwnerCut, Ev.SubnetOwnerCutSet)
rootGlobal('sudo_set_default_take', (a) => a.default_take, S.MaxDelegateTake, Ev.MaxDelegateTakeSet)
rootGlobal('sudo_set_tx_delegate_take_rate_limit', (a) => a.tx_rate_limit, S.TxDelegateTakeRateLimit, Ev.TxDelegateTakeRateLimitSet)
rootGlobal('sudo_set_min_delegate_take', (a) => a.take, S.MinDelegateTake, Ev.MinDelegateTakeSet)
rootGlobal('sudo_set_stake_threshold', (a) => a.min_stake, S.StakeThreshold, Ev.StakeThresholdSet)
rootGlobal('sudo_set_commit_reveal_version', (a) => a.version, S.CommitRevealWeightsVersion, Ev.CommitRevealVersionSet)
rootGlobal('sudo_set_coldkey_swap_announcement_delay', (a) => a.duration, S.ColdkeySwapAnnouncementDelay, Ev.ColdkeySwapAnnouncementDelaySet)
rootGlobal('sudo_set_coldkey_swap_reannouncement_delay', (a) => a.duration, S.ColdkeySwapReannouncementDelay, Ev.ColdkeySwapReannouncementDelaySet)
rootGlobal('sudo_set_dissolve_network_schedule_duration', (a) => a.duration, S.DissolveNetworkScheduleDuration, Ev.DissolveNetworkScheduleDurationSet)
// these write without an event
rootGlobal('sudo_set_subnet_moving_alpha', (a) => a.alpha, S.SubnetMovingAlpha)
rootGlobal('sudo_set_tao_flow_cutoff', (a) => a.flow_cutoff, S.TaoFlowCutoff)
rootGlobal('sudo_set_tao_flow_smoothing_factor', (a) => a.smoothing_factor, S.FlowEmaSmoothingFactor)
rootGlobal('sudo_set_net_tao_flow_enabled', (a) => a.enabled, S.NetTaoFlowEnabled)
implement('sudo_set_tao_flow_normalization_exponent', (ctx, a) => {
  ensureRoot(ctx)
  const ONE = 1n << 64n // U64F64 1.0
  if (a.exponent.bits < ONE || a.exponent.bits > 2n * ONE) throw E.InvalidValue()
  S.FlowNormExponent.set(ctx.s, a.exponent)
})
// `set_ck_burn` deposits no event
rootGlobal('sudo_set_ck_burn', (a) => a.burn, S.CKBurn)
implement('sudo_set_max_epochs_per_block', (ctx, a) => {
  ensureRoot(ctx)
  if (a.max_epochs_per_block < 1) throw E.ValueNotInBounds()
  S.MaxEpochsPerBlock.set(ctx.s, a.max_epochs_per_block)
  emit(ctx, Ev.MaxEpochsPerBlockSet, a.max_epochs_per_block)
})

netuidSetter('sudo_set_rao_recycled', { origin: 'root', window: false, exists: true,
  apply: (c, a) => put(c, S.RAORecycledForRegistration, a.netuid, a.rao_recycled, Ev.RAORecycledForRegistrationSet) })
netuidSetter('sudo_set_bonds_penalty', { origin: 'owner', hp: 'BondsPenalty', window: true, exists: true,
  apply: (c, a) => put(c, S.BondsPenalty, a.netuid, a.bonds_penalty, Ev.BondsPenaltySet) })
netuidSetter('sudo_set_bonds_reset_enabled', { origin: 'owner', hp: 'BondsResetEnabled', window: true, exists: false,
  apply: (c, a) => { put(c, S.BondsResetOn, a.netuid, a.enabled, Ev.BondsResetOnSet); emit(c, AdminUtilsEvents.BondsResetToggled, { netuid: a.netuid, enabled: a.enabled }) } })
netuidSetter('sudo_set_min_non_immune_uids', { origin: 'root', window: false, exists: false,
  apply: (c, a) => put(c, S.MinNonImmuneUids, a.netuid, a.min, Ev.MinNonImmuneUidsSet) })
// these two write the storage item without an event
netuidSetter('sudo_set_subtoken_enabled', { origin: 'root', window: true, exists: false,
  apply: (c, a) => put(c, S.SubtokenEnabled, a.netuid, a.subtoken_enabled) })
netuidSetter('sudo_set_ema_price_halving_period', { origin: 'root', window: false, exists: false,
  apply: (c, a) => put(c, S.EMAPriceHalvingBlocks, a.netuid, a.ema_halving) })

// The spec-425 registration price's knobs: half-life in 1..=MaxBurnHalfLife (36,100), multiplier in [1, 3].
netuidSetter('sudo_set_burn_half_life', { origin: 'owner', hp: 'BurnHalfLife', window: true, exists: true,
  bounds: (_s, a) => {
    if (a.netuid === 0) throw E.NotPermittedOnRootSubnet()
    if (a.burn_half_life === 0 || a.burn_half_life > 36_100) throw E.InvalidValue()
  },
  apply: (c, a) => { put(c, S.BurnHalfLife, a.netuid, a.burn_half_life); emit(c, AdminUtilsEvents.BurnHalfLifeSet, { netuid: a.netuid, burn_half_life: a.burn_half_life }) } })
netuidSetter('sudo_set_burn_increase_mult', { origin: 'owner', hp: 'BurnIncreaseMult', window: true, exists: true,
  bounds: (_s, a) => {
    if (a.netuid === 0) throw E.NotPermittedOnRootSubnet()
    const ONE = 1n << 64n
    if (a.burn_increase_mult.bits < ONE || a.burn_increase_mult.bits > 3n * ONE) throw E.InvalidValue()
  },
  apply: (c, a) => {
    put(c, S.BurnIncreaseMult, a.netuid, a.burn_increase_mult)
    emit(c, AdminUtilsEvents.BurnIncreaseMultSet, { netuid: a.netuid, burn_increase_mult: a.burn_increase_mult })
  } })

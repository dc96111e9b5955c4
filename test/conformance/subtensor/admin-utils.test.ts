// Port of subtensor pallets/admin-utils/src/tests/mod.rs: the setters built so far, with the
// admin-utils mock (admin freeze window 1, networks from init_new_network).
import { describe, expect, it } from 'vitest'
import { SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { callHandler, callValue, errorOf, eventNames, events, failsUntouched, moduleError, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { callInfoOf } from '../../../src/pallets/call-info.js'
import { epochsDeferredThisBlock, shouldRunEpoch } from '../../../src/pallets/subtensor/coinbase/epoch-schedule.js'
import { adminMock, addNetwork, auErr, BAD_ORIGIN, call, fails, SM } from './admin-mock.js'
import { u256 } from './mock.js'
import type { Mock } from './mock.js'

const TX_RATE_LIMIT_EXCEEDED = moduleError(SM, 64)
const FROZEN = moduleError(SM, 107) // AdminActionProhibitedDuringWeightsWindow

/** The shape of most root/owner setter tests: BadOrigin, SubnetDoesNotExist, then the value lands. */
function setterCase(name: string, field: string, value: unknown, read: (m: Mock) => unknown, event?: string) {
  it(`test_${name}`, () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const before = read(m)
    expect(fails(m, name, signed(u256(1)), { netuid: 1, [field]: value })).toEqual(BAD_ORIGIN)
    expect(fails(m, name, ROOT, { netuid: 2, [field]: value })).toEqual(auErr('SubnetDoesNotExist'))
    expect(read(m)).toEqual(before)
    call(m, name, ROOT, { netuid: 1, [field]: value })
    expect(read(m)).toEqual(value)
    if (event) expect(eventNames(m.s)).toContain(`SubtensorModule.${event}`)
  })
}

describe('admin-utils tests/mod.rs', () => {
  setterCase('sudo_set_min_difficulty', 'min_difficulty', 10n, (m) => S.MinDifficulty.get(m.s, 1), 'MinDifficultySet')
  setterCase('sudo_set_max_difficulty', 'max_difficulty', 10n, (m) => S.MaxDifficulty.get(m.s, 1), 'MaxDifficultySet')
  setterCase('sudo_set_weights_set_rate_limit', 'weights_set_rate_limit', 10n, (m) => S.WeightsSetRateLimit.get(m.s, 1), 'WeightsSetRateLimitSet')
  setterCase('sudo_set_adjustment_interval', 'adjustment_interval', 10, (m) => S.AdjustmentInterval.get(m.s, 1), 'AdjustmentIntervalSet')
  setterCase('sudo_set_adjustment_alpha', 'adjustment_alpha', 10n, (m) => S.AdjustmentAlpha.get(m.s, 1), 'AdjustmentAlphaSet')
  setterCase('sudo_set_immunity_period', 'immunity_period', 10, (m) => S.ImmunityPeriod.get(m.s, 1), 'ImmunityPeriodSet')
  setterCase('sudo_set_min_allowed_weights', 'min_allowed_weights', 10, (m) => S.MinAllowedWeights.get(m.s, 1), 'MinAllowedWeightSet')
  setterCase('sudo_set_kappa', 'kappa', 10, (m) => S.Kappa.get(m.s, 1), 'KappaSet')
  setterCase('sudo_set_rho', 'rho', 10, (m) => S.Rho.get(m.s, 1))
  setterCase('sudo_set_activity_cutoff', 'activity_cutoff', 10_000, (m) => S.ActivityCutoff.get(m.s, 1), 'ActivityCutoffSet')
  setterCase('sudo_set_target_registrations_per_interval', 'target_registrations_per_interval', 10, (m) => S.TargetRegistrationsPerInterval.get(m.s, 1), 'RegistrationPerIntervalSet')
  setterCase('sudo_set_difficulty', 'difficulty', 10n, (m) => S.Difficulty.get(m.s, 1), 'DifficultySet')
  setterCase('sudo_set_max_allowed_validators', 'max_allowed_validators', 10, (m) => S.MaxAllowedValidators.get(m.s, 1), 'MaxAllowedValidatorsSet')
  setterCase('sudo_set_bonds_moving_average', 'bonds_moving_average', 10n, (m) => S.BondsMovingAverage.get(m.s, 1), 'BondsMovingAverageSet')
  setterCase('sudo_set_max_registrations_per_block', 'max_registrations_per_block', 10, (m) => S.MaxRegistrationsPerBlock.get(m.s, 1), 'MaxRegistrationsPerBlockSet')

  it('test_sudo_set_activity_cutoff refuses below MinActivityCutoff (SubtensorModule.ActivityCutoffTooLow)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(fails(m, 'sudo_set_activity_cutoff', ROOT, { netuid: 1, activity_cutoff: 359 })).toEqual(moduleError(SM, 86))
  })

  it('test_sudo_set_max_allowed_validators refuses more than MaxAllowedUids', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(fails(m, 'sudo_set_max_allowed_validators', ROOT, { netuid: 1, max_allowed_validators: 257 })).toEqual(auErr('MaxValidatorsLargerThanMaxUIds'))
  })

  it('test_sudo_set_bonds_moving_average refuses above 975,000 before the subnet check', () => {
    const m = adminMock()
    expect(fails(m, 'sudo_set_bonds_moving_average', ROOT, { netuid: 9, bonds_moving_average: 975_001n })).toEqual(auErr('BondsMovingAverageMaxReached'))
  })

  it('test_sudo_set_min_burn', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const before = S.MinBurn.get(m.s, 1)
    call(m, 'sudo_set_min_burn', ROOT, { netuid: 1, min_burn: 1_000_000n })
    expect(S.MinBurn.get(m.s, 1)).not.toBe(before)
    expect(S.MinBurn.get(m.s, 1)).toBe(1_000_000n)
    expect(fails(m, 'sudo_set_min_burn', ROOT, { netuid: 42, min_burn: 1_000_000n })).toEqual(auErr('SubnetDoesNotExist'))
    expect(fails(m, 'sudo_set_min_burn', signed(u256(1)), { netuid: 1, min_burn: 1_000_000n })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_min_burn', ROOT, { netuid: 1, min_burn: 1_000_000_001n })).toEqual(auErr('ValueNotInBounds'))
    expect(fails(m, 'sudo_set_min_burn', ROOT, { netuid: 1, min_burn: S.MaxBurn.get(m.s, 1) + 1n })).toEqual(auErr('ValueNotInBounds'))
  })

  it('test_sudo_set_max_burn', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    call(m, 'sudo_set_max_burn', ROOT, { netuid: 1, max_burn: 100_000_001n })
    expect(S.MaxBurn.get(m.s, 1)).toBe(100_000_001n)
    expect(fails(m, 'sudo_set_max_burn', ROOT, { netuid: 1, max_burn: 100_000_000n })).toEqual(auErr('ValueNotInBounds'))
    expect(fails(m, 'sudo_set_max_burn', ROOT, { netuid: 1, max_burn: S.MinBurn.get(m.s, 1) })).toEqual(auErr('ValueNotInBounds'))
  })

  it('test_sudo_set_admin_freeze_window_and_rate', () => {
    const m = adminMock()
    expect(fails(m, 'sudo_set_admin_freeze_window', signed(u256(1)), { window: 7 })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_admin_freeze_window', ROOT, { window: 7 })
    expect(S.AdminFreezeWindow.get(m.s)).toBe(7)
    expect(fails(m, 'sudo_set_owner_hparam_rate_limit', signed(u256(1)), { epochs: 5 })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_owner_hparam_rate_limit', ROOT, { epochs: 5 })
    expect(S.OwnerHyperparamRateLimit.get(m.s)).toBe(5)
    expect(eventNames(m.s)).toEqual(expect.arrayContaining(['SubtensorModule.AdminFreezeWindowSet', 'SubtensorModule.OwnerHyperparamRateLimitSet']))
  })

  it('test_freeze_window_blocks_root_and_owner', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    call(m, 'sudo_set_admin_freeze_window', ROOT, { window: 3 })
    S.LastEpochBlock.set(m.s, 1, 0n)
    m.stepBlock(10 - 2 - m.block)
    expect(fails(m, 'sudo_set_min_burn', ROOT, { netuid: 1, min_burn: 123n })).toEqual(FROZEN)
    S.SubnetOwner.set(m.s, 1, u256(9))
    expect(fails(m, 'sudo_set_rho', signed(u256(9)), { netuid: 1, rho: 77 })).toEqual(FROZEN)
  })

  it('test_owner_hyperparam_update_rate_limit_enforced / by tempo / independent per param', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const owner = u256(5)
    S.SubnetOwner.set(m.s, 1, owner)
    S.Tempo.set(m.s, 1, 1)
    call(m, 'sudo_set_admin_freeze_window', ROOT, { window: 0 })
    call(m, 'sudo_set_rho', signed(owner), { netuid: 1, rho: 11 })
    expect(fails(m, 'sudo_set_rho', signed(owner), { netuid: 1, rho: 12 })).toEqual(TX_RATE_LIMIT_EXCEEDED)
    // another parameter has its own limit
    call(m, 'sudo_set_serving_rate_limit', signed(owner), { netuid: 1, serving_rate_limit: 3n })
    m.stepBlock(1)
    expect(fails(m, 'sudo_set_rho', signed(owner), { netuid: 1, rho: 13 })).toEqual(TX_RATE_LIMIT_EXCEEDED)
    m.stepBlock(1)
    call(m, 'sudo_set_rho', signed(owner), { netuid: 1, rho: 14 })
    expect(S.Rho.get(m.s, 1)).toBe(14)
    // Root is never rate limited
    call(m, 'sudo_set_rho', ROOT, { netuid: 1, rho: 15 })
  })

  it('test_sudo_set_network_pow_registration_allowed (classic regime: owner or root)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(fails(m, 'sudo_set_network_pow_registration_allowed', signed(u256(1)), { netuid: 1, registration_allowed: false })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_network_pow_registration_allowed', ROOT, { netuid: 1, registration_allowed: false })
    expect(S.NetworkPowRegistrationAllowed.get(m.s, 1)).toBe(false)
    expect(eventNames(m.s)).toContain('SubtensorModule.PowRegistrationAllowed')
  })

  it('test_sudo_set_start_call_delay / network rate limit / subnet owner cut / lock reduction interval (root only)', () => {
    const m = adminMock()
    for (const [name, args, read] of [
      ['sudo_set_start_call_delay', { delay: 0n }, () => S.StartCallDelay.get(m.s)],
      ['sudo_set_network_rate_limit', { rate_limit: 5n }, () => S.NetworkRateLimit.get(m.s)],
      ['sudo_set_subnet_owner_cut', { subnet_owner_cut: 7 }, () => S.SubnetOwnerCut.get(m.s)],
      ['sudo_set_lock_reduction_interval', { interval: 7n }, () => S.NetworkLockReductionInterval.get(m.s)],
      ['sudo_set_subnet_limit', { max_subnets: 9 }, () => S.SubnetLimit.get(m.s)],
    ] as const) {
      expect(fails(m, name, signed(u256(1)), args)).toEqual(BAD_ORIGIN)
      call(m, name, ROOT, args)
      expect(read()).toEqual(Object.values(args)[0])
    }
  })

  it('test_sudo_set_subnet_emission_enabled: root, existing, not root subnet', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.NetworksAdded.set(m.s, 0, true)
    expect(fails(m, 'sudo_set_subnet_emission_enabled', ROOT, { netuid: 0, enabled: false })).toEqual(auErr('NotPermittedOnRootSubnet'))
    expect(fails(m, 'sudo_set_subnet_emission_enabled', ROOT, { netuid: 5, enabled: false })).toEqual(auErr('SubnetDoesNotExist'))
    call(m, 'sudo_set_subnet_emission_enabled', ROOT, { netuid: 1, enabled: false })
    expect(S.SubnetEmissionEnabled.get(m.s, 1)).toBe(false)
    expect(eventNames(m.s)).toContain('AdminUtils.SubnetEmissionEnabledSet')
  })

  it('root globals: default/min delegate take, take rate limit, stake threshold, CR version, swap delays, ck burn, max epochs', () => {
    const m = adminMock()
    for (const [name, args, read, event] of [
      ['sudo_set_default_take', { default_take: 1000 }, () => S.MaxDelegateTake.get(m.s), 'MaxDelegateTakeSet'],
      ['sudo_set_tx_delegate_take_rate_limit', { tx_rate_limit: 3n }, () => S.TxDelegateTakeRateLimit.get(m.s), 'TxDelegateTakeRateLimitSet'],
      ['sudo_set_min_delegate_take', { take: 7 }, () => S.MinDelegateTake.get(m.s), 'MinDelegateTakeSet'],
      ['sudo_set_stake_threshold', { min_stake: 11n }, () => S.StakeThreshold.get(m.s), 'StakeThresholdSet'],
      ['sudo_set_commit_reveal_version', { version: 5 }, () => S.CommitRevealWeightsVersion.get(m.s), 'CommitRevealVersionSet'],
      ['sudo_set_coldkey_swap_announcement_delay', { duration: 12 }, () => S.ColdkeySwapAnnouncementDelay.get(m.s), 'ColdkeySwapAnnouncementDelaySet'],
      ['sudo_set_coldkey_swap_reannouncement_delay', { duration: 13 }, () => S.ColdkeySwapReannouncementDelay.get(m.s), 'ColdkeySwapReannouncementDelaySet'],
      ['sudo_set_dissolve_network_schedule_duration', { duration: 14 }, () => S.DissolveNetworkScheduleDuration.get(m.s), 'DissolveNetworkScheduleDurationSet'],
      ['sudo_set_ck_burn', { burn: 15n }, () => S.CKBurn.get(m.s), null],
      ['sudo_set_max_epochs_per_block', { max_epochs_per_block: 4 }, () => S.MaxEpochsPerBlock.get(m.s), 'MaxEpochsPerBlockSet'],
    ] as const) {
      expect(fails(m, name, signed(u256(1)), args)).toEqual(BAD_ORIGIN)
      call(m, name, ROOT, args)
      expect(read()).toEqual(Object.values(args)[0])
      if (event) expect(eventNames(m.s)).toContain(`SubtensorModule.${event}`)
    }
    expect(fails(m, 'sudo_set_max_epochs_per_block', ROOT, { max_epochs_per_block: 0 })).toEqual(auErr('ValueNotInBounds'))
  })

  setterCase('sudo_set_rao_recycled', 'rao_recycled', 10n, (m) => S.RAORecycledForRegistration.get(m.s, 1), 'RAORecycledForRegistrationSet')
  setterCase('sudo_set_bonds_penalty', 'bonds_penalty', 10, (m) => S.BondsPenalty.get(m.s, 1), 'BondsPenaltySet')

  it('per-subnet switches: bonds reset (owner), min non-immune uids, subtoken, EMA halving (root)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.SubnetOwner.set(m.s, 1, u256(5))
    call(m, 'sudo_set_bonds_reset_enabled', signed(u256(5)), { netuid: 1, enabled: true })
    expect(S.BondsResetOn.get(m.s, 1)).toBe(true)
    expect(eventNames(m.s)).toEqual(expect.arrayContaining(['SubtensorModule.BondsResetOnSet', 'AdminUtils.BondsResetToggled']))
    for (const [name, args, read] of [
      ['sudo_set_min_non_immune_uids', { netuid: 1, min: 3 }, () => S.MinNonImmuneUids.get(m.s, 1)],
      ['sudo_set_subtoken_enabled', { netuid: 1, subtoken_enabled: false }, () => S.SubtokenEnabled.get(m.s, 1)],
      ['sudo_set_ema_price_halving_period', { netuid: 1, ema_halving: 99n }, () => S.EMAPriceHalvingBlocks.get(m.s, 1)],
    ] as const) {
      expect(fails(m, name, signed(u256(5)), args)).toEqual(BAD_ORIGIN)
      call(m, name, ROOT, args)
      expect(read()).toEqual(Object.values(args)[1])
    }
  })

  it('sudo_set_burn_half_life / sudo_set_burn_increase_mult: bounds, root subnet refused, events', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.NetworksAdded.set(m.s, 0, true)
    expect(fails(m, 'sudo_set_burn_half_life', ROOT, { netuid: 1, burn_half_life: 0 })).toEqual(auErr('InvalidValue'))
    expect(fails(m, 'sudo_set_burn_half_life', ROOT, { netuid: 1, burn_half_life: 36_101 })).toEqual(auErr('InvalidValue'))
    expect(fails(m, 'sudo_set_burn_half_life', ROOT, { netuid: 0, burn_half_life: 10 })).toEqual(auErr('NotPermittedOnRootSubnet'))
    call(m, 'sudo_set_burn_half_life', ROOT, { netuid: 1, burn_half_life: 36_100 })
    expect(S.BurnHalfLife.get(m.s, 1)).toBe(36_100)
    const ONE = 1n << 64n
    expect(fails(m, 'sudo_set_burn_increase_mult', ROOT, { netuid: 1, burn_increase_mult: { bits: ONE - 1n } })).toEqual(auErr('InvalidValue'))
    expect(fails(m, 'sudo_set_burn_increase_mult', ROOT, { netuid: 1, burn_increase_mult: { bits: 3n * ONE + 1n } })).toEqual(auErr('InvalidValue'))
    call(m, 'sudo_set_burn_increase_mult', ROOT, { netuid: 1, burn_increase_mult: { bits: 3n * ONE } })
    expect(S.BurnIncreaseMult.get(m.s, 1)).toEqual({ bits: 3n * ONE })
    expect(eventNames(m.s)).toEqual(expect.arrayContaining(['AdminUtils.BurnHalfLifeSet', 'AdminUtils.BurnIncreaseMultSet']))
  })

  it('test_sudo_set_serving_rate_limit (no subnet check: netuid 3 need not exist)', () => {
    const m = adminMock()
    const before = S.ServingRateLimit.get(m.s, 3)
    expect(fails(m, 'sudo_set_serving_rate_limit', signed(u256(1)), { netuid: 3, serving_rate_limit: 10n })).toEqual(BAD_ORIGIN)
    expect(S.ServingRateLimit.get(m.s, 3)).toBe(before)
    call(m, 'sudo_set_serving_rate_limit', ROOT, { netuid: 3, serving_rate_limit: 10n })
    expect(S.ServingRateLimit.get(m.s, 3)).toBe(10n)
  })

  it('test_sudo_set_commit_reveal_weights_enabled', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(S.CommitRevealWeightsEnabled.get(m.s, 1)).toBe(true)
    call(m, 'sudo_set_commit_reveal_weights_enabled', ROOT, { netuid: 1, enabled: false })
    expect(S.CommitRevealWeightsEnabled.get(m.s, 1)).toBe(false)
  })

  it('test_sudo_set_liquid_alpha_enabled', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(S.LiquidAlphaOn.get(m.s, 1)).toBe(false)
    call(m, 'sudo_set_liquid_alpha_enabled', ROOT, { netuid: 1, enabled: true })
    expect(S.LiquidAlphaOn.get(m.s, 1)).toBe(true)
  })

  it('test_sudo_set_yuma3_enabled (root, then the owner)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const init = S.Yuma3On.get(m.s, 1)
    expect(fails(m, 'sudo_set_yuma3_enabled', signed(u256(1)), { netuid: 1, enabled: false })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_yuma3_enabled', ROOT, { netuid: 1, enabled: false })
    expect(S.Yuma3On.get(m.s, 1)).toBe(false)
    expect(init).toBe(true)
    S.SubnetOwner.set(m.s, 1, u256(1))
    call(m, 'sudo_set_yuma3_enabled', signed(u256(1)), { netuid: 1, enabled: true })
    expect(S.Yuma3On.get(m.s, 1)).toBe(true)
  })

  it('test_sudo_set_min_childkey_take_per_subnet_rejects_below_global', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.MinChildkeyTake.set(m.s, 100)
    expect(fails(m, 'sudo_set_min_childkey_take_per_subnet', ROOT, { netuid: 1, take: 99 })).toEqual(auErr('InvalidValue'))
    call(m, 'sudo_set_min_childkey_take_per_subnet', ROOT, { netuid: 1, take: 100 })
  })

  it('test_set_alpha_values_dispatch_info_ok (Normal, pays)', () => {
    const info = callInfoOf(callValue('AdminUtils', 'sudo_set_alpha_values', { netuid: 1, alpha_low: 1638, alpha_high: 0xffff - 10 }))
    expect([info.class, info.paysFee]).toEqual(['Normal', 'Yes'])
  })

  it('test_sudo_set_max_epochs_per_block_changes_deferrals', () => {
    const m = adminMock()
    for (let netuid = 1; netuid <= 4; netuid++) {
      addNetwork(m, netuid, 100)
      S.PendingEpochAt.set(m.s, netuid, 1n)
    }
    const block = BigInt(m.block)
    const subnets = [1, 2, 3, 4]
    const due = subnets.filter((n) => shouldRunEpoch(m.s, n, block)).length
    expect(due).toBeGreaterThanOrEqual(4)
    call(m, 'sudo_set_max_epochs_per_block', ROOT, { max_epochs_per_block: 1 })
    const tight = epochsDeferredThisBlock(m.s, subnets, block).size
    expect(tight).toBe(due - 1)
    call(m, 'sudo_set_max_epochs_per_block', ROOT, { max_epochs_per_block: due + 2 })
    expect(epochsDeferredThisBlock(m.s, subnets, block).size).toBe(0)
  })

  it('test_sudo_set_start_call_delay_permissions_and_zero_delay', () => {
    const m = adminMock()
    S.StartCallDelay.set(m.s, 0n) // the admin mock's InitialStartCallDelay
    expect(fails(m, 'sudo_set_start_call_delay', signed(u256(1)), { delay: 0n })).toEqual(BAD_ORIGIN)
    addNetwork(m, 1, 13)
    S.FirstEmissionBlockNumber.remove(m.s, 1)
    expect(S.SubnetOwner.get(m.s, 1)).toEqual(u256(0))
    callHandler(m.env, 'SubtensorModule', 'start_call', signed(u256(0)), { netuid: 1 })
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBe(BigInt(m.block) + 1n)
    call(m, 'sudo_set_start_call_delay', ROOT, { delay: 0n })
    expect(S.StartCallDelay.get(m.s)).toBe(0n)
    expect(events(m.s).at(-1)).toMatchObject({ name: 'SubtensorModule.StartCallDelaySet', value: 0n })
    const again = () => errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'start_call', signed(u256(0)), { netuid: 1 })))
    expect(again()).toEqual(errorOf(SE.FirstEmissionBlockNumberAlreadySet()))
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBe(BigInt(m.block) + 1n)
  })
})

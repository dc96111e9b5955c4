// Port of subtensor pallets/subtensor/src/tests/voting_power.rs (HEAD 14bc6f9). As there, the EMA
// update runs on an epoch output built from state (permit and stake per registered hotkey); the
// expected values are the EMA formula evaluated here. One more case runs a real epoch through
// epoch_with_mechanisms to show the hook is wired.
import { describe, expect, it } from 'vitest'
import type { EpochTerms } from '../../../src/pallets/subtensor/epoch/run-epoch.js'
import { SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { epochWithMechanisms } from '../../../src/pallets/subtensor/subnets/mechanism.js'
import { Weigher } from '../../../src/pallets/subtensor/swap/common.js'
import { performHotkeySwapOnAllSubnets } from '../../../src/pallets/subtensor/swap/swap-hotkey.js'
import {
  MAX_VOTING_POWER_EMA_ALPHA, updateVotingPowerForSubnet, VOTING_POWER_DISABLE_GRACE_PERIOD_BLOCKS,
} from '../../../src/pallets/subtensor/utils/voting-power.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { callHandler, errorOf, eventNames, failsUntouched, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, type Ext, newTestExt, u256 } from './head-mock.js'

const STAKE = 1_000_000_000_000n
const BAD_ORIGIN = { type: 'BadOrigin' }
const se = (e: () => unknown): unknown => errorOf(e())
const call = (x: Ext, name: string, origin: Origin, args: Record<string, unknown>) => callHandler(x.env, 'SubtensorModule', name, origin, args)
const fails = (x: Ext, name: string, origin: Origin, args: Record<string, unknown>) => errorOf(failsUntouched(x.s, () => call(x, name, origin, args)))

/** The EMA as voting_power.rs defines it: (α·stake + (10¹⁸ − α)·previous) / 10¹⁸. */
const ema = (stake: bigint, previous: bigint, alpha: bigint): bigint => (alpha * stake + (10n ** 18n - alpha) * previous) / 10n ** 18n

function term(uid: number, permit: boolean, stake: bigint): EpochTerms {
  return {
    uid, dividend: 0, incentive: 0, validatorEmission: 0n, serverEmission: 0n, stakeWeight: 0, active: false, emission: 0n,
    consensus: 0, validatorTrust: 0, newValidatorPermit: permit, bond: { c: [], v: [] }, stake,
  }
}

interface Fixture extends Ext { hotkey: Uint8Array; coldkey: Uint8Array; netuid: number }
function fixture(): Fixture {
  const x = newTestExt(1)
  const [hotkey, coldkey] = [u256(1), u256(2)]
  const netuid = addDynamicNetwork(x, hotkey, coldkey)
  return { ...x, hotkey, coldkey, netuid }
}
/** `build_mock_epoch_output`: every registered hotkey with its permit and subnet stake. */
function epochOutput(f: Fixture): Array<[Uint8Array, EpochTerms]> {
  const permits = S.ValidatorPermit.get(f.s, f.netuid)
  return [...S.Keys.iterPrefix(f.s, f.netuid)].map(([uid, hk]) => [hk, term(uid, permits[uid] ?? false, S.TotalHotkeyAlpha.get(f.s, hk, f.netuid))])
}
const runEpochs = (f: Fixture, n: number) => { for (let i = 0; i < n; i++) updateVotingPowerForSubnet(f.s, f.env, f.netuid, epochOutput(f)) }
const enable = (f: Fixture) => call(f, 'enable_voting_power_tracking', signed(f.coldkey), { netuid: f.netuid })
const power = (f: Fixture, hk = f.hotkey) => S.VotingPower.get(f.s, f.netuid, hk)
/** `setup_full`: tracking on, STAKE on the owner hotkey, which holds a validator permit. */
function setupFull(f: Fixture): void {
  enable(f)
  increaseStakeForHotkeyAndColdkeyOnSubnet(f.s, f.hotkey, f.coldkey, f.netuid, STAKE)
  S.ValidatorPermit.set(f.s, f.netuid, [true])
}

describe('tests/voting_power.rs: the calls', () => {
  it('test_enable_voting_power_tracking / root_can_enable / non_owner_fails', () => {
    const f = fixture()
    expect(S.VotingPowerTrackingEnabled.get(f.s, f.netuid)).toBe(false)
    expect(fails(f, 'enable_voting_power_tracking', signed(u256(999)), { netuid: f.netuid })).toEqual(BAD_ORIGIN)
    enable(f)
    expect(S.VotingPowerTrackingEnabled.get(f.s, f.netuid)).toBe(true)
    expect(S.VotingPowerDisableAtBlock.get(f.s, f.netuid)).toBe(0n)
    expect(eventNames(f.s)).toContain('SubtensorModule.VotingPowerTrackingEnabled')
    const g = fixture()
    call(g, 'enable_voting_power_tracking', ROOT, { netuid: g.netuid })
    expect(S.VotingPowerTrackingEnabled.get(g.s, g.netuid)).toBe(true)
  })

  it('test_disable_voting_power_tracking_schedules_disable / fails_when_not_enabled / non_owner_fails', () => {
    const f = fixture()
    expect(fails(f, 'disable_voting_power_tracking', signed(f.coldkey), { netuid: f.netuid })).toEqual(se(SE.VotingPowerTrackingNotEnabled))
    enable(f)
    expect(fails(f, 'disable_voting_power_tracking', signed(u256(999)), { netuid: f.netuid })).toEqual(BAD_ORIGIN)
    const now = BigInt(System.Number.get(f.s))
    call(f, 'disable_voting_power_tracking', signed(f.coldkey), { netuid: f.netuid })
    expect(S.VotingPowerTrackingEnabled.get(f.s, f.netuid)).toBe(true)
    expect(S.VotingPowerDisableAtBlock.get(f.s, f.netuid)).toBe(now + 100_800n)
    expect(eventNames(f.s)).toContain('SubtensorModule.VotingPowerTrackingDisableScheduled')
  })

  it('test_set_voting_power_ema_alpha / fails_above_one / non_root_fails', () => {
    const f = fixture()
    expect(S.VotingPowerEmaAlpha.get(f.s, f.netuid)).toBe(3_570_000_000_000_000n)
    expect(fails(f, 'sudo_set_voting_power_ema_alpha', signed(f.coldkey), { netuid: f.netuid, alpha: 5n * 10n ** 17n })).toEqual(BAD_ORIGIN)
    expect(fails(f, 'sudo_set_voting_power_ema_alpha', ROOT, { netuid: f.netuid, alpha: 10n ** 18n + 1n })).toEqual(se(SE.InvalidVotingPowerEmaAlpha))
    call(f, 'sudo_set_voting_power_ema_alpha', ROOT, { netuid: f.netuid, alpha: 5n * 10n ** 17n })
    expect(S.VotingPowerEmaAlpha.get(f.s, f.netuid)).toBe(5n * 10n ** 17n)
    call(f, 'sudo_set_voting_power_ema_alpha', ROOT, { netuid: f.netuid, alpha: MAX_VOTING_POWER_EMA_ALPHA })
    expect(eventNames(f.s)).toContain('SubtensorModule.VotingPowerEmaAlphaSet')
  })

  it('test_reenable_voting_power_clears_disable_schedule', () => {
    const f = fixture()
    enable(f)
    call(f, 'disable_voting_power_tracking', signed(f.coldkey), { netuid: f.netuid })
    expect(S.VotingPowerDisableAtBlock.get(f.s, f.netuid)).toBeGreaterThan(0n)
    enable(f)
    expect(S.VotingPowerTrackingEnabled.get(f.s, f.netuid)).toBe(true)
    expect(S.VotingPowerDisableAtBlock.get(f.s, f.netuid)).toBe(0n)
  })
})

describe('tests/voting_power.rs: the per-epoch EMA', () => {
  it('test_voting_power_ema_calculation (exact values after 1 and 11 epochs)', () => {
    const f = fixture()
    setupFull(f)
    expect(power(f)).toBe(0n)
    const alpha = S.VotingPowerEmaAlpha.get(f.s, f.netuid)
    runEpochs(f, 1)
    let expected = ema(STAKE, 0n, alpha)
    expect(power(f)).toBe(expected)
    runEpochs(f, 10)
    for (let i = 0; i < 10; i++) expected = ema(STAKE, expected, alpha)
    expect(power(f)).toBe(expected)
    expect(expected).toBeGreaterThan(ema(STAKE, 0n, alpha))
  })

  it('test_voting_power_cleared_when_deregistered', () => {
    const f = fixture()
    setupFull(f)
    runEpochs(f, 10)
    expect(power(f)).toBeGreaterThan(0n)
    S.IsNetworkMember.remove(f.s, f.hotkey, f.netuid)
    runEpochs(f, 1)
    expect(S.VotingPower.contains(f.s, f.netuid, f.hotkey)).toBe(false)
  })

  it('test_only_validators_get_voting_power / test_miner_voting_power_removed_when_loses_vpermit', () => {
    const f = fixture()
    setupFull(f)
    const miner = u256(7)
    const out: Array<[Uint8Array, EpochTerms]> = [[f.hotkey, term(0, true, STAKE)], [miner, term(1, false, STAKE)]]
    S.VotingPower.set(f.s, f.netuid, miner, 5n)
    updateVotingPowerForSubnet(f.s, f.env, f.netuid, out)
    expect(power(f)).toBe(ema(STAKE, 0n, S.VotingPowerEmaAlpha.get(f.s, f.netuid)))
    expect(S.VotingPower.contains(f.s, f.netuid, miner)).toBe(false)
    S.ValidatorPermit.set(f.s, f.netuid, [false])
    runEpochs(f, 1)
    expect(power(f)).toBe(0n)
  })

  it('test_voting_power_transfers_on_hotkey_swap / swap_adds_to_existing (through the hotkey swap)', () => {
    const f = fixture()
    const other = u256(99)
    S.VotingPower.set(f.s, f.netuid, f.hotkey, 5_000_000_000_000n)
    S.VotingPower.set(f.s, f.netuid, other, 2_000_000_000_000n)
    performHotkeySwapOnAllSubnets({ origin: signed(f.coldkey), s: f.s, env: f.env }, f.hotkey, other, f.coldkey, new Weigher(), false)
    expect(S.VotingPower.contains(f.s, f.netuid, f.hotkey)).toBe(false)
    expect(power(f, other)).toBe(7_000_000_000_000n)
  })

  it('test_voting_power_not_removed_if_never_above_threshold / small dip / significant drop', () => {
    const f = fixture()
    setupFull(f)
    S.StakeThreshold.set(f.s, 1_000_000_000n)
    // below the threshold and never above it: kept (and growing)
    S.VotingPower.set(f.s, f.netuid, f.hotkey, 999_999_999n)
    runEpochs(f, 1)
    expect(power(f)).toBe(ema(STAKE, 999_999_999n, S.VotingPowerEmaAlpha.get(f.s, f.netuid)))
    // a dip of the stake below the threshold: the EMA moves slowly and stays above it
    S.VotingPower.set(f.s, f.netuid, f.hotkey, 2_000_000_000n)
    updateVotingPowerForSubnet(f.s, f.env, f.netuid, [[f.hotkey, term(0, true, 950_000_000n)]])
    expect(power(f)).toBe(ema(950_000_000n, 2_000_000_000n, S.VotingPowerEmaAlpha.get(f.s, f.netuid)))
    // from just above the threshold the same dip takes it below: removed
    S.VotingPower.set(f.s, f.netuid, f.hotkey, 1_000_000_100n)
    updateVotingPowerForSubnet(f.s, f.env, f.netuid, [[f.hotkey, term(0, true, 950_000_000n)]])
    expect(S.VotingPower.contains(f.s, f.netuid, f.hotkey)).toBe(false)
    // α = 1 and a full unstake: from the threshold to 0, removed
    S.VotingPower.set(f.s, f.netuid, f.hotkey, 1_000_000_000n)
    S.VotingPowerEmaAlpha.set(f.s, f.netuid, MAX_VOTING_POWER_EMA_ALPHA)
    updateVotingPowerForSubnet(f.s, f.env, f.netuid, [[f.hotkey, term(0, true, 0n)]])
    expect(S.VotingPower.contains(f.s, f.netuid, f.hotkey)).toBe(false)
  })

  it('test_voting_power_not_updated_when_disabled', () => {
    const f = fixture()
    increaseStakeForHotkeyAndColdkeyOnSubnet(f.s, f.hotkey, f.coldkey, f.netuid, STAKE)
    S.ValidatorPermit.set(f.s, f.netuid, [true])
    runEpochs(f, 1)
    expect(power(f)).toBe(0n)
  })

  it('test_voting_power_finalized_after_grace_period / continues_during_grace_period', () => {
    const f = fixture()
    setupFull(f)
    runEpochs(f, 10)
    call(f, 'disable_voting_power_tracking', signed(f.coldkey), { netuid: f.netuid })
    const disableAt = S.VotingPowerDisableAtBlock.get(f.s, f.netuid)
    expect(disableAt).toBe(1n + VOTING_POWER_DISABLE_GRACE_PERIOD_BLOCKS)
    System.Number.set(f.s, Number(disableAt) - 1000)
    const before = power(f)
    runEpochs(f, 1)
    expect(S.VotingPowerTrackingEnabled.get(f.s, f.netuid)).toBe(true)
    expect(power(f)).toBe(ema(STAKE, before, S.VotingPowerEmaAlpha.get(f.s, f.netuid)))
    System.Number.set(f.s, Number(disableAt) + 1)
    runEpochs(f, 1)
    expect(S.VotingPowerTrackingEnabled.get(f.s, f.netuid)).toBe(false)
    expect(S.VotingPowerDisableAtBlock.get(f.s, f.netuid)).toBe(0n)
    expect([...S.VotingPower.iterPrefix(f.s, f.netuid)]).toEqual([])
    expect(eventNames(f.s)).toContain('SubtensorModule.VotingPowerTrackingDisabled')
  })

  it('epoch_with_mechanisms runs the update: the permitted owner hotkey gains voting power', () => {
    const f = fixture()
    setupFull(f)
    epochWithMechanisms(f.s, f.env, f.netuid, 0n, BigInt(System.Number.get(f.s)))
    expect(S.ValidatorPermit.get(f.s, f.netuid)[0]).toBe(true)
    expect(power(f)).toBe(ema(S.TotalHotkeyAlpha.get(f.s, f.hotkey, f.netuid), 0n, S.VotingPowerEmaAlpha.get(f.s, f.netuid)))
    expect(power(f)).toBeGreaterThan(0n)
  })
})

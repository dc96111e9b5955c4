// Port of subtensor pallets/subtensor/src/tests/tempo_control.rs (HEAD 14bc6f9): the owner's
// set_tempo, set_activity_cutoff_factor and trigger_epoch, with each error path.
import { describe, expect, it } from 'vitest'
import { SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { callHandler, errorOf, events, failsUntouched, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const DEFAULT_TEMPO = 360
const NEW_TEMPO = 720
const BAD_ORIGIN = { type: 'BadOrigin' }
const se = (e: () => unknown): unknown => errorOf(e())
const call = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => callHandler(m.env, 'SubtensorModule', name, origin, args)
const fails = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => errorOf(failsUntouched(m.s, () => call(m, name, origin, args)))

/** `setup_subnet`: netuid 1 at tempo 360, owned by `owner`, started, admin freeze window 0. */
function setupSubnet(owner: Uint8Array): Mock {
  const m = new Mock()
  m.addNetwork(1, DEFAULT_TEMPO)
  S.SubnetOwner.set(m.s, 1, owner)
  S.SubtokenEnabled.set(m.s, 1, true)
  S.AdminFreezeWindow.set(m.s, 0)
  return m
}
const lastEvent = (m: Mock) => events(m.s).at(-1)!

describe('tests/tempo_control.rs', () => {
  it('do_set_tempo_works_with_commit_reveal_enabled (cycle reset, TempoSet)', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    expect(S.CommitRevealWeightsEnabled.get(m.s, 1)).toBe(true)
    m.setBlockNumber(7)
    call(m, 'set_tempo', signed(owner), { netuid: 1, tempo: NEW_TEMPO })
    expect(S.Tempo.get(m.s, 1)).toBe(NEW_TEMPO)
    expect(S.LastEpochBlock.get(m.s, 1)).toBe(7n)
    expect(lastEvent(m)).toMatchObject({ name: 'SubtensorModule.TempoSet', value: [1, NEW_TEMPO] })
    // TransactionType::TempoUpdate (11) keyed by the owner
    expect(S.TransactionKeyLastBlock.get(m.s, owner, 1, 11)).toBe(7n)
  })

  it('set_tempo refuses: not the owner (Root included), out of bounds, freeze window, MinTempo cooldown', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    expect(fails(m, 'set_tempo', signed(u256(2)), { netuid: 1, tempo: NEW_TEMPO })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'set_tempo', ROOT, { netuid: 1, tempo: NEW_TEMPO })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'set_tempo', signed(owner), { netuid: 1, tempo: 359 })).toEqual(se(SE.TempoOutOfBounds))
    expect(fails(m, 'set_tempo', signed(owner), { netuid: 1, tempo: 50_401 })).toEqual(se(SE.TempoOutOfBounds))
    // freeze: fewer than AdminFreezeWindow blocks to the next epoch (LastEpochBlock 0 + 360 − 355 = 5 < 10)
    S.AdminFreezeWindow.set(m.s, 10)
    m.setBlockNumber(355)
    expect(fails(m, 'set_tempo', signed(owner), { netuid: 1, tempo: NEW_TEMPO })).toEqual(se(SE.AdminActionProhibitedDuringWeightsWindow))
    S.AdminFreezeWindow.set(m.s, 0)
    call(m, 'set_tempo', signed(owner), { netuid: 1, tempo: 50_400 })
    m.setBlockNumber(355 + 359)
    expect(fails(m, 'set_tempo', signed(owner), { netuid: 1, tempo: 360 })).toEqual(se(SE.TxRateLimitExceeded))
    m.setBlockNumber(355 + 360)
    call(m, 'set_tempo', signed(owner), { netuid: 1, tempo: 360 })
    expect(S.Tempo.get(m.s, 1)).toBe(360)
  })

  it('do_trigger_epoch_blocked_with_commit_reveal_enabled', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    S.AdminFreezeWindow.set(m.s, 5)
    expect(fails(m, 'trigger_epoch', signed(owner), { netuid: 1 })).toEqual(se(SE.DynamicTempoBlockedByCommitReveal))
    expect(S.PendingEpochAt.get(m.s, 1)).toBe(0n)
  })

  it('do_trigger_epoch_works_with_commit_reveal_disabled (EpochTriggered, then EpochTriggerAlreadyPending)', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    S.CommitRevealWeightsEnabled.set(m.s, 1, false)
    S.AdminFreezeWindow.set(m.s, 5)
    expect(fails(m, 'trigger_epoch', signed(u256(2)), { netuid: 1 })).toEqual(BAD_ORIGIN)
    call(m, 'trigger_epoch', signed(owner), { netuid: 1 })
    expect(S.PendingEpochAt.get(m.s, 1)).toBe(BigInt(m.block) + 5n)
    expect(lastEvent(m)).toEqual({ name: 'SubtensorModule.EpochTriggered', value: { netuid: 1, by: owner, fires_at: BigInt(m.block) + 5n }, phase: expect.anything() })
    expect(fails(m, 'trigger_epoch', signed(owner), { netuid: 1 })).toEqual(se(SE.EpochTriggerAlreadyPending))
  })

  it('trigger_epoch: the owner rate limit (OwnerHyperparamRateLimit tempos) after the trigger fired', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    S.CommitRevealWeightsEnabled.set(m.s, 1, false)
    call(m, 'trigger_epoch', signed(owner), { netuid: 1 })
    S.PendingEpochAt.set(m.s, 1, 0n)
    S.LastEpochBlock.set(m.s, 1, BigInt(m.block))
    expect(fails(m, 'trigger_epoch', signed(owner), { netuid: 1 })).toEqual(se(SE.TxRateLimitExceeded))
  })

  it('do_set_activity_cutoff_factor_works_for_root_bypassing_freeze_window', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    S.Tempo.set(m.s, 1, 10)
    S.LastEpochBlock.set(m.s, 1, 1n)
    S.AdminFreezeWindow.set(m.s, 8)
    m.setBlockNumber(5)
    expect(fails(m, 'set_activity_cutoff_factor', signed(owner), { netuid: 1, factor_milli: 5_000 })).toEqual(se(SE.AdminActionProhibitedDuringWeightsWindow))
    call(m, 'set_activity_cutoff_factor', ROOT, { netuid: 1, factor_milli: 5_000 })
    expect(S.ActivityCutoffFactorMilli.get(m.s, 1)).toBe(5_000)
    expect(lastEvent(m)).toMatchObject({ name: 'SubtensorModule.ActivityCutoffFactorMilliSet', value: { netuid: 1, factor_milli: 5_000 } })
  })

  it('set_activity_cutoff_factor refuses: not owner or root, bounds; the owner is rate limited', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    expect(fails(m, 'set_activity_cutoff_factor', signed(u256(2)), { netuid: 1, factor_milli: 5_000 })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'set_activity_cutoff_factor', ROOT, { netuid: 1, factor_milli: 999 })).toEqual(se(SE.ActivityCutoffFactorMilliOutOfBounds))
    expect(fails(m, 'set_activity_cutoff_factor', ROOT, { netuid: 1, factor_milli: 50_001 })).toEqual(se(SE.ActivityCutoffFactorMilliOutOfBounds))
    call(m, 'set_activity_cutoff_factor', signed(owner), { netuid: 1, factor_milli: 1_000 })
    expect(S.ActivityCutoffFactorMilli.get(m.s, 1)).toBe(1_000)
    expect(fails(m, 'set_activity_cutoff_factor', signed(owner), { netuid: 1, factor_milli: 2_000 })).toEqual(se(SE.TxRateLimitExceeded))
    call(m, 'set_activity_cutoff_factor', ROOT, { netuid: 1, factor_milli: 50_000 })
    expect(S.ActivityCutoffFactorMilli.get(m.s, 1)).toBe(50_000)
  })

  it('do_trigger_epoch_rejects_when_auto_epoch_already_imminent', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    S.CommitRevealWeightsEnabled.set(m.s, 1, false)
    S.Tempo.set(m.s, 1, 10)
    S.LastEpochBlock.set(m.s, 1, 1n)
    S.AdminFreezeWindow.set(m.s, 8)
    m.setBlockNumber(5)
    expect(fails(m, 'trigger_epoch', signed(owner), { netuid: 1 })).toEqual(se(SE.AutoEpochAlreadyImminent))
    expect(S.PendingEpochAt.get(m.s, 1)).toBe(0n)
  })

  it('a triggered epoch runs at fires_at (the scheduler consumes PendingEpochAt); set_tempo restarts the cycle', () => {
    const owner = u256(1)
    const m = setupSubnet(owner)
    S.CommitRevealWeightsEnabled.set(m.s, 1, false)
    S.AdminFreezeWindow.set(m.s, 5)
    call(m, 'trigger_epoch', signed(owner), { netuid: 1 })
    const firesAt = BigInt(m.block) + 5n
    m.stepBlock(4)
    expect(S.LastEpochBlock.get(m.s, 1)).toBe(0n)
    m.stepBlock(1)
    expect(BigInt(m.block)).toBe(firesAt)
    expect(S.LastEpochBlock.get(m.s, 1)).toBe(firesAt)
    expect(S.PendingEpochAt.get(m.s, 1)).toBe(0n)
    // set_tempo at block b: the next automatic epoch is b + tempo
    S.AdminFreezeWindow.set(m.s, 0)
    call(m, 'set_tempo', signed(owner), { netuid: 1, tempo: 400 })
    const b = BigInt(m.block)
    m.stepBlock(399)
    expect(S.LastEpochBlock.get(m.s, 1)).toBe(b)
    m.stepBlock(1)
    expect(S.LastEpochBlock.get(m.s, 1)).toBe(b + 400n)
  })
})

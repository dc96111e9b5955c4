// Port of subtensor v3.3.13 pallets/subtensor/src/tests/difficulty.rs.
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { Mock, u256 } from './mock.js'

describe('tests/difficulty.rs (v3.3.13)', () => {
  it('test_registration_difficulty_adjustment', () => {
    const m = new Mock()
    const { s } = m
    const netuid = 1
    m.addNetwork(netuid, 1)
    S.SubnetOwner.set(s, netuid, u256(99999))
    S.MinDifficulty.set(s, netuid, 10000n)
    expect(S.Difficulty.get(s, netuid)).toBe(10000n)
    expect(S.LastAdjustmentBlock.get(s, netuid)).toBe(0n)
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(0)
    S.AdjustmentAlpha.set(s, netuid, 58000n)
    S.TargetRegistrationsPerInterval.set(s, netuid, 2)
    S.AdjustmentInterval.set(s, netuid, 100)
    expect(S.NetworkRegistrationAllowed.get(s, netuid)).toBe(true)

    S.Difficulty.set(s, netuid, 20000n)
    S.AdjustmentInterval.set(s, netuid, 1)
    S.TargetRegistrationsPerInterval.set(s, netuid, 1)
    S.MaxRegistrationsPerBlock.set(s, netuid, 3)
    S.MaxAllowedUids.set(s, netuid, 3)
    S.NetworkRegistrationAllowed.set(s, netuid, true)

    const [h0, h1, h2] = [0, 100, 2000]
    const [c0, c1, c2] = [0, 1000, 20000]
    m.registerOk(netuid, u256(h0), u256(c0), 39420842)
    m.registerOk(netuid, u256(h1), u256(c1), 12412392)
    m.registerOk(netuid, u256(h2), u256(c2), 21813123)
    expect(S.Keys.get(s, netuid, 0)).toEqual(u256(h0))
    expect(S.Keys.get(s, netuid, 1)).toEqual(u256(h1))
    expect(S.Keys.get(s, netuid, 2)).toEqual(u256(h2))
    expect(S.SubnetworkN.get(s, netuid)).toBe(3)
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(3)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(3)
    expect(S.Difficulty.get(s, netuid)).toBe(20000n)

    m.stepBlock(1)
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(0)
    expect(S.LastAdjustmentBlock.get(s, netuid)).toBe(2n)
    // 20000 × (3 + 1) / (1 + 1), smoothed by alpha = 58000 / u64::MAX (negligible in U110F18)
    expect(S.Difficulty.get(s, netuid)).toBe(40000n)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(0)

    S.AdjustmentInterval.set(s, netuid, 3)
    S.TargetRegistrationsPerInterval.set(s, netuid, 3)
    m.registerOk(netuid, u256(h0 + 1), u256(c0 + 1), 3942084)
    m.registerOk(netuid, u256(h1 + 1), u256(c1 + 1), 1241239)
    m.registerOk(netuid, u256(h2 + 1), u256(c2 + 1), 2181312)
    // each replaces the oldest (uids 0, 1, 2 are out of immunity: ImmunityPeriod 2)
    expect(S.Keys.get(s, netuid, 0)).toEqual(u256(h0 + 1))
    expect(S.Keys.get(s, netuid, 1)).toEqual(u256(h1 + 1))
    expect(S.Keys.get(s, netuid, 2)).toEqual(u256(h2 + 1))
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(3)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(3)

    m.stepBlock(1)
    expect(S.LastAdjustmentBlock.get(s, netuid)).toBe(2n)
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(0)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(3)

    m.registerOk(netuid, u256(h0 + 2), u256(c0 + 2), 394208420)
    m.registerOk(netuid, u256(h1 + 2), u256(c1 + 2), 124123920)
    m.registerOk(netuid, u256(h2 + 2), u256(c2 + 2), 218131230)
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(3)

    m.stepBlock(1)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(6)
    expect(S.Difficulty.get(s, netuid)).toBe(40000n)
    m.stepBlock(1)
    // 40000 × (6 + 3) / (3 + 3)
    expect(S.Difficulty.get(s, netuid)).toBe(60000n)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(0)

    S.MinDifficulty.set(s, netuid, 1n)
    S.Difficulty.set(s, netuid, 4n)
    S.AdjustmentInterval.set(s, netuid, 1)
    m.stepBlock(1)
    expect(S.Difficulty.get(s, netuid)).toBe(2n) // 4 × (0 + 3) / (3 + 3)
    m.stepBlock(1)
    expect(S.Difficulty.get(s, netuid)).toBe(1n)
    m.stepBlock(1)
    expect(S.Difficulty.get(s, netuid)).toBe(1n) // clamped at MinDifficulty

    S.MaxDifficulty.set(s, netuid, 10000n)
    S.Difficulty.set(s, netuid, 5000n)
    S.MaxRegistrationsPerBlock.set(s, netuid, 4)
    m.registerOk(netuid, u256(h0 + 3), u256(c0 + 3), 294208420)
    m.registerOk(netuid, u256(h1 + 3), u256(c1 + 3), 824123920)
    m.registerOk(netuid, u256(h2 + 3), u256(c2 + 3), 324123920)
    m.registerOk(netuid, u256(h2 + 4), u256(c2 + 4), 524123920)
    expect(S.RegistrationsThisInterval.get(s, netuid)).toBe(4)
    expect(S.TargetRegistrationsPerInterval.get(s, netuid)).toBe(3)
    m.stepBlock(1)
    // floor(5000 × 7 / 6)
    expect(S.Difficulty.get(s, netuid)).toBe(5833n)

    m.registerOk(netuid, u256(h0 + 4), u256(c0 + 4), 124208420)
    m.registerOk(netuid, u256(h1 + 4), u256(c1 + 4), 314123920)
    m.registerOk(netuid, u256(h2 + 4), u256(c2 + 4), 834123920)
    m.stepBlock(1)
    expect(S.Difficulty.get(s, netuid)).toBe(5833n)
  })
})

// Port of subtensor pallets/subtensor/src/tests/coinbase.rs (HEAD 14bc6f9): the pieces of
// distribute_emission called on their own — calculate_dividends_and_incentives,
// calculate_dividend_distribution, calculate_dividend_and_incentive_distribution and
// distribute_dividends_and_incentives (owner hotkeys' incentive withheld, auto-stake
// destinations). Expected values and epsilons are the tests' own.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import {
  AccountMap, calculateDividendAndIncentiveDistribution, calculateDividendDistribution, calculateDividendsAndIncentives, distributeDividendsAndIncentives,
} from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { getStakeForHotkeyOnSubnet as hotkeyStake, increaseStakeForHotkeyAndColdkeyOnSubnet as increase } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { addDynamicNetwork, newTestExt, u256, type Ext } from './head-mock.js'
import { registerOkNeuron, removeOwnerRegistrationStake, sub } from './staking-mock.js'

const W = F.U96F32
const absDiff = (a: bigint, b: bigint, eps: bigint): void => {
  const d = a > b ? a - b : b - a
  expect(d <= eps, `${a} within ${eps} of ${b}`).toBe(true)
}
/** `values().sum::<U96F32>().to_num::<u64>()`. */
const sumToU64 = (m: Array<[Uint8Array, bigint]>): bigint => F.toInt(W, m.reduce((a, [, v]) => F.saturatingAdd(W, a, v), 0n))
const mapOf = <V>(entries: Array<[Uint8Array, V]>): AccountMap<V> => {
  const m = new AccountMap<V>()
  for (const [k, v] of entries) m.set(k, v)
  return m
}
/** `distribute_dividends_and_incentives(netuid, 0, incentives, {}, {})`. */
const payIncentives = (e: Ext, netuid: number, incentives: Array<[Uint8Array, bigint]>): void =>
  distributeDividendsAndIncentives(e.s, e.env, netuid, 0n, mapOf(incentives), [], [])

describe('tests/coinbase.rs (HEAD): distribute_dividends_and_incentives', () => {
  it('test_incentive_to_subnet_owner_is_burned', () => {
    const e = newTestExt(1)
    const [ownerCk, ownerHk, otherCk, otherHk] = [u256(0), u256(1), u256(2), u256(3)]
    S.Owner.set(e.s, otherHk, otherCk)
    const n = addDynamicNetwork(e, ownerHk, ownerCk)
    removeOwnerRegistrationStake(e, n)
    expect(hotkeyStake(e.s, ownerHk, n)).toBe(0n)
    expect(hotkeyStake(e.s, otherHk, n)).toBe(0n)
    payIncentives(e, n, [[otherHk, 10_000_000n], [ownerHk, 10_000_000n]])
    expect(hotkeyStake(e.s, ownerHk, n)).toBe(0n)
    expect(hotkeyStake(e.s, otherHk, n) > 0n).toBe(true)
  })

  it('test_incentive_to_subnet_owners_hotkey_is_burned', () => {
    const e = newTestExt(1)
    const [ownerCk, ownerHk, otherHk] = [u256(0), u256(1), u256(3)]
    S.Owner.set(e.s, otherHk, ownerCk)
    S.OwnedHotkeys.set(e.s, ownerCk, [ownerHk, otherHk])
    const n = addDynamicNetwork(e, ownerHk, ownerCk)
    removeOwnerRegistrationStake(e, n)
    S.Uids.set(e.s, n, otherHk, 1)
    S.ImmuneOwnerUidsLimit.set(e.s, n, 2)
    expect(hotkeyStake(e.s, ownerHk, n)).toBe(0n)
    expect(hotkeyStake(e.s, otherHk, n)).toBe(0n)
    payIncentives(e, n, [[otherHk, 10_000_000n], [ownerHk, 10_000_000n]])
    expect(hotkeyStake(e.s, ownerHk, n)).toBe(0n)
    expect(hotkeyStake(e.s, otherHk, n)).toBe(0n)
  })

  it('test_burn_key_sorting', () => {
    const e = newTestExt(1)
    const [ownerCk, ownerHk, hk1, hk2, hk3] = [u256(0), u256(1), u256(3), u256(4), u256(5)]
    for (const hk of [hk1, hk2, hk3]) S.Owner.set(e.s, hk, ownerCk)
    S.OwnedHotkeys.set(e.s, ownerCk, [ownerHk, hk1, hk2, hk3])
    const n = addDynamicNetwork(e, ownerHk, ownerCk)
    removeOwnerRegistrationStake(e, n)
    S.BlockAtRegistration.set(e.s, n, 1, 2n)
    S.BlockAtRegistration.set(e.s, n, 3, 1n)
    S.BlockAtRegistration.set(e.s, n, 2, 1n)
    S.Uids.set(e.s, n, hk1, 1)
    S.Uids.set(e.s, n, hk2, 3)
    S.Uids.set(e.s, n, hk3, 2)
    payIncentives(e, n, [[hk1, 10_000_000n], [hk2, 10_000_000n], [hk3, 10_000_000n], [ownerHk, 10_000_000n]])
    for (const hk of [ownerHk, hk1, hk2, hk3]) expect(hotkeyStake(e.s, hk, n)).toBe(0n)
  })

  it('test_incentive_is_autostaked_to_owner_destination', () => {
    const e = newTestExt(1)
    const [ownerCk, ownerHk, minerCk, minerHk, destHk] = [u256(0), u256(1), u256(10), u256(11), u256(12)]
    S.Owner.set(e.s, minerHk, minerCk)
    S.Owner.set(e.s, destHk, minerCk)
    S.OwnedHotkeys.set(e.s, minerCk, [minerHk, destHk])
    const n = addDynamicNetwork(e, ownerHk, ownerCk)
    S.Uids.set(e.s, n, minerHk, 1)
    S.Uids.set(e.s, n, destHk, 2)
    sub(e, minerCk, 'set_coldkey_auto_stake_hotkey', { netuid: n, hotkey: destHk })
    expect(hotkeyStake(e.s, minerHk, n)).toBe(0n)
    expect(hotkeyStake(e.s, destHk, n)).toBe(0n)
    const incentive = 10_000_000n
    payIncentives(e, n, [[minerHk, incentive]])
    expect(hotkeyStake(e.s, minerHk, n)).toBe(0n)
    expect(hotkeyStake(e.s, destHk, n)).toBe(incentive)
  })

  it('test_incentive_goes_to_hotkey_when_no_autostake_destination', () => {
    const e = newTestExt(1)
    const [ownerCk, ownerHk, minerCk, minerHk] = [u256(0), u256(1), u256(20), u256(21)]
    S.Owner.set(e.s, minerHk, minerCk)
    S.OwnedHotkeys.set(e.s, minerCk, [minerHk])
    const n = addDynamicNetwork(e, ownerHk, ownerCk)
    S.Uids.set(e.s, n, minerHk, 1)
    expect(hotkeyStake(e.s, minerHk, n)).toBe(0n)
    const incentive = 5_000_000n
    payIncentives(e, n, [[minerHk, incentive]])
    expect(hotkeyStake(e.s, minerHk, n)).toBe(incentive)
  })
})

describe('tests/coinbase.rs (HEAD): calculate_dividend_distribution', () => {
  // Stake map and dividends "shouldn't matter" (the tests' words): the same in all four.
  const [h0, h1] = [u256(0), u256(1)]
  const stakeMap = (): AccountMap<[bigint, bigint]> => mapOf([[h0, [4_859_302n, 2_342_352n]], [h1, [23_423n, 859_273n]]])
  const dividends = (): AccountMap<bigint> => mapOf([[h0, F.fromInt(W, 77_783_738n)], [h1, F.fromInt(W, 19_283_940n)]])
  for (const [name, validatorAlpha, rootAlpha, taoWeight] of [
    ['test_calculate_dividend_distribution_totals', 183_123_567_452n, 837_120_949_872n, 0.18],
    ['test_calculate_dividend_distribution_total_only_tao', 0n, 837_120_949_872n, 0.18],
    ['test_calculate_dividend_distribution_total_no_tao_weight', 183_123_567_452n, 0n, 0.0],
    ['test_calculate_dividend_distribution_total_only_alpha', 183_123_567_452n, 0n, 0.18],
  ] as const) {
    it(name, () => {
      newTestExt(1)
      const [alpha, root] = calculateDividendDistribution(validatorAlpha, rootAlpha, F.fromF64(W, taoWeight), stakeMap(), dividends())
      absDiff(sumToU64(alpha), validatorAlpha, 1_000n)
      absDiff(sumToU64(root), rootAlpha, 1_000n)
    })
  }
})

/** The single-neuron set-up: a dynamic subnet, (hotkey 1, coldkey 2) registered with 1 alpha. */
function singleNeuron(): { e: Ext; n: number; hotkey: Uint8Array } {
  const e = newTestExt(1)
  const n = addDynamicNetwork(e, u256(0), u256(1))
  const [hotkey, coldkey] = [u256(1), u256(2)]
  registerOkNeuron(e, n, hotkey, coldkey)
  increase(e.s, hotkey, coldkey, n, 1n)
  return { e, n, hotkey }
}
const incentivesTotal = (m: AccountMap<bigint>): bigint => m.entries().reduce((a, [, v]) => a + v, 0n)

describe('tests/coinbase.rs (HEAD): calculate_dividend_and_incentive_distribution', () => {
  it('test_calculate_dividend_and_incentive_distribution', () => {
    const { e, n, hotkey } = singleNeuron()
    const pending = 123_456_789n
    const [incentives, [alpha]] = calculateDividendAndIncentiveDistribution(e.s, n, 0n, pending / 2n, [[hotkey, pending / 2n, pending / 2n]], F.fromF64(W, 0.0))
    absDiff(sumToU64(alpha) + incentivesTotal(incentives), pending, 2n)
  })

  it('test_calculate_dividend_and_incentive_distribution_all_to_validators', () => {
    const { e, n, hotkey } = singleNeuron()
    const pending = 123_456_789n
    const [incentives, [alpha]] = calculateDividendAndIncentiveDistribution(e.s, n, 0n, pending, [[hotkey, 0n, pending]], F.fromF64(W, 0.0))
    expect(sumToU64(alpha) + incentivesTotal(incentives)).toBe(pending)
  })
})

describe('tests/coinbase.rs (HEAD): calculate_dividends_and_incentives', () => {
  for (const [name, dividend, incentive] of [
    ['test_calculate_dividends_and_incentives', 123_456_789n, 683_051_923n],
    ['test_calculate_dividends_and_incentives_only_validators', 123_456_789n, 0n],
    ['test_calculate_dividends_and_incentives_only_miners', 0n, 123_456_789n],
  ] as const) {
    it(name, () => {
      const { e, n, hotkey } = singleNeuron()
      const { incentives, dividends } = calculateDividendsAndIncentives(e.s, n, [[hotkey, incentive, dividend]])
      expect(incentivesTotal(incentives)).toBe(incentive)
      expect(sumToU64(dividends.entries())).toBe(dividend)
    })
  }
})

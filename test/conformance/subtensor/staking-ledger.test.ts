// Ports of the share-pool cases of subtensor's tests/staking.rs and tests/staking2.rs (HEAD
// 14bc6f9): the stake ledger (stake_utils.rs's HotkeyAlphaSharePoolDataOperations) on storage,
// including the lazy Alpha → AlphaV2 / TotalHotkeyShares → TotalHotkeySharesV2 migration.
import { describe, expect, it } from 'vitest'
import { SafeFloat } from '../../../src/primitives/share-pool/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { newStore } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import { u256 } from './mock.js'

const ONE_U64F64 = { bits: 1n << 64n }
const sf = (v: bigint) => { const f = SafeFloat.fromU64(v); return { mantissa: f.mantissa, exponent: f.exponent } }
const netuid = 1
const coldkey = u256(1)
const hotkey = u256(2)
const stake = 200_000n

function ext(): Overlay {
  subtensorPallet()
  return newStore()
}
const get = (s: Overlay, hk = hotkey, ck = coldkey) => L.getStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid)
const diff = (a: bigint, b: bigint) => (a > b ? a - b : b - a)

describe('tests/staking.rs: lazy share-pool migration and data operations', () => {
  it('test_lazy_sharepool_migration_get_stake_reads_from_deprecated_alpha_map', () => {
    const s = ext()
    S.Alpha.set(s, [hotkey, coldkey, netuid], ONE_U64F64)
    S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
    S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
    expect(get(s)).toBe(stake)
  })

  it('test_lazy_sharepool_migration_get_stake_reads_from_alpha_v2_map', () => {
    const s = ext()
    S.AlphaV2.set(s, [hotkey, coldkey, netuid], sf(1n))
    S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
    S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
    expect(get(s)).toBe(stake)
  })

  it('test_lazy_sharepool_migration_get_stake_reads_from_cross_alpha_maps', () => {
    const s = ext()
    S.Alpha.set(s, [hotkey, coldkey, netuid], ONE_U64F64)
    S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
    S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
    expect(get(s)).toBe(stake)
  })

  it('test_lazy_sharepool_migration_staking_causes_migration', () => {
    const s = ext()
    S.Alpha.set(s, [hotkey, coldkey, netuid], ONE_U64F64)
    S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
    S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, stake)
    expect(S.Alpha.contains(s, hotkey, coldkey, netuid)).toBe(false)
    expect(S.TotalHotkeyShares.contains(s, hotkey, netuid)).toBe(false)
    const share = L.safeFloatOf(S.AlphaV2.get(s, hotkey, coldkey, netuid))
    const denominator = L.safeFloatOf(S.TotalHotkeySharesV2.get(s, hotkey, netuid))
    expect(Math.abs(share.div(denominator)!.toF64() - 1)).toBeLessThanOrEqual(1e-15)
    expect(get(s)).toBe(2n * stake)
  })

  it('test_sharepool_dataops_get_value_v1 / _v2 / _mixed_v1_v2 / _mixed_v2_v1', () => {
    for (const [alphaV1, sharesV1] of [[true, true], [false, false], [true, false], [false, true]]) {
      const s = ext()
      if (alphaV1) S.Alpha.set(s, [hotkey, coldkey, netuid], ONE_U64F64)
      else S.AlphaV2.set(s, [hotkey, coldkey, netuid], sf(1n))
      if (sharesV1) S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
      else S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
      S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
      expect(L.alphaSharePool(s, hotkey, netuid).getValue(coldkey)).toBe(stake)
    }
  })

  it('test_sharepool_dataops_get_value_from_shares_v1 / _v2', () => {
    for (const v1 of [true, false]) {
      const s = ext()
      if (v1) S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
      else S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
      S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
      expect(L.alphaSharePool(s, hotkey, netuid).getValueFromShares(SafeFloat.fromU64F64(1n << 64n))).toBe(stake)
    }
  })

  it('test_sharepool_dataops_update_value_for_all', () => {
    const s = ext()
    S.AlphaV2.set(s, [hotkey, coldkey, netuid], sf(1n))
    S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
    S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
    const pool = L.alphaSharePool(s, hotkey, netuid)
    pool.updateValueForAll(stake)
    expect(pool.getValue(coldkey)).toBe(stake * 2n)
    pool.updateValueForAll(-stake)
    expect(pool.getValue(coldkey)).toBe(stake)
  })

  it('test_sharepool_dataops_update_value_for_one_v1_with_migration / _v2 / _mixed_v1_v2 / _mixed_v2_v1', () => {
    for (const [alphaV1, sharesV1] of [[true, true], [false, false], [true, false], [false, true]]) {
      const s = ext()
      if (alphaV1) S.Alpha.set(s, [hotkey, coldkey, netuid], ONE_U64F64)
      else S.AlphaV2.set(s, [hotkey, coldkey, netuid], sf(1n))
      if (sharesV1) S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
      else S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
      S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
      const pool = L.alphaSharePool(s, hotkey, netuid)
      pool.updateValueForOne(coldkey, stake)
      expect(pool.getValue(coldkey)).toBe(stake * 2n)
      expect(S.Alpha.contains(s, hotkey, coldkey, netuid)).toBe(false)
      expect(S.TotalHotkeyShares.contains(s, hotkey, netuid)).toBe(false)
    }
  })

  it('test_sharepool_dataops_get_value_returns_zero / try_get_value_returns_err on non-existing v1 / v2', () => {
    for (const v1 of [true, false]) {
      const s = ext()
      if (v1) S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
      else S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
      S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
      const pool = L.alphaSharePool(s, hotkey, netuid)
      expect(pool.getValue(coldkey)).toBe(0n)
      expect(pool.tryGetValue(coldkey)).toBeNull()
      expect(get(s)).toBe(0n)
    }
  })

  it('test_increase_stake_for_hotkey_and_coldkey_on_subnet_adds_to_staking_hotkeys_map', () => {
    const s = ext()
    const [c0, c1, hk] = [u256(1), u256(2), u256(3)]
    expect(S.StakingHotkeys.contains(s, c0)).toBe(false)
    S.StakingHotkeys.set(s, c0, [])
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c0, netuid, 100_000_000_000n)
    expect(S.StakingHotkeys.get(s, c0)).toEqual([hk])
    expect(S.StakingHotkeys.contains(s, c1)).toBe(false)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c1, netuid, 100_000_000_000n)
    expect(S.StakingHotkeys.get(s, c1)).toEqual([hk])
  })

  it('a zero increase does not touch StakingHotkeys; a short decrease changes nothing', () => {
    const s = ext()
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, 0n)
    expect(S.StakingHotkeys.contains(s, coldkey)).toBe(false)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, 1_000n)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, 1_001n)
    expect(get(s)).toBe(1_000n)
    expect(() => L.calculateReducedStakeOnSubnet(s, hotkey, coldkey, netuid, 1_001n)).toThrow('NotEnoughStakeToWithdraw')
    expect(L.calculateReducedStakeOnSubnet(s, hotkey, coldkey, netuid, 400n)).toBe(600n)
    // selling everything removes every row of the pool
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, 1_000n)
    expect(S.AlphaV2.contains(s, hotkey, coldkey, netuid)).toBe(false)
    expect(S.TotalHotkeySharesV2.contains(s, hotkey, netuid)).toBe(false)
    expect(S.TotalHotkeyAlpha.contains(s, hotkey, netuid)).toBe(false)
  })

  /** A denominator (v1 or v2 map) and a hotkey total, but no share for the coldkey in either map. */
  const noShare = (v1: boolean): Overlay => {
    const s = ext()
    if (v1) S.TotalHotkeyShares.set(s, hotkey, netuid, ONE_U64F64)
    else S.TotalHotkeySharesV2.set(s, hotkey, netuid, sf(1n))
    S.TotalHotkeyAlpha.set(s, hotkey, netuid, stake)
    return s
  }
  it('test_sharepool_dataops_get_value_returns_zero_on_non_existing_v1', () => {
    expect(L.alphaSharePool(noShare(true), hotkey, netuid).getValue(coldkey)).toBe(0n)
  })
  it('test_sharepool_dataops_get_value_returns_zero_on_non_existing_v2', () => {
    expect(L.alphaSharePool(noShare(false), hotkey, netuid).getValue(coldkey)).toBe(0n)
  })
  it('test_sharepool_dataops_try_get_value_returns_err_on_non_existing_v1', () => {
    expect(L.alphaSharePool(noShare(true), hotkey, netuid).tryGetValue(coldkey)).toBeNull()
  })
  it('test_sharepool_dataops_try_get_value_returns_err_on_non_existing_v2', () => {
    expect(L.alphaSharePool(noShare(false), hotkey, netuid).tryGetValue(coldkey)).toBeNull()
  })
})

describe('tests/staking2.rs: share-based staking', () => {
  it('test_share_based_staking', () => {
    const s = ext()
    const [hk, ck, ck2] = [u256(1), u256(2), u256(3)]
    const amount = 1_000_000_000n
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, amount)
    const initial = get(s, hk, ck)
    expect(initial).toBe(amount)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, amount)
    const afterSecond = get(s, hk, ck)
    expect(diff(afterSecond, initial + amount)).toBeLessThanOrEqual(1n)
    L.increaseStakeForHotkeyOnSubnet(s, hk, netuid, amount)
    const afterDirect = get(s, hk, ck)
    expect(diff(afterDirect, afterSecond + amount)).toBeLessThanOrEqual(1n)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck2, netuid, amount)
    const secondary = get(s, hk, ck2)
    expect(diff(secondary, amount)).toBeLessThanOrEqual(1n)
    const total = L.getStakeForHotkeyOnSubnet(s, hk, netuid)
    expect(diff(total, afterDirect + amount)).toBeLessThanOrEqual(1n)
    L.increaseStakeForHotkeyOnSubnet(s, hk, netuid, amount)
    const primaryFinal = get(s, hk, ck)
    const secondaryFinal = get(s, hk, ck2)
    const a = Number(amount)
    expect(Math.abs(Number(primaryFinal) - (Number(afterDirect) + a * (Number(afterDirect) / Number(total))))).toBeLessThanOrEqual(1)
    expect(Math.abs(Number(secondaryFinal) - (Number(secondary) + a * (Number(secondary) / Number(total))))).toBeLessThanOrEqual(1)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, amount)
    const primaryAfter = get(s, hk, ck)
    expect(diff(primaryAfter, primaryFinal - amount)).toBeLessThanOrEqual(1n)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck2, netuid, amount)
    const secondaryAfter = get(s, hk, ck2)
    expect(diff(secondaryAfter, secondaryFinal - amount)).toBeLessThanOrEqual(1n)
    expect(diff(L.getStakeForHotkeyOnSubnet(s, hk, netuid), primaryAfter + secondaryAfter)).toBeLessThanOrEqual(1n)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, 0n)
    expect(get(s, hk, ck)).toBe(primaryAfter)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, primaryAfter + 1000n)
    expect(get(s, hk, ck)).toBe(primaryAfter)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, u256(4), ck, netuid, amount)
    expect(get(s, u256(4), ck)).toBe(amount)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, u256(5), netuid, amount)
    expect(get(s, hk, u256(5))).toBe(0n)
  })

  it('test_share_based_staking_denominator_precision', () => {
    const cases: [bigint, bigint][] = [[1_000n, 990n], [1_000n, 999n], [1_000_000n, 990_000n], [1_000_000n, 999_990n],
      [1_000_000_000n, 999_999_990n], [1_000_000_000_000n, 999_999_999_990n]]
    for (const [stakeAmount, unstake] of cases) {
      const s = ext()
      const [hk, ck] = [u256(1), u256(2)]
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, stakeAmount)
      expect(BigInt(Math.trunc(L.safeFloatOf(S.AlphaV2.get(s, hk, ck, netuid)).toF64()))).toBe(stakeAmount)
      L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, ck, netuid, unstake)
      expect(get(s, hk, ck)).toBe(stakeAmount - unstake)
    }
  })

  it('test_share_based_staking_stake_unstake_inject', () => {
    const cases: [bigint, bigint, bigint, bigint][] = [[1_000n, 999n, 1_000_000n, 0n], [1_000_000n, 999_000n, 100_000_000n, 0n],
      [1_000_000n, 900_000n, 100_000_000n, 0n], [100_000_000_000n, 1_000_000_000n, 1_000_000_000_000n, 1n],
      [100_000_000_000n, 99_000_000_000n, 1_000_000_000_000n, 1n], [100_000_000_000n, 99_990_000_000n, 1_000_000_000_000n, 1n],
      [100_000_000_000n, 99_990_000_000n, 1_234_567_890n, 1n]]
    for (const [st, un, inject, tol] of cases) {
      const s = ext()
      const [hk, c1, c2] = [u256(1), u256(2), u256(3)]
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c1, netuid, st)
      L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c1, netuid, un)
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c2, netuid, st)
      L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c2, netuid, un)
      L.increaseStakeForHotkeyOnSubnet(s, hk, netuid, inject)
      const expected = st - un + inject / 2n
      expect(diff(get(s, hk, c1), expected)).toBeLessThanOrEqual(tol)
      expect(diff(get(s, hk, c2), expected)).toBeLessThanOrEqual(tol)
    }
  })

  it('test_share_based_staking_stake_inject_stake_new', () => {
    const cases: [bigint, bigint, bigint][] = [[1n, 2_000_000_000n, 500_000_000n], [1n, 5_000_000_000n, 50_000_000n],
      [500_000_000n, 1_000_000_000n, 1_000_000_000n]]
    for (const [st, inject, st2] of cases) {
      const s = ext()
      const [hk, c1, c2] = [u256(1), u256(2), u256(3)]
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c1, netuid, st)
      L.increaseStakeForHotkeyOnSubnet(s, hk, netuid, inject)
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hk, c2, netuid, st2)
      expect(diff(get(s, hk, c1), st + inject)).toBeLessThanOrEqual(1n)
      expect(diff(get(s, hk, c2), st2)).toBeLessThanOrEqual(1n)
    }
  })
})

describe('staking/helpers.rs iterators and inherited stake', () => {
  it('alpha_iter merges the deprecated map with AlphaV2 (AlphaV2 wins) in key order', async () => {
    const { alphaIter, alphaIterPrefix, alphaIterSinglePrefix } = await import('../../../src/pallets/subtensor/staking/helpers.js')
    const s = ext()
    S.Alpha.set(s, [hotkey, coldkey, 3], ONE_U64F64)
    S.AlphaV2.set(s, [hotkey, coldkey, 3], sf(7n))
    S.AlphaV2.set(s, [hotkey, coldkey, 1], sf(5n))
    S.Alpha.set(s, [hotkey, u256(9), 2], ONE_U64F64)
    S.AlphaV2.set(s, [hotkey, u256(8), 4], { mantissa: 0n, exponent: 0n })
    const rows = alphaIter(s).map(([h, c, n, f]) => [h[0], c[0], n, f.toU64()])
    expect(rows).toEqual([[2, 1, 1, 5n], [2, 1, 3, 7n], [2, 8, 4, 0n], [2, 9, 2, 1n]])
    expect(alphaIterPrefix(s, hotkey, coldkey).map(([n, f]) => [n, f.toU64()])).toEqual([[1, 5n], [3, 7n]])
    expect(alphaIterPrefix(s, hotkey, u256(8))).toEqual([])
    expect(alphaIterSinglePrefix(s, hotkey).map(([c, n]) => [c[0], n])).toEqual([[1, 1], [1, 3], [8, 4], [9, 2]])
  })

  it('get_inherited_for_hotkey_on_subnet: own stake minus children plus parents (U96F32, floored)', () => {
    const s = ext()
    const [parent, child] = [u256(10), u256(11)]
    S.TotalHotkeyAlpha.set(s, parent, netuid, 1_000_000n)
    S.TotalHotkeyAlpha.set(s, child, netuid, 10n)
    const half = (1n << 63n) - 1n
    S.ChildKeys.set(s, parent, netuid, [[half, child]])
    S.ParentKeys.set(s, child, netuid, [[half, parent]])
    // (2^63−1)/(2^64−1) in U96F32 is 2^31 − 1 raw (just under ½): the child gets floor(1e6 · (2^31−1)/2^32)
    const toChild = (1_000_000n * ((1n << 31n) - 1n)) >> 32n
    expect(L.getInheritedForHotkeyOnSubnet(s, child, netuid)).toBe(10n + toChild)
    // the parent keeps the rest: (1e6 − 1e6·(2^31−1)/2^32) floored, exact in U96F32
    expect(L.getInheritedForHotkeyOnSubnet(s, parent, netuid)).toBe((1_000_000n * (1n << 32n) - 1_000_000n * ((1n << 31n) - 1n)) >> 32n)
    // root is never inherited
    S.TotalHotkeyAlpha.set(s, parent, 0, 5n)
    expect(L.getInheritedForHotkeyOnSubnet(s, parent, 0)).toBe(5n)
  })
})

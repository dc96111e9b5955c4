// Ports of subtensor's tests/move_stake.rs (HEAD 14bc6f9) beyond move-stake.test.ts: partial and
// repeated moves and swaps, events, storage after cross-subnet moves, extreme amounts, transfers
// across subnets, on the HEAD mock (its block builder U256(12345) collects the author's fees).
// Expected alphas of cross-subnet moves come from rolled-back swaps, as in the source.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { DEFAULT_MIN_STAKE, maxPrice, stakeIntoSubnet } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import * as F from '../../../src/primitives/fixed/index.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { events, signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, addNetwork, newTestExt, setupReserves, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, E, mockBlockBuilder, near, registerOkNeuron, stakeOf, sub, swapTaoToAlpha, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const AMOUNT = DEFAULT_MIN_STAKE * 10n
const [ownerCold, ownerHot] = [u256(1001), u256(1002)]
const [coldkey, originHot, destHot] = [u256(1), u256(2), u256(3)]

/** new_test_ext(1) with the mock's block builder. */
function ext(): Ext {
  const e = newTestExt(1)
  mockBlockBuilder(e)
  return e
}
/** `add_balance_to_coldkey_account` + `stake_into_subnet` at the max price. */
function stakeInto(e: Ext, hot: Uint8Array, cold: Uint8Array, netuid: number, amount: bigint, fund = amount): bigint {
  addBalance(e, cold, fund)
  return stakeIntoSubnet({ origin: signed(cold), s: e.s, env: e.env }, hot, cold, netuid, amount, maxPrice(), false)
}
const account = (e: Ext, cold: Uint8Array, hot: Uint8Array) => createAccountIfNonExistent(e.s, cold, hot)
/** Two dynamic subnets of one owner, `hot` owned by `holder`, AMOUNT staked by `cold` (funded `fund`) on the first. */
function twoSubnetsStaked(owner: [Uint8Array, Uint8Array], hot: Uint8Array, cold: Uint8Array, holder = cold, fund = AMOUNT): { e: Ext; origin: number; destination: number } {
  const e = ext()
  const origin = addDynamicNetwork(e, owner[0], owner[1])
  const destination = addDynamicNetwork(e, owner[0], owner[1])
  account(e, holder, hot)
  stakeInto(e, hot, cold, origin, AMOUNT, fund)
  return { e, origin, destination }
}
const move = (e: Ext, who: Uint8Array, from: Uint8Array, to: Uint8Array, n1: number, n2: number, alpha: bigint) =>
  sub(e, who, 'move_stake', { origin_hotkey: from, destination_hotkey: to, origin_netuid: n1, destination_netuid: n2, alpha_amount: alpha })
const swapStake = (e: Ext, who: Uint8Array, hot: Uint8Array, n1: number, n2: number, alpha: bigint) =>
  sub(e, who, 'swap_stake', { hotkey: hot, origin_netuid: n1, destination_netuid: n2, alpha_amount: alpha })
const transfer = (e: Ext, who: Uint8Array, dest: Uint8Array, hot: Uint8Array, n1: number, n2: number, alpha: bigint) =>
  sub(e, who, 'transfer_stake', { destination_coldkey: dest, hotkey: hot, origin_netuid: n1, destination_netuid: n2, alpha_amount: alpha })
/** `swap_alpha_to_tao_ext(netuid, alpha, true)`: a rolled-back fee-less sale at the min price. */
const alphaToTaoNoFee = (e: Ext, netuid: number, alpha: bigint) =>
  swapInterface().swap(e.s, netuid, { kind: 'GetTaoForAlpha', amount: alpha }, swapInterface().minPrice(), true, true).amountPaidOut
/** The alpha a cross-subnet move of `alpha` should land: fee-less sale, then a priced buy. */
const crossAlpha = (e: Ext, from: number, to: number, alpha: bigint) => swapTaoToAlpha(e, to, alphaToTaoNoFee(e, from, alpha))[0]

describe('tests/move_stake.rs: move_stake', () => {
  it('test_do_move_partial_stake', () => {
    for (let portion = 1n; portion <= 10n; portion++) {
      const e = ext()
      const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
      stakeInto(e, originHot, coldkey, netuid, DEFAULT_MIN_STAKE * 20n)
      const alpha = stakeOf(e, originHot, coldkey, netuid)
      const moved = (alpha * portion) / 10n
      account(e, coldkey, originHot)
      account(e, coldkey, destHot)
      move(e, coldkey, originHot, destHot, netuid, netuid, moved)
      near(stakeOf(e, originHot, coldkey, netuid), alpha - moved, 10n)
      near(stakeOf(e, destHot, coldkey, netuid), moved, 10_000n)
    }
  })

  it('test_do_move_multiple_times', () => {
    const e = ext()
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    const [hot1, hot2] = [u256(2), u256(3)]
    account(e, coldkey, hot1)
    account(e, coldkey, hot2)
    stakeInto(e, hot1, coldkey, netuid, AMOUNT)
    const expected = stakeOf(e, hot1, coldkey, netuid)
    for (let i = 0; i < 3; i++) {
      move(e, coldkey, hot1, hot2, netuid, netuid, stakeOf(e, hot1, coldkey, netuid))
      move(e, coldkey, hot2, hot1, netuid, netuid, stakeOf(e, hot2, coldkey, netuid))
    }
    near(stakeOf(e, hot1, coldkey, netuid), expected, expected / 1000n)
    expect(stakeOf(e, hot2, coldkey, netuid)).toBe(0n)
  })

  it('test_do_move_wrong_origin', () => {
    const e = ext()
    const wrong = u256(99)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    setupReserves(e.s, netuid, AMOUNT * 1000n, AMOUNT * 1000n)
    stakeInto(e, originHot, coldkey, netuid, AMOUNT)
    const alpha = stakeOf(e, originHot, coldkey, netuid)
    addNetwork(e.s, netuid, 1)
    account(e, coldkey, originHot)
    account(e, coldkey, destHot)
    expect(() => move(e, wrong, originHot, destHot, netuid, netuid, alpha)).toThrow(E('AmountTooLow'))
    expect(stakeOf(e, originHot, coldkey, netuid)).toBe(alpha)
    expect(stakeOf(e, destHot, coldkey, netuid)).toBe(0n)
  })

  it('test_do_move_event_emission', () => {
    const e = ext()
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    account(e, coldkey, originHot)
    account(e, coldkey, destHot)
    stakeInto(e, originHot, coldkey, netuid, AMOUNT)
    const alpha = stakeOf(e, originHot, coldkey, netuid)
    // U96F32(price) * U96F32(alpha), to_num::<u64>: the U64F64 price cut to 32 fractional bits
    const price32 = swapInterface().currentAlphaPrice(e.s, netuid) >> 32n
    const taoEquivalent = (price32 * alpha) >> 32n
    move(e, coldkey, originHot, destHot, netuid, netuid, alpha)
    const last = events(e.s).at(-1)!
    expect(last.name).toBe('SubtensorModule.StakeMoved')
    expect(last.value).toEqual([coldkey, originHot, netuid, destHot, netuid, taoEquivalent])
  })

  it('test_do_move_storage_updates', () => {
    const { e, origin, destination } = twoSubnetsStaked([ownerHot, ownerCold], originHot, coldkey)
    account(e, coldkey, destHot)
    const alpha = stakeOf(e, originHot, coldkey, origin)
    const alpha2 = crossAlpha(e, origin, destination, alpha)
    move(e, coldkey, originHot, destHot, origin, destination, alpha)
    expect(stakeOf(e, originHot, coldkey, origin)).toBe(0n)
    near(stakeOf(e, destHot, coldkey, destination), alpha2, 50n)
  })

  it('test_move_full_amount_same_netuid', () => {
    const e = ext()
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    account(e, coldkey, originHot)
    account(e, coldkey, destHot)
    stakeInto(e, originHot, coldkey, netuid, AMOUNT)
    const alpha = stakeOf(e, originHot, coldkey, netuid)
    move(e, coldkey, originHot, destHot, netuid, netuid, alpha)
    expect(stakeOf(e, originHot, coldkey, netuid)).toBe(0n)
    expect(stakeOf(e, destHot, coldkey, netuid)).toBe(alpha)
  })

  it('test_do_move_max_values', () => {
    const e = ext()
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    const maxStake = 20_000_000_000_000_000n
    account(e, coldkey, originHot)
    account(e, coldkey, destHot)
    setupReserves(e.s, netuid, maxStake / 1000n, maxStake / 1000n)
    stakeInto(e, originHot, coldkey, netuid, maxStake)
    const alpha = stakeOf(e, originHot, coldkey, netuid)
    move(e, coldkey, originHot, destHot, netuid, netuid, alpha)
    expect(stakeOf(e, originHot, coldkey, netuid)).toBe(0n)
    expect(stakeOf(e, destHot, coldkey, netuid)).toBe(alpha)
  })

  it('test_moving_too_little_unstakes', () => {
    const e = ext()
    const [hot, cold] = [u256(533453), u256(55453)]
    const amount = DEFAULT_MIN_STAKE
    const netuid = addDynamicNetwork(e, hot, cold)
    const netuid2 = addDynamicNetwork(e, hot, cold)
    const [, fee] = swapTaoToAlpha(e, netuid, amount)
    addBalance(e, cold, amount + fee * 2n)
    sub(e, cold, 'add_stake', { hotkey: hot, netuid, amount_staked: amount + fee * 2n })
    expect(() => move(e, cold, hot, hot, netuid, netuid2, 1n)).toThrow(E('AmountTooLow'))
  })

  it('test_move_stake_specific_stake_into_subnet_fail', () => {
    const e = ext()
    const snOwner = u256(55453)
    const [hot, cold, hotOwner] = [u256(533453), u256(55454), u256(533454)]
    const existingShares = F.saturatingDiv(F.U64F64, F.fromInt(F.U64F64, 161_986_254n), F.fromInt(F.U64F64, U64_MAX))
    const [taoIn, alphaIn] = [2_409_892_148_947n, 15_358_708_513_716n]
    const taoStaked = 200_000_000n
    const netuid = addDynamicNetwork(e, snOwner, snOwner)
    const origin = addDynamicNetwork(e, snOwner, snOwner)
    registerOkNeuron(e, netuid, hot, hotOwner)
    registerOkNeuron(e, origin, hot, hotOwner)
    expect(getTotalStakeForHotkey(e.s, hot)).toBe(0n)
    L.alphaSharePool(e.s, hot, netuid).updateValueForOne(hotOwner, 1234n)
    S.TotalHotkeyShares.set(e.s, hot, netuid, { bits: existingShares })
    S.TotalHotkeyAlpha.set(e.s, hot, netuid, 36_711_495_953n)
    S.Delegates.set(e.s, hot, 0)
    S.SubnetAlphaIn.set(e.s, netuid, alphaIn)
    S.SubnetTAO.set(e.s, netuid, taoIn)
    addBalance(e, cold, taoStaked + 1_000_000_000n)
    S.SubnetAlphaIn.set(e.s, origin, alphaIn + 10_000_000n)
    S.SubnetTAO.set(e.s, origin, taoIn + 10_000_000n)
    sub(e, cold, 'add_stake', { hotkey: hot, netuid: origin, amount_staked: taoStaked })
    const alphaToMove = stakeOf(e, hot, cold, origin)
    const expected = crossAlpha(e, origin, netuid, alphaToMove)
    move(e, cold, hot, hot, origin, netuid, alphaToMove)
    expect(stakeOf(e, hot, cold, origin)).toBe(0n)
    near(stakeOf(e, hot, cold, netuid), expected, 1000n)
  })
})

describe('tests/move_stake.rs: transfer_stake', () => {
  const [originCold, destCold, hot] = [u256(1), u256(2), u256(3)]

  it('test_do_transfer_different_subnets', () => {
    const { e, origin, destination } = twoSubnetsStaked([ownerHot, ownerCold], hot, originCold, originCold, 1_000_000_000n)
    account(e, destCold, hot)
    const alpha = stakeOf(e, hot, originCold, origin)
    const expected = crossAlpha(e, origin, destination, alpha)
    transfer(e, originCold, destCold, hot, origin, destination, alpha)
    expect(stakeOf(e, hot, originCold, origin)).toBe(0n)
    near(stakeOf(e, hot, destCold, destination), expected, 1000n)
  })

  it('test_transfer_stake_same_netuid_not_rate_limited', () => {
    const e = ext()
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    account(e, originCold, hot)
    account(e, destCold, hot)
    stakeInto(e, hot, originCold, netuid, AMOUNT)
    transfer(e, originCold, destCold, hot, netuid, netuid, stakeOf(e, hot, originCold, netuid))
    expect(stakeOf(e, hot, originCold, netuid)).toBe(0n)
    expect(stakeOf(e, hot, destCold, netuid)).not.toBe(0n)
  })

  it('test_transfer_stake_doesnt_limit_destination_coldkey', () => {
    const { e, origin: netuid, destination: netuid2 } = twoSubnetsStaked([ownerHot, ownerCold], hot, originCold)
    account(e, destCold, hot)
    transfer(e, originCold, destCold, hot, netuid, netuid2, stakeOf(e, hot, originCold, netuid))
    expect(stakeOf(e, hot, destCold, netuid2)).toBeGreaterThan(0n)
  })
})

describe('tests/move_stake.rs: swap_stake', () => {
  const hot = u256(2)

  it('test_do_swap_same_subnet', () => {
    const e = ext()
    const netuid = addDynamicNetwork(e, u256(1101), u256(1100))
    account(e, coldkey, hot)
    stakeInto(e, hot, coldkey, netuid, AMOUNT)
    const before = stakeOf(e, hot, coldkey, netuid)
    expect(() => swapStake(e, coldkey, hot, netuid, netuid, before)).toThrow(E('SameNetuid'))
    expect(stakeOf(e, hot, coldkey, netuid)).toBe(before)
  })

  it('test_do_swap_partial_stake', () => {
    const { e, origin, destination } = twoSubnetsStaked([u256(1101), u256(1100)], hot, coldkey)
    const half = stakeOf(e, hot, coldkey, origin) / 2n
    const expected = crossAlpha(e, origin, destination, half)
    swapStake(e, coldkey, hot, origin, destination, half)
    near(stakeOf(e, hot, coldkey, destination), expected, 1000n)
  })

  it('test_do_swap_storage_updates', () => {
    const { e, origin, destination } = twoSubnetsStaked([u256(1301), u256(1300)], hot, coldkey)
    const alpha = stakeOf(e, hot, coldkey, origin)
    const expected = crossAlpha(e, origin, destination, alpha)
    swapStake(e, coldkey, hot, origin, destination, alpha)
    expect(stakeOf(e, hot, coldkey, origin)).toBe(0n)
    near(stakeOf(e, hot, coldkey, destination), expected, 1000n)
  })

  it('test_do_swap_multiple_times', () => {
    const { e, origin: net1, destination: net2 } = twoSubnetsStaked([u256(1501), u256(1500)], hot, coldkey)
    let expected = 0n
    for (let i = 0; i < 3; i++) {
      const alpha1 = stakeOf(e, hot, coldkey, net1)
      if (alpha1 !== 0n) swapStake(e, coldkey, hot, net1, net2, alpha1)
      const alpha2 = stakeOf(e, hot, coldkey, net2)
      if (alpha2 !== 0n) {
        expected = crossAlpha(e, net2, net1, alpha2)
        swapStake(e, coldkey, hot, net2, net1, alpha2)
      }
    }
    near(stakeOf(e, hot, coldkey, net1), expected, 1000n)
    expect(stakeOf(e, hot, coldkey, net2)).toBe(0n)
  })

  it('test_do_swap_allows_non_owned_hotkey', () => {
    const { e, origin, destination } = twoSubnetsStaked([ownerHot, ownerCold], hot, coldkey, u256(3))
    swapStake(e, coldkey, hot, origin, destination, stakeOf(e, hot, coldkey, origin))
    expect(stakeOf(e, hot, coldkey, destination)).toBeGreaterThan(0n)
  })
})

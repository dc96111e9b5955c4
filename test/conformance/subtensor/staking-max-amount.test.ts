// Port of subtensor pallets/subtensor/src/tests/staking.rs (HEAD 14bc6f9): the limit-price
// helpers get_max_amount_add / _remove / _move on root, stable and dynamic pools, with the test
// runtime's Swap configuration (MinimumReserve 100, FeeRate 33 = 0.05 %). Tolerances are the
// source's own (v/10000 for add, v/100 for remove).
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { getMaxAmountAdd } from '../../../src/pallets/subtensor/staking/add-stake.js'
import { getMaxAmountMove } from '../../../src/pallets/subtensor/staking/move-stake.js'
import { getMaxAmountRemove } from '../../../src/pallets/subtensor/staking/remove-stake.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import { nextNetuid } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { configureSwap } from '../../../src/pallets/swap/pallet.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callValue, newStore, signed, startBlock } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import { addDynamicNetwork, addNetwork, newTestExt, u256 as headU256 } from './head-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
configureSwap({ minimumReserve: 100n })

const U64_MAX = (1n << 64n) - 1n
const u256 = (n: number): Uint8Array => { const o = new Uint8Array(32); o[0] = n & 0xff; o[1] = n >> 8; return o }

/** new_test_ext + add_dynamic_network(1002, 1001). */
function dynamicNetwork(): { s: Overlay; netuid: number } {
  const s = newStore()
  subtensorPallet()
  const env = startBlock(s, 1)
  S.NetworkRateLimit.set(s, 0n)
  const netuid = nextNetuid(s)
  mint(s, { depositEvent: (e: Uint8Array) => env.depositEvent(e) }, u256(1001), networkLockCost(s) + EXISTENTIAL_DEPOSIT)
  const r = env.dispatch(callValue('SubtensorModule', 'register_network', { hotkey: u256(1002) }), signed(u256(1001)))
  if (!r.ok) throw r.error
  S.SubtokenEnabled.set(s, netuid, true)
  return { s, netuid }
}
function stableNetwork(): { s: Overlay; netuid: number } {
  const s = newStore()
  subtensorPallet()
  startBlock(s, 1)
  S.NetworksAdded.set(s, 1, true)
  S.SubnetMechanism.set(s, 1, 0)
  return { s, netuid: 1 }
}
const errName = (fn: () => unknown): string => { try { fn() } catch (e) { return (e as Error).message } return 'no error' }
const within = (actual: bigint, v: bigint, eps: bigint) => expect(actual > v ? actual - v : v - actual).toBeLessThanOrEqual(eps)

describe('tests/staking.rs: get_max_amount_*', () => {
  it('test_max_amount_add_root / _stable', () => {
    const { s, netuid } = stableNetwork()
    for (const n of [0, netuid]) {
      for (const [limit, expected] of [[0n, 0n], [999_999_999n, 0n], [1_000_000_000n, U64_MAX], [1_000_000_001n, U64_MAX], [2_000_000_000n, U64_MAX]]) {
        expect(getMaxAmountAdd(s, n, limit!)).toBe(expected)
      }
    }
  })

  it('test_max_amount_remove_root / _stable', () => {
    const { s, netuid } = stableNetwork()
    for (const n of [0, netuid]) {
      for (const [limit, expected] of [[0n, U64_MAX], [500_000_000n, U64_MAX], [999_999_999n, U64_MAX], [1_000_000_000n, U64_MAX], [1_000_000_001n, 0n], [2_000_000_000n, 0n]]) {
        expect(getMaxAmountRemove(s, n, limit!)).toBe(expected)
      }
    }
  })

  it('test_max_amount_move_root_root / _root_stable', () => {
    const { s, netuid } = stableNetwork()
    for (const dest of [0, netuid]) {
      for (const [limit, expected] of [[0n, U64_MAX], [500_000_000n, U64_MAX], [999_999_999n, U64_MAX], [1_000_000_000n, U64_MAX], [1_000_000_001n, 0n], [2_000_000_000n, 0n]]) {
        expect(getMaxAmountMove(s, 0, dest, limit!)).toBe(expected)
      }
    }
  })

  it('test_max_amount_add_dynamic', () => {
    const cases: [bigint, bigint, bigint, bigint | string][] = [
      [1_000_000_000n, 1_000_000_000n, 0n, 'Swap.PriceLimitExceeded'],
      [100n, 100n, 1_100_000_000n, 4n], [1_000n, 1_000n, 1_100_000_000n, 48n], [10_000n, 10_000n, 1_100_000_000n, 488n],
      [1_000_000n, 1_000_000n, 4_000_000_000n, 1_000_500n], [1_000_000n, 1_000_000n, 9_000_000_000n, 2_001_000n],
      [1_000_000n, 1_000_000n, 16_000_000_000n, 3_001_500n],
      [1_000_000_000_000n, 1_000_000_000_000n, 16_000_000_000n, 3_001_500_000_000n],
      [150_000_000_000n, 100_000_000_000n, 0n, 'Swap.PriceLimitExceeded'],
      [150_000_000_000n, 100_000_000_000n, 100_000_000n, 'Swap.PriceLimitExceeded'],
      [150_000_000_000n, 100_000_000_000n, 500_000_000n, 'Swap.PriceLimitExceeded'],
      [150_000_000_000n, 100_000_000_000n, 1_499_999_999n, 'Swap.PriceLimitExceeded'],
      [150_000_000_000n, 100_000_000_000n, 1_500_000_000n, 'Swap.PriceLimitExceeded'],
      [150_000_000_000n, 100_000_000_000n, 1_500_000_001n, 49n],
      [150_000_000_000n, 100_000_000_000n, 6_000_000_000n, 150_075_000_000n],
      [U64_MAX / 2n, U64_MAX, U64_MAX, U64_MAX],
    ]
    for (const [tao, alpha, limit, expected] of cases) {
      const { s, netuid } = dynamicNetwork()
      S.SubnetTAO.set(s, netuid, tao)
      S.SubnetAlphaIn.set(s, netuid, alpha)
      swapInterface().initSwap(s, netuid, null)
      if (typeof expected === 'string') expect(errName(() => getMaxAmountAdd(s, netuid, limit))).toBe(expected)
      else within(getMaxAmountAdd(s, netuid, limit), expected, expected / 10_000n)
    }
  })

  it('test_max_amount_remove_dynamic', () => {
    const { s, netuid } = dynamicNetwork()
    const cases: [bigint, bigint, bigint, bigint | string][] = [
      [0n, 1_000_000_000n, 100n, 'Swap.ReservesTooLow'],
      [1_000_000_000n, 0n, 100n, 'Swap.PriceLimitExceeded'],
      [10_000_000_000n, 10_000_000_000n, 0n, 10_000_000_000_000n],
      [1_000n, 1_000n, 0n, 1_000_000n], [1_001n, 1_001n, 0n, 1_001_000n], [1_001n, 1_001n, 1n, 1_001_000n],
      [1_001n, 1_001n, 2n, 1_001_000n], [1_001n, 1_001n, 1_001n, 1_001_000n], [1_001n, 1_001n, 10_000n, 17_472n],
      [1_001n, 1_001n, 100_000n, 17_472n], [1_001n, 1_001n, 1_000_000n, 17_472n], [1_001n, 1_001n, 10_000_000n, 9_013n],
      [1_001n, 1_001n, 100_000_000n, 2_165n],
      [1_000_000n, 1_000_000n, 250_000_000n, 1_010_000n], [1_000_000n, 1_000_000n, 62_500_000n, 3_030_000n],
      [1_000_000_000_000n, 1_000_000_000_000n, 62_500_000n, 3_030_000_000_000n],
      [200_000_000_000n, 100_000_000_000n, 0n, 100_000_000_000_000n],
      [200_000_000_000n, 100_000_000_000n, 500_000_000n, 101_000_000_000n],
      [200_000_000_000n, 100_000_000_000n, 125_000_000n, 303_000_000_000n],
      [200_000_000_000n, 100_000_000_000n, 2_000_000_000n, 'Swap.PriceLimitExceeded'],
      [200_000_000_000n, 100_000_000_000n, 2_000_000_001n, 'Swap.PriceLimitExceeded'],
      [200_000_000_000n, 100_000_000_000n, 1_999_999_999n, 24n],
      [200_000_000_000n, 100_000_000_000n, 1_999_999_990n, 250n],
      [21_000_000_000_000_000n, 1_000_000n, 21_000_000_000_000_000n, 17_455_533n],
      [21_000_000_000_000_000n, 1_000_000n, U64_MAX, 67_000n],
      [21_000_000_000_000_000n, 1_000_000_000_000_000_000n, U64_MAX, 'Swap.PriceLimitExceeded'],
      [21_000_000_000_000_000n, 1_000_000_000_000_000_000n, 20_000_000n, 24_700_000_000_000_000n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 999_999_999n, 10_605_000n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 0n, U64_MAX],
    ]
    for (const [tao, alpha, limit, expected] of cases) {
      S.SubnetTAO.set(s, netuid, tao)
      S.SubnetAlphaIn.set(s, netuid, alpha)
      if (typeof expected === 'string') expect(errName(() => getMaxAmountRemove(s, netuid, limit)), `${tao}/${alpha}@${limit}`).toBe(expected)
      else {
        const actual = getMaxAmountRemove(s, netuid, limit)
        expect(actual > expected ? actual - expected : expected - actual, `${tao}/${alpha}@${limit}: ${actual}`).toBeLessThanOrEqual(expected / 100n)
      }
    }
  })
})

describe('tests/staking.rs: get_max_amount_move across stable and dynamic pools', () => {
  /** add_network(1, 1) (stable), then add_dynamic_network(1002, 1001) as netuid 2. */
  function stableAndDynamic(tao: bigint, alpha: bigint): { s: Overlay; stable: number; dyn: number } {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    const dyn = addDynamicNetwork(e, headU256(1002), headU256(1001))
    S.SubnetTAO.set(e.s, dyn, tao)
    S.SubnetAlphaIn.set(e.s, dyn, alpha)
    return { s: e.s, stable: 1, dyn }
  }
  const orZero = (fn: () => bigint): bigint => { try { return fn() } catch { return 0n } }

  it('test_max_amount_move_stable_dynamic', () => {
    const taoReserve = 50_000_000_000n
    const { s, stable, dyn } = stableAndDynamic(taoReserve, 100_000_000_000n)
    expect(swapInterface().currentAlphaPrice(s, dyn)).toBe(1n << 63n)
    expect(getMaxAmountMove(s, stable, dyn, 0n)).toBe(U64_MAX)
    expect(errName(() => getMaxAmountMove(s, stable, dyn, 2_000_000_000n))).toBe('Swap.PriceLimitExceeded')
    expect(errName(() => getMaxAmountMove(s, stable, dyn, 3_000_000_000n))).toBe('Swap.PriceLimitExceeded')
    within(getMaxAmountMove(s, stable, dyn, 500_000_000n), taoReserve + BigInt(Math.trunc(Number(taoReserve) * 0.003)), taoReserve / 100n)
    expect(getMaxAmountMove(s, stable, dyn, 1_999_999_000n)).toBeGreaterThan(0n)
    for (const limit of [U64_MAX, U64_MAX - 1n, U64_MAX / 2n]) expect(errName(() => getMaxAmountMove(s, stable, dyn, limit))).toBe('Swap.PriceLimitExceeded')
  })

  it('test_max_amount_move_dynamic_stable', () => {
    const alphaIn = 100_000_000_000n
    const { s, stable, dyn } = stableAndDynamic(150_000_000_000n, alphaIn)
    expect(swapInterface().currentAlphaPrice(s, dyn)).toBe(3n << 63n)
    expect(getMaxAmountMove(s, dyn, stable, 0n)).toBe(alphaIn * 1_000n)
    for (const limit of [1n, 2n, 3n]) expect(getMaxAmountMove(s, dyn, stable, limit)).toBeGreaterThan(0n)
    expect(errName(() => getMaxAmountMove(s, dyn, stable, 1_500_000_001n))).toBe('Swap.PriceLimitExceeded')
    within(orZero(() => getMaxAmountMove(s, dyn, stable, 1_500_000_000n)), 0n, 10_000n)
    within(getMaxAmountMove(s, dyn, stable, 375_000_000n), alphaIn + alphaIn / 2000n, alphaIn / 10_000n)
    expect(getMaxAmountMove(s, dyn, stable, 1_499_999_999n)).toBeGreaterThan(0n)
    for (const limit of [U64_MAX, U64_MAX - 1n, U64_MAX / 2n]) expect(orZero(() => getMaxAmountMove(s, dyn, stable, limit))).toBeLessThan(21_000_000_000_000_000n)
  })

  it('test_max_amount_move_dynamic_dynamic', () => {
    const e = newTestExt(1)
    const origin = addDynamicNetwork(e, headU256(1002), headU256(1001))
    const destination = addDynamicNetwork(e, headU256(1002), headU256(1001))
    const B = 1_000_000_000n
    const N = 150_000_000_000n
    const H = 100_000_000_000n
    // tao_in_1, alpha_in_1, tao_in_2, alpha_in_2, limit_price, expected_max_swappable, precision
    const cases: [bigint, bigint, bigint, bigint, bigint, bigint, bigint][] = [
      [0n, B, B, B, 100n, 0n, 1n], [B, 0n, B, B, 100n, 0n, 1n], [B, B, 0n, B, 100n, 0n, 1n], [B, B, B, 0n, 100n, 0n, 1n],
      [1n, 1n, 1n, 1n, 0n, U64_MAX, 1n], [1n, 1n, 1n, 1n, 1n, 500_000_000n, 1n], [1n, 1n, 1n, 1n, 2n, 250_000_000n, 1n],
      [1n, 1n, 1n, 1n, 3n, 166_666_666n, 1n], [1n, 1n, 1n, 1n, 4n, 125_000_000n, 1n], [1n, 1n, 1n, 1n, 1_000n, 500_000n, 1n],
      [1_000n, 1_000n, 1_000n, 1_000n, 500_000_000n, 500n, 1n], [1_000n, 1_000n, 1_000n, 1_000n, 100_000_000n, 4_500n, 1n],
      [N, H, H, H, 100_000_000n, 560_000_000_000n, 1_000_000n], [N, H, H, H, 500_000_000n, 80_000_000_000n, 1_000_000n],
      [N, H, H, H, 750_000_000n, 40_000_000_000n, 1_000_000n], [N, H, H, H, 1_000_000_000n, 20_000_000_000n, 1_000n],
      [N, H, H, H, 1_250_000_000n, 8_000_000_000n, 1_000n], [N, H, H, H, 1_499_999_999n, 27n, 1n],
      [N, H, H, H, 1_500_000_000n, 0n, 1n], [N, H, H, H, 1_500_000_001n, 0n, 1n], [N, H, H, H, 1_500_001_000n, 0n, 1n],
      [N, H, H, H, 2_000_000_000n, 0n, 1n], [N, H, H, H, U64_MAX, 0n, 1n],
      [H, 200_000_000_000n, 300_000_000_000n, 400_000_000_000n, 500_000_000n, 50_000_000_000n, 1_000n],
      [B, B, B, B, 1n, 499_999_999_500_000_000n, 100_000_000n],
      [1_000_000n, 1_000_000n, 21_000_000_000_000_000n, 1_000_000_000_000_000_000n, 1n, 48_000_000_000_000_000n, 1_000_000_000_000_000n],
      [N, H, H, H, U64_MAX, 0n, 1n],
      [1_000_000n, 1_000_000n, 21_000_000_000_000_000n, 1_000_000_000_000_000_000n, U64_MAX, 0n, 1n],
    ]
    for (const [tao1, alpha1, tao2, alpha2, limit, expected, precision] of cases) {
      S.SubnetTAO.set(e.s, origin, tao1)
      S.SubnetAlphaIn.set(e.s, origin, alpha1)
      S.SubnetTAO.set(e.s, destination, tao2)
      S.SubnetAlphaIn.set(e.s, destination, alpha2)
      if (alpha1 !== 0n && alpha2 !== 0n && tao2 !== 0n) {
        const expectedPrice = (Number(tao1) / Number(alpha1)) / (Number(tao2) / Number(alpha2))
        const ratio = Number(swapInterface().currentAlphaPrice(e.s, origin)) / Number(swapInterface().currentAlphaPrice(e.s, destination))
        expect(Math.abs(ratio - expectedPrice)).toBeLessThanOrEqual(0.000_000_001)
      }
      within(orZero(() => getMaxAmountMove(e.s, origin, destination, limit)), expected, precision)
    }
  })
})

// Port of subtensor pallets/swap/src/pallet/tests.rs (HEAD 14bc6f9): the Swap pallet's own tests.
// The mock's SubnetInfo (mechanism 1 for every netuid but 0, every netuid but 999 exists) and its
// reserves (1e12 TAO / 4e12 alpha unless a test sets them; MinimumReserve 1) are reproduced through
// SubtensorModule's SubnetMechanism / NetworksAdded / SubnetTAO / SubnetAlphaIn. Expected values are
// the test's own f64 formulas. Not ported: the two swap-v3 → balancer migration tests (that
// migration belongs to a runtime upgrade the emulator never runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import {
  clearProtocolLiquidity, configureSwap, currentPrice, doSwap, maybeInitializePalSwap, simSwap, SwapConstants, SwapStorage as St,
} from '../../../src/pallets/swap/index.js'
import { adjustProtocolLiquidity, balancerOf, MAX_PRICE, MIN_PRICE } from '../../../src/pallets/swap/impls.js'
import { convertDeltas, poolView } from '../../../src/pallets/swap/swap-step.js'
import { perquintillFromRational } from '../../../src/pallets/swap/balancer.js'
import type { Order } from '../../../src/primitives/swap-interface/index.js'
import { callHandler, errorOf, failsUntouched, moduleError, newStore, ROOT, signed, acct, startBlock, events, type TestEnv } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'

const U = F.U64F64
const ACC = 10n ** 18n
const SWAP = 28
const ERR = { FeeRateTooHigh: 0, SwapInputTooLarge: 11 }
const toF = (bits: bigint): number => F.toF64(U, bits)
const buy = (amount: bigint | number): Order => ({ kind: 'GetAlphaForTao', amount: BigInt(amount) })
const sell = (amount: bigint | number): Order => ({ kind: 'GetTaoForAlpha', amount: BigInt(amount) })
const pq = (p: bigint): number => Number(p) / 1e18
const u64Cast = (x: number): bigint => (x <= 0 || Number.isNaN(x) ? 0n : x >= 2 ** 64 ? F.U64_MAX : BigInt(Math.trunc(x)))
/** `U64F64::from_num(Pallet::min_price_inner()) / U64F64::from_num(1e9)` and the max one. */
const minPrice = (): bigint => F.div(U, F.fromInt(U, MIN_PRICE), F.fromInt(U, 1_000_000_000n))
const maxPrice = (): bigint => F.div(U, F.fromInt(U, MAX_PRICE), F.fromInt(U, 1_000_000_000n))

let previousMinimumReserve = 0n
beforeAll(() => {
  previousMinimumReserve = SwapConstants.MinimumReserve
  configureSwap({ minimumReserve: 1n })
})
afterAll(() => configureSwap({ minimumReserve: previousMinimumReserve }))

/** `new_test_ext()`: a fresh state whose subnets behave like the mock's. */
function ext(): Overlay {
  return extWithEnv().s
}
function extWithEnv(): { s: Overlay; env: TestEnv } {
  const s = newStore()
  subtensorPallet()
  return { s, env: startBlock(s, 1) }
}
/** The mock's SubnetInfo and default reserves for `netuid`, overridden by `tao`/`alpha` (set_mock_reserve). */
function subnet(s: Overlay, netuid: number, tao = 1_000_000_000_000n, alpha = 4_000_000_000_000n): void {
  S.NetworksAdded.set(s, netuid, true)
  S.SubnetMechanism.set(s, netuid, netuid === 0 ? 0 : 1)
  setReserves(s, netuid, tao, alpha)
}
function setReserves(s: Overlay, netuid: number, tao: bigint, alpha: bigint): void {
  S.SubnetTAO.set(s, netuid, tao)
  S.SubnetAlphaIn.set(s, netuid, alpha)
}

const DELTAS: [bigint, bigint][] = ([
  [0, 0], [0, 1], [1, 0], [1, 1], [0, 10], [10, 0], [10, 10], [0, 100], [100, 0], [100, 100], [0, 1_000], [1_000, 0],
  [1_000, 1_000], [1_000_000, 0], [0, 1_000_000], [1_000_000, 1_000_000], [1_000_000_000, 0], [0, 1_000_000_000],
  [1_000_000_000, 1_000_000_000], [1_000_000_000_000, 0], [0, 1_000_000_000_000], [1_000_000_000_000, 1_000_000_000_000],
  [1, 2], [2, 1], [10, 20], [20, 10], [100, 200], [200, 100], [1_000, 2_000], [2_000, 1_000], [1_000_000, 2_000_000],
  [2_000_000, 1_000_000], [1_000_000_000, 2_000_000_000], [2_000_000_000, 1_000_000_000], [1_000_000_000_000, 2_000_000_000_000],
  [2_000_000_000_000, 1_000_000_000_000], [1_234_567, 2_432_765], [1_234_567, 2_432_765_890],
] as [number, number][]).map(([t, a]) => [BigInt(t), BigInt(a)])

describe('pallets/swap/src/pallet/tests.rs', () => {
  it('dispatchables::test_set_fee_rate', () => {
    const { s, env } = extWithEnv()
    subnet(s, 1)
    const err = failsUntouched(s, () => callHandler(env, 'Swap', 'set_fee_rate', signed(acct(66)), { netuid: 1, rate: 500 }))
    expect(errorOf(err)).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Swap', 'set_fee_rate', ROOT, { netuid: 1, rate: 500 })
    expect(St.FeeRate.get(s, 1)).toBe(500)
    expect(events(s).filter((e) => e.name === 'Swap.FeeRateSet').map((e) => e.value)).toEqual([{ netuid: 1, rate: 500 }])
    const tooHigh = failsUntouched(s, () => callHandler(env, 'Swap', 'set_fee_rate', ROOT, { netuid: 1, rate: SwapConstants.MaxFeeRate + 1 }))
    expect(errorOf(tooHigh)).toEqual(moduleError(SWAP, ERR.FeeRateTooHigh))
  })

  it('dispatchables::test_adjust_protocol_liquidity_happy', () => {
    for (const [taoDelta, alphaDelta] of DELTAS) {
      const s = ext()
      const [tao, alpha] = [1_000_000_000_000n, 4_000_000_000_000n]
      subnet(s, 1, tao, alpha)
      const priceBefore = toF(currentPrice(s, 1))
      adjustProtocolLiquidity(s, 1, taoDelta, alphaDelta)
      setReserves(s, 1, tao + taoDelta, alpha + alphaDelta)
      const priceAfter = toF(currentPrice(s, 1))
      expect(Math.abs(priceBefore - priceAfter)).toBeLessThanOrEqual(priceBefore / 1e12)
      const newTao = Number(tao + taoDelta)
      const newAlpha = Number(alpha + alphaDelta)
      const expectedQuote = newTao / (newAlpha * priceBefore + newTao)
      const actualDelta = pq(St.SwapBalancer.get(s, 1).quote) - 0.5
      expect(Math.abs((expectedQuote - 0.5) - actualDelta)).toBeLessThanOrEqual(expectedQuote / 1e12)
    }
  })

  it('dispatchables::test_adjust_protocol_liquidity_zero_alpha', () => {
    for (const [taoDelta, alphaDelta] of DELTAS) {
      const s = ext()
      const tao = 1_000_000_000_000n
      subnet(s, 1, tao, 0n)
      expect(currentPrice(s, 1)).toBe(0n)
      const newTao = Number(tao + taoDelta)
      const newAlpha = Number(alphaDelta)
      adjustProtocolLiquidity(s, 1, taoDelta, alphaDelta)
      setReserves(s, 1, tao + taoDelta, alphaDelta)
      const quote = pq(St.SwapBalancer.get(s, 1).quote)
      expect(quote).toBe(0.5)
      if (newAlpha === 0) {
        expect(currentPrice(s, 1)).toBe(0n)
      } else {
        // price_before is 0, so the test's epsilon is 0: the price is exactly y/x in f64
        expect(Math.abs(newTao / newAlpha - toF(currentPrice(s, 1)))).toBeLessThanOrEqual(0)
      }
    }
  })

  it('test_swap_initialization', () => {
    const s = ext()
    subnet(s, 1, 1_000_000_000n, 4_000_000_000n)
    maybeInitializePalSwap(s, 1, null)
    expect(St.PalSwapInitialized.get(s, 1)).toBe(true)
    expect(Math.abs(toF(currentPrice(s, 1)) - 0.25)).toBeLessThanOrEqual(0.000000001)
    expect(St.SwapBalancer.get(s, 1).quote).toBe(perquintillFromRational(1n, 2n))
  })

  it('test_swap_initialization_with_price', () => {
    const s = ext()
    subnet(s, 1, 1_000_000_000n, 4_000_000_000n)
    maybeInitializePalSwap(s, 1, F.div(U, F.fromInt(U, 1), F.fromInt(U, 5)))
    expect(St.PalSwapInitialized.get(s, 1)).toBe(true)
    expect(Math.abs(toF(currentPrice(s, 1)) - 0.2)).toBeLessThanOrEqual(0.000000001)
  })

  it('test_swap_basic', () => {
    const s = ext()
    for (const n of [1, 2, 3]) subnet(s, n)
    const performTest = (netuid: number, order: Order, limitPrice: number, priceShouldGrow: boolean): void => {
      const amount = order.amount
      const [tao0, alpha0] = [1_000_000_000n, 4_000_000_000n]
      setReserves(s, netuid, tao0, alpha0)
      maybeInitializePalSwap(s, netuid, null)
      const before = currentPrice(s, netuid)
      const feeRate = St.FeeRate.get(s, netuid) / 65535
      const expectedFee = BigInt(Math.trunc(Number(amount) * feeRate))
      const [x, y] = [Number(alpha0), Number(tao0)]
      const net = Number(amount - expectedFee)
      const expectedOut = priceShouldGrow ? x * (1 - y / (y + net)) : y * (1 - x / (x + net))
      const r = doSwap(s, netuid, order, F.fromF64(U, limitPrice), false, false)
      const diff = (a: bigint, b: bigint): bigint => (a > b ? a - b : b - a)
      expect(diff(r.amountPaidOut, BigInt(Math.trunc(expectedOut)))).toBeLessThanOrEqual(1n)
      expect(diff(r.amountPaidIn, amount - expectedFee)).toBeLessThanOrEqual(1n)
      if (priceShouldGrow) setReserves(s, netuid, tao0 + r.amountPaidIn, alpha0 - r.amountPaidOut)
      else setReserves(s, netuid, tao0 - r.amountPaidOut, alpha0 + r.amountPaidIn)
      expect(currentPrice(s, netuid) >= before).toBe(priceShouldGrow)
    }
    performTest(1, buy(1_000), 1000.0, true)
    performTest(1, buy(2_000), 1000.0, true)
    performTest(1, buy(123_456), 1000.0, true)
    performTest(2, sell(1_000), 0.0001, false)
    performTest(2, sell(2_000), 0.0001, false)
    performTest(2, sell(123_456), 0.0001, false)
    performTest(3, buy(1_000_000_000), 1000.0, true)
    performTest(3, buy(10_000_000_000n), 1000.0, true)
  })

  it('test_swap_precision_edge_case', () => {
    for (const [tao, alpha, amount] of [[1_000n, 1_000n, 999_500n], [1_000_000n, 1_000_000n, 999_500_000n]] as const) {
      const s = ext()
      subnet(s, 1, tao, alpha)
      const r = doSwap(s, 1, sell(amount), minPrice(), false, true)
      expect(r.amountPaidOut).toBeGreaterThan(0n)
    }
  })

  it('test_convert_deltas', () => {
    const s = ext()
    const cases: [number, number, number, bigint][] = []
    for (const w of [0.5, 0.50000001, 0.49999999, 0.1, 0.9]) {
      for (const [tao, alpha] of [[1500, 1000], [1, 1000000], [1000000, 1]]) {
        for (const d of [1n, 10000n, 1000000n, F.U64_MAX]) cases.push([tao!, alpha!, w, d])
      }
    }
    for (const [tao, alpha, wQuote, deltaIn] of cases) {
      subnet(s, 1, BigInt(tao), BigInt(alpha))
      maybeInitializePalSwap(s, 1, null)
      const acc = 1_000_000_000
      St.SwapBalancer.set(s, 1, { quote: perquintillFromRational(BigInt(Math.trunc(wQuote * acc)), BigInt(acc)) })
      const [y, x, d] = [tao, alpha, Number(deltaIn)]
      const expectedSell = u64Cast(y * (1 - (x / (x + d)) ** ((1 - wQuote) / wQuote)))
      const expectedBuy = u64Cast(x * (1 - (y / (y + d)) ** (wQuote / (1 - wQuote))))
      const pool = poolView(s, 1, balancerOf(s, 1))
      const gotSell = convertDeltas(pool, 'GetTaoForAlpha', deltaIn)
      const gotBuy = convertDeltas(pool, 'GetAlphaForTao', deltaIn)
      const diff = (a: bigint, b: bigint): bigint => (a > b ? a - b : b - a)
      expect(diff(gotSell, expectedSell), `sell ${tao}/${alpha}/${wQuote}/${deltaIn}`).toBeLessThanOrEqual(2n)
      expect(diff(gotBuy, expectedBuy), `buy ${tao}/${alpha}/${wQuote}/${deltaIn}`).toBeLessThanOrEqual(2n)
    }
  })

  it('test_rollback_works', () => {
    const s = ext()
    subnet(s, 1)
    const limit = F.fromInt(U, F.U64_MAX)
    const simulated = doSwap(s, 1, buy(1_000_000), limit, false, true)
    expect(St.PalSwapInitialized.contains(s, 1)).toBe(false)
    expect(doSwap(s, 1, buy(1_000_000), limit, false, false)).toEqual(simulated)
  })

  it('test_swap_rejects_input_over_1000x_input_reserve', () => {
    const s = ext()
    subnet(s, 1, 1_000n, 1_000n)
    expect(errorOf(failsUntouched(s, () => doSwap(s, 1, sell(1_000_001), minPrice(), true, false)))).toEqual(moduleError(SWAP, ERR.SwapInputTooLarge))
    expect(errorOf(failsUntouched(s, () => doSwap(s, 1, buy(1_000_001), maxPrice(), true, false)))).toEqual(moduleError(SWAP, ERR.SwapInputTooLarge))
  })

  it('test_sim_swap_rejects_input_over_1000x_input_reserve', () => {
    const s = ext()
    subnet(s, 1, 1_000n, 1_000n)
    expect(errorOf(failsUntouched(s, () => simSwap(s, 1, sell(1_001_000))))).toEqual(moduleError(SWAP, ERR.SwapInputTooLarge))
    expect(errorOf(failsUntouched(s, () => simSwap(s, 1, buy(1_001_000))))).toEqual(moduleError(SWAP, ERR.SwapInputTooLarge))
  })

  it('test_swap_allows_input_at_1000x_input_reserve', () => {
    const s = ext()
    subnet(s, 1, 1_000n, 1_000n)
    expect(() => doSwap(s, 1, sell(1_000_000), minPrice(), true, true)).not.toThrow()
    expect(() => doSwap(s, 1, buy(1_000_000), maxPrice(), true, true)).not.toThrow()
  })

  it('test_liquidate_pal_simple_ok_and_clears', () => {
    const s = ext()
    St.FeeRate.set(s, 202, 1_000)
    St.PalSwapInitialized.set(s, 202, true)
    St.SwapBalancer.set(s, 202, { quote: ACC / 2n })
    expect(St.PalSwapInitialized.get(s, 202)).toBe(true)
    clearProtocolLiquidity(s, 202)
    expect(St.FeeRate.contains(s, 202)).toBe(false)
    expect(St.PalSwapInitialized.contains(s, 202)).toBe(false)
    expect(St.SwapBalancer.contains(s, 202)).toBe(false)
  })

  it('test_clear_protocol_liquidity_green_path', () => {
    const s = ext()
    subnet(s, 1)
    maybeInitializePalSwap(s, 1, null)
    expect(St.PalSwapInitialized.get(s, 1)).toBe(true)
    clearProtocolLiquidity(s, 1)
    expect(St.PalSwapInitialized.contains(s, 1)).toBe(false)
    expect(St.FeeRate.contains(s, 1)).toBe(false)
    clearProtocolLiquidity(s, 1)
    expect(St.PalSwapInitialized.contains(s, 1)).toBe(false)
  })
})

// The closed-form fee-free buy against do_swap's general path (the step, its checks and its
// errors) on equal-weight, initialised pools: random reserves, amounts and limits across the u64
// range, at the edges and near the limit price.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as F from '../../primitives/fixed/index.js'
import { DispatchFailure } from '../../frame/primitives.js'
import { SubtensorStorage as S } from '../subtensor/storage.js'
import { newStore } from '../test-utils.js'
import { feeFreeBuy } from './fee-free-buy.js'
import { doSwap, SwapStorage as St } from './index.js'
import { HALF_WEIGHT } from './pallet.js'

const NETUID = 3
const RUNS = { numRuns: 20_000 }
const uint = (max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max: 10_000_000n }), fc.constantFrom(0n, 1n, 999_999n, 1_000_000n, max - 1n, max),
    fc.integer({ min: 0, max: 63 }).map((b) => 1n << BigInt(b)))

function generalBuy(tao: bigint, alpha: bigint, amount: bigint, limit: bigint): unknown {
  const s = newStore()
  S.SubnetMechanism.set(s, NETUID, 1)
  S.SubnetTAO.set(s, NETUID, tao)
  S.SubnetAlphaIn.set(s, NETUID, alpha)
  St.SwapBalancer.set(s, NETUID, { quote: HALF_WEIGHT })
  St.PalSwapInitialized.set(s, NETUID, true)
  try {
    // (no reserves handed over: the general path reads them and never takes the closed form)
    return doSwap(s, NETUID, { kind: 'GetAlphaForTao', amount }, limit, true, false)
  } catch (e) {
    if (e instanceof DispatchFailure) return e.message
    throw e
  }
}

describe('fee-free buy on an equal-weight pool', () => {
  it('gives the general path result whenever it gives one', () => {
    // limits: the coinbase's (MAX_PRICE in U64F64), anything, and just around the price before or after
    const limit = fc.oneof(fc.constant(F.u64f64Ratio(1_000_000_000_000_000n, 1_000_000_000n)!), uint(F.U128_MAX), fc.bigInt({ min: -5n, max: 1n << 80n }))
    let taken = 0
    fc.assert(fc.property(uint(F.U64_MAX), uint(F.U64_MAX), uint(F.U64_MAX), limit, (tao, alpha, amount, lim) => {
      const fast = feeFreeBuy(tao, alpha, amount, lim)
      if (fast === null) return
      taken++
      expect(fast).toEqual(generalBuy(tao, alpha, amount, lim))
    }), RUNS)
    expect(taken).toBeGreaterThan(RUNS.numRuns / 20)
  })

  it('gives it at limits around the prices before and after the buy, where the limit checks decide', () => {
    let taken = 0
    fc.assert(fc.property(uint(F.U64_MAX), uint(F.U64_MAX), uint(F.U64_MAX), (tao, alpha, amount) => {
      const before = alpha === 0n ? 0n : (tao << 64n) / alpha
      const fast = feeFreeBuy(tao, alpha, amount, 1n << 100n)
      const after = fast === null || fast.amountPaidOut === alpha ? before : ((tao + amount) << 64n) / (alpha - fast.amountPaidOut)
      for (const lim of [before - 1n, before, before + 1n, after - 1n, after, after + 1n]) {
        const r = feeFreeBuy(tao, alpha, amount, lim)
        if (r === null) continue
        taken++
        expect(r).toEqual(generalBuy(tao, alpha, amount, lim))
      }
    }), { numRuns: 5_000 })
    expect(taken).toBeGreaterThan(500)
  })
})

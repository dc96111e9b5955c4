// `BasicSwapStep` of pallets/swap/src/pallet/swap_step.rs: one step that swaps the whole net
// amount, or only what reaches the limit price (the fee then recomputed on that part). The
// reserves are read, never written: SubtensorModule moves them after the swap.
import * as F from '../../primitives/fixed/index.js'
import { safeDiv } from '../../primitives/safe-math/index.js'
import type { Store } from '../../frame/declare/storage.js'
import type { OrderKind } from '../../primitives/swap-interface/index.js'
import type { Balancer } from './balancer.js'
import { SwapErrors as E, SwapStorage as St } from './pallet.js'
import { alphaReserve, taoReserve } from './reserves.js'

const U = F.U64F64
const ONE_FX = 1n << 64n
const U64_MAX = F.U64_MAX
const fx = (n: bigint): bigint => F.saturatingFromInt(U, n)
const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b)
const satSubU64 = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)

export interface SwapStepResult { feePaid: bigint; deltaIn: bigint; deltaOut: bigint; feeToBlockAuthor: bigint }

/** The pool as one step sees it: reserves and weights read once (nothing writes them during a step). */
export interface PoolView { netuid: number; tao: bigint; alpha: bigint; balancer: Balancer; feeRate: number }

export function poolView(s: Store, netuid: number, balancer: Balancer): PoolView {
  return { netuid, tao: taoReserve(s, netuid), alpha: alphaReserve(s, netuid), balancer, feeRate: St.FeeRate.get(s, netuid) }
}

/** `convert_deltas`: output for `deltaIn` (buy: x·(1 − (y/(y+dy))^(w2/w1)); sell: y·(1 − (x/(x+dx))^(w1/w2))). */
export function convertDeltas(p: PoolView, kind: OrderKind, deltaIn: bigint): bigint {
  if (kind === 'GetAlphaForTao') {
    const e = p.balancer.expQuoteBase(p.tao, deltaIn)
    return F.saturatingToU64(U, F.saturatingMul(U, fx(p.alpha), F.saturatingSub(U, ONE_FX, e)))
  }
  const e = p.balancer.expBaseQuote(p.alpha, deltaIn)
  return F.saturatingToU64(U, F.saturatingMul(U, fx(p.tao), F.saturatingSub(U, ONE_FX, e)))
}

/** `price_target`: the price after swapping `deltaIn` (paying out `out`) in full. */
function priceTarget(p: PoolView, kind: OrderKind, deltaIn: bigint, out: bigint): bigint {
  return kind === 'GetAlphaForTao'
    ? p.balancer.calculatePrice(satSubU64(p.alpha, out), satAddU64(p.tao, deltaIn))
    : p.balancer.calculatePrice(satAddU64(p.alpha, deltaIn), satSubU64(p.tao, out))
}

/** `delta_in`: the input that moves the price from `current` to `target`. */
function deltaInToPrice(p: PoolView, kind: OrderKind, current: bigint, target: bigint): bigint {
  return kind === 'GetAlphaForTao'
    ? p.balancer.quoteDeltaIn(current, target, p.tao)
    : p.balancer.baseDeltaIn(current, target, p.alpha)
}

/** `calculate_fee_amount` for a dynamic (mechanism 1) pool: amount · FeeRate/65535, floored. */
export function feeAmount(feeRate: number, amount: bigint): bigint {
  const rate = F.u64f64Ratio(BigInt(feeRate), 0xffffn) ?? 0n
  return F.saturatingToU64(U, F.saturatingMul(U, fx(amount), rate))
}

/**
 * `BasicSwapStep::new` + `execute`. `fee` is the fee on the whole amount (0 when fees are
 * dropped or the mechanism is stable); `currentPrice` the pool price before the step.
 */
export function executeStep(p: PoolView, kind: OrderKind, amount: bigint, fee: bigint, currentPrice: bigint, limitPrice: bigint, dropFees: boolean): SwapStepResult {
  const requested = satSubU64(amount, fee)
  // convert_deltas is pure in the pool state, which a step does not change: computed once for the full amount
  const requestedOut = convertDeltas(p, kind, requested)
  const target = priceTarget(p, kind, requested, requestedOut)
  const closer = kind === 'GetAlphaForTao' ? target <= limitPrice : target >= limitPrice
  let deltaIn = requested
  if (!closer) {
    deltaIn = deltaInToPrice(p, kind, currentPrice, limitPrice)
    // The fee was taken off the whole amount; only the part that reaches the limit pays it.
    const rate = dropFees ? 0n : fx(BigInt(p.feeRate))
    const factor = safeDiv(U, rate, F.saturatingSub(U, fx(0xffffn), rate))
    fee = F.saturatingToU64(U, F.saturatingMul(U, fx(deltaIn), factor))
  }
  const deltaOut = deltaIn === requested ? requestedOut : convertDeltas(p, kind, deltaIn)
  let feeToBlockAuthor = 0n
  if (deltaIn !== 0n) {
    if (deltaOut === 0n) throw E.ReservesTooLow()
    feeToBlockAuthor = fee
  }
  return { feePaid: fee, deltaIn, deltaOut, feeToBlockAuthor }
}

// pallets/swap/src/pallet/impls.rs: the pool price, pal-swap initialisation, protocol liquidity,
// `do_swap` with its reserve and price-limit checks, and the SwapHandler SubtensorModule uses
// (bound into primitives/swap-interface when this module loads).
import * as F from '../../primitives/fixed/index.js'
import { safeDiv } from '../../primitives/safe-math/index.js'
import type { Store } from '../../frame/declare/storage.js'
import { DispatchFailure } from '../../frame/primitives.js'
import { bindSwapInterface, type Order, type OrderKind, type PoolReserves, type SwapHandler, type SwapResult } from '../../primitives/swap-interface/index.js'
import { Balancer, perquintillFromRational } from './balancer.js'
import { HALF_WEIGHT, MAX_SWAP_INPUT_RESERVE_MULTIPLIER, SwapConstants, SwapErrors as E, SwapStorage as St } from './pallet.js'
import { alphaReserve, decreaseProvided, mechanism, subnetExists, taoReserve } from './reserves.js'
import { feeFreeBuy } from './fee-free-buy.js'
import { executeStep, feeAmount } from './swap-step.js'

const U = F.U64F64
const ONE_FX = 1n << 64n
const U64_MAX = F.U64_MAX
const U128_MAX = F.U128_MAX
const fx = (n: bigint): bigint => F.saturatingFromInt(U, n)
const RAO_PER_TAO = 1_000_000_000n

export { MAX_SWAP_INPUT_RESERVE_MULTIPLIER } from './pallet.js'
/** `min_price_inner` / `max_price_inner`, in RAO per alpha. */
export const MIN_PRICE = 1_000n
export const MAX_PRICE = 1_000_000_000_000_000n

export const balancerOf = (s: Store, netuid: number): Balancer => new Balancer(St.SwapBalancer.get(s, netuid).quote)

/**
 * SwapBalancer's quote weight: the caller's pool memo of it, else as stored (then remembered there,
 * with whether a value is stored: one read for what the weight and `contains` tell).
 */
function quoteOf(s: Store, netuid: number, pool: PoolReserves): bigint {
  if (pool.quote === undefined) {
    const held = St.SwapBalancer.tryGetLent(s, netuid)
    pool.quoteStored = held !== null
    // (SwapBalancer's default weight is ½)
    pool.quote = held !== null ? held.quote : HALF_WEIGHT
  }
  return pool.quote
}

/**
 * `current_price` (U64F64 bits): the balancer price of a dynamic pool (0 with no alpha reserve); 1
 * otherwise. `pool`: the reserves as stored, when the caller holds them.
 */
export function currentPrice(s: Store, netuid: number, pool?: PoolReserves): bigint {
  if (pool !== undefined) {
    if (pool.mechanism !== 1) return ONE_FX
    return pool.alpha === 0n ? 0n : Balancer.priceOf(quoteOf(s, netuid, pool), pool.alpha, pool.tao)
  }
  if (mechanism(s, netuid) !== 1) return ONE_FX
  const alpha = alphaReserve(s, netuid)
  if (alpha === 0n) return 0n
  return balancerOf(s, netuid).calculatePrice(alpha, taoReserve(s, netuid))
}

/**
 * `maybe_initialize_palswap`: once per subnet, weights for the given price at the current
 * reserves (w_quote = y/(p·x + y)), or ½ without one. Throws ReservesOutOfBalance.
 */
export function maybeInitializePalSwap(s: Store, netuid: number, maybePrice: bigint | null): boolean {
  if (St.PalSwapInitialized.get(s, netuid)) return false
  const tao = taoReserve(s, netuid)
  const alpha = alphaReserve(s, netuid)
  let quote = HALF_WEIGHT
  if (maybePrice !== null) {
    const pxHigh = F.saturatingToU64(U, maybePrice) * alpha
    const pxLow = F.saturatingToInt(U, F.saturatingMul(U, fx(alpha), F.fracPart(U, maybePrice)), 0n, U128_MAX)
    let sum = pxHigh + pxLow
    sum = sum > U128_MAX ? U128_MAX : sum
    sum = sum + tao > U128_MAX ? U128_MAX : sum + tao
    if (sum === 0n) throw E.ReservesOutOfBalance()
    quote = perquintillFromRational(tao, sum)
  }
  const balancer = Balancer.create(quote)
  if (!balancer) throw E.ReservesOutOfBalance()
  St.SwapBalancer.set(s, netuid, { quote: balancer.quote })
  St.PalSwapInitialized.set(s, netuid, true)
  return true
}

/**
 * `adjust_protocol_liquidity`: re-weight the balancer so that adding (taoDelta, alphaDelta) to
 * the current reserves keeps the price; the reserves themselves are not touched. Returns the
 * deltas, or (0, 0) with nothing stored when the weights would leave [0.01, 0.99]. The weight is
 * not rewritten when its bytes would stay (the state is the same either way). `pool`: the
 * reserves as stored, when the caller holds them.
 */
export function adjustProtocolLiquidity(s: Store, netuid: number, taoDelta: bigint, alphaDelta: bigint, pool?: PoolReserves): [bigint, bigint] {
  const quote = pool !== undefined ? quoteOf(s, netuid, pool) : St.SwapBalancer.get(s, netuid).quote
  const [tao, alpha] = pool !== undefined ? [pool.tao, pool.alpha] : [taoReserve(s, netuid), alphaReserve(s, netuid)]
  const next = new Balancer(quote).withAddedLiquidity(tao, alpha, taoDelta, alphaDelta)
  if (!next) return [0n, 0n]
  // (a read equal to anything but the default weight comes from a stored value)
  if (next.quote !== quote || (quote === HALF_WEIGHT && !(pool?.quoteStored ?? St.SwapBalancer.contains(s, netuid)))) {
    St.SwapBalancer.set(s, netuid, { quote: next.quote })
    if (pool !== undefined) pool.quoteStored = true
  }
  if (pool !== undefined) pool.quote = next.quote
  return [taoDelta, alphaDelta]
}

/** `calculate_fee_amount`: FeeRate share of `amount` on a dynamic pool, none otherwise or when dropped. */
export function calculateFeeAmount(s: Store, netuid: number, amount: bigint, dropFees: boolean): bigint {
  if (dropFees || mechanism(s, netuid) !== 1) return 0n
  return feeAmount(St.FeeRate.get(s, netuid), amount)
}

/**
 * What one swap reads of the pool, read once: nothing a swap does writes the reserves, the
 * mechanism or the fee rate (SubtensorModule moves the reserves afterwards).
 */
interface PoolState { tao: bigint; alpha: bigint; mechanism: number; feeRate: number }

/** The pool a swap sees; FeeRate is not read when fees are dropped (nothing then uses it). */
function readPool(s: Store, netuid: number, dropFees: boolean, pool?: PoolReserves): PoolState {
  const feeRate = dropFees ? 0 : St.FeeRate.get(s, netuid)
  if (pool !== undefined) return { tao: pool.tao, alpha: pool.alpha, mechanism: pool.mechanism, feeRate }
  return { tao: taoReserve(s, netuid), alpha: alphaReserve(s, netuid), mechanism: mechanism(s, netuid), feeRate }
}

/** `calculate_fee_amount` on a pool already read. */
const poolFee = (p: PoolState, amount: bigint, dropFees: boolean): bigint =>
  (dropFees || p.mechanism !== 1 ? 0n : feeAmount(p.feeRate, amount))

/** `current_price` on a pool already read. */
function poolPrice(p: PoolState, balancer: Balancer): bigint {
  if (p.mechanism !== 1) return ONE_FX
  return p.alpha === 0n ? 0n : balancer.calculatePrice(p.alpha, p.tao)
}

const poolReserveOut = (p: PoolState, kind: OrderKind): bigint => (kind === 'GetAlphaForTao' ? p.alpha : p.tao)
const poolReserveIn = (p: PoolState, kind: OrderKind): bigint => (kind === 'GetAlphaForTao' ? p.tao : p.alpha)

function swapInner(s: Store, netuid: number, p: PoolState, order: Order, limitPrice: bigint, dropFees: boolean, pool?: PoolReserves): SwapResult {
  if (poolReserveOut(p, order.kind) < SwapConstants.MinimumReserve) throw E.ReservesTooLow()
  const initialized = maybeInitializePalSwap(s, netuid, null)
  if (initialized && pool !== undefined) pool.quote = undefined
  const balancer = pool !== undefined ? new Balancer(quoteOf(s, netuid, pool)) : balancerOf(s, netuid)
  const price = poolPrice(p, balancer)
  const beyond = order.kind === 'GetAlphaForTao' ? price < limitPrice : price > limitPrice
  if (!beyond) throw E.PriceLimitExceeded()
  const fee = poolFee(p, order.amount, dropFees)
  const view = { netuid, tao: p.tao, alpha: p.alpha, balancer, feeRate: p.feeRate }
  const step = executeStep(view, order.kind, order.amount, fee, price, limitPrice, dropFees)
  return { amountPaidIn: step.deltaIn, amountPaidOut: step.deltaOut, feePaid: step.feePaid, feeToBlockAuthor: step.feeToBlockAuthor }
}

function ensureInputWithinReserveLimit(p: PoolState, kind: OrderKind, amount: bigint, dropFees: boolean): void {
  const fee = poolFee(p, amount, dropFees)
  const net = amount > fee ? amount - fee : 0n
  const max = poolReserveIn(p, kind) * MAX_SWAP_INPUT_RESERVE_MULTIPLIER
  if (net > (max > U64_MAX ? U64_MAX : max)) throw E.SwapInputTooLarge()
}

/**
 * do_swap's rollback. A rolled-back layer may have held the weight the memo remembers. (A function
 * of its own, not a closure per swap: tsx names every closure it creates, which costs.)
 */
function rollback(s: Store, reserves?: PoolReserves): void {
  s.rollbackTransaction()
  if (reserves !== undefined) reserves.quote = undefined
}

/**
 * `do_swap` (limit price as U64F64 bits): in its own storage layer, rolled back when simulating
 * or failing. A result paying out more than the out-reserve held is an InsufficientLiquidity
 * error, but what the swap wrote (its initialisation) is kept, as the chain commits it.
 */
export function doSwap(s: Store, netuid: number, order: Order, limitPrice: bigint, dropFees: boolean, simulate: boolean, reserves?: PoolReserves): SwapResult {
  // The coinbase's buy on an equal-weight pool it holds: nothing to write, so no layer (fee-free-buy.ts).
  if (dropFees && order.kind === 'GetAlphaForTao' && reserves !== undefined && reserves.mechanism === 1 &&
    St.PalSwapInitialized.get(s, netuid) && quoteOf(s, netuid, reserves) === HALF_WEIGHT) {
    const bought = feeFreeBuy(reserves.tao, reserves.alpha, order.amount, limitPrice)
    if (bought !== null) return bought
  }
  const pool = readPool(s, netuid, dropFees, reserves)
  const reserve = poolReserveOut(pool, order.kind)
  s.startTransaction()
  let result: SwapResult
  try {
    ensureInputWithinReserveLimit(pool, order.kind, order.amount, dropFees)
    result = swapInner(s, netuid, pool, order, limitPrice, dropFees, reserves)
  } catch (e) {
    rollback(s, reserves)
    throw e
  }
  if (simulate) {
    rollback(s, reserves)
    return result
  }
  s.commitTransaction()
  if (reserve < result.amountPaidOut) throw E.InsufficientLiquidity()
  return result
}

/** `SwapEngine::swap`: the limit in RAO per alpha becomes a U64F64 price (÷ 1e9). */
export function swap(s: Store, netuid: number, order: Order, priceLimit: bigint, dropFees: boolean, shouldRollback: boolean, pool?: PoolReserves): SwapResult {
  return doSwap(s, netuid, order, limitOf(priceLimit), dropFees, shouldRollback, pool)
}

/** The U64F64 limit of the last RAO-per-alpha limit asked for (the coinbase asks for MAX_PRICE each time). */
let lastLimit = { rao: -1n, bits: 0n }
function limitOf(priceLimit: bigint): bigint {
  if (lastLimit.rao !== priceLimit) lastLimit = { rao: priceLimit, bits: safeDiv(U, fx(priceLimit), fx(RAO_PER_TAO)) }
  return lastLimit.bits
}

/** `sim_swap`: a dynamic pool swaps at the default limit and rolls back; a stable one is 1:1 (0 if no subnet). */
export function simSwap(s: Store, netuid: number, order: Order): SwapResult {
  if (mechanism(s, netuid) === 1) {
    const limit = order.kind === 'GetAlphaForTao' ? MAX_PRICE : MIN_PRICE
    return swap(s, netuid, order, limit, false, true)
  }
  const amount = subnetExists(s, netuid) ? order.amount : 0n
  return { amountPaidIn: amount, amountPaidOut: amount, feePaid: 0n, feeToBlockAuthor: 0n }
}

/** `do_clear_protocol_liquidity`: burn both reserves and wipe the subnet's swap state. */
export function clearProtocolLiquidity(s: Store, netuid: number): void {
  decreaseProvided(s, netuid, taoReserve(s, netuid), alphaReserve(s, netuid))
  St.PalSwapInitialized.remove(s, netuid)
  St.FeeRate.remove(s, netuid)
  St.SwapBalancer.remove(s, netuid)
}

/** `get_alpha_amount_for_tao`: TAO ÷ spot price on a dynamic pool (no slippage), 1:1 otherwise. */
export function alphaAmountForTao(s: Store, netuid: number, tao: bigint): bigint {
  if (mechanism(s, netuid) !== 1) return tao
  return F.saturatingToU64(U, safeDiv(U, fx(tao), currentPrice(s, netuid)))
}

export const swapHandler: SwapHandler = {
  swap,
  simSwap,
  approxFeeAmount: (s, netuid, amount) => calculateFeeAmount(s, netuid, amount, false),
  currentAlphaPrice: currentPrice,
  maxPrice: () => MAX_PRICE,
  minPrice: () => MIN_PRICE,
  adjustProtocolLiquidity,
  clearProtocolLiquidity,
  initSwap: (s, netuid, maybePrice) => {
    try {
      maybeInitializePalSwap(s, netuid, maybePrice)
    } catch (e) {
      // `init_swap` drops the error (`unwrap_or_default`): the subnet stays uninitialised.
      if (!(e instanceof DispatchFailure)) throw e
    }
  },
  getAlphaAmountForTao: alphaAmountForTao,
}

bindSwapInterface(swapHandler)

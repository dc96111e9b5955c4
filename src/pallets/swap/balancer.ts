// The balancer pool of pallets/swap/src/pallet/balancer.rs: weighted constant-product maths with
// only the quote (TAO) weight stored, as Perquintill parts of 1e18. x = alpha (base) reserve,
// y = TAO (quote) reserve, w1 = base weight, w2 = quote weight, price p = (w1·y)/(w2·x).
// Every quantity is a bigint with the chain's own truncation: U64F64 values are raw bits.
import * as F from '../../primitives/fixed/index.js'
import { powRatioScaled, safeDiv } from '../../primitives/safe-math/index.js'
import { PERQUINTILL_ONE as ACCURACY } from './pallet.js'

const U = F.U64F64
const ONE_FX = 1n << 64n
/** Lower limit of either weight: 0.01. */
export const MIN_WEIGHT = ACCURACY / 100n
const U128_MAX = F.U128_MAX
const U64_MAX = F.U64_MAX

const satAddU64 = (a: bigint, b: bigint): bigint => (a + b > U64_MAX ? U64_MAX : a + b)
const satSubU64 = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)
const satMulU128 = (a: bigint, b: bigint): bigint => (a * b > U128_MAX ? U128_MAX : a * b)
const fx = (n: bigint): bigint => F.saturatingFromInt(U, n)

/** `Perquintill::from_rational(p, q)`: floor(p·1e18/q); one when q = 0 or p > q (its Err → one). */
export function perquintillFromRational(p: bigint, q: bigint): bigint {
  if (q === 0n || p > q) return ACCURACY
  return (p * ACCURACY) / q
}

export const checkWeightConstraints = (quote: bigint): boolean => ACCURACY - quote >= MIN_WEIGHT && quote >= MIN_WEIGHT

export class Balancer {
  constructor(readonly quote: bigint) {}

  /** `Balancer::new`: null where the chain returns BalancerError::InvalidValue. */
  static create(quote: bigint): Balancer | null {
    return checkWeightConstraints(quote) ? new Balancer(quote) : null
  }

  get base(): bigint { return ACCURACY > this.quote ? ACCURACY - this.quote : 0n }

  /**
   * `exp_scaled`: (x/(x+dx))^(w1/w2) when baseQuote, else ^(w2/w1), as U64F64 bits through
   * pow_ratio_scaled at 1e18 scale; capped at 1 for dx ≥ 0, 0 when x+dx = 0 or the power fails.
   */
  expScaled(x: bigint, dx: bigint, baseQuote: boolean): bigint {
    const xPlusDx = dx >= 0n ? satAddU64(x, dx) : satSubU64(x, -dx)
    if (xPlusDx === 0n) return 0n
    const base = this.base
    const r = baseQuote ? powRatioScaled(x, xPlusDx, base, this.quote, 256, ACCURACY) : powRatioScaled(x, xPlusDx, this.quote, base, 256, ACCURACY)
    if (r === null || r < 0n || r > U64_MAX) return 0n
    const result = F.u64f64Ratio(r, ACCURACY) ?? 0n
    return dx >= 0n && result > ONE_FX ? ONE_FX : result
  }

  /** (x/(x+dx))^(w1/w2): sells, dx of alpha paid in. */
  expBaseQuote(x: bigint, dx: bigint): bigint { return this.expScaled(x, dx, true) }
  /** (y/(y+dy))^(w2/w1): buys, dy of TAO paid in. */
  expQuoteBase(y: bigint, dy: bigint): bigint { return this.expScaled(y, dy, false) }

  /** `calculate_price(x, y)` = (w1/w2)·(y/x), each quotient truncated, product floored (U64F64 bits). */
  calculatePrice(x: bigint, y: bigint): bigint {
    return Balancer.priceOf(this.quote, x, y)
  }

  /** calculatePrice of the balancer with quote weight `quote`. */
  static priceOf(quote: bigint, x: bigint, y: bigint): bigint {
    const yx = F.u64f64Ratio(y, x) ?? 0n
    // Equal weights make w1/w2 exactly 1, and 1 × a U64F64 value is that value.
    return quote === HALF ? yx : F.saturatingMul(U, weightRatio(quote), yx)
  }

  /**
   * `update_weights_for_added_liquidity`: the quote weight that keeps the price when (dy, dx)
   * join reserves (y, x). Returns the new balancer, or null (weights out of range: nothing changes).
   */
  withAddedLiquidity(taoReserve: bigint, alphaReserve: bigint, taoDelta: bigint, alphaDelta: bigint): Balancer | null {
    // Nothing added to a pool of equal weights: q1 and q2 below are the same rounded half of
    // taoReserve × alphaReserve, so the new quote weight is q2 / 2·q2 = ½ again (or ½ for an empty
    // pool; a saturated sum still floors to ½). The pools the coinbase injects nothing into each block.
    if (taoDelta === 0n && alphaDelta === 0n && this.quote === HALF) return this
    const newTao = taoReserve + taoDelta
    const newAlpha = alphaReserve + alphaDelta
    const q1 = mulPerquintillRound(this.base, satMulU128(taoReserve, newAlpha))
    const q2 = mulPerquintillRound(this.quote, satMulU128(alphaReserve, newTao))
    const sum = q1 + q2 > U128_MAX ? U128_MAX : q1 + q2
    const quote = sum !== 0n ? perquintillFromRational(q2, sum) : HALF
    return Balancer.create(quote)
  }

  /** `calculate_quote_delta_in`: TAO that lifts the price from `current` to `target`: y·((p'/p)^w1 − 1). */
  quoteDeltaIn(current: bigint, target: bigint, reserve: bigint): bigint {
    return deltaIn(target, current, this.base, reserve)
  }

  /** `calculate_base_delta_in`: alpha that lowers the price from `current` to `target`: x·((p/p')^w2 − 1). */
  baseDeltaIn(current: bigint, target: bigint, reserve: bigint): bigint {
    return deltaIn(current, target, this.quote, reserve)
  }

  /** `get_base_needed_for_quote`: alpha to sell for `deltaTao`: x·((y/(y−dy))^(w2/w1) − 1). */
  baseNeededForQuote(taoReserve: bigint, alphaReserve: bigint, deltaTao: bigint): bigint {
    const e = this.expScaled(taoReserve, -deltaTao, false)
    return F.saturatingToU64(U, F.saturatingMul(U, fx(alphaReserve), F.saturatingSub(U, e, ONE_FX)))
  }
}

// w1/w2 depends on the quote weight alone, which most pools keep from block to block while their
// price is asked several times a block: each weight's ratio is divided out once.
const ratios = new Map<bigint, bigint>()
const RATIOS_KEPT = 4_096

/** w1/w2 (U64F64 bits, truncated) for quote weight `quote`. */
function weightRatio(quote: bigint): bigint {
  let r = ratios.get(quote)
  if (r === undefined) {
    if (ratios.size >= RATIOS_KEPT) ratios.clear()
    const base = ACCURACY > quote ? ACCURACY - quote : 0n
    ratios.set(quote, r = safeDiv(U, fx(base), fx(quote)))
  }
  return r
}

const HALF = ACCURACY / 2n
const SCALE = 10n ** 18n

/** `mul_perquintill_round`: value·p rounded half up, in U256, clamped to u128. */
export function mulPerquintillRound(parts: bigint, value: bigint): bigint {
  const r = (value * parts + ACCURACY / 2n) / ACCURACY
  return r > U128_MAX ? U128_MAX : r
}

function deltaIn(num: bigint, den: bigint, weight: bigint, reserve: bigint): bigint {
  const r = powRatioScaled(num, den, weight, ACCURACY, 1024, SCALE)
  if (r === null) return 0n
  const clamped = r >= 0n && r <= U64_MAX ? r : r > U64_MAX ? U64_MAX : 0n
  const factor = F.saturatingSub(U, F.u64f64Ratio(clamped, SCALE) ?? 0n, ONE_FX)
  return F.saturatingToU64(U, F.saturatingMul(U, fx(reserve), factor))
}

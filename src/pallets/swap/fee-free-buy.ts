// The coinbase's excess-TAO buy in closed form: a fee-free GetAlphaForTao swap on an initialised
// pool of equal weights (every dev-chain pool, every block, every subnet). do_swap's general path
// (impls.ts) opens a storage layer, builds the balancer and step objects and divides four times;
// with w1 = w2 and no fee its step reduces to the formulas below, and its checks to comparisons.
import { MAX_SWAP_INPUT_RESERVE_MULTIPLIER, SwapConstants } from './pallet.js'

const ONE_FX = 1n << 64n
const U64_MAX = (1n << 64n) - 1n
const SCALE = 1_000_000_000_000_000_000n

/** What such a buy pays out and takes in (no fee). */
export interface FeeFreeBuy { amountPaidIn: bigint; amountPaidOut: bigint; feePaid: bigint; feeToBlockAuthor: bigint }

/**
 * do_swap of `amount` TAO (> 0) for alpha, fees dropped, on a dynamic pool of reserves (tao,
 * alpha) whose balancer is initialised with equal weights, at U64F64 limit `limitPrice`; null
 * whenever a check of the general path could fail or its step would stop at the limit (the caller
 * then takes the general path, which raises the same error). The general path, step by step:
 * - the input fits 1000× the TAO reserve, the alpha reserve holds MinimumReserve;
 * - the price before, y/x as u64f64Ratio, lies below the limit: floor(y·2^64/x) < L ⟺ y·2^64 < L·x;
 * - convert_deltas: e = (y/(y+dy))^(½/½) = u64f64Ratio(floor(1e18·y/(y+dy)), 1e18) ≤ 1 (pow_ratio_scaled's
 *   1/1 exponent), out = floor(x·(1 − e)) (the U64F64 product of from_num(x) and 1 − e, floored);
 * - the price after, (y+dy)/(x−out), reaches no further than the limit: 0 when x − out = 0 (the
 *   division's None), else floor((y+dy)·2^64/(x−out)) ≤ L ⟺ (y+dy)·2^64 < (L+1)·(x−out);
 * - a step taking TAO in must pay some alpha out (ReservesTooLow), and no more than x.
 * fee-free-buy.test.ts checks it against the general path.
 */
export function feeFreeBuy(tao: bigint, alpha: bigint, amount: bigint, limitPrice: bigint): FeeFreeBuy | null {
  if (amount <= 0n || tao < 0n || alpha <= 0n || tao > U64_MAX || alpha > U64_MAX || amount > U64_MAX) return null
  const maxIn = tao * MAX_SWAP_INPUT_RESERVE_MULTIPLIER
  if (amount > (maxIn > U64_MAX ? U64_MAX : maxIn)) return null
  if (alpha < SwapConstants.MinimumReserve) return null
  if ((tao << 64n) >= limitPrice * alpha) return null
  const taoAfter = tao + amount
  if (taoAfter > U64_MAX) return null
  const e = (((tao * SCALE) / taoAfter) << 64n) / SCALE
  const out = (alpha * (ONE_FX - e)) >> 64n
  if (out === 0n || out > alpha) return null
  const alphaAfter = alpha - out
  if (alphaAfter !== 0n && (taoAfter << 64n) >= (limitPrice + 1n) * alphaAfter) return null
  return { amountPaidIn: amount, amountPaidOut: out, feePaid: 0n, feeToBlockAuthor: 0n }
}

// staking/stake_utils.rs `swap_tao_for_alpha` / `swap_alpha_for_tao`: a swap through the subnet's
// pool (the Swap pallet on a dynamic subnet, 1:1 on a stable one), then SubtensorModule moves the
// reserves, alpha outstanding, TotalStake and SubnetVolume by the result. Stake itself (who owns
// the alpha) is the caller's business.
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface, type Order, type PoolReserves, type SwapResult } from '../../../primitives/swap-interface/index.js'
import { SubtensorStorage as S } from '../storage.js'

const U64_MAX = (1n << 64n) - 1n
const I64_MAX = (1n << 63n) - 1n
const U128_MAX = (1n << 128n) - 1n
const satAdd = (a: bigint, b: bigint, max: bigint): bigint => (a + b > max ? max : a + b)
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)
/** `paid_*_reserve_delta_i64().unsigned_abs()`: the amount clamped to i64. */
const reserveDelta = (v: bigint): bigint => (v > I64_MAX ? I64_MAX : v)

/**
 * The pool's side of a swap (the Swap pallet on a dynamic subnet, 1:1 on a stable one);
 * `mechanism`: SubnetMechanism, when at hand; `reserves`: the pool as stored, when the caller holds it.
 */
export function poolSwap(s: Store, netuid: number, order: Order, priceLimit: bigint, dropFees: boolean, mechanism: number = S.SubnetMechanism.get(s, netuid), reserves?: PoolReserves): SwapResult {
  if (mechanism === 1) return swapInterface().swap(s, netuid, order, priceLimit, dropFees, false, reserves)
  return { amountPaidIn: order.amount, amountPaidOut: order.amount, feePaid: 0n, feeToBlockAuthor: 0n }
}

/** `swap_tao_for_alpha`: `tao` buys alpha out of the pool (price limit in RAO per alpha). Throws the swap's error, changing nothing. */
export function swapTaoForAlpha(s: Store, netuid: number, tao: bigint, priceLimit: bigint, dropFees: boolean): SwapResult {
  const r = poolSwap(s, netuid, { kind: 'GetAlphaForTao', amount: tao }, priceLimit, dropFees)
  const alphaDecrease = reserveDelta(r.amountPaidOut)
  if (alphaDecrease !== 0n) S.SubnetAlphaIn.mutate(s, netuid, (v) => satSub(v, alphaDecrease))
  S.SubnetAlphaOut.mutate(s, netuid, (v) => satAdd(v, r.amountPaidOut, U64_MAX))
  S.SubnetTAO.mutate(s, netuid, (v) => satAdd(v, reserveDelta(r.amountPaidIn), U64_MAX))
  S.TotalStake.mutate(s, (v) => satAdd(v, tao, U64_MAX))
  S.SubnetVolume.mutate(s, netuid, (v) => satAdd(v, tao, U128_MAX))
  return r
}

/** `swap_alpha_for_tao`: `alpha` sells into the pool for TAO. Throws the swap's error, changing nothing. */
export function swapAlphaForTao(s: Store, netuid: number, alpha: bigint, priceLimit: bigint, dropFees: boolean): SwapResult {
  const r = poolSwap(s, netuid, { kind: 'GetTaoForAlpha', amount: alpha }, priceLimit, dropFees)
  const alphaDelta = reserveDelta(r.amountPaidIn)
  S.SubnetAlphaIn.mutate(s, netuid, (v) => satAdd(v, alphaDelta, U64_MAX))
  S.SubnetAlphaOut.mutate(s, netuid, (v) => satSub(v, alphaDelta))
  const taoDelta = reserveDelta(r.amountPaidOut)
  if (taoDelta !== 0n) S.SubnetTAO.mutate(s, netuid, (v) => satSub(v, taoDelta))
  S.TotalStake.mutate(s, (v) => satSub(v, r.amountPaidOut))
  S.SubnetVolume.mutate(s, netuid, (v) => satAdd(v, r.amountPaidOut, U128_MAX))
  return r
}

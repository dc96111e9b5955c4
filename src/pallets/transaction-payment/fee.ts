// Fee computation of pallet_transaction_payment with subtensor's configuration:
//   WeightToFee  = LinearWeightToFee: Perbill(500_000) × ref_time, rounded to nearest, ties down
//   LengthToFee  = IdentityFee: 1 RAO per encoded byte
//   multiplier   = ConstFeeMultiplier(1) (NextFeeMultiplier is applied anyway, as upstream does)
//   fee = w2f(base_extrinsic of the class) + len + multiplier × w2f(weight) + tip, unless Pays::No.
import type { CallInfo, PostInfo } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import type { WeightValue } from '../../frame/primitives.js'
import { BLOCK_WEIGHTS, baseExtrinsic, minWeight, perbillMul } from '../system/limits.js'
import { FIXED_ONE, TransactionPayment } from './pallet.js'

/** subtensor_transaction_fee::LinearWeightToFee coefficient (0.0005 RAO per ref-time unit). */
export const WEIGHT_FEE_PERBILL = 500_000n
const U64_MAX = (1n << 64n) - 1n

/** Pallet::weight_to_fee: the weight is first capped at the block's max_block. */
export function weightToFee(w: WeightValue): bigint {
  const capped = minWeight(w, BLOCK_WEIGHTS.max_block)
  return perbillMul(WEIGHT_FEE_PERBILL, capped.ref_time)
}

export const lengthToFee = (len: number): bigint => BigInt(len)

/** FixedU128::saturating_mul_int, rounding down. */
export function applyMultiplier(multiplier: bigint, x: bigint): bigint {
  const v = (multiplier * x) / FIXED_ONE
  return v > U64_MAX ? U64_MAX : v
}

export interface FeeBreakdown {
  baseFee: bigint
  lenFee: bigint
  adjustedWeightFee: bigint
  tip: bigint
  /** inclusion fee + tip (just the tip when the call does not pay). */
  total: bigint
  /** False for Pays::No: then FeeDetails.inclusion_fee is None. */
  paysFee: boolean
}

/**
 * compute_fee_raw. `info.weight` must be the full pre-dispatch weight the chain charges for:
 * the call's weight plus the weight of the transaction extensions (DispatchInfo::total_weight).
 */
export function computeFeeRaw(len: number, w: WeightValue, tip: bigint, info: Pick<CallInfo, 'class' | 'paysFee'>, multiplier = FIXED_ONE): FeeBreakdown {
  if (info.paysFee !== 'Yes') return { baseFee: 0n, lenFee: 0n, adjustedWeightFee: 0n, tip, total: tip, paysFee: false }
  const baseFee = weightToFee(baseExtrinsic(info.class))
  const lenFee = lengthToFee(len)
  const adjustedWeightFee = applyMultiplier(multiplier, weightToFee(w))
  const total = sat(baseFee + lenFee + adjustedWeightFee + tip)
  return { baseFee, lenFee, adjustedWeightFee, tip, total, paysFee: true }
}

/** Pre-dispatch fee (compute_fee / compute_fee_details) with the constant multiplier 1. */
export function computeFee(len: number, info: CallInfo, tip: bigint): FeeBreakdown {
  return computeFeeRaw(len, info.weight, tip, info)
}

/** Same, reading NextFeeMultiplier from state as the pallet does. */
export function computeFeeAt(s: Store, len: number, info: CallInfo, tip: bigint): FeeBreakdown {
  return computeFeeRaw(len, info.weight, tip, info, TransactionPayment.NextFeeMultiplier.get(s))
}

/**
 * compute_actual_fee: post-dispatch weight (capped by the pre-dispatch weight) and pays-fee
 * (Yes only if both pre- and post-dispatch say Yes).
 */
export function computeActualFee(len: number, info: CallInfo, post: PostInfo, tip: bigint): bigint {
  const w = post.actualWeight ? minWeight(post.actualWeight, info.weight) : info.weight
  const pays = info.paysFee === 'Yes' && (post.paysFee ?? 'Yes') === 'Yes' ? 'Yes' : 'No'
  return computeFeeRaw(len, w, tip, { class: info.class, paysFee: pays }).total
}

/** FeeDetails as the runtime API returns it. */
export function feeDetailsValue(b: FeeBreakdown): { inclusion_fee: { base_fee: bigint; len_fee: bigint; adjusted_weight_fee: bigint } | null; tip: bigint } {
  return {
    inclusion_fee: b.paysFee ? { base_fee: b.baseFee, len_fee: b.lenFee, adjusted_weight_fee: b.adjustedWeightFee } : null,
    tip: b.tip,
  }
}

const sat = (x: bigint): bigint => (x > U64_MAX ? U64_MAX : x)

// frame_system's CheckWeight extension and weight reclaim (extensions/check_weight.rs,
// Pallet::reclaim_weight): block length and per-class weight limits, BlockWeight and
// AllExtrinsicsLen accounting. `info.weight` is the extrinsic's total pre-dispatch weight (call
// plus transaction extensions).
import type { CallInfo, PostInfo } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { weight, type WeightValue } from '../../frame/primitives.js'
import { BLOCK_LENGTH, BLOCK_WEIGHTS, classKey, minWeight, U64_MAX } from './limits.js'
import { System } from './pallet.js'
import type { PerDispatchClassValue } from './types.js'

const add = (a: WeightValue, b: WeightValue): WeightValue => weight(sat(a.ref_time + b.ref_time), sat(a.proof_size + b.proof_size))
const sub = (a: WeightValue, b: WeightValue): WeightValue =>
  weight(a.ref_time > b.ref_time ? a.ref_time - b.ref_time : 0n, a.proof_size > b.proof_size ? a.proof_size - b.proof_size : 0n)
const anyGt = (a: WeightValue, b: WeightValue): boolean => a.ref_time > b.ref_time || a.proof_size > b.proof_size
const sat = (x: bigint): bigint => (x > U64_MAX ? U64_MAX : x)

export const allExtrinsicsLen = (s: Store): number => System.AllExtrinsicsLen.get(s) ?? 0

/** check_block_length: the block length after adding `len`, or null when over the class limit. */
function nextLength(s: Store, info: CallInfo, len: number): number | null {
  const next = Math.min(allExtrinsicsLen(s) + len, 0xffffffff)
  return next > BLOCK_LENGTH.max[classKey(info.class)] ? null : next
}

/** check_extrinsic_weight: the extrinsic alone (length counted as proof size) fits max_extrinsic. */
function fitsExtrinsic(info: CallInfo, len: number): boolean {
  const max = BLOCK_WEIGHTS.per_class[classKey(info.class)].max_extrinsic
  return max === null || !anyGt(add(info.weight, weight(0n, BigInt(len))), max)
}

/** calculate_consumed_weight: the block weight with this extrinsic, or null when it exhausts the block. */
export function consumedWeightWith(current: PerDispatchClassValue<WeightValue>, info: CallInfo, len: number): PerDispatchClassValue<WeightValue> | null {
  const k = classKey(info.class)
  const limits = BLOCK_WEIGHTS.per_class[k]
  const xt = add(add(info.weight, limits.base_extrinsic), weight(0n, BigInt(len)))
  const next = { ...current, [k]: add(current[k], xt) }
  const unlimited = limits.max_total === null && limits.reserved === null
  if (!unlimited) {
    const exact = current[k].ref_time + xt.ref_time > U64_MAX || current[k].proof_size + xt.proof_size > U64_MAX
    if (exact) return null
  }
  if (limits.max_total !== null && anyGt(next[k], limits.max_total)) return null
  const total = add(add(next.normal, next.operational), next.mandatory)
  if (anyGt(total, BLOCK_WEIGHTS.max_block) && limits.reserved !== null && anyGt(next[k], limits.reserved)) return null
  return next
}

/** CheckWeight validate: would the extrinsic fit into the current block? */
export function validateWeight(s: Store, info: CallInfo, len: number): boolean {
  return nextLength(s, info, len) !== null && fitsExtrinsic(info, len) && consumedWeightWith(System.BlockWeight.get(s), info, len) !== null
}

/** CheckWeight prepare: account the extrinsic in the block; false (nothing written) when it does not fit. */
export function noteWeight(s: Store, info: CallInfo, len: number): boolean {
  const nextLen = nextLength(s, info, len)
  if (nextLen === null || !fitsExtrinsic(info, len)) return false
  const next = consumedWeightWith(System.BlockWeight.get(s), info, len)
  if (!next) return false
  System.AllExtrinsicsLen.set(s, nextLen)
  System.BlockWeight.set(s, next)
  return true
}

/** Pallet::reclaim_weight: give back the unspent part of the pre-dispatch weight once. */
export function reclaimWeight(s: Store, info: CallInfo, post: PostInfo): void {
  const actual = post.actualWeight ? minWeight(post.actualWeight, info.weight) : info.weight
  const unspent = sub(info.weight, actual)
  const already = System.ExtrinsicWeightReclaimed.get(s)
  const accurate = weight(
    already.ref_time > unspent.ref_time ? already.ref_time : unspent.ref_time,
    already.proof_size > unspent.proof_size ? already.proof_size : unspent.proof_size,
  )
  const more = sub(accurate, already)
  if (more.ref_time === 0n && more.proof_size === 0n) return
  System.BlockWeight.mutate(s, (bw) => {
    const k = classKey(info.class)
    bw[k] = sub(bw[k], more)
    return bw
  })
  System.ExtrinsicWeightReclaimed.set(s, accurate)
}

// coinbase/subnet_emissions.rs: `inplace_pow_normalize`, the normalisation of the flow-based
// shares (z_i^p / Σ z_j^p). At spec 425 the shares are by EMA price and `get_shares_flow`, its
// only caller, is dead code; the helper is kept as the chain keeps it, exact in U64F64 with the
// pow taken through I32F32 ln/exp, scaled first so that neither overflows nor underflows.
import * as F from '../../../primitives/fixed/index.js'
import { checkedSqrt, safeDiv } from '../../../primitives/safe-math/index.js'

const U = F.U64F64
const I32 = F.I32F32
const I32_MAX = (1n << 31n) - 1n
const ZERO = 0n

const maxOf = (flows: Map<number, bigint>): bigint => [...flows.values()].reduce((a, v) => (v > a ? v : a), ZERO)

/** `inplace_scale`: every flow times 1 / max, so the largest becomes 1. */
function inplaceScale(flows: Map<number, bigint>): void {
  const factor = safeDiv(U, F.fromInt(U, 1), maxOf(flows))
  for (const [k, v] of flows) flows.set(k, F.saturatingMul(U, factor, v))
}

/** `safe_pow`: val^p as exp(p · ln val) in I32F32; 0 when ln val does not fit, I32F32::MAX when exp does not. */
function safePow(val: bigint, p: bigint): bigint {
  const lnVal = F.ln(I32, F.saturatingFromFixed(I32, U, val))
  if (lnVal === null) return ZERO
  const e = F.exp(I32, F.saturatingMul(I32, F.saturatingFromFixed(I32, U, p), lnVal)) ?? F.saturatingFromInt(I32, I32_MAX)
  return F.saturatingFromFixed(U, I32, e)
}

/**
 * `inplace_pow_normalize` (U64F64 bits, keys in ascending netuid): pre-scaled to max 1, then by
 * sqrt(i32::MAX / (count · max²)) for precision, each value raised to `p` and divided by the sum.
 * Values too small to be represented in I32F32 after scaling are left as pre-scaled.
 */
export function inplacePowNormalize(flows: Map<number, bigint>, p: bigint): void {
  const count = flows.size
  inplaceScale(flows)
  const flowMax = maxOf(flows)
  const maxTimesCount = F.saturatingMul(U, F.saturatingFromInt(U, count), F.saturatingMul(U, flowMax, flowMax))
  const i32Max = F.saturatingFromInt(U, I32_MAX)
  const precisionMin = safeDiv(U, i32Max, F.saturatingFromInt(U, F.U64_MAX))
  if (maxTimesCount < precisionMin) return
  const epsilon = safeDiv(U, F.fromInt(U, 1), F.fromInt(U, 1_000))
  const factor = checkedSqrt(U, safeDiv(U, i32Max, maxTimesCount), epsilon) ?? ZERO
  let sum = ZERO
  for (const v of flows.values()) sum = F.saturatingAdd(U, sum, safePow(F.saturatingMul(U, factor, v), p))
  for (const [k, v] of flows) flows.set(k, safeDiv(U, safePow(F.saturatingMul(U, factor, v), p), sum))
}

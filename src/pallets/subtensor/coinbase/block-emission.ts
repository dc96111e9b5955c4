// coinbase/block_emission.rs: the halving curve. The per-block emission is DefaultBlockEmission
// halved once for every time the supply still to be issued has halved (k = ⌊log2(1/(1 − q))⌋ with
// q = issuance / 21M TAO), all in I96F32 so the thresholds fall exactly where the chain's do.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import type { EventSink } from '../../system/accounts.js'
import { SubtensorStorage as S } from '../storage.js'
import { mintTao } from './tao.js'

/** `TotalSupply` and `DefaultBlockEmission` (RAO). */
export const TOTAL_SUPPLY = 21_000_000_000_000_000n
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n

const T = F.I96F32
const ONE = F.fromInt(T, 1)
const TWO = F.fromInt(T, 2)
const SUPPLY = F.saturatingFromInt(T, TOTAL_SUPPLY)
// `2.0 × 10_500_000_000_000_000.0`: the chain halves and doubles back, which is exact in I96F32.
const DOUBLE_HALF_SUPPLY = F.saturatingMul(T, TWO, F.saturatingFromInt(T, 10_500_000_000_000_000n))
const DEFAULT = F.saturatingFromInt(T, DEFAULT_BLOCK_EMISSION)

/**
 * `get_block_emission_for_issuance` without its BlockEmission side effect: RAO per block at this
 * issuance, or null where the chain returns Err (a checked step failed).
 */
export function emissionForIssuance(issuance: bigint): bigint | null {
  const total = F.saturatingFromInt(T, issuance)
  if (total >= SUPPLY) return 0n
  const q = F.checkedDiv(T, total, DOUBLE_HALF_SUPPLY)
  if (q === null) return null
  const rest = F.checkedSub(T, ONE, q)
  if (rest === null) return null
  const inv = F.checkedDiv(T, ONE, rest)
  if (inv === null) return null
  const residual = F.log2(T, inv)
  if (residual === null) return null
  const halvings = F.saturatingToU64(T, F.intPart(T, residual))
  let multiplier = ONE
  // Saturates long before u64 iterations; once at the maximum further doublings change nothing.
  for (let i = 0n; i < halvings && multiplier !== T.max; i++) multiplier = F.saturatingMul(T, multiplier, TWO)
  return F.saturatingToU64(T, F.saturatingMul(T, safeDiv(T, ONE, multiplier), DEFAULT))
}

// The curve is a step function of issuance and issuance rarely moves between blocks (never on a
// chain without emitting subnets), so remembering the last answer keeps the hook cheap.
let lastIssuance = -1n
let lastEmission: bigint | null = null
function cachedEmission(issuance: bigint): bigint | null {
  if (issuance !== lastIssuance) {
    lastEmission = emissionForIssuance(issuance)
    lastIssuance = issuance
  }
  return lastEmission
}

/** `get_block_emission_for_issuance`: the value, stored in BlockEmission when it changed. */
export function getBlockEmissionForIssuance(s: Store, issuance: bigint): bigint | null {
  const e = cachedEmission(issuance)
  if (e !== null && S.BlockEmission.get(s) !== e) S.BlockEmission.set(s, e)
  return e
}

/** `calculate_block_emission`: from SubtensorModule's TotalIssuance, nothing minted. */
export const calculateBlockEmission = (s: Store): bigint | null => getBlockEmissionForIssuance(s, S.TotalIssuance.get(s))

/**
 * `get_block_emission`: mint this block's emission (capped below 21M by the balances issuance)
 * and return the credit, 0 when the curve gives nothing or failed.
 */
export function getBlockEmission(s: Store, sink: EventSink): bigint {
  const e = calculateBlockEmission(s)
  return e === null || e === 0n ? 0n : mintTao(s, sink, e)
}

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

// The curve is a step function of issuance, evaluated every block for TAO and for every emitting
// subnet's alpha (whose issuance moves each block), and the exact evaluation costs a log2 on
// bigints. It is non-increasing in issuance (q, 1/(1 − q) and ⌊log2⌋ are all monotone), so the
// steps are found once by bisection on the exact function and a lookup answers from then on.
interface Step { from: bigint; value: bigint }
let steps: Step[] | null = null

function buildSteps(): Step[] {
  // below the total supply no checked step can fail (q < 1, so 1/(1 − q) ≤ 2^32)
  const exact = (i: bigint): bigint => {
    const e = emissionForIssuance(i)
    if (e === null) throw new Error(`block emission failed below the total supply at ${i}`)
    return e
  }
  const out: Step[] = [{ from: 0n, value: exact(0n) }]
  for (;;) {
    const last = out[out.length - 1]
    if (last.value === 0n) return out
    // smallest issuance above `last.from` whose emission differs (TOTAL_SUPPLY gives 0)
    let lo = last.from
    let hi = TOTAL_SUPPLY
    while (hi - lo > 1n) {
      const mid = (lo + hi) >> 1n
      if (exact(mid) === last.value) lo = mid
      else hi = mid
    }
    out.push({ from: hi, value: hi >= TOTAL_SUPPLY ? 0n : exact(hi) })
  }
}

/** `emissionForIssuance` answered from the precomputed steps (identical values, tested). */
export function emissionForIssuanceFast(issuance: bigint): bigint {
  const st = (steps ??= buildSteps())
  // (the step of the last answer first: TAO's and the subnets' issuances move little block to block)
  const k = lastStep
  if (st[k].from <= issuance && (k + 1 === st.length || issuance < st[k + 1].from)) return st[k].value
  let i = st.length - 1
  while (st[i].from > issuance) i--
  lastStep = i
  return st[i].value
}
let lastStep = 0

/** `get_block_emission_for_issuance` (never Err, see below): the value, stored in BlockEmission when it changed. */
export function getBlockEmissionForIssuance(s: Store, issuance: bigint): bigint {
  const e = emissionForIssuanceFast(issuance)
  if (S.BlockEmission.get(s) !== e) S.BlockEmission.set(s, e)
  return e
}

/** `calculate_block_emission`: from SubtensorModule's TotalIssuance, nothing minted. */
export const calculateBlockEmission = (s: Store): bigint => getBlockEmissionForIssuance(s, S.TotalIssuance.get(s))

/**
 * `get_block_emission`: mint this block's emission (capped below 21M by the balances issuance)
 * and return the credit, 0 when the curve gives nothing. (The chain's Err branch cannot be
 * reached: below the total supply no checked step fails, at or above it the result is 0.)
 */
export function getBlockEmission(s: Store, sink: EventSink): bigint {
  const e = calculateBlockEmission(s)
  return e === 0n ? 0n : mintTao(s, sink, e)
}

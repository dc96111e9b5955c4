// coinbase/run_coinbase.rs: where the block's minted credit goes — terms per eligible subnet,
// injection into the pools, then the alpha_out split into the pending accumulators.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv, safeDivOr } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { currentAlphaPriceBits } from '../subnets/network.js'
import { SubtensorStorage as S } from '../storage.js'
import { getBlockEmissionForIssuance } from './block-emission.js'
import { alphaIssuance, allSubnets, rootProportion, rootSellFlag, subnetBlockEmissions, subnetsToEmitTo } from './subnet-emissions.js'
import { recycleCredit } from './tao.js'

const W = F.U96F32
const HALF = F.fromInt(W, 1) >> 1n
const floorU64 = (bits: bigint): bigint => F.saturatingToU64(W, bits)
const addU64 = (a: bigint, b: bigint): bigint => (a + b > F.U64_MAX ? F.U64_MAX : a + b)

export interface SubnetTerms { taoIn: bigint; alphaIn: bigint; alphaOut: bigint; excessTao: bigint }

/**
 * `get_subnet_terms` (U96F32 bits), every subnet before any injection: alpha_out from the
 * subnet's own halving curve, alpha_in at the spot price capped by root_prop × alpha_out (TAO
 * that cannot be injected becomes excess TAO).
 */
export function subnetTerms(s: Store, emissions: Map<number, bigint>): Map<number, SubnetTerms> {
  const out = new Map<number, SubnetTerms>()
  for (const [n, taoEmission] of emissions) {
    const alphaOut = F.saturatingFromInt(W, getBlockEmissionForIssuance(s, alphaIssuance(s, n)))
    const price = F.saturatingFromFixed(W, F.U64F64, currentAlphaPriceBits(s, n))
    let taoIn = taoEmission
    let alphaIn = safeDivOr(W, taoEmission, price, 0n)
    const cap = F.saturatingMul(W, rootProportion(s, n), alphaOut)
    if (alphaIn > cap) {
      alphaIn = cap
      taoIn = F.saturatingMul(W, alphaIn, price)
    }
    out.set(n, { taoIn, alphaIn, alphaOut, excessTao: F.saturatingSub(W, taoEmission, taoIn) })
  }
  return out
}

/**
 * `inject_and_maybe_swap`, for the subnets it is built for: those with nothing to inject this
 * block (emission disabled, or a zero EMA share). Their balancer weights provably stay put (the
 * protocol-liquidity adjustment of (0, 0) at equal weights gives ½ again), so the per-block
 * counters are all that change. A subnet with TAO or alpha to inject needs the Swap pallet
 * (balancer weights, excess buy), which is not built yet: its part of the credit is left unspent.
 * Returns the credit not spent.
 */
function injectAndMaybeSwap(s: Store, subnets: readonly number[], terms: Map<number, SubnetTerms>, credit: bigint): bigint {
  for (const n of subnets) {
    const t = terms.get(n)
    if (!t) continue
    const [tao, alpha, excess] = [floorU64(t.taoIn), floorU64(t.alphaIn), floorU64(t.excessTao)]
    if (tao !== 0n || alpha !== 0n || excess !== 0n) continue
    S.SubnetExcessTao.set(s, n, 0n)
    S.SubnetTaoInEmission.set(s, n, 0n)
    S.SubnetAlphaInEmission.set(s, n, 0n)
  }
  return credit
}

/**
 * `emit_to_subnets` after the injection: mint alpha_out into SubnetAlphaOut, take the owner cut,
 * then half to miners and the rest to validators less the root share, each floored into its
 * pending accumulator. The root share is kept for root only when the EMA prices sum above 1,
 * else recycled.
 */
function emitAlphaOut(s: Store, subnets: readonly number[], terms: Map<number, SubnetTerms>, rootSell: boolean): void {
  const cutPercent = safeDiv(W, F.fromInt(W, S.SubnetOwnerCut.get(s)), F.fromInt(W, 0xffff))
  for (const n of subnets) {
    let alphaOut = terms.get(n)?.alphaOut ?? 0n
    const created = floorU64(alphaOut)
    S.SubnetAlphaOutEmission.set(s, n, created)
    if (created !== 0n) S.SubnetAlphaOut.mutate(s, n, (v) => addU64(v, created))
    if (S.OwnerCutEnabled.get(s, n)) {
      const cut = F.saturatingMul(W, alphaOut, cutPercent)
      alphaOut = F.saturatingSub(W, alphaOut, cut)
      S.PendingOwnerCut.mutate(s, n, (v) => addU64(v, floorU64(cut)))
    }
    const rootAlpha = F.saturatingMul(W, F.saturatingMul(W, rootProportion(s, n), alphaOut), HALF)
    const server = F.saturatingMul(W, alphaOut, HALF)
    const validator = F.saturatingSub(W, F.saturatingSub(W, alphaOut, server), rootAlpha)
    S.PendingServerEmission.mutate(s, n, (v) => addU64(v, floorU64(server)))
    S.PendingValidatorEmission.mutate(s, n, (v) => addU64(v, floorU64(validator)))
    const root = floorU64(rootAlpha)
    if (rootSell) S.PendingRootAlphaDivs.mutate(s, n, (v) => addU64(v, root))
    else if (root !== 0n) S.SubnetAlphaOut.mutate(s, n, (v) => (v > root ? v - root : 0n))
  }
}

/**
 * `run_coinbase` up to the epochs: reset the root-sell counters, share the credit by EMA price,
 * inject, split alpha_out into the pending accumulators, recycle the credit nobody took
 * (TotalIssuance back down, so recycled TAO delays the halvings). drain_pending and the epochs
 * are not built yet. Returns the eligible subnets (block_step reuses them: nothing in between
 * changes what makes a subnet eligible).
 */
export function runCoinbase(s: Store, credit: bigint): number[] {
  S.SubnetRootSellTao.clear(s)
  const eligible = subnetsToEmitTo(s, allSubnets(s))
  if (eligible.length === 0) {
    recycleCredit(s, credit)
    return eligible
  }
  const emissions = subnetBlockEmissions(s, eligible, credit)
  const rootSell = rootSellFlag(s, eligible)
  const terms = subnetTerms(s, emissions)
  const left = injectAndMaybeSwap(s, eligible, terms, credit)
  emitAlphaOut(s, eligible, terms, rootSell)
  recycleCredit(s, left)
  return eligible
}

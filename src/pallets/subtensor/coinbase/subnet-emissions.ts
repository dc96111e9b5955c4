// coinbase/subnet_emissions.rs and the readers it shares with run_coinbase (stake_utils.rs
// get_moving_alpha_price / get_tao_weight, block_step.rs root_proportion): which subnets get
// TAO this block and in what shares, from the EMA prices *before* this block's update.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { bitsOf } from '../types.js'

const U = F.U64F64
const W = F.U96F32
const ONE = F.fromInt(U, 1)

/** `get_all_subnet_netuids` without root: NetworksAdded in storage (little-endian key) order. */
export const allSubnets = (s: Store): number[] => [...S.NetworksAdded.iterKeys(s)].filter((n) => n !== 0)

/**
 * `get_subnets_to_emit_to`: non-root subnets that were started (FirstEmissionBlockNumber), have
 * their subtoken enabled and still allow registration, in the order given (NetworksAdded order).
 * `firstEmission`: filled with the FirstEmissionBlockNumber of those returned, in their order, when given.
 */
export function subnetsToEmitTo(s: Store, subnets: readonly number[], firstEmission?: bigint[]): number[] {
  const out: number[] = []
  for (const n of subnets) {
    if (n === 0) continue
    const first = S.FirstEmissionBlockNumber.get(s, n)
    if (first === null || !S.SubtokenEnabled.get(s, n) || !S.NetworkRegistrationAllowed.get(s, n)) continue
    out.push(n)
    firstEmission?.push(first)
  }
  return out
}

/** `get_moving_alpha_price` (U64F64 bits): 1 for root and stable subnets, else the stored EMA. */
export function movingAlphaPrice(s: Store, netuid: number): bigint {
  if (netuid === 0) return ONE
  const mechanism = S.SubnetMechanism.get(s, netuid)
  // (a stable subnet's stored EMA is never read)
  return mechanism === 0 ? ONE : movingAlphaPriceOf(mechanism, S.SubnetMovingPrice.get(s, netuid).bits)
}

/** movingAlphaPrice of a non-root subnet from its SubnetMechanism and SubnetMovingPrice (I96F32 bits). */
export const movingAlphaPriceOf = (mechanism: number, movingPriceBits: bigint): bigint =>
  (mechanism === 0 ? ONE : F.saturatingFromFixed(U, F.I96F32, movingPriceBits))

/** `get_alpha_issuance`: SubnetAlphaIn + SubnetAlphaOut (u64, saturating). */
export function alphaIssuance(s: Store, netuid: number): bigint {
  const v = S.SubnetAlphaIn.get(s, netuid) + S.SubnetAlphaOut.get(s, netuid)
  return v > F.U64_MAX ? F.U64_MAX : v
}

/**
 * `root_proportion`'s tw (U96F32 bits): root TAO × TaoWeight/u64::MAX. The same for every subnet
 * of a block step (nothing in run_coinbase or the moving prices touches root's pool or TaoWeight).
 */
export function rootTaoWeight(s: Store): bigint {
  const taoWeight = S.TaoWeight.get(s)
  const rootTao = S.SubnetTAO.get(s, 0)
  // (worked out again only when either input moved: asked twice a block, and most blocks leave both)
  const last = lastRootTaoWeight
  if (last.taoWeight === taoWeight && last.rootTao === rootTao) return last.tw
  const share = safeDiv(W, F.saturatingFromInt(W, taoWeight), F.saturatingFromInt(W, F.U64_MAX))
  const tw = F.saturatingMul(W, F.saturatingFromInt(W, rootTao), share)
  lastRootTaoWeight = { taoWeight, rootTao, tw }
  return tw
}
let lastRootTaoWeight = { taoWeight: -1n, rootTao: -1n, tw: 0n }

/**
 * `root_proportion` from its two inputs: tw / (tw + alpha issuance). With no root TAO weight
 * (tw = 0) it is 0 whatever the issuance (0 / x, or the division by zero's 0).
 */
export const rootProportionOf = (tw: bigint, issuance: bigint): bigint =>
  (tw === 0n ? 0n : F.checkedDiv(W, tw, F.saturatingAdd(W, tw, F.saturatingFromInt(W, issuance))) ?? 0n)

/** `root_proportion` (U96F32 bits): tw / (tw + alpha issuance), tw = root TAO × TaoWeight/u64::MAX. */
export function rootProportion(s: Store, netuid: number): bigint {
  return rootProportionOf(rootTaoWeight(s), alphaIssuance(s, netuid))
}

/**
 * `get_shares`: EMA-price shares, reweighted by (1 − min(1, MinerBurned)) when that leaves any
 * weight. `emaPrices`: movingAlphaPrice of each subnet, when the caller has read them already.
 */
export function shares(s: Store, subnets: readonly number[], emaPrices?: ReadonlyMap<number, bigint>): Map<number, bigint> {
  const sorted = [...subnets].sort((a, b) => a - b)
  const sh = sharesInOrder(s, sorted, sorted.map((n) => emaPrices?.get(n) ?? movingAlphaPrice(s, n)))
  return new Map(sorted.map((n, i) => [n, sh[i]!]))
}

/**
 * get_shares over `subnets` in the order given (U64F64 bits, one per subnet), `prices` their EMA
 * prices. The chain walks them by ascending netuid; every step here is per subnet or a saturating
 * sum of non-negative terms, which is the same in any order.
 */
function sharesInOrder(s: Store, subnets: readonly number[], prices: readonly bigint[]): bigint[] {
  let total = 0n
  for (const p of prices) total = F.saturatingAdd(U, total, p)
  const out = new Array<bigint>(subnets.length)
  // (price / total ≤ 1: checked_div cannot overflow, only divide by zero)
  for (let i = 0; i < subnets.length; i++) out[i] = total === 0n ? 0n : (prices[i]! << 64n) / total
  const weighted = new Array<bigint>(subnets.length)
  let totalWeight = 0n
  for (let i = 0; i < subnets.length; i++) {
    const burned = F.min(F.saturatingFromFixed(U, W, S.MinerBurned.getPart(s, subnets[i]!, bitsOf)), ONE)
    // (× 1 is the share itself)
    const w = burned === 0n ? out[i]! : F.saturatingMul(U, out[i]!, ONE - burned)
    weighted[i] = w
    totalWeight = F.saturatingAdd(U, totalWeight, w)
  }
  if (totalWeight === 0n) return out
  for (let i = 0; i < subnets.length; i++) weighted[i] = safeDiv(U, weighted[i]!, totalWeight)
  return weighted
}

/**
 * `get_subnet_block_emissions` (U96F32 bits per netuid, ascending): the minted emission times each
 * share; when any subnet has SubnetEmissionEnabled false its share goes to the enabled ones.
 */
export function subnetBlockEmissions(s: Store, subnets: readonly number[], blockEmission: bigint, emaPrices?: ReadonlyMap<number, bigint>): Map<number, bigint> {
  const sorted = [...subnets].sort((a, b) => a - b)
  const e = blockEmissionsInOrder(s, sorted, blockEmission, sorted.map((n) => emaPrices?.get(n) ?? movingAlphaPrice(s, n)))
  return new Map(sorted.map((n, i) => [n, e[i]!]))
}

/** subnetBlockEmissions over `subnets` in the order given (see sharesInOrder), `prices` their EMA prices. */
export function blockEmissionsInOrder(s: Store, subnets: readonly number[], blockEmission: bigint, prices: readonly bigint[]): bigint[] {
  const sh = sharesInOrder(s, subnets, prices)
  let anyDisabled = false
  let enabledSum = 0n
  const enabled = new Array<boolean>(subnets.length)
  for (let i = 0; i < subnets.length; i++) {
    const on = S.SubnetEmissionEnabled.get(s, subnets[i]!)
    enabled[i] = on
    if (on) enabledSum = F.saturatingAdd(U, enabledSum, sh[i]!)
    else anyDisabled = true
  }
  const emission = F.saturatingFromInt(U, blockEmission)
  const out = new Array<bigint>(subnets.length)
  for (let i = 0; i < subnets.length; i++) {
    const eff = !anyDisabled ? sh[i]! : enabled[i] === true && enabledSum > 0n ? safeDiv(U, sh[i]!, enabledSum) : 0n
    // (U64F64 → U96F32 of a non-negative value: its low 32 bits dropped, always in range)
    out[i] = F.saturatingMul(U, emission, eff) >> 32n
  }
  return out
}

/** `get_network_root_sell_flag`: the EMA prices of the eligible subnets sum above 1. */
export function rootSellFlag(s: Store, subnets: readonly number[], emaPrices?: ReadonlyMap<number, bigint>): boolean {
  return subnets.reduce((acc, n) => acc + (emaPrices?.get(n) ?? movingAlphaPrice(s, n)), 0n) > ONE
}

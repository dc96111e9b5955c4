// coinbase/subnet_emissions.rs and the readers it shares with run_coinbase (stake_utils.rs
// get_moving_alpha_price / get_tao_weight, block_step.rs root_proportion): which subnets get
// TAO this block and in what shares, from the EMA prices *before* this block's update.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'

const U = F.U64F64
const W = F.U96F32
const ONE = F.fromInt(U, 1)

/** `get_all_subnet_netuids` without root: NetworksAdded in storage (little-endian key) order. */
export const allSubnets = (s: Store): number[] => [...S.NetworksAdded.iterKeys(s)].filter((n) => n !== 0)

/**
 * `get_subnets_to_emit_to`: non-root subnets that were started (FirstEmissionBlockNumber), have
 * their subtoken enabled and still allow registration, in the order given (NetworksAdded order).
 * `firstEmission`: filled with the FirstEmissionBlockNumber of those returned, when given.
 */
export function subnetsToEmitTo(s: Store, subnets: readonly number[], firstEmission?: Map<number, bigint>): number[] {
  return subnets.filter((n) => {
    if (n === 0) return false
    const first = S.FirstEmissionBlockNumber.get(s, n)
    if (first === null || !S.SubtokenEnabled.get(s, n) || !S.NetworkRegistrationAllowed.get(s, n)) return false
    firstEmission?.set(n, first)
    return true
  })
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
  const taoWeight = safeDiv(W, F.saturatingFromInt(W, S.TaoWeight.get(s)), F.saturatingFromInt(W, F.U64_MAX))
  return F.saturatingMul(W, F.saturatingFromInt(W, S.SubnetTAO.get(s, 0)), taoWeight)
}

/** `root_proportion` from its two inputs: tw / (tw + alpha issuance). */
export const rootProportionOf = (tw: bigint, issuance: bigint): bigint =>
  F.checkedDiv(W, tw, F.saturatingAdd(W, tw, F.saturatingFromInt(W, issuance))) ?? 0n

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
  const prices = sorted.map((n) => emaPrices?.get(n) ?? movingAlphaPrice(s, n))
  const total = prices.reduce((acc, p) => F.saturatingAdd(U, acc, p), 0n)
  const priceShares = new Map(sorted.map((n, i) => [n, F.checkedDiv(U, prices[i], total) ?? 0n]))
  const weighted = new Map<number, bigint>()
  let totalWeight = 0n
  for (const [n, share] of priceShares) {
    const burned = F.min(F.saturatingFromFixed(U, W, S.MinerBurned.get(s, n).bits), ONE)
    const w = F.saturatingMul(U, share, F.saturatingSub(U, ONE, burned))
    weighted.set(n, w)
    totalWeight = F.saturatingAdd(U, totalWeight, w)
  }
  if (totalWeight === 0n) return priceShares
  for (const [n, w] of weighted) weighted.set(n, safeDiv(U, w, totalWeight))
  return weighted
}

/**
 * `get_subnet_block_emissions` (U96F32 bits per netuid, ascending): the minted emission times each
 * share; when any subnet has SubnetEmissionEnabled false its share goes to the enabled ones.
 */
export function subnetBlockEmissions(s: Store, subnets: readonly number[], blockEmission: bigint, emaPrices?: ReadonlyMap<number, bigint>): Map<number, bigint> {
  const sh = shares(s, subnets, emaPrices)
  let anyDisabled = false
  let enabledSum = 0n
  const enabled = new Map<number, boolean>()
  for (const [n, share] of sh) {
    const on = S.SubnetEmissionEnabled.get(s, n)
    enabled.set(n, on)
    if (on) enabledSum = F.saturatingAdd(U, enabledSum, share)
    else anyDisabled = true
  }
  const emission = F.saturatingFromInt(U, blockEmission)
  const out = new Map<number, bigint>()
  for (const [n, share] of sh) {
    const eff = !anyDisabled ? share : enabled.get(n) === true && enabledSum > 0n ? safeDiv(U, share, enabledSum) : 0n
    out.set(n, F.saturatingFromFixed(W, U, F.saturatingMul(U, emission, eff)))
  }
  return out
}

/** `get_network_root_sell_flag`: the EMA prices of the eligible subnets sum above 1. */
export function rootSellFlag(s: Store, subnets: readonly number[], emaPrices?: ReadonlyMap<number, bigint>): boolean {
  return subnets.reduce((acc, n) => acc + (emaPrices?.get(n) ?? movingAlphaPrice(s, n)), 0n) > ONE
}

// block_step.rs steps 5 and 6 (update_moving_prices, update_root_prop) with stake_utils.rs
// update_moving_price: after the coinbase used them, each eligible subnet's price EMA moves toward
// the spot price capped at 1, with a weight that ramps up over EMAPriceHalvingBlocks.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { currentAlphaPriceBits } from '../subnets/network.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'
import { alphaIssuance, movingAlphaPrice, rootProportionOf, rootTaoWeight } from './subnet-emissions.js'

const U = F.U64F64
const ONE = F.fromInt(U, 1)

/** `update_moving_price` for one subnet. */
export function updateMovingPrice(s: Store, netuid: number): void {
  const startCall = S.FirstEmissionBlockNumber.get(s, netuid) ?? 0n
  const now = currentBlock(s)
  const since = startCall > 0n ? startCall - 1n : 0n
  const b = F.saturatingFromInt(U, now > since ? now - since : 0n)
  const ratio = safeDiv(U, b, F.saturatingAdd(U, b, F.saturatingFromInt(U, S.EMAPriceHalvingBlocks.get(s, netuid))))
  const alpha = F.saturatingMul(U, F.saturatingFromFixed(U, F.I96F32, S.SubnetMovingAlpha.get(s).bits), ratio)
  const spot = F.min(currentAlphaPriceBits(s, netuid), ONE)
  const next = F.saturatingAdd(U, F.saturatingMul(U, alpha, spot), F.saturatingMul(U, F.saturatingSub(U, ONE, alpha), movingAlphaPrice(s, netuid)))
  S.SubnetMovingPrice.set(s, netuid, { bits: F.saturatingFromFixed(F.I96F32, U, next) })
}

/** `update_moving_prices` then `update_root_prop`, over the subnets eligible this block. */
export function updateMovingPricesAndRootProp(s: Store, eligible: readonly number[]): void {
  for (const n of eligible) updateMovingPrice(s, n)
  if (eligible.length === 0) return
  const tw = rootTaoWeight(s)
  for (const n of eligible) S.RootProp.set(s, n, { bits: rootProportionOf(tw, alphaIssuance(s, n)) })
}

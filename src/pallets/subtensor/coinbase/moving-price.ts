// block_step.rs steps 5 and 6 (update_moving_prices, update_root_prop) with stake_utils.rs
// update_moving_price: after the coinbase used them, each eligible subnet's price EMA moves toward
// the spot price capped at 1, with a weight that ramps up over EMAPriceHalvingBlocks.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface, type PoolReserves } from '../../../primitives/swap-interface/index.js'
import { currentAlphaPriceBits } from '../subnets/network.js'
import { insertBitsIfChanged } from '../utils/store-changed.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'
import { alphaIssuance, movingAlphaPrice, rootProportionOf, rootTaoWeight } from './subnet-emissions.js'

const U = F.U64F64
const ONE = F.fromInt(U, 1)

/**
 * What update_moving_price reads that nothing in the block step changes (per block, per subnet);
 * `spot`: the pool's current price, when the caller has its reserves.
 */
export interface MovingPriceInputs { now: bigint; movingAlpha: bigint; firstEmission: bigint; movingPrice: bigint; spot?: bigint }

function movePrice(s: Store, netuid: number, i: MovingPriceInputs): void {
  const since = i.firstEmission > 0n ? i.firstEmission - 1n : 0n
  const b = F.saturatingFromInt(U, i.now > since ? i.now - since : 0n)
  const ratio = safeDiv(U, b, F.saturatingAdd(U, b, F.saturatingFromInt(U, S.EMAPriceHalvingBlocks.get(s, netuid))))
  const alpha = F.saturatingMul(U, F.saturatingFromFixed(U, F.I96F32, i.movingAlpha), ratio)
  const spot = F.min(i.spot ?? currentAlphaPriceBits(s, netuid), ONE)
  const next = F.saturatingAdd(U, F.saturatingMul(U, alpha, spot), F.saturatingMul(U, F.saturatingSub(U, ONE, alpha), i.movingPrice))
  S.SubnetMovingPrice.set(s, netuid, { bits: F.saturatingFromFixed(F.I96F32, U, next) })
}

/** `update_moving_price` for one subnet. */
export function updateMovingPrice(s: Store, netuid: number): void {
  movePrice(s, netuid, {
    now: currentBlock(s),
    movingAlpha: S.SubnetMovingAlpha.get(s).bits,
    firstEmission: S.FirstEmissionBlockNumber.get(s, netuid) ?? 0n,
    movingPrice: movingAlphaPrice(s, netuid),
  })
}

/** The coinbase's view of a subnet as the block step's last steps use it. */
export interface SteppedPool { firstEmission: bigint; movingPrice: bigint; stored: PoolReserves & { alphaOut: bigint } }

/**
 * `update_moving_prices` then `update_root_prop`, over the subnets eligible this block. `pools`:
 * the coinbase's view of them, when the caller has it: its FirstEmissionBlockNumber and EMA price,
 * and the pool as the coinbase stored it (SubnetMechanism, SubnetTAO, SubnetAlphaIn and the
 * balancer weight, which the epochs in between leave alone); `paidOut`: the subnets whose epoch
 * payout ran since (it may recycle SubnetAlphaOut, which is read again for them). RootProp is not
 * rewritten when it keeps its value.
 */
export function updateMovingPricesAndRootProp(s: Store, eligible: readonly number[], pools?: ReadonlyMap<number, SteppedPool>, paidOut?: ReadonlySet<number>): void {
  if (eligible.length === 0) return
  const now = currentBlock(s)
  const movingAlpha = S.SubnetMovingAlpha.get(s).bits
  const swap = swapInterface()
  for (const n of eligible) {
    const p = pools?.get(n)
    movePrice(s, n, {
      now,
      movingAlpha,
      firstEmission: p ? p.firstEmission : S.FirstEmissionBlockNumber.get(s, n) ?? 0n,
      movingPrice: p ? p.movingPrice : movingAlphaPrice(s, n),
      spot: p ? swap.currentAlphaPrice(s, n, p.stored) : undefined,
    })
  }
  const tw = rootTaoWeight(s)
  for (const n of eligible) {
    const p = pools?.get(n)
    const issuance = p && paidOut ? satU64(p.stored.alpha + (paidOut.has(n) ? S.SubnetAlphaOut.get(s, n) : p.stored.alphaOut)) : alphaIssuance(s, n)
    insertBitsIfChanged(s, S.RootProp, n, rootProportionOf(tw, issuance))
  }
}

const satU64 = (v: bigint): bigint => (v > F.U64_MAX ? F.U64_MAX : v)

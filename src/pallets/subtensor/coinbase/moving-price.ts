// block_step.rs steps 5 and 6 (update_moving_prices, update_root_prop) with stake_utils.rs
// update_moving_price: after the coinbase used them, each eligible subnet's price EMA moves toward
// the spot price capped at 1, with a weight that ramps up over EMAPriceHalvingBlocks.
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface, type PoolReserves } from '../../../primitives/swap-interface/index.js'
import { currentAlphaPriceBits } from '../subnets/network.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'
import { insertBitsIfChanged } from '../utils/store-changed.js'
import { alphaIssuance, movingAlphaPrice, rootProportionOf, rootTaoWeight } from './subnet-emissions.js'

const U = F.U64F64
const ONE = F.fromInt(U, 1)

/**
 * The EMA weight of a subnet `b` blocks past its first emission: alpha × b/(b + halving) and
 * 1 − that (U64F64). The ramp b/(b + halving) is one U64F64 ratio of integers (u64f64Ratio: the
 * same bits as `safe_div(from_num(b), from_num(b).saturating_add(from_num(halving)))`, saturating
 * alike). Kept for the last (b, halving, alpha): subnets started together share it block by block.
 */
class Ramp {
  private b = -1n
  private halving = -1n
  private alphaU = -1n
  weight = 0n
  rest = 0n
  at(b: bigint, halving: bigint, alphaU: bigint): this {
    if (b !== this.b || halving !== this.halving || alphaU !== this.alphaU) {
      this.b = b
      this.halving = halving
      this.alphaU = alphaU
      this.weight = F.saturatingMul(U, alphaU, F.u64f64Ratio(b, b + halving) ?? 0n)
      this.rest = F.saturatingSub(U, ONE, this.weight)
    }
    return this
  }
}

/**
 * `update_moving_price`'s step, from what nothing in the block step changes: `alphaU`,
 * SubnetMovingAlpha as U64F64 (the same for every subnet); `firstEmission` and `movingPrice` (the
 * EMA before this block, U64F64); `spot`, the pool's current price when the caller has its
 * reserves.
 */
function movePrice(s: Store, netuid: number, now: bigint, alphaU: bigint, firstEmission: bigint, movingPrice: bigint, spot: bigint | undefined, ramp: Ramp): void {
  const since = firstEmission > 0n ? firstEmission - 1n : 0n
  const b = now > since ? now - since : 0n
  const { weight, rest } = ramp.at(b, S.EMAPriceHalvingBlocks.get(s, netuid), alphaU)
  const capped = F.min(spot ?? currentAlphaPriceBits(s, netuid), ONE)
  const next = F.saturatingAdd(U, F.saturatingMul(U, weight, capped), F.saturatingMul(U, rest, movingPrice))
  S.SubnetMovingPrice.set(s, netuid, { bits: F.saturatingFromFixed(F.I96F32, U, next) })
}

/** `update_moving_price` for one subnet. */
export function updateMovingPrice(s: Store, netuid: number): void {
  const alphaU = F.saturatingFromFixed(U, F.I96F32, S.SubnetMovingAlpha.get(s).bits)
  movePrice(s, netuid, currentBlock(s), alphaU, S.FirstEmissionBlockNumber.get(s, netuid) ?? 0n, movingAlphaPrice(s, netuid), undefined, new Ramp())
}


/** The coinbase's view of a subnet as the block step's last steps use it. */
export interface SteppedPool { firstEmission: bigint; movingPrice: bigint; stored: PoolReserves & { alphaOut: bigint } }

/**
 * `update_moving_prices` then `update_root_prop`, over the subnets eligible this block. `pools`:
 * the coinbase's view of them (in `eligible`'s order), when the caller has it: its FirstEmissionBlockNumber and EMA price,
 * and the pool as the coinbase stored it (SubnetMechanism, SubnetTAO, SubnetAlphaIn and the
 * balancer weight, which the epochs in between leave alone); `paidOut`: the subnets whose epoch
 * payout ran since (it may recycle SubnetAlphaOut, which is read again for them). RootProp is not
 * rewritten when it keeps its value.
 */
export function updateMovingPricesAndRootProp(s: Store, eligible: readonly number[], pools?: readonly SteppedPool[], paidOut?: ReadonlySet<number>): void {
  if (eligible.length === 0) return
  const now = currentBlock(s)
  const alphaU = F.saturatingFromFixed(U, F.I96F32, S.SubnetMovingAlpha.get(s).bits)
  const swap = swapInterface()
  const ramp = new Ramp()
  for (let i = 0; i < eligible.length; i++) {
    const n = eligible[i]!
    const p = pools?.[i]
    if (p !== undefined) movePrice(s, n, now, alphaU, p.firstEmission, p.movingPrice, swap.currentAlphaPrice(s, n, p.stored), ramp)
    else movePrice(s, n, now, alphaU, S.FirstEmissionBlockNumber.get(s, n) ?? 0n, movingAlphaPrice(s, n), undefined, ramp)
  }
  const tw = rootTaoWeight(s)
  for (let i = 0; i < eligible.length; i++) {
    const n = eligible[i]!
    const p = pools?.[i]
    const issuance = p && paidOut ? satU64(p.stored.alpha + (paidOut.has(n) ? S.SubnetAlphaOut.get(s, n) : p.stored.alphaOut)) : alphaIssuance(s, n)
    insertBitsIfChanged(s, S.RootProp, n, rootProportionOf(tw, issuance))
  }
}

const satU64 = (v: bigint): bigint => (v > F.U64_MAX ? F.U64_MAX : v)

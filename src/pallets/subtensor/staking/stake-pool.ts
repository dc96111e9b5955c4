// staking/stake_utils.rs, the pool part: TAO enters a subnet's pool for alpha and leaves it for
// TAO through the Swap pallet (dynamic subnets) or 1:1 (root and stable subnets); the reserves,
// AlphaOut, TotalStake, volume and flows move with every swap, and the block author gets the fee.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import * as F from '../../../primitives/fixed/index.js'
import { swapInterface, type SwapResult } from '../../../primitives/swap-interface/index.js'
import { blockAuthor } from '../../aura/pallet.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { subnetAccountId } from '../subnets/network.js'
import { currentBlock } from '../utils/misc.js'
import { addStakeAdjustRootClaimed, coldkeyHasRootStake, maybeAddColdkeyIndex, maybeRemoveColdkeyIndex, removeStakeAdjustRootClaimed } from './claim-root.js'
import { cleanupLockIfZero, transferLock } from './lock.js'
import * as L from './stake-utils.js'
import { burnTao, recordTaoInflow, recordTaoOutflow, transferTaoFromSubnet, transferTaoToSubnet } from './tao-transfer.js'

const U64_MAX = (1n << 64n) - 1n
const I64_MAX = (1n << 63n) - 1n
const U128_MAX = (1n << 128n) - 1n
const satU64 = (v: bigint): bigint => (v < 0n ? 0n : v > U64_MAX ? U64_MAX : v)
/** `paid_*_reserve_delta_i64().unsigned_abs()`: the amount clamped to i64. */
const delta = (v: bigint): bigint => (v > I64_MAX ? I64_MAX : v)

/** `DefaultMinStake` (T::InitialMinStake). */
export const DEFAULT_MIN_STAKE = 2_000_000n

/** 1:1 for a stable subnet (mechanism 0) and root: nothing charged. */
const oneToOne = (amount: bigint): SwapResult => ({ amountPaidIn: amount, amountPaidOut: amount, feePaid: 0n, feeToBlockAuthor: 0n })

/** `swap_tao_for_alpha`: buys alpha; SubnetTAO, AlphaIn/Out, TotalStake and volume follow. */
export function swapTaoForAlpha(s: Store, netuid: number, tao: bigint, priceLimit: bigint, dropFees: boolean): SwapResult {
  const r = S.SubnetMechanism.get(s, netuid) === 1
    ? swapInterface().swap(s, netuid, { kind: 'GetAlphaForTao', amount: tao }, priceLimit, dropFees, false)
    : oneToOne(tao)
  L.decreaseProvidedAlphaReserve(s, netuid, delta(r.amountPaidOut))
  S.SubnetAlphaOut.mutate(s, netuid, (t) => satU64(t + r.amountPaidOut))
  S.SubnetTAO.mutate(s, netuid, (t) => satU64(t + delta(r.amountPaidIn)))
  L.increaseTotalStake(s, tao)
  S.SubnetVolume.mutate(s, netuid, (v) => (v + tao > U128_MAX ? U128_MAX : v + tao))
  return r
}

/** `swap_alpha_for_tao`: sells alpha; the reverse bookkeeping. */
export function swapAlphaForTao(s: Store, netuid: number, alpha: bigint, priceLimit: bigint, dropFees: boolean): SwapResult {
  const r = S.SubnetMechanism.get(s, netuid) === 1
    ? swapInterface().swap(s, netuid, { kind: 'GetTaoForAlpha', amount: alpha }, priceLimit, dropFees, false)
    : oneToOne(alpha)
  const alphaDelta = delta(r.amountPaidIn)
  S.SubnetAlphaIn.mutate(s, netuid, (t) => satU64(t + alphaDelta))
  S.SubnetAlphaOut.mutate(s, netuid, (t) => satU64(t - alphaDelta))
  L.decreaseProvidedTaoReserve(s, netuid, delta(r.amountPaidOut))
  L.decreaseTotalStake(s, r.amountPaidOut)
  S.SubnetVolume.mutate(s, netuid, (v) => (v + r.amountPaidOut > U128_MAX ? U128_MAX : v + r.amountPaidOut))
  return r
}

/** `burn_subnet_alpha`: alpha leaves circulation without touching the issuance counters. */
function burnSubnetAlpha(_s: Store, _netuid: number, _amount: bigint): void {
  // The chain hands the alpha to the AlphaAssets pallet (`burn_alpha`), which keeps no state
  // SubtensorModule reads; the alpha was already taken off the staker's share.
}

const maxPrice = (): bigint => swapInterface().maxPrice()
const minPrice = (): bigint => swapInterface().minPrice()
export { maxPrice, minPrice }

/**
 * `unstake_from_subnet`: sells `alpha` of (hotkey, coldkey) at no less than `priceLimit`, pays the
 * TAO to `beneficiary` (what the limit left unsold is given back as stake), the author's alpha fee
 * sold fee-less to the author. Returns the TAO paid.
 */
export function unstakeFromSubnet(ctx: CallCtx, hotkey: Uint8Array, coldkey: Uint8Array, beneficiary: Uint8Array, netuid: number, alpha: bigint, priceLimit: bigint, dropFees: boolean): bigint {
  const { s, env } = ctx
  L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, alpha)
  const r = swapAlphaForTao(s, netuid, alpha, priceLimit, dropFees)
  const used = satU64(r.amountPaidIn + r.feePaid)
  const refund = alpha > used ? alpha - used : 0n
  if (refund !== 0n) L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, refund)
  transferTaoFromSubnet(s, env, netuid, beneficiary, r.amountPaidOut)
  let feeOutflow = 0n
  const author = blockAuthor(s)
  if (author !== null) {
    const bb = swapAlphaForTao(s, netuid, r.feeToBlockAuthor, minPrice(), true)
    transferTaoFromSubnet(s, env, netuid, author, bb.amountPaidOut)
    feeOutflow = bb.amountPaidOut
  } else {
    burnSubnetAlpha(s, netuid, r.feeToBlockAuthor)
  }
  if (netuid === 0) {
    removeStakeAdjustRootClaimed(s, hotkey, coldkey, alpha)
    if (!coldkeyHasRootStake(s, coldkey)) maybeRemoveColdkeyIndex(s, coldkey)
  }
  recordTaoOutflow(s, netuid, satU64(r.amountPaidOut + feeOutflow))
  cleanupLockIfZero(s, coldkey, netuid)
  S.LastColdkeyHotkeyStakeBlock.set(s, coldkey, hotkey, currentBlock(s))
  SubtensorEvents.StakeRemoved.emit(env, [coldkey, hotkey, r.amountPaidOut, r.amountPaidIn, netuid, r.feePaid])
  return r.amountPaidOut
}

/**
 * `stake_into_subnet`: moves the TAO into the subnet's account (less if the coldkey must stay
 * alive), buys alpha at no more than `priceLimit` and credits it to (hotkey, coldkey); the
 * author's part of the fee goes to the author (burned without one). Returns the alpha bought.
 */
export function stakeIntoSubnet(ctx: CallCtx, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, tao: bigint, priceLimit: bigint, dropFees: boolean): bigint {
  const { s, env } = ctx
  const staked = transferTaoToSubnet(s, env, netuid, coldkey, tao)
  const r = swapTaoForAlpha(s, netuid, staked, priceLimit, dropFees)
  if (r.amountPaidOut === 0n) throw E.AmountTooLow()
  if (!L.tryIncreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, netuid, r.amountPaidOut)) throw E.InsufficientLiquidity()
  L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, r.amountPaidOut)
  L.addStakingHotkey(s, coldkey, hotkey)
  const author = blockAuthor(s)
  if (author !== null) transferTaoFromSubnet(s, env, netuid, author, r.feeToBlockAuthor)
  else if (S.NetworksAdded.get(s, netuid)) {
    // `let _ = burn_tao(..)`: a failed burn is ignored
    try { burnTao(s, env, subnetAccountId(netuid), r.feeToBlockAuthor) } catch { /* ignored as on chain */ }
  }
  recordTaoInflow(s, netuid, r.amountPaidIn)
  cleanupLockIfZero(s, coldkey, netuid)
  S.LastColdkeyHotkeyStakeBlock.set(s, coldkey, hotkey, currentBlock(s))
  if (netuid === 0) {
    addStakeAdjustRootClaimed(s, hotkey, coldkey, r.amountPaidOut)
    maybeAddColdkeyIndex(s, coldkey)
  }
  SubtensorEvents.StakeAdded.emit(env, [coldkey, hotkey, staked, r.amountPaidOut, netuid, r.feePaid])
  return r.amountPaidOut
}

/**
 * `transfer_stake_within_subnet`: alpha changes hands inside one subnet without a swap; its TAO
 * value at the spot price must reach DefaultMinStake. Returns that value.
 */
export function transferStakeWithinSubnet(ctx: CallCtx, originColdkey: Uint8Array, originHotkey: Uint8Array, destColdkey: Uint8Array, destHotkey: Uint8Array, netuid: number, alpha: bigint): bigint {
  const { s, env } = ctx
  transferLock(s, originColdkey, destColdkey, netuid, alpha)
  L.decreaseStakeForHotkeyAndColdkeyOnSubnet(s, originHotkey, originColdkey, netuid, alpha)
  if (netuid === 0) removeStakeAdjustRootClaimed(s, originHotkey, originColdkey, alpha)
  L.increaseStakeForHotkeyAndColdkeyOnSubnet(s, destHotkey, destColdkey, netuid, alpha)
  if (netuid === 0) addStakeAdjustRootClaimed(s, destHotkey, destColdkey, alpha)
  const price = swapInterface().currentAlphaPrice(s, netuid)
  const taoEquivalent = F.saturatingToU64(F.U64F64, F.saturatingMul(F.U64F64, price, F.saturatingFromInt(F.U64F64, alpha)))
  if (taoEquivalent < DEFAULT_MIN_STAKE) throw E.AmountTooLow()
  S.LastColdkeyHotkeyStakeBlock.set(s, destColdkey, destHotkey, currentBlock(s))
  SubtensorEvents.StakeRemoved.emit(env, [originColdkey, originHotkey, taoEquivalent, alpha, netuid, 0n])
  SubtensorEvents.StakeAdded.emit(env, [destColdkey, destHotkey, taoEquivalent, alpha, netuid, 0n])
  return taoEquivalent
}

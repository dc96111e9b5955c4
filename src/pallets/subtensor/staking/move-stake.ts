// staking/move_stake.rs: stake changes hotkey (`move_stake`), coldkey (`transfer_stake`) or
// subnet (`swap_stake`, `swap_stake_limit`): inside one subnet the alpha changes hands as is;
// across subnets it is sold for TAO on the origin pool and bought on the destination pool.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { getMaxAmountAdd } from './add-stake.js'
import { maybeBecomeDelegate } from './helpers.js'
import { getMaxAmountRemove } from './remove-stake.js'
import { DEFAULT_MIN_STAKE, maxPrice, minPrice, stakeIntoSubnet, transferStakeWithinSubnet, unstakeFromSubnet } from './stake-pool.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from './stake-utils.js'
import { transferTao } from './tao-transfer.js'
import { validateStakeTransition } from './validate.js'

const U = F.U64F64
const U64_MAX = (1n << 64n) - 1n
const TAO = F.fromInt(U, 1_000_000_000n)
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
const stableOrRoot = (s: Store, n: number): boolean => n === 0 || S.SubnetMechanism.get(s, n) === 0
const dynamic = (s: Store, n: number): boolean => S.SubnetMechanism.get(s, n) === 1

/** `get_max_amount_move`: the most alpha that keeps origin/destination price at or above the limit. */
export function getMaxAmountMove(s: Store, origin: number, destination: number, limitPrice: bigint): bigint {
  if (stableOrRoot(s, origin) && stableOrRoot(s, destination)) return limitPrice > 1_000_000_000n ? 0n : U64_MAX
  if (stableOrRoot(s, origin) && dynamic(s, destination)) {
    if (limitPrice === 0n) return U64_MAX
    const destPrice = F.saturatingToU64(U, F.saturatingMul(U, safeDiv(U, TAO, F.saturatingFromInt(U, limitPrice)), TAO))
    return getMaxAmountAdd(s, destination, destPrice)
  }
  if (stableOrRoot(s, destination) && dynamic(s, origin)) return getMaxAmountRemove(s, origin, limitPrice)
  const [tao1, tao2] = [S.SubnetTAO.get(s, origin), S.SubnetTAO.get(s, destination)]
  if (tao1 === 0n || tao2 === 0n) return 0n
  const [in1, in2] = [S.SubnetAlphaIn.get(s, origin), S.SubnetAlphaIn.get(s, destination)]
  if (in1 === 0n || in2 === 0n) return 0n
  const limit = F.checkedDiv(U, F.saturatingFromInt(U, limitPrice), TAO) ?? 0n
  const current = safeDiv(U, swapInterface().currentAlphaPrice(s, origin), swapInterface().currentAlphaPrice(s, destination))
  if (limit > current) return 0n
  if (limitPrice === 0n) return U64_MAX
  const [t1, t2] = [F.saturatingFromInt(U, tao1), F.saturatingFromInt(U, tao2)]
  const sum = F.saturatingAdd(U, t2, t1)
  const lhs = safeDiv(U, F.saturatingMul(U, F.saturatingFromInt(U, in2), safeDiv(U, t1, sum)), limit)
  return F.saturatingToU64(U, F.saturatingSub(U, lhs, F.saturatingMul(U, F.saturatingFromInt(U, in1), safeDiv(U, t2, sum))))
}

interface Transition {
  originColdkey: Uint8Array; destinationColdkey: Uint8Array; originHotkey: Uint8Array; destinationHotkey: Uint8Array
  originNetuid: number; destinationNetuid: number; alphaAmount: bigint
  limitPrice: bigint | null; allowPartial: boolean | null; checkTransferToggle: boolean
}

/** `transition_stake_internal`: returns the TAO moved. */
function transitionStake(ctx: CallCtx, t: Transition): bigint {
  const { s, env } = ctx
  const available = getStakeForHotkeyAndColdkeyOnSubnet(s, t.originHotkey, t.originColdkey, t.originNetuid)
  const alpha = t.alphaAmount < available ? t.alphaAmount : available
  const cross = t.originNetuid !== t.destinationNetuid
  const maxAmount = cross && t.limitPrice !== null ? getMaxAmountMove(s, t.originNetuid, t.destinationNetuid, t.limitPrice) : alpha
  validateStakeTransition(s, { ...t, alphaAmount: alpha, maxAmount })
  const moveAmount = alpha < maxAmount ? alpha : maxAmount
  if (!cross) return transferStakeWithinSubnet(ctx, t.originColdkey, t.originHotkey, t.destinationColdkey, t.destinationHotkey, t.originNetuid, moveAmount)
  const dropFeeOrigin = t.originNetuid === 0
  const tao = unstakeFromSubnet(ctx, t.originHotkey, t.originColdkey, t.originColdkey, t.originNetuid, moveAmount, minPrice(), dropFeeOrigin)
  if (!equal(t.originColdkey, t.destinationColdkey)) transferTao(s, env, t.originColdkey, t.destinationColdkey, tao)
  if (tao >= DEFAULT_MIN_STAKE) {
    if (!equal(S.Owner.get(s, t.destinationHotkey), t.destinationColdkey)) maybeBecomeDelegate(s, t.destinationHotkey)
    stakeIntoSubnet(ctx, t.destinationHotkey, t.destinationColdkey, t.destinationNetuid, tao, maxPrice(), !dropFeeOrigin)
  }
  return tao
}

const plain = { limitPrice: null, allowPartial: null }

implement('move_stake', (ctx, a) => {
  const coldkey = ensureSigned(ctx)
  const tao = transitionStake(ctx, { originColdkey: coldkey, destinationColdkey: coldkey, originHotkey: a.origin_hotkey, destinationHotkey: a.destination_hotkey,
    originNetuid: a.origin_netuid, destinationNetuid: a.destination_netuid, alphaAmount: a.alpha_amount, ...plain, checkTransferToggle: false })
  SubtensorEvents.StakeMoved.emit(ctx.env, [coldkey, a.origin_hotkey, a.origin_netuid, a.destination_hotkey, a.destination_netuid, tao])
})

implement('transfer_stake', (ctx, a) => {
  const coldkey = ensureSigned(ctx)
  const tao = transitionStake(ctx, { originColdkey: coldkey, destinationColdkey: a.destination_coldkey, originHotkey: a.hotkey, destinationHotkey: a.hotkey,
    originNetuid: a.origin_netuid, destinationNetuid: a.destination_netuid, alphaAmount: a.alpha_amount, ...plain, checkTransferToggle: true })
  SubtensorEvents.StakeTransferred.emit(ctx.env, [coldkey, a.destination_coldkey, a.hotkey, a.origin_netuid, a.destination_netuid, tao])
})

function swapStake(ctx: CallCtx, a: { hotkey: Uint8Array; origin_netuid: number; destination_netuid: number; alpha_amount: bigint }, limitPrice: bigint | null, allowPartial: boolean | null): void {
  const coldkey = ensureSigned(ctx)
  const tao = transitionStake(ctx, { originColdkey: coldkey, destinationColdkey: coldkey, originHotkey: a.hotkey, destinationHotkey: a.hotkey,
    originNetuid: a.origin_netuid, destinationNetuid: a.destination_netuid, alphaAmount: a.alpha_amount, limitPrice, allowPartial, checkTransferToggle: false })
  SubtensorEvents.StakeSwapped.emit(ctx.env, [coldkey, a.hotkey, a.origin_netuid, a.destination_netuid, tao])
}

implement('swap_stake', (ctx, a) => swapStake(ctx, a, null, null))
implement('swap_stake_limit', (ctx, a) => swapStake(ctx, a, a.limit_price, a.allow_partial))

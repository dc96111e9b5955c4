// staking/stake_utils.rs's validate_* checks, in the chain's order: each raises the chain's error
// before anything is written.
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface, type SwapResult } from '../../../primitives/swap-interface/index.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { ifSubnetExist } from '../utils/misc.js'
import { allSubnetNetuids, hotkeyAccountExists } from './helpers.js'
import { ensureAvailableToUnstake } from './lock.js'
import { DEFAULT_MIN_STAKE } from './stake-pool.js'
import * as L from './stake-utils.js'
import { canRemoveBalanceFromColdkeyAccount } from './tao-transfer.js'

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** `sim_swap(..)` as a Result: null where the Swap pallet refuses. */
function simSwap(s: Store, netuid: number, kind: 'GetAlphaForTao' | 'GetTaoForAlpha', amount: bigint): SwapResult | null {
  try {
    return swapInterface().simSwap(s, netuid, { kind, amount })
  } catch (e) {
    if (e instanceof DispatchFailure) return null
    throw e
  }
}

export function ensureSubtokenEnabled(s: Store, netuid: number): void {
  if (!S.SubtokenEnabled.get(s, netuid)) throw E.SubtokenDisabled()
}

/** `validate_add_stake`. */
export function validateAddStake(s: Store, coldkey: Uint8Array, hotkey: Uint8Array, netuid: number, stakeToBeAdded: bigint, maxAmount: bigint, allowPartial: boolean): void {
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  ensureSubtokenEnabled(s, netuid)
  const fee = simSwap(s, netuid, 'GetAlphaForTao', DEFAULT_MIN_STAKE)?.feePaid ?? swapInterface().approxFeeAmount(s, netuid, DEFAULT_MIN_STAKE)
  if (stakeToBeAdded < DEFAULT_MIN_STAKE + fee) throw E.AmountTooLow()
  let amount = stakeToBeAdded
  if (!allowPartial) {
    if (amount > maxAmount) throw E.SlippageTooHigh()
  } else if (maxAmount < amount) amount = maxAmount
  if (!canRemoveBalanceFromColdkeyAccount(s, coldkey, amount)) throw E.NotEnoughBalanceToStake()
  if (!hotkeyAccountExists(s, hotkey)) throw E.HotKeyAccountNotExists()
  const r = simSwap(s, netuid, 'GetAlphaForTao', amount)
  if (r === null) throw E.InsufficientLiquidity()
  if (r.amountPaidIn < DEFAULT_MIN_STAKE) throw E.AmountTooLow()
  if (r.amountPaidOut === 0n) throw E.InsufficientLiquidity()
  if (!L.tryIncreaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, netuid, r.amountPaidOut)) throw E.InsufficientLiquidity()
}

/** `validate_remove_stake` (the subtoken check is commented out on chain). */
export function validateRemoveStake(s: Store, coldkey: Uint8Array, hotkey: Uint8Array, netuid: number, alphaUnstaked: bigint, maxAmount: bigint, allowPartial: boolean): void {
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (alphaUnstaked === 0n) throw E.AmountTooLow()
  const remaining = L.calculateReducedStakeOnSubnet(s, hotkey, coldkey, netuid, alphaUnstaked)
  const r = simSwap(s, netuid, 'GetTaoForAlpha', alphaUnstaked)
  if (r === null) throw E.InsufficientLiquidity()
  if (remaining !== 0n && r.amountPaidOut < DEFAULT_MIN_STAKE) throw E.AmountTooLow()
  if (!allowPartial && alphaUnstaked > maxAmount) throw E.SlippageTooHigh()
  if (!hotkeyAccountExists(s, hotkey)) throw E.HotKeyAccountNotExists()
  ensureAvailableToUnstake(s, coldkey, netuid, alphaUnstaked)
}

/** Whether a check passes (`.is_ok()` on a validation). */
export function passes(fn: () => void): boolean {
  try {
    fn()
    return true
  } catch (e) {
    if (e instanceof DispatchFailure) return false
    throw e
  }
}

/** `validate_unstake_all`: some subnet must be unstakable. */
export function validateUnstakeAll(s: Store, coldkey: Uint8Array, hotkey: Uint8Array, onlyAlpha: boolean): void {
  const subnets = allSubnetNetuids(s)
  if (!hotkeyAccountExists(s, hotkey)) throw E.HotKeyAccountNotExists()
  let any = false
  for (const netuid of subnets) {
    if (onlyAlpha && netuid === 0) continue
    const alpha = L.getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
    ensureAvailableToUnstake(s, coldkey, netuid, alpha)
    if (passes(() => validateRemoveStake(s, coldkey, hotkey, netuid, alpha, alpha, false))) any = true
  }
  if (!any) throw E.AmountTooLow()
}

export interface StakeTransition {
  originColdkey: Uint8Array; destinationColdkey: Uint8Array
  originHotkey: Uint8Array; destinationHotkey: Uint8Array
  originNetuid: number; destinationNetuid: number
  alphaAmount: bigint; maxAmount: bigint
  /** null where the chain passes `None` (no slippage check at all) */
  allowPartial: boolean | null
  checkTransferToggle: boolean
}

/** `validate_stake_transition` (move_stake, transfer_stake, swap_stake). */
export function validateStakeTransition(s: Store, t: StakeTransition): void {
  const cross = t.originNetuid !== t.destinationNetuid
  if (equal(t.originColdkey, t.destinationColdkey) && equal(t.originHotkey, t.destinationHotkey) && !cross) throw E.SameNetuid()
  if (!ifSubnetExist(s, t.originNetuid)) throw E.SubnetNotExists()
  if (cross && !ifSubnetExist(s, t.destinationNetuid)) throw E.SubnetNotExists()
  if (!S.SubtokenEnabled.get(s, t.originNetuid)) throw E.SubtokenDisabled()
  if (!S.SubtokenEnabled.get(s, t.destinationNetuid)) throw E.SubtokenDisabled()
  if (!hotkeyAccountExists(s, t.originHotkey)) throw E.HotKeyAccountNotExists()
  if (!hotkeyAccountExists(s, t.destinationHotkey)) throw E.HotKeyAccountNotExists()
  const originAlpha = L.getStakeForHotkeyAndColdkeyOnSubnet(s, t.originHotkey, t.originColdkey, t.originNetuid)
  if (t.alphaAmount > originAlpha) throw E.NotEnoughStakeToWithdraw()
  if (cross) {
    const r = simSwap(s, t.originNetuid, 'GetTaoForAlpha', t.alphaAmount)
    if (r === null) throw E.InsufficientLiquidity()
    if (!(r.amountPaidOut > DEFAULT_MIN_STAKE)) throw E.AmountTooLow()
    if (t.allowPartial === false && t.alphaAmount > t.maxAmount) throw E.SlippageTooHigh()
  }
  if (t.checkTransferToggle) {
    if (!S.TransferToggle.get(s, t.originNetuid)) throw E.TransferDisallowed()
    if (cross && !S.TransferToggle.get(s, t.destinationNetuid)) throw E.TransferDisallowed()
  }
  if (cross) ensureAvailableToUnstake(s, t.originColdkey, t.originNetuid, t.alphaAmount)
}

// staking/add_stake.rs: TAO into a subnet's pool for alpha, at any price (`add_stake`) or no
// worse than a limit (`add_stake_limit`, all-or-nothing unless `allow_partial`).
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { maybeBecomeDelegate } from './helpers.js'
import { maxPrice, stakeIntoSubnet } from './stake-pool.js'
import { validateAddStake } from './validate.js'

const U64_MAX = (1n << 64n) - 1n
const isStableOrRoot = (s: Store, netuid: number): boolean => netuid === 0 || S.SubnetMechanism.get(s, netuid) === 0
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** `ensure_add_stake_input_within_swap_limit`: at most 1,000 × SubnetTAO into a dynamic pool. */
function ensureWithinSwapLimit(s: Store, netuid: number, amount: bigint): void {
  if (isStableOrRoot(s, netuid)) return
  const max = S.SubnetTAO.get(s, netuid) * 1_000n
  if (amount > (max > U64_MAX ? U64_MAX : max)) throw E.InsufficientLiquidity()
}

/** `get_max_amount_add`: the most TAO that keeps the price at or under `limitPrice`. */
export function getMaxAmountAdd(s: Store, netuid: number, limitPrice: bigint): bigint {
  if (isStableOrRoot(s, netuid)) return limitPrice >= 1_000_000_000n ? U64_MAX : 0n
  const cap = S.SubnetTAO.get(s, netuid) * 1_000n
  const r = swapInterface().swap(s, netuid, { kind: 'GetAlphaForTao', amount: cap > U64_MAX ? U64_MAX : cap }, limitPrice, false, true)
  const v = r.amountPaidIn + r.feePaid
  return v > U64_MAX ? U64_MAX : v
}

export function doAddStake(ctx: CallCtx, hotkey: Uint8Array, netuid: number, amount: bigint): bigint {
  const coldkey = ensureSigned(ctx)
  ensureWithinSwapLimit(ctx.s, netuid, amount)
  validateAddStake(ctx.s, coldkey, hotkey, netuid, amount, amount, false)
  return stakeIntoSubnet(ctx, hotkey, coldkey, netuid, amount, maxPrice(), false)
}

export function doAddStakeLimit(ctx: CallCtx, hotkey: Uint8Array, netuid: number, amount: bigint, limitPrice: bigint, allowPartial: boolean): bigint {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  ensureWithinSwapLimit(s, netuid, amount)
  const maxAmount = getMaxAmountAdd(s, netuid, limitPrice)
  const possible = amount > maxAmount ? maxAmount : amount
  validateAddStake(s, coldkey, hotkey, netuid, amount, maxAmount, allowPartial)
  if (!equal(S.Owner.get(s, hotkey), coldkey)) maybeBecomeDelegate(s, hotkey)
  return stakeIntoSubnet(ctx, hotkey, coldkey, netuid, possible, limitPrice, false)
}

implement('add_stake', (ctx, a) => { doAddStake(ctx, a.hotkey, a.netuid, a.amount_staked) })
implement('add_stake_limit', (ctx, a) => { doAddStakeLimit(ctx, a.hotkey, a.netuid, a.amount_staked, a.limit_price, a.allow_partial) })

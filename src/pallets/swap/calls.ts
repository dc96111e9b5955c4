// The Swap pallet's calls (mod.rs #[pallet::call]): `set_fee_rate` by root; the user-liquidity
// calls of the old Uniswap-v3 pool are kept at their indices and always fail with Deprecated.
import { bool, f, i64, u16, u64 } from '../../codec/types.js'
import { weight } from '../../frame/primitives.js'
import { ensureRoot } from '../system/index.js'
import { AccountId, NetUid } from '../subtensor/types.js'
import { PositionId, swap, SwapConstants, SwapErrors as E, SwapEvents, SwapStorage as St, TickIndex } from './pallet.js'
import { subnetExists } from './reserves.js'

// weights.rs SubstrateWeight::set_fee_rate with RocksDbWeight: 1 read (25 µs), 1 write (100 µs).
const SET_FEE_RATE_WEIGHT = weight(15_063_000n + 25_000_000n + 100_000_000n, 3994n)
const DEPRECATED_WEIGHT = weight(15_000_000n, 0n)

swap.call<{ netuid: number; rate: number }>(0, 'set_fee_rate', [f('netuid', NetUid, 'NetUid'), f('rate', u16, 'u16')], {
  docs: [' Set the fee rate for swaps on a specific subnet (normalized value).', ' For example, 0.3% is approximately 196.', '', ' Only callable by the admin origin'],
  weight: () => SET_FEE_RATE_WEIGHT,
  handler: (ctx, a) => {
    ensureRoot(ctx)
    if (!subnetExists(ctx.s, a.netuid)) throw E.MechanismDoesNotExist()
    if (a.rate > SwapConstants.MaxFeeRate) throw E.FeeRateTooHigh()
    St.FeeRate.set(ctx.s, a.netuid, a.rate)
    SwapEvents.FeeRateSet.emit(ctx.env, { netuid: a.netuid, rate: a.rate })
  },
})

const deprecated = { docs: [' DEPRECATED'], weight: () => DEPRECATED_WEIGHT, handler: (): never => { throw E.Deprecated() } }

swap.call(1, 'add_liquidity', [
  f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('tick_low', TickIndex, 'TickIndex'),
  f('tick_high', TickIndex, 'TickIndex'), f('liquidity', u64, 'u64'),
], deprecated)
swap.call(2, 'remove_liquidity', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('position_id', PositionId, 'PositionId')], deprecated)
swap.call(3, 'modify_position', [
  f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('position_id', PositionId, 'PositionId'),
  f('liquidity_delta', i64, 'i64'),
], deprecated)
swap.call(4, 'toggle_user_liquidity', [f('netuid', NetUid, 'NetUid'), f('enable', bool, 'bool')], deprecated)
swap.call(5, 'disable_lp', [], deprecated)

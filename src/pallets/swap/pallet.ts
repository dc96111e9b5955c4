// pallet_subtensor_swap (index 28) declaration, as pallets/swap/src/pallet/mod.rs (HEAD 14bc6f9,
// spec 425): storage, events, errors and constants. The calls are in calls.ts, the pool maths in
// balancer.ts / swap-step.ts, the SwapHandler in impls.ts.
import { bool, composite, f, i32, u128, u16, u64, u8 } from '../../codec/types.js'
import { Pallet } from '../../frame/declare/pallet.js'
import { AlphaBalance, boundedVec, NetUid, PalletId } from '../subtensor/types.js'

export const swap = new Pallet('Swap', 28, 'pallet_subtensor_swap')

export const Perquintill = composite('sp_arithmetic::per_things::Perquintill', [{ type: u64, typeName: 'u64' }])
/** Only the quote (TAO) weight is stored; the base weight is 1 − quote. Parts of 1e18. */
export const Balancer = composite('pallet_subtensor_swap::pallet::balancer::Balancer', [f('quote', Perquintill, 'Perquintill')])
export interface BalancerValue { quote: bigint }
export const TickIndex = composite('pallet_subtensor_swap::pallet::TickIndex', [{ type: i32, typeName: 'i32' }])
export const PositionId = composite('pallet_subtensor_swap::pallet::PositionId', [{ type: u128, typeName: 'u128' }])
const NonZeroU64 = composite('NonZeroU64', [{ type: u64 }])

export const PERQUINTILL_ONE = 1_000_000_000_000_000_000n
/** `MAX_SWAP_INPUT_RESERVE_MULTIPLIER` (impls.rs): a swap may bring at most 1000× the input-side reserve. */
export const MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1_000n
export const HALF_WEIGHT = PERQUINTILL_ONE / 2n

export const SwapStorage = {
  FeeRate: swap.map<number, number>('FeeRate', 'Twox64Concat', NetUid, u16, {
    default: 33,
    docs: [' The fee rate applied to swaps per subnet, normalized value between 0 and u16::MAX'],
  }),
  SwapBalancer: swap.map<number, BalancerValue>('SwapBalancer', 'Twox64Concat', NetUid, Balancer, {
    default: { quote: HALF_WEIGHT },
    docs: [' u64-normalized reserve weight'],
  }),
  PalSwapInitialized: swap.map<number, boolean>('PalSwapInitialized', 'Twox64Concat', NetUid, bool, {
    default: false,
    docs: [' Storage to determine whether balancer swap was initialized for a specific subnet.'],
  }),
  HasMigrationRun: swap.map<Uint8Array, boolean>('HasMigrationRun', 'Identity', boundedVec(u8, 128), bool, {
    default: false,
    docs: [' --- Storage for migration run status'],
  }),
  ScrapReservoirAlpha: swap.map<number, bigint>('ScrapReservoirAlpha', 'Twox64Concat', NetUid, AlphaBalance, {
    default: 0n,
    docs: [' Alpha reservoir for scraps of protocol claimed fees.'],
  }),
}

export const SwapEvents = {
  FeeRateSet: swap.event<{ netuid: number; rate: number }>('FeeRateSet', [f('netuid', NetUid, 'NetUid'), f('rate', u16, 'u16')],
    [' Event emitted when the fee rate has been updated for a subnet']),
}

export const SwapErrors = {
  FeeRateTooHigh: swap.error('FeeRateTooHigh', [' The fee rate is too high']),
  InsufficientInputAmount: swap.error('InsufficientInputAmount', [' The provided amount is insufficient for the swap.']),
  InsufficientLiquidity: swap.error('InsufficientLiquidity', [' The provided liquidity is insufficient for the operation.']),
  PriceLimitExceeded: swap.error('PriceLimitExceeded', [' The operation would exceed the price limit.']),
  InsufficientBalance: swap.error('InsufficientBalance', [' The caller does not have enough balance for the operation.']),
  InvalidTickRange: swap.error('InvalidTickRange', [' The provided tick range is invalid.']),
  InvalidLiquidityValue: swap.error('InvalidLiquidityValue', [' Provided liquidity parameter is invalid (likely too small)']),
  ReservesTooLow: swap.error('ReservesTooLow', [' Reserves too low for operation.']),
  MechanismDoesNotExist: swap.error('MechanismDoesNotExist', [' The subnet does not exist.']),
  SubtokenDisabled: swap.error('SubtokenDisabled', [' The subnet does not have subtoken enabled']),
  ReservesOutOfBalance: swap.error('ReservesOutOfBalance', [' Swap reserves are too imbalanced']),
  SwapInputTooLarge: swap.error('SwapInputTooLarge', [' Swap input is too large relative to input-side liquidity']),
  Deprecated: swap.error('Deprecated', [' The extrinsic is deprecated']),
}

/** runtime/src/lib.rs: the Swap pallet's Config constants. */
export const SwapConstants = {
  ProtocolId: new TextEncoder().encode('ten/swap'),
  MaxFeeRate: 10_000,
  MinimumLiquidity: 1_000n,
  MinimumReserve: 1_000_000n,
}

swap.constant('ProtocolId', PalletId, SwapConstants.ProtocolId, [' This type is used to derive protocol accoun ID.'])
swap.constant('MaxFeeRate', u16, SwapConstants.MaxFeeRate, [' The maximum fee rate that can be set'])
swap.constant('MinimumLiquidity', u64, SwapConstants.MinimumLiquidity, [' Minimum liquidity that is safe for rounding and integer math.'])
swap.constant('MinimumReserve', NonZeroU64, SwapConstants.MinimumReserve, [' Minimum reserve for tao and alpha'])

/** A runtime's own Config value for MinimumReserve (the pallet's unit-test mock uses 1). */
export function configureSwap(o: { minimumReserve: bigint }): void {
  if (o.minimumReserve <= 0n) throw new RangeError('MinimumReserve is a NonZeroU64')
  SwapConstants.MinimumReserve = o.minimumReserve
  swap.setConstant('MinimumReserve', o.minimumReserve)
}

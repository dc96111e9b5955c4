// SwapRuntimeApi (pallets/swap/runtime-api, implemented in runtime/src/lib.rs): the pool price
// in RAO per alpha and the simulated swaps the SDK quotes stake with.
import { composite, f, u16, u64, vec } from '../../codec/types.js'
import type { Store } from '../../frame/declare/storage.js'
import * as F from '../../primitives/fixed/index.js'
import { safeDiv } from '../../primitives/safe-math/index.js'
import { SubtensorStorage as S } from '../../pallets/subtensor/storage.js'
import { currentPrice, simSwap } from '../../pallets/swap/index.js'
import { DispatchFailure } from '../../frame/primitives.js'
import type { Order, SwapResult } from '../../primitives/swap-interface/index.js'
import type { RuntimeApiDecl } from './types.js'

const U = F.U64F64
const fx = (n: bigint): bigint => F.saturatingFromInt(U, n)
const RAO_PER_TAO = 1_000_000_000n

export const SimSwapResult = composite('pallet_subtensor_swap_runtime_api::SimSwapResult', [
  f('tao_amount', u64, 'TaoBalance'), f('alpha_amount', u64, 'AlphaBalance'), f('tao_fee', u64, 'TaoBalance'),
  f('alpha_fee', u64, 'AlphaBalance'), f('tao_slippage', u64, 'TaoBalance'), f('alpha_slippage', u64, 'AlphaBalance'),
])
export interface SimSwapResultValue {
  tao_amount: bigint; alpha_amount: bigint; tao_fee: bigint; alpha_fee: bigint; tao_slippage: bigint; alpha_slippage: bigint
}
export const SubnetPrice = composite('pallet_subtensor_swap_runtime_api::SubnetPrice', [f('netuid', u16, 'NetUid'), f('price', u64, 'u64')])
export interface SubnetPriceValue { netuid: number; price: bigint }

const ZERO: SimSwapResultValue = { tao_amount: 0n, alpha_amount: 0n, tao_fee: 0n, alpha_fee: 0n, tao_slippage: 0n, alpha_slippage: 0n }
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)

/** `current_alpha_price`: the pool price × 1e9, saturated to u64. */
export const currentAlphaPriceRao = (s: Store, netuid: number): bigint =>
  F.saturatingToU64(U, F.saturatingMul(U, currentPrice(s, netuid), fx(RAO_PER_TAO)))

/** A swap the Swap pallet refuses (too large, reserves too low…) reads as all zeros. */
function simulated(s: Store, netuid: number, order: Order): SwapResult | null {
  try {
    return simSwap(s, netuid, order)
  } catch (e) {
    if (e instanceof DispatchFailure) return null
    throw e
  }
}

export function simSwapTaoForAlpha(s: Store, netuid: number, tao: bigint): SimSwapResultValue {
  const noSlippageAlpha = F.saturatingToU64(U, safeDiv(U, fx(tao), currentPrice(s, netuid)))
  const r = simulated(s, netuid, { kind: 'GetAlphaForTao', amount: tao })
  if (!r) return ZERO
  return { ...ZERO, tao_amount: r.amountPaidIn, alpha_amount: r.amountPaidOut, tao_fee: r.feePaid, alpha_slippage: satSub(noSlippageAlpha, r.amountPaidOut) }
}

export function simSwapAlphaForTao(s: Store, netuid: number, alpha: bigint): SimSwapResultValue {
  const noSlippageTao = F.saturatingToU64(U, F.saturatingMul(U, fx(alpha), currentPrice(s, netuid)))
  const r = simulated(s, netuid, { kind: 'GetTaoForAlpha', amount: alpha })
  if (!r) return ZERO
  return { ...ZERO, tao_amount: r.amountPaidOut, alpha_amount: r.amountPaidIn, alpha_fee: r.feePaid, tao_slippage: satSub(noSlippageTao, r.amountPaidOut) }
}

const netuidIn = { name: 'netuid', type: u16 }

export function swapApi(): RuntimeApiDecl {
  return {
    name: 'SwapRuntimeApi',
    version: 1,
    methods: [
      { name: 'current_alpha_price', inputs: [netuidIn], output: u64, call: (ctx, [n]) => currentAlphaPriceRao(ctx.s, n as number) },
      {
        name: 'current_alpha_price_all', inputs: [], output: vec(SubnetPrice),
        // get_all_subnet_netuids: every NetworksAdded key (root included), in storage order
        call: (ctx): SubnetPriceValue[] => [...S.NetworksAdded.iterKeys(ctx.s)].map((netuid) => ({ netuid, price: currentAlphaPriceRao(ctx.s, netuid) })),
      },
      { name: 'sim_swap_tao_for_alpha', inputs: [netuidIn, { name: 'tao', type: u64 }], output: SimSwapResult, call: (ctx, [n, t]) => simSwapTaoForAlpha(ctx.s, n as number, t as bigint) },
      { name: 'sim_swap_alpha_for_tao', inputs: [netuidIn, { name: 'alpha', type: u64 }], output: SimSwapResult, call: (ctx, [n, a]) => simSwapAlphaForTao(ctx.s, n as number, a as bigint) },
    ],
  }
}

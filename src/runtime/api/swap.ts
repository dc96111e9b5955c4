// SwapRuntimeApi (pallets/swap/runtime-api) as the runtime implements it: the spot price in RAO per
// alpha (price × 10^9, truncated), the same for every subnet, and swaps simulated by the Swap
// pallet's `sim_swap` with the slippage against the spot price (all zero when the swap would fail).
import { composite, f, u16, u64, vec, type Ty } from '../../codec/types.js'
import type { Store } from '../../frame/declare/storage.js'
import { DispatchFailure } from '../../frame/primitives.js'
import * as F from '../../primitives/fixed/index.js'
import { safeDiv } from '../../primitives/safe-math/index.js'
import { swapInterface, type OrderKind } from '../../primitives/swap-interface/index.js'
import { allSubnetNetuids } from '../../pallets/subtensor/info/subnet-info.js'
import { currentAlphaPriceBits } from '../../pallets/subtensor/subnets/network.js'
import type { RuntimeApiDecl } from './types.js'

const U = F.U64F64
const P = 'pallet_subtensor_swap_runtime_api::'
export const SimSwapResult: Ty = composite(`${P}SimSwapResult`, [
  f('tao_amount', u64, 'TaoBalance'), f('alpha_amount', u64, 'AlphaBalance'), f('tao_fee', u64, 'TaoBalance'),
  f('alpha_fee', u64, 'AlphaBalance'), f('tao_slippage', u64, 'TaoBalance'), f('alpha_slippage', u64, 'AlphaBalance'),
])
export const SubnetPrice: Ty = composite(`${P}SubnetPrice`, [f('netuid', u16, 'NetUid'), f('price', u64, 'u64')])

interface SimSwap { tao_amount: bigint; alpha_amount: bigint; tao_fee: bigint; alpha_fee: bigint; tao_slippage: bigint; alpha_slippage: bigint }
const ZERO: SimSwap = { tao_amount: 0n, alpha_amount: 0n, tao_fee: 0n, alpha_fee: 0n, tao_slippage: 0n, alpha_slippage: 0n }
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)

/** `current_alpha_price`: current_price × 10^9 (U64F64, saturating), to u64. */
export function currentAlphaPriceRao(s: Store, netuid: number): bigint {
  return F.saturatingToU64(U, F.saturatingMul(U, currentAlphaPriceBits(s, netuid), F.fromInt(U, 1_000_000_000n)))
}

function simulate(s: Store, netuid: number, kind: OrderKind, amount: bigint): ReturnType<ReturnType<typeof swapInterface>['simSwap']> | null {
  try {
    return swapInterface().simSwap(s, netuid, { kind, amount })
  } catch (e) {
    if (e instanceof DispatchFailure) return null
    throw e
  }
}

export function simSwapTaoForAlpha(s: Store, netuid: number, tao: bigint): SimSwap {
  const price = currentAlphaPriceBits(s, netuid)
  const noSlippageAlpha = F.saturatingToU64(U, safeDiv(U, F.saturatingFromInt(U, tao), price))
  const r = simulate(s, netuid, 'GetAlphaForTao', tao)
  if (!r) return ZERO
  return { ...ZERO, tao_amount: r.amountPaidIn, alpha_amount: r.amountPaidOut, tao_fee: r.feePaid, alpha_slippage: satSub(noSlippageAlpha, r.amountPaidOut) }
}

export function simSwapAlphaForTao(s: Store, netuid: number, alpha: bigint): SimSwap {
  const price = currentAlphaPriceBits(s, netuid)
  const noSlippageTao = F.saturatingToU64(U, F.saturatingMul(U, F.saturatingFromInt(U, alpha), price))
  const r = simulate(s, netuid, 'GetTaoForAlpha', alpha)
  if (!r) return ZERO
  return { ...ZERO, tao_amount: r.amountPaidOut, alpha_amount: r.amountPaidIn, alpha_fee: r.feePaid, tao_slippage: satSub(noSlippageTao, r.amountPaidOut) }
}

const netuid = { name: 'netuid', type: u16 }

export function swapApi(): RuntimeApiDecl {
  return {
    name: 'SwapRuntimeApi',
    version: 1,
    methods: [
      { name: 'current_alpha_price', inputs: [netuid], output: u64, call: (c, [n]) => currentAlphaPriceRao(c.s, n as number) },
      {
        name: 'current_alpha_price_all', inputs: [], output: vec(SubnetPrice),
        call: (c) => allSubnetNetuids(c.s).map((n) => ({ netuid: n, price: currentAlphaPriceRao(c.s, n) })),
      },
      { name: 'sim_swap_tao_for_alpha', inputs: [netuid, { name: 'tao', type: u64 }], output: SimSwapResult, call: (c, [n, a]) => simSwapTaoForAlpha(c.s, n as number, a as bigint) },
      { name: 'sim_swap_alpha_for_tao', inputs: [netuid, { name: 'alpha', type: u64 }], output: SimSwapResult, call: (c, [n, a]) => simSwapAlphaForTao(c.s, n as number, a as bigint) },
    ],
  }
}

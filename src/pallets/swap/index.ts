// Swap (index 28, pallet_subtensor_swap): the balancer pools SubtensorModule stakes through.
// Loading this module binds its SwapHandler into primitives/swap-interface.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { swap } from './pallet.js'
import './calls.js'
import './impls.js'

let decl: PalletDecl | null = null
export function swapPallet(): PalletDecl {
  return (decl ??= swap.decl())
}

export { configureSwap, SwapStorage, SwapEvents, SwapErrors, SwapConstants, type BalancerValue } from './pallet.js'
export { Balancer } from './balancer.js'
export {
  adjustProtocolLiquidity, calculateFeeAmount, clearProtocolLiquidity, currentPrice, doSwap, maybeInitializePalSwap,
  MAX_PRICE, MIN_PRICE, simSwap, swap, swapHandler,
} from './impls.js'

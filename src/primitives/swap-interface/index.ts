// primitives/swap-interface: what SubtensorModule asks of the Swap pallet (`T::SwapInterface`).
// The Swap pallet (pallets/swap/) implements it; SubtensorModule reads it through `swapInterface()`
// so neither pallet needs the other's internals, and the runtime never has to know.
import type { Store } from '../../frame/declare/storage.js'

/** `GetAlphaForTao` pays TAO in and alpha out (a buy); `GetTaoForAlpha` the reverse (a sell). */
export type OrderKind = 'GetAlphaForTao' | 'GetTaoForAlpha'

export interface Order {
  kind: OrderKind
  /** RAO of the token paid in (TAO for a buy, alpha for a sell). */
  amount: bigint
}

/** `SwapResult<PaidIn, PaidOut>` in RAO. */
export interface SwapResult {
  amountPaidIn: bigint
  amountPaidOut: bigint
  feePaid: bigint
  feeToBlockAuthor: bigint
}

/**
 * A subnet's pool as a caller that keeps it in step with storage already holds it: SubnetMechanism,
 * SubnetTAO and SubnetAlphaIn as stored, so the Swap pallet need not read them again. `quote`
 * belongs to the Swap pallet: its balancer weight as stored, remembered there between calls that
 * share this object (unset: read it), and `quoteStored` with it: whether SwapBalancer holds a value
 * (the weight may be the default's).
 */
export interface PoolReserves { mechanism: number; tao: bigint; alpha: bigint; quote?: bigint | undefined; quoteStored?: boolean }

/**
 * `SwapHandler`. Every method reads and writes chain state only through `s`. A method that fails
 * throws the Swap pallet's DispatchError (a `Swap.*` module error) and, when the chain's method
 * rolls back, leaves `s` untouched.
 */
export interface SwapHandler {
  /** `swap(netuid, order, price_limit, drop_fees, should_rollback)`; price_limit in RAO per alpha. */
  swap(s: Store, netuid: number, order: Order, priceLimit: bigint, dropFees: boolean, shouldRollback: boolean, pool?: PoolReserves): SwapResult
  /** `sim_swap`: the result of a swap at the default limit, state untouched. */
  simSwap(s: Store, netuid: number, order: Order): SwapResult
  approxFeeAmount(s: Store, netuid: number, amount: bigint): bigint
  /** `current_alpha_price` as U64F64 bits. */
  currentAlphaPrice(s: Store, netuid: number, pool?: PoolReserves): bigint
  /** `max_price::<TaoBalance>()` / `min_price` in RAO. */
  maxPrice(): bigint
  minPrice(): bigint
  /** Returns `[tao, alpha]` actually usable for injection. */
  adjustProtocolLiquidity(s: Store, netuid: number, taoDelta: bigint, alphaDelta: bigint, pool?: PoolReserves): [bigint, bigint]
  clearProtocolLiquidity(s: Store, netuid: number): void
  /** `init_swap(netuid, maybe_price)`; price as U64F64 bits or null. */
  initSwap(s: Store, netuid: number, maybePrice: bigint | null): void
  getAlphaAmountForTao(s: Store, netuid: number, taoAmount: bigint): bigint
}

let bound: SwapHandler | null = null

/** Called once by the Swap pallet's module when it is loaded. */
export function bindSwapInterface(handler: SwapHandler): void {
  bound = handler
}

export function swapInterface(): SwapHandler {
  if (!bound) throw new Error('no Swap pallet bound: import pallets/swap before using SwapInterface')
  return bound
}

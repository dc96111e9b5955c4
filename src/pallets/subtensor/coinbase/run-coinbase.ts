// coinbase/run_coinbase.rs and coinbase/subnet_emissions.rs: where the block's minted credit goes.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { recycleCredit } from './tao.js'

/**
 * `get_subnets_to_emit_to`: non-root subnets that were started (FirstEmissionBlockNumber), have
 * their subtoken enabled and still allow registration, in the order given (NetworksAdded order).
 */
export function subnetsToEmitTo(s: Store, subnets: readonly number[]): number[] {
  return subnets.filter((n) => n !== 0
    && S.FirstEmissionBlockNumber.get(s, n) !== null
    && S.SubtokenEnabled.get(s, n)
    && S.NetworkRegistrationAllowed.get(s, n))
}

/** `get_all_subnet_netuids` without root: NetworksAdded in storage (little-endian key) order. */
export const allSubnets = (s: Store): number[] => [...S.NetworksAdded.iterKeys(s)].filter((n) => n !== 0)

/**
 * `run_coinbase` as far as it is built: the per-block root-sell counters are reset and the credit
 * nobody took is recycled (TotalIssuance back down, so the halving clock does not run). That is
 * the chain's TAO flow exactly while no subnet is eligible, or every eligible one has
 * SubnetEmissionEnabled false (register_network's default). Injection into emission-enabled
 * subnets, alpha_out and the pending accumulators (§3.3–3.5) arrive with the swap pallet.
 */
export function runCoinbase(s: Store, credit: bigint): void {
  S.SubnetRootSellTao.clear(s)
  recycleCredit(s, credit)
}

// The SubnetInfoRuntimeApi methods that answer from other topics of the pallet:
// coinbase/root.rs `get_network_to_prune`, subnets/subnet.rs `get_subnet_account_id` and
// coinbase/run_coinbase.rs `get_next_epoch_start_block`.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { subnetAccountId } from '../subnets/network.js'

export { getNetworkToPrune as networkToPrune } from '../subnets/dissolve.js'
export { nextEpochStartBlock } from '../coinbase/epoch-schedule.js'

/** `get_subnet_account_id`: for an added subnet or root. */
export const subnetAccount = (s: Store, netuid: number): Uint8Array | null =>
  S.NetworksAdded.contains(s, netuid) || netuid === 0 ? subnetAccountId(netuid) : null

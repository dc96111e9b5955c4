// The SubnetInfoRuntimeApi methods that answer from other topics of the pallet:
// coinbase/root.rs `get_network_to_prune`, subnets/subnet.rs `get_subnet_account_id` and
// coinbase/run_coinbase.rs `get_next_epoch_start_block`.
import type { Store } from '../../../frame/declare/storage.js'
import { movingAlphaPrice } from '../coinbase/subnet-emissions.js'
import { SubtensorStorage as S } from '../storage.js'
import { subnetAccountId } from '../subnets/network.js'
import { currentBlock } from '../utils/misc.js'

/** `get_network_to_prune`: the non-immune subnet with the lowest moving price, the earliest registered on a tie. */
export function networkToPrune(s: Store): number | null {
  const now = currentBlock(s)
  const immunity = S.NetworkImmunityPeriod.get(s)
  let candidate: number | null = null
  let candidatePrice = (1n << 128n) - 1n
  let candidateAt = 0xffff_ffff_ffff_ffffn
  for (const [netuid, added] of S.NetworksAdded.iter(s)) {
    if (!added || netuid === 0) continue
    const registeredAt = S.NetworkRegisteredAt.get(s, netuid)
    if (now < registeredAt + immunity) continue
    const price = movingAlphaPrice(s, netuid)
    if (price < candidatePrice || (price === candidatePrice && registeredAt < candidateAt)) {
      candidate = netuid
      candidatePrice = price
      candidateAt = registeredAt
    }
  }
  return candidate
}

/** `get_subnet_account_id`: for an added subnet or root. */
export const subnetAccount = (s: Store, netuid: number): Uint8Array | null =>
  S.NetworksAdded.contains(s, netuid) || netuid === 0 ? subnetAccountId(netuid) : null

/** `get_next_epoch_start_block`: LastEpochBlock + tempo, or PendingEpochAt when sooner; none while tempo is 0. */
export function nextEpochStartBlock(s: Store, netuid: number): bigint | null {
  const tempo = S.Tempo.get(s, netuid)
  if (tempo === 0) return null
  const auto = S.LastEpochBlock.get(s, netuid) + BigInt(tempo)
  const pending = S.PendingEpochAt.get(s, netuid)
  return pending > 0n && pending < auto ? pending : auto
}

// rpc_info/show_subnet.rs: SubnetState, the per-uid columns of a subnet, and each hotkey's last
// emission on every subnet. pruning_score, trust and rank are no longer computed (empty).
import { bool, compact, composite, f, u16, u64, vec, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId } from '../types.js'
import { ifSubnetExist } from '../utils/misc.js'
import { getStakeWeightsForNetwork } from '../staking/stake-utils.js'
import { fixed64ToU64 } from './metagraph.js'
import { allSubnetNetuids } from './subnet-info.js'

const c16 = compact(u16)
const c64 = compact(u64)
const list = (name: string, type: Ty, typeName: string) => f(name, vec(type), `Vec<${typeName}>`)

export const SubnetState: Ty = composite('pallet_subtensor::rpc_info::show_subnet::SubnetState', [
  f('netuid', c16, 'Compact<NetUid>'), list('hotkeys', AccountId, 'AccountId'), list('coldkeys', AccountId, 'AccountId'),
  list('active', bool, 'bool'), list('validator_permit', bool, 'bool'), list('pruning_score', c16, 'Compact<u16>'),
  list('last_update', c64, 'Compact<u64>'), list('emission', c64, 'Compact<AlphaBalance>'), list('dividends', c16, 'Compact<u16>'),
  list('incentives', c16, 'Compact<u16>'), list('consensus', c16, 'Compact<u16>'), list('trust', c16, 'Compact<u16>'),
  list('rank', c16, 'Compact<u16>'), list('block_at_registration', c64, 'Compact<u64>'),
  list('alpha_stake', c64, 'Compact<AlphaBalance>'), list('tao_stake', c64, 'Compact<TaoBalance>'),
  list('total_stake', c64, 'Compact<TaoBalance>'), list('emission_history', vec(c64), 'Vec<Compact<AlphaBalance>>'),
], { params: [{ name: 'AccountId', type: AccountId }] })

/** `get_subnet_state`. */
export function subnetState(s: Store, netuid: number): Record<string, unknown> | null {
  if (!ifSubnetExist(s, netuid)) return null
  const n = S.SubnetworkN.get(s, netuid)
  const hotkeys = Array.from({ length: n }, (_, uid) => S.Keys.get(s, netuid, uid))
  const [total, alpha, tao] = getStakeWeightsForNetwork(s, netuid).map((col) => col.map(fixed64ToU64))
  return {
    netuid, hotkeys, coldkeys: hotkeys.map((h) => S.Owner.get(s, h)),
    active: S.Active.get(s, netuid), validator_permit: S.ValidatorPermit.get(s, netuid), pruning_score: [],
    last_update: S.LastUpdate.get(s, netuid), emission: S.Emission.get(s, netuid), dividends: S.Dividends.get(s, netuid),
    incentives: S.Incentive.get(s, netuid), consensus: S.Consensus.get(s, netuid), trust: [], rank: [],
    block_at_registration: Array.from({ length: n }, (_, uid) => S.BlockAtRegistration.get(s, netuid, uid)),
    alpha_stake: alpha, tao_stake: tao, total_stake: total,
    // get_emissions_history: per subnet (storage-key order), each hotkey's LastHotkeyEmissionOnNetuid
    emission_history: allSubnetNetuids(s).map((net) => hotkeys.map((h) => S.LastHotkeyEmissionOnNetuid.get(s, h, net))),
  }
}

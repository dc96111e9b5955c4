// rpc_info/neuron_info.rs: NeuronInfo / NeuronInfoLite as the NeuronInfoRuntimeApi returns them.
// Rank, trust and pruning score are no longer computed by the chain (0, 0, u16::MAX).
import { bool, compact, composite, f, tuple, u16, u64, vec, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId, AxonInfo, PrometheusInfo, type AxonInfoValue, type PrometheusInfoValue } from '../types.js'
import { ifSubnetExist } from '../utils/misc.js'

const c16 = compact(u16)
const c64 = compact(u64)
const common = (): Parameters<typeof f>[] => [
  ['hotkey', AccountId, 'AccountId'], ['coldkey', AccountId, 'AccountId'], ['uid', c16, 'Compact<u16>'],
  ['netuid', c16, 'Compact<NetUid>'], ['active', bool, 'bool'], ['axon_info', AxonInfo, 'AxonInfo'],
  ['prometheus_info', PrometheusInfo, 'PrometheusInfo'],
  ['stake', vec(tuple(AccountId, c64)), 'Vec<(AccountId, Compact<AlphaBalance>)>'],
  ['rank', c16, 'Compact<u16>'], ['emission', c64, 'Compact<AlphaBalance>'], ['incentive', c16, 'Compact<u16>'],
  ['consensus', c16, 'Compact<u16>'], ['trust', c16, 'Compact<u16>'], ['validator_trust', c16, 'Compact<u16>'],
  ['dividends', c16, 'Compact<u16>'], ['last_update', c64, 'Compact<u64>'], ['validator_permit', bool, 'bool'],
]
const pairs = vec(tuple(c16, c16))
const params = [{ name: 'AccountId', type: AccountId }]
export const NeuronInfo: Ty = composite('pallet_subtensor::rpc_info::neuron_info::NeuronInfo', [
  ...common().map((a) => f(...a)),
  f('weights', pairs, 'Vec<(Compact<u16>, Compact<u16>)>'), f('bonds', pairs, 'Vec<(Compact<u16>, Compact<u16>)>'),
  f('pruning_score', c16, 'Compact<u16>'),
], { params })
export const NeuronInfoLite: Ty = composite('pallet_subtensor::rpc_info::neuron_info::NeuronInfoLite', [
  ...common().map((a) => f(...a)), f('pruning_score', c16, 'Compact<u16>'),
], { params })

const at = <V>(v: V[], i: number, d: V): V => (i < v.length ? v[i]! : d)
const zeroAxon = (): AxonInfoValue => ({ block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0, protocol: 0, placeholder1: 0, placeholder2: 0 })
const zeroPrometheus = (): PrometheusInfoValue => ({ block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 })

/** `get_neuron_lite_subnet_exists` (and, with `full`, the NeuronInfo weights and bonds). */
function neuron(s: Store, netuid: number, uid: number, full: boolean): Record<string, unknown> | null {
  if (!S.Keys.contains(s, netuid, uid)) return null
  const hotkey = S.Keys.get(s, netuid, uid)
  const coldkey = S.Owner.get(s, hotkey)
  const lite: Record<string, unknown> = {
    hotkey, coldkey, uid, netuid,
    active: at(S.Active.get(s, netuid), uid, false),
    axon_info: S.Axons.get(s, netuid, hotkey) ?? zeroAxon(),
    prometheus_info: S.Prometheus.get(s, netuid, hotkey) ?? zeroPrometheus(),
    stake: [[coldkey, S.TotalHotkeyAlpha.get(s, hotkey, netuid)]],
    rank: 0,
    emission: at(S.Emission.get(s, netuid), uid, 0n),
    incentive: at(S.Incentive.get(s, netuid), uid, 0),
    consensus: at(S.Consensus.get(s, netuid), uid, 0),
    trust: 0,
    validator_trust: at(S.ValidatorTrust.get(s, netuid), uid, 0),
    dividends: at(S.Dividends.get(s, netuid), uid, 0),
    last_update: at(S.LastUpdate.get(s, netuid), uid, 0n),
    validator_permit: at(S.ValidatorPermit.get(s, netuid), uid, false),
  }
  if (full) {
    lite.weights = S.Weights.get(s, netuid, uid).filter(([, w]) => w > 0)
    lite.bonds = S.Bonds.get(s, netuid, uid).filter(([, b]) => b > 0)
  }
  lite.pruning_score = 0xffff
  return lite
}

/** `get_neurons(_lite)`: uids 0..SubnetworkN, stopping at the first uid without a key. */
export function neurons(s: Store, netuid: number, full: boolean): Record<string, unknown>[] {
  if (!ifSubnetExist(s, netuid)) return []
  const out: Record<string, unknown>[] = []
  const n = S.SubnetworkN.get(s, netuid)
  for (let uid = 0; uid < n; uid++) {
    const x = neuron(s, netuid, uid, full)
    if (x === null) break
    out.push(x)
  }
  return out
}

export const neuronAt = (s: Store, netuid: number, uid: number, full: boolean): Record<string, unknown> | null =>
  ifSubnetExist(s, netuid) ? neuron(s, netuid, uid, full) : null

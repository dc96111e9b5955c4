// SubnetInfoRuntimeApi (pallets/subtensor/runtime-api, api_version 2 at spec 425): methods in the
// trait's declaration order, with its parameter names.
import { option, u8, u16, u64, vec } from '../../codec/types.js'
import { dynamicInfo, allDynamicInfo, DynamicInfo } from '../../pallets/subtensor/info/dynamic-info.js'
import {
  allMechagraphs, allMetagraphs, mechagraph, metagraph, Metagraph, SelectiveMetagraph, selectiveMechagraph, selectiveMetagraph,
} from '../../pallets/subtensor/info/metagraph.js'
import { subnetState, SubnetState } from '../../pallets/subtensor/info/show-subnet.js'
import {
  addedNetuidsAscending, coldkeyAutoStakeHotkey, SubnetHyperparams, subnetHyperparams, SubnetHyperparamsV2, subnetHyperparamsV2,
  SubnetHyperparamsV3, subnetHyperparamsV3, SubnetInfo, subnetInfo, SubnetInfov2, subnetInfoV2,
} from '../../pallets/subtensor/info/subnet-info.js'
import { networkToPrune, nextEpochStartBlock, subnetAccount } from '../../pallets/subtensor/info/subnet-queries.js'
import { AccountId } from '../../pallets/subtensor/types.js'
import type { RuntimeApiDecl } from './types.js'

const netuid = { name: 'netuid', type: u16 }
const indexes = { name: 'metagraph_indexes', type: vec(u16) }
const n = (a: unknown): number => a as number

export function subnetInfoApi(): RuntimeApiDecl {
  return {
    name: 'SubnetInfoRuntimeApi',
    version: 2,
    methods: [
      { name: 'get_subnet_info', inputs: [netuid], output: option(SubnetInfo), call: (c, [a]) => subnetInfo(c.s, n(a)) },
      { name: 'get_subnets_info', inputs: [], output: vec(option(SubnetInfo)), call: (c) => addedNetuidsAscending(c.s).map((x) => subnetInfo(c.s, x)) },
      { name: 'get_subnet_info_v2', inputs: [netuid], output: option(SubnetInfov2), call: (c, [a]) => subnetInfoV2(c.s, n(a)) },
      { name: 'get_subnets_info_v2', inputs: [], output: vec(option(SubnetInfov2)), call: (c) => addedNetuidsAscending(c.s).map((x) => subnetInfoV2(c.s, x)) },
      { name: 'get_subnet_hyperparams', inputs: [netuid], output: option(SubnetHyperparams), call: (c, [a]) => subnetHyperparams(c.s, n(a)) },
      { name: 'get_subnet_hyperparams_v2', inputs: [netuid], output: option(SubnetHyperparamsV2), call: (c, [a]) => subnetHyperparamsV2(c.s, n(a)) },
      { name: 'get_subnet_hyperparams_v3', inputs: [netuid], output: option(SubnetHyperparamsV3), call: (c, [a]) => subnetHyperparamsV3(c.s, n(a)) },
      { name: 'get_all_dynamic_info', inputs: [], output: vec(option(DynamicInfo)), call: (c) => allDynamicInfo(c.s) },
      { name: 'get_all_metagraphs', inputs: [], output: vec(option(Metagraph)), call: (c) => allMetagraphs(c.s) },
      { name: 'get_metagraph', inputs: [netuid], output: option(Metagraph), call: (c, [a]) => metagraph(c.s, n(a)) },
      { name: 'get_all_mechagraphs', inputs: [], output: vec(option(Metagraph)), call: (c) => allMechagraphs(c.s) },
      { name: 'get_mechagraph', inputs: [netuid, { name: 'mecid', type: u8 }], output: option(Metagraph), call: (c, [a, m]) => mechagraph(c.s, n(a), n(m)) },
      { name: 'get_dynamic_info', inputs: [netuid], output: option(DynamicInfo), call: (c, [a]) => dynamicInfo(c.s, n(a)) },
      { name: 'get_subnet_state', inputs: [netuid], output: option(SubnetState), call: (c, [a]) => subnetState(c.s, n(a)) },
      {
        name: 'get_selective_metagraph', inputs: [netuid, indexes], output: option(SelectiveMetagraph),
        call: (c, [a, i]) => selectiveMetagraph(c.s, n(a), i as number[]),
      },
      {
        name: 'get_coldkey_auto_stake_hotkey', inputs: [{ name: 'coldkey', type: AccountId }, netuid], output: option(AccountId),
        call: (c, [k, a]) => coldkeyAutoStakeHotkey(c.s, k as Uint8Array, n(a)),
      },
      {
        name: 'get_selective_mechagraph', inputs: [netuid, { name: 'subid', type: u8 }, indexes], output: option(SelectiveMetagraph),
        call: (c, [a, m, i]) => selectiveMechagraph(c.s, n(a), n(m), i as number[]),
      },
      { name: 'get_subnet_to_prune', inputs: [], output: option(u16), call: (c) => networkToPrune(c.s) },
      { name: 'get_subnet_account_id', inputs: [netuid], output: option(AccountId), call: (c, [a]) => subnetAccount(c.s, n(a)) },
      { name: 'get_next_epoch_start_block', inputs: [netuid], output: option(u64), call: (c, [a]) => nextEpochStartBlock(c.s, n(a)) },
    ],
  }
}

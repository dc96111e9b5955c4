// SubtensorCustom's subnetInfo_* JSON-RPC (pallets/subtensor/rpc): each wraps one
// SubnetInfoRuntimeApi method and answers its SCALE bytes as a JSON array of numbers, with the
// real RPC's error texts. (`subnetInfo_getLockCost` lives with the other wrappers in subtensor.ts.)
import { concatBytes } from '../../codec/bytes.js'
import { decode, encode } from '../../codec/scale.js'
import { option, u16, u8, vec } from '../../codec/types.js'
import type { NodeContext } from '../../node/context.js'
import { invalidParams } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { accountParam, arrayParam, u32Param } from './params.js'
import { runtimeRpc, u16Param } from './subtensor.js'

const API = 'SubnetInfoRuntimeApi_'
const none = new Uint8Array()
const netuidArg = (v: unknown) => encode(u16, u16Param(v))

function u8Param(v: unknown): number {
  const n = u32Param(v)
  if (n > 0xff) throw invalidParams(`invalid value: integer \`${n}\`, expected u8`)
  return n
}
const indexesArg = (v: unknown) => encode(vec(u16), arrayParam(v).map(u16Param))

export function subnetInfoMethods(ctx: NodeContext): RpcEntry[] {
  const run = runtimeRpc(ctx)
  const bytes = (b: Uint8Array): number[] => Array.from(b)
  /** A wrapper taking `argc` leading params (encoded by `args`) then `at`. */
  const wrap = (name: string, method: string, what: string, argc: number, args: (p: unknown[]) => Uint8Array): RpcEntry => ({
    name, handler: (p) => bytes(run(API + method, args(p), p[argc], what)),
  })
  const byNetuid = (name: string, method: string, what: string) => wrap(name, method, what, 1, (p) => netuidArg(p[0]))
  const all = (name: string, method: string, what: string) => wrap(name, method, what, 0, () => none)
  return [
    byNetuid('subnetInfo_getSubnetInfo', 'get_subnet_info', 'Unable to get subnet info'),
    all('subnetInfo_getSubnetsInfo', 'get_subnets_info', 'Unable to get subnets info'),
    byNetuid('subnetInfo_getSubnetInfo_v2', 'get_subnet_info_v2', 'Unable to get subnet info'),
    all('subnetInfo_getSubnetsInfo_v2', 'get_subnets_info_v2', 'Unable to get subnets info'),
    byNetuid('subnetInfo_getSubnetHyperparams', 'get_subnet_hyperparams', 'Unable to get subnet info'),
    byNetuid('subnetInfo_getSubnetHyperparamsV2', 'get_subnet_hyperparams_v2', 'Unable to get subnet info'),
    all('subnetInfo_getAllDynamicInfo', 'get_all_dynamic_info', 'Unable to get dynamic subnets info'),
    byNetuid('subnetInfo_getDynamicInfo', 'get_dynamic_info', 'Unable to get dynamic subnets info'),
    all('subnetInfo_getAllMetagraphs', 'get_all_metagraphs', 'Unable to get metagraps'),
    byNetuid('subnetInfo_getMetagraph', 'get_metagraph', 'Unable to get dynamic subnets info'),
    all('subnetInfo_getAllMechagraphs', 'get_all_mechagraphs', 'Unable to get metagraps'),
    wrap('subnetInfo_getMechagraph', 'get_mechagraph', 'Unable to get dynamic subnets info', 2,
      (p) => concatBytes(netuidArg(p[0]), encode(u8, u8Param(p[1])))),
    byNetuid('subnetInfo_getSubnetState', 'get_subnet_state', 'Unable to get subnet state info'),
    wrap('subnetInfo_getSelectiveMetagraph', 'get_selective_metagraph', 'Unable to get selective metagraph', 2,
      (p) => concatBytes(netuidArg(p[0]), indexesArg(p[1]))),
    wrap('subnetInfo_getColdkeyAutoStakeHotkey', 'get_coldkey_auto_stake_hotkey', 'Unable to get coldkey auto stake hotkey', 2,
      (p) => concatBytes(accountParam(p[0]), netuidArg(p[1]))),
    wrap('subnetInfo_getSelectiveMechagraph', 'get_selective_mechagraph', 'Unable to get selective metagraph', 3,
      (p) => concatBytes(netuidArg(p[0]), encode(u8, u8Param(p[1])), indexesArg(p[2]))),
    {
      name: 'subnetInfo_getSubnetToPrune',
      // Option<NetUid> serializes as null or a number
      handler: (p) => decode<number | null>(option(u16), run(`${API}get_subnet_to_prune`, none, p[0], 'Unable to get subnet to prune')),
    },
    byNetuid('subnetInfo_getSubnetAccountId', 'get_subnet_account_id', 'Subnet does not exist'),
  ]
}

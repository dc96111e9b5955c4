// rpc_info/dynamic_info.rs: a subnet's pool and emission state as btcli's `subnets list` shows it.
// `emission` and `pending_root_emission` are the chain's constant 0.
import { compact, composite, f, option, u8, u16, u64, u128, vec, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId, I96F32, SubnetIdentityV3 } from '../types.js'
import { currentBlock, ifSubnetExist } from '../utils/misc.js'
import { allSubnetNetuids } from './subnet-info.js'
import { nameForSubnet } from './subnet-names.js'

const c16 = compact(u16)
const c64 = compact(u64)
const cbytes = vec(compact(u8))

export const DynamicInfo: Ty = composite('pallet_subtensor::rpc_info::dynamic_info::DynamicInfo', [
  f('netuid', c16, 'Compact<NetUid>'), f('owner_hotkey', AccountId, 'AccountId'), f('owner_coldkey', AccountId, 'AccountId'),
  f('subnet_name', cbytes, 'Vec<Compact<u8>>'), f('token_symbol', cbytes, 'Vec<Compact<u8>>'), f('tempo', c16, 'Compact<u16>'),
  f('last_step', c64, 'Compact<u64>'), f('blocks_since_last_step', c64, 'Compact<u64>'), f('emission', c64, 'Compact<u64>'),
  f('alpha_in', c64, 'Compact<AlphaBalance>'), f('alpha_out', c64, 'Compact<AlphaBalance>'), f('tao_in', c64, 'Compact<TaoBalance>'),
  f('alpha_out_emission', c64, 'Compact<AlphaBalance>'), f('alpha_in_emission', c64, 'Compact<AlphaBalance>'),
  f('tao_in_emission', c64, 'Compact<TaoBalance>'), f('pending_alpha_emission', c64, 'Compact<AlphaBalance>'),
  f('pending_root_emission', c64, 'Compact<TaoBalance>'), f('subnet_volume', compact(u128), 'Compact<u128>'),
  f('network_registered_at', c64, 'Compact<u64>'), f('subnet_identity', option(SubnetIdentityV3), 'Option<SubnetIdentityV3>'),
  f('moving_price', I96F32, 'I96F32'),
], { params: [{ name: 'AccountId', type: AccountId }] })

const U64_MAX = 0xffff_ffff_ffff_ffffn

/** `get_dynamic_info`. */
export function dynamicInfo(s: Store, netuid: number): Record<string, unknown> | null {
  if (!ifSubnetExist(s, netuid)) return null
  const lastStep = S.LastMechansimStepBlock.get(s, netuid)
  const now = currentBlock(s)
  const pending = S.PendingValidatorEmission.get(s, netuid) + S.PendingServerEmission.get(s, netuid)
  return {
    netuid, owner_hotkey: S.SubnetOwnerHotkey.get(s, netuid), owner_coldkey: S.SubnetOwner.get(s, netuid),
    subnet_name: Array.from(nameForSubnet(s, netuid)), token_symbol: Array.from(S.TokenSymbol.get(s, netuid)),
    tempo: S.Tempo.get(s, netuid), last_step: lastStep, blocks_since_last_step: now > lastStep ? now - lastStep : 0n,
    emission: 0n, alpha_in: S.SubnetAlphaIn.get(s, netuid), alpha_out: S.SubnetAlphaOut.get(s, netuid),
    tao_in: S.SubnetTAO.get(s, netuid), alpha_out_emission: S.SubnetAlphaOutEmission.get(s, netuid),
    alpha_in_emission: S.SubnetAlphaInEmission.get(s, netuid), tao_in_emission: S.SubnetTaoInEmission.get(s, netuid),
    pending_alpha_emission: pending > U64_MAX ? U64_MAX : pending, pending_root_emission: 0n,
    subnet_volume: S.SubnetVolume.get(s, netuid), network_registered_at: S.NetworkRegisteredAt.get(s, netuid),
    subnet_identity: S.SubnetIdentitiesV3.get(s, netuid), moving_price: S.SubnetMovingPrice.get(s, netuid),
  }
}

/** `get_all_dynamic_info`: every NetworksAdded key in storage-key order. */
export const allDynamicInfo = (s: Store): (Record<string, unknown> | null)[] => allSubnetNetuids(s).map((n) => dynamicInfo(s, n))

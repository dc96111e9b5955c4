// GENERATED from opentensor/subtensor pallets/subtensor/src/macros/dispatches.rs (call_index, arguments, weight, class, pays) (HEAD 14bc6f9, spec 425) by reading its declarations;
// edit the facts here only together with the source they mirror.
import { bool, bytes, compact, f, option, tuple, u128, u16, u32, u64, u8, vec } from '../../../codec/types.js'
import {
  AccountId, AlphaBalance, boundedVec, btreeSet, EcdsaSignature, H160, H256, LeaseId, MechId, NetUid, Percent, RootClaimTypeEnum, SubnetIdentityV3, TaoBalance, type SubnetIdentityV3Value,
} from '../types.js'

// Weights: the weights.rs benchmark (SubstrateWeight) with RocksDbWeight (read 25,000,000, write 100,000,000).
import { CallImpls, type CallImpl } from '../../../frame/declare/impls.js'
import type { CallCtx, PostInfo } from '../../../frame/declare/pallet.js'
import { weight } from '../../../frame/primitives.js'
import { subtensorModule as sm } from '../pallet.js'
import { SubtensorErrors } from './errors.js'

export interface SubtensorCallArgs {
  set_weights: { netuid: number; dests: number[]; weights: number[]; version_key: bigint }
  set_mechanism_weights: { netuid: number; mecid: number; dests: number[]; weights: number[]; version_key: bigint }
  batch_set_weights: { netuids: number[]; weights: [number, number][][]; version_keys: bigint[] }
  commit_weights: { netuid: number; commit_hash: Uint8Array }
  commit_mechanism_weights: { netuid: number; mecid: number; commit_hash: Uint8Array }
  batch_commit_weights: { netuids: number[]; commit_hashes: Uint8Array[] }
  reveal_weights: { netuid: number; uids: number[]; values: number[]; salt: number[]; version_key: bigint }
  reveal_mechanism_weights: { netuid: number; mecid: number; uids: number[]; values: number[]; salt: number[]; version_key: bigint }
  commit_crv3_mechanism_weights: { netuid: number; mecid: number; commit: Uint8Array; reveal_round: bigint }
  batch_reveal_weights: { netuid: number; uids_list: number[][]; values_list: number[][]; salts_list: number[][]; version_keys: bigint[] }
  decrease_take: { hotkey: Uint8Array; take: number }
  increase_take: { hotkey: Uint8Array; take: number }
  add_stake: { hotkey: Uint8Array; netuid: number; amount_staked: bigint }
  remove_stake: { hotkey: Uint8Array; netuid: number; amount_unstaked: bigint }
  serve_axon: { netuid: number; version: number; ip: bigint; port: number; ip_type: number; protocol: number; placeholder1: number; placeholder2: number }
  serve_axon_tls: { netuid: number; version: number; ip: bigint; port: number; ip_type: number; protocol: number; placeholder1: number; placeholder2: number; certificate: Uint8Array }
  serve_prometheus: { netuid: number; version: number; ip: bigint; port: number; ip_type: number }
  register: { netuid: number; block_number: bigint; nonce: bigint; work: Uint8Array; hotkey: Uint8Array; coldkey: Uint8Array }
  root_register: { hotkey: Uint8Array }
  burned_register: { netuid: number; hotkey: Uint8Array }
  swap_hotkey: { hotkey: Uint8Array; new_hotkey: Uint8Array; netuid: number | null }
  swap_hotkey_v2: { hotkey: Uint8Array; new_hotkey: Uint8Array; netuid: number | null; keep_stake: boolean }
  swap_coldkey: { old_coldkey: Uint8Array; new_coldkey: Uint8Array; swap_cost: bigint }
  set_childkey_take: { hotkey: Uint8Array; netuid: number; take: number }
  sudo_set_tx_childkey_take_rate_limit: { tx_rate_limit: bigint }
  sudo_set_min_childkey_take: { take: number }
  sudo_set_max_childkey_take: { take: number }
  register_network: { hotkey: Uint8Array }
  faucet: { block_number: bigint; nonce: bigint; work: Uint8Array }
  dissolve_network: { coldkey: Uint8Array; netuid: number }
  set_children: { hotkey: Uint8Array; netuid: number; children: [bigint, Uint8Array][] }
  schedule_swap_coldkey: { new_coldkey: Uint8Array }
  set_identity: { name: Uint8Array; url: Uint8Array; github_repo: Uint8Array; image: Uint8Array; discord: Uint8Array; description: Uint8Array; additional: Uint8Array }
  set_subnet_identity: { netuid: number; subnet_name: Uint8Array; github_repo: Uint8Array; subnet_contact: Uint8Array; subnet_url: Uint8Array; discord: Uint8Array; description: Uint8Array; logo_url: Uint8Array; additional: Uint8Array }
  register_network_with_identity: { hotkey: Uint8Array; identity: SubnetIdentityV3Value | null }
  unstake_all: { hotkey: Uint8Array }
  unstake_all_alpha: { hotkey: Uint8Array }
  move_stake: { origin_hotkey: Uint8Array; destination_hotkey: Uint8Array; origin_netuid: number; destination_netuid: number; alpha_amount: bigint }
  transfer_stake: { destination_coldkey: Uint8Array; hotkey: Uint8Array; origin_netuid: number; destination_netuid: number; alpha_amount: bigint }
  swap_stake: { hotkey: Uint8Array; origin_netuid: number; destination_netuid: number; alpha_amount: bigint }
  add_stake_limit: { hotkey: Uint8Array; netuid: number; amount_staked: bigint; limit_price: bigint; allow_partial: boolean }
  remove_stake_limit: { hotkey: Uint8Array; netuid: number; amount_unstaked: bigint; limit_price: bigint; allow_partial: boolean }
  swap_stake_limit: { hotkey: Uint8Array; origin_netuid: number; destination_netuid: number; alpha_amount: bigint; limit_price: bigint; allow_partial: boolean }
  try_associate_hotkey: { hotkey: Uint8Array }
  start_call: { netuid: number }
  associate_evm_key: { netuid: number; evm_key: Uint8Array; block_number: bigint; signature: Uint8Array }
  recycle_alpha: { hotkey: Uint8Array; amount: bigint; netuid: number }
  burn_alpha: { hotkey: Uint8Array; amount: bigint; netuid: number }
  set_pending_childkey_cooldown: { cooldown: bigint }
  remove_stake_full_limit: { hotkey: Uint8Array; netuid: number; limit_price: bigint | null }
  register_leased_network: { emissions_share: number; end_block: number | null }
  terminate_lease: { lease_id: number; hotkey: Uint8Array }
  update_symbol: { netuid: number; symbol: Uint8Array }
  commit_timelocked_weights: { netuid: number; commit: Uint8Array; reveal_round: bigint; commit_reveal_version: number }
  set_coldkey_auto_stake_hotkey: { netuid: number; hotkey: Uint8Array }
  commit_timelocked_mechanism_weights: { netuid: number; mecid: number; commit: Uint8Array; reveal_round: bigint; commit_reveal_version: number }
  root_dissolve_network: { netuid: number }
  claim_root: { subnets: number[] }
  set_root_claim_type: { new_root_claim_type: { type: string; value?: unknown } }
  sudo_set_num_root_claims: { new_value: bigint }
  sudo_set_root_claim_threshold: { netuid: number; new_value: bigint }
  announce_coldkey_swap: { new_coldkey_hash: Uint8Array }
  swap_coldkey_announced: { new_coldkey: Uint8Array }
  dispute_coldkey_swap: Record<string, never>
  reset_coldkey_swap: { coldkey: Uint8Array }
  enable_voting_power_tracking: { netuid: number }
  disable_voting_power_tracking: { netuid: number }
  sudo_set_voting_power_ema_alpha: { netuid: number; alpha: bigint }
  add_stake_burn: { hotkey: Uint8Array; netuid: number; amount: bigint; limit: bigint | null }
  clear_coldkey_swap_announcement: Record<string, never>
  register_limit: { netuid: number; hotkey: Uint8Array; limit_price: bigint }
  set_auto_parent_delegation_enabled: { hotkey: Uint8Array; enabled: boolean }
  lock_stake: { hotkey: Uint8Array; netuid: number; amount: bigint }
  move_lock: { destination_hotkey: Uint8Array; netuid: number }
  set_perpetual_lock: { netuid: number; enabled: boolean }
  set_tempo: { netuid: number; tempo: number }
  set_activity_cutoff_factor: { netuid: number; factor_milli: number }
  trigger_epoch: { netuid: number }
  set_reject_locked_alpha: { enabled: boolean }
}

type A = SubtensorCallArgs
export type SubtensorCallImpl<K extends keyof A> = CallImpl<A[K]>
// A call whose behaviour the emulator does not have yet fails loudly, never fakes success.
const impls = new CallImpls<A>('SubtensorModule', () => SubtensorErrors.CallDisabled())

/** Give a declared call its behaviour (each topic module registers the calls it implements). */
export function implement<K extends keyof A>(name: K, fn: SubtensorCallImpl<K>): void { impls.implement(name, fn) }
/** Whether the emulator gives the call its behaviour (else it fails with CallDisabled). */
export const isImplemented = (name: keyof A): boolean => impls.isImplemented(name)
const run = <K extends keyof A>(name: K, ctx: CallCtx, args: A[K]): PostInfo | void => impls.run(name, ctx, args)

  sm.call<A['set_weights']>(0, 'set_weights', [f('netuid', NetUid, 'NetUid'), f('dests', vec(u16), 'Vec<u16>'), f('weights', vec(u16), 'Vec<u16>'), f('version_key', u64, 'u64')], { weight: () => weight(118513610000n, 10327410n), pays: 'No', handler: (ctx, a) => run('set_weights', ctx, a) })
  sm.call<A['set_mechanism_weights']>(119, 'set_mechanism_weights', [f('netuid', NetUid, 'NetUid'), f('mecid', MechId, 'MechId'), f('dests', vec(u16), 'Vec<u16>'), f('weights', vec(u16), 'Vec<u16>'), f('version_key', u64, 'u64')], { weight: () => weight(118515000000n, 0n), pays: 'No', handler: (ctx, a) => run('set_mechanism_weights', ctx, a) })
  sm.call<A['batch_set_weights']>(80, 'batch_set_weights', [f('netuids', vec(compact(NetUid)), 'Vec<Compact<NetUid>>'), f('weights', vec(vec(tuple(compact(u16), compact(u16)))), 'Vec<Vec<(Compact<u16>, Compact<u16>)>>'), f('version_keys', vec(compact(u64)), 'Vec<Compact<u64>>')], { weight: () => weight(703092000n, 7395n), pays: 'No', handler: (ctx, a) => run('batch_set_weights', ctx, a) })
  sm.call<A['commit_weights']>(96, 'commit_weights', [f('netuid', NetUid, 'NetUid'), f('commit_hash', H256, 'H256')], { weight: () => weight(594049000n, 4714n), pays: 'No', handler: (ctx, a) => run('commit_weights', ctx, a) })
  sm.call<A['commit_mechanism_weights']>(115, 'commit_mechanism_weights', [f('netuid', NetUid, 'NetUid'), f('mecid', MechId, 'MechId'), f('commit_hash', H256, 'H256')], { weight: () => weight(430130000n, 0n), pays: 'No', handler: (ctx, a) => run('commit_mechanism_weights', ctx, a) })
  sm.call<A['batch_commit_weights']>(100, 'batch_commit_weights', [f('netuids', vec(compact(NetUid)), 'Vec<Compact<NetUid>>'), f('commit_hashes', vec(H256), 'Vec<H256>')], { weight: () => weight(722224000n, 4765n), pays: 'No', handler: (ctx, a) => run('batch_commit_weights', ctx, a) })
  sm.call<A['reveal_weights']>(97, 'reveal_weights', [f('netuid', NetUid, 'NetUid'), f('uids', vec(u16), 'Vec<u16>'), f('values', vec(u16), 'Vec<u16>'), f('salt', vec(u16), 'Vec<u16>'), f('version_key', u64, 'u64')], { weight: () => weight(786227000n, 7590n), pays: 'No', handler: (ctx, a) => run('reveal_weights', ctx, a) })
  sm.call<A['reveal_mechanism_weights']>(116, 'reveal_mechanism_weights', [f('netuid', NetUid, 'NetUid'), f('mecid', MechId, 'MechId'), f('uids', vec(u16), 'Vec<u16>'), f('values', vec(u16), 'Vec<u16>'), f('salt', vec(u16), 'Vec<u16>'), f('version_key', u64, 'u64')], { weight: () => weight(722000000n, 0n), pays: 'No', handler: (ctx, a) => run('reveal_mechanism_weights', ctx, a) })
  sm.call<A['commit_crv3_mechanism_weights']>(117, 'commit_crv3_mechanism_weights', [f('netuid', NetUid, 'NetUid'), f('mecid', MechId, 'MechId'), f('commit', boundedVec(u8, 5000), 'BoundedVec<u8, ConstU32<MAX_CRV3_COMMIT_SIZE_BYTES>>'), f('reveal_round', u64, 'u64')], { weight: () => weight(452750000n, 0n), pays: 'No', handler: (ctx, a) => run('commit_crv3_mechanism_weights', ctx, a) })
  sm.call<A['batch_reveal_weights']>(98, 'batch_reveal_weights', [f('netuid', NetUid, 'NetUid'), f('uids_list', vec(vec(u16)), 'Vec<Vec<u16>>'), f('values_list', vec(vec(u16)), 'Vec<Vec<u16>>'), f('salts_list', vec(vec(u16)), 'Vec<Vec<u16>>'), f('version_keys', vec(u64), 'Vec<u64>')], { weight: () => weight(1096363000n, 8095n), pays: 'No', handler: (ctx, a) => run('batch_reveal_weights', ctx, a) })
  sm.call<A['decrease_take']>(65, 'decrease_take', [f('hotkey', AccountId, 'T::AccountId'), f('take', u16, 'u16')], { weight: () => weight(304895000n, 4295n), pays: 'No', handler: (ctx, a) => run('decrease_take', ctx, a) })
  sm.call<A['increase_take']>(66, 'increase_take', [f('hotkey', AccountId, 'T::AccountId'), f('take', u16, 'u16')], { weight: () => weight(362710000n, 4388n), pays: 'No', handler: (ctx, a) => run('increase_take', ctx, a) })
  sm.call<A['add_stake']>(2, 'add_stake', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('amount_staked', TaoBalance, 'TaoBalance')], { weight: () => weight(3064064000n, 8727n), handler: (ctx, a) => run('add_stake', ctx, a) })
  sm.call<A['remove_stake']>(3, 'remove_stake', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('amount_unstaked', AlphaBalance, 'AlphaBalance')], { weight: () => weight(2569198000n, 10557n), handler: (ctx, a) => run('remove_stake', ctx, a) })
  sm.call<A['serve_axon']>(4, 'serve_axon', [f('netuid', NetUid, 'NetUid'), f('version', u32, 'u32'), f('ip', u128, 'u128'), f('port', u16, 'u16'), f('ip_type', u8, 'u8'), f('protocol', u8, 'u8'), f('placeholder1', u8, 'u8'), f('placeholder2', u8, 'u8')], { weight: () => weight(206278000n, 4178n), pays: 'No', handler: (ctx, a) => run('serve_axon', ctx, a) })
  sm.call<A['serve_axon_tls']>(40, 'serve_axon_tls', [f('netuid', NetUid, 'NetUid'), f('version', u32, 'u32'), f('ip', u128, 'u128'), f('port', u16, 'u16'), f('ip_type', u8, 'u8'), f('protocol', u8, 'u8'), f('placeholder1', u8, 'u8'), f('placeholder2', u8, 'u8'), f('certificate', bytes, 'Vec<u8>')], { weight: () => weight(205617000n, 4149n), pays: 'No', handler: (ctx, a) => run('serve_axon_tls', ctx, a) })
  sm.call<A['serve_prometheus']>(5, 'serve_prometheus', [f('netuid', NetUid, 'NetUid'), f('version', u32, 'u32'), f('ip', u128, 'u128'), f('port', u16, 'u16'), f('ip_type', u8, 'u8')], { weight: () => weight(204294000n, 4277n), pays: 'No', handler: (ctx, a) => run('serve_prometheus', ctx, a) })
  sm.call<A['register']>(6, 'register', [f('netuid', NetUid, 'NetUid'), f('block_number', u64, 'u64'), f('nonce', u64, 'u64'), f('work', bytes, 'Vec<u8>'), f('hotkey', AccountId, 'T::AccountId'), f('coldkey', AccountId, 'T::AccountId')], { weight: () => weight(4099872000n, 6148n), handler: (ctx, a) => run('register', ctx, a) })
  sm.call<A['root_register']>(62, 'root_register', [f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(2178934000n, 4981n), handler: (ctx, a) => run('root_register', ctx, a) })
  sm.call<A['burned_register']>(7, 'burned_register', [f('netuid', NetUid, 'NetUid'), f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(4086815000n, 6148n), handler: (ctx, a) => run('burned_register', ctx, a) })
  sm.call<A['swap_hotkey']>(70, 'swap_hotkey', [f('hotkey', AccountId, 'T::AccountId'), f('new_hotkey', AccountId, 'T::AccountId'), f('netuid', option(NetUid), 'Option<NetUid>')], { weight: () => weight(15692038000n, 28912n), handler: (ctx, a) => run('swap_hotkey', ctx, a) })
  sm.call<A['swap_hotkey_v2']>(72, 'swap_hotkey_v2', [f('hotkey', AccountId, 'T::AccountId'), f('new_hotkey', AccountId, 'T::AccountId'), f('netuid', option(NetUid), 'Option<NetUid>'), f('keep_stake', bool, 'bool')], { weight: () => weight(5075300000n, 0n), handler: (ctx, a) => run('swap_hotkey_v2', ctx, a) })
  sm.call<A['swap_coldkey']>(71, 'swap_coldkey', [f('old_coldkey', AccountId, 'T::AccountId'), f('new_coldkey', AccountId, 'T::AccountId'), f('swap_cost', TaoBalance, 'TaoBalance')], { weight: () => weight(3137301000n, 13056n), handler: (ctx, a) => run('swap_coldkey', ctx, a) })
  sm.call<A['set_childkey_take']>(75, 'set_childkey_take', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('take', u16, 'u16')], { weight: () => weight(428870000n, 4498n), handler: (ctx, a) => run('set_childkey_take', ctx, a) })
  sm.call<A['sudo_set_tx_childkey_take_rate_limit']>(69, 'sudo_set_tx_childkey_take_rate_limit', [f('tx_rate_limit', u64, 'u64')], { weight: () => weight(105760000n, 0n), handler: (ctx, a) => run('sudo_set_tx_childkey_take_rate_limit', ctx, a) })
  sm.call<A['sudo_set_min_childkey_take']>(76, 'sudo_set_min_childkey_take', [f('take', u16, 'u16')], { weight: () => weight(125006000n, 0n), handler: (ctx, a) => run('sudo_set_min_childkey_take', ctx, a) })
  sm.call<A['sudo_set_max_childkey_take']>(77, 'sudo_set_max_childkey_take', [f('take', u16, 'u16')], { weight: () => weight(125006000n, 0n), handler: (ctx, a) => run('sudo_set_max_childkey_take', ctx, a) })
  sm.call<A['register_network']>(59, 'register_network', [f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(6077125000n, 9947n), handler: (ctx, a) => run('register_network', ctx, a) })
  sm.call<A['dissolve_network']>(61, 'dissolve_network', [f('coldkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid')], { weight: () => weight(3369000000n, 0n), handler: (ctx, a) => run('dissolve_network', ctx, a) })
  sm.call<A['set_children']>(67, 'set_children', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('children', vec(tuple(u64, AccountId)), 'Vec<(u64, T::AccountId)>')], { weight: () => weight(3369000000n, 0n), handler: (ctx, a) => run('set_children', ctx, a) })
  sm.call<A['schedule_swap_coldkey']>(73, 'schedule_swap_coldkey', [f('new_coldkey', AccountId, 'T::AccountId')], { weight: () => weight(125000000n, 0n), handler: (ctx, a) => run('schedule_swap_coldkey', ctx, a) })
  sm.call<A['set_identity']>(68, 'set_identity', [f('name', bytes, 'Vec<u8>'), f('url', bytes, 'Vec<u8>'), f('github_repo', bytes, 'Vec<u8>'), f('image', bytes, 'Vec<u8>'), f('discord', bytes, 'Vec<u8>'), f('description', bytes, 'Vec<u8>'), f('additional', bytes, 'Vec<u8>')], { weight: () => weight(207040000n, 6829n), handler: (ctx, a) => run('set_identity', ctx, a) })
  sm.call<A['set_subnet_identity']>(78, 'set_subnet_identity', [f('netuid', NetUid, 'NetUid'), f('subnet_name', bytes, 'Vec<u8>'), f('github_repo', bytes, 'Vec<u8>'), f('subnet_contact', bytes, 'Vec<u8>'), f('subnet_url', bytes, 'Vec<u8>'), f('discord', bytes, 'Vec<u8>'), f('description', bytes, 'Vec<u8>'), f('logo_url', bytes, 'Vec<u8>'), f('additional', bytes, 'Vec<u8>')], { weight: () => weight(142513000n, 4060n), handler: (ctx, a) => run('set_subnet_identity', ctx, a) })
  sm.call<A['register_network_with_identity']>(79, 'register_network_with_identity', [f('hotkey', AccountId, 'T::AccountId'), f('identity', option(SubnetIdentityV3), 'Option<SubnetIdentityOfV3>')], { weight: () => weight(5950041000n, 9883n), handler: (ctx, a) => run('register_network_with_identity', ctx, a) })
  sm.call<A['unstake_all']>(83, 'unstake_all', [f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(176830000n, 9189n), handler: (ctx, a) => run('unstake_all', ctx, a) })
  sm.call<A['unstake_all_alpha']>(84, 'unstake_all_alpha', [f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(4275873000n, 11306n), handler: (ctx, a) => run('unstake_all_alpha', ctx, a) })
  sm.call<A['move_stake']>(85, 'move_stake', [f('origin_hotkey', AccountId, 'T::AccountId'), f('destination_hotkey', AccountId, 'T::AccountId'), f('origin_netuid', NetUid, 'NetUid'), f('destination_netuid', NetUid, 'NetUid'), f('alpha_amount', AlphaBalance, 'AlphaBalance')], { weight: () => weight(1391061000n, 7919n), handler: (ctx, a) => run('move_stake', ctx, a) })
  sm.call<A['transfer_stake']>(86, 'transfer_stake', [f('destination_coldkey', AccountId, 'T::AccountId'), f('hotkey', AccountId, 'T::AccountId'), f('origin_netuid', NetUid, 'NetUid'), f('destination_netuid', NetUid, 'NetUid'), f('alpha_amount', AlphaBalance, 'AlphaBalance')], { weight: () => weight(1333541000n, 7994n), handler: (ctx, a) => run('transfer_stake', ctx, a) })
  sm.call<A['swap_stake']>(87, 'swap_stake', [f('hotkey', AccountId, 'T::AccountId'), f('origin_netuid', NetUid, 'NetUid'), f('destination_netuid', NetUid, 'NetUid'), f('alpha_amount', AlphaBalance, 'AlphaBalance')], { weight: () => weight(4317019000n, 10920n), handler: (ctx, a) => run('swap_stake', ctx, a) })
  sm.call<A['add_stake_limit']>(88, 'add_stake_limit', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('amount_staked', TaoBalance, 'TaoBalance'), f('limit_price', TaoBalance, 'TaoBalance'), f('allow_partial', bool, 'bool')], { weight: () => weight(3253005000n, 8727n), handler: (ctx, a) => run('add_stake_limit', ctx, a) })
  sm.call<A['remove_stake_limit']>(89, 'remove_stake_limit', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('amount_unstaked', AlphaBalance, 'AlphaBalance'), f('limit_price', TaoBalance, 'TaoBalance'), f('allow_partial', bool, 'bool')], { weight: () => weight(2715696000n, 10591n), handler: (ctx, a) => run('remove_stake_limit', ctx, a) })
  sm.call<A['swap_stake_limit']>(90, 'swap_stake_limit', [f('hotkey', AccountId, 'T::AccountId'), f('origin_netuid', NetUid, 'NetUid'), f('destination_netuid', NetUid, 'NetUid'), f('alpha_amount', AlphaBalance, 'AlphaBalance'), f('limit_price', TaoBalance, 'TaoBalance'), f('allow_partial', bool, 'bool')], { weight: () => weight(4519515000n, 11077n), handler: (ctx, a) => run('swap_stake_limit', ctx, a) })
  sm.call<A['try_associate_hotkey']>(91, 'try_associate_hotkey', [f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(400337000n, 4283n), handler: (ctx, a) => run('try_associate_hotkey', ctx, a) })
  sm.call<A['start_call']>(92, 'start_call', [f('netuid', NetUid, 'NetUid')], { weight: () => weight(364454000n, 4583n), handler: (ctx, a) => run('start_call', ctx, a) })
  sm.call<A['associate_evm_key']>(93, 'associate_evm_key', [f('netuid', NetUid, 'NetUid'), f('evm_key', H160, 'H160'), f('block_number', u64, 'u64'), f('signature', EcdsaSignature, 'Signature')], { weight: () => weight(859242000n, 4415n), pays: 'No', handler: (ctx, a) => run('associate_evm_key', ctx, a) })
  sm.call<A['recycle_alpha']>(101, 'recycle_alpha', [f('hotkey', AccountId, 'T::AccountId'), f('amount', AlphaBalance, 'AlphaBalance'), f('netuid', NetUid, 'NetUid')], { weight: () => weight(1097139000n, 5219n), handler: (ctx, a) => run('recycle_alpha', ctx, a) })
  sm.call<A['burn_alpha']>(102, 'burn_alpha', [f('hotkey', AccountId, 'T::AccountId'), f('amount', AlphaBalance, 'AlphaBalance'), f('netuid', NetUid, 'NetUid')], { weight: () => weight(868964000n, 5219n), handler: (ctx, a) => run('burn_alpha', ctx, a) })
  sm.call<A['set_pending_childkey_cooldown']>(109, 'set_pending_childkey_cooldown', [f('cooldown', u64, 'u64')], { weight: () => weight(103000000n, 0n), handler: (ctx, a) => run('set_pending_childkey_cooldown', ctx, a) })
  sm.call<A['remove_stake_full_limit']>(103, 'remove_stake_full_limit', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('limit_price', option(TaoBalance), 'Option<TaoBalance>')], { weight: () => weight(2729292000n, 10591n), handler: (ctx, a) => run('remove_stake_full_limit', ctx, a) })
  sm.call<A['register_leased_network']>(110, 'register_leased_network', [f('emissions_share', Percent, 'Percent'), f('end_block', option(u32), 'Option<BlockNumberFor<T>>')], { weight: () => weight(154848111986n, 1299756n), handler: (ctx, a) => run('register_leased_network', ctx, a) })
  sm.call<A['terminate_lease']>(111, 'terminate_lease', [f('lease_id', LeaseId, 'LeaseId'), f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(64229668779n, 1270648n), handler: (ctx, a) => run('terminate_lease', ctx, a) })
  sm.call<A['update_symbol']>(112, 'update_symbol', [f('netuid', NetUid, 'NetUid'), f('symbol', bytes, 'Vec<u8>')], { weight: () => weight(228313000n, 9074n), handler: (ctx, a) => run('update_symbol', ctx, a) })
  sm.call<A['commit_timelocked_weights']>(113, 'commit_timelocked_weights', [f('netuid', NetUid, 'NetUid'), f('commit', boundedVec(u8, 5000), 'BoundedVec<u8, ConstU32<MAX_CRV3_COMMIT_SIZE_BYTES>>'), f('reveal_round', u64, 'u64'), f('commit_reveal_version', u16, 'u16')], { weight: () => weight(636951000n, 4713n), pays: 'No', handler: (ctx, a) => run('commit_timelocked_weights', ctx, a) })
  sm.call<A['set_coldkey_auto_stake_hotkey']>(114, 'set_coldkey_auto_stake_hotkey', [f('netuid', NetUid, 'NetUid'), f('hotkey', AccountId, 'T::AccountId')], { weight: () => weight(333853000n, 4274n), handler: (ctx, a) => run('set_coldkey_auto_stake_hotkey', ctx, a) })
  sm.call<A['commit_timelocked_mechanism_weights']>(118, 'commit_timelocked_mechanism_weights', [f('netuid', NetUid, 'NetUid'), f('mecid', MechId, 'MechId'), f('commit', boundedVec(u8, 5000), 'BoundedVec<u8, ConstU32<MAX_CRV3_COMMIT_SIZE_BYTES>>'), f('reveal_round', u64, 'u64'), f('commit_reveal_version', u16, 'u16')], { weight: () => weight(509020000n, 0n), pays: 'No', handler: (ctx, a) => run('commit_timelocked_mechanism_weights', ctx, a) })
  sm.call<A['root_dissolve_network']>(120, 'root_dissolve_network', [f('netuid', NetUid, 'NetUid')], { weight: () => weight(3369000000n, 0n), handler: (ctx, a) => run('root_dissolve_network', ctx, a) })
  sm.call<A['claim_root']>(121, 'claim_root', [f('subnets', btreeSet(NetUid), 'BTreeSet<NetUid>')], { weight: () => weight(938999000n, 7875n), handler: (ctx, a) => run('claim_root', ctx, a) })
  sm.call<A['set_root_claim_type']>(122, 'set_root_claim_type', [f('new_root_claim_type', RootClaimTypeEnum, 'RootClaimTypeEnum')], { weight: () => weight(468283000n, 3941n), handler: (ctx, a) => run('set_root_claim_type', ctx, a) })
  sm.call<A['sudo_set_num_root_claims']>(123, 'sudo_set_num_root_claims', [f('new_value', u64, 'u64')], { weight: () => weight(102735000n, 0n), handler: (ctx, a) => run('sudo_set_num_root_claims', ctx, a) })
  sm.call<A['sudo_set_root_claim_threshold']>(124, 'sudo_set_root_claim_threshold', [f('netuid', NetUid, 'NetUid'), f('new_value', u64, 'u64')], { weight: () => weight(105681000n, 0n), handler: (ctx, a) => run('sudo_set_root_claim_threshold', ctx, a) })
  sm.call<A['announce_coldkey_swap']>(125, 'announce_coldkey_swap', [f('new_coldkey_hash', H256, 'T::Hash')], { weight: () => weight(447248000n, 4159n), handler: (ctx, a) => run('announce_coldkey_swap', ctx, a) })
  sm.call<A['swap_coldkey_announced']>(126, 'swap_coldkey_announced', [f('new_coldkey', AccountId, 'T::AccountId')], { weight: () => weight(2713156000n, 13000n), handler: (ctx, a) => run('swap_coldkey_announced', ctx, a) })
  sm.call<A['dispute_coldkey_swap']>(127, 'dispute_coldkey_swap', [], { weight: () => weight(173293000n, 4130n), handler: (ctx, a) => run('dispute_coldkey_swap', ctx, a) })
  sm.call<A['reset_coldkey_swap']>(128, 'reset_coldkey_swap', [f('coldkey', AccountId, 'T::AccountId')], { weight: () => weight(208857000n, 0n), handler: (ctx, a) => run('reset_coldkey_swap', ctx, a) })
  sm.call<A['enable_voting_power_tracking']>(129, 'enable_voting_power_tracking', [f('netuid', NetUid, 'NetUid')], { weight: () => weight(250010000n, 0n), handler: (ctx, a) => run('enable_voting_power_tracking', ctx, a) })
  sm.call<A['disable_voting_power_tracking']>(130, 'disable_voting_power_tracking', [f('netuid', NetUid, 'NetUid')], { weight: () => weight(150010000n, 0n), handler: (ctx, a) => run('disable_voting_power_tracking', ctx, a) })
  sm.call<A['sudo_set_voting_power_ema_alpha']>(131, 'sudo_set_voting_power_ema_alpha', [f('netuid', NetUid, 'NetUid'), f('alpha', u64, 'u64')], { weight: () => weight(125006000n, 0n), handler: (ctx, a) => run('sudo_set_voting_power_ema_alpha', ctx, a) })
  sm.call<A['add_stake_burn']>(132, 'add_stake_burn', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('amount', TaoBalance, 'TaoBalance'), f('limit', option(TaoBalance), 'Option<TaoBalance>')], { weight: () => weight(3492308000n, 8727n), handler: (ctx, a) => run('add_stake_burn', ctx, a) })
  sm.call<A['clear_coldkey_swap_announcement']>(133, 'clear_coldkey_swap_announcement', [], { weight: () => weight(167890000n, 0n), handler: (ctx, a) => run('clear_coldkey_swap_announcement', ctx, a) })
  sm.call<A['register_limit']>(134, 'register_limit', [f('netuid', NetUid, 'NetUid'), f('hotkey', AccountId, 'T::AccountId'), f('limit_price', u64, 'u64')], { weight: () => weight(5529200000n, 0n), handler: (ctx, a) => run('register_limit', ctx, a) })
  sm.call<A['set_auto_parent_delegation_enabled']>(135, 'set_auto_parent_delegation_enabled', [f('hotkey', AccountId, 'T::AccountId'), f('enabled', bool, 'bool')], { weight: () => weight(178023000n, 4364n), handler: (ctx, a) => run('set_auto_parent_delegation_enabled', ctx, a) })
  sm.call<A['lock_stake']>(136, 'lock_stake', [f('hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid'), f('amount', AlphaBalance, 'AlphaBalance')], { weight: () => weight(840995000n, 7655n), handler: (ctx, a) => run('lock_stake', ctx, a) })
  sm.call<A['move_lock']>(137, 'move_lock', [f('destination_hotkey', AccountId, 'T::AccountId'), f('netuid', NetUid, 'NetUid')], { weight: () => weight(1099819000n, 7339n), handler: (ctx, a) => run('move_lock', ctx, a) })
  sm.call<A['set_perpetual_lock']>(138, 'set_perpetual_lock', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(400000000n, 0n), handler: (ctx, a) => run('set_perpetual_lock', ctx, a) })
  sm.call<A['set_tempo']>(139, 'set_tempo', [f('netuid', NetUid, 'NetUid'), f('tempo', u16, 'u16')], { weight: () => weight(496407000n, 4440n), handler: (ctx, a) => run('set_tempo', ctx, a) })
  sm.call<A['set_activity_cutoff_factor']>(140, 'set_activity_cutoff_factor', [f('netuid', NetUid, 'NetUid'), f('factor_milli', u32, 'u32')], { weight: () => weight(414193000n, 4364n), handler: (ctx, a) => run('set_activity_cutoff_factor', ctx, a) })
  sm.call<A['trigger_epoch']>(141, 'trigger_epoch', [f('netuid', NetUid, 'NetUid')], { weight: () => weight(442539000n, 4447n), handler: (ctx, a) => run('trigger_epoch', ctx, a) })
  sm.call<A['set_reject_locked_alpha']>(142, 'set_reject_locked_alpha', [f('enabled', bool, 'bool')], { weight: () => weight(125000000n, 0n), handler: (ctx, a) => run('set_reject_locked_alpha', ctx, a) })

/** The `pow-faucet` feature's call (localnet builds only). */
export function declareFaucet(): void {
  sm.call<A['faucet']>(60, 'faucet', [f('block_number', u64, 'u64'), f('nonce', u64, 'u64'), f('work', bytes, 'Vec<u8>')], { weight: () => weight(2966000000n, 0n), pays: 'No', handler: (ctx, a) => run('faucet', ctx, a) })
}

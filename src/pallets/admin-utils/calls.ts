// GENERATED from opentensor/subtensor pallets/admin-utils/src/lib.rs (HEAD 14bc6f9, spec 425): call_index,
// arguments, weight (weights.rs SubstrateWeight with RocksDbWeight), class and pays of every call.
import { bool, f, option, u8, u16, u32, u64, vec } from '../../codec/types.js'
import { CallImpls, type CallImpl } from '../../frame/declare/impls.js'
import type { CallCtx, PostInfo } from '../../frame/declare/pallet.js'
import { DispatchFailure, weight } from '../../frame/primitives.js'
import { AuraAuthorityId } from '../aura/index.js'
import { AuthorityList } from '../grandpa/index.js'
import { AccountId, I64F64, I96F32, i16, MechId, NetUid, RecycleOrBurnEnum, TaoBalance, U64F64, type FixedValue } from '../subtensor/types.js'
import { adminUtils, PrecompileEnum } from './pallet.js'

export interface AdminUtilsCallArgs {
  swap_authorities: { new_authorities: Uint8Array[] }
  sudo_set_default_take: { default_take: number }
  sudo_set_tx_rate_limit: { tx_rate_limit: bigint }
  sudo_set_serving_rate_limit: { netuid: number; serving_rate_limit: bigint }
  sudo_set_min_difficulty: { netuid: number; min_difficulty: bigint }
  sudo_set_max_difficulty: { netuid: number; max_difficulty: bigint }
  sudo_set_weights_version_key: { netuid: number; weights_version_key: bigint }
  sudo_set_weights_set_rate_limit: { netuid: number; weights_set_rate_limit: bigint }
  sudo_set_adjustment_interval: { netuid: number; adjustment_interval: number }
  sudo_set_adjustment_alpha: { netuid: number; adjustment_alpha: bigint }
  sudo_set_immunity_period: { netuid: number; immunity_period: number }
  sudo_set_min_allowed_weights: { netuid: number; min_allowed_weights: number }
  sudo_set_max_allowed_uids: { netuid: number; max_allowed_uids: number }
  sudo_set_kappa: { netuid: number; kappa: number }
  sudo_set_rho: { netuid: number; rho: number }
  sudo_set_activity_cutoff: { netuid: number; activity_cutoff: number }
  sudo_set_network_registration_allowed: { netuid: number; registration_allowed: boolean }
  sudo_set_network_pow_registration_allowed: { netuid: number; registration_allowed: boolean }
  sudo_set_target_registrations_per_interval: { netuid: number; target_registrations_per_interval: number }
  sudo_set_min_burn: { netuid: number; min_burn: bigint }
  sudo_set_max_burn: { netuid: number; max_burn: bigint }
  sudo_set_difficulty: { netuid: number; difficulty: bigint }
  sudo_set_max_allowed_validators: { netuid: number; max_allowed_validators: number }
  sudo_set_bonds_moving_average: { netuid: number; bonds_moving_average: bigint }
  sudo_set_bonds_penalty: { netuid: number; bonds_penalty: number }
  sudo_set_max_registrations_per_block: { netuid: number; max_registrations_per_block: number }
  sudo_set_subnet_owner_cut: { subnet_owner_cut: number }
  sudo_set_network_rate_limit: { rate_limit: bigint }
  sudo_set_tempo: { netuid: number; tempo: number }
  sudo_set_total_issuance: { total_issuance: bigint }
  sudo_set_network_immunity_period: { immunity_period: bigint }
  sudo_set_network_min_lock_cost: { lock_cost: bigint }
  sudo_set_subnet_limit: { max_subnets: number }
  sudo_set_lock_reduction_interval: { interval: bigint }
  sudo_set_rao_recycled: { netuid: number; rao_recycled: bigint }
  sudo_set_stake_threshold: { min_stake: bigint }
  sudo_set_nominator_min_required_stake: { min_stake: bigint }
  sudo_set_tx_delegate_take_rate_limit: { tx_rate_limit: bigint }
  sudo_set_min_delegate_take: { take: number }
  sudo_set_min_childkey_take_per_subnet: { netuid: number; take: number }
  sudo_set_commit_reveal_weights_enabled: { netuid: number; enabled: boolean }
  sudo_set_liquid_alpha_enabled: { netuid: number; enabled: boolean }
  sudo_set_alpha_values: { netuid: number; alpha_low: number; alpha_high: number }
  sudo_set_dissolve_network_schedule_duration: { duration: number }
  sudo_set_commit_reveal_weights_interval: { netuid: number; interval: bigint }
  sudo_set_evm_chain_id: { chain_id: bigint }
  schedule_grandpa_change: { next_authorities: [Uint8Array, bigint][]; in_blocks: number; forced: number | null }
  sudo_set_toggle_transfer: { netuid: number; toggle: boolean }
  sudo_set_recycle_or_burn: { netuid: number; recycle_or_burn: { type: 'Burn' | 'Recycle' } }
  sudo_toggle_evm_precompile: { precompile_id: { type: string }; enabled: boolean }
  sudo_set_subnet_moving_alpha: { alpha: FixedValue }
  sudo_set_subnet_owner_hotkey: { netuid: number; hotkey: Uint8Array }
  sudo_set_ema_price_halving_period: { netuid: number; ema_halving: bigint }
  sudo_set_alpha_sigmoid_steepness: { netuid: number; steepness: number }
  sudo_set_yuma3_enabled: { netuid: number; enabled: boolean }
  sudo_set_bonds_reset_enabled: { netuid: number; enabled: boolean }
  sudo_set_sn_owner_hotkey: { netuid: number; hotkey: Uint8Array }
  sudo_set_subtoken_enabled: { netuid: number; subtoken_enabled: boolean }
  sudo_set_commit_reveal_version: { version: number }
  sudo_set_owner_immune_neuron_limit: { netuid: number; immune_neurons: number }
  sudo_set_ck_burn: { burn: bigint }
  sudo_set_admin_freeze_window: { window: number }
  sudo_set_owner_hparam_rate_limit: { epochs: number }
  sudo_set_mechanism_count: { netuid: number; mechanism_count: number }
  sudo_set_mechanism_emission_split: { netuid: number; maybe_split: number[] | null }
  sudo_trim_to_max_allowed_uids: { netuid: number; max_n: number }
  sudo_set_min_allowed_uids: { netuid: number; min_allowed_uids: number }
  sudo_set_tao_flow_cutoff: { flow_cutoff: FixedValue }
  sudo_set_tao_flow_normalization_exponent: { exponent: FixedValue }
  sudo_set_tao_flow_smoothing_factor: { smoothing_factor: bigint }
  sudo_set_net_tao_flow_enabled: { enabled: boolean }
  sudo_set_max_mechanism_count: { max_mechanism_count: number }
  sudo_set_min_non_immune_uids: { netuid: number; min: number }
  sudo_set_start_call_delay: { delay: bigint }
  sudo_set_coldkey_swap_announcement_delay: { duration: number }
  sudo_set_coldkey_swap_reannouncement_delay: { duration: number }
  sudo_set_burn_half_life: { netuid: number; burn_half_life: number }
  sudo_set_burn_increase_mult: { netuid: number; burn_increase_mult: FixedValue }
  sudo_set_owner_cut_enabled: { netuid: number; enabled: boolean }
  sudo_set_owner_cut_auto_lock_enabled: { netuid: number; enabled: boolean }
  sudo_set_subnet_emission_enabled: { netuid: number; enabled: boolean }
  sudo_set_max_epochs_per_block: { max_epochs_per_block: number }
}

type A = AdminUtilsCallArgs
export type AdminUtilsCallImpl<K extends keyof A> = CallImpl<A[K]>
// AdminUtils has no error of its own for this; a setter without behaviour fails loudly instead of faking success.
const impls = new CallImpls<A>('AdminUtils', () => new DispatchFailure({ type: 'Unavailable' }, 'AdminUtils: call not implemented by the emulator'))

/** Give a declared setter its behaviour. */
export function implement<K extends keyof A>(name: K, fn: AdminUtilsCallImpl<K>): void { impls.implement(name, fn) }
/** Whether the emulator gives the call its behaviour (else it fails with DispatchError::Unavailable). */
export const isImplemented = (name: keyof A): boolean => impls.isImplemented(name)
const run = <K extends keyof A>(name: K, ctx: CallCtx, args: A[K]): PostInfo | void => impls.run(name, ctx, args)

adminUtils.call<A['swap_authorities']>(0, 'swap_authorities', [f('new_authorities', vec(AuraAuthorityId), 'BoundedVec<<T as Config>::AuthorityId, T::MaxAuthorities>')], { weight: (a) => weight(4_442_146n + 29_392n * BigInt(a.new_authorities.length) + 100_000_000n, 0n), handler: (ctx, a) => run('swap_authorities', ctx, a) })
adminUtils.call<A['sudo_set_default_take']>(1, 'sudo_set_default_take', [f('default_take', u16, 'u16')], { weight: () => weight(105400000n, 0n), handler: (ctx, a) => run('sudo_set_default_take', ctx, a) })
adminUtils.call<A['sudo_set_tx_rate_limit']>(2, 'sudo_set_tx_rate_limit', [f('tx_rate_limit', u64, 'u64')], { weight: () => weight(105440000n, 0n), handler: (ctx, a) => run('sudo_set_tx_rate_limit', ctx, a) })
adminUtils.call<A['sudo_set_serving_rate_limit']>(3, 'sudo_set_serving_rate_limit', [f('netuid', NetUid, 'NetUid'), f('serving_rate_limit', u64, 'u64')], { weight: () => weight(228633000n, 4212n), handler: (ctx, a) => run('sudo_set_serving_rate_limit', ctx, a) })
adminUtils.call<A['sudo_set_min_difficulty']>(4, 'sudo_set_min_difficulty', [f('netuid', NetUid, 'NetUid'), f('min_difficulty', u64, 'u64')], { weight: () => weight(259554000n, 4383n), handler: (ctx, a) => run('sudo_set_min_difficulty', ctx, a) })
adminUtils.call<A['sudo_set_max_difficulty']>(5, 'sudo_set_max_difficulty', [f('netuid', NetUid, 'NetUid'), f('max_difficulty', u64, 'u64')], { weight: () => weight(259704000n, 4383n), handler: (ctx, a) => run('sudo_set_max_difficulty', ctx, a) })
adminUtils.call<A['sudo_set_weights_version_key']>(6, 'sudo_set_weights_version_key', [f('netuid', NetUid, 'NetUid'), f('weights_version_key', u64, 'u64')], { weight: () => weight(259204000n, 4383n), handler: (ctx, a) => run('sudo_set_weights_version_key', ctx, a) })
adminUtils.call<A['sudo_set_weights_set_rate_limit']>(7, 'sudo_set_weights_set_rate_limit', [f('netuid', NetUid, 'NetUid'), f('weights_set_rate_limit', u64, 'u64')], { weight: () => weight(141420000n, 4084n), handler: (ctx, a) => run('sudo_set_weights_set_rate_limit', ctx, a) })
adminUtils.call<A['sudo_set_adjustment_interval']>(8, 'sudo_set_adjustment_interval', [f('netuid', NetUid, 'NetUid'), f('adjustment_interval', u16, 'u16')], { weight: () => weight(141320000n, 4084n), handler: (ctx, a) => run('sudo_set_adjustment_interval', ctx, a) })
adminUtils.call<A['sudo_set_adjustment_alpha']>(9, 'sudo_set_adjustment_alpha', [f('netuid', NetUid, 'NetUid'), f('adjustment_alpha', u64, 'u64')], { weight: () => weight(139000000n, 0n), handler: (ctx, a) => run('sudo_set_adjustment_alpha', ctx, a) })
adminUtils.call<A['sudo_set_immunity_period']>(13, 'sudo_set_immunity_period', [f('netuid', NetUid, 'NetUid'), f('immunity_period', u16, 'u16')], { weight: () => weight(259414000n, 4383n), handler: (ctx, a) => run('sudo_set_immunity_period', ctx, a) })
adminUtils.call<A['sudo_set_min_allowed_weights']>(14, 'sudo_set_min_allowed_weights', [f('netuid', NetUid, 'NetUid'), f('min_allowed_weights', u16, 'u16')], { weight: () => weight(259664000n, 4383n), handler: (ctx, a) => run('sudo_set_min_allowed_weights', ctx, a) })
adminUtils.call<A['sudo_set_max_allowed_uids']>(15, 'sudo_set_max_allowed_uids', [f('netuid', NetUid, 'NetUid'), f('max_allowed_uids', u16, 'u16')], { weight: () => weight(343381000n, 4433n), handler: (ctx, a) => run('sudo_set_max_allowed_uids', ctx, a) })
adminUtils.call<A['sudo_set_kappa']>(16, 'sudo_set_kappa', [f('netuid', NetUid, 'NetUid'), f('kappa', u16, 'u16')], { weight: () => weight(141301000n, 4084n), handler: (ctx, a) => run('sudo_set_kappa', ctx, a) })
adminUtils.call<A['sudo_set_rho']>(17, 'sudo_set_rho', [f('netuid', NetUid, 'NetUid'), f('rho', u16, 'u16')], { weight: () => weight(256268000n, 4383n), handler: (ctx, a) => run('sudo_set_rho', ctx, a) })
adminUtils.call<A['sudo_set_activity_cutoff']>(18, 'sudo_set_activity_cutoff', [f('netuid', NetUid, 'NetUid'), f('activity_cutoff', u16, 'u16')], { weight: () => weight(285165000n, 4383n), handler: (ctx, a) => run('sudo_set_activity_cutoff', ctx, a) })
adminUtils.call<A['sudo_set_network_registration_allowed']>(19, 'sudo_set_network_registration_allowed', [f('netuid', NetUid, 'NetUid'), f('registration_allowed', bool, 'bool')], { weight: () => weight(107113000n, 0n), handler: (ctx, a) => run('sudo_set_network_registration_allowed', ctx, a) })
adminUtils.call<A['sudo_set_network_pow_registration_allowed']>(20, 'sudo_set_network_pow_registration_allowed', [f('netuid', NetUid, 'NetUid'), f('registration_allowed', bool, 'bool')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_network_pow_registration_allowed', ctx, a) })
adminUtils.call<A['sudo_set_target_registrations_per_interval']>(21, 'sudo_set_target_registrations_per_interval', [f('netuid', NetUid, 'NetUid'), f('target_registrations_per_interval', u16, 'u16')], { weight: () => weight(259103000n, 4383n), handler: (ctx, a) => run('sudo_set_target_registrations_per_interval', ctx, a) })
adminUtils.call<A['sudo_set_min_burn']>(22, 'sudo_set_min_burn', [f('netuid', NetUid, 'NetUid'), f('min_burn', TaoBalance, 'TaoBalance')], { weight: () => weight(287780000n, 4385n), handler: (ctx, a) => run('sudo_set_min_burn', ctx, a) })
adminUtils.call<A['sudo_set_max_burn']>(23, 'sudo_set_max_burn', [f('netuid', NetUid, 'NetUid'), f('max_burn', TaoBalance, 'TaoBalance')], { weight: () => weight(286949000n, 4410n), handler: (ctx, a) => run('sudo_set_max_burn', ctx, a) })
adminUtils.call<A['sudo_set_difficulty']>(24, 'sudo_set_difficulty', [f('netuid', NetUid, 'NetUid'), f('difficulty', u64, 'u64')], { weight: () => weight(259434000n, 4383n), handler: (ctx, a) => run('sudo_set_difficulty', ctx, a) })
adminUtils.call<A['sudo_set_max_allowed_validators']>(25, 'sudo_set_max_allowed_validators', [f('netuid', NetUid, 'NetUid'), f('max_allowed_validators', u16, 'u16')], { weight: () => weight(285896000n, 4383n), handler: (ctx, a) => run('sudo_set_max_allowed_validators', ctx, a) })
adminUtils.call<A['sudo_set_bonds_moving_average']>(26, 'sudo_set_bonds_moving_average', [f('netuid', NetUid, 'NetUid'), f('bonds_moving_average', u64, 'u64')], { weight: () => weight(259495000n, 4383n), handler: (ctx, a) => run('sudo_set_bonds_moving_average', ctx, a) })
adminUtils.call<A['sudo_set_bonds_penalty']>(60, 'sudo_set_bonds_penalty', [f('netuid', NetUid, 'NetUid'), f('bonds_penalty', u16, 'u16')], { weight: () => weight(259354000n, 4383n), handler: (ctx, a) => run('sudo_set_bonds_penalty', ctx, a) })
adminUtils.call<A['sudo_set_max_registrations_per_block']>(27, 'sudo_set_max_registrations_per_block', [f('netuid', NetUid, 'NetUid'), f('max_registrations_per_block', u16, 'u16')], { weight: () => weight(259604000n, 4383n), handler: (ctx, a) => run('sudo_set_max_registrations_per_block', ctx, a) })
adminUtils.call<A['sudo_set_subnet_owner_cut']>(28, 'sudo_set_subnet_owner_cut', [f('subnet_owner_cut', u16, 'u16')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_subnet_owner_cut', ctx, a) })
adminUtils.call<A['sudo_set_network_rate_limit']>(29, 'sudo_set_network_rate_limit', [f('rate_limit', u64, 'u64')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_network_rate_limit', ctx, a) })
adminUtils.call<A['sudo_set_tempo']>(30, 'sudo_set_tempo', [f('netuid', NetUid, 'NetUid'), f('tempo', u16, 'u16')], { weight: () => weight(361298000n, 4383n), handler: (ctx, a) => run('sudo_set_tempo', ctx, a) })
adminUtils.call<A['sudo_set_total_issuance']>(33, 'sudo_set_total_issuance', [f('total_issuance', TaoBalance, 'TaoBalance')], { weight: () => weight(5931000n, 0n), handler: (ctx, a) => run('sudo_set_total_issuance', ctx, a) })
adminUtils.call<A['sudo_set_network_immunity_period']>(35, 'sudo_set_network_immunity_period', [f('immunity_period', u64, 'u64')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_network_immunity_period', ctx, a) })
adminUtils.call<A['sudo_set_network_min_lock_cost']>(36, 'sudo_set_network_min_lock_cost', [f('lock_cost', TaoBalance, 'TaoBalance')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_network_min_lock_cost', ctx, a) })
adminUtils.call<A['sudo_set_subnet_limit']>(37, 'sudo_set_subnet_limit', [f('max_subnets', u16, 'u16')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_subnet_limit', ctx, a) })
adminUtils.call<A['sudo_set_lock_reduction_interval']>(38, 'sudo_set_lock_reduction_interval', [f('interval', u64, 'u64')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_lock_reduction_interval', ctx, a) })
adminUtils.call<A['sudo_set_rao_recycled']>(39, 'sudo_set_rao_recycled', [f('netuid', NetUid, 'NetUid'), f('rao_recycled', TaoBalance, 'TaoBalance')], { weight: () => weight(141541000n, 4084n), handler: (ctx, a) => run('sudo_set_rao_recycled', ctx, a) })
adminUtils.call<A['sudo_set_stake_threshold']>(42, 'sudo_set_stake_threshold', [f('min_stake', u64, 'u64')], { weight: () => weight(105500000n, 0n), handler: (ctx, a) => run('sudo_set_stake_threshold', ctx, a) })
adminUtils.call<A['sudo_set_nominator_min_required_stake']>(43, 'sudo_set_nominator_min_required_stake', [f('min_stake', u64, 'u64')], { weight: () => weight(255697000n, 6890n), handler: (ctx, a) => run('sudo_set_nominator_min_required_stake', ctx, a) })
adminUtils.call<A['sudo_set_tx_delegate_take_rate_limit']>(45, 'sudo_set_tx_delegate_take_rate_limit', [f('tx_rate_limit', u64, 'u64')], { weight: () => weight(105420000n, 0n), handler: (ctx, a) => run('sudo_set_tx_delegate_take_rate_limit', ctx, a) })
adminUtils.call<A['sudo_set_min_delegate_take']>(46, 'sudo_set_min_delegate_take', [f('take', u16, 'u16')], { weight: () => weight(105490000n, 0n), handler: (ctx, a) => run('sudo_set_min_delegate_take', ctx, a) })
adminUtils.call<A['sudo_set_min_childkey_take_per_subnet']>(93, 'sudo_set_min_childkey_take_per_subnet', [f('netuid', NetUid, 'NetUid'), f('take', u16, 'u16')], { weight: () => weight(313100000n, 4419n), handler: (ctx, a) => run('sudo_set_min_childkey_take_per_subnet', ctx, a) })
adminUtils.call<A['sudo_set_commit_reveal_weights_enabled']>(49, 'sudo_set_commit_reveal_weights_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(259544000n, 4383n), handler: (ctx, a) => run('sudo_set_commit_reveal_weights_enabled', ctx, a) })
adminUtils.call<A['sudo_set_liquid_alpha_enabled']>(50, 'sudo_set_liquid_alpha_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(225538000n, 4280n), handler: (ctx, a) => run('sudo_set_liquid_alpha_enabled', ctx, a) })
adminUtils.call<A['sudo_set_alpha_values']>(51, 'sudo_set_alpha_values', [f('netuid', NetUid, 'NetUid'), f('alpha_low', u16, 'u16'), f('alpha_high', u16, 'u16')], { weight: () => weight(259224000n, 4427n), handler: (ctx, a) => run('sudo_set_alpha_values', ctx, a) })
adminUtils.call<A['sudo_set_dissolve_network_schedule_duration']>(55, 'sudo_set_dissolve_network_schedule_duration', [f('duration', u32, 'BlockNumberFor<T>')], { weight: () => weight(105591000n, 0n), handler: (ctx, a) => run('sudo_set_dissolve_network_schedule_duration', ctx, a) })
adminUtils.call<A['sudo_set_commit_reveal_weights_interval']>(57, 'sudo_set_commit_reveal_weights_interval', [f('netuid', NetUid, 'NetUid'), f('interval', u64, 'u64')], { weight: () => weight(259654000n, 4383n), handler: (ctx, a) => run('sudo_set_commit_reveal_weights_interval', ctx, a) })
adminUtils.call<A['sudo_set_evm_chain_id']>(58, 'sudo_set_evm_chain_id', [f('chain_id', u64, 'u64')], { weight: () => weight(152199000n, 0n), handler: (ctx, a) => run('sudo_set_evm_chain_id', ctx, a) })
adminUtils.call<A['schedule_grandpa_change']>(59, 'schedule_grandpa_change', [f('next_authorities', AuthorityList, 'AuthorityList'), f('in_blocks', u32, 'BlockNumberFor<T>'), f('forced', option(u32), 'Option<BlockNumberFor<T>>')], { weight: (a) => weight(7_972_506n + 15_444n * BigInt(a.next_authorities.length) + 25_000_000n, 2779n), handler: (ctx, a) => run('schedule_grandpa_change', ctx, a) })
adminUtils.call<A['sudo_set_toggle_transfer']>(61, 'sudo_set_toggle_transfer', [f('netuid', NetUid, 'NetUid'), f('toggle', bool, 'bool')], { weight: () => weight(228343000n, 4280n), handler: (ctx, a) => run('sudo_set_toggle_transfer', ctx, a) })
adminUtils.call<A['sudo_set_recycle_or_burn']>(80, 'sudo_set_recycle_or_burn', [f('netuid', NetUid, 'NetUid'), f('recycle_or_burn', RecycleOrBurnEnum, 'pallet_subtensor::RecycleOrBurnEnum')], { weight: () => weight(270000000n, 0n), handler: (ctx, a) => run('sudo_set_recycle_or_burn', ctx, a) })
adminUtils.call<A['sudo_toggle_evm_precompile']>(62, 'sudo_toggle_evm_precompile', [f('precompile_id', PrecompileEnum, 'PrecompileEnum'), f('enabled', bool, 'bool')], { weight: () => weight(31162000n, 3507n), handler: (ctx, a) => run('sudo_toggle_evm_precompile', ctx, a) })
adminUtils.call<A['sudo_set_subnet_moving_alpha']>(63, 'sudo_set_subnet_moving_alpha', [f('alpha', I96F32, 'I96F32')], { weight: () => weight(102955000n, 0n), handler: (ctx, a) => run('sudo_set_subnet_moving_alpha', ctx, a) })
adminUtils.call<A['sudo_set_subnet_owner_hotkey']>(64, 'sudo_set_subnet_owner_hotkey', [f('netuid', NetUid, 'NetUid'), f('hotkey', AccountId, '<T as frame_system::Config>::AccountId')], { weight: () => weight(103918000n, 0n), handler: (ctx, a) => run('sudo_set_subnet_owner_hotkey', ctx, a) })
adminUtils.call<A['sudo_set_ema_price_halving_period']>(65, 'sudo_set_ema_price_halving_period', [f('netuid', NetUid, 'NetUid'), f('ema_halving', u64, 'u64')], { weight: () => weight(104198000n, 0n), handler: (ctx, a) => run('sudo_set_ema_price_halving_period', ctx, a) })
adminUtils.call<A['sudo_set_alpha_sigmoid_steepness']>(68, 'sudo_set_alpha_sigmoid_steepness', [f('netuid', NetUid, 'NetUid'), f('steepness', i16, 'i16')], { weight: () => weight(256438000n, 4383n), handler: (ctx, a) => run('sudo_set_alpha_sigmoid_steepness', ctx, a) })
adminUtils.call<A['sudo_set_yuma3_enabled']>(69, 'sudo_set_yuma3_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(228583000n, 4280n), handler: (ctx, a) => run('sudo_set_yuma3_enabled', ctx, a) })
adminUtils.call<A['sudo_set_bonds_reset_enabled']>(70, 'sudo_set_bonds_reset_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(230507000n, 4280n), handler: (ctx, a) => run('sudo_set_bonds_reset_enabled', ctx, a) })
adminUtils.call<A['sudo_set_sn_owner_hotkey']>(67, 'sudo_set_sn_owner_hotkey', [f('netuid', NetUid, 'NetUid'), f('hotkey', AccountId, '<T as frame_system::Config>::AccountId')], { weight: () => weight(275687000n, 4177n), handler: (ctx, a) => run('sudo_set_sn_owner_hotkey', ctx, a) })
adminUtils.call<A['sudo_set_subtoken_enabled']>(66, 'sudo_set_subtoken_enabled', [f('netuid', NetUid, 'NetUid'), f('subtoken_enabled', bool, 'bool')], { weight: () => weight(225467000n, 4280n), handler: (ctx, a) => run('sudo_set_subtoken_enabled', ctx, a) })
adminUtils.call<A['sudo_set_commit_reveal_version']>(71, 'sudo_set_commit_reveal_version', [f('version', u16, 'u16')], { weight: () => weight(106052000n, 0n), handler: (ctx, a) => run('sudo_set_commit_reveal_version', ctx, a) })
adminUtils.call<A['sudo_set_owner_immune_neuron_limit']>(72, 'sudo_set_owner_immune_neuron_limit', [f('netuid', NetUid, 'NetUid'), f('immune_neurons', u16, 'u16')], { weight: () => weight(225107000n, 4280n), handler: (ctx, a) => run('sudo_set_owner_immune_neuron_limit', ctx, a) })
adminUtils.call<A['sudo_set_ck_burn']>(73, 'sudo_set_ck_burn', [f('burn', u64, 'u64')], { weight: () => weight(140650000n, 0n), handler: (ctx, a) => run('sudo_set_ck_burn', ctx, a) })
adminUtils.call<A['sudo_set_admin_freeze_window']>(74, 'sudo_set_admin_freeze_window', [f('window', u16, 'u16')], { weight: () => weight(105450000n, 0n), handler: (ctx, a) => run('sudo_set_admin_freeze_window', ctx, a) })
adminUtils.call<A['sudo_set_owner_hparam_rate_limit']>(75, 'sudo_set_owner_hparam_rate_limit', [f('epochs', u16, 'u16')], { weight: () => weight(105471000n, 0n), handler: (ctx, a) => run('sudo_set_owner_hparam_rate_limit', ctx, a) })
adminUtils.call<A['sudo_set_mechanism_count']>(76, 'sudo_set_mechanism_count', [f('netuid', NetUid, 'NetUid'), f('mechanism_count', MechId, 'MechId')], { weight: () => weight(140000000n, 0n), handler: (ctx, a) => run('sudo_set_mechanism_count', ctx, a) })
adminUtils.call<A['sudo_set_mechanism_emission_split']>(77, 'sudo_set_mechanism_emission_split', [f('netuid', NetUid, 'NetUid'), f('maybe_split', option(vec(u16)), 'Option<Vec<u16>>')], { weight: () => weight(140000000n, 0n), handler: (ctx, a) => run('sudo_set_mechanism_emission_split', ctx, a) })
adminUtils.call<A['sudo_trim_to_max_allowed_uids']>(78, 'sudo_trim_to_max_allowed_uids', [f('netuid', NetUid, 'NetUid'), f('max_n', u16, 'u16')], { weight: () => weight(338302000n, 4398n), handler: (ctx, a) => run('sudo_trim_to_max_allowed_uids', ctx, a) })
adminUtils.call<A['sudo_set_min_allowed_uids']>(79, 'sudo_set_min_allowed_uids', [f('netuid', NetUid, 'NetUid'), f('min_allowed_uids', u16, 'u16')], { weight: () => weight(312890000n, 4383n), handler: (ctx, a) => run('sudo_set_min_allowed_uids', ctx, a) })
adminUtils.call<A['sudo_set_tao_flow_cutoff']>(81, 'sudo_set_tao_flow_cutoff', [f('flow_cutoff', I64F64, 'I64F64')], { weight: () => weight(107343000n, 0n), handler: (ctx, a) => run('sudo_set_tao_flow_cutoff', ctx, a) })
adminUtils.call<A['sudo_set_tao_flow_normalization_exponent']>(82, 'sudo_set_tao_flow_normalization_exponent', [f('exponent', U64F64, 'U64F64')], { weight: () => weight(107343000n, 0n), handler: (ctx, a) => run('sudo_set_tao_flow_normalization_exponent', ctx, a) })
adminUtils.call<A['sudo_set_tao_flow_smoothing_factor']>(83, 'sudo_set_tao_flow_smoothing_factor', [f('smoothing_factor', u64, 'u64')], { weight: () => weight(107343000n, 0n), handler: (ctx, a) => run('sudo_set_tao_flow_smoothing_factor', ctx, a) })
adminUtils.call<A['sudo_set_net_tao_flow_enabled']>(91, 'sudo_set_net_tao_flow_enabled', [f('enabled', bool, 'bool')], { weight: () => weight(107343000n, 0n), handler: (ctx, a) => run('sudo_set_net_tao_flow_enabled', ctx, a) })
adminUtils.call<A['sudo_set_max_mechanism_count']>(88, 'sudo_set_max_mechanism_count', [f('max_mechanism_count', MechId, 'MechId')], { weight: () => weight(140000000n, 0n), handler: (ctx, a) => run('sudo_set_max_mechanism_count', ctx, a) })
adminUtils.call<A['sudo_set_min_non_immune_uids']>(84, 'sudo_set_min_non_immune_uids', [f('netuid', NetUid, 'NetUid'), f('min', u16, 'u16')], { weight: () => weight(106783000n, 0n), handler: (ctx, a) => run('sudo_set_min_non_immune_uids', ctx, a) })
adminUtils.call<A['sudo_set_start_call_delay']>(85, 'sudo_set_start_call_delay', [f('delay', u64, 'u64')], { weight: () => weight(114000000n, 0n), handler: (ctx, a) => run('sudo_set_start_call_delay', ctx, a) })
adminUtils.call<A['sudo_set_coldkey_swap_announcement_delay']>(86, 'sudo_set_coldkey_swap_announcement_delay', [f('duration', u32, 'BlockNumberFor<T>')], { weight: () => weight(105370000n, 0n), handler: (ctx, a) => run('sudo_set_coldkey_swap_announcement_delay', ctx, a) })
adminUtils.call<A['sudo_set_coldkey_swap_reannouncement_delay']>(87, 'sudo_set_coldkey_swap_reannouncement_delay', [f('duration', u32, 'BlockNumberFor<T>')], { weight: () => weight(105360000n, 0n), handler: (ctx, a) => run('sudo_set_coldkey_swap_reannouncement_delay', ctx, a) })
adminUtils.call<A['sudo_set_burn_half_life']>(89, 'sudo_set_burn_half_life', [f('netuid', NetUid, 'NetUid'), f('burn_half_life', u16, 'u16')], { weight: () => weight(225000000n, 0n), class: 'Operational', handler: (ctx, a) => run('sudo_set_burn_half_life', ctx, a) })
adminUtils.call<A['sudo_set_burn_increase_mult']>(90, 'sudo_set_burn_increase_mult', [f('netuid', NetUid, 'NetUid'), f('burn_increase_mult', U64F64, 'U64F64')], { weight: () => weight(225000000n, 0n), class: 'Operational', handler: (ctx, a) => run('sudo_set_burn_increase_mult', ctx, a) })
adminUtils.call<A['sudo_set_owner_cut_enabled']>(92, 'sudo_set_owner_cut_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(225000000n, 0n), class: 'Operational', handler: (ctx, a) => run('sudo_set_owner_cut_enabled', ctx, a) })
adminUtils.call<A['sudo_set_owner_cut_auto_lock_enabled']>(95, 'sudo_set_owner_cut_auto_lock_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(225000000n, 0n), class: 'Operational', handler: (ctx, a) => run('sudo_set_owner_cut_auto_lock_enabled', ctx, a) })
adminUtils.call<A['sudo_set_subnet_emission_enabled']>(94, 'sudo_set_subnet_emission_enabled', [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')], { weight: () => weight(141351000n, 4084n), handler: (ctx, a) => run('sudo_set_subnet_emission_enabled', ctx, a) })
adminUtils.call<A['sudo_set_max_epochs_per_block']>(96, 'sudo_set_max_epochs_per_block', [f('max_epochs_per_block', u8, 'u8')], { weight: () => weight(105530000n, 0n), handler: (ctx, a) => run('sudo_set_max_epochs_per_block', ctx, a) })

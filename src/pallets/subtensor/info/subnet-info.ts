// rpc_info/subnet_info.rs: SubnetInfo(v2), SubnetHyperparams(V2), the V3 named list, and the
// utils/misc.rs getters they read. Deprecated fields keep the chain's constants (network_modality
// 0, network_connect [], emission 0, user_liquidity_enabled false).
import { array, bool, bytes, compact, composite, f, option, prim, u16, u32, u64, u128, variant, vec, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId, SubnetIdentityV3, U64F64 } from '../types.js'
import { ifSubnetExist } from '../utils/misc.js'

const c16 = compact(u16)
const c32 = compact(u32)
const c64 = compact(u64)
const i64 = prim('i64')
const P = 'pallet_subtensor::rpc_info::subnet_info::'
const accountParam = [{ name: 'AccountId', type: AccountId }]
/** substrate_fixed's I32F32 (FixedI64<U32>): its raw i64 bits. */
export const I32F32: Ty = composite('substrate_fixed::FixedI64', [f('bits', i64, 'i64')], { params: [{ name: 'Frac' }] })

/** `get_activity_cutoff_blocks`: ActivityCutoffFactorMilli × Tempo / 1000, at least 1. */
export function activityCutoffBlocks(s: Store, netuid: number): bigint {
  const blocks = (BigInt(S.ActivityCutoffFactorMilli.get(s, netuid)) * BigInt(S.Tempo.get(s, netuid))) / 1000n
  return blocks > 0n ? blocks : 1n
}

/** `get_effective_min_childkey_take`: the larger of the global and the subnet's minimum. */
export function effectiveMinChildkeyTake(s: Store, netuid: number): number {
  return Math.max(S.MinChildkeyTake.get(s), S.MinChildkeyTakePerSubnet.get(s, netuid) ?? 0)
}

/** `get_alpha_sigmoid_steepness`: the stored i16 as I32F32 bits. */
export const alphaSigmoidSteepnessBits = (s: Store, netuid: number): bigint => BigInt(S.AlphaSigmoidSteepness.get(s, netuid)) << 32n

const infoFields = (emission: string): Parameters<typeof f>[] => [
  ['netuid', c16, 'Compact<NetUid>'], ['rho', c16, 'Compact<u16>'], ['kappa', c16, 'Compact<u16>'],
  ['difficulty', c64, 'Compact<u64>'], ['immunity_period', c16, 'Compact<u16>'],
  ['max_allowed_validators', c16, 'Compact<u16>'], ['min_allowed_weights', c16, 'Compact<u16>'],
  ['max_weights_limit', c16, 'Compact<u16>'], ['scaling_law_power', c16, 'Compact<u16>'],
  ['subnetwork_n', c16, 'Compact<u16>'], ['max_allowed_uids', c16, 'Compact<u16>'],
  ['blocks_since_last_step', c64, 'Compact<u64>'], ['tempo', c16, 'Compact<u16>'],
  ['network_modality', c16, 'Compact<u16>'], ['network_connect', vec(array(2, u16)), 'Vec<[u16; 2]>'],
  [emission, c64, 'Compact<u64>'], ['burn', c64, 'Compact<TaoBalance>'], ['owner', AccountId, 'AccountId'],
]
export const SubnetInfo: Ty = composite(`${P}SubnetInfo`, infoFields('emission_values').map((a) => f(...a)), { params: accountParam })
export const SubnetInfov2: Ty = composite(`${P}SubnetInfov2`, [
  ...infoFields('emission_value').map((a) => f(...a)), f('identity', option(SubnetIdentityV3), 'Option<SubnetIdentityV3>'),
], { params: accountParam })

function info(s: Store, netuid: number, emissionName: string): Record<string, unknown> {
  return {
    netuid, rho: S.Rho.get(s, netuid), kappa: S.Kappa.get(s, netuid), difficulty: S.Difficulty.get(s, netuid),
    immunity_period: S.ImmunityPeriod.get(s, netuid), max_allowed_validators: S.MaxAllowedValidators.get(s, netuid),
    min_allowed_weights: S.MinAllowedWeights.get(s, netuid), max_weights_limit: S.MaxWeightsLimit.get(s, netuid),
    scaling_law_power: S.ScalingLawPower.get(s, netuid), subnetwork_n: S.SubnetworkN.get(s, netuid),
    max_allowed_uids: S.MaxAllowedUids.get(s, netuid), blocks_since_last_step: S.BlocksSinceLastStep.get(s, netuid),
    tempo: S.Tempo.get(s, netuid), network_modality: 0, network_connect: [], [emissionName]: 0n,
    burn: S.Burn.get(s, netuid), owner: S.SubnetOwner.get(s, netuid),
  }
}

export const subnetInfo = (s: Store, netuid: number): Record<string, unknown> | null =>
  ifSubnetExist(s, netuid) ? info(s, netuid, 'emission_values') : null

export function subnetInfoV2(s: Store, netuid: number): Record<string, unknown> | null {
  if (!ifSubnetExist(s, netuid)) return null
  return { ...info(s, netuid, 'emission_value'), identity: S.SubnetIdentitiesV3.get(s, netuid) }
}

/** `get_subnets_info(_v2)`: the added netuids in ascending order. */
export function addedNetuidsAscending(s: Store): number[] {
  const out: number[] = []
  for (const [netuid, added] of S.NetworksAdded.iter(s)) if (added) out.push(netuid)
  return out.sort((a, b) => a - b)
}

/** `get_all_subnet_netuids`: every NetworksAdded key, in storage-key order. */
export const allSubnetNetuids = (s: Store): number[] => [...S.NetworksAdded.iterKeys(s)]

const hyperFields: Parameters<typeof f>[] = [
  ['rho', c16, 'Compact<u16>'], ['kappa', c16, 'Compact<u16>'], ['immunity_period', c16, 'Compact<u16>'],
  ['min_allowed_weights', c16, 'Compact<u16>'], ['max_weights_limit', c16, 'Compact<u16>'], ['tempo', c16, 'Compact<u16>'],
  ['min_difficulty', c64, 'Compact<u64>'], ['max_difficulty', c64, 'Compact<u64>'], ['weights_version', c64, 'Compact<u64>'],
  ['weights_rate_limit', c64, 'Compact<u64>'], ['adjustment_interval', c16, 'Compact<u16>'], ['activity_cutoff', c64, 'Compact<u64>'],
  ['registration_allowed', bool, 'bool'], ['target_regs_per_interval', c16, 'Compact<u16>'], ['min_burn', c64, 'Compact<TaoBalance>'],
  ['max_burn', c64, 'Compact<TaoBalance>'], ['bonds_moving_avg', c64, 'Compact<u64>'], ['max_regs_per_block', c16, 'Compact<u16>'],
  ['serving_rate_limit', c64, 'Compact<u64>'], ['max_validators', c16, 'Compact<u16>'], ['adjustment_alpha', c64, 'Compact<u64>'],
  ['difficulty', c64, 'Compact<u64>'], ['commit_reveal_period', c64, 'Compact<u64>'], ['commit_reveal_weights_enabled', bool, 'bool'],
  ['alpha_high', c16, 'Compact<u16>'], ['alpha_low', c16, 'Compact<u16>'], ['liquid_alpha_enabled', bool, 'bool'],
]
export const SubnetHyperparams: Ty = composite(`${P}SubnetHyperparams`, hyperFields.map((a) => f(...a)))
export const SubnetHyperparamsV2: Ty = composite(`${P}SubnetHyperparamsV2`, [
  ...hyperFields.map((a) => f(...a)), f('alpha_sigmoid_steepness', I32F32, 'I32F32'), f('yuma_version', c16, 'Compact<u16>'),
  f('subnet_is_active', bool, 'bool'), f('transfers_enabled', bool, 'bool'), f('bonds_reset_enabled', bool, 'bool'),
  f('user_liquidity_enabled', bool, 'bool'),
])

function hyperparams(s: Store, netuid: number): Record<string, unknown> {
  const [alphaLow, alphaHigh] = S.AlphaValues.get(s, netuid)
  return {
    rho: S.Rho.get(s, netuid), kappa: S.Kappa.get(s, netuid), immunity_period: S.ImmunityPeriod.get(s, netuid),
    min_allowed_weights: S.MinAllowedWeights.get(s, netuid), max_weights_limit: S.MaxWeightsLimit.get(s, netuid),
    tempo: S.Tempo.get(s, netuid), min_difficulty: S.MinDifficulty.get(s, netuid), max_difficulty: S.MaxDifficulty.get(s, netuid),
    weights_version: S.WeightsVersionKey.get(s, netuid), weights_rate_limit: S.WeightsSetRateLimit.get(s, netuid),
    adjustment_interval: S.AdjustmentInterval.get(s, netuid), activity_cutoff: activityCutoffBlocks(s, netuid),
    registration_allowed: S.NetworkRegistrationAllowed.get(s, netuid),
    target_regs_per_interval: S.TargetRegistrationsPerInterval.get(s, netuid), min_burn: S.MinBurn.get(s, netuid),
    max_burn: S.MaxBurn.get(s, netuid), bonds_moving_avg: S.BondsMovingAverage.get(s, netuid),
    max_regs_per_block: S.MaxRegistrationsPerBlock.get(s, netuid), serving_rate_limit: S.ServingRateLimit.get(s, netuid),
    max_validators: S.MaxAllowedValidators.get(s, netuid), adjustment_alpha: S.AdjustmentAlpha.get(s, netuid),
    difficulty: S.Difficulty.get(s, netuid), commit_reveal_period: S.RevealPeriodEpochs.get(s, netuid),
    commit_reveal_weights_enabled: S.CommitRevealWeightsEnabled.get(s, netuid),
    alpha_high: alphaHigh, alpha_low: alphaLow, liquid_alpha_enabled: S.LiquidAlphaOn.get(s, netuid),
  }
}

export const subnetHyperparams = (s: Store, netuid: number): Record<string, unknown> | null =>
  ifSubnetExist(s, netuid) ? hyperparams(s, netuid) : null

export function subnetHyperparamsV2(s: Store, netuid: number): Record<string, unknown> | null {
  if (!ifSubnetExist(s, netuid)) return null
  return {
    ...hyperparams(s, netuid), alpha_sigmoid_steepness: { bits: alphaSigmoidSteepnessBits(s, netuid) },
    yuma_version: S.Yuma3On.get(s, netuid) ? 3 : 2, subnet_is_active: S.SubtokenEnabled.get(s, netuid),
    transfers_enabled: S.TransferToggle.get(s, netuid), bonds_reset_enabled: S.BondsResetOn.get(s, netuid),
    user_liquidity_enabled: false,
  }
}

export const HyperparamValue: Ty = variant(`${P}HyperparamValue`, [
  ['Bool', bool, 'bool'], ['U16', c16, 'Compact<u16>'], ['U32', c32, 'Compact<u32>'], ['U64', c64, 'Compact<u64>'],
  ['U128', compact(u128), 'Compact<u128>'], ['TaoBalance', c64, 'Compact<TaoBalance>'], ['I32F32', I32F32, 'I32F32'],
  ['U64F64', U64F64, 'U64F64'],
].map(([name, type, typeName], index) => ({ name: name as string, index, fields: [{ type: type as Ty, typeName: typeName as string }] })))
export const HyperparamEntry: Ty = composite(`${P}HyperparamEntry`, [f('name', bytes, 'Vec<u8>'), f('value', HyperparamValue, 'HyperparamValue')])
/** `SubnetHyperparamsV3` is a type alias: `Vec<HyperparamEntry>`. */
export const SubnetHyperparamsV3: Ty = vec(HyperparamEntry)

type HyperValue = { type: 'Bool'; value: boolean } | { type: 'U16' | 'U32'; value: number } | { type: 'U64' | 'TaoBalance'; value: bigint }
  | { type: 'I32F32' | 'U64F64'; value: { bits: bigint } }
const enc = new TextEncoder()

/** `get_subnet_hyperparams_v3`: 33 named entries in the chain's order. */
export function subnetHyperparamsV3(s: Store, netuid: number): { name: Uint8Array; value: HyperValue }[] | null {
  if (!ifSubnetExist(s, netuid)) return null
  const [alphaLow, alphaHigh] = S.AlphaValues.get(s, netuid)
  const B = (value: boolean): HyperValue => ({ type: 'Bool', value })
  const U16 = (value: number): HyperValue => ({ type: 'U16', value })
  const U64 = (value: bigint): HyperValue => ({ type: 'U64', value })
  const Tao = (value: bigint): HyperValue => ({ type: 'TaoBalance', value })
  const entries: [string, HyperValue][] = [
    ['kappa', U16(S.Kappa.get(s, netuid))], ['immunity_period', U16(S.ImmunityPeriod.get(s, netuid))],
    ['min_allowed_weights', U16(S.MinAllowedWeights.get(s, netuid))], ['max_weights_limit', U16(S.MaxWeightsLimit.get(s, netuid))],
    ['tempo', U16(S.Tempo.get(s, netuid))], ['weights_version', U64(S.WeightsVersionKey.get(s, netuid))],
    ['weights_rate_limit', U64(S.WeightsSetRateLimit.get(s, netuid))], ['activity_cutoff', U64(activityCutoffBlocks(s, netuid))],
    ['activity_cutoff_factor', { type: 'U32', value: S.ActivityCutoffFactorMilli.get(s, netuid) }],
    ['registration_allowed', B(S.NetworkRegistrationAllowed.get(s, netuid))],
    ['target_regs_per_interval', U16(S.TargetRegistrationsPerInterval.get(s, netuid))],
    ['min_burn', Tao(S.MinBurn.get(s, netuid))], ['max_burn', Tao(S.MaxBurn.get(s, netuid))],
    ['burn_half_life', U16(S.BurnHalfLife.get(s, netuid))], ['burn_increase_mult', { type: 'U64F64', value: S.BurnIncreaseMult.get(s, netuid) }],
    ['bonds_moving_avg', U64(S.BondsMovingAverage.get(s, netuid))], ['max_regs_per_block', U16(S.MaxRegistrationsPerBlock.get(s, netuid))],
    ['serving_rate_limit', U64(S.ServingRateLimit.get(s, netuid))], ['max_validators', U16(S.MaxAllowedValidators.get(s, netuid))],
    ['commit_reveal_period', U64(S.RevealPeriodEpochs.get(s, netuid))],
    ['commit_reveal_weights_enabled', B(S.CommitRevealWeightsEnabled.get(s, netuid))],
    ['alpha_high', U16(alphaHigh)], ['alpha_low', U16(alphaLow)], ['liquid_alpha_enabled', B(S.LiquidAlphaOn.get(s, netuid))],
    ['alpha_sigmoid_steepness', { type: 'I32F32', value: { bits: alphaSigmoidSteepnessBits(s, netuid) } }],
    ['yuma_version', U16(S.Yuma3On.get(s, netuid) ? 3 : 2)], ['subnet_is_active', B(S.SubtokenEnabled.get(s, netuid))],
    ['transfers_enabled', B(S.TransferToggle.get(s, netuid))], ['bonds_reset_enabled', B(S.BondsResetOn.get(s, netuid))],
    ['user_liquidity_enabled', B(false)], ['owner_cut_enabled', B(S.OwnerCutEnabled.get(s, netuid))],
    ['owner_cut_auto_lock_enabled', B(S.OwnerCutAutoLockEnabled.get(s, netuid))],
    ['min_childkey_take', U16(effectiveMinChildkeyTake(s, netuid))],
  ]
  return entries.map(([name, value]) => ({ name: enc.encode(name), value }))
}

/** `get_coldkey_auto_stake_hotkey`. */
export const coldkeyAutoStakeHotkey = (s: Store, coldkey: Uint8Array, netuid: number): Uint8Array | null =>
  S.AutoStakeDestination.get(s, coldkey, netuid)


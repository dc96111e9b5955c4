// SubtensorModule's types as its metadata shows them (HEAD 14bc6f9, spec 425). NetUid, MechId,
// NetUidStorageIndex and the TAO/alpha balances are transparent newtypes (their TypeInfo is the
// inner primitive's), so they are plain u16/u8/u16/u64 here.
import {
  array, bytes, composite, enumOf, f, option as optionOf, prim, tuple as tupleOf, u8, u16, u64, u128, variant, vec, type Ty,
} from '../../codec/types.js'
import { AccountId32, H256 } from '../../frame/primitives.js'
import { DispatchResult } from '../sudo/index.js'
import { H160 } from '../utility/types.js'

export const NetUid = u16
export const MechId = u8
export const NetUidStorageIndex = u16
export const TaoBalance = u64
export const AlphaBalance = u64
export const LeaseId = prim('u32')
export const RoundNumber = u64
export const i16 = prim('i16')
export const i64 = prim('i64')
export const u32 = prim('u32')
export const AccountId = AccountId32
export { DispatchResult, H160, H256 }

export const EcdsaSignature = composite('sp_core::ecdsa::Signature', [{ type: array(65, u8), typeName: '[u8; 65]' }])
export const Percent = composite('sp_arithmetic::per_things::Percent', [{ type: u8, typeName: 'u8' }])
export const PalletId = composite('frame_support::PalletId', [{ type: array(8, u8), typeName: '[u8; 8]' }])

/** substrate_fixed's fixed-point types: one `bits` field, the fraction width a skipped type parameter. */
const fixed = (name: string, bits: Ty): Ty => composite(`substrate_fixed::${name}`, [f('bits', bits, bits === u128 ? 'u128' : 'i128')], { params: [{ name: 'Frac' }] })
export const U64F64 = fixed('FixedU128', u128)
export const I64F64 = fixed('FixedI128', prim('i128'))
export const U96F32 = fixed('FixedU128', u128)
export const I96F32 = fixed('FixedI128', prim('i128'))
/** JS value of a fixed-point item: its raw bits. */
export interface FixedValue { bits: bigint }
/** A fixed-point value's bits (a part read with StorageMap.getPart). */
export const bitsOf = (v: FixedValue): bigint => v.bits

export const SafeFloat = composite('share_pool::SafeFloat', [f('mantissa', u128, 'u128'), f('exponent', i64, 'i64')])

export const boundedVec = (of: Ty, bound: number): Ty => composite('bounded_collections::bounded_vec::BoundedVec', [{ type: vec(of), typeName: 'Vec<T>' }], {
  params: [{ name: 'T', type: of }, { name: 'S' }],
  docs: [`bound ${bound}`],
})
export const btreeSet = (of: Ty): Ty => composite('BTreeSet', [{ type: vec(of) }], { params: [{ name: 'T', type: of }] })
export const btreeMap = (k: Ty, v: Ty): Ty => composite('BTreeMap', [{ type: vec(tupleOf(k, v)) }], { params: [{ name: 'K', type: k }, { name: 'V', type: v }] })

export const AxonInfo = composite('pallet_subtensor::pallet::AxonInfo', [
  f('block', u64, 'u64'), f('version', u32, 'u32'), f('ip', u128, 'u128'), f('port', u16, 'u16'),
  f('ip_type', u8, 'u8'), f('protocol', u8, 'u8'), f('placeholder1', u8, 'u8'), f('placeholder2', u8, 'u8'),
])
export interface AxonInfoValue {
  block: bigint; version: number; ip: bigint; port: number; ip_type: number; protocol: number; placeholder1: number; placeholder2: number
}
export const PrometheusInfo = composite('pallet_subtensor::pallet::PrometheusInfo', [
  f('block', u64, 'u64'), f('version', u32, 'u32'), f('ip', u128, 'u128'), f('port', u16, 'u16'), f('ip_type', u8, 'u8'),
])
export interface PrometheusInfoValue { block: bigint; version: number; ip: bigint; port: number; ip_type: number }
export const NeuronCertificate = composite('pallet_subtensor::pallet::NeuronCertificate', [
  f('public_key', boundedVec(u8, 64), 'BoundedVec<u8, ConstU32<64>>'), f('algorithm', u8, 'u8'),
])
export interface NeuronCertificateValue { public_key: Uint8Array; algorithm: number }

const byteFields = (names: string[]) => names.map((n) => f(n, bytes, 'Vec<u8>'))
export const ChainIdentityV2 = composite('pallet_subtensor::pallet::ChainIdentityV2',
  byteFields(['name', 'url', 'github_repo', 'image', 'discord', 'description', 'additional']))
export const SubnetIdentityV3 = composite('pallet_subtensor::pallet::SubnetIdentityV3',
  byteFields(['subnet_name', 'github_repo', 'subnet_contact', 'subnet_url', 'discord', 'description', 'logo_url', 'additional']))
export interface SubnetIdentityV3Value {
  subnet_name: Uint8Array; github_repo: Uint8Array; subnet_contact: Uint8Array; subnet_url: Uint8Array
  discord: Uint8Array; description: Uint8Array; logo_url: Uint8Array; additional: Uint8Array
}

export const RecycleOrBurnEnum = enumOf('pallet_subtensor::pallet::RecycleOrBurnEnum', ['Burn', 'Recycle'])
export const RootClaimTypeEnum = enumOf('pallet_subtensor::pallet::RootClaimTypeEnum', [
  'Swap', 'Keep', ['KeepSubnets', [f('subnets', btreeSet(NetUid), 'BTreeSet<NetUid>')]],
])

/** Discriminants are explicit in the source and equal to the positions. */
export const Hyperparameter = enumOf('pallet_subtensor::utils::rate_limiting::Hyperparameter', [
  'Unknown', 'ServingRateLimit', 'MaxDifficulty', 'AdjustmentAlpha', 'MaxWeightLimit', 'ImmunityPeriod',
  'MinAllowedWeights', 'Kappa', 'Rho', 'ActivityCutoff', 'PowRegistrationAllowed', 'MinBurn', 'MaxBurn',
  'BondsMovingAverage', 'BondsPenalty', 'CommitRevealEnabled', 'LiquidAlphaEnabled', 'AlphaValues',
  'WeightCommitInterval', 'TransferEnabled', 'AlphaSigmoidSteepness', 'Yuma3Enabled', 'BondsResetEnabled',
  'ImmuneNeuronLimit', 'RecycleOrBurn', 'MaxAllowedUids', 'BurnHalfLife', 'BurnIncreaseMult',
  'SubnetEmissionEnabled', 'MinChildkeyTake', 'ActivityCutoffFactorMilli', 'TriggerEpoch',
])

export const RateLimitKey = variant('pallet_subtensor::RateLimitKey', [
  { name: 'SetSNOwnerHotkey', index: 0, fields: [{ type: NetUid, typeName: 'NetUid' }] },
  { name: 'OwnerHyperparamUpdate', index: 1, fields: [{ type: NetUid, typeName: 'NetUid' }, { type: Hyperparameter, typeName: 'Hyperparameter' }] },
  { name: 'NetworkLastRegistered', index: 2, fields: [] },
  { name: 'LastTxBlock', index: 3, fields: [{ type: AccountId, typeName: 'AccountId' }] },
  { name: 'LastTxBlockChildKeyTake', index: 4, fields: [{ type: AccountId, typeName: 'AccountId' }] },
  { name: 'LastTxBlockDelegateTake', index: 5, fields: [{ type: AccountId, typeName: 'AccountId' }] },
  { name: 'AddStakeBurn', index: 6, fields: [{ type: NetUid, typeName: 'NetUid' }] },
], { params: [{ name: 'AccountId', type: AccountId }] })
export type RateLimitKeyValue =
  | { type: 'SetSNOwnerHotkey' | 'AddStakeBurn'; value: number }
  | { type: 'OwnerHyperparamUpdate'; value: [number, { type: string }] }
  | { type: 'NetworkLastRegistered' }
  | { type: 'LastTxBlock' | 'LastTxBlockChildKeyTake' | 'LastTxBlockDelegateTake'; value: Uint8Array }

export const LockState = composite('pallet_subtensor::staking::lock::LockState', [
  f('locked_mass', AlphaBalance, 'AlphaBalance'), f('conviction', U64F64, 'U64F64'), f('last_update', u64, 'u64'),
])
export const SubnetLease = composite('pallet_subtensor::subnets::leasing::SubnetLease', [
  f('beneficiary', AccountId, 'AccountId'), f('coldkey', AccountId, 'AccountId'), f('hotkey', AccountId, 'AccountId'),
  f('emissions_share', Percent, 'Percent'), f('end_block', optionOf(prim('u32')), 'Option<BlockNumber>'),
  f('netuid', NetUid, 'NetUid'), f('cost', TaoBalance, 'Balance'),
], { params: [{ name: 'AccountId', type: AccountId }, { name: 'BlockNumber', type: prim('u32') }, { name: 'Balance', type: TaoBalance }] })

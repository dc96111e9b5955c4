// rpc_info/metagraph.rs: Metagraph (72 fields) and SelectiveMetagraph (the same behind Option,
// plus validators and commitments), for a subnet or one of its mechanisms. One table gives each
// field's position (the SDK's `metagraph_indexes`), type and source, so the full and the selective
// forms cannot disagree. Deprecated fields keep the chain's constants: subnet_emission and
// pending_root_emission 0, pruning_score/trust/rank empty, tao dividends 0.
import { Some } from '../../../codec/scale.js'
import { bool, compact, composite, f, option, tuple, u8, u16, u64, u128, vec, type Field, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId, AxonInfo, ChainIdentityV2, I96F32, SubnetIdentityV3, type AxonInfoValue } from '../types.js'
import { currentBlock, ifSubnetExist, mechanismStorageIndex } from '../utils/misc.js'
import * as F from '../../../primitives/fixed/index.js'
import { getStakeWeightsForHotkeyOnSubnet, getStakeWeightsForNetwork } from '../staking/stake-utils.js'
import { activityCutoffBlocks, allSubnetNetuids } from './subnet-info.js'
import { nameForSubnet } from './subnet-names.js'

const c16 = compact(u16)
const c64 = compact(u64)
const cbytes = vec(compact(u8))

/** What the field getters read: the subnet, the storage index of its mechanism, lazily shared per-uid reads. */
class Source {
  private hk?: Uint8Array[]
  private sw?: [bigint[], bigint[], bigint[]]
  readonly block: bigint
  constructor(readonly s: Store, readonly netuid: number, readonly index: number) { this.block = currentBlock(s) }
  get n(): number { return S.SubnetworkN.get(this.s, this.netuid) }
  /** Keys(netuid, uid) for uid < SubnetworkN (the default all-zero account where none). */
  hotkeys(): Uint8Array[] {
    return (this.hk ??= Array.from({ length: this.n }, (_, uid) => S.Keys.get(this.s, this.netuid, uid)))
  }
  coldkeys(): Uint8Array[] { return this.hotkeys().map((h) => S.Owner.get(this.s, h)) }
  /** `get_stake_weights_for_network` as u64 columns: [total, alpha, tao]. */
  stake(): [bigint[], bigint[], bigint[]] {
    return (this.sw ??= getStakeWeightsForNetwork(this.s, this.netuid).map((col) => col.map(fixed64ToU64)) as [bigint[], bigint[], bigint[]])
  }
}

/** `fixed64_to_u64`: I64F64 → u64, floored and clamped. */
export const fixed64ToU64 = (x: bigint): bigint => F.saturatingToU64(F.I64F64, x)

const zeroAxon = (): AxonInfoValue => ({ block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0, protocol: 0, placeholder1: 0, placeholder2: 0 })
const lastStep = (m: Source): bigint => S.LastMechansimStepBlock.get(m.s, m.netuid)

type Getter = (m: Source) => unknown
/** [name, type, Rust type name, source] in field order; the position is the metagraph index. */
const FIELDS: [string, Ty, string, Getter][] = [
  ['netuid', c16, 'Compact<NetUid>', (m) => m.netuid],
  ['name', cbytes, 'Vec<Compact<u8>>', (m) => Array.from(nameForSubnet(m.s, m.netuid))],
  ['symbol', cbytes, 'Vec<Compact<u8>>', (m) => Array.from(S.TokenSymbol.get(m.s, m.netuid))],
  ['identity', option(SubnetIdentityV3), 'Option<SubnetIdentityV3>', (m) => S.SubnetIdentitiesV3.get(m.s, m.netuid)],
  ['network_registered_at', c64, 'Compact<u64>', (m) => S.NetworkRegisteredAt.get(m.s, m.netuid)],
  ['owner_hotkey', AccountId, 'AccountId', (m) => S.SubnetOwnerHotkey.get(m.s, m.netuid)],
  ['owner_coldkey', AccountId, 'AccountId', (m) => S.SubnetOwner.get(m.s, m.netuid)],
  ['block', c64, 'Compact<u64>', (m) => m.block],
  ['tempo', c16, 'Compact<u16>', (m) => S.Tempo.get(m.s, m.netuid)],
  ['last_step', c64, 'Compact<u64>', lastStep],
  ['blocks_since_last_step', c64, 'Compact<u64>', (m) => (m.block > lastStep(m) ? m.block - lastStep(m) : 0n)],
  ['subnet_emission', c64, 'Compact<u64>', () => 0n],
  ['alpha_in', c64, 'Compact<AlphaBalance>', (m) => S.SubnetAlphaIn.get(m.s, m.netuid)],
  ['alpha_out', c64, 'Compact<AlphaBalance>', (m) => S.SubnetAlphaOut.get(m.s, m.netuid)],
  ['tao_in', c64, 'Compact<TaoBalance>', (m) => S.SubnetTAO.get(m.s, m.netuid)],
  ['alpha_out_emission', c64, 'Compact<AlphaBalance>', (m) => S.SubnetAlphaOutEmission.get(m.s, m.netuid)],
  ['alpha_in_emission', c64, 'Compact<AlphaBalance>', (m) => S.SubnetAlphaInEmission.get(m.s, m.netuid)],
  ['tao_in_emission', c64, 'Compact<TaoBalance>', (m) => S.SubnetTaoInEmission.get(m.s, m.netuid)],
  ['pending_alpha_emission', c64, 'Compact<AlphaBalance>', (m) => pendingAlphaEmission(m.s, m.netuid)],
  ['pending_root_emission', c64, 'Compact<TaoBalance>', () => 0n],
  ['subnet_volume', compact(u128), 'Compact<u128>', (m) => S.SubnetVolume.get(m.s, m.netuid)],
  ['moving_price', I96F32, 'I96F32', (m) => S.SubnetMovingPrice.get(m.s, m.netuid)],
  ['rho', c16, 'Compact<u16>', (m) => S.Rho.get(m.s, m.netuid)],
  ['kappa', c16, 'Compact<u16>', (m) => S.Kappa.get(m.s, m.netuid)],
  ['min_allowed_weights', c16, 'Compact<u16>', (m) => S.MinAllowedWeights.get(m.s, m.netuid)],
  ['max_weights_limit', c16, 'Compact<u16>', (m) => S.MaxWeightsLimit.get(m.s, m.netuid)],
  ['weights_version', c64, 'Compact<u64>', (m) => S.WeightsVersionKey.get(m.s, m.netuid)],
  ['weights_rate_limit', c64, 'Compact<u64>', (m) => S.WeightsSetRateLimit.get(m.s, m.netuid)],
  ['activity_cutoff', c64, 'Compact<u64>', (m) => activityCutoffBlocks(m.s, m.netuid)],
  ['max_validators', c16, 'Compact<u16>', (m) => S.MaxAllowedValidators.get(m.s, m.netuid)],
  ['num_uids', c16, 'Compact<u16>', (m) => m.n],
  ['max_uids', c16, 'Compact<u16>', (m) => S.MaxAllowedUids.get(m.s, m.netuid)],
  ['burn', c64, 'Compact<TaoBalance>', (m) => S.Burn.get(m.s, m.netuid)],
  ['difficulty', c64, 'Compact<u64>', (m) => S.Difficulty.get(m.s, m.netuid)],
  ['registration_allowed', bool, 'bool', (m) => S.NetworkRegistrationAllowed.get(m.s, m.netuid)],
  ['pow_registration_allowed', bool, 'bool', (m) => S.NetworkPowRegistrationAllowed.get(m.s, m.netuid)],
  ['immunity_period', c16, 'Compact<u16>', (m) => S.ImmunityPeriod.get(m.s, m.netuid)],
  ['min_difficulty', c64, 'Compact<u64>', (m) => S.MinDifficulty.get(m.s, m.netuid)],
  ['max_difficulty', c64, 'Compact<u64>', (m) => S.MaxDifficulty.get(m.s, m.netuid)],
  ['min_burn', c64, 'Compact<TaoBalance>', (m) => S.MinBurn.get(m.s, m.netuid)],
  ['max_burn', c64, 'Compact<TaoBalance>', (m) => S.MaxBurn.get(m.s, m.netuid)],
  ['adjustment_alpha', c64, 'Compact<u64>', (m) => S.AdjustmentAlpha.get(m.s, m.netuid)],
  ['adjustment_interval', c16, 'Compact<u16>', (m) => S.AdjustmentInterval.get(m.s, m.netuid)],
  ['target_regs_per_interval', c16, 'Compact<u16>', (m) => S.TargetRegistrationsPerInterval.get(m.s, m.netuid)],
  ['max_regs_per_block', c16, 'Compact<u16>', (m) => S.MaxRegistrationsPerBlock.get(m.s, m.netuid)],
  ['serving_rate_limit', c64, 'Compact<u64>', (m) => S.ServingRateLimit.get(m.s, m.netuid)],
  ['commit_reveal_weights_enabled', bool, 'bool', (m) => S.CommitRevealWeightsEnabled.get(m.s, m.netuid)],
  ['commit_reveal_period', c64, 'Compact<u64>', (m) => S.RevealPeriodEpochs.get(m.s, m.netuid)],
  ['liquid_alpha_enabled', bool, 'bool', (m) => S.LiquidAlphaOn.get(m.s, m.netuid)],
  ['alpha_high', c16, 'Compact<u16>', (m) => S.AlphaValues.get(m.s, m.netuid)[1]],
  ['alpha_low', c16, 'Compact<u16>', (m) => S.AlphaValues.get(m.s, m.netuid)[0]],
  ['bonds_moving_avg', c64, 'Compact<u64>', (m) => S.BondsMovingAverage.get(m.s, m.netuid)],
  ['hotkeys', vec(AccountId), 'Vec<AccountId>', (m) => m.hotkeys()],
  ['coldkeys', vec(AccountId), 'Vec<AccountId>', (m) => m.coldkeys()],
  ['identities', vec(option(ChainIdentityV2)), 'Vec<Option<ChainIdentityOfV2>>', (m) => m.coldkeys().map((c) => S.IdentitiesV2.get(m.s, c))],
  ['axons', vec(AxonInfo), 'Vec<AxonInfo>', (m) => m.hotkeys().map((h) => S.Axons.get(m.s, m.netuid, h) ?? zeroAxon())],
  ['active', vec(bool), 'Vec<bool>', (m) => S.Active.get(m.s, m.netuid)],
  ['validator_permit', vec(bool), 'Vec<bool>', (m) => S.ValidatorPermit.get(m.s, m.netuid)],
  ['pruning_score', vec(c16), 'Vec<Compact<u16>>', () => []],
  ['last_update', vec(c64), 'Vec<Compact<u64>>', (m) => S.LastUpdate.get(m.s, m.index)],
  ['emission', vec(c64), 'Vec<Compact<AlphaBalance>>', (m) => S.Emission.get(m.s, m.netuid)],
  ['dividends', vec(c16), 'Vec<Compact<u16>>', (m) => S.Dividends.get(m.s, m.netuid)],
  ['incentives', vec(c16), 'Vec<Compact<u16>>', (m) => S.Incentive.get(m.s, m.index)],
  ['consensus', vec(c16), 'Vec<Compact<u16>>', (m) => S.Consensus.get(m.s, m.netuid)],
  ['trust', vec(c16), 'Vec<Compact<u16>>', () => []],
  ['rank', vec(c16), 'Vec<Compact<u16>>', () => []],
  ['block_at_registration', vec(c64), 'Vec<Compact<u64>>', (m) => Array.from({ length: m.n }, (_, uid) => S.BlockAtRegistration.get(m.s, m.netuid, uid))],
  ['alpha_stake', vec(c64), 'Vec<Compact<AlphaBalance>>', (m) => m.stake()[1]],
  ['tao_stake', vec(c64), 'Vec<Compact<TaoBalance>>', (m) => m.stake()[2]],
  ['total_stake', vec(c64), 'Vec<Compact<TaoBalance>>', (m) => m.stake()[0]],
  ['tao_dividends_per_hotkey', vec(tuple(AccountId, c64)), 'Vec<(AccountId, Compact<TaoBalance>)>', (m) => m.hotkeys().map((h) => [h, 0n])],
  ['alpha_dividends_per_hotkey', vec(tuple(AccountId, c64)), 'Vec<(AccountId, Compact<AlphaBalance>)>',
    (m) => m.hotkeys().map((h) => [h, S.AlphaDividendsPerSubnet.get(m.s, m.netuid, h)])],
  // SelectiveMetagraph only
  ['validators', vec(c16), 'Vec<Compact<u16>>', validators],
  // pallet_commitments' CommitmentOf: that pallet is not in this runtime, so there are none
  ['commitments', vec(tuple(AccountId, cbytes)), 'Vec<(AccountId, Vec<Compact<u8>>)>', () => []],
]
const METAGRAPH_FIELDS = 72

function pendingAlphaEmission(s: Store, netuid: number): bigint {
  const sum = S.PendingValidatorEmission.get(s, netuid) + S.PendingServerEmission.get(s, netuid)
  return sum > 0xffff_ffff_ffff_ffffn ? 0xffff_ffff_ffff_ffffn : sum
}

/** `get_validators`: permitted uids (Keys order) whose total stake exceeds StakeThreshold, by stake ascending. */
function validators(m: Source): number[] {
  const threshold = S.StakeThreshold.get(m.s) << 64n
  const permits = S.ValidatorPermit.get(m.s, m.netuid)
  const staked: [number, bigint][] = []
  for (const [uid, hotkey] of S.Keys.iterPrefix(m.s, m.netuid)) {
    if (permits[uid] === true) staked.push([uid, getStakeWeightsForHotkeyOnSubnet(m.s, hotkey, m.netuid)[0]])
  }
  staked.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
  return staked.filter(([, stake]) => stake > threshold).map(([uid]) => uid)
}

const P = 'pallet_subtensor::rpc_info::metagraph::'
const params = [{ name: 'AccountId', type: AccountId }]
const fieldOf = ([name, type, typeName]: (typeof FIELDS)[number]): Field => f(name, type, typeName)
export const Metagraph: Ty = composite(`${P}Metagraph`, FIELDS.slice(0, METAGRAPH_FIELDS).map(fieldOf), { params })
export const SelectiveMetagraph: Ty = composite(`${P}SelectiveMetagraph`, [
  fieldOf(FIELDS[0]!),
  ...FIELDS.slice(1).map(([name, type, typeName]) => f(name, option(type), `Option<${typeName}>`)),
], { params })

function full(m: Source, netuidOut: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < METAGRAPH_FIELDS; i++) out[FIELDS[i]![0]] = FIELDS[i]![3](m)
  out.netuid = netuidOut
  return out
}

/** `get_metagraph`. */
export const metagraph = (s: Store, netuid: number): Record<string, unknown> | null =>
  ifSubnetExist(s, netuid) ? full(new Source(s, netuid, netuid), netuid) : null

/** `get_mechagraph`: the subnet's metagraph with netuid, last_update and incentives of the mechanism's storage index. */
export function mechagraph(s: Store, netuid: number, mecid: number): Record<string, unknown> | null {
  if (!ifSubnetExist(s, netuid) || S.MechanismCountCurrent.get(s, netuid) <= mecid) return null
  const index = mechanismStorageIndex(netuid, mecid)
  return full(new Source(s, netuid, index), index)
}

export const allMetagraphs = (s: Store): (Record<string, unknown> | null)[] => allSubnetNetuids(s).map((n) => metagraph(s, n))

export function allMechagraphs(s: Store): (Record<string, unknown> | null)[] {
  const out: (Record<string, unknown> | null)[] = []
  for (const netuid of allSubnetNetuids(s)) {
    const count = S.MechanismCountCurrent.get(s, netuid)
    for (let mecid = 0; mecid < count; mecid++) out.push(mechagraph(s, netuid, mecid))
  }
  return out
}

/** Only the requested positions, each `Some`; unknown positions are ignored. */
function selective(m: Source, indexes: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = { netuid: 0 }
  for (const [name] of FIELDS.slice(1)) out[name] = null
  for (const i of indexes) {
    const field = FIELDS[i]
    if (!field) continue
    out[field[0]] = i === 0 ? m.netuid : new Some(field[3](m))
  }
  return out
}

/** `get_selective_metagraph`: netuid is 0 unless position 0 is asked for. */
export const selectiveMetagraph = (s: Store, netuid: number, indexes: number[]): Record<string, unknown> | null =>
  ifSubnetExist(s, netuid) ? selective(new Source(s, netuid, netuid), indexes) : null

/** `get_selective_mechagraph`: last_update and incentives at the mechanism's index; netuid always the subnet's. */
export function selectiveMechagraph(s: Store, netuid: number, mecid: number, indexes: number[]): Record<string, unknown> | null {
  if (!ifSubnetExist(s, netuid)) return null
  return { ...selective(new Source(s, netuid, mechanismStorageIndex(netuid, mecid)), indexes), netuid }
}

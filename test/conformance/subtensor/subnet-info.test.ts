// Port of subtensor pallets/subtensor/src/tests/subnet_info.rs (HEAD): get_subnet_hyperparams_v3's
// names, values read from storage, yuma version flag and SCALE round trips; plus the selective
// metagraph's merge rules (metagraph.rs `test_selective_metagraph`: defaults None, unknown index
// ignored, an asked field filled).
import { describe, expect, it } from 'vitest'
import { decode, encode } from '../../../src/codec/scale.js'
import { option } from '../../../src/codec/types.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { Metagraph, metagraph, SelectiveMetagraph, selectiveMetagraph } from '../../../src/pallets/subtensor/info/metagraph.js'
import { HyperparamValue, SubnetHyperparamsV3, subnetHyperparamsV3 } from '../../../src/pallets/subtensor/info/subnet-info.js'
import { networkToPrune } from '../../../src/pallets/subtensor/info/subnet-queries.js'
import { Mock } from './mock.js'

const EXPECTED_V3_NAMES = [
  'kappa', 'immunity_period', 'min_allowed_weights', 'max_weights_limit', 'tempo', 'weights_version',
  'weights_rate_limit', 'activity_cutoff', 'activity_cutoff_factor', 'registration_allowed', 'target_regs_per_interval',
  'min_burn', 'max_burn', 'burn_half_life', 'burn_increase_mult', 'bonds_moving_avg', 'max_regs_per_block',
  'serving_rate_limit', 'max_validators', 'commit_reveal_period', 'commit_reveal_weights_enabled', 'alpha_high',
  'alpha_low', 'liquid_alpha_enabled', 'alpha_sigmoid_steepness', 'yuma_version', 'subnet_is_active',
  'transfers_enabled', 'bonds_reset_enabled', 'user_liquidity_enabled', 'owner_cut_enabled',
  'owner_cut_auto_lock_enabled', 'min_childkey_take',
]
const text = new TextDecoder()
type Entry = { name: Uint8Array; value: { type: string; value: unknown } }
const find = (p: Entry[], name: string): { type: string; value: unknown } => {
  const e = p.find((x) => text.decode(x.name) === name)
  if (!e) throw new Error(`missing hyperparam ${name}`)
  return e.value
}

describe('subnet_info.rs', () => {
  it('test_get_subnet_hyperparams_v3_returns_none_for_nonexistent_subnet', () => {
    const m = new Mock()
    expect(subnetHyperparamsV3(m.s, 7)).toBeNull()
  })

  it('test_get_subnet_hyperparams_v3_contains_all_expected_names_exactly_once', () => {
    const m = new Mock()
    m.addNetwork(1, 1)
    const names = subnetHyperparamsV3(m.s, 1)!.map((e) => text.decode(e.name))
    expect(new Set(names).size).toBe(names.length)
    expect(new Set(names)).toEqual(new Set(EXPECTED_V3_NAMES))
  })

  it('test_get_subnet_hyperparams_v3_values_reflect_storage', () => {
    const m = new Mock()
    m.addNetwork(1, 1)
    const { s } = m
    S.Kappa.set(s, 1, 12); S.ImmunityPeriod.set(s, 1, 13); S.MinAllowedWeights.set(s, 1, 14); S.Tempo.set(s, 1, 16)
    S.WeightsVersionKey.set(s, 1, 19n); S.WeightsSetRateLimit.set(s, 1, 20n); S.ActivityCutoffFactorMilli.set(s, 1, 1375)
    S.NetworkRegistrationAllowed.set(s, 1, false); S.TargetRegistrationsPerInterval.set(s, 1, 24)
    S.MinBurn.set(s, 1, 25n); S.MaxBurn.set(s, 1, 26n); S.BurnHalfLife.set(s, 1, 33); S.BurnIncreaseMult.set(s, 1, { bits: 2n << 64n })
    S.BondsMovingAverage.set(s, 1, 27n); S.MaxRegistrationsPerBlock.set(s, 1, 28); S.ServingRateLimit.set(s, 1, 29n)
    S.MaxAllowedValidators.set(s, 1, 30); S.CommitRevealWeightsEnabled.set(s, 1, true); S.LiquidAlphaOn.set(s, 1, true)
    S.AlphaSigmoidSteepness.set(s, 1, 5); S.Yuma3On.set(s, 1, true); S.BondsResetOn.set(s, 1, true)
    S.OwnerCutEnabled.set(s, 1, true); S.OwnerCutAutoLockEnabled.set(s, 1, true)
    S.MinChildkeyTake.set(s, 31); S.MinChildkeyTakePerSubnet.set(s, 1, 32)
    const p = subnetHyperparamsV3(s, 1)! as Entry[]
    expect(find(p, 'registration_allowed')).toEqual({ type: 'Bool', value: false })
    for (const name of ['commit_reveal_weights_enabled', 'liquid_alpha_enabled', 'bonds_reset_enabled', 'owner_cut_enabled', 'owner_cut_auto_lock_enabled']) {
      expect(find(p, name)).toEqual({ type: 'Bool', value: true })
    }
    const u16s: [string, number][] = [['kappa', 12], ['immunity_period', 13], ['min_allowed_weights', 14], ['tempo', 16],
      ['target_regs_per_interval', 24], ['burn_half_life', 33], ['max_regs_per_block', 28], ['max_validators', 30],
      ['yuma_version', 3], ['min_childkey_take', 32]]
    for (const [name, v] of u16s) expect(find(p, name)).toEqual({ type: 'U16', value: v })
    // activity_cutoff = factor_milli × tempo / 1000 = 1375 × 16 / 1000
    expect(find(p, 'activity_cutoff')).toEqual({ type: 'U64', value: 22n })
    expect(find(p, 'activity_cutoff_factor')).toEqual({ type: 'U32', value: 1375 })
    for (const [name, v] of [['weights_version', 19n], ['weights_rate_limit', 20n], ['bonds_moving_avg', 27n], ['serving_rate_limit', 29n]] as const) {
      expect(find(p, name)).toEqual({ type: 'U64', value: v })
    }
    expect(find(p, 'min_burn')).toEqual({ type: 'TaoBalance', value: 25n })
    expect(find(p, 'max_burn')).toEqual({ type: 'TaoBalance', value: 26n })
    expect(find(p, 'alpha_sigmoid_steepness')).toEqual({ type: 'I32F32', value: { bits: 5n << 32n } })
    expect(find(p, 'burn_increase_mult')).toEqual({ type: 'U64F64', value: { bits: 2n << 64n } })
  })

  it('test_get_subnet_hyperparams_v3_yuma_version_reflects_flag', () => {
    const m = new Mock()
    m.addNetwork(1, 1)
    S.Yuma3On.set(m.s, 1, false)
    expect(find(subnetHyperparamsV3(m.s, 1)! as Entry[], 'yuma_version')).toEqual({ type: 'U16', value: 2 })
    S.Yuma3On.set(m.s, 1, true)
    expect(find(subnetHyperparamsV3(m.s, 1)! as Entry[], 'yuma_version')).toEqual({ type: 'U16', value: 3 })
  })

  it('test_get_subnet_hyperparams_v3_scale_round_trip', () => {
    const m = new Mock()
    m.addNetwork(1, 1)
    const original = subnetHyperparamsV3(m.s, 1)!
    expect(decode(SubnetHyperparamsV3, encode(SubnetHyperparamsV3, original))).toEqual(original)
  })

  it('test_hyperparam_value_variants_round_trip', () => {
    const cases = [
      { type: 'Bool', value: true }, { type: 'Bool', value: false }, { type: 'U16', value: 0xffff }, { type: 'U32', value: 0xffff_ffff },
      { type: 'U64', value: (1n << 64n) - 1n }, { type: 'U128', value: (1n << 128n) - 1n }, { type: 'TaoBalance', value: 123_456_789n },
      { type: 'I32F32', value: { bits: -7n << 32n } }, { type: 'U64F64', value: { bits: 42n << 64n } },
    ]
    for (const c of cases) expect(decode(HyperparamValue, encode(HyperparamValue, c))).toEqual(c)
  })
})

describe('metagraph.rs', () => {
  it('test_selective_metagraph: nothing asked is all None; an unknown index is ignored; an asked one is filled', () => {
    const m = new Mock()
    m.addNetwork(1, 1)
    const none = selectiveMetagraph(m.s, 1, [])!
    const bytes = encode(SelectiveMetagraph, none)
    // netuid Compact(0), then 73 None fields
    expect(Array.from(bytes)).toEqual([0, ...new Array(73).fill(0)])
    expect(encode(SelectiveMetagraph, selectiveMetagraph(m.s, 1, [100])!)).toEqual(bytes)
    const withLow = decode<Record<string, unknown>>(SelectiveMetagraph, encode(SelectiveMetagraph, selectiveMetagraph(m.s, 1, [50])!))
    expect(withLow.alpha_low).toBe(S.AlphaValues.get(m.s, 1)[0])
    expect(withLow.name).toBeNull()
  })

  it('every metagraph position reads the same value selectively as in the full metagraph', () => {
    const m = new Mock()
    m.addNetwork(1, 1)
    const full = decode<Record<string, unknown>>(Metagraph, encode(Metagraph, metagraph(m.s, 1)))
    const names = Object.keys(full)
    expect(names).toHaveLength(72)
    const all = decode<Record<string, unknown>>(SelectiveMetagraph, encode(SelectiveMetagraph, selectiveMetagraph(m.s, 1, names.map((_, i) => i))!))
    for (const name of names) expect(all[name], name).toEqual(full[name])
    expect(encode(option(Metagraph), metagraph(m.s, 9))).toEqual(Uint8Array.of(0))
  })
})

describe('root.rs get_network_to_prune (SubnetInfoRuntimeApi_get_subnet_to_prune)', () => {
  it('the non-immune subnet with the lowest moving price; on a tie the earliest registered; root and immune ones never', () => {
    const m = new Mock()
    for (const n of [1, 2, 3]) { m.addNetwork(n, 1); S.SubnetMechanism.set(m.s, n, 1) }
    m.setBlockNumber(1_000)
    S.NetworkImmunityPeriod.set(m.s, 100n)
    S.NetworkRegisteredAt.set(m.s, 1, 10n); S.NetworkRegisteredAt.set(m.s, 2, 5n); S.NetworkRegisteredAt.set(m.s, 3, 950n)
    S.SubnetMovingPrice.set(m.s, 1, { bits: 3n << 31n }); S.SubnetMovingPrice.set(m.s, 2, { bits: 5n << 31n })
    S.SubnetMovingPrice.set(m.s, 3, { bits: 1n })
    expect(networkToPrune(m.s)).toBe(1) // 3 is the cheapest but still immune (950 + 100 > 1000)
    S.SubnetMovingPrice.set(m.s, 2, { bits: 3n << 31n })
    expect(networkToPrune(m.s)).toBe(2) // same price: registered earlier
    S.NetworkImmunityPeriod.set(m.s, 10_000n)
    expect(networkToPrune(m.s)).toBeNull()
  })
})

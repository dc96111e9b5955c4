// Port of subtensor pallets/admin-utils/src/tests/mod.rs, second part: the setters whose subtensor
// side checks more than the origin (weights version key, uids bounds, mechanisms, alpha values,
// owner hotkey, owner cut, commit-reveal period) and the calls into Aura/Grandpa.
import { describe, expect, it } from 'vitest'
import { AdminUtilsStorage } from '../../../src/pallets/admin-utils/index.js'
import { Aura } from '../../../src/pallets/aura/index.js'
import { Grandpa, grandpaPallet } from '../../../src/pallets/grandpa/index.js'
import { SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { System } from '../../../src/pallets/system/index.js'
import { errorOf, eventNames, events, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { adminMock, addNetwork, auErr, BAD_ORIGIN, call, fails } from './admin-mock.js'
import { u256, type Mock } from './mock.js'

const se = (e: () => unknown): unknown => errorOf(e())
const neurons = (m: Mock, netuid: number, n: number): void => {
  for (let i = 0; i < n; i++) appendNeuron(m.s, netuid, u256(1000 * i + 7), BigInt(m.block))
}

describe('admin-utils tests/mod.rs (setters with checks)', () => {
  it('test_sudo_set_weights_version_key', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(fails(m, 'sudo_set_weights_version_key', signed(u256(1)), { netuid: 1, weights_version_key: 10n })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_weights_version_key', ROOT, { netuid: 2, weights_version_key: 10n })).toEqual(auErr('SubnetDoesNotExist'))
    expect(S.WeightsVersionKey.get(m.s, 1)).toBe(0n)
    call(m, 'sudo_set_weights_version_key', ROOT, { netuid: 1, weights_version_key: 10n })
    expect(S.WeightsVersionKey.get(m.s, 1)).toBe(10n)
    expect(eventNames(m.s)).toContain('SubtensorModule.WeightsVersionKeySet')
  })

  it('test_sudo_set_weights_version_key_rate_limit (owner: WeightsVersionKeyRateLimit × tempo blocks)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.AdminFreezeWindow.set(m.s, 0)
    const owner = u256(1)
    S.SubnetOwner.set(m.s, 1, owner)
    const period = S.WeightsVersionKeyRateLimit.get(m.s) * BigInt(S.Tempo.get(m.s, 1))
    call(m, 'sudo_set_weights_version_key', signed(owner), { netuid: 1, weights_version_key: 10n })
    expect(S.WeightsVersionKey.get(m.s, 1)).toBe(10n)
    // TransactionKeyLastBlock (owner, netuid, SetWeightsVersionKey = 4)
    expect(S.TransactionKeyLastBlock.get(m.s, owner, 1, 4)).toBe(1n)
    expect(fails(m, 'sudo_set_weights_version_key', signed(owner), { netuid: 1, weights_version_key: 11n })).toEqual(se(SE.TxRateLimitExceeded))
    m.stepBlock(Number(period) - 1)
    expect(fails(m, 'sudo_set_weights_version_key', signed(owner), { netuid: 1, weights_version_key: 11n })).toEqual(se(SE.TxRateLimitExceeded))
    m.stepBlock(1)
    call(m, 'sudo_set_weights_version_key', signed(owner), { netuid: 1, weights_version_key: 11n })
    expect(S.WeightsVersionKey.get(m.s, 1)).toBe(11n)
  })

  it('test_sudo_set_weights_version_key_rate_limit_root (root sets no limit for the owner)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const owner = u256(1)
    S.SubnetOwner.set(m.s, 1, owner)
    call(m, 'sudo_set_weights_version_key', ROOT, { netuid: 1, weights_version_key: 10n })
    call(m, 'sudo_set_weights_version_key', signed(owner), { netuid: 1, weights_version_key: 11n })
    expect(S.WeightsVersionKey.get(m.s, 1)).toBe(11n)
  })

  it('test_sudo_set_max_allowed_uids', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    neurons(m, 1, 9)
    S.MinAllowedUids.set(m.s, 1, 2) // the admin mock's InitialMinAllowedUids
    expect(fails(m, 'sudo_set_max_allowed_uids', signed(u256(42)), { netuid: 1, max_allowed_uids: 12 })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 42, max_allowed_uids: 12 })).toEqual(auErr('SubnetDoesNotExist'))
    expect(fails(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 1 })).toEqual(auErr('MaxAllowedUidsLessThanMinAllowedUids'))
    expect(fails(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 8 })).toEqual(auErr('MaxAllowedUIdsLessThanCurrentUIds'))
    expect(fails(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 257 })).toEqual(auErr('MaxAllowedUidsGreaterThanDefaultMaxAllowedUids'))
    S.MaxAllowedUids.set(m.s, 1, 8)
    S.MechanismCountCurrent.set(m.s, 1, 32)
    expect(fails(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 16 })).toEqual(se(SE.TooManyUIDsPerMechanism))
    S.MechanismCountCurrent.set(m.s, 1, 1)
    call(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 12 })
    expect(S.MaxAllowedUids.get(m.s, 1)).toBe(12)
    call(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 9 })
    expect(S.MaxAllowedUids.get(m.s, 1)).toBe(9)
    S.MinAllowedUids.set(m.s, 1, 9)
    call(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 9 })
    call(m, 'sudo_set_max_allowed_uids', ROOT, { netuid: 1, max_allowed_uids: 256 })
    expect(S.MaxAllowedUids.get(m.s, 1)).toBe(256)
    expect(eventNames(m.s)).toContain('SubtensorModule.MaxAllowedUidsSet')
  })

  it('test_sudo_set_min_allowed_uids', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    neurons(m, 1, 17)
    call(m, 'sudo_set_min_allowed_uids', ROOT, { netuid: 1, min_allowed_uids: 8 })
    expect(S.MinAllowedUids.get(m.s, 1)).toBe(8)
    expect(fails(m, 'sudo_set_min_allowed_uids', signed(u256(0)), { netuid: 1, min_allowed_uids: 8 })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_min_allowed_uids', ROOT, { netuid: 42, min_allowed_uids: 8 })).toEqual(auErr('SubnetDoesNotExist'))
    expect(fails(m, 'sudo_set_min_allowed_uids', ROOT, { netuid: 1, min_allowed_uids: 257 })).toEqual(auErr('MinAllowedUidsGreaterThanMaxAllowedUids'))
    expect(fails(m, 'sudo_set_min_allowed_uids', ROOT, { netuid: 1, min_allowed_uids: 18 })).toEqual(auErr('MinAllowedUidsGreaterThanCurrentUids'))
  })

  it('test_sudo_set_alpha_sigmoid_steepness (negative only for root)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const init = S.AlphaSigmoidSteepness.get(m.s, 1)
    expect(fails(m, 'sudo_set_alpha_sigmoid_steepness', signed(u256(1)), { netuid: 1, steepness: 5000 })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_alpha_sigmoid_steepness', ROOT, { netuid: 2, steepness: 5000 })).toEqual(auErr('SubnetDoesNotExist'))
    S.SubnetOwner.set(m.s, 1, u256(10))
    expect(fails(m, 'sudo_set_alpha_sigmoid_steepness', signed(u256(10)), { netuid: 1, steepness: -5000 })).toEqual(auErr('NegativeSigmoidSteepness'))
    expect(S.AlphaSigmoidSteepness.get(m.s, 1)).toBe(init)
    call(m, 'sudo_set_alpha_sigmoid_steepness', ROOT, { netuid: 1, steepness: 5000 })
    expect(S.AlphaSigmoidSteepness.get(m.s, 1)).toBe(5000)
    call(m, 'sudo_set_alpha_sigmoid_steepness', ROOT, { netuid: 1, steepness: -5000 })
    expect(S.AlphaSigmoidSteepness.get(m.s, 1)).toBe(-5000)
  })

  it('test_sudo_get_set_alpha (liquid alpha on, bounds u16::MAX/40)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const owner = u256(457)
    const [low, high] = [1638, 0xffff - 10]
    S.LiquidAlphaOn.set(m.s, 1, true)
    expect(fails(m, 'sudo_set_alpha_values', signed(owner), { netuid: 1, alpha_low: low, alpha_high: high })).toEqual(BAD_ORIGIN)
    S.SubnetOwner.set(m.s, 1, owner)
    S.AdminFreezeWindow.set(m.s, 0)
    S.OwnerHyperparamRateLimit.set(m.s, 0)
    call(m, 'sudo_set_alpha_values', signed(owner), { netuid: 1, alpha_low: low, alpha_high: high })
    expect(S.AlphaValues.get(m.s, 1)).toEqual([low, high])
    S.LiquidAlphaOn.set(m.s, 1, false)
    expect(fails(m, 'sudo_set_alpha_values', signed(owner), { netuid: 1, alpha_low: low, alpha_high: high })).toEqual(se(SE.LiquidAlphaDisabled))
    S.LiquidAlphaOn.set(m.s, 1, true)
    expect(fails(m, 'sudo_set_alpha_values', signed(owner), { netuid: 1, alpha_low: low, alpha_high: Math.floor(0xffff / 40) - 1 })).toEqual(se(SE.AlphaHighTooLow))
    expect(fails(m, 'sudo_set_alpha_values', signed(owner), { netuid: 1, alpha_low: 0, alpha_high: high })).toEqual(se(SE.AlphaLowOutOfRange))
    expect(fails(m, 'sudo_set_alpha_values', signed(owner), { netuid: 1, alpha_low: high + 1, alpha_high: high })).toEqual(se(SE.AlphaLowOutOfRange))
  })

  it('test_sudo_set_min_childkey_take_per_subnet (within the global bounds)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.MinChildkeyTake.set(m.s, 100)
    expect(fails(m, 'sudo_set_min_childkey_take_per_subnet', ROOT, { netuid: 1, take: 99 })).toEqual(auErr('InvalidValue'))
    expect(fails(m, 'sudo_set_min_childkey_take_per_subnet', ROOT, { netuid: 1, take: S.MaxChildkeyTake.get(m.s) + 1 })).toEqual(auErr('InvalidValue'))
    expect(fails(m, 'sudo_set_min_childkey_take_per_subnet', ROOT, { netuid: 3, take: 200 })).toEqual(auErr('SubnetDoesNotExist'))
    call(m, 'sudo_set_min_childkey_take_per_subnet', ROOT, { netuid: 1, take: 200 })
    expect(S.MinChildkeyTakePerSubnet.get(m.s, 1)).toBe(200)
    expect(eventNames(m.s)).toContain('SubtensorModule.MinChildKeyTakePerSubnetSet')
  })

  it('sudo_set_commit_reveal_weights_interval (1..=100 epochs)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    expect(fails(m, 'sudo_set_commit_reveal_weights_interval', ROOT, { netuid: 1, interval: 101n })).toEqual(se(SE.RevealPeriodTooLarge))
    expect(fails(m, 'sudo_set_commit_reveal_weights_interval', ROOT, { netuid: 1, interval: 0n })).toEqual(se(SE.RevealPeriodTooSmall))
    const init = S.RevealPeriodEpochs.get(m.s, 1)
    call(m, 'sudo_set_commit_reveal_weights_interval', ROOT, { netuid: 1, interval: 55n })
    expect(init).not.toBe(55n)
    expect(S.RevealPeriodEpochs.get(m.s, 1)).toBe(55n)
  })

  it('test_schedule_grandpa_change (applied at on_finalize of scheduled_at + in_blocks)', () => {
    const m = adminMock()
    const bob = new Uint8Array(32).fill(0xb0)
    expect(fails(m, 'schedule_grandpa_change', signed(u256(1)), { next_authorities: [[bob, 1n]], in_blocks: 41, forced: null })).toEqual(BAD_ORIGIN)
    call(m, 'schedule_grandpa_change', ROOT, { next_authorities: [[bob, 1n]], in_blocks: 41, forced: null })
    expect(Grandpa.PendingChange.get(m.s)).toEqual({ scheduled_at: 1, delay: 41, next_authorities: [[bob, 1n]], forced: null })
    System.Number.set(m.s, 42)
    grandpaPallet().hooks.onFinalize!({ s: m.s, env: m.env, blockNumber: 42 })
    expect(Grandpa.Authorities.get(m.s)).toEqual([[bob, 1n]])
  })

  it('swap_authorities: Aura set replaced, AuthoritiesChange in the digest, an empty list ignored', () => {
    const m = adminMock()
    const keys = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]
    expect(fails(m, 'swap_authorities', signed(u256(1)), { new_authorities: keys })).toEqual(BAD_ORIGIN)
    call(m, 'swap_authorities', ROOT, { new_authorities: keys })
    expect(Aura.Authorities.get(m.s)).toEqual(keys)
    const log = System.Digest.get(m.s).logs.at(-1) as { type: string; value: [Uint8Array, Uint8Array] }
    expect(log.type).toBe('Consensus')
    expect(new TextDecoder().decode(log.value[0])).toBe('aura')
    // variant 1, compact length 2 (0x08), then the two keys
    expect([...log.value[1].slice(0, 2)]).toEqual([1, 8])
    expect(log.value[1].length).toBe(2 + 64)
    call(m, 'swap_authorities', ROOT, { new_authorities: [] })
    expect(Aura.Authorities.get(m.s)).toEqual(keys)
  })

  it('test_sudo_toggle_evm_precompile (an event only on change)', () => {
    const m = adminMock()
    const id = { type: 'BalanceTransfer' }
    expect(AdminUtilsStorage.PrecompileEnable.get(m.s, id)).toBe(true)
    expect(fails(m, 'sudo_toggle_evm_precompile', signed(u256(0)), { precompile_id: id, enabled: false })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_toggle_evm_precompile', ROOT, { precompile_id: id, enabled: false })
    expect(events(m.s).filter((e) => e.name === 'AdminUtils.PrecompileUpdated')).toHaveLength(1)
    expect(AdminUtilsStorage.PrecompileEnable.get(m.s, id)).toBe(false)
    m.stepBlock(1)
    call(m, 'sudo_toggle_evm_precompile', ROOT, { precompile_id: id, enabled: false })
    expect(events(m.s).filter((e) => e.name === 'AdminUtils.PrecompileUpdated')).toHaveLength(0)
    call(m, 'sudo_toggle_evm_precompile', ROOT, { precompile_id: id, enabled: true })
    expect(AdminUtilsStorage.PrecompileEnable.get(m.s, id)).toBe(true)
  })

  it('test_sudo_root_sets_subnet_moving_alpha, tao flow settings, total issuance deprecated', () => {
    const m = adminMock()
    const half = { bits: 1n << 31n } // I96F32 0.5
    expect(S.SubnetMovingAlpha.get(m.s)).not.toEqual(half)
    expect(fails(m, 'sudo_set_subnet_moving_alpha', signed(u256(1)), { alpha: half })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_subnet_moving_alpha', ROOT, { alpha: half })
    expect(S.SubnetMovingAlpha.get(m.s)).toEqual(half)
    const ONE = 1n << 64n
    expect(fails(m, 'sudo_set_tao_flow_normalization_exponent', ROOT, { exponent: { bits: ONE - 1n } })).toEqual(auErr('InvalidValue'))
    expect(fails(m, 'sudo_set_tao_flow_normalization_exponent', ROOT, { exponent: { bits: 2n * ONE + 1n } })).toEqual(auErr('InvalidValue'))
    call(m, 'sudo_set_tao_flow_normalization_exponent', ROOT, { exponent: { bits: 2n * ONE } })
    expect(S.FlowNormExponent.get(m.s)).toEqual({ bits: 2n * ONE })
    call(m, 'sudo_set_tao_flow_cutoff', ROOT, { flow_cutoff: { bits: -ONE } })
    expect(S.TaoFlowCutoff.get(m.s)).toEqual({ bits: -ONE })
    call(m, 'sudo_set_tao_flow_smoothing_factor', ROOT, { smoothing_factor: 7n })
    expect(S.FlowEmaSmoothingFactor.get(m.s)).toBe(7n)
    call(m, 'sudo_set_net_tao_flow_enabled', ROOT, { enabled: false })
    expect(S.NetTaoFlowEnabled.get(m.s)).toBe(false)
    expect(fails(m, 'sudo_set_total_issuance', ROOT, { total_issuance: 5n })).toEqual(auErr('Deprecated'))
  })

  it('test_set_sn_owner_hotkey_owner / _root (one change per 50,400 blocks)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const owner = u256(10)
    S.SubnetOwner.set(m.s, 1, owner)
    expect(fails(m, 'sudo_set_sn_owner_hotkey', signed(u256(4)), { netuid: 1, hotkey: u256(3) })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_sn_owner_hotkey', signed(owner), { netuid: 1, hotkey: u256(3) })
    expect(S.SubnetOwnerHotkey.get(m.s, 1)).toEqual(u256(3))
    expect(fails(m, 'sudo_set_sn_owner_hotkey', signed(owner), { netuid: 1, hotkey: u256(3) })).toEqual(se(SE.TxRateLimitExceeded))
    // the limit binds Root too, and the other call index shares it
    expect(fails(m, 'sudo_set_subnet_owner_hotkey', ROOT, { netuid: 1, hotkey: u256(5) })).toEqual(se(SE.TxRateLimitExceeded))
    expect(fails(m, 'sudo_set_sn_owner_hotkey', ROOT, { netuid: 9, hotkey: u256(5) })).toEqual(se(SE.SubnetNotExists))
    const m2 = adminMock()
    addNetwork(m2, 1, 10)
    call(m2, 'sudo_set_sn_owner_hotkey', ROOT, { netuid: 1, hotkey: u256(3) })
    expect(S.SubnetOwnerHotkey.get(m2.s, 1)).toEqual(u256(3))
  })

  it('test_sudo_set_mechanism_count', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const owner = u256(1324)
    S.SubnetOwner.set(m.s, 1, owner)
    S.MaxAllowedUids.set(m.s, 1, 256)
    const ok = S.MaxMechanismCount.get(m.s)
    expect(fails(m, 'sudo_set_mechanism_count', signed(u256(1)), { netuid: 1, mechanism_count: ok })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_mechanism_count', ROOT, { netuid: 1, mechanism_count: ok + 1 })).toEqual(se(SE.InvalidValue))
    expect(fails(m, 'sudo_set_mechanism_count', ROOT, { netuid: 1, mechanism_count: ok })).toEqual(se(SE.TooManyUIDsPerMechanism))
    S.MaxAllowedUids.set(m.s, 1, 128)
    call(m, 'sudo_set_mechanism_count', ROOT, { netuid: 1, mechanism_count: ok })
    call(m, 'sudo_set_mechanism_count', signed(owner), { netuid: 1, mechanism_count: ok })
    expect(S.MechanismCountCurrent.get(m.s, 1)).toBe(ok)
  })

  it('test_sudo_set_mechanism_count_and_emissions', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    const owner = u256(1324)
    S.SubnetOwner.set(m.s, 1, owner)
    S.MaxMechanismCount.set(m.s, 2)
    S.MaxAllowedUids.set(m.s, 1, 128)
    call(m, 'sudo_set_mechanism_count', signed(owner), { netuid: 1, mechanism_count: 2 })
    const fifth = Math.floor(0xffff / 5)
    expect(fails(m, 'sudo_set_mechanism_emission_split', signed(owner), { netuid: 1, maybe_split: [fifth * 2, fifth * 2, fifth] })).toEqual(se(SE.InvalidValue))
    expect(fails(m, 'sudo_set_mechanism_emission_split', signed(owner), { netuid: 1, maybe_split: [fifth * 4, fifth - 1] })).toEqual(se(SE.InvalidValue))
    call(m, 'sudo_set_mechanism_emission_split', signed(owner), { netuid: 1, maybe_split: [fifth, fifth * 4] })
    expect(S.MechanismEmissionSplit.get(m.s, 1)).toEqual([fifth, fifth * 4])
    expect(fails(m, 'sudo_set_mechanism_emission_split', signed(owner), { netuid: 1, maybe_split: [fifth * 4, fifth] })).toEqual(se(SE.TxRateLimitExceeded))
  })

  it('a lower mechanism count drops the removed mechanisms\' storage and resets the split', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.MaxAllowedUids.set(m.s, 1, 128)
    call(m, 'sudo_set_mechanism_count', ROOT, { netuid: 1, mechanism_count: 2 })
    const idx1 = 4096 + 1
    S.Incentive.set(m.s, idx1, [5])
    S.LastUpdate.set(m.s, idx1, [5n])
    S.Weights.set(m.s, idx1, 0, [[1, 2]])
    S.Bonds.set(m.s, idx1, 0, [[1, 2]])
    S.MechanismEmissionSplit.set(m.s, 1, [1, 0xfffe])
    S.Incentive.set(m.s, 1, [9])
    call(m, 'sudo_set_mechanism_count', ROOT, { netuid: 1, mechanism_count: 1 })
    expect(S.Incentive.contains(m.s, idx1)).toBe(false)
    expect(S.LastUpdate.contains(m.s, idx1)).toBe(false)
    expect([...S.Weights.iterPrefix(m.s, idx1)]).toEqual([])
    expect([...S.Bonds.iterPrefix(m.s, idx1)]).toEqual([])
    expect(S.MechanismEmissionSplit.get(m.s, 1)).toBeNull()
    expect(S.Incentive.get(m.s, 1)).toEqual([9])
  })

  it('test_sudo_set_max_mechanism_count', () => {
    const m = adminMock()
    call(m, 'sudo_set_max_mechanism_count', ROOT, { max_mechanism_count: 10 })
    expect(S.MaxMechanismCount.get(m.s)).toBe(10)
    expect(fails(m, 'sudo_set_max_mechanism_count', ROOT, { max_mechanism_count: 0 })).toEqual(se(SE.InvalidValue))
    expect(fails(m, 'sudo_set_max_mechanism_count', ROOT, { max_mechanism_count: 17 })).toEqual(se(SE.InvalidValue))
  })

  it('test_sudo_set_owner_cut_enabled / _auto_lock_enabled', () => {
    const m = adminMock()
    addNetwork(m, 11, 10)
    const owner = u256(1234)
    S.SubnetOwner.set(m.s, 11, owner)
    call(m, 'sudo_set_admin_freeze_window', ROOT, { window: 0 })
    expect(S.OwnerCutEnabled.get(m.s, 11)).toBe(true)
    call(m, 'sudo_set_owner_cut_enabled', signed(owner), { netuid: 11, enabled: false })
    expect(S.OwnerCutEnabled.get(m.s, 11)).toBe(false)
    call(m, 'sudo_set_owner_cut_enabled', ROOT, { netuid: 11, enabled: true })
    expect(S.OwnerCutEnabled.get(m.s, 11)).toBe(true)
    expect(S.OwnerCutAutoLockEnabled.get(m.s, 11)).toBe(false)
    expect(fails(m, 'sudo_set_owner_cut_auto_lock_enabled', signed(u256(4321)), { netuid: 11, enabled: true })).toEqual(BAD_ORIGIN)
    call(m, 'sudo_set_owner_cut_auto_lock_enabled', ROOT, { netuid: 11, enabled: true })
    expect(S.OwnerCutAutoLockEnabled.get(m.s, 11)).toBe(true)
    S.NetworksAdded.set(m.s, 0, true)
    expect(fails(m, 'sudo_set_owner_cut_enabled', ROOT, { netuid: 0, enabled: false })).toEqual(auErr('NotPermittedOnRootSubnet'))
    expect(fails(m, 'sudo_set_owner_cut_enabled', ROOT, { netuid: 5, enabled: false })).toEqual(auErr('SubnetDoesNotExist'))
  })

  it('sudo_set_tempo: root only, resets the epoch cycle to this block', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    m.stepBlock(3)
    expect(fails(m, 'sudo_set_tempo', signed(u256(1)), { netuid: 1, tempo: 20 })).toEqual(BAD_ORIGIN)
    expect(fails(m, 'sudo_set_tempo', ROOT, { netuid: 2, tempo: 20 })).toEqual(auErr('SubnetDoesNotExist'))
    call(m, 'sudo_set_tempo', ROOT, { netuid: 1, tempo: 20 })
    expect(S.Tempo.get(m.s, 1)).toBe(20)
    expect(S.LastEpochBlock.get(m.s, 1)).toBe(BigInt(m.block))
    expect(eventNames(m.s)).toContain('SubtensorModule.TempoSet')
  })

  it('toggle transfer, recycle-or-burn, owner immune neuron limit (1..=10)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    call(m, 'sudo_set_toggle_transfer', ROOT, { netuid: 1, toggle: false })
    expect(S.TransferToggle.get(m.s, 1)).toBe(false)
    expect(eventNames(m.s)).toContain('SubtensorModule.TransferToggle')
    call(m, 'sudo_set_recycle_or_burn', ROOT, { netuid: 1, recycle_or_burn: { type: 'Recycle' } })
    expect(S.RecycleOrBurn.get(m.s, 1)).toEqual({ type: 'Recycle' })
    expect(fails(m, 'sudo_set_owner_immune_neuron_limit', ROOT, { netuid: 1, immune_neurons: 0 })).toEqual(se(SE.InvalidValue))
    expect(fails(m, 'sudo_set_owner_immune_neuron_limit', ROOT, { netuid: 1, immune_neurons: 11 })).toEqual(se(SE.InvalidValue))
    call(m, 'sudo_set_owner_immune_neuron_limit', ROOT, { netuid: 1, immune_neurons: 10 })
    expect(S.ImmuneOwnerUidsLimit.get(m.s, 1)).toBe(10)
  })

  it('test_trim_to_max_allowed_uids (lowest emitters dropped, survivors compressed and remapped)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.AdminFreezeWindow.set(m.s, 0)
    S.SubnetOwner.set(m.s, 1, u256(1))
    S.SubnetOwnerHotkey.set(m.s, 1, u256(2))
    S.ImmuneOwnerUidsLimit.set(m.s, 1, 2)
    S.MinAllowedUids.set(m.s, 1, 4)
    S.MechanismCountCurrent.set(m.s, 1, 4)
    const maxN = 16
    for (let i = 1; i <= maxN; i++) { appendNeuron(m.s, 1, u256(i * 1000), BigInt(m.block)); m.setBlockNumber(m.block + 1) }
    m.setBlockNumber(m.block + S.ImmunityPeriod.get(m.s, 1) + 1)
    const values = [17, 42, 8, 56, 23, 91, 34, 77, 12, 65, 3, 88, 29, 51, 74, 39]
    const bools = [false, false, false, true, false, true, true, true, false, true, false, true, false, true, true, false]
    S.Emission.set(m.s, 1, values.map(BigInt))
    for (const item of [S.Consensus, S.Dividends, S.ValidatorTrust, S.StakeWeight]) item.set(m.s, 1, values)
    S.ValidatorPermit.set(m.s, 1, bools)
    S.Active.set(m.s, 1, bools)
    const idx = [0, 1, 2, 3].map((mec) => mec * 4096 + 1)
    for (const i of idx) { S.Incentive.set(m.s, i, values); S.LastUpdate.set(m.s, i, values.map(BigInt)) }
    // uid 6 (34) made temporally immune
    S.BlockAtRegistration.set(m.s, 1, 6, BigInt(m.block))
    const evm = (n: number): [Uint8Array, bigint] => [new Uint8Array(20).fill(n), BigInt(m.block)]
    for (const uid of [6, 10, 12, 14]) S.AssociatedEvmAddress.set(m.s, 1, uid, evm(uid))
    for (let uid = 0; uid < maxN; uid++) {
      const others = Array.from({ length: maxN }, (_, t) => t).filter((t) => t !== uid)
      for (const i of idx) {
        S.Weights.set(m.s, i, uid, others.map((t) => [t, (uid + t) % 1000]))
        S.Bonds.set(m.s, i, uid, others.map((t) => [t, (uid * t) % 1000]))
      }
    }
    call(m, 'sudo_trim_to_max_allowed_uids', ROOT, { netuid: 1, max_n: 8 })
    expect(S.MaxAllowedUids.get(m.s, 1)).toBe(8)
    const kept = [56, 91, 34, 77, 65, 88, 51, 74]
    expect(S.Emission.get(m.s, 1)).toEqual(kept.map(BigInt))
    expect(S.Active.get(m.s, 1)).toEqual(Array(8).fill(true))
    expect(S.ValidatorPermit.get(m.s, 1)).toEqual(Array(8).fill(true))
    for (const item of [S.Consensus, S.Dividends, S.ValidatorTrust, S.StakeWeight]) expect(item.get(m.s, 1)).toEqual(kept)
    for (const i of idx) { expect(S.Incentive.get(m.s, i)).toEqual(kept); expect(S.LastUpdate.get(m.s, i)).toEqual(kept.map(BigInt)) }
    for (let uid = 8; uid < maxN; uid++) {
      expect(S.Keys.contains(m.s, 1, uid)).toBe(false)
      expect(S.BlockAtRegistration.contains(m.s, 1, uid)).toBe(false)
      expect(S.AssociatedEvmAddress.contains(m.s, 1, uid)).toBe(false)
      for (const i of idx) { expect(S.Weights.contains(m.s, i, uid)).toBe(false); expect(S.Bonds.contains(m.s, i, uid)).toBe(false) }
    }
    for (const n of [1000, 2000, 3000, 5000, 9000, 11000, 13000, 16000]) {
      expect(S.Uids.contains(m.s, 1, u256(n))).toBe(false)
      expect(S.IsNetworkMember.contains(m.s, u256(n), 1)).toBe(false)
    }
    for (let uid = 0; uid < 8; uid++) {
      for (const i of idx) {
        expect(S.Weights.get(m.s, i, uid).every(([t]) => t < 8)).toBe(true)
        expect(S.Bonds.get(m.s, i, uid).every(([t]) => t < 8)).toBe(true)
      }
      expect(S.Uids.get(m.s, 1, S.Keys.get(m.s, 1, uid))).toBe(uid)
    }
    expect(S.SubnetworkN.get(m.s, 1)).toBe(8)
    // uids 6 → 2 and 14 → 7 keep their EVM association
    expect(S.AssociatedEvmAddress.get(m.s, 1, 2)).toEqual(evm(6))
    expect(S.AssociatedEvmAddress.get(m.s, 1, 7)).toEqual(evm(14))
    // uid 3 (56) was kept at 0: its weight to old uid 5 (now 1) is (3 + 5) % 1000
    expect(S.Weights.get(m.s, idx[0]!, 0)).toContainEqual([1, 8])
    expect(fails(m, 'sudo_trim_to_max_allowed_uids', ROOT, { netuid: 42, max_n: 8 })).toEqual(se(SE.SubnetNotExists))
    expect(fails(m, 'sudo_trim_to_max_allowed_uids', ROOT, { netuid: 1, max_n: 2 })).toEqual(se(SE.InvalidValue))
    expect(fails(m, 'sudo_trim_to_max_allowed_uids', ROOT, { netuid: 1, max_n: 9 })).toEqual(se(SE.InvalidValue))
  })

  it('test_trim_to_max_allowed_uids_too_many_immune (Percent::from_rational ≥ 80 % refused)', () => {
    const m = adminMock()
    addNetwork(m, 1, 10)
    S.AdminFreezeWindow.set(m.s, 0)
    const owner = u256(1)
    S.SubnetOwner.set(m.s, 1, owner)
    S.ImmuneOwnerUidsLimit.set(m.s, 1, 2)
    S.MinAllowedUids.set(m.s, 1, 2)
    for (let i = 1; i <= 5; i++) { appendNeuron(m.s, 1, u256(i * 1000), BigInt(m.block)); m.setBlockNumber(m.block + 1) }
    m.setBlockNumber(S.ImmunityPeriod.get(m.s, 1) + 1)
    S.OwnedHotkeys.set(m.s, owner, [u256(1000), u256(2000)])
    for (const uid of [2, 3]) S.BlockAtRegistration.set(m.s, 1, uid, BigInt(m.block))
    expect(fails(m, 'sudo_trim_to_max_allowed_uids', ROOT, { netuid: 1, max_n: 4 })).toEqual(se(SE.TrimmingWouldExceedMaxImmunePercentage))
    expect(fails(m, 'sudo_trim_to_max_allowed_uids', ROOT, { netuid: 1, max_n: 3 })).toEqual(se(SE.TrimmingWouldExceedMaxImmunePercentage))
    // the owner is rate limited per MaxUidsTrimming, Root is not
    S.BlockAtRegistration.set(m.s, 1, 3, 0n)
    S.OwnedHotkeys.set(m.s, owner, [u256(1000)])
    m.setBlockNumber(m.block + 10) // uids 1 and 4 leave their immunity period; 0 (owner) and 2 stay immune
    call(m, 'sudo_trim_to_max_allowed_uids', signed(owner), { netuid: 1, max_n: 4 })
    expect(S.SubnetworkN.get(m.s, 1)).toBe(4)
    expect(fails(m, 'sudo_trim_to_max_allowed_uids', signed(owner), { netuid: 1, max_n: 4 })).toEqual(se(SE.TxRateLimitExceeded))
  })
})

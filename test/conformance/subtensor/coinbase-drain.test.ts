// Port of subtensor pallets/subtensor/src/tests/coinbase.rs (HEAD 14bc6f9): the drain tests —
// `distribute_emission` on one subnet with stakers registered or not, root weight, and child
// keys taking part of a parent's dividend. Expected values and epsilons are the tests' own.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { distributeEmission } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { drainPending, shouldRunEpoch } from '../../../src/pallets/subtensor/coinbase/epoch-schedule.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { addDynamicNetwork, addNetwork, newTestExt, u256, type Ext } from './head-mock.js'
import { mockSetChildrenNoEpochs, registerOkNeuron, sub, U64_MAX } from './staking-mock.js'

const { getStakeForHotkeyAndColdkeyOnSubnet: stakeOf, getStakeForHotkeyOnSubnet: hotkeyStake } = L
const increase = L.increaseStakeForHotkeyAndColdkeyOnSubnet
const close = (value: bigint, target: bigint, eps: bigint): void => {
  const d = value > target ? value - target : target - value
  expect(d < eps, `${value} within ${eps} of ${target}`).toBe(true)
}
const absDiff = (a: bigint, b: bigint, eps: bigint): void => {
  const d = a > b ? a - b : b - a
  expect(d <= eps, `${a} within ${eps} of ${b}`).toBe(true)
}
/** `distribute_emission(netuid, server, validator, root, owner_cut)` at the current block. */
const distribute = (e: Ext, netuid: number, server: bigint, validator: bigint, root = 0n, ownerCut = 0n): void =>
  distributeEmission(e.s, e.env, netuid, server, validator, root, ownerCut, BigInt(e.env.blockNumber))
/** `I96F32::from_num(stake) + I96F32::from_num(pending) * I96F32::from_num(f)`, to u64. */
const i96Expected = (stake: bigint, pending: bigint, f: number): bigint =>
  F.toInt(F.I96F32, F.fromInt(F.I96F32, stake) + F.mul(F.I96F32, F.fromInt(F.I96F32, pending), F.fromF64(F.I96F32, f)))

const STAKE = 1_000_000_000n
const PENDING = 1_000_000_000n

describe('tests/coinbase.rs (HEAD): drain', () => {
  it('test_drain_base', () => {
    const e = newTestExt(1)
    distribute(e, 0, 0n, 0n)
    expect(S.TotalStake.get(e.s)).toBe(0n)
    expect(S.SubnetAlphaOut.get(e.s, 0)).toBe(0n)
  })

  it('test_drain_base_with_subnet', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    distribute(e, 1, 0n, 0n)
    expect(S.SubnetAlphaOut.get(e.s, 1)).toBe(0n)
    expect(S.PendingServerEmission.get(e.s, 1)).toBe(0n)
  })

  it('test_drain_base_with_subnet_with_single_staker_not_registered', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    const [hot, cold] = [u256(1), u256(2)]
    increase(e.s, hot, cold, 1, STAKE)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    expect(stakeOf(e.s, hot, cold, 1)).toBe(STAKE)
  })

  it('test_drain_base_with_subnet_with_single_staker_registered', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    const [hot, cold] = [u256(1), u256(2)]
    registerOkNeuron(e, 1, hot, cold)
    increase(e.s, hot, cold, 1, STAKE)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    close(STAKE + PENDING, stakeOf(e.s, hot, cold, 1), 10n)
  })

  it('test_drain_base_with_subnet_with_single_staker_registered_root_weight', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    const [hot, cold] = [u256(1), u256(2)]
    registerOkNeuron(e, 1, hot, cold)
    S.Delegates.set(e.s, hot, 0)
    S.TaoWeight.set(e.s, U64_MAX)
    increase(e.s, hot, cold, 0, STAKE)
    increase(e.s, hot, cold, 1, STAKE)
    expect(S.SubnetTAO.get(e.s, 0)).toBe(0n)
    distribute(e, 1, PENDING / 2n, PENDING / 2n, 1_000_000_000n)
    close(STAKE + PENDING, stakeOf(e.s, hot, cold, 1), 10n)
    close(STAKE, stakeOf(e.s, hot, cold, 0), 10n)
  })

  for (const [name, taoWeight] of [
    ['test_drain_base_with_subnet_with_two_stakers_registered_and_root_different_amounts', U64_MAX],
    ['test_drain_base_with_subnet_with_two_stakers_registered_and_root_different_amounts_half_tao_weight', U64_MAX / 2n],
  ] as const) {
    it(name, () => {
      const e = newTestExt(1)
      addNetwork(e.s, 1, 1)
      const [h1, h2, cold] = [u256(1), u256(2), u256(3)]
      S.Delegates.set(e.s, h1, 0)
      S.Delegates.set(e.s, h2, 0)
      registerOkNeuron(e, 1, h1, cold)
      registerOkNeuron(e, 1, h2, cold)
      S.TaoWeight.set(e.s, taoWeight)
      increase(e.s, h1, cold, 1, STAKE)
      increase(e.s, h1, cold, 0, STAKE * 2n)
      increase(e.s, h2, cold, 1, STAKE)
      increase(e.s, h2, cold, 0, STAKE)
      expect(S.SubnetTAO.get(e.s, 0)).toBe(0n)
      distribute(e, 1, PENDING / 2n, PENDING / 2n)
      absDiff(i96Expected(STAKE, PENDING, 1 / 2), stakeOf(e.s, h1, cold, 1), 10n)
      absDiff(i96Expected(STAKE, PENDING, 1 / 2), stakeOf(e.s, h2, cold, 1), 10n)
    })
  }

  it('test_drain_alpha_childkey_parentkey', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    S.CKBurn.set(e.s, 0n)
    const [parent, child, cold] = [u256(1), u256(2), u256(3)]
    registerOkNeuron(e, 1, child, cold)
    increase(e.s, parent, cold, 1, STAKE)
    mockSetChildrenNoEpochs(e, 1, parent, [[U64_MAX, child]])
    S.ChildkeyTake.set(e.s, child, 1, Math.floor(0xffff / 10))
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    close(i96Expected(STAKE, PENDING, 9 / 10), hotkeyStake(e.s, parent, 1), 10_000n)
    close(F.toInt(F.I96F32, F.div(F.I96F32, F.fromInt(F.I96F32, PENDING), F.fromInt(F.I96F32, 10))), hotkeyStake(e.s, child, 1), 10_000n)
  })
})

/**
 * The root-children tests' start: root and subnet 1 (tempo 1), TaoWeight 1, alice and bob
 * registered on 1 and on root, 1e9 root stake and 1e9 alpha each.
 */
function aliceAndBob(opts: { sameColdkey?: boolean; ckBurn0?: boolean } = {}): { e: Ext; alice: Uint8Array; bob: Uint8Array; coldA: Uint8Array; coldB: Uint8Array } {
  const e = newTestExt(1)
  addNetwork(e.s, 0, 1)
  addNetwork(e.s, 1, 1)
  // the mock's InitialMaxRegistrationsPerBlock (3); the runtime's is 1
  for (const n of [0, 1]) S.MaxRegistrationsPerBlock.set(e.s, n, 3)
  if (opts.ckBurn0) S.CKBurn.set(e.s, 0n)
  S.TaoWeight.set(e.s, U64_MAX)
  const [coldA, coldB, alice, bob] = opts.sameColdkey ? [u256(0), u256(0), u256(1), u256(2)] : [u256(0), u256(1), u256(2), u256(3)]
  registerOkNeuron(e, 1, alice, coldA)
  registerOkNeuron(e, 1, bob, coldB)
  sub(e, coldA, 'root_register', { hotkey: alice })
  sub(e, coldB, 'root_register', { hotkey: bob })
  increase(e.s, alice, coldA, 0, STAKE)
  increase(e.s, bob, coldB, 0, STAKE)
  increase(e.s, alice, coldA, 1, STAKE)
  increase(e.s, bob, coldB, 1, STAKE)
  return { e, alice, bob, coldA, coldB }
}

describe('tests/coinbase.rs (HEAD): root children', () => {
  it('test_get_root_children', () => {
    const { e, alice, bob } = aliceAndBob({ sameColdkey: true })
    mockSetChildrenNoEpochs(e, 1, alice, [[U64_MAX, bob]])
    expect(hotkeyStake(e.s, alice, 0)).toBe(STAKE)
    expect(hotkeyStake(e.s, bob, 0)).toBe(STAKE)
    expect(hotkeyStake(e.s, alice, 1)).toBe(STAKE)
    expect(hotkeyStake(e.s, bob, 1)).toBe(STAKE)
    expect(L.getInheritedForHotkeyOnSubnet(e.s, alice, 0)).toBe(STAKE)
    expect(L.getInheritedForHotkeyOnSubnet(e.s, alice, 1)).toBe(0n)
    expect(L.getInheritedForHotkeyOnSubnet(e.s, bob, 0)).toBe(STAKE)
    expect(L.getInheritedForHotkeyOnSubnet(e.s, bob, 1)).toBe(STAKE + STAKE)
    expect(L.getTaoInheritedForHotkeyOnSubnet(e.s, alice, 1)).toBe(0n)
    expect(L.getTaoInheritedForHotkeyOnSubnet(e.s, bob, 1)).toBe(STAKE + STAKE)
    expect(L.getStakeWeightsForHotkeyOnSubnet(e.s, alice, 1)[0]).toBe(0n)
    expect(L.getStakeWeightsForHotkeyOnSubnet(e.s, bob, 1)[0]).toBe(F.fromInt(F.I64F64, STAKE * 4n))
  })

  it('test_get_root_children_drain', () => {
    const { e, alice, bob } = aliceAndBob({ ckBurn0: true })
    mockSetChildrenNoEpochs(e, 1, alice, [[U64_MAX, bob]])
    S.ChildkeyTake.set(e.s, bob, 1, 0)
    S.Delegates.set(e.s, alice, 0)
    S.Delegates.set(e.s, bob, 0)
    expect(L.getStakeWeightsForHotkeyOnSubnet(e.s, alice, 1)[0]).toBe(0n)
    expect(L.getStakeWeightsForHotkeyOnSubnet(e.s, bob, 1)[0]).toBe(F.fromInt(F.I64F64, 4n * STAKE))
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    expect(hotkeyStake(e.s, alice, 1)).toBe(STAKE + PENDING / 2n)
    expect(hotkeyStake(e.s, bob, 1)).toBe(STAKE + PENDING / 2n)
    expect(S.SubnetTAO.get(e.s, 0)).toBe(0n)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    expect(hotkeyStake(e.s, alice, 0)).toBe(STAKE)
    expect(hotkeyStake(e.s, bob, 0)).toBe(STAKE)
    S.ChildkeyTake.set(e.s, bob, 1, 0xffff)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    expect(S.AlphaDividendsPerSubnet.get(e.s, 1, alice)).toBe(0n)
    absDiff(S.AlphaDividendsPerSubnet.get(e.s, 1, bob), PENDING, 1n)
  })

  it('test_get_root_children_drain_half_proportion', () => {
    const { e, alice, bob } = aliceAndBob({ ckBurn0: true })
    mockSetChildrenNoEpochs(e, 1, alice, [[U64_MAX / 2n, bob]])
    S.ChildkeyTake.set(e.s, bob, 1, 0)
    S.Delegates.set(e.s, alice, 0)
    S.Delegates.set(e.s, bob, 0)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    close(S.AlphaDividendsPerSubnet.get(e.s, 1, alice), PENDING / 2n, 10n)
    close(S.AlphaDividendsPerSubnet.get(e.s, 1, bob), PENDING / 2n, 10n)
  })

  it('test_get_root_children_drain_with_take', () => {
    const { e, alice, bob } = aliceAndBob()
    S.ChildkeyTake.set(e.s, bob, 1, 0xffff)
    mockSetChildrenNoEpochs(e, 1, alice, [[U64_MAX, bob]])
    S.Delegates.set(e.s, alice, 0)
    S.Delegates.set(e.s, bob, 0)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    close(S.AlphaDividendsPerSubnet.get(e.s, 1, alice), 0n, 10n)
    close(S.AlphaDividendsPerSubnet.get(e.s, 1, bob), PENDING, 10n)
  })

  it('test_get_root_children_drain_with_half_take', () => {
    const { e, alice, bob } = aliceAndBob({ ckBurn0: true })
    S.ChildkeyTake.set(e.s, bob, 1, Math.floor(0xffff / 2))
    mockSetChildrenNoEpochs(e, 1, alice, [[U64_MAX, bob]])
    S.Delegates.set(e.s, alice, 0)
    S.Delegates.set(e.s, bob, 0)
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    close(S.AlphaDividendsPerSubnet.get(e.s, 1, alice), PENDING / 4n, 10_000n)
    close(S.AlphaDividendsPerSubnet.get(e.s, 1, bob), 3n * (PENDING / 4n), 10_000n)
  })
})

describe('tests/coinbase.rs (HEAD): childkey burn and drain_pending', () => {
  it('test_drain_alpha_childkey_parentkey_with_burn', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 1)
    const [parent, child, cold] = [u256(1), u256(2), u256(3)]
    registerOkNeuron(e, 1, child, cold)
    increase(e.s, parent, cold, 1, STAKE)
    mockSetChildrenNoEpochs(e, 1, parent, [[U64_MAX, child]])
    S.ChildkeyTake.set(e.s, child, 1, Math.floor(0xffff / 10))
    // get_ck_burn: CKBurn / u64::MAX as U96F32 (the same 32 fractional bits as I96F32)
    const I = F.I96F32
    const burnRate = F.checkedDiv(F.U96F32, F.saturatingFromInt(F.U96F32, S.CKBurn.get(e.s)), F.saturatingFromInt(F.U96F32, U64_MAX)) ?? 0n
    distribute(e, 1, PENDING / 2n, PENDING / 2n)
    const pending = F.fromInt(I, PENDING)
    const nineTenths = F.mul(I, pending, F.fromF64(I, 9 / 10))
    const ckBurn = F.mul(I, nineTenths, burnRate)
    const total = pending - ckBurn
    const parentRatio = F.div(I, nineTenths - ckBurn, total)
    const childRatio = F.div(I, F.div(I, pending, F.fromInt(I, 10)), total)
    close(F.toInt(I, F.fromInt(I, STAKE) + F.mul(I, pending, parentRatio)), hotkeyStake(e.s, parent, 1), 3_000_000n)
    close(F.toInt(I, F.mul(I, pending, childRatio)), hotkeyStake(e.s, child, 1), 3_000_000n)
  })

  it('test_coinbase_drain_pending_increments_blockssincelaststep', () => {
    const e = newTestExt(1)
    const n = addDynamicNetwork(e, u256(1), u256(2))
    const before = S.BlocksSinceLastStep.get(e.s, n)
    drainPending(e.s, e.env, [n], 1n)
    expect(S.BlocksSinceLastStep.get(e.s, n)).toBe(before + 1n)
  })

  /** A dynamic subnet of tempo 100 whose epoch is due at block 102. */
  function dueAt102(): { e: Ext; n: number } {
    const e = newTestExt(1)
    const n = addDynamicNetwork(e, u256(1), u256(2))
    S.Tempo.set(e.s, n, 100)
    S.LastEpochBlock.set(e.s, n, 0n)
    expect(shouldRunEpoch(e.s, n, 102n)).toBe(true)
    return { e, n }
  }

  it('test_coinbase_drain_pending_resets_blockssincelaststep', () => {
    const { e, n } = dueAt102()
    S.BlocksSinceLastStep.set(e.s, n, 12_345_678n)
    S.LastMechansimStepBlock.set(e.s, n, 12_345n)
    drainPending(e.s, e.env, [n], 102n)
    expect(S.BlocksSinceLastStep.get(e.s, n)).toBe(0n)
    expect(S.LastMechansimStepBlock.get(e.s, n)).toBe(12_345n)
  })

  it('test_coinbase_drain_pending_gets_counters_and_resets_them', () => {
    const { e, n } = dueAt102()
    const [server, validator, root, ownerCut] = [123_434_534n, 111_111n, 12_222_222n, 12_345_678n]
    S.PendingServerEmission.set(e.s, n, server)
    S.PendingValidatorEmission.set(e.s, n, validator)
    S.PendingRootAlphaDivs.set(e.s, n, root)
    S.PendingOwnerCut.set(e.s, n, ownerCut)
    const drained = drainPending(e.s, e.env, [n], 102n)
    expect(drained.size).toBe(1)
    // (with the subnet's Keys rows and Tempo, which the epoch runs on)
    const keyed = [...S.Keys.iterPrefix(e.s, n)].map(([uid, hk]) => [hk, uid])
    expect(drained.get(n)).toEqual({ server, validator, root, ownerCut, keyed, tempo: S.Tempo.get(e.s, n) })
    for (const m of [S.PendingServerEmission, S.PendingValidatorEmission, S.PendingRootAlphaDivs, S.PendingOwnerCut]) expect(m.get(e.s, n)).toBe(0n)
  })
})

// Port of the burned-registration cases of subtensor v3.3.13 pallets/subtensor/src/tests/registration.rs
// (tag v3.3.13-393; the classic regime), with the v3.3.13 mock (mock.ts). The proof-of-work cases
// are in registration.test.ts.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, freeBalance, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorErrors as SE, SubtensorStorage as S, validateSubtensorCall } from '../../../src/pallets/subtensor/index.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { neuronIsImmune, neuronToPrune } from '../../../src/pallets/subtensor/subnets/registration.js'
import { callHandler, errorOf, failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const RESERVE = 1_000_000_000_000n
const se = (e: () => unknown): unknown => errorOf(e())
const burned = (m: Mock, coldkey: Uint8Array, netuid: number, hotkey: Uint8Array) =>
  callHandler(m.env, 'SubtensorModule', 'burned_register', signed(coldkey), { netuid, hotkey })
const burnedFails = (m: Mock, coldkey: Uint8Array, netuid: number, hotkey: Uint8Array) => errorOf(failsUntouched(m.s, () => burned(m, coldkey, netuid, hotkey)))
const fund = (m: Mock, who: Uint8Array, amount: bigint) => mint(m.s, m.env, who, amount)
/** `add_network` + `setup_reserves`; the subnet account holds the existential deposit as a registered subnet's does. */
function network(m: Mock, netuid: number, burn: bigint): void {
  m.addNetwork(netuid, 13)
  S.SubnetTAO.set(m.s, netuid, RESERVE)
  S.SubnetAlphaIn.set(m.s, netuid, RESERVE)
  fund(m, subnetAccountId(netuid), EXISTENTIAL_DEPOSIT)
  S.Burn.set(m.s, netuid, burn)
}
const burnedCall = (netuid: number, hotkey: Uint8Array) => ({ type: 'SubtensorModule', value: { type: 'burned_register', value: { netuid, hotkey } } })

describe('tests/registration.rs (v3.3.13): burned registration', () => {
  it('test_burned_registration_under_limit / rate_limit_exceeded / rate_allows_burn_adjustment (SubtensorTransactionExtension)', () => {
    const m = new Mock()
    network(m, 1, 1_000n)
    fund(m, u256(667), 11_000n)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 2)
    expect(validateSubtensorCall(m.s, u256(667), burnedCall(1, u256(1)))).toBeNull()
    burned(m, u256(667), 1, u256(1))
    expect(S.RegistrationsThisInterval.get(m.s, 1)).toBeLessThanOrEqual(6)
    // at three times the target the pool refuses: CustomTransactionError::RateLimitExceeded (6)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 1)
    S.RegistrationsThisInterval.set(m.s, 1, 3)
    expect(validateSubtensorCall(m.s, u256(667), burnedCall(1, u256(2)))).toBe(6)
    // at the target it still admits, and the registration goes beyond the target
    S.RegistrationsThisInterval.set(m.s, 1, 1)
    expect(validateSubtensorCall(m.s, u256(667), burnedCall(1, u256(2)))).toBeNull()
    burned(m, u256(667), 1, u256(2))
    expect(S.RegistrationsThisInterval.get(m.s, 1)).toBe(2)
  })

  it('test_burned_registration_ok (the coldkey pays exactly the burn)', () => {
    const m = new Mock()
    network(m, 1, 1_000n)
    fund(m, u256(667), 10_000n)
    burned(m, u256(667), 1, u256(1))
    expect(freeBalance(m.s, u256(667))).toBe(9_000n)
    expect(S.SubnetworkN.get(m.s, 1)).toBe(1)
    expect(S.Owner.get(m.s, u256(1))).toEqual(u256(667))
    const uid = S.Uids.get(m.s, 1, u256(1))!
    expect(uid).toBe(0)
    expect(S.TotalHotkeyAlpha.get(m.s, u256(1), 1)).toBe(0n)
  })

  it('test_burn_registration_without_neuron_slot / test_burn_registration_doesnt_write_on_failure', () => {
    const m = new Mock()
    network(m, 1, 1_000n)
    fund(m, u256(987), 10_000n)
    S.MaxAllowedUids.set(m.s, 1, 0)
    expect(burnedFails(m, u256(987), 1, u256(1))).toEqual(se(SE.NoNeuronIdAvailable))
    expect(freeBalance(m.s, u256(987))).toBe(10_000n)
    expect(S.SubnetworkN.get(m.s, 1)).toBe(0)
    expect(S.Uids.get(m.s, 1, u256(1))).toBeNull()
  })

  it('test_burn_adjustment (two burns over a target of one: the burn rises to about 1.5×)', () => {
    const m = new Mock()
    const init = S.MinBurn.get(m.s, 1) + 10_000n
    network(m, 1, init)
    S.AdjustmentInterval.set(m.s, 1, 1)
    S.AdjustmentAlpha.set(m.s, 1, 58_000n)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 1)
    for (const n of [1, 2]) {
      fund(m, u256(n), init + EXISTENTIAL_DEPOSIT)
      burned(m, u256(n), 1, u256(n))
    }
    m.stepBlock(1)
    const burn = S.Burn.get(m.s, 1)
    expect(burn).toBeGreaterThan(init)
    const target = (init * 3n) / 2n
    expect(burn > target ? burn - target : target - burn).toBeLessThanOrEqual(1_000n)
  })

  it('test_burn_registration_pruning_scenarios', () => {
    const m = new Mock()
    const netuid = 1
    network(m, netuid, 1_000n)
    S.MinNonImmuneUids.set(m.s, netuid, 0)
    S.MaxAllowedUids.set(m.s, netuid, 6)
    S.TargetRegistrationsPerInterval.set(m.s, netuid, 6)
    S.ImmunityPeriod.set(m.s, netuid, 5000)
    const coldkey = u256(667)
    fund(m, coldkey, 1_000n * 6n + 1_000_000_000n)
    const setEmission = (e: Record<number, bigint>) => S.Emission.mutate(m.s, netuid, (v) => { for (const [i, x] of Object.entries(e)) v[Number(i)] = x; return v })
    for (let i = 0; i < 3; i++) { burned(m, coldkey, netuid, u256(i)); m.stepBlock(1) }
    expect([0, 1, 2].map((uid) => neuronIsImmune(m.s, netuid, uid))).toEqual([true, true, true])
    setEmission({ 0: 100n, 1: 75n, 2: 50n })
    expect(neuronToPrune(m.s, netuid)).toBe(2)
    setEmission({ 1: 50n, 2: 50n })
    expect(neuronToPrune(m.s, netuid)).toBe(1)
    m.stepBlock(5000)
    expect([0, 1, 2].map((uid) => neuronIsImmune(m.s, netuid, uid))).toEqual([false, false, false])
    setEmission({ 0: 100n, 1: 50n, 2: 75n })
    expect(neuronToPrune(m.s, netuid)).toBe(1)
    setEmission({ 1: 50n, 2: 50n })
    expect(neuronToPrune(m.s, netuid)).toBe(1)
    for (let i = 3; i < 6; i++) { burned(m, coldkey, netuid, u256(i)); m.stepBlock(1) }
    expect([3, 4, 5].map((uid) => neuronIsImmune(m.s, netuid, uid))).toEqual([true, true, true])
    setEmission({ 0: 75n, 1: 50n, 2: 60n, 3: 40n, 4: 55n, 5: 45n })
    expect(neuronToPrune(m.s, netuid)).toBe(1)
    setEmission({ 1: 10_000n })
    expect(neuronToPrune(m.s, netuid)).toBe(2)
    setEmission({ 0: 10_000n, 1: 10_000n, 2: 10_000n })
    expect(neuronToPrune(m.s, netuid)).toBe(0)
  })

  it('test_registration_add_network_size (PoW registrations count per subnet)', () => {
    const m = new Mock()
    const w0 = m.work(1, 0n, 3942084n, u256(1))
    const w1 = m.work(2, 0n, 11231312312n, u256(2))
    const w2 = m.work(2, 0n, 21813123n, u256(3))
    m.addNetwork(1, 13)
    m.addNetwork(2, 13)
    expect([S.SubnetworkN.get(m.s, 1), S.SubnetworkN.get(m.s, 2)]).toEqual([0, 0])
    m.register(1, u256(1), u256(667), { block: 0n, ...w0 })
    expect(S.SubnetworkN.get(m.s, 1)).toBe(1)
    expect(S.RegistrationsThisInterval.get(m.s, 1)).toBe(1)
    m.register(2, u256(2), u256(667), { block: 0n, ...w1 })
    m.register(2, u256(3), u256(667), { block: 0n, ...w2 })
    expect(S.SubnetworkN.get(m.s, 2)).toBe(2)
    expect(S.RegistrationsThisInterval.get(m.s, 2)).toBe(2)
  })

  it('test_burn_registration_increase_recycled_rao (per subnet)', () => {
    const m = new Mock()
    fund(m, u256(1), 1_000_000_000_000n)
    fund(m, u256(2), 1_000_000_000_000n)
    network(m, 1, 1_000_000n)
    network(m, 2, 2_000_000n)
    const burn1 = S.Burn.get(m.s, 1)
    burned(m, u256(1), 1, u256(1))
    expect(S.RAORecycledForRegistration.get(m.s, 1)).toBe(burn1)
    m.stepBlock(1)
    const burn2 = S.Burn.get(m.s, 2)
    burned(m, u256(1), 2, u256(1))
    burned(m, u256(2), 2, u256(2))
    expect(S.RAORecycledForRegistration.get(m.s, 2)).toBe(burn2 * 2n)
    expect(S.RAORecycledForRegistration.get(m.s, 1)).toBe(burn1)
  })

  it('test_last_update_correctness / test_registration_get_neuron_metadata (burned path)', () => {
    const m = new Mock()
    network(m, 1, 1_000n)
    S.SubnetworkN.set(m.s, 1, 3)
    S.LastUpdate.remove(m.s, 1)
    fund(m, u256(667), 10_000n)
    burned(m, u256(667), 1, u256(1))
    expect(S.LastUpdate.get(m.s, 1).length).toBe(4)
    expect(S.Axons.get(m.s, 1, u256(1))).toBeNull()
  })
})

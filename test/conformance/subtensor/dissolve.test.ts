// Port of the dissolve and prune cases of subtensor pallets/subtensor/src/tests/networks.rs (HEAD
// 14bc6f9): do_dissolve_network's payout (pro rata by alpha value, largest remainder, protocol
// share withheld, legacy lock refund), the storage it clears, get_network_to_prune, and
// register_network reusing a pruned netuid at SubnetLimit.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, freeBalance } from '../../../src/pallets/balances/index.js'
import { SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { networkLockCost, subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { getNetworkToPrune } from '../../../src/pallets/subtensor/subnets/dissolve.js'
import { errorOf, eventNames, failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, call, dissolve, ext, fund, removeOwnerRegistrationStake, se, stake } from './dissolve-mock.js'
import { u256 } from './mock.js'

describe('tests/networks.rs: do_dissolve_network', () => {
  it('test_registration_ok / dissolve_nonexistent_subnet_fails / root only', () => {
    const m = ext()
    const net = addDynamicNetwork(m, u256(2), u256(1))
    expect(errorOf(failsUntouched(m.s, () => dissolve(m, 9_999)))).toEqual(se(SE.SubnetNotExists))
    expect(errorOf(failsUntouched(m.s, () => dissolve(m, 0)))).toEqual(se(SE.SubnetNotExists))
    expect(errorOf(failsUntouched(m.s, () => call(m, 'dissolve_network', signed(u256(1)), { coldkey: u256(1), netuid: net })))).toEqual({ type: 'BadOrigin' })
    const total = S.TotalNetworks.get(m.s)
    dissolve(m, net)
    expect(S.NetworksAdded.contains(m.s, net)).toBe(false)
    expect(S.TotalNetworks.get(m.s)).toBe(total - 1)
    expect(eventNames(m.s)).toContain('SubtensorModule.NetworkRemoved')
  })

  it('dissolve_no_stakers_no_alpha_no_emission (owner balance unchanged)', () => {
    const m = ext()
    const cold = u256(1)
    const net = addDynamicNetwork(m, u256(2), cold)
    S.SubnetLocked.set(m.s, net, 0n)
    S.SubnetTAO.set(m.s, net, 0n)
    const before = freeBalance(m.s, cold)
    dissolve(m, net)
    expect(freeBalance(m.s, cold)).toBe(before)
  })

  it('dissolve_refunds_full_lock_cost_when_no_emission (legacy subnet)', () => {
    const m = ext()
    const cold = u256(3)
    const net = addDynamicNetwork(m, u256(4), cold)
    S.NetworkRegistrationStartBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    removeOwnerRegistrationStake(m, net)
    S.SubnetAlphaIn.set(m.s, net, 0n)
    S.SubnetLocked.set(m.s, net, 1_000_000n)
    S.SubnetTAO.set(m.s, net, 0n)
    const before = freeBalance(m.s, cold)
    dissolve(m, net)
    expect(freeBalance(m.s, cold)).toBe(before + 1_000_000n)
  })

  it('dissolve_single_alpha_out_staker_gets_all_tao', () => {
    const m = ext()
    const net = addDynamicNetwork(m, u256(20), u256(10))
    removeOwnerRegistrationStake(m, net)
    S.SubnetAlphaIn.set(m.s, net, 0n)
    S.SubnetProtocolAlpha.set(m.s, net, 0n)
    const [hot, cold] = [u256(100), u256(200)]
    stake(m, hot, cold, net, 5_000n)
    S.SubnetTAO.set(m.s, net, 99_999n)
    S.SubnetLocked.set(m.s, net, 0n)
    fund(m, cold, EXISTENTIAL_DEPOSIT)
    const before = freeBalance(m.s, cold)
    dissolve(m, net)
    expect(freeBalance(m.s, cold)).toBe(before + 99_999n)
    expect([...S.AlphaV2.iter(m.s)].every(([[, , n]]) => n !== net)).toBe(true)
    expect(S.SubnetTAO.contains(m.s, net)).toBe(false)
  })

  it('dissolve_two_stakers_pro_rata_distribution (largest remainder) with the legacy owner refund', () => {
    const m = ext()
    const oc = u256(50)
    const net = addDynamicNetwork(m, u256(51), oc)
    removeOwnerRegistrationStake(m, net)
    S.SubnetAlphaIn.set(m.s, net, 0n)
    S.SubnetProtocolAlpha.set(m.s, net, 0n)
    S.NetworkRegistrationStartBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    const [a1, a2, pot] = [300n, 700n, 10_000n]
    stake(m, u256(201), u256(301), net, a1)
    stake(m, u256(202), u256(302), net, a2)
    fund(m, u256(301), EXISTENTIAL_DEPOSIT)
    fund(m, u256(302), EXISTENTIAL_DEPOSIT)
    S.SubnetTAO.set(m.s, net, pot)
    S.SubnetLocked.set(m.s, net, 5_000n)
    const total = a1 + a2
    let [e1, e2] = [pot * a1 / total, pot * a2 / total]
    if (e1 + e2 < pot) { if ((pot * a1) % total >= (pot * a2) % total) e1++; else e2++ }
    const [b1, b2, bo] = [freeBalance(m.s, u256(301)), freeBalance(m.s, u256(302)), freeBalance(m.s, oc)]
    dissolve(m, net)
    expect(freeBalance(m.s, u256(301))).toBe(b1 + e1)
    expect(freeBalance(m.s, u256(302))).toBe(b2 + e2)
    expect(freeBalance(m.s, oc)).toBe(bo + 5_000n)
  })

  it('dissolve_rounding_remainder_distribution (pot 1: the larger remainder gets it)', () => {
    const m = ext()
    const net = addDynamicNetwork(m, u256(62), u256(61))
    removeOwnerRegistrationStake(m, net)
    S.SubnetAlphaIn.set(m.s, net, 0n)
    S.SubnetProtocolAlpha.set(m.s, net, 0n)
    stake(m, u256(63), u256(64), net, 3n)
    stake(m, u256(65), u256(66), net, 2n)
    fund(m, u256(64), EXISTENTIAL_DEPOSIT)
    fund(m, u256(66), EXISTENTIAL_DEPOSIT)
    S.SubnetTAO.set(m.s, net, 1n)
    S.SubnetLocked.set(m.s, net, 0n)
    const [c1, c2] = [freeBalance(m.s, u256(64)), freeBalance(m.s, u256(66))]
    dissolve(m, net)
    expect(freeBalance(m.s, u256(64))).toBe(c1 + 1n)
    expect(freeBalance(m.s, u256(66))).toBe(c2)
  })

  it('dissolve_protocol_alpha_share_is_not_paid_to_users (pre-deploy: alpha in excluded); the rest is recycled', () => {
    const m = ext()
    const oc = u256(610)
    const net = addDynamicNetwork(m, u256(620), oc)
    removeOwnerRegistrationStake(m, net)
    S.TaoInRefundDeploymentBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    S.SubnetLocked.set(m.s, net, 0n)
    S.SubnetAlphaIn.set(m.s, net, 100n)
    S.SubnetProtocolAlpha.set(m.s, net, 50n)
    stake(m, u256(630), u256(640), net, 50n)
    fund(m, u256(640), EXISTENTIAL_DEPOSIT)
    S.SubnetTAO.set(m.s, net, 200n)
    const [sb, ob] = [freeBalance(m.s, u256(640)), freeBalance(m.s, oc)]
    const account = subnetAccountId(net)
    const issuance = S.TotalIssuance.get(m.s)
    const accountBefore = freeBalance(m.s, account)
    dissolve(m, net)
    expect(freeBalance(m.s, u256(640))).toBe(sb + 100n)
    expect(freeBalance(m.s, oc)).toBe(ob)
    expect(S.SubnetProtocolAlpha.contains(m.s, net)).toBe(false)
    // what stays on the subnet account above the ED is recycled and recorded
    const recycled = accountBefore - 100n - EXISTENTIAL_DEPOSIT
    expect(S.RAORecycledForRegistration.get(m.s, net)).toBe(0n) // removed with the network afterwards
    expect(freeBalance(m.s, account)).toBe(EXISTENTIAL_DEPOSIT)
    expect(S.TotalIssuance.get(m.s)).toBe(issuance > recycled ? issuance - recycled : 0n)
  })

  it('dissolve_clears_all_per_subnet_storages (a representative set per step of remove_network)', () => {
    const m = ext()
    const [oc, oh] = [u256(123), u256(456)]
    const net = addDynamicNetwork(m, oh, oc)
    S.Weights.set(m.s, 0, 0, [[net, 7], [99, 5]])
    S.Axons.set(m.s, net, oh, { block: 1n, version: 1, ip: 1n, port: 1, ip_type: 4, protocol: 0, placeholder1: 0, placeholder2: 0 })
    S.ChildkeyTake.set(m.s, oh, net, 5)
    S.ChildKeys.set(m.s, oh, net, [[1n, u256(9)]])
    S.TransactionKeyLastBlock.set(m.s, [oh, net, 4], 3n)
    S.RootClaimable.set(m.s, oh, [[net, { bits: 5n }], [99, { bits: 6n }]])
    S.RootClaimed.set(m.s, [net, oh, oc], 4n)
    S.HotkeyLock.set(m.s, net, oh, { locked_mass: 1n, conviction: { bits: 0n }, last_update: 0n })
    S.SubnetIdentitiesV3.set(m.s, net, { subnet_name: new Uint8Array([1]), github_repo: new Uint8Array(0), subnet_contact: new Uint8Array(0), subnet_url: new Uint8Array(0), discord: new Uint8Array(0), description: new Uint8Array(0), logo_url: new Uint8Array(0), additional: new Uint8Array(0) })
    dissolve(m, net)
    for (const name of ['SubnetOwner', 'SubnetworkN', 'NetworkRegisteredAt', 'Tempo', 'Kappa', 'TokenSymbol', 'SubnetMechanism', 'SubnetOwnerHotkey', 'SubnetLocked', 'Burn', 'MaxAllowedUids', 'SubnetIdentitiesV3', 'SubnetAlphaIn', 'SubnetTAO', 'MechanismCountCurrent'] as const) {
      expect((S[name] as unknown as { contains(s: unknown, k: number): boolean }).contains(m.s, net), name).toBe(false)
    }
    expect(S.Keys.contains(m.s, net, 0)).toBe(false)
    expect(S.Uids.contains(m.s, net, oh)).toBe(false)
    expect(S.IsNetworkMember.contains(m.s, oh, net)).toBe(false)
    expect(S.Axons.contains(m.s, net, oh)).toBe(false)
    expect(S.LastUpdate.contains(m.s, net)).toBe(false)
    expect(S.Weights.get(m.s, 0, 0)).toEqual([[net, 0], [99, 5]])
    expect(S.ChildkeyTake.contains(m.s, oh, net)).toBe(false)
    expect(S.ChildKeys.contains(m.s, oh, net)).toBe(false)
    expect(S.TransactionKeyLastBlock.contains(m.s, oh, net, 4)).toBe(false)
    expect(S.RootClaimable.get(m.s, oh)).toEqual([[99, { bits: 6n }]])
    expect(S.RootClaimed.contains(m.s, net, oh, oc)).toBe(false)
    expect(S.HotkeyLock.contains(m.s, net, oh)).toBe(false)
    expect(eventNames(m.s)).toContain('SubtensorModule.SubnetIdentityRemoved')
  })
})

describe('tests/networks.rs: get_network_to_prune and register_network at SubnetLimit', () => {
  it('prune_none_with_no_networks / prune_none_when_all_networks_immune', () => {
    const m = ext()
    expect(getNetworkToPrune(m.s)).toBeNull()
    addDynamicNetwork(m, u256(2), u256(1))
    addDynamicNetwork(m, u256(4), u256(3))
    expect(getNetworkToPrune(m.s)).toBeNull()
  })

  it('prune_selects_network_with_lowest_price / ignores_immune / tie → earliest registration', () => {
    const m = ext()
    const n1 = addDynamicNetwork(m, u256(20), u256(10))
    m.setBlockNumber(m.block + 1)
    const n2 = addDynamicNetwork(m, u256(40), u256(30))
    const imm = Number(S.NetworkImmunityPeriod.get(m.s))
    m.setBlockNumber(imm + 10)
    const I96 = (v: bigint) => ({ bits: v << 32n })
    S.SubnetMovingPrice.set(m.s, n1, I96(1n))
    S.SubnetMovingPrice.set(m.s, n2, I96(10n))
    expect(getNetworkToPrune(m.s)).toBe(n1)
    S.SubnetMovingPrice.set(m.s, n2, I96(1n))
    expect(getNetworkToPrune(m.s)).toBe(n1) // tie: n1 registered first
    S.SubnetMovingPrice.set(m.s, n1, I96(7n))
    expect(getNetworkToPrune(m.s)).toBe(n2)
    // a fresh, cheaper network is still immune
    const n3 = addDynamicNetwork(m, u256(60), u256(50))
    S.SubnetMovingPrice.set(m.s, n3, { bits: 0n })
    expect(getNetworkToPrune(m.s)).toBe(n2)
  })

  it('prune_selection_complex_state_exhaustive', () => {
    const m = ext()
    const imm = Number(S.NetworkImmunityPeriod.get(m.s))
    const I96 = (v: bigint) => ({ bits: v << 32n })
    m.setBlockNumber(0)
    const n1 = addDynamicNetwork(m, u256(101), u256(201))
    const n2 = addDynamicNetwork(m, u256(102), u256(202))
    m.setBlockNumber(1)
    const n3 = addDynamicNetwork(m, u256(103), u256(203))
    m.setBlockNumber(2)
    const n4 = addDynamicNetwork(m, u256(104), u256(204))
    m.setBlockNumber(imm + 5)
    const n5 = addDynamicNetwork(m, u256(105), u256(205))
    m.setBlockNumber(imm + 6)
    const n6 = addDynamicNetwork(m, u256(106), u256(206))
    for (const n of [n1, n2, n3, n4, n5, n6]) fund(m, subnetAccountId(n), 100_000_000_000n)
    const prices: [number, bigint][] = [[n1, 25n], [n2, 25n], [n3, 100n], [n4, 1n], [n5, 0n], [n6, 0n]]
    for (const [n, p] of prices) S.SubnetMovingPrice.set(m.s, n, I96(p))
    // A: among the mature n1…n4 the lowest price wins
    m.setBlockNumber(imm + 10)
    expect(getNetworkToPrune(m.s)).toBe(n4)
    // B: a price tie at the same registration block keeps the first in key order
    S.SubnetMovingPrice.set(m.s, n4, I96(25n))
    expect(getNetworkToPrune(m.s)).toBe(n1)
    // C: a tie across registration blocks: the earliest
    S.SubnetMovingPrice.set(m.s, n3, I96(25n))
    expect(getNetworkToPrune(m.s)).toBe(n1)
    // D: immune networks are ignored however cheap
    const now = BigInt(m.block)
    expect(now < S.NetworkRegisteredAt.get(m.s, n5) + BigInt(imm)).toBe(true)
    expect(now < S.NetworkRegisteredAt.get(m.s, n6) + BigInt(imm)).toBe(true)
    expect(getNetworkToPrune(m.s)).toBe(n1)
    // E: all immune: none
    m.setBlockNumber(0)
    expect(getNetworkToPrune(m.s)).toBeNull()
    // F: n5 and n6 mature at price 0: the earlier registration
    m.setBlockNumber(2 * imm + 10)
    expect(BigInt(m.block) >= S.NetworkRegisteredAt.get(m.s, n5) + BigInt(imm)).toBe(true)
    expect(BigInt(m.block) >= S.NetworkRegisteredAt.get(m.s, n6) + BigInt(imm)).toBe(true)
    expect(getNetworkToPrune(m.s)).toBe(n5)
    // G: a hole in the netuids
    dissolve(m, n5)
    expect(getNetworkToPrune(m.s)).toBe(n6)
    // H: prices move
    S.SubnetMovingPrice.set(m.s, n6, I96(100n))
    S.SubnetMovingPrice.set(m.s, n3, I96(1n))
    expect(getNetworkToPrune(m.s)).toBe(n3)
    // I: a tie between n2 (block 0) and n3 (block 1): n2
    S.SubnetMovingPrice.set(m.s, n2, I96(1n))
    expect(getNetworkToPrune(m.s)).toBe(n2)
    S.NetworksAdded.set(m.s, n2, false)
    expect(getNetworkToPrune(m.s)).not.toBe(n2)
    S.NetworksAdded.set(m.s, n2, true)
    expect(getNetworkToPrune(m.s)).not.toBe(0)
  })

  it('register_network_prunes_and_recycles_netuid', () => {
    const m = ext()
    S.SubnetLimit.set(m.s, 2)
    const n1 = addDynamicNetwork(m, u256(22), u256(21))
    const n2 = addDynamicNetwork(m, u256(24), u256(23))
    m.setBlockNumber(Number(S.NetworkImmunityPeriod.get(m.s)) + 100)
    S.SubnetMovingPrice.set(m.s, n1, { bits: 1n << 31n })
    S.SubnetMovingPrice.set(m.s, n2, { bits: 1n << 32n })
    const total = S.TotalNetworks.get(m.s)
    const [cold, hot] = [u256(30), u256(31)]
    fund(m, cold, networkLockCost(m.s) * 10n)
    call(m, 'register_network', signed(cold), { hotkey: hot })
    expect(S.TotalNetworks.get(m.s)).toBe(total)
    expect(S.SubnetOwner.get(m.s, n1)).toEqual(cold)
    expect(S.SubnetOwnerHotkey.get(m.s, n1)).toEqual(hot)
    expect(S.SubnetOwner.get(m.s, n2)).toEqual(u256(23))
    expect(eventNames(m.s)).toEqual(expect.arrayContaining(['SubtensorModule.NetworkRemoved', 'SubtensorModule.NetworkAdded']))
  })

  it('register_network_fails_before_prune_keeps_existing (CannotAffordLockCost, nothing dissolved)', () => {
    const m = ext()
    S.SubnetLimit.set(m.s, 1)
    const net = addDynamicNetwork(m, u256(42), u256(41))
    m.setBlockNumber(Number(S.NetworkImmunityPeriod.get(m.s)) + 50)
    const err = errorOf(failsUntouched(m.s, () => call(m, 'register_network', signed(u256(50)), { hotkey: u256(51) })))
    expect(err).toEqual(se(SE.CannotAffordLockCost))
    expect(S.NetworksAdded.get(m.s, net)).toBe(true)
  })

  it('SubnetLimitReached while every subnet is immune', () => {
    const m = ext()
    S.SubnetLimit.set(m.s, 1)
    addDynamicNetwork(m, u256(42), u256(41))
    fund(m, u256(50), networkLockCost(m.s) * 10n)
    expect(errorOf(failsUntouched(m.s, () => call(m, 'register_network', signed(u256(50)), { hotkey: u256(51) })))).toEqual(se(SE.SubnetLimitReached))
  })
})

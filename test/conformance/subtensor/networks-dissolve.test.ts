// Port of more of subtensor pallets/subtensor/src/tests/networks.rs (HEAD 14bc6f9): the legacy
// owner refund and its gating, the protocol's alpha before and after the refund deployment, the
// chain-bought alpha recycled, pro-rata payout of add_stake positions, mechanism-scoped maps, and
// RegisteredSubnetCounter across dissolve and re-registration.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, freeBalance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { networkLockCost, subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { destroyAlphaInOutStakes } from '../../../src/pallets/subtensor/subnets/dissolve.js'
import { mechanismStorageIndex } from '../../../src/pallets/subtensor/subnets/mechanism.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { ROOT, signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, call, dissolve, ext, fund, removeOwnerRegistrationStake, stake } from './dissolve-mock.js'
import { type Mock, u256 } from './mock.js'

describe('tests/networks.rs: more of do_dissolve_network and the subnet counter', () => {
  it('dissolve_owner_cut_refund_logic (legacy: the lock less the owner cut of the issuance at the spot price)', () => {
    const m = ext()
    const [oc, oh] = [u256(70), u256(71)]
    const net = addDynamicNetwork(m, oh, oc)
    removeOwnerRegistrationStake(m, net)
    S.NetworkRegistrationStartBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    stake(m, u256(77), u256(88), net, 800n)
    S.SubnetAlphaOut.mutate(m.s, net, (v) => v + 800n)
    S.SubnetTAO.set(m.s, net, 1_000n)
    S.SubnetLocked.set(m.s, net, 2_000n)
    S.SubnetOwnerCut.set(m.s, 11_796)
    const issuance = S.SubnetAlphaIn.get(m.s, net) + S.SubnetAlphaOut.get(m.s, net)
    expect(issuance).toBeGreaterThan(0n)
    // U96F32 arithmetic of the source test: frac = cut / u16::MAX; owner alpha and its TAO value floored
    const frac = (11_796n << 32n) / 65_535n
    const ownerAlpha = (issuance * frac) >> 32n
    const price = swapInterface().currentAlphaPrice(m.s, net) >> 32n
    const ownerTao = (ownerAlpha * price) >> 32n
    const expected = 2_000n > ownerTao ? 2_000n - ownerTao : 0n
    const before = freeBalance(m.s, oc)
    dissolve(m, net)
    expect(freeBalance(m.s, oc)).toBeGreaterThan(before)
    expect(freeBalance(m.s, oc)).toBe(before + expected)
  })

  it('dissolve_zero_refund_when_emission_exceeds_lock (not a legacy subnet: no refund)', () => {
    const m = ext()
    const oc = u256(1_000)
    const net = addDynamicNetwork(m, u256(2_000), oc)
    removeOwnerRegistrationStake(m, net)
    S.SubnetLocked.set(m.s, net, 1_000n)
    S.SubnetOwnerCut.set(m.s, 0xffff)
    S.Emission.set(m.s, net, [2_000n])
    const before = freeBalance(m.s, oc)
    dissolve(m, net)
    expect(freeBalance(m.s, oc)).toBe(before)
  })

  it('dissolve_decrements_total_networks', () => {
    const m = ext()
    const before = S.TotalNetworks.get(m.s)
    const net = addDynamicNetwork(m, u256(42), u256(41))
    fund(m, subnetAccountId(net), 100_000_000_000n)
    expect(S.TotalNetworks.get(m.s)).toBe(before + 1)
    dissolve(m, net)
    expect(S.TotalNetworks.get(m.s)).toBe(before)
  })

  it('dissolve_alpha_out_but_zero_tao_no_rewards', () => {
    const m = ext()
    const net = addDynamicNetwork(m, u256(22), u256(21))
    const [sh, sc] = [u256(23), u256(24)]
    stake(m, sh, sc, net, 1_000n)
    S.SubnetTAO.set(m.s, net, 0n)
    S.SubnetLocked.set(m.s, net, 0n)
    S.Emission.set(m.s, net, [])
    const before = freeBalance(m.s, sc)
    dissolve(m, net)
    expect(freeBalance(m.s, sc)).toBe(before)
    expect([...S.AlphaV2.iter(m.s)]).toEqual([])
  })

  it('registered_subnet_counter_is_independent_per_netuid', () => {
    const m = ext()
    const n1 = addDynamicNetwork(m, u256(10), u256(11))
    const n2 = addDynamicNetwork(m, u256(20), u256(21))
    expect(n1).not.toBe(n2)
    expect([S.RegisteredSubnetCounter.get(m.s, n1), S.RegisteredSubnetCounter.get(m.s, n2)]).toEqual([1n, 1n])
  })

  it('registered_subnet_counter_survives_dissolve_and_bumps_on_reregistration', () => {
    const m = ext()
    S.SubnetLimit.set(m.s, 2)
    const [cold, hot] = [u256(100), u256(101)]
    const net = addDynamicNetwork(m, hot, cold)
    expect(S.RegisteredSubnetCounter.get(m.s, net)).toBe(1n)
    dissolve(m, net)
    expect(S.NetworksAdded.get(m.s, net)).toBe(false)
    expect(S.RegisteredSubnetCounter.get(m.s, net)).toBe(1n)
    expect(addDynamicNetwork(m, hot, cold)).toBe(net)
    expect(S.RegisteredSubnetCounter.get(m.s, net)).toBe(2n)
  })

  it('test_tempo_greater_than_weight_set_rate_limit', () => {
    const m = ext()
    const net = addDynamicNetwork(m, u256(1), u256(2))
    expect(BigInt(S.Tempo.get(m.s, net))).toBeGreaterThanOrEqual(S.WeightsSetRateLimit.get(m.s, net))
  })

  it('dissolve_protocol_alpha_post_deploy_includes_alpha_in (the protocol holds AlphaIn + SubnetProtocolAlpha)', () => {
    const m = ext()
    const oc = u256(611)
    const net = addDynamicNetwork(m, u256(621), oc)
    removeOwnerRegistrationStake(m, net)
    S.TaoInRefundDeploymentBlock.set(m.s, 100n)
    S.NetworkRegisteredAt.set(m.s, net, 101n)
    S.SubnetLocked.set(m.s, net, 0n)
    S.SubnetAlphaIn.set(m.s, net, 100n)
    S.SubnetProtocolAlpha.set(m.s, net, 50n)
    const [sh, sc] = [u256(631), u256(641)]
    stake(m, sh, sc, net, 50n)
    S.SubnetTAO.set(m.s, net, 200n)
    fund(m, sc, EXISTENTIAL_DEPOSIT)
    const [stakerBefore, ownerBefore] = [freeBalance(m.s, sc), freeBalance(m.s, oc)]
    dissolve(m, net)
    // 200 TAO over 50 staker + 150 protocol alpha: the staker gets 50
    expect(freeBalance(m.s, sc)).toBe(stakerBefore + 50n)
    expect(freeBalance(m.s, oc)).toBe(ownerBefore)
    expect(S.SubnetProtocolAlpha.contains(m.s, net)).toBe(false)
  })

  it('dissolve_chain_bought_alpha_is_converted_to_tao_and_recycled (issuance falls, owner unpaid)', () => {
    const m = ext()
    const oc = u256(710)
    const net = addDynamicNetwork(m, u256(720), oc)
    removeOwnerRegistrationStake(m, net)
    S.TaoInRefundDeploymentBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    S.SubnetLocked.set(m.s, net, 0n)
    S.SubnetAlphaIn.set(m.s, net, 123n)
    S.SubnetProtocolAlpha.set(m.s, net, 100n)
    S.SubnetTAO.set(m.s, net, 100n)
    // the mock's issuance counts what add_dynamic_network minted
    S.TotalIssuance.set(m.s, networkLockCost(m.s) * 2n)
    const [issuance, ownerBefore] = [S.TotalIssuance.get(m.s), freeBalance(m.s, oc)]
    const accountKeepAlive = freeBalance(m.s, subnetAccountId(net)) - EXISTENTIAL_DEPOSIT
    dissolve(m, net)
    expect(freeBalance(m.s, oc)).toBe(ownerBefore)
    // no staker: the pot is the protocol's, and all the subnet account holds above the ED is recycled
    expect(S.TotalIssuance.get(m.s)).toBe(issuance - accountKeepAlive)
    expect(S.SubnetProtocolAlpha.contains(m.s, net)).toBe(false)
  })

  it('destroy_alpha_out_refund_gating_by_registration_block (legacy: lock less owner cut; not legacy or no lock: nothing)', () => {
    const legacy = (regOffset: bigint, lock: bigint, seed: (m: Mock, net: number) => void) => {
      const m = ext()
      const oc = u256(10_000)
      const net = addDynamicNetwork(m, u256(20_000), oc)
      removeOwnerRegistrationStake(m, net)
      S.NetworkRegistrationStartBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + regOffset)
      S.SubnetLocked.set(m.s, net, lock)
      S.SubnetOwnerCut.set(m.s, 32_768)
      seed(m, net)
      const issuance = S.SubnetAlphaIn.get(m.s, net) + S.SubnetAlphaOut.get(m.s, net)
      expect(issuance).toBeGreaterThan(0n)
      const ownerAlpha = (issuance * ((32_768n << 32n) / 65_535n)) >> 32n
      const ownerTao = (ownerAlpha * (swapInterface().currentAlphaPrice(m.s, net) >> 32n)) >> 32n
      const before = freeBalance(m.s, oc)
      destroyAlphaInOutStakes({ origin: ROOT, s: m.s, env: m.env }, net)
      expect(S.SubnetLocked.get(m.s, net)).toBe(0n)
      return { paid: freeBalance(m.s, oc) - before, ownerTao }
    }
    const staker = (alpha: bigint) => (m: Mock, net: number) => { stake(m, u256(2_345), u256(1_234), net, alpha); S.SubnetAlphaOut.mutate(m.s, net, (v) => v + alpha) }
    const a = legacy(1n, 50_000n, staker(30n))
    expect(a.paid).toBe(50_000n > a.ownerTao ? 50_000n - a.ownerTao : 0n)
    expect(legacy(0n, 42_000n, staker(300n)).paid).toBe(0n)
    expect(legacy(1n, 0n, (m, net) => S.SubnetAlphaOut.set(m.s, net, 10_000n)).paid).toBe(0n)
  })

  it('dissolve_clears_all_mechanism_scoped_maps_for_all_mechanisms', () => {
    const m = ext()
    const [oc, oh] = [u256(123), u256(456)]
    const net = addDynamicNetwork(m, oh, oc)
    fund(m, subnetAccountId(net), 100_000_000_000n)
    S.MechanismCountCurrent.set(m.s, net, 2)
    const idx = [0, 1].map((mec) => mechanismStorageIndex(net, mec))
    idx.forEach((i, k) => {
      S.Weights.set(m.s, i, 0, [[k + 1, 1]])
      S.Bonds.set(m.s, i, 0, [[k + 1, 1]])
      S.TimelockedWeightCommits.set(m.s, i, BigInt(k + 1), [[u256(1), BigInt(k + 1), new Uint8Array(), 0n]])
      S.Incentive.set(m.s, i, [2 * k + 1, 2 * k + 2])
      S.LastUpdate.set(m.s, i, [42n * BigInt(k + 1)])
      S.WeightCommits.set(m.s, i, oh, [[new Uint8Array(32), 1n, 1n, 1n]])
    })
    dissolve(m, net)
    for (const i of idx) {
      expect([...S.Weights.iterPrefix(m.s, i)]).toEqual([])
      expect([...S.Bonds.iterPrefix(m.s, i)]).toEqual([])
      expect([...S.WeightCommits.iterPrefix(m.s, i)]).toEqual([])
      expect([...S.TimelockedWeightCommits.iterPrefix(m.s, i)]).toEqual([])
      expect(S.Incentive.contains(m.s, i)).toBe(false)
      expect(S.LastUpdate.contains(m.s, i)).toBe(false)
    }
    expect(S.MechanismCountCurrent.contains(m.s, net)).toBe(false)
  })

  it('destroy_alpha_out_multiple_stakers_pro_rata (stake by add_stake; largest remainder; legacy lock refunded)', () => {
    const m = ext()
    const oc = u256(10)
    const net = addDynamicNetwork(m, u256(20), oc)
    removeOwnerRegistrationStake(m, net)
    S.NetworkRegistrationStartBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    const [[c1, h1], [c2, h2]] = [[u256(111), u256(211)], [u256(222), u256(333)]]
    S.MaxRegistrationsPerBlock.set(m.s, net, 10)
    S.SubtokenEnabled.set(m.s, net, true) // the mock's add_dynamic_network starts the subnet
    m.registerOk(net, h1, c1, 0)
    m.registerOk(net, h2, c2, 0)
    const [s1, s2] = [3n * 2_000_000n, 7n * 2_000_000n]
    fund(m, c1, s1 + 50_000n)
    fund(m, c2, s2 + 50_000n)
    call(m, 'add_stake', signed(c1), { hotkey: h1, netuid: net, amount_staked: s1 })
    call(m, 'add_stake', signed(c2), { hotkey: h2, netuid: net, amount_staked: s2 })
    S.SubnetAlphaIn.set(m.s, net, 0n)
    S.SubnetProtocolAlpha.set(m.s, net, 0n)
    const a1 = getStakeForHotkeyAndColdkeyOnSubnet(m.s, h1, c1, net)
    const a2 = getStakeForHotkeyAndColdkeyOnSubnet(m.s, h2, c2, net)
    expect(a1 > 0n && a2 > a1).toBe(true)
    const pot = 10_000n
    S.SubnetTAO.set(m.s, net, pot)
    S.SubnetLocked.set(m.s, net, 5_000n)
    const [b1, b2, bo] = [freeBalance(m.s, c1), freeBalance(m.s, c2), freeBalance(m.s, oc)]
    destroyAlphaInOutStakes({ origin: ROOT, s: m.s, env: m.env }, net)
    const total = a1 + a2
    let [x1, x2] = [(pot * a1) / total, (pot * a2) / total]
    if (x1 + x2 < pot) { if ((pot * a1) % total >= (pot * a2) % total) x1 += 1n; else x2 += 1n }
    expect([freeBalance(m.s, c1) - b1, freeBalance(m.s, c2) - b2]).toEqual([x1, x2])
    expect(freeBalance(m.s, oc) - bo).toBe(5_000n)
    expect(S.AlphaV2.contains(m.s, h1, c1, net) || S.AlphaV2.contains(m.s, h2, c2, net)).toBe(false)
  })
})

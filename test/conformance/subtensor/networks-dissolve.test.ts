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
import { SafeFloat } from '../../../src/primitives/share-pool/index.js'
import { SwapStorage } from '../../../src/pallets/swap/pallet.js'
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

  it('destroy_alpha_out_many_stakers_complex_distribution', () => {
    const m = ext()
    const oc = u256(1_000)
    const net = addDynamicNetwork(m, u256(2_000), oc)
    removeOwnerRegistrationStake(m, net)
    S.MaxRegistrationsPerBlock.set(m.s, net, 1_000)
    S.TargetRegistrationsPerInterval.set(m.s, net, 1_000)
    S.SubtokenEnabled.set(m.s, net, true)
    S.NetworkRegistrationStartBlock.set(m.s, S.NetworkRegisteredAt.get(m.s, net) + 1n)
    // DefaultMinStake plus twice the fee of a min-stake swap (the fee is taken on the larger amount)
    const minStake = 2_000_000n
    const minAmount = minStake + swapInterface().approxFeeAmount(m.s, net, minStake) * 2n
    const N = 20
    const cold = Array.from({ length: N }, (_, i) => u256(10_000 + 2 * i))
    const hot = Array.from({ length: N }, (_, i) => u256(10_001 + 2 * i))
    for (let i = 0; i < N; i++) {
      const amount = BigInt(i + 1) * minAmount
      m.registerOk(net, hot[i]!, cold[i]!, 0)
      fund(m, cold[i]!, amount + 100_000n)
      call(m, 'add_stake', signed(cold[i]!), { hotkey: hot[i]!, netuid: net, amount_staked: amount })
    }
    const alpha = hot.map((h, i) => { const v = S.AlphaV2.get(m.s, h, cold[i]!, net)!; return SafeFloat.new(v.mantissa, v.exponent)!.toU64() })
    const alphaSum = alpha.reduce((a, b) => a + b, 0n)
    const [pot, lock] = [123_456n, 30_000n]
    S.SubnetTAO.set(m.s, net, pot)
    S.SubnetLocked.set(m.s, net, lock)
    expect(S.SubnetAlphaIn.get(m.s, net) + S.SubnetAlphaOut.get(m.s, net)).toBeGreaterThan(0n)
    S.SubnetOwnerCut.set(m.s, 32_768)
    const before = cold.map((c) => freeBalance(m.s, c))
    const ownerBefore = freeBalance(m.s, oc)
    S.SubnetAlphaIn.set(m.s, net, 0n)
    S.SubnetProtocolAlpha.set(m.s, net, 0n)
    // the pallet's split: floor shares, the leftover one RAO each by largest remainder
    const share = alpha.map((a) => (pot * a) / alphaSum)
    const rem = alpha.map((a) => (pot * a) % alphaSum)
    const leftover = pot - share.reduce((a, b) => a + b, 0n)
    const order = [...rem.keys()].sort((a, b) => (rem[b]! > rem[a]! ? 1 : rem[b]! < rem[a]! ? -1 : 0))
    for (let k = 0; k < Number(leftover); k++) share[order[k]!]! += 1n
    // owner refund: the lock less the owner's cut of the issuance (U96F32) at the spot price
    const issuance = S.SubnetAlphaIn.get(m.s, net) + S.SubnetAlphaOut.get(m.s, net)
    const cutFraction = (32_768n << 32n) / 65_535n
    const ownerAlpha = (issuance * cutFraction) >> 32n
    const price = swapInterface().currentAlphaPrice(m.s, net) >> 32n
    const ownerEmissionTao = (ownerAlpha * price) >> 32n
    const expectedRefund = lock > ownerEmissionTao ? lock - ownerEmissionTao : 0n
    destroyAlphaInOutStakes({ origin: ROOT, s: m.s, env: m.env }, net)
    for (let i = 0; i < N; i++) expect(freeBalance(m.s, cold[i]!), `staker ${i}`).toBe(before[i]! + share[i]!)
    expect(freeBalance(m.s, oc)).toBe(ownerBefore + expectedRefund)
    expect([...S.AlphaV2.iter(m.s)].every(([[, , n]]) => n !== net)).toBe(true)
    expect(S.SubnetAlphaIn.get(m.s, net)).toBe(0n)
    expect(S.SubnetAlphaOut.get(m.s, net)).toBe(0n)
    expect(S.SubnetLocked.get(m.s, net)).toBe(0n)
  })

  it('massive_dissolve_refund_and_reregistration_flow_is_lossless_and_cleans_state', () => {
    const m = ext()
    const NUM_NETS = 4
    const coldLps = [3001, 3002, 3003, 3004, 3005, 3006]
    const hotsOf = (c: number) => [c + 100_000, c + 200_000]
    const pots = [12_345n, 23_456n, 34_567n, 45_678n]
    const lpSets = [coldLps.slice(0, 4), coldLps.slice(2, 6), coldLps.slice(0, 6), coldLps.slice(1, 5)]
    // 1) subnets
    const nets: number[] = []
    for (let i = 0; i < NUM_NETS; i++) {
      const net = addDynamicNetwork(m, u256(10_000 + i), u256(20_000 + i))
      removeOwnerRegistrationStake(m, net)
      S.MaxRegistrationsPerBlock.set(m.s, net, 1_000)
      S.TargetRegistrationsPerInterval.set(m.s, net, 1_000)
      S.SubtokenEnabled.set(m.s, net, true)
      S.Emission.set(m.s, net, [])
      S.SubnetLocked.set(m.s, net, 0n)
      nets.push(net)
    }
    // 2) small pairs so the accounts exist
    for (let id = 0; id < 10; id++) for (const net of nets) m.registerOk(net, u256(2_000_000 + id), u256(1_000_000 + id), 100_000 + id)
    // 3) LPs: both hotkeys registered, stake split 60/40
    for (const c of coldLps) fund(m, u256(c), 1_000_000_000_000n)
    nets.forEach((net, ni) => {
      for (const c of lpSets[ni]!) {
        const [h1, h2] = hotsOf(c)
        m.registerOk(net, u256(h1!), u256(c), ni * 10_000 + (h1! % 10_000))
        m.registerOk(net, u256(h2!), u256(c), ni * 10_000 + (h2! % 10_000) + 1)
        const base = 5_000_000n + BigInt(ni) * 1_000_000n + BigInt(c % 10) * 250_000n
        const stake1 = (base * 3n) / 5n
        call(m, 'add_stake', signed(u256(c)), { hotkey: u256(h1!), netuid: net, amount_staked: stake1 })
        call(m, 'add_stake', signed(u256(c)), { hotkey: u256(h2!), netuid: net, amount_staked: base - stake1 })
      }
    })
    const taoBefore = new Map(coldLps.map((c) => [c, freeBalance(m.s, u256(c))]))
    const coldNum = (k: Uint8Array) => Number(k[0]! | (k[1]! << 8))
    const pairs = new Map<number, [number, bigint][]>()
    for (const [[, cold, net], v] of S.AlphaV2.iter(m.s)) {
      const ni = nets.indexOf(net)
      if (ni < 0 || !lpSets[ni]!.includes(coldNum(cold)) || cold.subarray(2).some((b) => b !== 0)) continue
      const a = SafeFloat.new(v.mantissa, v.exponent)!.toU64()
      if (a > 0n) pairs.set(net, [...(pairs.get(net) ?? []), [coldNum(cold), a]])
    }
    const taoAfterAdds = new Map(coldLps.map((c) => [c, freeBalance(m.s, u256(c))]))
    // 5) Hamilton base shares per coldkey and the leftover
    for (const net of nets) { S.SubnetAlphaIn.set(m.s, net, 0n); S.SubnetProtocolAlpha.set(m.s, net, 0n) }
    const baseShare = new Map(coldLps.map((c) => [c, 0n]))
    const pairCount = new Map(coldLps.map((c) => [c, 0n]))
    let leftoverTotal = 0n
    nets.forEach((net, ni) => {
      const ps = pairs.get(net) ?? []
      const total = ps.reduce((t, [, a]) => t + a, 0n)
      if (total === 0n) return
      let sum = 0n
      for (const [c, a] of ps) {
        const b = (a * pots[ni]!) / total
        sum += b
        baseShare.set(c, baseShare.get(c)! + b)
        pairCount.set(c, pairCount.get(c)! + 1n)
      }
      leftoverTotal += pots[ni]! - sum
    })
    // 6) pots, then dissolve every subnet
    nets.forEach((net, ni) => S.SubnetTAO.set(m.s, net, pots[ni]!))
    for (const net of nets) dissolve(m, net)
    // 7) every pot paid out, each coldkey within its Hamilton bounds
    const actual = new Map(coldLps.map((c) => [c, freeBalance(m.s, u256(c)) - taoBefore.get(c)!]))
    expect([...actual.values()].reduce((a, b) => a + b, 0n)).toBe(pots.reduce((a, b) => a + b, 0n))
    let extra = 0n
    for (const c of coldLps) {
      const [base, n, got] = [baseShare.get(c)!, pairCount.get(c)!, actual.get(c)!]
      expect(got >= base && got <= base + n, `cold ${c}: ${got} within [${base}, ${base + n}]`).toBe(true)
      extra += got - base
    }
    expect(extra).toBe(leftoverTotal)
    for (const c of coldLps) {
      const [before, mid, after] = [taoBefore.get(c)!, taoAfterAdds.get(c)!, freeBalance(m.s, u256(c))]
      expect(after - mid).toBe((before - mid) + (after - before))
    }
    for (const net of nets) {
      expect([...S.AlphaV2.iter(m.s)].every(([[, , n]]) => n !== net)).toBe(true)
      expect(S.NetworksAdded.get(m.s, net)).toBe(false)
      expect(SwapStorage.PalSwapInitialized.get(m.s, net)).toBe(false)
    }
    // 8) a fresh subnet: the minimum stake mints exactly the simulated swap's alpha
    const netNew = addDynamicNetwork(m, u256(99_000), u256(99_001))
    removeOwnerRegistrationStake(m, netNew)
    S.MaxRegistrationsPerBlock.set(m.s, netNew, 1_000)
    S.TargetRegistrationsPerInterval.set(m.s, netNew, 1_000)
    S.SubtokenEnabled.set(m.s, netNew, true)
    S.Emission.set(m.s, netNew, [])
    S.SubnetLocked.set(m.s, netNew, 0n)
    const minStake = 2_000_000n
    const minRequired = minStake + swapInterface().simSwap(m.s, netNew, { kind: 'GetAlphaForTao', amount: minStake }).feePaid
    for (const c of coldLps.slice(0, 3)) {
      const [h1] = hotsOf(c)
      const [hot, cold] = [u256(h1!), u256(c)]
      m.registerOk(netNew, hot, cold, 7777)
      const beforeTao = freeBalance(m.s, cold)
      const alphaOf = () => { const v = S.AlphaV2.get(m.s, hot, cold, netNew); return v ? SafeFloat.new(v.mantissa, v.exponent)!.toU64() : 0n }
      const aPrev = alphaOf()
      const expectedAlpha = swapInterface().simSwap(m.s, netNew, { kind: 'GetAlphaForTao', amount: minRequired }).amountPaidOut
      call(m, 'add_stake', signed(cold), { hotkey: hot, netuid: netNew, amount_staked: minRequired })
      expect(freeBalance(m.s, cold)).toBe(beforeTao - minRequired)
      expect(alphaOf() - aPrev).toBe(expectedAlpha)
    }
  })
})

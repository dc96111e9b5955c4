// Ports of subtensor's tests/children.rs (HEAD 14bc6f9), part 4: revocation by an empty list,
// inherited stake through a deeper hierarchy and across networks, pending children applied by
// the blocks and epoch that follow the cooldown, and weights and emission through children, on
// the HEAD mock.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { doSetRootValidatorsForSubnet } from '../../../src/pallets/subtensor/staking/delegation.js'
import { doSetPendingChildren } from '../../../src/pallets/subtensor/staking/set-children.js'
import { checkWeightsMinStake } from '../../../src/pallets/subtensor/epoch/stake-weights.js'
import * as F from '../../../src/primitives/fixed/index.js'
import { getBlockEmission } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { runCoinbase } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { maxPrice, swapTaoForAlpha } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import { addDynamicNetwork, addNetwork, newTestExt, setupReserves, u256, type Ext } from './head-mock.js'
import { getTotalStakeForColdkey, getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { EXISTENTIAL_DEPOSIT as ED } from '../../../src/pallets/balances/index.js'
import { addBalance, children, coldkey, E, hotkey, noop, removeOwnerRegistrationStake, setBlockNumber, mockSetChildren, mockSetChildrenNoEpochs, parents, registered, registerOkNeuron, stepBlock, stepEpochs, sub, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const near = (a: bigint, b: bigint, eps: bigint) => expect(a > b ? a - b : b - a).toBeLessThanOrEqual(eps)
const close = (v: bigint, target: bigint, eps: bigint) => expect(v > target ? v - target : target - v).toBeLessThanOrEqual(eps)
const inh = (e: Ext, h: Uint8Array, n: number) => L.getInheritedForHotkeyOnSubnet(e.s, h, n)

describe('tests/children.rs: relations and inherited stake', () => {
  it('test_do_revoke_children_multiple_empty_list', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
  })

  it('test_get_stake_for_hotkey_on_subnet_complex_hierarchy', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    const [parent, child1, child2, grandchild] = [u256(1), u256(2), u256(3), u256(4)]
    S.MaxRegistrationsPerBlock.set(e.s, netuid, 1000)
    S.TargetRegistrationsPerInterval.set(e.s, netuid, 1000)
    registerOkNeuron(e, netuid, parent, u256(5))
    registerOkNeuron(e, netuid, child1, u256(6))
    registerOkNeuron(e, netuid, child2, u256(7))
    registerOkNeuron(e, netuid, grandchild, u256(8))
    const total = 1000n
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, u256(5), netuid, total)
    const half = U64_MAX / 2n
    mockSetChildrenNoEpochs(e, netuid, parent, [[half, child1], [half, child2]])
    expect(inh(e, parent, netuid)).toBe(0n)
    close(inh(e, child1, netuid), 499n, 10n)
    close(inh(e, child2, netuid), 499n, 10n)
    mockSetChildrenNoEpochs(e, netuid, child1, [[U64_MAX, grandchild]])
    const [p2, c12, c22, g] = [parent, child1, child2, grandchild].map((h) => inh(e, h, netuid)) as [bigint, bigint, bigint, bigint]
    close(p2, 0n, 10n)
    close(c12, 499n, 10n)
    close(c22, 499n, 10n)
    close(g, 0n, 10n)
    close(p2 + c12 + c22 + g, total, 10n)
    expect(children(e, parent, netuid)).toEqual([[half, child1], [half, child2]])
    expect(parents(e, child1, netuid)).toEqual([[half, parent]])
    expect(parents(e, child2, netuid)).toEqual([[half, parent]])
    expect(children(e, child1, netuid)).toEqual([[U64_MAX, grandchild]])
    expect(parents(e, grandchild, netuid)).toEqual([[U64_MAX, child1]])
  })

  it('test_get_stake_for_hotkey_on_subnet_multiple_networks', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(1), u256(2)]
    addNetwork(e.s, 1, 1)
    addNetwork(e.s, 2, 1)
    registerOkNeuron(e, 1, hot, cold)
    registerOkNeuron(e, 2, hot, cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, 1, 1000n)
    close(inh(e, hot, 1), 1000n, 10n)
    close(inh(e, hot, 2), 0n, 10n)
  })

  it('test_do_set_pending_children_runs_in_epoch', () => {
    const e = newTestExt(1)
    const [parent, ch] = [u256(2), u256(3)]
    addNetwork(e.s, 1, 13)
    registerOkNeuron(e, 1, parent, coldkey)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, coldkey, 1, S.StakeThreshold.get(e.s))
    sub(e, coldkey, 'set_children', { hotkey: parent, netuid: 1, children: [[1000n, ch]] })
    expect(children(e, parent, 1).length).toBe(0)
    // wait_set_pending_children_cooldown: DefaultPendingCooldown blocks, then one epoch
    stepBlock(e, Number(S.PendingChildKeyCooldown.get(e.s)))
    stepEpochs(e, 1, 1)
    const after = children(e, parent, 1)
    expect(after.length).toBe(1)
    expect(after[0]![0]).toBe(1000n)
    expect(after[0]![1]).toEqual(ch)
  })
})

describe('tests/children.rs: the weight-setting stake threshold through children', () => {
  const I = F.I64F64
  /** `add_dynamic_network_disable_commit_reveal(1002, 1001)`. */
  function network(): { e: Ext; netuid: number } {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    S.CommitRevealWeightsEnabled.set(e.s, netuid, false)
    return { e, netuid }
  }
  const stakeWeight = (e: Ext, h: Uint8Array, n: number) => L.getStakeWeightsForHotkeyOnSubnet(e.s, h, n)[0]
  const setWeights = (e: Ext, who: Uint8Array, netuid: number) =>
    sub(e, who, 'set_weights', { netuid, dests: [1], weights: [0xffff], version_key: S.WeightsVersionKey.get(e.s, netuid) })

  it('test_childkey_set_weights_single_parent', () => {
    const { e, netuid } = network()
    S.Tempo.set(e.s, netuid, 1)
    const [parent, ch, setter] = [u256(1), u256(2), u256(3)]
    const [cParent, cChild, cSetter] = [u256(100), u256(101), u256(102)]
    const stake = 109_999n
    addBalance(e, cParent, 1n)
    addBalance(e, cChild, stake + 10n)
    addBalance(e, cSetter, 1_000_000n)
    registerOkNeuron(e, netuid, parent, cParent)
    registerOkNeuron(e, netuid, ch, cChild)
    registerOkNeuron(e, netuid, setter, cSetter)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, cParent, netuid, stake)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, setter, cSetter, netuid, 1_000_000n)
    S.WeightsSetRateLimit.set(e.s, netuid, 0n)
    mockSetChildrenNoEpochs(e, netuid, parent, [[U64_MAX, ch]])
    S.ValidatorPermit.set(e.s, netuid, [true, true, true, true])
    setWeights(e, setter, netuid)
    S.StakeThreshold.set(e.s, stake * 5n)
    expect(stakeWeight(e, ch, netuid)).toBeLessThan(F.fromInt(I, S.StakeThreshold.get(e.s)))
    noop(e, () => setWeights(e, ch, netuid), E('NotEnoughStakeToSetWeights'))
    expect(checkWeightsMinStake(e.s, ch, netuid)).toBe(false)
    S.StakeThreshold.set(e.s, stake - 5n)
    expect(stakeWeight(e, ch, netuid)).toBeGreaterThanOrEqual(F.fromInt(I, S.StakeThreshold.get(e.s)))
    setWeights(e, ch, netuid)
    expect(checkWeightsMinStake(e.s, ch, netuid)).toBe(true)
  })

  it('test_set_weights_no_parent', () => {
    const { e, netuid } = network()
    const [hot, spareHot, cold, spareCold] = [u256(2), u256(3), u256(101), u256(102)]
    const stake = 109_999n
    addBalance(e, cold, stake + 10n)
    registerOkNeuron(e, netuid, hot, cold)
    registerOkNeuron(e, netuid, spareHot, spareCold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, stake)
    S.WeightsSetRateLimit.set(e.s, netuid, 0n)
    stepBlock(e, 7200 + 1)
    const weight = stakeWeight(e, hot, netuid)
    S.StakeThreshold.set(e.s, F.saturatingToU64(I, F.saturatingMul(I, weight, F.fromInt(I, 5n))))
    expect(weight).toBeLessThan(F.fromInt(I, S.StakeThreshold.get(e.s)))
    noop(e, () => setWeights(e, hot, netuid), E('NotEnoughStakeToSetWeights'))
    expect(checkWeightsMinStake(e.s, hot, netuid)).toBe(false)
    S.StakeThreshold.set(e.s, F.toInt(I, F.sub(I, weight, F.fromInt(I, 5n))))
    expect(stakeWeight(e, hot, netuid)).toBeGreaterThanOrEqual(F.fromInt(I, S.StakeThreshold.get(e.s)))
    setWeights(e, hot, netuid)
    expect(checkWeightsMinStake(e.s, hot, netuid)).toBe(true)
  })
})

describe('tests/children.rs: emission through children', () => {
  /** The source's "setup YUMA so that it creates emissions" block for three uids. */
  function yuma(e: Ext, netuid: number, weights: [number, number][][], permits: boolean[]): void {
    weights.forEach((w, uid) => S.Weights.set(e.s, netuid, uid, w))
    for (const uid of [0, 1, 2]) S.BlockAtRegistration.set(e.s, netuid, uid, 1n)
    S.LastUpdate.set(e.s, netuid, [2n, 2n, 2n])
    S.Kappa.set(e.s, netuid, Math.floor(0xffff / 5))
    S.ActivityCutoff.set(e.s, netuid, 0xffff)
    S.ValidatorPermit.set(e.s, netuid, permits)
  }

  it('test_childkey_take_drain', () => {
    for (const parentTake of [0, Math.floor(0xffff / 5)]) {
      const e = newTestExt(1)
      const [parentCold, parentHot, childCold, childHot, minerCold, minerHot, nominator] = [1, 3, 2, 4, 5, 6, 7].map(u256) as Uint8Array[] as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
      const netuid = 1
      const tempo = 10
      const stake = 100_000_000_000n
      addNetwork(e.s, netuid, tempo)
      S.CKBurn.set(e.s, 0n)
      setupReserves(e.s, netuid, stake * 10_000n, stake * 10_000n)
      registerOkNeuron(e, netuid, childHot, childCold)
      registerOkNeuron(e, netuid, parentHot, parentCold)
      registerOkNeuron(e, netuid, minerHot, minerCold)
      addBalance(e, parentCold, stake + ED)
      addBalance(e, nominator, stake + ED)
      S.WeightsSetRateLimit.set(e.s, netuid, 0n)
      S.MaxAllowedValidators.set(e.s, netuid, 2)
      stepBlock(e, tempo)
      S.SubnetOwnerCut.set(e.s, 0)
      mockSetChildrenNoEpochs(e, netuid, parentHot, [[U64_MAX / 2n, childHot]])
      const maxTake = Math.floor(0xffff / 5)
      S.MaxChildkeyTake.set(e.s, maxTake)
      sub(e, childCold, 'set_childkey_take', { hotkey: childHot, netuid, take: maxTake })
      S.MaxDelegateTake.set(e.s, parentTake)
      S.Delegates.set(e.s, parentHot, parentTake)
      S.Delegates.set(e.s, childHot, 0)
      sub(e, parentCold, 'add_stake', { hotkey: parentHot, netuid, amount_staked: stake })
      sub(e, nominator, 'add_stake', { hotkey: childHot, netuid, amount_staked: stake })
      yuma(e, netuid, [[[2, 0xffff]], [[2, 0xffff]]], [true, true, false])
      const before = [childCold, parentCold, nominator].map((c) => getTotalStakeForColdkey(e.s, c))
      stepBlock(e, tempo)
      const [childEm, parentEm, nomEm] = [childCold, parentCold, nominator].map((c, i) => getTotalStakeForColdkey(e.s, c) - before[i]!) as [bigint, bigint, bigint]
      const total = childEm + parentEm + nomEm
      expect(total).toBeGreaterThan(0n) // not in the source: the split below must be of something
      close(childEm, 0n, 10n)
      close(parentEm, (total * 9n) / 20n, 10n)
      close(nomEm, (total * 11n) / 20n, 10n)
    }
  })

  const X = F.I96F32
  /** `(total_alpha * I96F32(part) / total_tao).saturating_to_num::<u64>()`. */
  const share = (totalAlpha: bigint, part: bigint, totalTao: bigint) =>
    F.saturatingToU64(X, F.div(X, F.mul(X, F.fromInt(X, totalAlpha), F.fromInt(X, part)), F.fromInt(X, totalTao)))
  const chkTake = 1 / 9
  /** `(I96F32(1/9) * I96F32(u16::MAX)).saturating_to_num::<u16>()`. */
  const chkTakeU16 = () => Number(F.toInt(X, F.mul(X, F.fromF64(X, chkTake), F.fromInt(X, 0xffffn))))
  const [ha, hb, hc, ca, cb, cc] = [1, 2, 3, 100, 101, 102].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]

  it('test_parent_child_chain_emission', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    removeOwnerRegistrationStake(e, netuid)
    S.CKBurn.set(e.s, 0n)
    S.Tempo.set(e.s, netuid, 1)
    S.SubnetTAO.set(e.s, netuid, 1_000_000_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 1_000_000_000_000_000n)
    S.SubnetOwnerCut.set(e.s, 0)
    registerOkNeuron(e, netuid, ha, ca)
    registerOkNeuron(e, netuid, hb, cb)
    registerOkNeuron(e, netuid, hc, cc)
    for (const c of [ca, cb, cc]) addBalance(e, c, 1_000n)
    const stakes = [300_000_000_000n, 100_000_000_000n, 50_000_000_000n]
    const totalTao = stakes[0]! + stakes[1]! + stakes[2]!
    const totalAlpha = swapTaoForAlpha(e.s, netuid, totalTao, maxPrice(), false).amountPaidOut
    ;[[ha, ca], [hb, cb], [hc, cc]].forEach(([h, c], i) => L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h!, c!, netuid, share(totalAlpha, stakes[i]!, totalTao)))
    mockSetChildrenNoEpochs(e, netuid, ha, [[U64_MAX / 2n, hb]])
    mockSetChildrenNoEpochs(e, netuid, hb, [[U64_MAX / 2n, hc]])
    const old = [ha, hb, hc].map((h) => getTotalStakeForHotkey(e.s, h))
    const totalOld = old[0]! + old[1]! + old[2]!
    S.ChildkeyTake.set(e.s, hb, netuid, chkTakeU16())
    S.ChildkeyTake.set(e.s, hc, netuid, chkTakeU16())
    S.TaoWeight.set(e.s, 0n)
    const emission = getBlockEmission(e.s, e.env)
    S.PendingValidatorEmission.set(e.s, netuid, 0n)
    S.PendingServerEmission.set(e.s, netuid, 0n)
    setBlockNumber(e, 2n)
    // run_coinbase: the injection, then its drain_pending / distribute tail
    runCoinbase(e.s, e.env, emission)
    drainAndDistribute(e.s, e.env, 2n)
    const now = [ha, hb, hc].map((h) => getTotalStakeForHotkey(e.s, h))
    const inc = now.map((v, i) => v - old[i]!)
    const totalInc = now[0]! + now[1]! + now[2]! - totalOld
    const rel = inc.map((v) => Number(v) / Number(totalInc))
    const eps = 1e-4
    expect(Math.abs(rel[0]! - (2 / 3) * (1 - 0.5 * chkTake))).toBeLessThanOrEqual(eps)
    expect(Math.abs(rel[1]! - ((2 / 9) * (1 - 0.5 * chkTake) + (2 / 3) * (0.5 * chkTake)))).toBeLessThanOrEqual(eps)
    expect(Math.abs(rel[2]! - (1 / 9 + (2 / 9) * 0.5 * chkTake))).toBeLessThanOrEqual(eps)
    near(totalInc, emission, emission / 1000n)
  })
})

describe('tests/children.rs: root validators as the subnet owner’s parents', () => {
  it('test_root_children_enable_subnet_owner_set_weights', () => {
    const e = newTestExt(1)
    const [ownerHot, v1Cold, v1Hot, v2Cold, v2Hot] = [1002, 100, 101, 200, 201].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    addNetwork(e.s, 0, 1)
    S.MaxRegistrationsPerBlock.set(e.s, 0, 3) // the mock's InitialMaxRegistrationsPerBlock (the runtime's is 1)
    const netuid = addDynamicNetwork(e, ownerHot, u256(1001))
    S.CommitRevealWeightsEnabled.set(e.s, netuid, false)
    registerOkNeuron(e, netuid, v1Hot, v1Cold)
    registerOkNeuron(e, netuid, v2Hot, v2Cold)
    sub(e, v1Cold, 'root_register', { hotkey: v1Hot })
    sub(e, v2Cold, 'root_register', { hotkey: v2Hot })
    for (const [h, c] of [[v1Hot, v1Cold], [v2Hot, v2Cold]] as const) {
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c, 0, 1_000_000_000n)
      L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c, netuid, 1_000_000_000n)
    }
    S.WeightsSetRateLimit.set(e.s, netuid, 0n)
    const setWeights = () => sub(e, ownerHot, 'set_weights', { netuid, dests: [0], weights: [0xffff], version_key: S.WeightsVersionKey.get(e.s, netuid) })
    expect(checkWeightsMinStake(e.s, ownerHot, netuid)).toBe(true)
    setWeights()
    S.StakeThreshold.set(e.s, 500_000_000n)
    expect(checkWeightsMinStake(e.s, ownerHot, netuid)).toBe(true)
    setWeights()
    sub(e, null, 'set_pending_childkey_cooldown', { cooldown: 0n })
    doSetRootValidatorsForSubnet({ origin: { kind: 'Root' }, s: e.s, env: e.env }, netuid)
    stepBlock(e)
    doSetPendingChildren(e.s, e.env, netuid)
    expect(children(e, v1Hot, netuid)).toEqual([[U64_MAX, ownerHot]])
    expect(children(e, v2Hot, netuid)).toEqual([[U64_MAX, ownerHot]])
    expect(parents(e, ownerHot, netuid).length).toBe(2)
  })
})

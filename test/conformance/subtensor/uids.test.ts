// Port of subtensor v3.3.13 pallets/subtensor/src/tests/uids.rs (Trust, gone at spec 425, left out).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { neuronToPrune } from '../../../src/pallets/subtensor/subnets/registration.js'
import { replaceNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { callHandler, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const setAt = <V>(v: V[], i: number, x: V): V[] => { if (i < v.length) v[i] = x; return v }
const registeredAnywhere = (m: Mock, hk: Uint8Array): boolean => [...S.IsNetworkMember.iterPrefix(m.s, hk)].some(([, v]) => v)

describe('tests/uids.rs (v3.3.13)', () => {
  it('test_replace_neuron', () => {
    const m = new Mock()
    const netuid = 1
    const [hk, ck, newHk] = [u256(1), u256(1234), u256(2)]
    const w = m.work(netuid, 0n, 111111n, hk)
    m.addNetwork(netuid, 13)
    m.register(netuid, hk, ck, { block: 0n, ...w })
    const uid = S.Uids.get(m.s, netuid, hk)!
    S.Emission.mutate(m.s, netuid, (v) => setAt(v, uid, 5n))
    S.Consensus.mutate(m.s, netuid, (v) => setAt(v, uid, 5))
    S.Incentive.mutate(m.s, netuid, (v) => setAt(v, uid, 5))
    S.Dividends.mutate(m.s, netuid, (v) => setAt(v, uid, 5))
    S.Bonds.set(m.s, netuid, uid, [[0, 1]])
    const axon = { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0, protocol: 0, placeholder1: 0, placeholder2: 0 }
    S.Axons.set(m.s, netuid, hk, axon)
    S.NeuronCertificates.set(m.s, netuid, hk, { public_key: new Uint8Array(), algorithm: 0 })
    S.Prometheus.set(m.s, netuid, hk, { block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0 })
    S.AssociatedEvmAddress.set(m.s, netuid, uid, [new Uint8Array(20).fill(1), 1n])

    replaceNeuron(m.s, netuid, uid, newHk, 0n)

    expect(S.Uids.get(m.s, netuid, hk)).toBeNull()
    expect(registeredAnywhere(m, hk)).toBe(false)
    expect(S.Keys.get(m.s, netuid, uid)).toEqual(newHk)
    expect(S.Uids.get(m.s, netuid, newHk)).toBe(uid)
    expect(registeredAnywhere(m, newHk)).toBe(true)
    expect(S.NeuronCertificates.get(m.s, netuid, hk)).toBeNull()
    expect(S.Emission.get(m.s, netuid)[uid]).toBe(0n)
    expect(S.Consensus.get(m.s, netuid)[uid]).toBe(0)
    expect(S.Incentive.get(m.s, netuid)[uid]).toBe(0)
    expect(S.Dividends.get(m.s, netuid)[uid]).toBe(0)
    expect(S.Axons.contains(m.s, netuid, newHk)).toBe(false)
    expect(S.Axons.contains(m.s, netuid, hk)).toBe(false)
    expect(S.Prometheus.contains(m.s, netuid, hk)).toBe(false)
    expect(S.Bonds.get(m.s, netuid, uid)).toEqual([])
    expect(S.AssociatedEvmAddress.get(m.s, netuid, uid)).toBeNull()
  })

  it('test_bonds_cleared_on_replace (and others weights to the uid zeroed)', () => {
    const m = new Mock()
    const netuid = 1
    m.addNetwork(netuid, 13)
    m.register(netuid, u256(1), u256(1234), { block: 0n, ...m.work(netuid, 0n, 111111n, u256(1)) })
    const uid = S.Uids.get(m.s, netuid, u256(1))!
    S.Bonds.set(m.s, netuid, uid, [[0, 1]])
    S.Weights.set(m.s, netuid, 7, [[uid, 99], [3, 4]])
    replaceNeuron(m.s, netuid, uid, u256(2), 0n)
    expect(S.Bonds.get(m.s, netuid, uid)).toEqual([])
    expect(S.Weights.get(m.s, netuid, 7)).toEqual([[uid, 0], [3, 4]])
  })

  it('test_replace_neuron_multiple_subnets', () => {
    const m = new Mock()
    const [hk, newHk] = [u256(1), u256(2)]
    m.addNetwork(1, 13)
    m.addNetwork(2, 13)
    m.register(1, hk, u256(1234), { block: 0n, ...m.work(1, 0n, 111111n, hk) })
    m.register(2, hk, u256(1234), { block: 0n, ...m.work(2, 0n, 111111n, hk) })
    const uid1 = S.Uids.get(m.s, 1, hk)!
    replaceNeuron(m.s, 1, uid1, newHk, 0n)
    expect(S.Uids.get(m.s, 1, hk)).toBeNull()
    expect(S.Uids.get(m.s, 2, hk)).toBe(0)
    expect(registeredAnywhere(m, hk)).toBe(true)
    expect(S.Keys.get(m.s, 1, uid1)).toEqual(newHk)
  })

  it('test_replace_neuron_subnet_owner_not_replaced', () => {
    const m = new Mock()
    const [ownerHk, ownerCk, newHk] = [u256(100), u256(999), u256(2)]
    m.addDynamicNetwork(2, ownerHk, ownerCk)
    const uid = S.Uids.get(m.s, 2, ownerHk)!
    S.AssociatedEvmAddress.set(m.s, 2, uid, [new Uint8Array(20).fill(1), 1n])
    replaceNeuron(m.s, 2, uid, newHk, BigInt(m.block))
    expect(S.Uids.get(m.s, 2, ownerHk)).toBe(uid)
    expect(S.Uids.get(m.s, 2, newHk)).toBeNull()
    expect(S.AssociatedEvmAddress.get(m.s, 2, uid)).not.toBeNull()
  })

  it('test_prune_respects_min_non_immune_floor_prefers_immune', () => {
    const m = new Mock()
    const netuid = 2
    m.addNetwork(netuid, 10_000)
    S.ImmuneOwnerUidsLimit.set(m.s, netuid, 0)
    S.MaxRegistrationsPerBlock.set(m.s, netuid, 1024)
    S.TargetRegistrationsPerInterval.set(m.s, netuid, 0xffff)
    S.ImmunityPeriod.set(m.s, netuid, 1000)
    for (let i = 0; i < 3; i++) {
      m.registerOk(netuid, u256(10_000 + i), u256(20_000 + i), 0)
      m.stepBlock(1)
    }
    m.setBlockNumber(m.block + 1000 + 5 - 1)
    m.stepBlock(1)
    m.registerOk(netuid, u256(99_999), u256(88_888), 0)
    S.MinNonImmuneUids.set(m.s, netuid, 3)
    expect(neuronToPrune(m.s, netuid)).toBe(3)
  })

  it('test_prune_tie_breakers_non_immune_emission_block_uid', () => {
    const m = new Mock()
    const netuid = 3
    m.addNetwork(netuid, 1)
    S.ImmuneOwnerUidsLimit.set(m.s, netuid, 0)
    S.ImmunityPeriod.set(m.s, netuid, 0)
    for (let i = 0; i < 3; i++) {
      m.registerOk(netuid, u256(30_000 + i), u256(40_000 + i), 0)
      m.stepBlock(1)
    }
    S.MinNonImmuneUids.set(m.s, netuid, 0)
    S.Emission.mutate(m.s, netuid, (v) => v.map(() => 10n))
    expect(neuronToPrune(m.s, netuid)).toBe(0)
  })

  it('test_prune_all_owner_immortal_returns_none', () => {
    const m = new Mock()
    const netuid = 4
    const ck = u256(7777)
    const hks = [u256(9001), u256(9002), u256(9003)]
    m.addNetwork(netuid, 1)
    S.SubnetOwner.set(m.s, netuid, ck)
    for (const hk of hks) m.registerOk(netuid, hk, ck, 0)
    S.OwnedHotkeys.set(m.s, ck, hks)
    S.ImmuneOwnerUidsLimit.set(m.s, netuid, 10)
    expect(neuronToPrune(m.s, netuid)).toBeNull()
  })

  it('test_replace_neuron_resets_last_update / test_replace_neuron_clears_validator_trust_and_permit', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    m.registerOk(1, u256(1), u256(1234), 0)
    const uid = S.Uids.get(m.s, 1, u256(1))!
    S.LastUpdate.set(m.s, 1, [7n])
    S.ValidatorTrust.set(m.s, 1, [42])
    S.ValidatorPermit.set(m.s, 1, [true])
    replaceNeuron(m.s, 1, uid, u256(2), 123n)
    expect(S.LastUpdate.get(m.s, 1)[uid]).toBe(123n)
    expect(S.ValidatorTrust.get(m.s, 1)[uid]).toBe(0)
    expect(S.ValidatorPermit.get(m.s, 1)[uid]).toBe(false)
  })

  it('test_neuron_certificate (through serve_axon_tls: 65 and 33 bytes kept, 88 and 0 ignored)', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    const hk = u256(1)
    m.registerOk(1, hk, u256(2), 0)
    const serve = (certificate: Uint8Array) => callHandler(m.env, 'SubtensorModule', 'serve_axon_tls', signed(hk), {
      netuid: 1, version: 2, ip: 1676056785n, port: 128, ip_type: 4, protocol: 0, placeholder1: 0, placeholder2: 0, certificate,
    })
    serve(new Uint8Array(65))
    expect(S.NeuronCertificates.get(m.s, 1, hk)).toEqual({ algorithm: 0, public_key: new Uint8Array(64) })
    serve(new Uint8Array(33).fill(1))
    expect(S.NeuronCertificates.get(m.s, 1, hk)).toEqual({ algorithm: 1, public_key: new Uint8Array(32).fill(1) })
    serve(new Uint8Array(88).fill(8))
    serve(new Uint8Array(0))
    expect(S.NeuronCertificates.get(m.s, 1, hk)).toEqual({ algorithm: 1, public_key: new Uint8Array(32).fill(1) })
  })

  it('test_replace_neuron_subnet_owner_not_replaced_if_in_sn_owner_hotkey_map', () => {
    const m = new Mock()
    const [ownerHk, ownerCk, otherOwnerHk] = [u256(123), u256(999), u256(456)]
    const evm = new Uint8Array(20).fill(1)
    m.addDynamicNetwork(1, ownerHk, ownerCk)
    S.MaxRegistrationsPerBlock.set(m.s, 1, 100)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 100)
    const ownerUid = S.Uids.get(m.s, 1, ownerHk)!
    S.AssociatedEvmAddress.set(m.s, 1, ownerUid, [evm, 1n])
    m.registerOk(1, otherOwnerHk, ownerCk, 0)
    const otherUid = S.Uids.get(m.s, 1, otherOwnerHk)!
    const [extra1, extra2] = [u256(1000), u256(1001)]
    const now = BigInt(m.block)
    // the owner hotkey of SubnetOwnerHotkey is never replaced
    replaceNeuron(m.s, 1, ownerUid, extra1, now)
    expect(S.Uids.get(m.s, 1, ownerHk)).toBe(ownerUid)
    expect(S.AssociatedEvmAddress.get(m.s, 1, ownerUid)).not.toBeNull()
    expect(S.Uids.get(m.s, 1, extra1)).toBeNull()
    // another hotkey of the owner coldkey is
    S.AssociatedEvmAddress.set(m.s, 1, otherUid, [evm, 1n])
    replaceNeuron(m.s, 1, otherUid, extra1, now)
    expect(S.Uids.get(m.s, 1, otherOwnerHk)).toBeNull()
    expect(S.AssociatedEvmAddress.get(m.s, 1, otherUid)).toBeNull()
    // once SubnetOwnerHotkey names the other hotkey, the first one can be replaced
    m.stepBlock(1)
    m.registerOk(1, otherOwnerHk, ownerCk, 0)
    S.SubnetOwnerHotkey.set(m.s, 1, otherOwnerHk)
    replaceNeuron(m.s, 1, ownerUid, extra2, now)
    expect(S.Uids.get(m.s, 1, ownerHk)).toBeNull()
    expect(S.Uids.get(m.s, 1, extra2)).toBe(ownerUid)
    expect(S.AssociatedEvmAddress.get(m.s, 1, ownerUid)).toBeNull()
  })

  it('test_get_neuron_to_prune_owner_not_pruned', () => {
    const m = new Mock()
    const [ownerHk, ownerCk] = [u256(123), u256(999)]
    m.addDynamicNetwork(1, ownerHk, ownerCk)
    S.MaxRegistrationsPerBlock.set(m.s, 1, 100)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 100)
    S.ImmuneOwnerUidsLimit.set(m.s, 1, 1)
    S.MinNonImmuneUids.set(m.s, 1, 0)
    m.registerOk(1, u256(1000), u256(2000), 0)
    m.registerOk(1, u256(1001), u256(2001), 1)
    const [u0, u1, u2] = [ownerHk, u256(1000), u256(1001)].map((hk) => S.Uids.get(m.s, 1, hk)!)
    S.Emission.mutate(m.s, 1, (v) => { v[u0!] = 0n; v[u1!] = 1n; v[u2!] = 2n; return v })
    expect(neuronToPrune(m.s, 1)).toBe(u1)
  })

  it('test_get_neuron_to_prune_owner_pruned_if_not_in_sn_owner_hotkey_map', () => {
    const m = new Mock()
    const [ownerHk, ownerCk, otherOwnerHk] = [u256(123), u256(999), u256(456)]
    m.addDynamicNetwork(1, ownerHk, ownerCk)
    S.MaxRegistrationsPerBlock.set(m.s, 1, 100)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 100)
    S.ImmuneOwnerUidsLimit.set(m.s, 1, 1)
    S.MinNonImmuneUids.set(m.s, 1, 0)
    m.registerOk(1, otherOwnerHk, ownerCk, 0)
    m.registerOk(1, u256(1000), u256(2000), 1)
    m.registerOk(1, u256(1001), u256(2001), 2)
    const uids = [ownerHk, otherOwnerHk, u256(1000), u256(1001)].map((hk) => S.Uids.get(m.s, 1, hk)!)
    S.Emission.mutate(m.s, 1, (v) => { uids.forEach((uid, i) => { v[uid] = BigInt(i) }); return v })
    expect(neuronToPrune(m.s, 1)).toBe(uids[1])
    S.SubnetOwnerHotkey.set(m.s, 1, otherOwnerHk)
    expect(neuronToPrune(m.s, 1)).toBe(uids[0])
  })
})

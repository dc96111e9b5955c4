// Port of subtensor pallets/subtensor/src/tests/mechanism.rs (HEAD 14bc6f9): storage-index math,
// ensure_mechanism_exists, do_set_mechanism_count (through sudo_set_mechanism_count as Root, the
// call that wraps it), the count update's clean-up, split_emissions, epoch_with_mechanisms,
// clear_neuron across mechanisms, mechanism weights and their commit-reveal, emergency mode.
// The three timelocked (CRv3) cases belong to the drand work.
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { commitHash } from '../../../src/pallets/subtensor/commit-reveal/hash-commits.js'
import { epochMechanism } from '../../../src/pallets/subtensor/epoch/run-epoch.js'
import { SubtensorErrors as E } from '../../../src/pallets/subtensor/macros/errors.js'
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { ensureMechanismExists, epochWithMechanisms, MAX_MECHANISM_COUNT_PER_SUBNET, netuidOfIndex, splitEmissions } from '../../../src/pallets/subtensor/subnets/mechanism.js'
import { clearNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { GLOBAL_MAX_SUBNET_COUNT, mechanismStorageIndex } from '../../../src/pallets/subtensor/utils/misc.js'
import { callHandler, errorOf, failsUntouched, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { u256 } from './head-mock.js'
import { Ext } from './weights-mock.js'

const setCount = (x: Ext, netuid: number, count: number): void => {
  callHandler(x.env, 'AdminUtils', 'sudo_set_mechanism_count', ROOT, { netuid, mechanism_count: count })
}
const setCountFails = (x: Ext, netuid: number, count: number): unknown =>
  errorOf(failsUntouched(x.s, () => setCount(x, netuid, count)))

describe('tests/mechanism.rs: indices and existence', () => {
  it('test_index_from_netuid_and_subnet', () => {
    const G = GLOBAL_MAX_SUBNET_COUNT
    for (const [netuid, mecid] of [[0, 0], [G / 2, 1], [G / 2, 7], [G / 2, 14], [G / 2, 15], [G - 1, 1], [G - 1, 7], [G - 1, 14], [G - 1, 15]] as const) {
      expect(mechanismStorageIndex(netuid, mecid)).toBe(mecid * G + netuid)
    }
  })

  it('test_netuid_and_subnet_from_index', () => {
    const G = GLOBAL_MAX_SUBNET_COUNT
    for (const idx of [0, 1, 14, 15, 16, 17, G - 1, G, G + 1, 0xfffe / 2, 0xfffe, 0xffff]) {
      expect(netuidOfIndex(idx)).toBe(idx % G)
      expect(mechanismStorageIndex(idx % G, Math.floor(idx / G))).toBe(idx)
    }
  })

  it('test_netuid_index_math_constants', () => {
    expect(GLOBAL_MAX_SUBNET_COUNT * MAX_MECHANISM_COUNT_PER_SUBNET).toBe(0x10000)
  })

  it('ensure_mechanism_exists_ok', () => {
    const x = new Ext(1)
    S.NetworksAdded.set(x.s, 3, true)
    S.MechanismCountCurrent.set(x.s, 3, 2)
    expect(() => ensureMechanismExists(x.s, 3, 1)).not.toThrow()
  })

  it('ensure_mechanism_fails_when_base_subnet_missing', () => {
    const x = new Ext(1)
    expect(errorOf(failsUntouched(x.s, () => ensureMechanismExists(x.s, 7, 0)))).toEqual(E.MechanismDoesNotExist().error)
  })

  it('ensure_mechanism_fails_when_subid_out_of_range', () => {
    const x = new Ext(1)
    S.NetworksAdded.set(x.s, 9, true)
    S.MechanismCountCurrent.set(x.s, 9, 2)
    for (const mecid of [2, 3]) expect(errorOf(failsUntouched(x.s, () => ensureMechanismExists(x.s, 9, mecid)))).toEqual(E.MechanismDoesNotExist().error)
  })
})

describe('tests/mechanism.rs: do_set_mechanism_count', () => {
  it('do_set_mechanism_count_ok_minimal', () => {
    const x = new Ext(1)
    S.NetworksAdded.set(x.s, 3, true)
    setCount(x, 3, 1)
    expect(S.MechanismCountCurrent.get(x.s, 3)).toBe(1)
  })

  it('do_set_mechanism_count_ok_at_effective_cap', () => {
    const x = new Ext(1)
    S.NetworksAdded.set(x.s, 4, true)
    S.MaxAllowedUids.set(x.s, 4, 128)
    const bound = Math.min(S.MaxMechanismCount.get(x.s), MAX_MECHANISM_COUNT_PER_SUBNET)
    setCount(x, 4, bound)
    expect(S.MechanismCountCurrent.get(x.s, 4)).toBe(bound)
  })

  it('do_set_fails_when_base_subnet_missing', () => {
    expect(setCountFails(new Ext(1), 7, 1)).toEqual(E.MechanismDoesNotExist().error)
  })

  for (const [test, netuid, count] of [
    ['do_set_fails_for_zero', 9, 0], ['do_set_fails_when_over_runtime_cap', 11, 9],
    ['do_set_fails_when_over_compile_time_cap', 12, MAX_MECHANISM_COUNT_PER_SUBNET + 1],
  ] as const) {
    it(test, () => {
      const x = new Ext(1)
      S.NetworksAdded.set(x.s, netuid, true)
      expect(setCountFails(x, netuid, count)).toEqual(E.InvalidValue().error)
    })
  }

  it('update_mechanism_counts_decreases_and_cleans', () => {
    const x = new Ext(1)
    const [hot, netuid] = [u256(1), 42]
    S.NetworksAdded.set(x.s, netuid, true)
    S.MaxAllowedUids.set(x.s, netuid, 64)
    S.MechanismCountCurrent.set(x.s, netuid, 3)
    S.MechanismEmissionSplit.set(x.s, netuid, [123, 234, 345])
    const [keep, rm] = [mechanismStorageIndex(netuid, 1), mechanismStorageIndex(netuid, 2)]
    for (const idx of [keep, rm]) {
      S.Weights.set(x.s, idx, 0, [[1, 1]])
      S.Incentive.set(x.s, idx, [1])
      S.LastUpdate.set(x.s, idx, [123n])
      S.Bonds.set(x.s, idx, 0, [[1, 2]])
      S.WeightCommits.set(x.s, idx, hot, [[new Uint8Array(32), 1n, 2n, 3n]])
      S.TimelockedWeightCommits.set(x.s, idx, 1n, [[hot, 1n, new Uint8Array(), 0n]])
    }
    setCount(x, netuid, 2)
    expect(S.MechanismCountCurrent.get(x.s, netuid)).toBe(2)
    expect(S.Incentive.get(x.s, keep)).toEqual([1])
    expect([...S.Weights.iterPrefix(x.s, keep)].length).toBe(1)
    expect(S.LastUpdate.contains(x.s, keep)).toBe(true)
    expect([...S.Bonds.iterPrefix(x.s, keep)].length).toBe(1)
    expect(S.WeightCommits.contains(x.s, keep, hot)).toBe(true)
    expect(S.TimelockedWeightCommits.contains(x.s, keep, 1n)).toBe(true)
    expect([...S.Weights.iterPrefix(x.s, rm)].length).toBe(0)
    expect(S.Incentive.get(x.s, rm)).toEqual([])
    expect(S.LastUpdate.contains(x.s, rm)).toBe(false)
    expect([...S.Bonds.iterPrefix(x.s, rm)].length).toBe(0)
    expect(S.WeightCommits.contains(x.s, rm, hot)).toBe(false)
    expect(S.TimelockedWeightCommits.contains(x.s, rm, 1n)).toBe(false)
    expect(S.MechanismEmissionSplit.get(x.s, netuid)).toBeNull()
  })

  it('update_mechanism_counts_increases', () => {
    const x = new Ext(1)
    S.NetworksAdded.set(x.s, 42, true)
    S.MaxAllowedUids.set(x.s, 42, 64)
    S.MechanismCountCurrent.set(x.s, 42, 1)
    S.MechanismEmissionSplit.set(x.s, 42, [123, 234, 345])
    setCount(x, 42, 2)
    expect(S.MechanismCountCurrent.get(x.s, 42)).toBe(2)
    expect(S.MechanismEmissionSplit.get(x.s, 42)).toBeNull()
  })
})

describe('tests/mechanism.rs: split_emissions', () => {
  it('split_emissions_even_division', () => {
    const x = new Ext(1)
    S.MechanismCountCurrent.set(x.s, 5, 5)
    expect(splitEmissions(x.s, 5, 25n)).toEqual([5n, 5n, 5n, 5n, 5n])
  })
  it('split_emissions_rounding_to_first', () => {
    const x = new Ext(1)
    S.MechanismCountCurrent.set(x.s, 6, 4)
    expect(splitEmissions(x.s, 6, 10n)).toEqual([4n, 2n, 2n, 2n])
  })
  it('split_emissions_fibbonacci', () => {
    const x = new Ext(1)
    S.MechanismCountCurrent.set(x.s, 5, 5)
    S.MechanismEmissionSplit.set(x.s, 5, [3450, 6899, 10348, 17247, 27594])
    expect(splitEmissions(x.s, 5, 19n)).toEqual([1n, 2n, 3n, 5n, 8n])
  })
})

const NET = 1
const [IDX0, IDX1] = [mechanismStorageIndex(NET, 0), mechanismStorageIndex(NET, 1)]
const FULL: [number, number][] = [[0, 0xffff], [1, 0xffff]]

/** `mock_epoch_state`: two staked, permitted, active neurons weighting each other fully on both mechanisms. */
function mockEpochState(x: Ext, ck0: Uint8Array, hk0: Uint8Array, ck1: Uint8Array, hk1: Uint8Array): void {
  S.NetworksAdded.set(x.s, NET, true)
  S.MechanismCountCurrent.set(x.s, NET, 2)
  S.SubnetworkN.set(x.s, NET, 2)
  S.Keys.set(x.s, NET, 0, hk0)
  S.Keys.set(x.s, NET, 1, hk1)
  S.Tempo.set(x.s, NET, 1)
  S.ActivityCutoff.set(x.s, NET, 0xffff)
  S.LastUpdate.set(x.s, IDX0, [2n, 2n])
  S.LastUpdate.set(x.s, IDX1, [2n, 2n])
  S.BlockAtRegistration.set(x.s, NET, 0, 1n)
  S.BlockAtRegistration.set(x.s, NET, 1, 1n)
  increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk0, ck0, NET, 1_000_000_000n)
  increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk1, ck1, NET, 1_000_000_000n)
  S.StakeThreshold.set(x.s, 0n)
  S.ValidatorPermit.set(x.s, NET, [true, true])
  for (const idx of [IDX0, IDX1]) for (const uid of [0, 1]) S.Weights.set(x.s, idx, uid, FULL)
  S.CommitRevealWeightsEnabled.set(x.s, NET, false)
  S.Yuma3On.set(x.s, NET, false)
}
/** `mock_3_neurons`: a third (miner) uid. */
function mock3Neurons(x: Ext, hk: Uint8Array): void {
  S.SubnetworkN.set(x.s, NET, 3)
  S.Keys.set(x.s, NET, 2, hk)
  S.LastUpdate.set(x.s, IDX0, [2n, 2n, 2n])
  S.LastUpdate.set(x.s, IDX1, [2n, 2n, 2n])
  S.BlockAtRegistration.set(x.s, NET, 2, 1n)
}
const [CK0, HK0, CK1, HK1] = [u256(1), u256(2), u256(3), u256(4)]
const EMISSION = 1_000_000_000n
const runEpochs = (x: Ext) => epochWithMechanisms(x.s, x.env, NET, EMISSION, BigInt(x.block))
const near = (a: number | bigint, b: number | bigint, eps: number): void => { expect(Math.abs(Number(a) - Number(b))).toBeLessThanOrEqual(eps) }

describe('tests/mechanism.rs: epoch_with_mechanisms', () => {
  it('epoch_with_mechanisms_produces_per_mechanism_incentive', () => {
    const x = new Ext(1)
    mockEpochState(x, CK0, HK0, CK1, HK1)
    runEpochs(x)
    const half = Math.floor(0xffff / 2)
    expect(S.Incentive.get(x.s, IDX0).slice(0, 2)).toEqual([half, half])
    expect(S.Incentive.get(x.s, IDX1).slice(0, 2)).toEqual([half, half])
  })

  it('epoch_with_mechanisms_updates_bonds', () => {
    const x = new Ext(1)
    mockEpochState(x, CK0, HK0, CK1, HK1)
    S.Weights.set(x.s, IDX1, 0, [[0, 0xffff], [1, 0]])
    S.Weights.set(x.s, IDX1, 1, [[0, 0xffff], [1, 0xffff]])
    runEpochs(x)
    expect(S.Bonds.get(x.s, IDX0, 0)).toEqual([[1, 65535]])
    expect(S.Bonds.get(x.s, IDX0, 1)).toEqual([[0, 65535]])
    expect(S.Bonds.get(x.s, IDX1, 0)).toEqual([])
    expect(S.Bonds.get(x.s, IDX1, 1)).toEqual([[0, 65535]])
  })

  it('epoch_with_mechanisms_incentives_proportional_to_weights', () => {
    const x = new Ext(1)
    mockEpochState(x, CK0, HK0, CK1, HK1)
    mock3Neurons(x, u256(6))
    S.ValidatorPermit.set(x.s, NET, [true, false, false])
    const [hi, lo] = [Math.floor(0xffff / 5) * 4, Math.floor(0xffff / 5)]
    S.Weights.set(x.s, IDX0, 0, [[1, hi], [2, lo]])
    S.Weights.set(x.s, IDX1, 0, [[1, lo], [2, hi]])
    runEpochs(x)
    const [i0, i1] = [S.Incentive.get(x.s, IDX0), S.Incentive.get(x.s, IDX1)]
    near(i0[1] as number, hi, 1)
    near(i0[2] as number, lo, 1)
    near(i1[1] as number, lo, 1)
    near(i1[2] as number, hi, 1)
  })

  it('epoch_with_mechanisms_persists_and_aggregates_all_terms (emission aggregation and incentives)', () => {
    const x = new Ext(1)
    const HK2 = u256(6)
    mockEpochState(x, CK0, HK0, CK1, HK1)
    mock3Neurons(x, HK2)
    const split0 = Math.floor(0xffff / 4)
    S.MechanismEmissionSplit.set(x.s, NET, [split0, 0xffff - split0])
    S.ValidatorPermit.set(x.s, NET, [true, false, false])
    S.Weights.set(x.s, IDX0, 0, [[1, Math.floor(0xffff / 5) * 3], [2, Math.floor(0xffff / 5) * 2]])
    S.Weights.set(x.s, IDX1, 0, [[1, Math.floor(0xffff / 5)], [2, Math.floor(0xffff / 5) * 4]])
    const [e0, e1] = splitEmissions(x.s, NET, EMISSION) as [bigint, bigint]
    near(Number(e0) / Number(EMISSION), 0.25, 0.0001)
    near(Number(e1) / Number(EMISSION), 0.75, 0.0001)
    const terms = (out: ReturnType<typeof epochMechanism>, hk: Uint8Array) => out.terms.find(([k]) => k.every((b, i) => b === hk[i]))![1]
    const out0 = epochMechanism(x.s, NET, 0, e0, BigInt(x.block))
    const out1 = epochMechanism(x.s, NET, 1, e1, BigInt(x.block))
    const agg = runEpochs(x)
    for (const hk of [HK1, HK2]) {
      const [, se, ve] = agg.find(([k]) => k.every((b, i) => b === hk[i]))!
      near(se, terms(out0, hk).serverEmission + terms(out1, hk).serverEmission, 1)
      near(ve, terms(out0, hk).validatorEmission + terms(out1, hk).validatorEmission, 1)
    }
    for (const [idx, out] of [[IDX0, out0], [IDX1, out1]] as const) {
      const inc = S.Incentive.get(x.s, idx)
      for (const hk of [HK0, HK1, HK2]) near(inc[terms(out, hk).uid] as number, terms(out, hk).incentive, 1)
    }
  })

  it('epoch_with_mechanisms_no_weight_no_incentive', () => {
    const x = new Ext(1)
    mockEpochState(x, CK0, HK0, CK1, HK1)
    mock3Neurons(x, u256(5))
    S.ValidatorPermit.set(x.s, NET, [true, false, false])
    S.Weights.set(x.s, IDX0, 0, [[1, 1], [2, 0]])
    S.Weights.set(x.s, IDX1, 0, [[1, 1], [2, 0]])
    runEpochs(x)
    expect(S.Incentive.get(x.s, IDX0)).toEqual([0, 0xffff, 0])
    expect(S.Incentive.get(x.s, IDX1)).toEqual([0, 0xffff, 0])
  })

  it('epoch_mechanism_emergency_mode_distributes_by_stake', () => {
    const x = new Ext(1)
    const idx = mechanismStorageIndex(NET, 1)
    x.addNetwork(NET, 5)
    S.MechanismCountCurrent.set(x.s, NET, 2)
    const keys = [[10, 11], [20, 21], [30, 31], [40, 41]].map(([h, c]) => [u256(h as number), u256(c as number)] as const)
    for (const [hk, ck] of keys) x.registerOkNeuron(NET, hk, ck)
    const now = BigInt(x.block)
    S.ActivityCutoff.set(x.s, NET, 1000)
    S.LastUpdate.set(x.s, idx, [now, now, now, now])
    S.ValidatorPermit.set(x.s, NET, [true, true, true, false])
    S.StakeThreshold.set(x.s, 0n)
    keys.slice(0, 3).forEach(([hk, ck], i) => increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, ck, NET, [10n, 30n, 60n][i] as bigint))
    const e = 1_000_000n
    const out = epochMechanism(x.s, NET, 1, e, BigInt(x.block))
    const t = keys.map(([hk]) => out.terms.find(([k]) => k.every((b, i) => b === hk[i]))![1])
    for (const term of t) expect(term.serverEmission).toBe(0n)
    near(t[0]!.validatorEmission, e / 10n, 2)
    near(t[1]!.validatorEmission, (e * 3n) / 10n, 2)
    near(t[2]!.validatorEmission, (e * 6n) / 10n, 2)
    expect(t[3]!.validatorEmission).toBe(0n)
    near(t[0]!.validatorEmission + t[1]!.validatorEmission + t[2]!.validatorEmission, e, 2)
  })
})

describe('tests/mechanism.rs: clear_neuron', () => {
  it('neuron_dereg_cleans_weights_across_subids', () => {
    const x = new Ext(1)
    const [netuid, uid] = [77, 1]
    S.MechanismCountCurrent.set(x.s, netuid, 2)
    S.Emission.set(x.s, netuid, [1n, 9n, 3n])
    S.Consensus.set(x.s, netuid, [21, 88, 44])
    S.Dividends.set(x.s, netuid, [7, 77, 17])
    for (const mecid of [0, 1]) {
      const idx = mechanismStorageIndex(netuid, mecid)
      S.Incentive.set(x.s, idx, [10, 20, 30])
      S.Weights.set(x.s, idx, uid, [[0, 5]])
      S.Bonds.set(x.s, idx, uid, [[0, 6]])
      S.Weights.set(x.s, idx, 0, [[uid, 7], [42, 3]])
      S.Bonds.set(x.s, idx, 0, [[uid, 8], [42, 4]])
    }
    clearNeuron(x.s, netuid, uid)
    expect(S.Emission.get(x.s, netuid)).toEqual([1n, 0n, 3n])
    expect(S.Consensus.get(x.s, netuid)).toEqual([21, 0, 44])
    expect(S.Dividends.get(x.s, netuid)).toEqual([7, 0, 17])
    for (const mecid of [0, 1]) {
      const idx = mechanismStorageIndex(netuid, mecid)
      expect(S.Incentive.get(x.s, idx)).toEqual([10, 0, 30])
      expect(S.Weights.contains(x.s, idx, uid)).toBe(false)
      expect(S.Bonds.contains(x.s, idx, uid)).toBe(false)
      expect(S.Weights.get(x.s, idx, 0)).toEqual([[uid, 0], [42, 3]])
    }
  })

  it('clear_neuron_handles_absent_rows_gracefully', () => {
    const x = new Ext(1)
    S.MechanismCountCurrent.set(x.s, 55, 1)
    S.Emission.set(x.s, 55, [5n])
    S.Consensus.set(x.s, 55, [6])
    S.Dividends.set(x.s, 55, [7])
    clearNeuron(x.s, 55, 0)
    expect(S.Emission.get(x.s, 55)).toEqual([0n])
    expect(S.Consensus.get(x.s, 55)).toEqual([0])
    expect(S.Dividends.get(x.s, 55)).toEqual([0])
  })
})

describe('tests/mechanism.rs: mechanism weights', () => {
  /** Three registered neurons on netuid 1; hotkey 55 (uid 0) permitted and staked. */
  function threeNeurons(x: Ext, commitReveal: boolean): number[] {
    if (commitReveal) x.addNetwork(NET, 13)
    else x.addNetworkDisableCommitReveal(NET, 13)
    for (const [hk, ck] of [[55, 66], [77, 88], [99, 111]]) x.registerOkNeuron(NET, u256(hk as number), u256(ck as number))
    const uids = [55, 77, 99].map((h) => x.uid(NET, u256(h)))
    S.StakeThreshold.set(x.s, 0n)
    x.setPermit(NET, uids[0] as number)
    x.stake(NET, u256(55), u256(66), 1n)
    S.MechanismCountCurrent.set(x.s, NET, 2)
    return uids
  }

  it('test_set_mechanism_weights_happy_path_sets_row_under_subid', () => {
    const x = new Ext(0)
    const [u1, u2, u3] = threeNeurons(x, false) as [number, number, number]
    x.call('set_mechanism_weights', signed(u256(55)), { netuid: NET, mecid: 1, dests: [u2, u3], weights: [88, 0xffff], version_key: 0n })
    expect(S.Weights.get(x.s, IDX1, u1)).toEqual([[u2, 88], [u3, 0xffff]])
    expect(S.Weights.get(x.s, IDX0, u1)).toEqual([])
  })

  it('test_set_mechanism_weights_above_mechanism_count_fails', () => {
    const x = new Ext(0)
    const [, u2] = threeNeurons(x, false) as [number, number, number]
    expect(x.fails('set_mechanism_weights', signed(u256(55)), { netuid: NET, mecid: 2, dests: [u2], weights: [88], version_key: 0n })).toEqual(E.MechanismDoesNotExist().error)
  })

  it('test_commit_reveal_mechanism_weights_ok', () => {
    const x = new Ext(1)
    x.setBlockNumber(0)
    const [u1, u2, u3] = threeNeurons(x, true) as [number, number, number]
    S.WeightsSetRateLimit.set(x.s, NET, 5n)
    S.CommitRevealWeightsEnabled.set(x.s, NET, true)
    const salt = [1, 2, 3, 4, 5, 6, 7, 8]
    const hash = commitHash(u256(55), IDX1, [u2, u3], [88, 0xffff], salt, 0n)
    x.call('commit_mechanism_weights', signed(u256(55)), { netuid: NET, mecid: 1, commit_hash: hash })
    x.stepEpochs(1, NET)
    x.call('reveal_mechanism_weights', signed(u256(55)), { netuid: NET, mecid: 1, uids: [u2, u3], values: [88, 0xffff], salt, version_key: 0n })
    expect(S.Weights.get(x.s, IDX1, u1)).toEqual([[u2, 88], [u3, 0xffff]])
    expect(S.Weights.get(x.s, IDX0, u1)).toEqual([])
  })

  it('test_commit_reveal_above_mechanism_count_fails', () => {
    const x = new Ext(1)
    x.setBlockNumber(0)
    const [, u2, u3] = threeNeurons(x, true) as [number, number, number]
    S.WeightsSetRateLimit.set(x.s, NET, 5n)
    S.CommitRevealWeightsEnabled.set(x.s, NET, true)
    const salt = [1, 2, 3, 4, 5, 6, 7, 8]
    const idx2 = mechanismStorageIndex(NET, 2)
    const hash = commitHash(u256(55), idx2, [u2, u3], [88, 0xffff], salt, 0n)
    expect(x.fails('commit_mechanism_weights', signed(u256(55)), { netuid: NET, mecid: 2, commit_hash: hash })).toEqual(E.MechanismDoesNotExist().error)
    x.stepEpochs(1, NET)
    expect(x.fails('reveal_mechanism_weights', signed(u256(55)), { netuid: NET, mecid: 2, uids: [u2, u3], values: [88, 0xffff], salt, version_key: 0n })).toEqual(E.NoWeightsCommitFound().error)
    expect([...S.Weights.iterPrefix(x.s, idx2)]).toEqual([])
  })
})

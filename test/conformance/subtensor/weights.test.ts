// Port of subtensor pallets/subtensor/src/tests/weights.rs (HEAD 14bc6f9): the set_weights checks,
// the check helpers and the subnet owner's case (the hash commit-reveal cases are in
// weights-commit-reveal.test.ts). The calls are made the way the Rust
// tests make them (`SubtensorModule::set_weights(...)`: the call body, without the dispatch guards;
// CheckWeights has its own port in check-weights.test.ts). The timelocked (CRv3) cases belong to the
// drand work; the dispatch-info cases are checked against the node's call info.
import { describe, expect, it } from 'vitest'
import { callInfoOf } from '../../../src/pallets/call-info.js'
import { allPallets } from '../../../src/pallets/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { checkWeightsMinStake, ownerUid } from '../../../src/pallets/subtensor/epoch/stake-weights.js'
import { decreaseStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyAndColdkeyOnSubnet, getStakeWeightsForHotkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import { nextNetuid } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { SubtensorErrors as E } from '../../../src/pallets/subtensor/macros/errors.js'
import {
  checkLength, checkLenUidsWithinAllowed, checkValidatorPermit, getMaxWeightLimit, isSelfWeight, maxWeightLimited,
} from '../../../src/pallets/subtensor/subnets/weights.js'
import { NONE, signed } from '../../../src/pallets/test-utils.js'
import { u256 } from './head-mock.js'
import { Ext, NET, SALT } from './weights-mock.js'


describe('tests/weights.rs: dispatch info', () => {
  for (const [test, name, args] of [
    ['test_set_weights_dispatch_info_ok', 'set_weights', { netuid: 1, dests: [1, 1], weights: [1, 1], version_key: 0n }],
    ['test_commit_weights_dispatch_info_ok', 'commit_weights', { netuid: 1, commit_hash: new Uint8Array(32) }],
    ['test_reveal_weights_dispatch_info_ok', 'reveal_weights', { netuid: 1, uids: [1, 1], values: [1, 1], salt: SALT, version_key: 0n }],
  ] as const) {
    it(test, () => {
      allPallets()
      const info = callInfoOf({ type: 'SubtensorModule', value: { type: name, value: args } })
      expect(info.class).toBe('Normal')
      expect(info.paysFee).toBe('No')
    })
  }
})

describe('tests/weights.rs: set_weights', () => {
  it('test_set_weights_is_root_error', () => {
    const x = new Ext(0)
    S.CommitRevealWeightsEnabled.set(x.s, 0, false)
    expect(x.setWeightsFails(u256(1), 0, [0], [1])).toEqual(E.CanNotSetRootNetworkWeights().error)
  })

  it('test_weights_err_no_validator_permit', () => {
    const x = new Ext(0)
    x.addNetworkDisableCommitReveal(NET, 13)
    S.MaxAllowedUids.set(x.s, NET, 3)
    x.registerOkNeuron(NET, u256(55), u256(66))
    x.registerOkNeuron(NET, u256(1), u256(1))
    x.registerOkNeuron(NET, u256(2), u256(2))
    expect(x.setWeightsFails(u256(55), NET, [1, 2], [1, 2])).toEqual(E.NeuronNoValidatorPermit().error)
    x.setPermit(NET, x.uid(NET, u256(55)))
    x.setWeights(u256(55), NET, [1, 2], [1, 2])
  })

  it('test_set_stake_threshold_failed (stake written to the pool instead of do_add_stake)', () => {
    const x = new Ext(0)
    const hot = u256(0)
    x.addNetworkDisableCommitReveal(NET, 1)
    x.registerOkNeuron(NET, hot, hot)
    S.StakeThreshold.set(x.s, 20_000_000_000_000n)
    expect(checkWeightsMinStake(x.s, hot, NET)).toBe(false)
    x.stake(NET, hot, hot, 19_999_999_999_999n)
    expect(checkWeightsMinStake(x.s, hot, NET)).toBe(false)
    x.stake(NET, hot, hot, 1n)
    expect(checkWeightsMinStake(x.s, hot, NET)).toBe(true)
    S.StakeThreshold.set(x.s, 100_000_000_000_000n)
    expect(x.setWeightsFails(hot, NET, [0], [1])).toEqual(E.NotEnoughStakeToSetWeights().error)
    x.stake(NET, hot, hot, 80_000_000_000_000n)
    x.setWeights(hot, NET, [0], [1])
  })

  it('test_weights_version_key', () => {
    const x = new Ext(0)
    const [hot, cold] = [u256(55), u256(66)]
    x.addNetworkDisableCommitReveal(1, 1)
    x.addNetworkDisableCommitReveal(2, 1)
    x.registerOkNeuron(1, hot, cold)
    x.registerOkNeuron(2, hot, cold)
    x.setWeights(hot, 1, [0], [1], 0n)
    x.setWeights(hot, 2, [0], [1], 0n)
    const [key0, key1] = [12312n, 20313n]
    S.WeightsVersionKey.set(x.s, 1, key0)
    S.WeightsVersionKey.set(x.s, 2, key1)
    x.setWeights(hot, 1, [0], [1], key0)
    x.setWeights(hot, 2, [0], [1], key1)
    x.setWeights(hot, 1, [0], [1], key1)
    expect(x.setWeightsFails(hot, 2, [0], [1], key0)).toEqual(E.IncorrectWeightVersionKey().error)
  })

  it('test_weights_err_setting_weights_too_fast', () => {
    const x = new Ext(0)
    const hot = u256(55)
    x.addNetworkDisableCommitReveal(NET, 13)
    S.MaxAllowedUids.set(x.s, NET, 3)
    x.registerOkNeuron(NET, hot, u256(66))
    x.registerOkNeuron(NET, u256(1), u256(1))
    x.registerOkNeuron(NET, u256(2), u256(2))
    x.setPermit(NET, x.uid(NET, hot))
    x.stake(NET, hot, u256(66), 1n)
    S.WeightsSetRateLimit.set(x.s, NET, 10n)
    x.setWeights(hot, NET, [1, 2], [1, 2])
    x.runToBlock(1)
    for (let i = 1; i < 100; i++) {
      if (i % 10 === 1) x.setWeights(hot, NET, [1, 2], [1, 2])
      else expect(x.setWeightsFails(hot, NET, [1, 2], [1, 2])).toEqual(E.SettingWeightsTooFast().error)
      x.runToBlock(i + 1)
    }
  })

  it('test_weights_err_weights_vec_not_equal_size', () => {
    const x = new Ext(0)
    x.addNetwork(NET, 13)
    x.registerOkNeuron(NET, u256(55), u256(66))
    x.setPermit(NET, x.uid(NET, u256(55)))
    expect(x.commitRevealSetWeights(u256(55), NET, [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5], SALT)).toEqual(E.WeightVecNotEqualSize().error)
  })

  it('test_weights_err_has_duplicate_ids', () => {
    const x = new Ext(0)
    const hot = u256(666)
    x.addNetwork(NET, 13)
    S.StakeThreshold.set(x.s, 0n)
    S.MaxAllowedUids.set(x.s, NET, 100)
    x.registerOkNeuron(NET, hot, u256(77))
    x.setPermit(NET, x.uid(NET, hot))
    x.stake(NET, hot, u256(77), 1n)
    for (const k of [1, 2, 3]) x.registerOkNeuron(NET, u256(k), u256(1))
    expect(S.SubnetworkN.get(x.s, NET)).toBe(4)
    expect(x.commitRevealSetWeights(hot, NET, [1, 1, 1], [1, 2, 3], SALT)).toEqual(E.DuplicateUids().error)
  })

  it('test_no_signature', () => {
    const x = new Ext(0)
    S.CommitRevealWeightsEnabled.set(x.s, 1, false)
    expect(x.fails('set_weights', NONE, { netuid: 1, dests: [], weights: [], version_key: 0n })).toEqual({ type: 'BadOrigin' })
  })

  it('test_set_weights_err_not_active', () => {
    const x = new Ext(0)
    x.addNetwork(NET, 13)
    x.registerOkNeuron(NET, u256(666), u256(2))
    expect(x.commitRevealSetWeights(u256(1), NET, [0], [1], SALT)).toEqual(E.HotKeyNotRegisteredInSubNet().error)
  })

  it('test_set_weights_err_invalid_uid', () => {
    const x = new Ext(0)
    const hot = u256(55)
    x.addNetwork(NET, 13)
    x.registerOkNeuron(NET, hot, u256(66))
    S.StakeThreshold.set(x.s, 0n)
    x.setPermit(NET, x.uid(NET, hot))
    x.stake(NET, hot, u256(66), 1n)
    expect(x.commitRevealSetWeights(hot, NET, [9999], [88], SALT)).toEqual(E.UidVecContainInvalidOne().error)
  })

  it('test_set_weight_not_enough_values', () => {
    const x = new Ext(0)
    const hot = u256(1)
    x.addNetworkDisableCommitReveal(NET, 13)
    x.registerOkNeuron(NET, hot, u256(2))
    x.setPermit(NET, x.uid(NET, hot))
    x.stake(NET, hot, u256(2), 1n)
    x.registerOkNeuron(NET, u256(3), u256(4))
    S.MinAllowedWeights.set(x.s, NET, 2)
    expect(x.setWeightsFails(hot, NET, [1], [88])).toEqual(E.WeightVecLengthIsLow().error)
    x.setWeights(hot, NET, [0], [88])
    S.MinAllowedWeights.set(x.s, NET, 1)
    expect(x.commitRevealSetWeights(hot, NET, [0, 1], [10, 10], SALT)).toBeNull()
  })

  it('test_set_weight_too_many_uids', () => {
    const x = new Ext(0)
    x.addNetworkDisableCommitReveal(NET, 13)
    x.registerOkNeuron(NET, u256(1), u256(2))
    x.setPermit(NET, x.uid(NET, u256(1)))
    x.registerOkNeuron(NET, u256(3), u256(4))
    S.MinAllowedWeights.set(x.s, NET, 2)
    expect(x.setWeightsFails(u256(1), NET, [0, 1, 2, 3, 4], [88, 102, 303, 1212, 11])).toEqual(E.UidsLengthExceedUidsInSubNet().error)
    x.setWeights(u256(1), NET, [0, 1], [10, 10])
  })

  it('test_set_weights_sum_larger_than_u16_max', () => {
    const x = new Ext(0)
    x.addNetwork(NET, 13)
    x.registerOkNeuron(NET, u256(1), u256(2))
    const uid = x.uid(NET, u256(1))
    S.StakeThreshold.set(x.s, 0n)
    x.setPermit(NET, uid)
    x.stake(NET, u256(1), u256(2), 1n)
    x.registerOkNeuron(NET, u256(3), u256(4))
    S.MinAllowedWeights.set(x.s, NET, 2)
    expect(x.commitRevealSetWeights(u256(1), NET, [0, 1], [65535, 65535], SALT)).toBeNull()
    expect(S.Weights.get(x.s, NET, uid)).toEqual([[0, 65535], [1, 65535]])
  })
})

describe('tests/weights.rs: the check helpers', () => {
  it('test_check_length_allows_singleton', () => {
    const x = new Ext(0)
    S.MinAllowedWeights.set(x.s, NET, 1)
    expect(checkLength(x.s, NET, 1, [1], [1])).toBe(true)
  })

  it('test_check_length_weights_length_exceeds_min_allowed', () => {
    const x = new Ext(0)
    S.MinAllowedWeights.set(x.s, NET, 3)
    expect(checkLength(x.s, NET, 1, [1, 2, 3], [1, 2, 3])).toBe(true)
  })

  it('test_check_length_to_few_weights', () => {
    const x = new Ext(0)
    x.addNetwork(NET, 1)
    for (let k = 1; k <= 7; k++) x.registerOkNeuron(NET, u256(k), u256(k))
    S.MinAllowedWeights.set(x.s, NET, 3)
    expect(checkLength(x.s, NET, 1, [1, 2], [1, 2])).toBe(false)
  })

  it('test_max_weight_limited_allow_self_weights_to_exceed_max_weight_limit', () => {
    const x = new Ext(0)
    expect(maxWeightLimited(x.s, NET, 1, [1], [0])).toBe(true)
  })

  it('test_max_weight_limited_when_weight_limit_is_u16_max', () => {
    const x = new Ext(0)
    expect(maxWeightLimited(x.s, NET, 1, [1, 2, 3], [65535, 65535, 65535])).toBe(true)
  })

  it('test_get_max_weight_limit_is_constant', () => {
    const x = new Ext(0)
    // The MaxWeightsLimit item no longer counts, whatever it holds.
    S.MaxWeightsLimit.set(x.s, 1, 100)
    expect(getMaxWeightLimit(1)).toBe(65535)
    expect(getMaxWeightLimit(0)).toBe(65535)
    expect(maxWeightLimited(x.s, 1, 0, [1, 2], [65535, 1])).toBe(true)
  })

  it('test_is_self_weight_weights_length_not_one', () => {
    expect(isSelfWeight(1, [1, 2, 3], [1, 2, 3])).toBe(false)
  })
  it('test_is_self_weight_uid_not_in_uids', () => {
    expect(isSelfWeight(2, [1, 2, 3], [0])).toBe(false)
  })
  it('test_is_self_weight_uid_in_uids', () => {
    expect(isSelfWeight(1, [1], [0])).toBe(true)
  })

  for (const [test, extra, expected] of [
    ['test_check_len_uids_within_allowed_within_network_pool', 0, true],
    ['test_check_len_uids_within_allowed_not_within_network_pool', 1, false],
  ] as const) {
    it(test, () => {
      const x = new Ext(0)
      x.addNetwork(NET, 13)
      for (const k of [1, 3, 5]) x.registerOkNeuron(NET, u256(k), u256(k))
      const n = S.SubnetworkN.get(x.s, NET)
      S.MaxAllowedUids.set(x.s, NET, n)
      expect(checkLenUidsWithinAllowed(x.s, NET, Array.from({ length: n + extra }, (_, i) => i))).toBe(expected)
    })
  }
})

describe('tests/weights.rs: the subnet owner', () => {
  it('test_subnet_owner_can_validate_without_stake_or_manual_permit', () => {
    const x = new Ext(0)
    const [ownerHot, ownerCold, otherHot, otherCold] = [u256(10), u256(11), u256(20), u256(21)]
    // add_dynamic_network_disable_commit_reveal: register_network by the owner's coldkey
    S.NetworkMinLockCost.set(x.s, 100_000_000_000n)
    S.NetworkLastLockCost.set(x.s, 100_000_000_000n)
    S.NetworkRateLimit.set(x.s, 0n)
    const netuid = nextNetuid(x.s)
    const lock = networkLockCost(x.s)
    mint(x.s, x.env, ownerCold, lock + EXISTENTIAL_DEPOSIT)
    x.call('register_network', signed(ownerCold), { hotkey: ownerHot })
    S.NetworkRegistrationAllowed.set(x.s, netuid, true)
    S.FirstEmissionBlockNumber.set(x.s, netuid, 0n)
    S.SubtokenEnabled.set(x.s, netuid, true)
    S.CommitRevealWeightsEnabled.set(x.s, netuid, false)
    S.MinAllowedWeights.set(x.s, netuid, 0)
    // remove_owner_registration_stake
    const ownerStake = getStakeForHotkeyAndColdkeyOnSubnet(x.s, ownerHot, ownerCold, netuid)
    if (ownerStake > 0n) {
      decreaseStakeForHotkeyAndColdkeyOnSubnet(x.s, ownerHot, ownerCold, netuid, ownerStake)
      S.SubnetAlphaOut.mutate(x.s, netuid, (v) => v - ownerStake)
    }
    x.registerOkNeuron(netuid, otherHot, otherCold)
    x.stake(netuid, otherHot, otherCold, 1n)
    const ownerUidV = ownerUid(x.s, netuid) as number
    expect(x.uid(netuid, ownerHot)).toBe(ownerUidV)
    const otherUid = x.uid(netuid, otherHot)
    expect(getStakeWeightsForHotkeyOnSubnet(x.s, ownerHot, netuid)[0]).toBeLessThan(getStakeWeightsForHotkeyOnSubnet(x.s, otherHot, netuid)[0])
    S.StakeThreshold.set(x.s, 1n)
    expect(checkWeightsMinStake(x.s, otherHot, netuid)).toBe(true)
    S.ValidatorPermit.set(x.s, netuid, [false, false])
    expect(checkValidatorPermit(x.s, netuid, otherUid, [ownerUidV], [1])).toBe(false)
    expect(x.setWeightsFails(otherHot, netuid, [ownerUidV], [1])).toEqual(E.NeuronNoValidatorPermit().error)
    expect(checkWeightsMinStake(x.s, ownerHot, netuid)).toBe(true)
    expect(checkValidatorPermit(x.s, netuid, ownerUidV, [otherUid], [1])).toBe(true)
    x.setWeights(ownerHot, netuid, [otherUid], [1])
    x.stepEpochs(1, netuid)
    expect(S.ValidatorPermit.get(x.s, netuid)[ownerUidV]).toBe(true)
    expect(S.ValidatorPermit.get(x.s, netuid)[otherUid]).toBe(true)
  })
})

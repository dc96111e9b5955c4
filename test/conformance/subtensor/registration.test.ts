// Port of subtensor v3.3.13 pallets/subtensor/src/tests/registration.rs: the proof-of-work and
// slot/pruning cases (its burned_register cases are in registration-burned.test.ts).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S, validateSubtensorCall } from '../../../src/pallets/subtensor/index.js'
import { neuronIsImmune, neuronToPrune } from '../../../src/pallets/subtensor/subnets/registration.js'
import { callHandler, errorOf, failsUntouched, moduleError, NONE, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const SUBTENSOR = 7
const err = (name: string): unknown => moduleError(SUBTENSOR, ERRORS.indexOf(name))
const ERRORS = ['RootNetworkDoesNotExist', 'InvalidIpType', 'InvalidIpAddress', 'InvalidPort', 'HotKeyNotRegisteredInSubNet',
  'HotKeyAccountNotExists', 'HotKeyNotRegisteredInNetwork', 'NonAssociatedColdKey', 'NotEnoughStake', 'NotEnoughStakeToWithdraw',
  'NotEnoughStakeToSetWeights', 'NotEnoughStakeToSetChildkeys', 'NotEnoughBalanceToStake', 'BalanceWithdrawalError',
  'ZeroBalanceAfterWithdrawn', 'NeuronNoValidatorPermit', 'WeightVecNotEqualSize', 'DuplicateUids', 'UidVecContainInvalidOne',
  'WeightVecLengthIsLow', 'TooManyRegistrationsThisBlock', 'HotKeyAlreadyRegisteredInSubNet', 'NewHotKeyIsSameWithOld',
  'NewHotKeyNotCleanForRootSwap', 'InvalidWorkBlock', 'InvalidDifficulty', 'InvalidSeal', 'MaxWeightExceeded',
  'HotKeyAlreadyDelegate', 'SettingWeightsTooFast', 'IncorrectWeightVersionKey', 'ServingRateLimitExceeded',
  'UidsLengthExceedUidsInSubNet', 'NetworkTxRateLimitExceeded', 'DelegateTxRateLimitExceeded', 'HotKeySetTxRateLimitExceeded',
  'StakingRateLimitExceeded', 'SubNetRegistrationDisabled', 'TooManyRegistrationsThisInterval', 'TransactorAccountShouldBeHotKey',
  'FaucetDisabled', 'NotSubnetOwner', 'RegistrationNotPermittedOnRootSubnet', 'StakeTooLowForRoot', 'AllNetworksInImmunity',
  'NotEnoughBalanceToPaySwapHotKey', 'NotRootSubnet', 'CanNotSetRootNetworkWeights', 'NoNeuronIdAvailable']

/** A register call that must fail with `name` and leave every key untouched. */
function failsWith(m: Mock, name: string, fn: () => void): void {
  expect(errorOf(failsUntouched(m.s, fn))).toEqual(err(name))
}

describe('tests/registration.rs (v3.3.13): proof of work', () => {
  it('test_registration_difficulty', () => {
    const m = new Mock()
    expect(S.Difficulty.get(m.s, 1)).toBe(10000n)
  })

  it('test_registration_invalid_seal_hotkey', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 0n, u256(1))
    const w2 = m.work(1, 0n, 0n, u256(1))
    m.addNetwork(1, 13)
    m.register(1, u256(1), u256(667), { block: 0n, ...w })
    failsWith(m, 'InvalidSeal', () => m.register(1, u256(2), u256(667), { block: 0n, ...w2 }))
  })

  it('test_registration_ok', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 129123813n, u256(1))
    m.addNetwork(1, 13)
    m.register(1, u256(1), u256(667), { block: 0n, ...w })
    expect(S.SubnetworkN.get(m.s, 1)).toBe(1)
    expect(S.Owner.get(m.s, u256(1))).toEqual(u256(667))
    expect(S.Uids.get(m.s, 1, u256(1))).toBe(0)
    expect(S.UsedWork.get(m.s, w.work)).toBe(1n)
    expect(S.POWRegistrationsThisInterval.get(m.s, 1)).toBe(1)
  })

  it('test_registration_without_neuron_slot', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 129123813n, u256(1))
    m.addNetwork(1, 13)
    S.MaxAllowedUids.set(m.s, 1, 0)
    failsWith(m, 'NoNeuronIdAvailable', () => m.register(1, u256(1), u256(667), { block: 0n, ...w }))
  })

  it('test_registration_under_limit / test_registration_rate_limit_exceeded (SubtensorTransactionExtension)', () => {
    const m = new Mock()
    const call = (netuid: number) => ({ type: 'SubtensorModule', value: { type: 'register', value: { netuid } } })
    S.TargetRegistrationsPerInterval.set(m.s, 1, 2)
    expect(validateSubtensorCall(m.s, u256(1), call(1))).toBeNull()
    S.TargetRegistrationsPerInterval.set(m.s, 1, 1)
    S.RegistrationsThisInterval.set(m.s, 1, 3)
    // CustomTransactionError::RateLimitExceeded = 6
    expect(validateSubtensorCall(m.s, u256(1), call(1))).toBe(6)
  })

  it('test_registration_too_many_registrations_per_block', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    S.MaxRegistrationsPerBlock.set(m.s, 1, 10)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 10)
    const starts = [3942084n, 11231312312n, 212312414n, 21813123n, 148141209n, 1245235534n, 14123123n, 123123123n, 1234234n, 123123123n, 56756756n]
    const works = starts.map((n, i) => m.work(1, 0n, n, u256(i)))
    for (let i = 0; i < 10; i++) {
      m.register(1, u256(i), u256(i), { block: 0n, ...works[i]! })
      expect(S.RegistrationsThisBlock.get(m.s, 1)).toBe(i + 1)
    }
    failsWith(m, 'TooManyRegistrationsThisBlock', () => m.register(1, u256(10), u256(10), { block: 0n, ...works[10]! }))
  })

  it('test_registration_too_many_registrations_per_interval', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    S.MaxRegistrationsPerBlock.set(m.s, 1, 11)
    S.TargetRegistrationsPerInterval.set(m.s, 1, 3)
    const starts = [3942084n, 11231312312n, 212312414n, 21813123n, 148141209n, 1245235534n, 14123123n, 123123123n, 1234234n, 123123123n]
    const works = starts.map((n, i) => m.work(1, 0n, n, u256(i)))
    for (let i = 0; i < 9; i++) {
      m.register(1, u256(i), u256(i), { block: 0n, ...works[i]! })
      expect(S.RegistrationsThisInterval.get(m.s, 1)).toBe(i + 1)
    }
    failsWith(m, 'TooManyRegistrationsThisInterval', () => m.register(1, u256(9), u256(9), { block: 0n, ...works[9]! }))
  })

  it('test_registration_already_active_hotkey', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 0n, u256(1))
    m.addNetwork(1, 13)
    m.register(1, u256(1), u256(667), { block: 0n, ...w })
    failsWith(m, 'HotKeyAlreadyRegisteredInSubNet', () => m.register(1, u256(1), u256(667), { block: 0n, ...m.work(1, 0n, 0n, u256(1)) }))
  })

  it('test_registration_invalid_seal', () => {
    const m = new Mock()
    const w = m.work(1, 1n, 0n, u256(1))
    m.addNetwork(1, 13)
    // sealed over block 1's hash (not known yet: zero) but claims block 0 (0x45…45)
    failsWith(m, 'InvalidSeal', () => m.register(1, u256(1), u256(667), { block: 0n, ...w }))
  })

  it('test_registration_invalid_block_number', () => {
    const m = new Mock()
    m.setBlockNumber(0)
    const w = m.work(1, 1n, 0n, u256(1))
    m.addNetwork(1, 13)
    failsWith(m, 'InvalidWorkBlock', () => m.register(1, u256(1), u256(667), { block: 1n, ...w }))
  })

  it('test_registration_invalid_difficulty', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 0n, u256(1))
    m.addNetwork(1, 13)
    S.Difficulty.set(m.s, 1, (1n << 64n) - 1n)
    failsWith(m, 'InvalidDifficulty', () => m.register(1, u256(1), u256(667), { block: 0n, ...w }))
  })

  it('test_registration_failed_no_signature', () => {
    const m = new Mock()
    const w = m.work(1, 1n, 0n, u256(1))
    const e = failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'register', NONE, {
      netuid: 1, block_number: 1n, nonce: w.nonce, work: w.work, hotkey: u256(1), coldkey: u256(667),
    }))
    expect(errorOf(e)).toEqual({ type: 'BadOrigin' })
  })

  it('test_registration_origin_hotkey_mismatch', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 0n, u256(1))
    m.addNetwork(1, 13)
    failsWith(m, 'TransactorAccountShouldBeHotKey', () => m.register(1, u256(2), u256(668), { block: 0n, ...w, origin: u256(1) }))
  })

  it('test_registration_disabled', () => {
    const m = new Mock()
    const w = m.work(1, 0n, 0n, u256(1))
    m.addNetwork(1, 13)
    S.NetworkRegistrationAllowed.set(m.s, 1, false)
    S.NetworkPowRegistrationAllowed.set(m.s, 1, false)
    failsWith(m, 'SubNetRegistrationDisabled', () => m.register(1, u256(1), u256(668), { block: 0n, ...w }))
  })

  it('registration on root and on a missing subnet are refused', () => {
    const m = new Mock()
    failsWith(m, 'RegistrationNotPermittedOnRootSubnet', () => m.register(0, u256(1), u256(2), { block: 0n, ...m.work(0, 0n, 0n, u256(1)) }))
    S.Difficulty.set(m.s, 9, 1n)
    expect(errorOf(failsUntouched(m.s, () => m.register(9, u256(1), u256(2), { block: 0n, ...m.work(9, 0n, 0n, u256(1)) }))))
      .toEqual(moduleError(SUBTENSOR, 76)) // SubnetNotExists
  })

  it('a coldkey that does not own an already-owned hotkey is refused (NonAssociatedColdKey)', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    S.Owner.set(m.s, u256(1), u256(5))
    failsWith(m, 'NonAssociatedColdKey', () => m.register(1, u256(1), u256(667), { block: 0n, ...m.work(1, 0n, 0n, u256(1)) }))
  })
})

describe('tests/registration.rs (v3.3.13): pruning', () => {
  it('test_registration_get_uid_to_prune_all_in_immunity_period', () => {
    const m = new Mock()
    m.setBlockNumber(0)
    m.addNetwork(1, 1)
    S.MinNonImmuneUids.set(m.s, 1, 0)
    S.ImmuneOwnerUidsLimit.set(m.s, 1, 0)
    S.SubnetOwner.set(m.s, 1, u256(999_999))
    m.registerOk(1, u256(0), u256(0), 39420842)
    m.registerOk(1, u256(1), u256(1), 12412392)
    S.ImmunityPeriod.set(m.s, 1, 2)
    expect(S.BlockAtRegistration.get(m.s, 1, 0)).toBe(0n)
    S.Emission.set(m.s, 1, [100n, 110n])
    expect(neuronToPrune(m.s, 1)).toBe(0)
  })

  it('test_registration_get_uid_to_prune_none_in_immunity_period', () => {
    const m = new Mock()
    m.setBlockNumber(0)
    m.addNetwork(1, 1)
    S.MinNonImmuneUids.set(m.s, 1, 0)
    S.ImmuneOwnerUidsLimit.set(m.s, 1, 0)
    S.SubnetOwner.set(m.s, 1, u256(999_999))
    m.registerOk(1, u256(0), u256(0), 39420842)
    m.registerOk(1, u256(1), u256(1), 12412392)
    S.ImmunityPeriod.set(m.s, 1, 2)
    m.stepBlock(3)
    expect(m.block).toBe(3)
    S.Emission.set(m.s, 1, [100n, 110n])
    expect(neuronToPrune(m.s, 1)).toBe(0)
  })

  it('test_registration_get_uid_to_prune_owner_immortality', () => {
    for (const [limit, uidToPrune] of [[1, 1], [2, 2]] as const) {
      const m = new Mock()
      const [ownerCk, ownerHk, otherOwnerHk, nonOwnerHk] = [u256(0), u256(1), u256(2), u256(3)]
      S.Owner.set(m.s, otherOwnerHk, ownerCk)
      S.OwnedHotkeys.set(m.s, ownerCk, [ownerHk, otherOwnerHk])
      m.addDynamicNetwork(2, ownerHk, ownerCk)
      S.OwnedHotkeys.set(m.s, ownerCk, [ownerHk, otherOwnerHk])
      S.BlockAtRegistration.set(m.s, 2, 1, 1n)
      S.BlockAtRegistration.set(m.s, 2, 2, 2n)
      S.Uids.set(m.s, 2, otherOwnerHk, 1)
      S.Uids.set(m.s, 2, nonOwnerHk, 2)
      S.Keys.set(m.s, 2, 1, otherOwnerHk)
      S.Keys.set(m.s, 2, 2, nonOwnerHk)
      S.ImmunityPeriod.set(m.s, 2, 1)
      S.SubnetworkN.set(m.s, 2, 3)
      S.MinNonImmuneUids.set(m.s, 2, 0)
      m.stepBlock(10)
      S.ImmuneOwnerUidsLimit.set(m.s, 2, limit)
      S.Emission.set(m.s, 2, [0n, 0n, 1n])
      expect(neuronToPrune(m.s, 2)).toBe(uidToPrune)
    }
  })

  it('test_registration_get_uid_to_prune_owner_immortality_all_immune', () => {
    const m = new Mock()
    const [ownerCk, ownerHk, otherOwnerHk, nonOwnerHk] = [u256(0), u256(1), u256(2), u256(3)]
    S.Owner.set(m.s, otherOwnerHk, ownerCk)
    m.addDynamicNetwork(2, ownerHk, ownerCk)
    S.OwnedHotkeys.set(m.s, ownerCk, [ownerHk, otherOwnerHk])
    S.BlockAtRegistration.set(m.s, 2, 0, 12n)
    S.BlockAtRegistration.set(m.s, 2, 1, 11n)
    S.BlockAtRegistration.set(m.s, 2, 2, 10n)
    S.Uids.set(m.s, 2, otherOwnerHk, 1)
    S.Uids.set(m.s, 2, nonOwnerHk, 2)
    S.Keys.set(m.s, 2, 1, otherOwnerHk)
    S.Keys.set(m.s, 2, 2, nonOwnerHk)
    S.ImmunityPeriod.set(m.s, 2, 100)
    S.SubnetworkN.set(m.s, 2, 3)
    S.MinNonImmuneUids.set(m.s, 2, 0)
    m.stepBlock(20)
    S.ImmuneOwnerUidsLimit.set(m.s, 2, 2)
    S.Emission.set(m.s, 2, [0n, 0n, 1n])
    expect(neuronToPrune(m.s, 2)).toBe(2)
  })

  it('test_registration_pruning', () => {
    const m = new Mock()
    const netuid = 5
    m.addNetwork(netuid, 10_000)
    S.ImmuneOwnerUidsLimit.set(m.s, netuid, 0)
    S.MaxRegistrationsPerBlock.set(m.s, netuid, 1024)
    S.TargetRegistrationsPerInterval.set(m.s, netuid, 0xffff)
    S.MaxAllowedUids.set(m.s, netuid, 3)
    const cold = [u256(20_001), u256(20_002), u256(20_003)]
    const hot = [u256(30_001), u256(30_002), u256(30_003)]
    for (let i = 0; i < 3; i++) m.registerOk(netuid, hot[i]!, cold[i]!, 0)
    expect([0, 1, 2].map((i) => S.Uids.get(m.s, netuid, hot[i]!))).toEqual([0, 1, 2])
    m.setBlockNumber(1000)
    S.ImmunityPeriod.set(m.s, netuid, 100)
    S.BlockAtRegistration.set(m.s, netuid, 0, 850n)
    S.BlockAtRegistration.set(m.s, netuid, 1, 800n)
    S.BlockAtRegistration.set(m.s, netuid, 2, 990n)
    expect([0, 1, 2].map((u) => neuronIsImmune(m.s, netuid, u))).toEqual([false, false, true])
    S.Emission.set(m.s, netuid, [10n, 10n, 1n])
    S.MinNonImmuneUids.set(m.s, netuid, 0)
    // emissions tie: the oldest non-immune neuron, though an immune one earns less
    expect(neuronToPrune(m.s, netuid)).toBe(1)
    m.registerOk(netuid, u256(40_000), u256(50_000), 0)
    expect(S.SubnetworkN.get(m.s, netuid)).toBe(3)
    expect(S.Uids.get(m.s, netuid, hot[1]!)).toBeNull()
    expect(S.Uids.get(m.s, netuid, u256(40_000))).toBe(1)
    expect(S.Uids.get(m.s, netuid, hot[0]!)).toBe(0)
    expect(S.Uids.get(m.s, netuid, hot[2]!)).toBe(2)
  })
})

describe('tests/registration.rs (v3.3.13): three subnets', () => {
  it('test_full_pass_through', () => {
    const m = new Mock()
    const nets = [1, 2, 3]
    const [h0, h1, h2] = [u256(0), u256(1), u256(2)]
    for (const n of nets) m.addNetwork(n, 2)
    for (const n of nets) S.SubnetOwner.set(m.s, n, u256(99_999))
    for (const n of nets) expect(S.Tempo.get(m.s, n)).toBe(2)
    for (const n of nets) S.MaxAllowedUids.set(m.s, n, 2)
    for (const n of nets) expect(S.MaxAllowedUids.get(m.s, n)).toBe(2)
    for (const n of nets) S.MaxRegistrationsPerBlock.set(m.s, n, 3)
    for (const n of nets) expect(S.MaxRegistrationsPerBlock.get(m.s, n)).toBe(3)
    for (const n of nets) expect(S.SubnetworkN.get(m.s, n)).toBe(0)
    const hotkeyAt = (n: number, uid: number) => S.Keys.get(m.s, n, uid)
    const uidExists = (n: number, uid: number) => S.Keys.contains(m.s, n, uid)

    m.registerOk(1, h0, u256(0), 39420842)
    m.registerOk(1, h1, u256(1), 12412392)
    m.registerOk(2, h0, u256(0), 21813123)
    m.registerOk(2, h1, u256(1), 25755207)
    m.registerOk(3, h0, u256(0), 251232207)
    m.registerOk(3, h1, u256(1), 159184122)
    for (const n of nets) {
      expect(hotkeyAt(n, 0)).toEqual(h0)
      expect(hotkeyAt(n, 1)).toEqual(h1)
      expect(S.RegistrationsThisInterval.get(m.s, n)).toBe(2)
      expect(S.SubnetworkN.get(m.s, n)).toBe(2)
      expect(uidExists(n, 0)).toBe(true)
      expect(uidExists(n, 1)).toBe(true)
    }

    // a third hotkey on full subnets replaces uid 0 (pruning), the size stays 2
    m.registerOk(1, h2, u256(2), 59420842)
    m.registerOk(2, h2, u256(2), 31813123)
    m.registerOk(3, h2, u256(2), 451232207)
    for (const n of nets) {
      expect(S.SubnetworkN.get(m.s, n)).toBe(2)
      expect(hotkeyAt(n, 0)).toEqual(h2)
      expect(hotkeyAt(n, 1)).toEqual(h1)
      expect(S.RegistrationsThisInterval.get(m.s, n)).toBe(3)
    }
  })
})

describe('registration.rs: faucet (pow-faucet builds)', () => {
  it('refuses a stale block and a seal below difficulty 1,000,000; mints 1,000 TAO into the coldkey', async () => {
    const { mintAndSpend } = await import('../../../src/pallets/subtensor/coinbase/tao.js')
    const { freeBalance, totalIssuance } = await import('../../../src/pallets/balances/index.js')
    const m = new Mock()
    const args = (block: bigint) => ({ block_number: block, nonce: 0n, work: new Uint8Array(32).fill(0xff) })
    m.stepBlock(5)
    expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'faucet', signed(u256(1)), args(1n))))).toEqual(err('InvalidWorkBlock'))
    expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'faucet', signed(u256(1)), args(5n))))).toEqual(err('InvalidDifficulty'))
    const before = totalIssuance(m.s)
    mintAndSpend(m.s, { depositEvent: (e) => m.env.depositEvent(e) }, u256(1), 1_000_000_000_000n)
    expect(freeBalance(m.s, u256(1))).toBe(1_000_000_000_000n)
    expect(totalIssuance(m.s)).toBe(before + 1_000_000_000_000n)
    expect(S.TotalIssuance.get(m.s)).toBe(1_000_000_000_000n)
  })
})

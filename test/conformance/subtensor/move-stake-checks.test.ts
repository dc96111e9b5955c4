// Ports of subtensor's tests/move_stake.rs (HEAD 14bc6f9): the transfer_stake and swap_stake
// checks (missing subnet or hotkey, a signer without stake, the minimum stake, an amount over the
// stake clamped to it) on the HEAD mock.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import { DEFAULT_MIN_STAKE, maxPrice, stakeIntoSubnet } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { signed } from '../../../src/pallets/test-utils.js'
import { addDynamicNetwork, newTestExt, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, noop, sub } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const E = (name: string) => `SubtensorModule.${name}`
const [ownerCold, ownerHot] = [u256(1001), u256(1002)]
const transfer = (e: Ext, from: Uint8Array, to: Uint8Array, hot: Uint8Array, netuid: number, alpha: bigint) =>
  sub(e, from, 'transfer_stake', { destination_coldkey: to, hotkey: hot, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: alpha })
const swap = (e: Ext, cold: Uint8Array, hot: Uint8Array, from: number, to: number, alpha: bigint) =>
  sub(e, cold, 'swap_stake', { hotkey: hot, origin_netuid: from, destination_netuid: to, alpha_amount: alpha })
/** `add_balance_to_coldkey_account` + `stake_into_subnet` at the max price. */
function stakeInto(e: Ext, hot: Uint8Array, cold: Uint8Array, netuid: number, tao: bigint): bigint {
  createAccountIfNonExistent(e.s, cold, hot)
  addBalance(e, cold, tao)
  return stakeIntoSubnet({ origin: signed(cold), s: e.s, env: e.env }, hot, cold, netuid, tao, maxPrice(), false)
}

describe('tests/move_stake.rs: transfer_stake', () => {
  const [from, to, hot] = [u256(1), u256(2), u256(3)]

  it('test_do_transfer_nonexistent_subnet', () => {
    const e = newTestExt(1)
    noop(e, () => transfer(e, from, to, hot, 9999, DEFAULT_MIN_STAKE * 5n), E('SubnetNotExists'))
  })

  it('test_do_transfer_nonexistent_hotkey', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    noop(e, () => transfer(e, from, to, u256(999), netuid, 100n), E('HotKeyAccountNotExists'))
  })

  it('test_do_transfer_insufficient_stake (the amount is clamped to the stake)', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    const amount = DEFAULT_MIN_STAKE * 10n
    const alpha = stakeInto(e, hot, from, netuid, amount)
    transfer(e, from, to, hot, netuid, amount * 2n)
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, from, netuid)).toBe(0n)
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, to, netuid)).toBe(alpha)
  })

  it('test_do_transfer_wrong_origin', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(1011), u256(1010))
    const amount = DEFAULT_MIN_STAKE * 10n
    stakeInto(e, hot, from, netuid, amount)
    noop(e, () => transfer(e, u256(9999), to, hot, netuid, amount), E('AmountTooLow'))
  })

  it('test_do_transfer_minimum_stake_check', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, ownerHot, ownerCold)
    stakeInto(e, hot, from, netuid, DEFAULT_MIN_STAKE)
    noop(e, () => transfer(e, from, to, hot, netuid, 1n), E('AmountTooLow'))
  })
})

describe('tests/move_stake.rs: swap_stake', () => {
  const [cold, hot] = [u256(1), u256(2)]

  it('test_do_swap_nonexistent_subnet', () => {
    const e = newTestExt(1)
    createAccountIfNonExistent(e.s, cold, hot)
    noop(e, () => swap(e, cold, hot, 9998, 9999, 1_000_000n), E('SubnetNotExists'))
  })

  it('test_do_swap_nonexistent_hotkey', () => {
    const e = newTestExt(1)
    const n1 = addDynamicNetwork(e, ownerHot, ownerCold)
    const n2 = addDynamicNetwork(e, ownerHot, ownerCold)
    noop(e, () => swap(e, cold, u256(999), n1, n2, 10_000n), E('HotKeyAccountNotExists'))
  })

  it('test_do_swap_insufficient_stake (the amount is clamped to the stake)', () => {
    const e = newTestExt(1)
    const n1 = addDynamicNetwork(e, ownerHot, ownerCold)
    const n2 = addDynamicNetwork(e, ownerHot, ownerCold)
    const amount = DEFAULT_MIN_STAKE * 5n
    stakeInto(e, hot, cold, n1, amount)
    swap(e, cold, hot, n1, n2, amount * 2n)
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, n1)).toBe(0n)
    expect(L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, n2)).toBeGreaterThan(0n)
  })

  it('test_do_swap_wrong_origin', () => {
    const e = newTestExt(1)
    const n1 = addDynamicNetwork(e, u256(1011), u256(1010))
    const n2 = addDynamicNetwork(e, u256(1011), u256(1010))
    stakeInto(e, u256(3), cold, n1, 100_000n)
    noop(e, () => swap(e, u256(9999), u256(3), n1, n2, 100_000n), E('AmountTooLow'))
  })

  it('test_do_swap_minimum_stake_check', () => {
    const e = newTestExt(1)
    const n1 = addDynamicNetwork(e, ownerHot, ownerCold)
    const n2 = addDynamicNetwork(e, ownerHot, ownerCold)
    stakeInto(e, u256(3), cold, n1, DEFAULT_MIN_STAKE)
    noop(e, () => swap(e, cold, u256(3), n1, n2, 1n), E('AmountTooLow'))
  })
})

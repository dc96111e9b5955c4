// Port of subtensor pallets/subtensor/src/tests/move_stake.rs (HEAD 14bc6f9): move_stake,
// transfer_stake and swap_stake — amounts clamped to the stake held, the chain's errors, nothing
// changed on refusal. (mock.rs's add_dynamic_network: a subnet registered by its owner, started,
// registration allowed; the accounts carry the emulator's existential deposit on top.)
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import { nextNetuid } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { DEFAULT_MIN_STAKE, maxPrice, stakeIntoSubnet } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import { getStakeForHotkeyAndColdkeyOnSubnet as stakeOf } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callValue, failsUntouched, newStore, signed, startBlock, type TestEnv } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const u256 = (n: number): Uint8Array => { const o = new Uint8Array(32); let v = n; for (let i = 0; v > 0; i++) { o[i] = v & 0xff; v = Math.floor(v / 256) } return o }
interface M { s: Overlay; env: TestEnv }
const sink = (m: M) => ({ depositEvent: (e: Uint8Array) => m.env.depositEvent(e) })
const addBalance = (m: M, who: Uint8Array, amount: bigint) => mint(m.s, sink(m), who, amount + EXISTENTIAL_DEPOSIT)

function ext(): M {
  const s = newStore()
  subtensorPallet()
  const env = startBlock(s, 1)
  S.NetworkRateLimit.set(s, 0n)
  return { s, env }
}
/** mock.rs `add_dynamic_network`. */
function addDynamicNetwork(m: M, hot: Uint8Array, cold: Uint8Array): number {
  const netuid = nextNetuid(m.s)
  addBalance(m, cold, networkLockCost(m.s))
  const r = m.env.dispatch(callValue('SubtensorModule', 'register_network', { hotkey: hot }), signed(cold))
  if (!r.ok) throw r.error
  S.NetworkRegistrationAllowed.set(m.s, netuid, true)
  S.FirstEmissionBlockNumber.set(m.s, netuid, 0n)
  S.SubtokenEnabled.set(m.s, netuid, true)
  return netuid
}
const setupReserves = (m: M, n: number, tao: bigint, alpha: bigint) => { S.SubnetTAO.set(m.s, n, tao); S.SubnetAlphaIn.set(m.s, n, alpha) }
/** `add_balance_to_coldkey_account` + `stake_into_subnet` at the max price. */
function stakeInto(m: M, hot: Uint8Array, cold: Uint8Array, netuid: number, amount: bigint): bigint {
  addBalance(m, cold, amount)
  return stakeIntoSubnet({ origin: signed(cold), s: m.s, env: m.env }, hot, cold, netuid, amount, maxPrice(), false)
}
const run = (m: M, who: Uint8Array, name: string, args: Record<string, unknown>) => {
  const r = m.env.dispatch(callValue('SubtensorModule', name, args), signed(who))
  if (!r.ok) throw r.error
}
const noop = (m: M, fn: () => void, error: string) => expect((failsUntouched(m.s, fn) as Error).message).toBe(`SubtensorModule.${error}`)
const near = (a: bigint, b: bigint, eps: bigint) => expect(a > b ? a - b : b - a).toBeLessThanOrEqual(eps)

const [ownerCold, ownerHot] = [u256(1001), u256(1002)]
const [coldkey, originHot, destHot] = [u256(1), u256(2), u256(3)]

describe('tests/move_stake.rs', () => {
  it('test_do_move_success', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    createAccountIfNonExistent(m.s, coldkey, originHot)
    createAccountIfNonExistent(m.s, coldkey, destHot)
    stakeInto(m, originHot, coldkey, netuid, DEFAULT_MIN_STAKE * 10n)
    const alpha = stakeOf(m.s, originHot, coldkey, netuid)
    run(m, coldkey, 'move_stake', { origin_hotkey: originHot, destination_hotkey: destHot, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: alpha })
    expect(stakeOf(m.s, originHot, coldkey, netuid)).toBe(0n)
    near(stakeOf(m.s, destHot, coldkey, netuid), alpha, alpha / 1000n)
  })

  it('test_do_move_different_subnets', () => {
    const m = ext()
    const n1 = addDynamicNetwork(m, ownerHot, ownerCold)
    const dest = addDynamicNetwork(m, ownerHot, ownerCold)
    const amount = DEFAULT_MIN_STAKE * 10n
    setupReserves(m, n1, amount * 100n, amount * 100n)
    setupReserves(m, dest, amount * 100n, amount * 100n)
    createAccountIfNonExistent(m.s, coldkey, originHot)
    createAccountIfNonExistent(m.s, coldkey, destHot)
    stakeInto(m, originHot, coldkey, n1, amount)
    const alpha = stakeOf(m.s, originHot, coldkey, n1)
    run(m, coldkey, 'move_stake', { origin_hotkey: originHot, destination_hotkey: destHot, origin_netuid: n1, destination_netuid: dest, alpha_amount: alpha })
    expect(stakeOf(m.s, originHot, coldkey, n1)).toBe(0n)
    const fee = swapInterface().approxFeeAmount(m.s, dest, alpha)
    near(stakeOf(m.s, destHot, coldkey, dest), alpha - fee, alpha / 1000n)
  })

  it('test_do_move_nonexistent_subnet', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    setupReserves(m, netuid, 1_000_000_000n, 1_000_000_000n)
    stakeInto(m, originHot, coldkey, netuid, 1_000_000n)
    const alpha = stakeOf(m.s, originHot, coldkey, netuid)
    noop(m, () => run(m, coldkey, 'move_stake', { origin_hotkey: originHot, destination_hotkey: destHot, origin_netuid: netuid, destination_netuid: 99, alpha_amount: alpha }), 'SubnetNotExists')
    expect(stakeOf(m.s, originHot, coldkey, netuid)).toBe(alpha)
  })

  it('test_do_move_nonexistent_origin_hotkey', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    noop(m, () => run(m, coldkey, 'move_stake', { origin_hotkey: u256(99), destination_hotkey: destHot, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: 123n }), 'HotKeyAccountNotExists')
  })

  it('test_do_move_nonexistent_destination_hotkey', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    setupReserves(m, netuid, 1_000_000_000n, 1_000_000_000n)
    createAccountIfNonExistent(m.s, coldkey, originHot)
    const alpha = stakeInto(m, originHot, coldkey, netuid, 1_000_000n)
    noop(m, () => run(m, coldkey, 'move_stake', { origin_hotkey: originHot, destination_hotkey: u256(99), origin_netuid: netuid, destination_netuid: netuid, alpha_amount: alpha }), 'HotKeyAccountNotExists')
    expect(stakeOf(m.s, originHot, coldkey, netuid)).toBe(alpha)
  })

  it('test_do_move_same_hotkey_fails', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    createAccountIfNonExistent(m.s, coldkey, originHot)
    stakeInto(m, originHot, coldkey, netuid, DEFAULT_MIN_STAKE * 10n)
    const alpha = stakeOf(m.s, originHot, coldkey, netuid)
    noop(m, () => run(m, coldkey, 'move_stake', { origin_hotkey: originHot, destination_hotkey: originHot, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: alpha }), 'SameNetuid')
    expect(stakeOf(m.s, originHot, coldkey, netuid)).toBe(alpha)
  })

  it('test_do_transfer_success', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    const [origin, destination, hotkey] = [u256(1), u256(2), u256(3)]
    createAccountIfNonExistent(m.s, origin, hotkey)
    stakeInto(m, hotkey, origin, netuid, DEFAULT_MIN_STAKE * 10n)
    const alpha = stakeOf(m.s, hotkey, origin, netuid)
    run(m, origin, 'transfer_stake', { destination_coldkey: destination, hotkey, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: alpha })
    expect(stakeOf(m.s, hotkey, origin, netuid)).toBe(0n)
    near(stakeOf(m.s, hotkey, destination, netuid), alpha, alpha / 1000n)
  })

  it('test_do_transfer_insufficient_stake (the amount is clamped to the stake held)', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, ownerHot, ownerCold)
    const [origin, destination, hotkey] = [u256(1), u256(2), u256(3)]
    createAccountIfNonExistent(m.s, origin, hotkey)
    const amount = DEFAULT_MIN_STAKE * 10n
    stakeInto(m, hotkey, origin, netuid, amount)
    run(m, origin, 'transfer_stake', { destination_coldkey: destination, hotkey, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: amount * 2n })
    expect(stakeOf(m.s, hotkey, origin, netuid)).toBe(0n)
  })

  it('test_do_transfer_wrong_origin', () => {
    const m = ext()
    const netuid = addDynamicNetwork(m, u256(1011), u256(1010))
    const [origin, wrong, destination, hotkey] = [u256(1), u256(9999), u256(2), u256(3)]
    createAccountIfNonExistent(m.s, origin, hotkey)
    const amount = DEFAULT_MIN_STAKE * 10n
    stakeInto(m, hotkey, origin, netuid, amount)
    noop(m, () => run(m, wrong, 'transfer_stake', { destination_coldkey: destination, hotkey, origin_netuid: netuid, destination_netuid: netuid, alpha_amount: amount }), 'AmountTooLow')
  })

  it('test_do_swap_success / test_do_swap_same_subnet', () => {
    const m = ext()
    const n1 = addDynamicNetwork(m, ownerHot, ownerCold)
    const n2 = addDynamicNetwork(m, ownerHot, ownerCold)
    const hotkey = u256(2)
    createAccountIfNonExistent(m.s, coldkey, hotkey)
    stakeInto(m, hotkey, coldkey, n1, DEFAULT_MIN_STAKE * 10n)
    const alpha = stakeOf(m.s, hotkey, coldkey, n1)
    noop(m, () => run(m, coldkey, 'swap_stake', { hotkey, origin_netuid: n1, destination_netuid: n1, alpha_amount: alpha }), 'SameNetuid')
    run(m, coldkey, 'swap_stake', { hotkey, origin_netuid: n1, destination_netuid: n2, alpha_amount: alpha })
    expect(stakeOf(m.s, hotkey, coldkey, n1)).toBe(0n)
    expect(stakeOf(m.s, hotkey, coldkey, n2) > 0n).toBe(true)
  })
})

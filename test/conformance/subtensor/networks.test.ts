// Port of subtensor pallets/subtensor/src/tests/networks.rs (HEAD): subnet registration, the lock
// price, the median alpha price and the pool seeding. (Dissolution and pruning are not built.)
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { medianSubnetAlphaPriceBits, networkLockCost, currentAlphaPriceBits, subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { nextNetuid } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { EXISTENTIAL_DEPOSIT, freeBalance, mint } from '../../../src/pallets/balances/index.js'
import { callHandler, errorOf, eventNames, failsUntouched, moduleError, newStore, signed, startBlock, type TestEnv } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
const ONE = 1n << 64n
/** `U256::from(n)` as a 32-byte little-endian AccountId (as in mock.ts, which configures the classic regime). */
const u256 = (n: number): Uint8Array => { const o = new Uint8Array(32); let v = n; for (let i = 0; v > 0; i++) { o[i] = v & 0xff; v = Math.floor(v / 256) } return o }
const fixed = (n: number): bigint => BigInt(Math.round(n * 2 ** 20)) << 44n

/** tests/mock.rs (HEAD) values that matter here: min lock 100 TAO, reduction over 2 blocks, no rate limit. */
function setup(): { s: Overlay; env: TestEnv } {
  const s = newStore()
  subtensorPallet()
  const env = startBlock(s, 1)
  S.NetworkMinLockCost.set(s, 100_000_000_000n)
  S.NetworkLastLockCost.set(s, 100_000_000_000n)
  S.NetworkLockReductionInterval.set(s, 2n)
  S.NetworkRateLimit.set(s, 0n)
  return { s, env }
}
const sink = (env: TestEnv) => ({ depositEvent: (e: Uint8Array) => env.depositEvent(e) })
/** add_balance_to_coldkey_account (plus the existential deposit the emulator's Balances keeps). */
const fund = (s: Overlay, env: TestEnv, who: Uint8Array, amount: bigint) => mint(s, sink(env), who, amount + EXISTENTIAL_DEPOSIT)
const register = (env: TestEnv, cold: Uint8Array, hot: Uint8Array) => callHandler(env, 'SubtensorModule', 'register_network', signed(cold), { hotkey: hot })

function addDynamicNetwork(s: Overlay, env: TestEnv, hot: Uint8Array, cold: Uint8Array): number {
  const netuid = nextNetuid(s)
  fund(s, env, cold, networkLockCost(s))
  register(env, cold, hot)
  return netuid
}
const setupReserves = (s: Overlay, netuid: number, tao: bigint, alpha: bigint) => { S.SubnetTAO.set(s, netuid, tao); S.SubnetAlphaIn.set(s, netuid, alpha) }

describe('tests/networks.rs (HEAD)', () => {
  it('test_register_subnet_low_lock_cost', () => {
    const { s, env } = setup()
    S.NetworkMinLockCost.set(s, 1_000n)
    S.NetworkLastLockCost.set(s, 1_000n)
    const lock = networkLockCost(s)
    expect(lock < 100_000_000_000n).toBe(true)
    const netuid = addDynamicNetwork(s, env, u256(2), u256(1))
    expect(S.NetworksAdded.get(s, netuid)).toBe(true)
    expect(S.SubnetTAO.get(s, netuid)).toBe(lock)
    expect(S.SubnetAlphaIn.get(s, netuid)).toBe(lock)
  })

  it('test_register_subnet_high_lock_cost', () => {
    const { s, env } = setup()
    S.NetworkMinLockCost.set(s, 1_000_000_000_000n)
    S.NetworkLastLockCost.set(s, 1_000_000_000_000n)
    const lock = networkLockCost(s)
    expect(lock >= 1_000_000_000_000n).toBe(true)
    const netuid = addDynamicNetwork(s, env, u256(2), u256(1))
    expect(S.SubnetTAO.get(s, netuid)).toBe(lock)
    expect(S.SubnetAlphaIn.get(s, netuid)).toBe(lock)
  })

  it('median_subnet_alpha_price_returns_one_when_no_eligible_subnet_prices', () => {
    const { s, env } = setup()
    expect(medianSubnetAlphaPriceBits(s)).toBe(ONE)
    S.NetworksAdded.set(s, 0, true)
    expect(medianSubnetAlphaPriceBits(s)).toBe(ONE)
    const zero = addDynamicNetwork(s, env, u256(102), u256(101))
    setupReserves(s, zero, 0n, 100n)
    expect(currentAlphaPriceBits(s, zero)).toBe(0n)
    expect(medianSubnetAlphaPriceBits(s)).toBe(ONE)
    startBlock(s, 2)
    const hidden = addDynamicNetwork(s, env, u256(104), u256(103))
    setupReserves(s, hidden, 900n, 100n)
    S.NetworksAdded.set(s, hidden, false)
    expect(medianSubnetAlphaPriceBits(s)).toBe(ONE)
  })

  it('median_subnet_alpha_price_returns_middle_value_for_odd_unsorted_prices', () => {
    const { s, env } = setup()
    const n = [200, 202, 204].map((c) => addDynamicNetwork(s, env, u256(c + 1), u256(c)))
    setupReserves(s, n[0]!, 700n, 100n)
    setupReserves(s, n[1]!, 200n, 100n)
    setupReserves(s, n[2]!, 500n, 100n)
    expect(n.map((x) => currentAlphaPriceBits(s, x))).toEqual([7n * ONE, 2n * ONE, 5n * ONE])
    expect(medianSubnetAlphaPriceBits(s)).toBe(5n * ONE)
  })

  it('median_subnet_alpha_price_averages_even_prices_and_ignores_root_zero_and_unadded', () => {
    const { s, env } = setup()
    S.NetworksAdded.set(s, 0, true)
    const n = [300, 302, 304, 306].map((c) => addDynamicNetwork(s, env, u256(c + 1), u256(c)))
    setupReserves(s, n[0]!, 200n, 100n)
    setupReserves(s, n[1]!, 400n, 100n)
    setupReserves(s, n[2]!, 800n, 100n)
    setupReserves(s, n[3]!, 0n, 100n)
    S.NetworksAdded.set(s, n[1]!, false)
    expect(medianSubnetAlphaPriceBits(s)).toBe(5n * ONE)
  })

  it('register_network_seeds_first_subnet_from_fallback_price_one_and_keeps_lock_in_pool', () => {
    const { s, env } = setup()
    const [cold, hot] = [u256(1001), u256(1002)]
    const netuid = nextNetuid(s)
    const lock = networkLockCost(s)
    expect(medianSubnetAlphaPriceBits(s)).toBe(ONE)
    fund(s, env, cold, lock * 2n)
    register(env, cold, hot)
    expect(S.NetworksAdded.get(s, netuid)).toBe(true)
    expect(S.TotalNetworks.get(s)).toBe(1)
    expect(S.SubnetOwner.get(s, netuid)).toEqual(cold)
    expect(S.SubnetOwnerHotkey.get(s, netuid)).toEqual(hot)
    expect(S.SubnetLocked.get(s, netuid)).toBe(lock)
    expect(S.SubnetTAO.get(s, netuid)).toBe(lock)
    expect(S.SubnetAlphaIn.get(s, netuid)).toBe(lock)
    expect(S.SubnetAlphaOut.get(s, netuid)).toBe(0n)
    expect(S.RAORecycledForRegistration.get(s, netuid)).toBe(0n)
    expect(currentAlphaPriceBits(s, netuid)).toBe(ONE)
    expect(freeBalance(s, subnetAccountId(netuid))).toBe(lock)
    expect(eventNames(s).at(-1)).toBe('SubtensorModule.NetworkAdded')
    // the owner hotkey is uid 0, the subnet waits for start_call with emission off
    expect(S.Keys.get(s, netuid, 0)).toEqual(hot)
    expect(S.SubnetEmissionEnabled.get(s, netuid)).toBe(false)
    expect(S.FirstEmissionBlockNumber.get(s, netuid)).toBeNull()
  })

  it('register_network_seeds_new_subnet_from_even_median_snapshot', () => {
    const { s, env } = setup()
    const n1 = addDynamicNetwork(s, env, u256(1201), u256(1200))
    const n2 = addDynamicNetwork(s, env, u256(1203), u256(1202))
    setupReserves(s, n1, 500n, 100n)
    setupReserves(s, n2, 200n, 100n)
    expect(medianSubnetAlphaPriceBits(s)).toBe(fixed(3.5))
    const netuid = nextNetuid(s)
    const lock = networkLockCost(s)
    fund(s, env, u256(1300), lock * 2n)
    register(env, u256(1300), u256(1301))
    // floor(pool_tao / 3.5)
    expect(S.SubnetAlphaIn.get(s, netuid)).toBe((lock * 2n) / 7n)
    expect(S.SubnetTAO.get(s, netuid)).toBe(lock)
  })

  it('register_network_fails_without_balance / non-associated hotkey, writing nothing', () => {
    const { s, env } = setup()
    expect(errorOf(failsUntouched(s, () => register(env, u256(1), u256(2))))).toEqual(moduleError(7, 116)) // CannotAffordLockCost
    S.Owner.set(s, u256(2), u256(9))
    fund(s, env, u256(1), networkLockCost(s))
    expect(errorOf(failsUntouched(s, () => register(env, u256(1), u256(2))))).toEqual(moduleError(7, 7)) // NonAssociatedColdKey
  })

  it('registered_subnet_counter_bumps_on_first_registration; lock doubles then decays; rate limit', () => {
    const { s, env } = setup()
    const n = addDynamicNetwork(s, env, u256(2), u256(1))
    expect(S.RegisteredSubnetCounter.get(s, n)).toBe(1n)
    // the next lock is twice the last, less last/interval per block since
    expect(networkLockCost(s)).toBe(200_000_000_000n)
    S.NetworkRateLimit.set(s, 10n)
    fund(s, env, u256(3), networkLockCost(s))
    expect(errorOf(failsUntouched(s, () => register(env, u256(3), u256(4))))).toEqual(moduleError(7, 33)) // NetworkTxRateLimitExceeded
  })

  it('start_call: owner only, once, after StartCallDelay', () => {
    const { s, env } = setup()
    const n = addDynamicNetwork(s, env, u256(2), u256(1))
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'SubtensorModule', 'start_call', signed(u256(2)), { netuid: n })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'SubtensorModule', 'start_call', signed(u256(1)), { netuid: n })
    expect(S.FirstEmissionBlockNumber.get(s, n)).toBe(2n)
    expect(S.SubtokenEnabled.get(s, n)).toBe(true)
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'SubtensorModule', 'start_call', signed(u256(1)), { netuid: n })))).toEqual(moduleError(7, 88))
  })
})

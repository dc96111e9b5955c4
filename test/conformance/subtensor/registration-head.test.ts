// Port of subtensor pallets/subtensor/src/tests/registration.rs at HEAD 14bc6f9 (spec 425, the
// `current` regime: burned registration, a price that decays per block and is bumped per
// registration). The v3.3.13 file (classic regime) is ported in registration.test.ts. Expected
// prices come from the reference functions the source test defines (ref_mul_by_q32, ref_pow_q32,
// ref_decay_factor_q32, ref_bump), rewritten here, not from the pallet's own helpers.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, freeBalance, mint } from '../../../src/pallets/balances/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorErrors as SE, SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { bumpRegistrationPrice, neuronIsImmune, neuronToPrune } from '../../../src/pallets/subtensor/subnets/registration.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { callHandler, errorOf, failsUntouched, NONE, signed, startBlock } from '../../../src/pallets/test-utils.js'
import { type Ext, newTestExt, setupReserves, u256 } from './head-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const DEFAULT_RESERVE = 1_000_000_000_000n
const Q32 = 1n << 32n
const Q64 = 1n << 64n
const U64_MAX = Q64 - 1n
const se = (e: () => unknown): unknown => errorOf(e())
const call = (x: Ext, name: string, origin: Origin, args: Record<string, unknown>) => callHandler(x.env, 'SubtensorModule', name, origin, args)
const fails = (x: Ext, name: string, origin: Origin, args: Record<string, unknown>) => errorOf(failsUntouched(x.s, () => call(x, name, origin, args)))
const burnedRegister = (x: Ext, coldkey: Uint8Array, netuid: number, hotkey: Uint8Array) => call(x, 'burned_register', signed(coldkey), { netuid, hotkey })
/** `add_balance_to_coldkey_account`: minted, nothing below the existential deposit. */
const addBalance = (x: Ext, who: Uint8Array, amount: bigint) => { if (amount >= EXISTENTIAL_DEPOSIT) mint(x.s, x.env, who, amount) }
const balance = (x: Ext, who: Uint8Array) => freeBalance(x.s, who)

/** The HEAD mock's `add_network`: started, registration allowed, half-life 1, multiplier 1. */
function addNetwork(x: Ext, netuid: number, tempo: number): void {
  initNewNetwork(x.s, netuid, tempo)
  S.NetworkRegistrationAllowed.set(x.s, netuid, true)
  S.FirstEmissionBlockNumber.set(x.s, netuid, 1n)
  S.SubtokenEnabled.set(x.s, netuid, true)
  S.BurnHalfLife.set(x.s, netuid, 1)
  S.BurnIncreaseMult.set(x.s, netuid, { bits: Q64 })
}
/** `step_block(n)`: the next block's System initialisation and SubtensorModule on_initialize. */
function stepBlock(x: Ext, n = 1): void {
  for (let i = 0; i < n; i++) {
    const b = System.Number.get(x.s) + 1
    x.env = startBlock(x.s, b)
    subtensorPallet().hooks.onInitialize!({ s: x.s, env: x.env, blockNumber: b })
  }
}
/** `register_ok_neuron`: burn 0, reserves if empty, the coldkey topped up, burned_register. */
function registerOkNeuron(x: Ext, netuid: number, hotkey: Uint8Array, coldkey: Uint8Array): void {
  S.Burn.set(x.s, netuid, 0n)
  if (S.SubnetTAO.get(x.s, netuid) === 0n && S.SubnetAlphaIn.get(x.s, netuid) === 0n) setupReserves(x.s, netuid, DEFAULT_RESERVE, DEFAULT_RESERVE)
  const needed = S.Burn.get(x.s, netuid) + EXISTENTIAL_DEPOSIT + 10n
  if (balance(x, coldkey) < needed) mint(x.s, x.env, coldkey, needed - balance(x, coldkey))
  burnedRegister(x, coldkey, netuid, hotkey)
}
/** A subnet at netuid 1 with the default reserves and a burn. */
function subnetWithBurn(burn: bigint, tempo = 13): Ext {
  const x = newTestExt(1)
  addNetwork(x, 1, tempo)
  setupReserves(x.s, 1, DEFAULT_RESERVE, DEFAULT_RESERVE)
  S.Burn.set(x.s, 1, burn)
  return x
}
const setPriceRange = (x: Ext, netuid: number, min: bigint, max: bigint) => { S.MinBurn.set(x.s, netuid, min); S.MaxBurn.set(x.s, netuid, max) }
const mult = (m: bigint) => ({ bits: m * Q64 })

// the source test's reference arithmetic
const refMulByQ32 = (v: bigint, f: bigint): bigint => { const r = (v * f) >> 32n; return r > U64_MAX ? U64_MAX : r }
function refPowQ32(base: bigint, exp: number): bigint {
  let [result, factor, power] = [Q32, base, exp]
  while (power > 0) {
    if (power & 1) result = refMulByQ32(result, factor)
    power >>= 1
    if (power > 0) factor = refMulByQ32(factor, factor)
  }
  return result
}
function refDecayFactorQ32(halfLife: number): bigint {
  if (halfLife === 0) return Q32
  let [lo, hi] = [0n, Q32]
  while (lo + 1n < hi) {
    const mid = lo + ((hi - lo) >> 1n)
    if (refPowQ32(mid, halfLife) > Q32 >> 1n) hi = mid
    else lo = mid
  }
  return lo
}
const clamp = (v: bigint, lo: bigint, hi: bigint) => (v < lo ? lo : v > hi ? hi : v)
const refNextBurn = (prev: bigint, f: bigint, halfLife: number, block: bigint, min: bigint, max: bigint) =>
  clamp(halfLife === 0 || block <= 1n ? prev : refMulByQ32(prev, f), min, max)
const refBump = (prev: bigint, m: bigint, min: bigint, max: bigint) => clamp(prev * (m > 1n ? m : 1n), min, max)

describe('tests/registration.rs (HEAD): burned registration', () => {
  it('test_init_new_network_registration_defaults', () => {
    const x = newTestExt(1)
    initNewNetwork(x.s, 1, 13)
    expect(S.BurnHalfLife.get(x.s, 1)).toBe(360)
    // U64F64::from_num(1.26) converts the f64 1.26 = m·2⁻⁵² exactly: m·2¹²
    expect(S.BurnIncreaseMult.get(x.s, 1).bits).toBe(BigInt(1.26 * 2 ** 52) << 12n)
    expect(S.Burn.get(x.s, 1)).toBe(1_000_000_000n)
  })

  it('test_registration_ok (uid 0, owner, no stake, TAO inflow recorded)', () => {
    const x = subnetWithBurn(1_000n)
    const [hotkey, coldkey] = [u256(1), u256(667)]
    addBalance(x, coldkey, 50_000n)
    burnedRegister(x, coldkey, 1, hotkey)
    expect(S.SubnetworkN.get(x.s, 1)).toBe(1)
    expect(S.Owner.get(x.s, hotkey)).toEqual(coldkey)
    expect(S.Uids.get(x.s, 1, hotkey)).toBe(0)
    expect(S.TotalHotkeyAlpha.get(x.s, hotkey, 1)).toBe(0n)
    expect(S.SubnetTaoFlow.get(x.s, 1)).toBe(1_000n)
  })

  it('test_burned_register_increases_subnet_tao_flow (subnet.rs)', () => {
    const x = subnetWithBurn(1_000n)
    const before = S.SubnetTaoFlow.get(x.s, 1)
    addBalance(x, u256(77), EXISTENTIAL_DEPOSIT + 1_000n + 10n)
    burnedRegister(x, u256(77), 1, u256(88))
    expect(S.SubnetTaoFlow.get(x.s, 1)).toBe(before + 1_000n)
  })

  it('test_neuron_registration_disabled (register runs the burned path: SubNetRegistrationDisabled)', () => {
    const x = subnetWithBurn(1_000n)
    S.NetworkRegistrationAllowed.set(x.s, 1, false)
    expect(fails(x, 'register', signed(u256(1)), { netuid: 1, block_number: 0n, nonce: 0n, work: new Uint8Array(32), hotkey: u256(1), coldkey: u256(668) }))
      .toEqual(se(SE.SubNetRegistrationDisabled))
  })

  it('test_registration_failed_no_signature / test_registration_disabled / test_registration_root_not_permitted', () => {
    const x = subnetWithBurn(1_000n)
    expect(fails(x, 'burned_register', NONE, { netuid: 1, hotkey: u256(1) })).toEqual({ type: 'BadOrigin' })
    S.NetworkRegistrationAllowed.set(x.s, 1, false)
    expect(fails(x, 'burned_register', signed(u256(667)), { netuid: 1, hotkey: u256(1) })).toEqual(se(SE.SubNetRegistrationDisabled))
    initNewNetwork(x.s, 0, 13)
    expect(fails(x, 'burned_register', signed(u256(2)), { netuid: 0, hotkey: u256(1) })).toEqual(se(SE.RegistrationNotPermittedOnRootSubnet))
  })

  it('test_registration_not_enough_balance / test_registration_non_associated_coldkey', () => {
    const x = subnetWithBurn(10_000n)
    addBalance(x, u256(667), 9_999n)
    expect(fails(x, 'burned_register', signed(u256(667)), { netuid: 1, hotkey: u256(1) })).toEqual(se(SE.NotEnoughBalanceToStake))
    S.Burn.set(x.s, 1, 1_000n)
    S.Owner.set(x.s, u256(1), u256(111))
    addBalance(x, u256(222), 50_000n)
    expect(fails(x, 'burned_register', signed(u256(222)), { netuid: 1, hotkey: u256(1) })).toEqual(se(SE.NonAssociatedColdKey))
    expect(S.SubnetworkN.get(x.s, 1)).toBe(0)
  })

  it('test_registration_without_neuron_slot_doesnt_burn', () => {
    const x = subnetWithBurn(1_000n)
    addBalance(x, u256(667), 10_000n)
    S.MaxAllowedUids.set(x.s, 1, 0)
    expect(fails(x, 'burned_register', signed(u256(667)), { netuid: 1, hotkey: u256(1) })).toEqual(se(SE.NoNeuronIdAvailable))
    expect(balance(x, u256(667))).toBe(10_000n)
  })

  it('test_registration_already_active_hotkey_error', () => {
    const x = subnetWithBurn(1_000n)
    addBalance(x, u256(667), 1_000_000n)
    burnedRegister(x, u256(667), 1, u256(1))
    stepBlock(x, 1)
    expect(fails(x, 'burned_register', signed(u256(667)), { netuid: 1, hotkey: u256(1) })).toEqual(se(SE.HotKeyAlreadyRegisteredInSubNet))
  })

  it('test_registration_get_neuron_metadata (no axon served: zeros)', () => {
    const x = subnetWithBurn(1_000n)
    addBalance(x, u256(667), 100_000n)
    burnedRegister(x, u256(667), 1, u256(1))
    // get_axon_info answers the default AxonInfo (all zero) for a hotkey that never served
    expect(S.Axons.get(x.s, 1, u256(1))).toBeNull()
  })

  it('test_last_update_correctness (LastUpdate grows to SubnetworkN + 1)', () => {
    const x = subnetWithBurn(1_000n)
    S.SubnetworkN.set(x.s, 1, 3)
    S.LastUpdate.remove(x.s, 1)
    addBalance(x, u256(667), 10_000n)
    burnedRegister(x, u256(667), 1, u256(1))
    expect(S.LastUpdate.get(x.s, 1).length).toBe(4)
  })

  it('test_registration_increases_recycled_rao_per_subnet', () => {
    const x = subnetWithBurn(1_000n)
    addBalance(x, u256(667), 1_000_000n)
    const burn1 = S.Burn.get(x.s, 1)
    burnedRegister(x, u256(667), 1, u256(1))
    expect(S.RAORecycledForRegistration.get(x.s, 1)).toBe(burn1)
    stepBlock(x, 1)
    const burn2 = S.Burn.get(x.s, 1)
    burnedRegister(x, u256(667), 1, u256(2))
    expect(S.RAORecycledForRegistration.get(x.s, 1)).toBe(burn1 + burn2)
  })
})

describe('tests/registration.rs (HEAD): price dynamics', () => {
  it('test_burn_decay (×2 bump now, then 2000 → 1998 next block)', () => {
    const x = subnetWithBurn(1_000n)
    S.BurnHalfLife.set(x.s, 1, 1_000)
    S.BurnIncreaseMult.set(x.s, 1, mult(2n))
    setPriceRange(x, 1, 0n, U64_MAX)
    addBalance(x, u256(100), 1_000_000n)
    burnedRegister(x, u256(100), 1, u256(200))
    expect(S.Burn.get(x.s, 1)).toBe(2_000n)
    stepBlock(x, 1)
    expect(S.Burn.get(x.s, 1)).toBe(1_998n)
    expect(refMulByQ32(2_000n, refDecayFactorQ32(1_000))).toBe(1_998n)
  })

  it('test_burn_halves_every_half_life (1024 → 511 → 255)', () => {
    const x = subnetWithBurn(1_024n)
    S.BurnHalfLife.set(x.s, 1, 2)
    setPriceRange(x, 1, 0n, U64_MAX)
    stepBlock(x, 2)
    expect(S.Burn.get(x.s, 1)).toBe(511n)
    stepBlock(x, 2)
    expect(S.Burn.get(x.s, 1)).toBe(255n)
  })

  it('test_burn_min_and_max_clamps_prevent_zero_stuck_and_cap_bump', () => {
    const x = subnetWithBurn(1n)
    S.BurnIncreaseMult.set(x.s, 1, mult(2n))
    setPriceRange(x, 1, 100_000n, 150_000n)
    stepBlock(x, 1)
    expect(S.Burn.get(x.s, 1)).toBe(100_000n)
    addBalance(x, u256(1), 1_000_000n)
    burnedRegister(x, u256(1), 1, u256(2))
    expect(S.Burn.get(x.s, 1)).toBe(150_000n)
    stepBlock(x, 1)
    expect(S.Burn.get(x.s, 1)).toBe(100_000n)
    stepBlock(x, 1)
    expect(S.Burn.get(x.s, 1)).toBe(100_000n)
  })

  it('test_bump_registration_price_after_registration_applies_multiplier_immediately', () => {
    const x = subnetWithBurn(1_000n)
    S.BurnIncreaseMult.set(x.s, 1, mult(3n))
    setPriceRange(x, 1, 0n, U64_MAX)
    bumpRegistrationPrice(x.s, 1)
    expect(S.Burn.get(x.s, 1)).toBe(3_000n)
  })

  it('test_update_registration_prices_for_networks_runs_on_next_block_step', () => {
    const x = subnetWithBurn(1_000n)
    S.BurnHalfLife.set(x.s, 1, 1_000)
    S.BurnIncreaseMult.set(x.s, 1, mult(2n))
    setPriceRange(x, 1, 0n, U64_MAX)
    S.RegistrationsThisBlock.set(x.s, 1, 3)
    stepBlock(x, 1)
    expect(S.Burn.get(x.s, 1)).toBe(999n)
    expect(S.RegistrationsThisBlock.get(x.s, 1)).toBe(0)
  })

  it('test_update_registration_prices_for_networks_many_half_lives_over_thousands_of_blocks', () => {
    const x = newTestExt(1)
    const cases: Array<[number, number, bigint]> = [
      [1, 0, 777_777n], [2, 0, 0n], [3, 1, 0n], [4, 1, 1n], [5, 1, 2n], [6, 2, 1_024n], [7, 3, 4_096n], [8, 4, 65_536n],
      [9, 5, 123_456n], [10, 7, 999_999n], [11, 8, 1_000_000n], [12, 16, 1_000_000n], [13, 64, 1_000_000n],
      [14, 360, 10_000_000_000n], [15, 1_000, 100_000_000_000n], [16, 4_096, 1_000_000_000_000n], [17, 65_535, 123_000_000_000n],
    ]
    const expected: bigint[] = []
    const factors: bigint[] = []
    cases.forEach(([netuid, halfLife, initial], idx) => {
      // add_network_without_emission_block
      initNewNetwork(x.s, netuid, 10_000)
      S.NetworkRegistrationAllowed.set(x.s, netuid, true)
      S.BurnHalfLife.set(x.s, netuid, halfLife)
      S.BurnIncreaseMult.set(x.s, netuid, mult(BigInt(idx) + 2n))
      setPriceRange(x, netuid, 0n, U64_MAX)
      S.Burn.set(x.s, netuid, initial)
      expected.push(initial)
      factors.push(refDecayFactorQ32(halfLife))
    })
    initNewNetwork(x.s, 0, 2)
    const rootFactor = refDecayFactorQ32(17)
    let rootExpected = 123_456n
    S.BurnHalfLife.set(x.s, 0, 17)
    S.BurnIncreaseMult.set(x.s, 0, mult(97n))
    setPriceRange(x, 0, 0n, U64_MAX)
    S.Burn.set(x.s, 0, rootExpected)
    let [resets, nonResets] = [0, 0]
    for (let step = 0; step < 5_000; step++) {
      cases.forEach(([netuid], idx) => S.RegistrationsThisBlock.set(x.s, netuid, ((step * 17 + idx) & 0xffff) % 29 + 1))
      const rootIntervalSeed = ((step * 23) & 0xffff) % 37 + 1
      S.RegistrationsThisBlock.set(x.s, 0, ((step * 19) & 0xffff) % 31 + 1)
      S.RegistrationsThisInterval.set(x.s, 0, rootIntervalSeed)
      const next = BigInt(System.Number.get(x.s) + 1)
      // should_run_epoch(root, next): root's tempo 2 from LastEpochBlock
      const rootShouldReset = next - S.LastEpochBlock.get(x.s, 0) >= 2n
      stepBlock(x, 1)
      cases.forEach(([netuid, halfLife], idx) => {
        expected[idx] = refNextBurn(expected[idx]!, factors[idx]!, halfLife, next, 0n, U64_MAX)
        expect(S.Burn.get(x.s, netuid)).toBe(expected[idx])
        expect(S.RegistrationsThisBlock.get(x.s, netuid)).toBe(0)
      })
      rootExpected = refNextBurn(rootExpected, rootFactor, 17, next, 0n, U64_MAX)
      expect(S.Burn.get(x.s, 0)).toBe(rootExpected)
      expect(S.RegistrationsThisBlock.get(x.s, 0)).toBe(0)
      if (rootShouldReset) { resets++; expect(S.RegistrationsThisInterval.get(x.s, 0)).toBe(0) }
      else { nonResets++; expect(S.RegistrationsThisInterval.get(x.s, 0)).toBe(rootIntervalSeed) }
    }
    expect(resets).toBeGreaterThan(0)
    expect(nonResets).toBeGreaterThan(0)
  }, 300_000) // 5,000 full block steps over 18 subnets: slow on a loaded machine

  it('test_burned_register_immediately_bumps_price_many_multipliers_and_same_block_registrations', () => {
    const x = newTestExt(1)
    const reserve = 1_000_000_000_000_000n
    const cases: Array<[number, bigint, bigint, bigint, bigint, number]> = [
      [1, 0n, 0n, 100_000n, U64_MAX, 7], [2, 5n, 0n, 1n, U64_MAX, 7], [3, 0n, 1n, 100_000n, U64_MAX, 7], [4, 7n, 1n, 1n, U64_MAX, 7],
      [5, 2n, 2n, 1n, 400n, 8], [6, 3n, 3n, 1n, U64_MAX, 6], [7, 4n, 4n, 1n, U64_MAX, 6], [8, 7n, 10n, 1n, 500_000n, 5],
      [9, 1n, 100n, 1n, 5_000_000_000n, 5], [10, 1n, 1_000n, 1n, 50_000_000_000n, 4], [11, 5n, 1n, 1n, U64_MAX, 32], [12, 1n, 2n, 1n, U64_MAX, 20],
    ]
    for (const [netuid, initial, m, min, max, registrations] of cases) {
      const coldkey = u256(100_000 + netuid)
      const seededInterval = netuid * 11 + 7
      addNetwork(x, netuid, 13)
      setupReserves(x.s, netuid, reserve, reserve)
      // the runtime's existential deposit is 500 (the mock's is 1): a subnet account holds at
      // least that (register_network pays the lock into it), so burns of a few rao can arrive
      mint(x.s, x.env, subnetAccountId(netuid), EXISTENTIAL_DEPOSIT)
      S.BurnHalfLife.set(x.s, netuid, 0)
      S.BurnIncreaseMult.set(x.s, netuid, mult(m))
      setPriceRange(x, netuid, min, max)
      S.Burn.set(x.s, netuid, initial)
      S.RegistrationsThisInterval.set(x.s, netuid, seededInterval)
      let [expectedBurn, recycled] = [initial, 0n]
      for (let i = 0; i < registrations; i++) {
        const hotkey = u256(netuid * 10_000 + i + 1)
        // ensure_spendable_balance: burn + 1 + a buffer of 10 (here at least the existential deposit)
        const needed = expectedBurn + EXISTENTIAL_DEPOSIT + 10n
        if (balance(x, coldkey) < needed) mint(x.s, x.env, coldkey, needed - balance(x, coldkey))
        const before = balance(x, coldkey)
        expect(S.Burn.get(x.s, netuid)).toBe(expectedBurn)
        expect(S.RegistrationsThisBlock.get(x.s, netuid)).toBe(i)
        burnedRegister(x, coldkey, netuid, hotkey)
        const after = refBump(expectedBurn, m, min, max)
        recycled += expectedBurn
        expect(balance(x, coldkey)).toBe(before - expectedBurn)
        expect(S.RAORecycledForRegistration.get(x.s, netuid)).toBe(recycled)
        expect(S.Burn.get(x.s, netuid)).toBe(after)
        expect(S.RegistrationsThisBlock.get(x.s, netuid)).toBe(i + 1)
        expect(S.RegistrationsThisInterval.get(x.s, netuid)).toBe(seededInterval)
        expect(S.SubnetworkN.get(x.s, netuid)).toBe(i + 1)
        expect(S.Uids.get(x.s, netuid, hotkey)).toBe(i)
        expect(S.Owner.get(x.s, hotkey)).toEqual(coldkey)
        expect(S.TotalHotkeyAlpha.get(x.s, hotkey, netuid)).toBe(0n)
        expectedBurn = after
      }
      expect(S.RegistrationsThisBlock.get(x.s, netuid)).toBe(registrations)
      expect(S.Burn.get(x.s, netuid)).toBe(expectedBurn)
    }
  })
})

describe('tests/registration.rs (HEAD): pruning', () => {
  function threeNeurons(stepBetween: boolean): { x: Ext; hotkeys: Uint8Array[] } {
    const x = newTestExt(1)
    addNetwork(x, 5, 10_000)
    setupReserves(x.s, 5, DEFAULT_RESERVE, DEFAULT_RESERVE)
    S.ImmuneOwnerUidsLimit.set(x.s, 5, 0)
    S.MaxRegistrationsPerBlock.set(x.s, 5, 1024)
    S.TargetRegistrationsPerInterval.set(x.s, 5, 0xffff)
    S.MaxAllowedUids.set(x.s, 5, 3)
    const hotkeys = [30_001, 30_002, 30_003].map(u256)
    hotkeys.forEach((hk, i) => { registerOkNeuron(x, 5, hk, u256(20_001 + i)); if (stepBetween) stepBlock(x, 1) })
    expect(hotkeys.map((hk) => S.Uids.get(x.s, 5, hk))).toEqual([0, 1, 2])
    System.Number.set(x.s, 1_000)
    x.env.blockNumber = 1_000
    S.ImmunityPeriod.set(x.s, 5, 100)
    S.BlockAtRegistration.set(x.s, 5, 0, 850n)
    S.BlockAtRegistration.set(x.s, 5, 1, 800n)
    S.BlockAtRegistration.set(x.s, 5, 2, 990n)
    expect([0, 1, 2].map((uid) => neuronIsImmune(x.s, 5, uid))).toEqual([false, false, true])
    S.Emission.set(x.s, 5, [10n, 10n, 1n])
    S.MinNonImmuneUids.set(x.s, 5, 0)
    // emissions tie between the two non-immune: the older registration goes
    expect(neuronToPrune(x.s, 5)).toBe(1)
    return { x, hotkeys }
  }

  for (const [name, stepBetween] of [['test_registration_pruning', false], ['test_registration_pruning_1', true]] as const) {
    it(name, () => {
      const { x, hotkeys } = threeNeurons(stepBetween)
      if (stepBetween) stepBlock(x, 1)
      registerOkNeuron(x, 5, u256(40_000), u256(50_000))
      expect(S.SubnetworkN.get(x.s, 5)).toBe(3)
      expect(S.Uids.get(x.s, 5, hotkeys[1]!)).toBeNull()
      expect(S.Uids.get(x.s, 5, u256(40_000))).toBe(1)
      expect(S.Uids.get(x.s, 5, hotkeys[0]!)).toBe(0)
      expect(S.Uids.get(x.s, 5, hotkeys[2]!)).toBe(2)
    })
  }
})

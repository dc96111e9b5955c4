// The registration price controllers, against their formulas computed here:
// classic (v3.3.13) re-targeting at the interval's end, and spec 425's per-block decay and bump.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { adjustRegistrationTermsForNetworks } from '../../../src/pallets/subtensor/coinbase/block-step.js'
import { bumpRegistrationPrice, decayFactorQ32, updateRegistrationPrices } from '../../../src/pallets/subtensor/subnets/registration.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { eventNames, newStore, startBlock } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import { System } from '../../../src/pallets/system/index.js'

/** Start block n of a fresh test chain. */
function blockAt(s: Overlay, n: number) {
  System.Number.set(s, n - 1)
  return startBlock(s, n)
}

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'classic' })
const U64_MAX = (1n << 64n) - 1n

/** cur × (regs + target) / (2 × target), smoothed by α = alpha / u64::MAX quantised to 2^-18 (U110F18). */
function expected(cur: bigint, regs: number, target: number, alpha: bigint, min: bigint, max: bigint): bigint {
  const F = 1n << 18n
  const updatedBits = (cur * BigInt(regs + target) * F) / BigInt(2 * target)
  const alphaBits = (alpha * F) / U64_MAX
  const nextBits = alphaBits * cur + ((F - alphaBits) * updatedBits) / F
  if (nextBits >= max * F) return max
  if (nextBits <= min * F) return min
  return nextBits / F
}

function setup(s: Overlay, o: { regs: number; pow: number; burned: number; target: number; alpha?: bigint; difficulty?: bigint; burn?: bigint }): void {
  initNewNetwork(s, 1, 10)
  S.AdjustmentInterval.set(s, 1, 1)
  S.LastAdjustmentBlock.set(s, 1, 0n)
  S.RegistrationsThisInterval.set(s, 1, o.regs)
  S.POWRegistrationsThisInterval.set(s, 1, o.pow)
  S.BurnRegistrationsThisInterval.set(s, 1, o.burned)
  S.TargetRegistrationsPerInterval.set(s, 1, o.target)
  S.AdjustmentAlpha.set(s, 1, o.alpha ?? 0n)
  S.Difficulty.set(s, 1, o.difficulty ?? 1_000_000n)
  S.MinDifficulty.set(s, 1, 1n)
  S.MaxDifficulty.set(s, 1, 10n ** 12n)
  S.Burn.set(s, 1, o.burn ?? 1_000_000_000n)
  S.MinBurn.set(s, 1, 1n)
  S.MaxBurn.set(s, 1, 10n ** 15n)
}

function run(o: Parameters<typeof setup>[1]): { difficulty: bigint; burn: bigint; events: string[] } {
  const s = newStore()
  subtensorPallet()
  const env = blockAt(s, 5)
  setup(s, o)
  adjustRegistrationTermsForNetworks(s, env)
  expect(S.LastAdjustmentBlock.get(s, 1)).toBe(5n)
  expect([S.RegistrationsThisInterval.get(s, 1), S.POWRegistrationsThisInterval.get(s, 1), S.BurnRegistrationsThisInterval.get(s, 1), S.RegistrationsThisBlock.get(s, 1)]).toEqual([0, 0, 0, 0])
  return { difficulty: S.Difficulty.get(s, 1), burn: S.Burn.get(s, 1), events: eventNames(s) }
}

describe('classic adjustment (v3.3.13 adjust_registration_terms_for_networks)', () => {
  const D = 1_000_000n
  const B = 1_000_000_000n
  const up = (v: bigint, regs: number, target: number, alpha = 0n) => expected(v, regs, target, alpha, 1n, v === D ? 10n ** 12n : 10n ** 15n)

  it('above target, more PoW: only the difficulty rises', () => {
    const r = run({ regs: 6, pow: 4, burned: 2, target: 2 })
    expect(r).toMatchObject({ difficulty: up(D, 6, 2), burn: B })
    expect(r.difficulty).toBe(2_000_000n)
    expect(r.events).toContain('SubtensorModule.DifficultySet')
  })
  it('above target, more burns: only the burn rises', () => {
    expect(run({ regs: 6, pow: 2, burned: 4, target: 2 })).toMatchObject({ difficulty: D, burn: up(B, 6, 2) })
  })
  it('at or below target, more PoW: only the burn falls', () => {
    expect(run({ regs: 1, pow: 1, burned: 0, target: 3 })).toMatchObject({ difficulty: D, burn: up(B, 1, 3) })
  })
  it('at or below target, more burns: only the difficulty falls', () => {
    expect(run({ regs: 1, pow: 0, burned: 1, target: 3 })).toMatchObject({ difficulty: up(D, 1, 3), burn: B })
  })
  it('equal counts: both move (above and below target)', () => {
    expect(run({ regs: 8, pow: 4, burned: 4, target: 2 })).toMatchObject({ difficulty: up(D, 8, 2), burn: up(B, 8, 2) })
    expect(run({ regs: 0, pow: 0, burned: 0, target: 2 })).toMatchObject({ difficulty: D / 2n, burn: B / 2n })
  })
  it('AdjustmentAlpha ≠ 0 smooths toward the current value (0.97 × u64::MAX)', () => {
    const alpha = 17_893_341_751_498_265_066n
    const r = run({ regs: 6, pow: 4, burned: 2, target: 2, alpha })
    expect(r.difficulty).toBe(expected(D, 6, 2, alpha, 1n, 10n ** 12n))
    // ≈ 0.97 × 1e6 + 0.03 × 2e6
    expect(Number(r.difficulty)).toBeGreaterThan(1_029_000)
    expect(Number(r.difficulty)).toBeLessThan(1_031_000)
  })
  it('clamps at MaxDifficulty and MinDifficulty / MinBurn', () => {
    expect(run({ regs: 60, pow: 40, burned: 2, target: 1, difficulty: 10n ** 12n / 2n }).difficulty).toBe(10n ** 12n)
    expect(run({ regs: 0, pow: 0, burned: 1, target: 1, difficulty: 1n }).difficulty).toBe(1n)
    expect(run({ regs: 0, pow: 1, burned: 0, target: 1, burn: 1n }).burn).toBe(1n)
  })
  it('does nothing but reset RegistrationsThisBlock before the interval ends', () => {
    const s = newStore()
    subtensorPallet()
    const env = blockAt(s, 5)
    setup(s, { regs: 6, pow: 4, burned: 2, target: 2 })
    S.AdjustmentInterval.set(s, 1, 10)
    S.RegistrationsThisBlock.set(s, 1, 3)
    adjustRegistrationTermsForNetworks(s, env)
    expect([S.Difficulty.get(s, 1), S.RegistrationsThisInterval.get(s, 1), S.RegistrationsThisBlock.get(s, 1)]).toEqual([1_000_000n, 6, 0])
  })
})

describe('spec 425 price (update_registration_prices_for_networks, bump)', () => {
  it('decays by the half-life factor each block and halves over one half-life', () => {
    const f = decayFactorQ32(360)
    // f^360 ≤ 1/2 in Q32, the largest such f (checked in floating point, independently)
    expect(Math.abs((Number(f) / 2 ** 32) ** 360 - 0.5)).toBeLessThan(1e-6)
    const s = newStore()
    subtensorPallet()
    blockAt(s, 2)
    initNewNetwork(s, 1, 10)
    const burn = S.Burn.get(s, 1)
    expect(burn).toBe(1_000_000_000n)
    updateRegistrationPrices(s)
    expect(S.Burn.get(s, 1)).toBe((burn * f) >> 32n)
    let b = (burn * f) >> 32n
    for (let i = 1; i < 360; i++) b = (b * f) >> 32n
    for (let i = 1; i < 360; i++) updateRegistrationPrices(s)
    expect(S.Burn.get(s, 1)).toBe(b)
    expect(Number(b)).toBeGreaterThan(499_000_000)
    expect(Number(b)).toBeLessThan(500_000_001)
  })
  it('clamps to MinBurn and never decays at block 1', () => {
    const s = newStore()
    subtensorPallet()
    startBlock(s, 1)
    initNewNetwork(s, 1, 10)
    updateRegistrationPrices(s)
    expect(S.Burn.get(s, 1)).toBe(1_000_000_000n)
    S.Burn.set(s, 1, 400_000n)
    updateRegistrationPrices(s)
    expect(S.Burn.get(s, 1)).toBe(500_000n) // MinBurn
  })
  it('bumps by BurnIncreaseMult (1.26 as U64F64) per registration, not on root', () => {
    const s = newStore()
    subtensorPallet()
    blockAt(s, 2)
    initNewNetwork(s, 1, 10)
    bumpRegistrationPrice(s, 1)
    // floor(1e9 × 23242897532874035200 / 2^64) = 1,260,000,000 (f64 1.26 is a hair above 1.26)
    expect(S.Burn.get(s, 1)).toBe((1_000_000_000n * 23_242_897_532_874_035_200n) >> 64n)
    expect(S.Burn.get(s, 1)).toBe(1_260_000_000n)
    S.Burn.set(s, 0, 7n)
    bumpRegistrationPrice(s, 0)
    expect(S.Burn.get(s, 0)).toBe(7n)
  })
})

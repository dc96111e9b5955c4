// Ported from subtensor tests/coinbase.rs (14bc6f9), named after their source: the ones about the
// parts built so far (moving prices, root proportion, subnet terms' injection cap). Where the
// Rust asserts a tolerance, so does the port; where it compares with a fixed-point expression,
// the expression is recomputed here in plain integers.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { updateMovingPrice } from '../../../src/pallets/subtensor/coinbase/moving-price.js'
import { subnetTerms } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { movingAlphaPrice, rootProportion } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { emissionForIssuance } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { newStore } from '../../../src/pallets/test-utils.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Overlay } from '../../../src/storage/overlay.js'

const Q32 = 1n << 32n
const Q64 = 1n << 64n
const U64_MAX = Q64 - 1n
const i96 = (x: number): { bits: bigint } => ({ bits: F.fromF64(F.I96F32, x) })
const asNumber = (u64f64: bigint): number => Number(u64f64) / 2 ** 64

/** add_network + a dynamic pool at price 1.0 (1e6 TAO / 1e6 alpha), as the Rust tests set up. */
function dynamicAtPriceOne(s: Overlay, netuid = 1): void {
  initNewNetwork(s, netuid, 1)
  S.SubnetTAO.set(s, netuid, 1_000_000n)
  S.SubnetAlphaIn.set(s, netuid, 1_000_000n)
  S.SubnetMechanism.set(s, netuid, 1)
}

function at(block: number): Overlay {
  const s = newStore()
  subtensorPallet()
  System.Number.set(s, block)
  return s
}

describe('tests/coinbase.rs', () => {
  it('test_coinbase_moving_prices', () => {
    const s = at(1)
    dynamicAtPriceOne(s)
    S.SubnetMovingPrice.set(s, 1, i96(1))
    S.FirstEmissionBlockNumber.set(s, 1, 1n)
    expect(movingAlphaPrice(s, 1)).toBe(Q64)
    System.Number.set(s, 7_200_000)
    updateMovingPrice(s, 1)
    expect(movingAlphaPrice(s, 1)).toBe(Q64)
    S.SubnetMovingPrice.set(s, 1, i96(0))
    S.SubnetMovingAlpha.set(s, i96(1.0))
    updateMovingPrice(s, 1)
    expect(1 - asNumber(movingAlphaPrice(s, 1))).toBeLessThan(0.05)
    S.SubnetMovingPrice.set(s, 1, i96(0))
    S.SubnetMovingAlpha.set(s, i96(0.1))
    System.Number.set(s, 7_200 * 28)
    for (let i = 0; i < 14; i++) updateMovingPrice(s, 1)
    expect(Math.abs(asNumber(movingAlphaPrice(s, 1)) - 0.512325)).toBeLessThanOrEqual(0.001)
  })

  /** Both Rust tests: price 1.0, SubnetMovingAlpha 0.5, EMA 0, started at block 500; returns the new EMA. */
  function emaAfterOneUpdate(block: number): number {
    const s = at(block)
    dynamicAtPriceOne(s)
    S.SubnetMovingAlpha.set(s, i96(0.5))
    S.SubnetMovingPrice.set(s, 1, i96(0))
    S.FirstEmissionBlockNumber.set(s, 1, 500n)
    updateMovingPrice(s, 1)
    return Number(S.SubnetMovingPrice.get(s, 1).bits) / 2 ** 32
  }

  it('test_update_moving_price_initial', () => {
    expect(emaAfterOneUpdate(510)).toBeLessThan(0.001)
  })

  it('test_update_moving_price_after_time', () => {
    expect(Math.abs(emaAfterOneUpdate(144_000_500) - 0.5)).toBeLessThan(0.001)
  })

  it('test_root_proportion', () => {
    const s = at(1)
    dynamicAtPriceOne(s)
    const rootTao = 1_000_000_000_000n
    S.SubnetTAO.set(s, 0, rootTao)
    const taoWeight = 3_320_413_933_267_719_290n
    S.TaoWeight.set(s, taoWeight)
    S.SubnetAlphaIn.set(s, 1, 100_000_000_000n)
    // tao_weight * root_tao / (tao_weight * root_tao + alpha_in), U96F32 (2^-32), each op floored
    const tw = (taoWeight << 32n) / U64_MAX
    const num = (tw * (rootTao << 32n)) >> 32n
    const issuance = S.SubnetAlphaIn.get(s, 1) + S.SubnetAlphaOut.get(s, 1)
    expect(rootProportion(s, 1)).toBe((num << 32n) / (num + (issuance << 32n)))
  })

  it('test_get_subnet_terms_alpha_emissions_cap', () => {
    const s = at(1)
    dynamicAtPriceOne(s)
    // root stake so that root_proportion is well defined; the cap comes from the live values
    S.SubnetTAO.set(s, 0, 1_000_000_000_000n)
    S.TaoWeight.set(s, U64_MAX)
    const alphaEmission = (emissionForIssuance(S.SubnetAlphaIn.get(s, 1) + S.SubnetAlphaOut.get(s, 1)) ?? 0n) << 32n
    const cap = (rootProportion(s, 1) * alphaEmission) >> 32n
    const e1 = 100_000_000n << 32n
    expect(e1 < cap).toBe(true)
    expect(subnetTerms(s, new Map([[1, e1]])).get(1)?.alphaIn).toBe(e1)
    const e2 = 10_000_000_000n << 32n
    expect(e2 > cap).toBe(true)
    expect(subnetTerms(s, new Map([[1, e2]])).get(1)?.alphaIn).toBe(cap)
  })
})

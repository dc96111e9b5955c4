// run_coinbase's shares, terms, injection and alpha_out split, and the moving-price update, against
// the formulas re-derived here in plain integer arithmetic (2^-64 / 2^-32 fixed point floored at
// each step as the chain's U64F64 / U96F32 do) and the worked values of the spec notes (§3.4, §3.5).
import { describe, expect, it } from 'vitest'
import { Balances, freeBalance, totalIssuance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { runCoinbase } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { subnetBlockEmissions, subnetsToEmitTo } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { updateMovingPrice } from '../../../src/pallets/subtensor/coinbase/moving-price.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { SwapStorage } from '../../../src/pallets/swap/index.js'
import { TestEnv, newStore } from '../../../src/pallets/test-utils.js'
import { initialize } from '../../../src/pallets/system/block.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Overlay } from '../../../src/storage/overlay.js'

const U64_MAX = (1n << 64n) - 1n
const Q64 = 1n << 64n
const Q32 = 1n << 32n

/** A dynamic subnet started at block `startedAt` with the given pools and EMA price (I96F32 bits). */
function started(s: Overlay, netuid: number, o: { tao?: bigint; alphaIn?: bigint; alphaOut?: bigint; ema?: bigint; enabled?: boolean } = {}): void {
  initNewNetwork(s, netuid, 360)
  S.SubnetMechanism.set(s, netuid, 1)
  S.FirstEmissionBlockNumber.set(s, netuid, 2n)
  S.SubtokenEnabled.set(s, netuid, true)
  S.SubnetTAO.set(s, netuid, o.tao ?? 1_000_000_000_000n)
  S.SubnetAlphaIn.set(s, netuid, o.alphaIn ?? 1_000_000_000_000n)
  S.SubnetAlphaOut.set(s, netuid, o.alphaOut ?? 0n)
  S.SubnetMovingPrice.set(s, netuid, { bits: o.ema ?? 0n })
  S.SubnetEmissionEnabled.set(s, netuid, o.enabled ?? true)
}

function fresh(): Overlay {
  const s = newStore()
  subtensorPallet()
  System.Number.set(s, 9)
  initialize(s, 10, new Uint8Array(32), [])
  return s
}

describe('get_subnets_to_emit_to', () => {
  it('keeps started, subtoken-enabled, registration-allowed non-root subnets in NetworksAdded order', () => {
    const s = fresh()
    initNewNetwork(s, 0, 100)
    for (const n of [1, 2, 3, 4, 5]) started(s, n)
    S.FirstEmissionBlockNumber.remove(s, 2)
    S.SubtokenEnabled.set(s, 3, false)
    S.NetworkRegistrationAllowed.set(s, 4, false)
    expect(subnetsToEmitTo(s, [0, 5, 4, 3, 2, 1])).toEqual([5, 1])
  })
})

describe('get_subnet_block_emissions', () => {
  it('shares the emission by EMA price, floored in U64F64 then to U96F32', () => {
    const s = fresh()
    const [p1, p2] = [3n * Q32 / 10n, 7n * Q32 / 5n]
    started(s, 1, { ema: p1 })
    started(s, 2, { ema: p2 })
    const e = subnetBlockEmissions(s, [1, 2], 1_000_000_000n)
    const total = (p1 << 32n) + (p2 << 32n)
    for (const [n, p] of [[1, p1], [2, p2]] as const) {
      const share = ((p << 32n) << 64n) / total
      expect(e.get(n)).toBe(((1_000_000_000n * Q64 * share) >> 64n) >> 32n)
    }
  })

  it('gives everything to the enabled subnet when another has emission disabled, and 0 with all EMAs at 0', () => {
    const s = fresh()
    started(s, 1, { ema: Q32 / 4n })
    started(s, 2, { ema: Q32, enabled: false })
    const e = subnetBlockEmissions(s, [1, 2], 1_000_000_000n)
    expect([e.get(1), e.get(2)]).toEqual([1_000_000_000n << 32n, 0n])
    S.SubnetMovingPrice.set(s, 1, { bits: 0n })
    S.SubnetMovingPrice.set(s, 2, { bits: 0n })
    expect([...subnetBlockEmissions(s, [1, 2], 1_000_000_000n).values()]).toEqual([0n, 0n])
  })

  it('weights by 1 − MinerBurned and renormalises', () => {
    const s = fresh()
    started(s, 1, { ema: Q32 })
    started(s, 2, { ema: Q32 })
    S.MinerBurned.set(s, 2, { bits: Q32 / 2n })
    const e = subnetBlockEmissions(s, [1, 2], 900_000_000n)
    // price shares ½ each; weighted ½ and ¼; renormalised ⅔ and ⅓ (floored in U64F64)
    const share1 = ((Q64 / 2n) << 64n) / (Q64 / 2n + Q64 / 4n)
    const share2 = ((Q64 / 4n) << 64n) / (Q64 / 2n + Q64 / 4n)
    expect(e.get(1)).toBe(((900_000_000n * Q64 * share1) >> 64n) >> 32n)
    expect(e.get(2)).toBe(((900_000_000n * Q64 * share2) >> 64n) >> 32n)
  })
})

describe('emit_to_subnets: alpha_out into the pending accumulators', () => {
  /** Alpha issuance 3e12 after this block's 1e9 alpha_out, root TAO 1e12 at TaoWeight 1: root_prop ¼. */
  function quarterRoot(rootSell: boolean): Overlay {
    const s = fresh()
    S.TaoWeight.set(s, U64_MAX)
    S.SubnetTAO.set(s, 0, 1_000_000_000_000n)
    started(s, 1, { alphaIn: 1_000_000_000_000n, alphaOut: 2_000_000_000_000n - 1_000_000_000n, ema: rootSell ? 2n * Q32 : Q32 / 2n, enabled: false })
    return s
  }

  it('matches the spec worked example (cut 11796/65535, root_prop ¼) with root sell on', () => {
    const s = quarterRoot(true)
    Balances.TotalIssuance.set(s, 5_000_000_000n)
    S.TotalIssuance.set(s, 4_000_000_000n)
    runCoinbase(s, new TestEnv(s, 10), 1_000_000_000n)
    expect(S.SubnetAlphaOutEmission.get(s, 1)).toBe(1_000_000_000n)
    expect(S.PendingOwnerCut.get(s, 1)).toBe(179_995_422n)
    expect(S.PendingServerEmission.get(s, 1)).toBe(410_002_288n)
    expect(S.PendingValidatorEmission.get(s, 1)).toBe(307_501_716n)
    expect(S.PendingRootAlphaDivs.get(s, 1)).toBe(102_500_572n)
    expect(S.SubnetAlphaOut.get(s, 1)).toBe(2_000_000_000_000n)
    // emission disabled: no TAO share, the whole credit is recycled from both issuances
    expect([S.SubnetTaoInEmission.get(s, 1), S.SubnetAlphaInEmission.get(s, 1), S.SubnetExcessTao.get(s, 1)]).toEqual([0n, 0n, 0n])
    expect([totalIssuance(s), S.TotalIssuance.get(s)]).toEqual([4_000_000_000n, 3_000_000_000n])
  })

  it('the same split from the formula; with root sell off the root alpha is recycled', () => {
    const s = quarterRoot(false)
    runCoinbase(s, new TestEnv(s, 10), 0n)
    const cutBits = (11796n << 32n) / 65535n
    const out = 1_000_000_000n << 32n
    const cut = (out * cutBits) >> 32n
    const rest = out - cut
    const server = (rest * (Q32 / 2n)) >> 32n
    const root = (((rest * (Q32 / 4n)) >> 32n) * (Q32 / 2n)) >> 32n
    expect(S.PendingOwnerCut.get(s, 1)).toBe(cut >> 32n)
    expect(S.PendingServerEmission.get(s, 1)).toBe(server >> 32n)
    expect(S.PendingValidatorEmission.get(s, 1)).toBe((rest - server - root) >> 32n)
    expect(S.PendingRootAlphaDivs.get(s, 1)).toBe(0n)
    expect(S.SubnetAlphaOut.get(s, 1)).toBe(2_000_000_000_000n - (root >> 32n))
  })

  it('the last BlockEmission writer is the subnet alpha curve (second halving for 15.75M alpha)', () => {
    const s = fresh()
    started(s, 3, { alphaIn: 15_750_000_000_000_000n, alphaOut: 0n, enabled: false })
    runCoinbase(s, new TestEnv(s, 10), 1_000_000_000n)
    expect(S.BlockEmission.get(s)).toBe(250_000_000n)
    expect(S.SubnetAlphaOutEmission.get(s, 3)).toBe(250_000_000n)
  })
})

describe('update_moving_price', () => {
  it('moves the EMA toward min(spot, 1) with α = SubnetMovingAlpha × b/(b + halving)', () => {
    const s = fresh()
    const old = 3n * Q32 / 10n
    started(s, 1, { tao: 2_000_000_000n, alphaIn: 5_000_000_000n, ema: old })
    updateMovingPrice(s, 1)
    const b = 10n - (2n - 1n)
    const ratio = (b << 64n) / (b + 201_600n)
    const alpha = ((12885n << 32n) * ratio) >> 64n
    const spot = (2_000_000_000n << 64n) / 5_000_000_000n
    const next = ((alpha * spot) >> 64n) + (((Q64 - alpha) * (old << 32n)) >> 64n)
    expect(S.SubnetMovingPrice.get(s, 1).bits).toBe(next >> 32n)
  })

  it('caps the spot price at 1', () => {
    const s = fresh()
    started(s, 1, { tao: 9_000_000_000n, alphaIn: 1_000_000_000n, ema: 0n })
    updateMovingPrice(s, 1)
    const ratio = (9n << 64n) / (9n + 201_600n)
    const alpha = ((12885n << 32n) * ratio) >> 64n
    expect(S.SubnetMovingPrice.get(s, 1).bits).toBe(((alpha * Q64) >> 64n) >> 32n)
  })
})

describe('block_step with a started, emission-disabled subnet', () => {
  it('100 blocks: TAO recycled, EMA rising, pending alpha growing by the floored split each block', () => {
    const s = fresh()
    Balances.TotalIssuance.set(s, 10n ** 15n)
    S.TotalIssuance.set(s, 10n ** 15n)
    started(s, 1, { enabled: false })
    let prevEma = 0n
    for (let n = 11; n <= 110; n++) {
      System.Number.set(s, n - 1)
      initialize(s, n, new Uint8Array(32), [])
      subtensorPallet().hooks.onInitialize?.({ s, env: new TestEnv(s, n), blockNumber: n })
      const ema = S.SubnetMovingPrice.get(s, 1).bits
      // non-decreasing; while α·1 < 2^-32, i.e. 12885·b < b + 201600, b = n − 1 ≤ 15, the
      // I96F32 conversion drops it entirely and the EMA stays 0
      expect(ema >= prevEma).toBe(true)
      expect(ema === 0n).toBe(n <= 16)
      prevEma = ema
    }
    expect(prevEma > 0n).toBe(true)
    expect([totalIssuance(s), S.TotalIssuance.get(s)]).toEqual([10n ** 15n, 10n ** 15n])
    expect(S.SubnetAlphaOut.get(s, 1) > 0n).toBe(true)
    expect(S.PendingServerEmission.get(s, 1)).toBe(100n * 410_002_288n)
  })
})

let block = 10
function step(s: Overlay): void {
  block++
  System.Number.set(s, block - 1)
  initialize(s, block, new Uint8Array(32), [])
  subtensorPallet().hooks.onInitialize?.({ s, env: new TestEnv(s, block), blockNumber: block })
}

/** Steps blocks until the subnet's EMA price is non-zero (it starts at 0: no share, credit recycled). */
function untilPriced(s: Overlay, netuid: number): void {
  block = 10
  for (let i = 0; i < 100 && S.SubnetMovingPrice.get(s, netuid).bits === 0n; i++) step(s)
  expect(S.SubnetMovingPrice.get(s, netuid).bits > 0n).toBe(true)
}

// Issue #12 acceptance: block emission injected into a started subnet's pool through the Swap
// pallet (inject_and_maybe_swap, spec notes §3.4); expected values from the spec's formulas.
const TAO = 1_000_000_000n
const E18 = 10n ** 18n

describe('run_coinbase injection (issue #12 acceptance)', () => {
  it('with no root stake the whole emission is an excess buy: 100 blocks mint exactly 100 TAO, all of it in the pool', () => {
    const s = fresh()
    started(s, 1, { tao: 1_000n * TAO, alphaIn: 4_000n * TAO })
    untilPriced(s, 1)
    const account = subnetAccountId(1)
    const before = { ti: S.TotalIssuance.get(s), bi: totalIssuance(s), acct: freeBalance(s, account), tao: S.SubnetTAO.get(s, 1), stake: S.TotalStake.get(s) }
    let protocolAlpha = S.SubnetProtocolAlpha.get(s, 1)
    for (let i = 0; i < 100; i++) {
      const [x, y] = [S.SubnetAlphaIn.get(s, 1), S.SubnetTAO.get(s, 1)]
      step(s)
      // root_prop = 0 ⇒ the injection cap is 0: tao_in = alpha_in = 0, excess = the whole 1 TAO
      expect([S.SubnetTaoInEmission.get(s, 1), S.SubnetAlphaInEmission.get(s, 1), S.SubnetExcessTao.get(s, 1)]).toEqual([0n, 0n, TAO])
      // weights stay ½ (adjust(0, 0) at equal weights), so Δx = ⌊x·(1 − ⌊1e18·y/(y+X)⌋/1e18)⌋ in U64F64
      expect(SwapStorage.SwapBalancer.get(s, 1).quote).toBe(E18 / 2n)
      const e = (E18 * y) / (y + TAO)
      const dx = (x * (Q64 - (e << 64n) / E18)) >> 64n
      protocolAlpha += dx
      expect(S.SubnetProtocolAlpha.get(s, 1)).toBe(protocolAlpha)
    }
    expect(S.TotalIssuance.get(s) - before.ti).toBe(100n * TAO)
    expect(totalIssuance(s) - before.bi).toBe(100n * TAO)
    expect(freeBalance(s, account) - before.acct).toBe(100n * TAO)
    expect(S.SubnetTAO.get(s, 1) - before.tao).toBe(100n * TAO)
    expect(S.TotalStake.get(s) - before.stake).toBe(100n * TAO)
    expect(S.SubnetProtocolFlow.get(s, 1) >= 100n * TAO).toBe(true)
  })

  it('with a large root stake the emission is injected as tao_in and alpha_in at the spot price, minting exactly 100 TAO', () => {
    const s = fresh()
    S.SubnetTAO.set(s, 0, 10_000_000n * TAO)
    S.TaoWeight.set(s, (1n << 64n) - 1n)
    // price 4: alpha_in ≈ ¼ alpha per block stays under the cap root_prop × alpha_emission ≈ 1 alpha
    started(s, 1, { tao: 4_000n * TAO, alphaIn: 1_000n * TAO })
    untilPriced(s, 1)
    const account = subnetAccountId(1)
    const before = { ti: S.TotalIssuance.get(s), acct: freeBalance(s, account), tao: S.SubnetTAO.get(s, 1) }
    for (let i = 0; i < 100; i++) {
      const [x, y, w] = [S.SubnetAlphaIn.get(s, 1), S.SubnetTAO.get(s, 1), SwapStorage.SwapBalancer.get(s, 1).quote]
      step(s)
      expect(S.SubnetTaoInEmission.get(s, 1)).toBe(TAO)
      expect(S.SubnetExcessTao.get(s, 1)).toBe(0n)
      // alpha_in = 1 TAO ÷ price, price = (w1/w2)(y/x) in U64F64 then U96F32 (low 32 bits dropped)
      const w1 = E18 - w
      const price64 = ((((w1 << 64n) << 64n) / (w << 64n)) * ((y << 64n << 64n) / (x << 64n))) >> 64n
      const price32 = price64 >> 32n
      const alphaIn = ((TAO << 32n) << 32n) / price32 >> 32n
      expect(S.SubnetAlphaInEmission.get(s, 1)).toBe(alphaIn)
      expect(S.SubnetAlphaIn.get(s, 1)).toBe(x + alphaIn)
      // the weights move so the price holds within rounding
      const after = S.SubnetAlphaIn.get(s, 1)
      const p0 = Number(y) / Number(x) * Number(w1) / Number(w)
      const w2n = SwapStorage.SwapBalancer.get(s, 1).quote
      const p1 = Number(S.SubnetTAO.get(s, 1)) / Number(after) * Number(E18 - w2n) / Number(w2n)
      expect(Math.abs(p1 - p0) / p0).toBeLessThan(1e-9)
    }
    expect(S.TotalIssuance.get(s) - before.ti).toBe(100n * TAO)
    expect(freeBalance(s, account) - before.acct).toBe(100n * TAO)
    expect(S.SubnetTAO.get(s, 1) - before.tao).toBe(100n * TAO)
  })

  it('recycles only the credit left over: an emission-disabled subnet next to an enabled one leaves nothing unspent', () => {
    const s = fresh()
    started(s, 1, { tao: 1_000n * TAO, alphaIn: 4_000n * TAO })
    started(s, 2, { tao: 1_000n * TAO, alphaIn: 4_000n * TAO })
    S.SubnetEmissionEnabled.set(s, 2, false)
    S.SubnetMovingPrice.set(s, 1, { bits: 1n << 30n })
    S.SubnetMovingPrice.set(s, 2, { bits: 1n << 30n })
    const [ti, tao1, tao2] = [S.TotalIssuance.get(s), S.SubnetTAO.get(s, 1), S.SubnetTAO.get(s, 2)]
    S.TotalIssuance.set(s, ti + TAO)
    runCoinbase(s, new TestEnv(s, 10), TAO)
    expect(S.TotalIssuance.get(s)).toBe(ti + TAO)
    expect(S.SubnetTAO.get(s, 1) - tao1).toBe(TAO)
    expect(S.SubnetTAO.get(s, 2)).toBe(tao2)
  })
})

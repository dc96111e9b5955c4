// Issue #12 acceptance: block emission injected into a started subnet's pool through the Swap
// pallet (run_coinbase inject_and_maybe_swap, spec notes §3.4). Expected values are computed here
// from the spec's formulas in plain integer arithmetic, not by calling the code under test.
import { describe, expect, it } from 'vitest'
import { freeBalance, totalIssuance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { runCoinbase } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { SwapStorage } from '../../../src/pallets/swap/index.js'
import { TestEnv, newStore } from '../../../src/pallets/test-utils.js'
import { initialize } from '../../../src/pallets/system/block.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Overlay } from '../../../src/storage/overlay.js'

const TAO = 1_000_000_000n
const Q64 = 1n << 64n
const E18 = 10n ** 18n

function fresh(): Overlay {
  const s = newStore()
  subtensorPallet()
  System.Number.set(s, 9)
  initialize(s, 10, new Uint8Array(32), [])
  return s
}

/** A dynamic subnet started at block 1 (FirstEmissionBlockNumber 2), emission enabled. */
function started(s: Overlay, netuid: number, tao: bigint, alphaIn: bigint): void {
  initNewNetwork(s, netuid, 360)
  S.SubnetMechanism.set(s, netuid, 1)
  S.FirstEmissionBlockNumber.set(s, netuid, 2n)
  S.SubtokenEnabled.set(s, netuid, true)
  S.SubnetTAO.set(s, netuid, tao)
  S.SubnetAlphaIn.set(s, netuid, alphaIn)
}

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

describe('run_coinbase injection (issue #12 acceptance)', () => {
  it('with no root stake the whole emission is an excess buy: 100 blocks mint exactly 100 TAO, all of it in the pool', () => {
    const s = fresh()
    started(s, 1, 1_000n * TAO, 4_000n * TAO)
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
    started(s, 1, 4_000n * TAO, 1_000n * TAO)
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
    started(s, 1, 1_000n * TAO, 4_000n * TAO)
    started(s, 2, 1_000n * TAO, 4_000n * TAO)
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

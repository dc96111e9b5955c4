// Ports of subtensor's tests/children.rs (HEAD 14bc6f9), part 5: one epoch's emission over a
// parent → child chain, and get_parent_child_dividends_distribution's split between a child and
// its parents (with and without a shared coldkey), on the HEAD mock. The source's I96F32 ratios
// are compared as f64 within its own 1e-4 / 1e-5 tolerances.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { parentChildDividends } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { epoch } from '../../../src/pallets/subtensor/epoch/persist.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import * as F from '../../../src/primitives/fixed/index.js'
import { addNetwork, newTestExt, setupReserves, u256, type Ext } from './head-mock.js'
import { addBalance, children, mockSetChildren, parents, registerOkNeuron, stepBlock, stepSetChildrenRateLimit, sub, swapTaoToAlpha, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const X = F.I96F32
const near = (a: bigint, b: bigint, eps: bigint) => expect(a > b ? a - b : b - a).toBeLessThanOrEqual(eps)
const nearF = (a: number, b: number, eps: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(eps)
const [ha, hb, hc, ca, cb, cc] = [1, 2, 3, 100, 101, 102].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
const chkTake = 1 / 9
/** `(I96F32(1/9) * I96F32(u16::MAX)).saturating_to_num::<u16>()`. */
const chkTakeU16 = Number(F.toInt(X, F.mul(X, F.fromF64(X, chkTake), F.fromInt(X, 0xffffn))))
const EMISSION = 1_000_000n

/**
 * add_network(1, 1), CK burn and owner cut 0, the reserves set, `keys` registered and funded, and
 * each given `(total_alpha * part / total_tao)` of the alpha a swap of the parts' total would buy.
 * Returns each key's stake relative to that alpha.
 */
function chain(e: Ext, reserve: bigint, keys: [Uint8Array, Uint8Array][], parts: bigint[]): number[] {
  addNetwork(e.s, 1, 1)
  S.CKBurn.set(e.s, 0n)
  setupReserves(e.s, 1, reserve, reserve)
  S.SubnetOwnerCut.set(e.s, 0)
  for (const [h, c] of keys) registerOkNeuron(e, 1, h, c)
  for (const [, c] of keys) addBalance(e, c, 1_000n)
  const totalTao = parts.reduce((a, b) => a + b, 0n)
  const [totalAlpha] = swapTaoToAlpha(e, 1, totalTao)
  keys.forEach(([h, c], i) => L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c, 1,
    F.saturatingToU64(X, F.div(X, F.mul(X, F.fromInt(X, totalAlpha), F.fromInt(X, parts[i]!)), F.fromInt(X, totalTao)))))
  return keys.map(([h]) => Number(getTotalStakeForHotkey(e.s, h)) / Number(totalAlpha))
}
const shares = (out: Array<[Uint8Array, bigint, bigint]>): number[] => {
  const total = out.reduce((a, [, , v]) => a + Number(v), 0)
  return out.map(([, , v]) => Number(v) / total)
}
/** A → B → C at half each, 1/9 childkey take, TAO weight 0; one epoch's shares: A 1/3, B 4/9, C 2/9. */
function chainEpoch(e: Ext): void {
  mockSetChildren(e, ca, ha, 1, [[U64_MAX / 2n, hb]])
  mockSetChildren(e, cb, hb, 1, [[U64_MAX / 2n, hc]])
  S.ChildkeyTake.set(e.s, hb, 1, chkTakeU16)
  S.ChildkeyTake.set(e.s, hc, 1, chkTakeU16)
  S.TaoWeight.set(e.s, 0n)
  const sh = shares(epoch(e.s, e.env, 1, EMISSION, BigInt(e.env.blockNumber)))
  nearF(sh[0]!, (2 / 3) * 0.5, 1e-4)
  nearF(sh[1]!, (2 / 9) * 0.5 + (2 / 3) * 0.5, 1e-4)
  nearF(sh[2]!, 1 / 9 + 0.5 * (2 / 9), 1e-4)
}
const sum = (d: Array<[Uint8Array, bigint]>) => d.reduce((a, [, v]) => a + v, 0n)

describe('tests/children.rs: epoch emission and dividends through children', () => {
  it('test_parent_child_chain_epoch', () => {
    const e = newTestExt(1)
    const rel = chain(e, 1_000_000_000_000n, [[ha, ca], [hb, cb], [hc, cc]], [300_000n, 100_000n, 50_000n])
    ;[300_000 / 450_000, 100_000 / 450_000, 50_000 / 450_000].forEach((r, i) => {
      expect(rel[i]).toBeGreaterThan(0)
      nearF(rel[i]!, r, 0.00001)
    })
    chainEpoch(e)
  })

  it('test_dividend_distribution_with_children', () => {
    const e = newTestExt(1)
    const [ra, rb, rc] = chain(e, 1_000_000_000_000_000n, [[ha, ca], [hb, cb], [hc, cc]], [300_000n, 100_000n, 50_000n]) as [number, number, number]
    ;[300_000 / 450_000, 100_000 / 450_000, 50_000 / 450_000].forEach((r, i) => nearF([ra, rb, rc][i]!, r, 0.00001))
    chainEpoch(e)
    const [da, db, dc] = [ha, hb, hc].map((h) => parentChildDividends(e.s, h, 1, EMISSION, 0n))
    const eps = EMISSION / 1000n
    expect(da!.length).toBe(1)
    expect(da![0]![0]).toEqual(ha)
    expect(da![0]![1]).toBe(EMISSION)
    near(sum(da!), EMISSION, eps)
    const totalB = rb / 2 + ra / 2
    const expectedBB = BigInt(Math.trunc((rb / 2 / totalB) * Number(EMISSION) + (ra / 2 / totalB) * Number(EMISSION) * chkTake))
    expect(db!.length).toBe(2)
    expect(db![1]![0]).toEqual(hb)
    near(db![1]![1], expectedBB, eps)
    expect(db![0]![0]).toEqual(ha)
    near(db![0]![1], EMISSION - expectedBB, eps)
    near(sum(db!), EMISSION, eps)
    const totalC = rc + rb / 2
    const expectedCC = BigInt(Math.trunc((rc / totalC) * Number(EMISSION) + (rb / 2 / totalC) * Number(EMISSION) * chkTake))
    expect(dc!.length).toBe(2)
    expect(dc![1]![0]).toEqual(hc)
    near(dc![1]![1], expectedCC, eps)
    expect(dc![0]![0]).toEqual(hb)
    near(dc![0]![1], EMISSION - expectedCC, eps)
    near(sum(dc!), EMISSION, eps)
  })

  it('test_dividend_distribution_with_children_same_coldkey_owner', () => {
    const e = newTestExt(1)
    const [ra, rb] = chain(e, 1_000_000_000_000n, [[ha, ca], [hb, ca]], [300_000n, 100_000n]) as [number, number]
    nearF(ra, 300_000 / 400_000, 0.0001)
    nearF(rb, 100_000 / 400_000, 0.0001)
    mockSetChildren(e, ca, ha, 1, [[U64_MAX / 2n, hb]])
    S.ChildkeyTake.set(e.s, hb, 1, chkTakeU16)
    S.TaoWeight.set(e.s, 0n)
    const sh = shares(epoch(e.s, e.env, 1, EMISSION, BigInt(e.env.blockNumber)))
    nearF(sh[0]!, (3 / 4) * 0.5, 1e-4)
    nearF(sh[1]!, 1 / 4 + (3 / 4) * 0.5, 1e-4)
    const [da, db] = [ha, hb].map((h) => parentChildDividends(e.s, h, 1, EMISSION, 0n))
    const eps = EMISSION / 1000n
    expect(da!.length).toBe(1)
    expect(da![0]![0]).toEqual(ha)
    expect(da![0]![1]).toBe(EMISSION)
    near(sum(da!), EMISSION, eps)
    expect(db!.length).toBe(2)
    expect(db![0]![0]).toEqual(ha)
    expect(db![1]![0]).toEqual(hb)
    const totalB = rb + ra / 2
    near(db![1]![1], BigInt(Math.trunc((rb / totalB) * Number(EMISSION))), eps)
    near(db![0]![1], BigInt(Math.trunc((ra / 2 / totalB) * Number(EMISSION))), eps)
    near(sum(db!), EMISSION, eps)
  })
})

describe('tests/children.rs: children changed between epochs', () => {
  it('test_dynamic_parent_child_relationships', () => {
    const e = newTestExt(1)
    const netuid = 1
    const [parent, child1, child2, cp, c1, c2] = [1, 2, 3, 100, 101, 102].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    S.CKBurn.set(e.s, 0n)
    // add_network_disable_commit_reveal
    addNetwork(e.s, netuid, 1)
    S.CommitRevealWeightsEnabled.set(e.s, netuid, false)
    S.Yuma3On.set(e.s, netuid, false)
    registerOkNeuron(e, netuid, parent, cp)
    registerOkNeuron(e, netuid, child1, c1)
    registerOkNeuron(e, netuid, child2, c2)
    addBalance(e, cp, 500_000n + 1_000n)
    addBalance(e, c1, 50_000n + 1_000n)
    addBalance(e, c2, 30_000n + 1_000n)
    setupReserves(e.s, netuid, 1_000_000_000_000n, 1_000_000_000_000n)
    const parts = [500_000n, 50_000n, 30_000n]
    const totalTao = parts[0]! + parts[1]! + parts[2]!
    const [totalAlpha] = swapTaoToAlpha(e, netuid, totalTao)
    ;[[parent, cp], [child1, c1], [child2, c2]].forEach(([h, c], i) => L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h!, c!, netuid,
      F.saturatingToU64(X, F.div(X, F.mul(X, F.fromInt(X, totalAlpha), F.fromInt(X, parts[i]!)), F.fromInt(X, totalTao)))))
    const stakeOn = (h: Uint8Array) => L.getStakeForHotkeyOnSubnet(e.s, h, netuid)
    const s0 = [parent, child1, child2].map(stakeOn) as [bigint, bigint, bigint]
    const total0 = s0[0] + s0[1] + s0[2]
    const rel0 = s0.map((v) => Number(v) / Number(totalAlpha))
    parts.forEach((p, i) => nearF(rel0[i]!, Number(p) / Number(totalTao), 0.00001))
    mockSetChildren(e, cp, parent, netuid, [[U64_MAX / 2n, child1]])
    stepBlock(e, 2)
    S.WeightsSetRateLimit.set(e.s, netuid, 0n)
    sub(e, parent, 'set_weights', { netuid, dests: [0, 1, 2], weights: [65535, 65535, 65535], version_key: S.WeightsVersionKey.get(e.s, netuid) })
    stepBlock(e, 11)
    stepSetChildrenRateLimit(e)
    const total1 = [parent, child1, child2].map(stakeOn).reduce((a, b) => a + b, 0n)
    mockSetChildren(e, cp, parent, netuid, [[U64_MAX / 4n, child1], [U64_MAX / 3n, child2]])
    stepBlock(e, 11)
    const total2 = [parent, child1, child2].map(stakeOn).reduce((a, b) => a + b, 0n)
    const [p2, ch1, ch2] = [parent, child1, child2].map((h) => L.getInheritedForHotkeyOnSubnet(e.s, h, netuid)) as [bigint, bigint, bigint]
    const parentTotal = stakeOn(parent)
    const totalEmission = Number(total1 - total0 + (total2 - total1))
    expect(totalEmission).toBeGreaterThan(0) // not in the source: the expectations below must include emission
    const tol = 0.001
    const expParent = ((Number(s0[0]) + totalEmission * rel0[0]!) * 5) / 12
    expect(Math.abs(Number(p2) - expParent) / expParent).toBeLessThanOrEqual(tol)
    const expChild1 = totalEmission * rel0[1]! + Number(s0[1] + parentTotal / 4n)
    expect(Math.abs(Number(ch1) - expChild1) / expChild1).toBeLessThanOrEqual(tol)
    const expChild2 = totalEmission * rel0[2]! + Number(s0[2] + parentTotal / 3n)
    expect(Math.abs(Number(ch2) - expChild2) / expChild2).toBeLessThanOrEqual(tol)
    expect(children(e, parent, netuid)).toEqual([[U64_MAX / 4n, child1], [U64_MAX / 3n, child2]])
    expect(parents(e, child1, netuid)).toEqual([[U64_MAX / 4n, parent]])
    expect(parents(e, child2, netuid)).toEqual([[U64_MAX / 3n, parent]])
    expect(ch2).toBeGreaterThan(ch1)
  })
})

// calculateDividendDistribution builds the alpha and root dividend lists directly in the dividends'
// key order; the chain builds two BTreeMaps (each hotkey added onto 0) and lists them. Held here to
// those maps' steps (AccountMap, the chain's BTreeMap stand-in) on random dividends, stakes (some
// hotkeys without), TaoWeight and pending amounts, the U96F32 saturation edges included.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { AccountMap, calculateDividendDistribution } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'

const W = F.U96F32
const fromU64 = (v: bigint): bigint => F.saturatingFromInt(W, v)
const checkedDivOr0 = (a: bigint, b: bigint): bigint => F.checkedDiv(W, a, b) ?? 0n

/** `calculate_dividend_distribution` by the chain's steps: two maps filled, then listed. */
function bySteps(pendingAlpha: bigint, pendingRootAlpha: bigint, tw: bigint, stakeMap: AccountMap<[bigint, bigint]>, dividends: AccountMap<bigint>): [Array<[Uint8Array, bigint]>, Array<[Uint8Array, bigint]>] {
  const alphaDivs = new AccountMap<bigint>()
  const rootDivs = new AccountMap<bigint>()
  let totalAlpha = 0n
  let totalRoot = 0n
  for (const [hk, d] of dividends.entries()) {
    const stakes = stakeMap.get(hk)
    if (stakes === undefined) continue
    const a = fromU64(stakes[0])
    const rootAlpha = F.saturatingMul(W, fromU64(stakes[1]), tw)
    const rootProp = checkedDivOr0(rootAlpha, F.saturatingAdd(W, a, rootAlpha))
    const rd = F.saturatingMul(W, d, rootProp)
    const ad = F.saturatingSub(W, d, rd)
    alphaDivs.set(hk, F.saturatingAdd(W, alphaDivs.get(hk) ?? 0n, ad))
    totalAlpha = F.saturatingAdd(W, totalAlpha, ad)
    rootDivs.set(hk, F.saturatingAdd(W, rootDivs.get(hk) ?? 0n, rd))
    totalRoot = F.saturatingAdd(W, totalRoot, rd)
  }
  return [
    alphaDivs.entries().map(([hk, ad]): [Uint8Array, bigint] => [hk, F.saturatingMul(W, fromU64(pendingAlpha), checkedDivOr0(ad, totalAlpha))]),
    rootDivs.entries().map(([hk, rd]): [Uint8Array, bigint] => [hk, F.saturatingMul(W, fromU64(pendingRootAlpha), checkedDivOr0(rd, totalRoot))]),
  ]
}

const U64_MAX = (1n << 64n) - 1n
const u64 = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: 0n, max: U64_MAX }))
const u96f32 = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1n << 72n }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }))
const hotkey = fc.integer({ min: 0, max: 7 }).map((b) => new Uint8Array(32).fill(b))

describe('calculateDividendDistribution', () => {
  it('lists what the chain\'s two maps list', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(hotkey, u96f32, fc.option(fc.tuple(u64, u64), { nil: undefined })), { maxLength: 6 }),
      u64, u64, fc.oneof(fc.constant(0n), u96f32),
      (rows, pendingAlpha, pendingRoot, tw) => {
        const dividends = new AccountMap<bigint>()
        const stakes = new AccountMap<[bigint, bigint]>()
        for (const [hk, d, st] of rows) {
          dividends.set(hk, d)
          if (st !== undefined) stakes.set(hk, st)
        }
        expect(calculateDividendDistribution(pendingAlpha, pendingRoot, tw, stakes, dividends)).toEqual(bySteps(pendingAlpha, pendingRoot, tw, stakes, dividends))
      },
    ), { numRuns: 3_000 })
  })
})

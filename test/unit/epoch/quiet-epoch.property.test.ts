// A quiet epoch (no weight row and no bond row holds an entry: every freshly started subnet) does
// not read Kappa, BondsPenalty, BondsMovingAverage, the liquid-alpha parameters, Yuma3On, the last
// tempo, the registration blocks or the commit mask, and hands Yuma fixed values for them
// (QUIET_INPUTS). On random subnets whose rows are empty, Yuma's every output with those values
// equals its output with the real ones, whatever they are; and the epoch's explanation still shows
// the stored hyperparameters. Its Yuma result is then put together directly (yumaQuiet), held to
// yumaFast's on the same draws.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { QUIET_INPUTS, epochMechanism, isQuiet, readEpochInputs, zeros } from '../../../src/pallets/subtensor/epoch/run-epoch.js'
import { EpochView } from '../../../src/pallets/subtensor/epoch/epoch-view.js'
import { yumaFast, yumaQuiet } from '../../../src/pallets/subtensor/epoch/yuma-fast.js'
import { yumaReference } from '../../../src/pallets/subtensor/epoch/yuma-reference.js'
import type { Row, YumaInputs } from '../../../src/pallets/subtensor/epoch/yuma-types.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { u256 } from '../../conformance/subtensor/head-mock.js'
import { Ext } from '../../conformance/subtensor/weights-mock.js'
import { yumaInputsArb } from './yuma-inputs.arb.js'

/** A row: empty in most draws (the quiet case), else a few random entries. */
const rowArb = (n: number, emptyOnly: boolean): fc.Arbitrary<Row> =>
  emptyOnly
    ? fc.constant(null).map(() => ({ c: [], v: [] }))
    : fc.uniqueArray(fc.nat(n - 1), { maxLength: n }).chain((c) =>
      fc.array(fc.nat(65535), { minLength: c.length, maxLength: c.length }).map((v) => ({ c, v })))

/** Random Yuma inputs; weights and bonds each all empty with probability ~1/2. */
const inputsArb = yumaInputsArb({
  maxN: 12,
  rows: (n) => fc.boolean().chain((e) => fc.array(rowArb(n, e), { minLength: n, maxLength: n })),
})

const quietOf = (inp: YumaInputs): YumaInputs => ({ ...inp, ...QUIET_INPUTS, registered: zeros(inp.n) })
const copy = (inp: YumaInputs): YumaInputs => structuredClone(inp)

describe('a quiet epoch', () => {
  it('gives Yuma the result the unread inputs give, on random subnets without weight or bond entries', () => {
    let quiet = 0
    fc.assert(fc.property(inputsArb, (inp) => {
      if (!isQuiet(inp.weights, inp.bonds)) return
      quiet++
      const read = yumaFast(copy(inp))
      expect(yumaFast(quietOf(copy(inp)))).toEqual(read)
      expect(yumaReference(quietOf(copy(inp)))).toEqual(yumaReference(copy(inp)))
      expect(yumaQuiet(quietOf(copy(inp)))).toEqual(read)
    }), { numRuns: 2_000 })
    expect(quiet).toBeGreaterThan(300)
  })

  it('is not taken with any weight or bond entry (the unread inputs would matter then)', () => {
    let differs = 0
    fc.assert(fc.property(inputsArb, (inp) => {
      const hasEntry = inp.weights.some((r) => r.c.length > 0) || inp.bonds.some((r) => r.c.length > 0)
      expect(isQuiet(inp.weights, inp.bonds)).toBe(!hasEntry)
      if (hasEntry && JSON.stringify(yumaFast(quietOf(copy(inp)))) !== JSON.stringify(yumaFast(copy(inp)))) differs++
    }), { numRuns: 1_000 })
    expect(differs).toBeGreaterThan(100)
  })

  it('reads none of them, and its explanation still shows the stored ones', () => {
    const NET = 3
    const BLOCK = 120
    for (const [yuma3, liquid, commitReveal, lms] of [[true, true, true, 100n], [false, false, false, 0n], [true, false, true, 7n]] as const) {
      const x = new Ext(BLOCK)
      x.addNetwork(NET, 10)
      const hk = u256(1000)
      S.SubnetworkN.set(x.s, NET, 1)
      S.Keys.set(x.s, NET, 0, hk)
      S.Uids.set(x.s, NET, hk, 0)
      S.Yuma3On.set(x.s, NET, yuma3)
      S.LiquidAlphaOn.set(x.s, NET, liquid)
      S.CommitRevealWeightsEnabled.set(x.s, NET, commitReveal)
      S.LastMechansimStepBlock.set(x.s, NET, lms)
      S.Kappa.set(x.s, NET, 1234)
      S.BlockAtRegistration.set(x.s, NET, 0, 17n)
      const { inputs, lastTempo } = readEpochInputs(x.s, NET, 0, BigInt(BLOCK), new EpochView(x.s, NET))
      expect(lastTempo).toBe(null)
      expect(inputs).toMatchObject({ ...QUIET_INPUTS, registered: [0] })
      const quick = epochMechanism(x.s, NET, 0, 1_000n, BigInt(BLOCK))
      // (another core function runs Yuma's steps: the same terms)
      expect(quick.terms).toEqual(epochMechanism(x.s, NET, 0, 1_000n, BigInt(BLOCK), (i) => yumaFast(i)).terms)
      const h = quick.explanation.hyperparameters
      expect(h).toMatchObject({ yuma3, liquidAlpha: liquid, commitReveal, kappa: 1234, lastTempo: lms !== 0n ? Number(lms) + 1 : BLOCK - 10 })
      // With a weight entry the epoch is not quiet and reads them all.
      S.Weights.set(x.s, NET, 0, [[0, 5]])
      const full = readEpochInputs(x.s, NET, 0, BigInt(BLOCK), new EpochView(x.s, NET))
      expect(full.inputs).toMatchObject({ yuma3, registered: [17], commitBlocks: commitReveal ? [Infinity] : null })
    }
  })
})

// Random Yuma inputs for the property tests of the Yuma cores: a subnet of 1..maxN uids with
// activity, registration and commit masks, stakes normalised to I32F32, permits (sometimes one
// short), an owner, hyperparameters in the chain's units (u16 fractions as I32F32 bits, the bonds
// moving average as the EMA alpha, liquid alpha's bounds), and weight and bond rows from `rows`.
import fc from 'fast-check'
import type { Row, YumaInputs } from '../../../src/pallets/subtensor/epoch/yuma-types.js'

const TWO32 = 2 ** 32

/** Raw stakes as I32F32 shares of their sum (all zero when the sum is). */
function normalise(raw: number[]): number[] {
  const s = raw.reduce((a, b) => a + b, 0)
  if (s === 0) return raw.map(() => 0)
  return raw.map((x) => Math.floor((x * TWO32) / s))
}

export interface YumaInputsShape {
  maxN: number
  /** n rows (drawn once for the weights, once for the bonds). */
  rows: (n: number) => fc.Arbitrary<Row[]>
  bondsPenalty?: fc.Arbitrary<number>
}

export function yumaInputsArb({ maxN, rows, bondsPenalty = fc.nat(65535) }: YumaInputsShape): fc.Arbitrary<YumaInputs> {
  return fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc.record({
      inactive: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      lastUpdate: fc.array(fc.nat(20), { minLength: n, maxLength: n }),
      registered: fc.array(fc.nat(20), { minLength: n, maxLength: n }),
      commitBlocks: fc.option(fc.array(fc.oneof(fc.nat(20), fc.constant(Infinity)), { minLength: n, maxLength: n }), { nil: null }),
      stakeRaw: fc.array(fc.oneof(fc.constant(0), fc.nat(1_000_000)), { minLength: n, maxLength: n }),
      validatorPermits: fc.array(fc.boolean(), { minLength: n - 1 > 0 ? n - 1 : n, maxLength: n }),
      ownerUid: fc.option(fc.nat(n - 1), { nil: null }),
      weights: rows(n),
      bonds: rows(n),
      kappa: fc.nat(65535),
      bp: bondsPenalty,
      lastTempo: fc.nat(20),
      yuma3: fc.boolean(),
      bma: fc.nat(1_000_000),
      liquid: fc.option(fc.record({ low: fc.integer({ min: 1638, max: 65535 }), span: fc.nat(30000), steep: fc.integer({ min: -2000, max: 2000 }) }), { nil: null }),
    }).map((r): YumaInputs => {
      const fx = (u: number): number => Math.floor((u * TWO32) / 65535)
      const high = Math.min(65535, r.liquid ? r.liquid.low + r.liquid.span : 0)
      const bma64 = (BigInt(r.bma) << 64n) * (1n << 64n) / (1_000_000n << 64n)
      return {
        n, inactive: r.inactive, lastUpdate: r.lastUpdate, registered: r.registered, commitBlocks: r.commitBlocks,
        stake: normalise(r.stakeRaw), validatorPermits: r.validatorPermits, ownerUid: r.ownerUid, weights: r.weights, bonds: r.bonds,
        kappa: fx(r.kappa), bondsPenalty: fx(r.bp), lastTempo: r.lastTempo, yuma3: r.yuma3,
        emaAlpha: Number((1n << 32n) - (bma64 >> 32n)),
        liquidAlpha: r.liquid ? { low: BigInt(fx(r.liquid.low)), high: BigInt(fx(high)), steepness: BigInt(r.liquid.steep) << 32n } : null,
      }
    }))
}

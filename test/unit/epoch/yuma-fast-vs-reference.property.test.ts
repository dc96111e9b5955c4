// The production Yuma core (numbers, yuma-fast.ts) equals the bigint port of run_epoch.rs
// (yuma-reference.ts) on random subnets: every intermediate vector and matrix, bit for bit —
// unsorted and duplicate-free weight rows, owners, commit masks, both Yumas, liquid alpha, any
// bonds penalty.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { yumaFast } from '../../../src/pallets/subtensor/epoch/yuma-fast.js'
import { yumaReference } from '../../../src/pallets/subtensor/epoch/yuma-reference.js'
import type { Row, YumaInputs } from '../../../src/pallets/subtensor/epoch/yuma-types.js'

const TWO32 = 2 ** 32

function normalise(raw: number[]): number[] {
  const s = raw.reduce((a, b) => a + b, 0)
  if (s === 0) return raw.map(() => 0)
  return raw.map((x) => Math.floor((x * TWO32) / s))
}

const rowArb = (n: number, maxEntries: number): fc.Arbitrary<Row> =>
  fc.tuple(fc.uniqueArray(fc.nat(n - 1), { maxLength: Math.min(n, maxEntries) }), fc.boolean()).chain(([cols, sorted]) =>
    fc.array(fc.nat(65535), { minLength: cols.length, maxLength: cols.length }).map((v) => {
      const c = sorted ? [...cols].sort((a, b) => a - b) : cols
      return { c, v }
    }))

const inputsArb: fc.Arbitrary<YumaInputs> = fc.integer({ min: 1, max: 24 }).chain((n) =>
  fc.record({
    inactive: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    lastUpdate: fc.array(fc.nat(20), { minLength: n, maxLength: n }),
    registered: fc.array(fc.nat(20), { minLength: n, maxLength: n }),
    commitBlocks: fc.option(fc.array(fc.oneof(fc.nat(20), fc.constant(Infinity)), { minLength: n, maxLength: n }), { nil: null }),
    stakeRaw: fc.array(fc.oneof(fc.constant(0), fc.nat(1_000_000)), { minLength: n, maxLength: n }),
    validatorPermits: fc.array(fc.boolean(), { minLength: n - 1 > 0 ? n - 1 : n, maxLength: n }),
    ownerUid: fc.option(fc.nat(n - 1), { nil: null }),
    weights: fc.array(rowArb(n, n), { minLength: n, maxLength: n }),
    bonds: fc.array(rowArb(n, n), { minLength: n, maxLength: n }),
    kappa: fc.nat(65535),
    bp: fc.oneof(fc.constant(0), fc.constant(65535), fc.nat(65535)),
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

describe('yuma-fast ≡ yuma-reference', () => {
  it('agrees on every output for random subnets', () => {
    fc.assert(fc.property(inputsArb, (inp) => {
      expect(yumaFast(inp)).toEqual(yumaReference(inp))
    }), { numRuns: 400 })
  })
})

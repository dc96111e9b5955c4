// The production Yuma core (numbers, yuma-fast.ts) equals the bigint port of run_epoch.rs
// (yuma-reference.ts) on random subnets: every intermediate vector and matrix, bit for bit —
// unsorted and duplicate-free weight rows, owners, commit masks, both Yumas, liquid alpha, any
// bonds penalty.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { yumaFast } from '../../../src/pallets/subtensor/epoch/yuma-fast.js'
import { yumaReference } from '../../../src/pallets/subtensor/epoch/yuma-reference.js'
import type { Row } from '../../../src/pallets/subtensor/epoch/yuma-types.js'
import { yumaInputsArb } from './yuma-inputs.arb.js'

const rowArb = (n: number, maxEntries: number): fc.Arbitrary<Row> =>
  fc.tuple(fc.uniqueArray(fc.nat(n - 1), { maxLength: Math.min(n, maxEntries) }), fc.boolean()).chain(([cols, sorted]) =>
    fc.array(fc.nat(65535), { minLength: cols.length, maxLength: cols.length }).map((v) => {
      const c = sorted ? [...cols].sort((a, b) => a - b) : cols
      return { c, v }
    }))

const inputsArb = yumaInputsArb({
  maxN: 24,
  rows: (n) => fc.array(rowArb(n, n), { minLength: n, maxLength: n }),
  bondsPenalty: fc.oneof(fc.constant(0), fc.constant(65535), fc.nat(65535)),
})

describe('yuma-fast ≡ yuma-reference', () => {
  it('agrees on every output for random subnets', () => {
    fc.assert(fc.property(inputsArb, (inp) => {
      expect(yumaFast(inp)).toEqual(yumaReference(inp))
    }), { numRuns: 400 })
  })
})

// hasPrefix / isEmpty answer what listing the rows answers (iterPrefix, iter), whatever was written
// and removed, on a double map and an N-map.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cryptoReady } from '../../codec/hashing.js'
import { u16, u32, u64 } from '../../codec/types.js'
import { Overlay } from '../../storage/overlay.js'
import { Pallet } from './pallet.js'

await cryptoReady()
const p = new Pallet('PrefixTest', 201, 'pallet_prefix_test')
const Pairs = p.doubleMap<number, number, bigint>('Pairs', 'Blake2_128Concat', u16, 'Identity', u32, u64, { default: 0n })
const Triples = p.nmap<[number, number, number], bigint>('Triples', [['Identity', u16], ['Blake2_128Concat', u16], ['Identity', u32]], u64)

const op = fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 3 }), c: fc.integer({ min: 0, max: 2 }), remove: fc.boolean() })

describe('hasPrefix and isEmpty', () => {
  it('agree with the listings after random writes and removals', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const s = new Overlay({ get: () => null, keys: () => [] })
      for (const { a, b, c, remove } of ops) {
        if (remove) { Pairs.remove(s, a, b); Triples.remove(s, a, b, c) } else { Pairs.set(s, a, b, BigInt(c)); Triples.set(s, [a, b, c], BigInt(c)) }
      }
      expect(Pairs.isEmpty(s)).toBe([...Pairs.iter(s)].length === 0)
      for (let a = 0; a < 4; a++) {
        expect(Pairs.hasPrefix(s, a)).toBe([...Pairs.iterPrefix(s, a)].length > 0)
        expect(Triples.hasPrefix(s, a)).toBe([...Triples.iterPrefix(s, a)].length > 0)
        for (let b = 0; b < 4; b++) expect(Triples.hasPrefix(s, a, b)).toBe([...Triples.iterPrefix(s, a, b)].length > 0)
      }
    }), { numRuns: 300 })
  })
})

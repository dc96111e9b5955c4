// Decodings the accessors keep beside the stored bytes: what a read hands out is always what
// decoding the bytes gives, whatever callers did to what earlier reads handed them.
import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { cryptoReady } from '../../codec/hashing.js'
import { decode, encode } from '../../codec/scale.js'
import { composite, i128, option, tuple, u16, u32, u64, vec } from '../../codec/types.js'
import { Overlay } from '../../storage/overlay.js'
import { Pallet } from './pallet.js'

await cryptoReady()
const p = new Pallet('KeptTest', 201, 'pallet_kept_test')
const Fixed = composite('Fixed', [{ name: 'bits', type: i128, typeName: 'i128' }])
const Price = p.map<number, { bits: bigint }>('Price', 'Identity', u16, Fixed, { default: { bits: 7n } })
const Rows = p.map<number, number[]>('Rows', 'Identity', u16, vec(u16), { default: [] })
const Total = p.map<number, bigint>('Total', 'Identity', u16, u64, { default: 0n })
const Count = p.value<number>('Count', u32, { default: 0 })
const Maybe = p.map<number, bigint | null>('Maybe', 'Identity', u16, option(u64), { default: null })
const Opt = p.optionalMap<number, bigint>('Opt', 'Identity', u16, u64)
const PairTy = vec(tuple(u16, u16))
const Pairs = p.doubleMap<number, number, [number, number][]>('Pairs', 'Identity', u16, 'Identity', u16, PairTy, { default: [] })

// A committed state that hands out the same bytes object per key until it changes, as the state cache does.
function committed(entries: [Uint8Array, Uint8Array][]): Overlay {
  const m = new Map(entries.map(([k, v]) => [k.join(','), v]))
  return new Overlay({ get: (k) => m.get(k.join(',')) ?? null, keys: () => [] })
}

describe('kept decodings', () => {
  it('a mutable value read again is a fresh copy, equal to its decoding', () => {
    const s = committed([[Price.key(1), encode(Fixed, { bits: -3n })], [Rows.key(1), encode(vec(u16), [1, 2, 3])]])
    for (let i = 0; i < 4; i++) {
      const price = Price.get(s, 1)
      expect(price).toEqual({ bits: -3n })
      price.bits = 99n
      const rows = Rows.get(s, 1)
      expect(rows).toEqual([1, 2, 3])
      rows.push(4)
    }
    // defaults too
    for (let i = 0; i < 3; i++) { const d = Price.get(s, 2); expect(d).toEqual({ bits: 7n }); d.bits = 0n }
  })

  it('a write is read back, whether or not the value was kept', () => {
    const s = committed([[Price.key(1), encode(Fixed, { bits: 1n })]])
    Price.get(s, 1)
    Price.get(s, 1)
    const v = { bits: 2n }
    Price.set(s, 1, v)
    v.bits = 3n
    expect(Price.get(s, 1)).toEqual({ bits: 2n })
    s.startTransaction()
    Price.set(s, 1, { bits: 5n })
    expect(Price.get(s, 1)).toEqual({ bits: 5n })
    s.rollbackTransaction()
    expect(Price.get(s, 1)).toEqual({ bits: 2n })
  })

  it('an immutable value written is its own decoding only when it reads back as itself', () => {
    const s = committed([])
    Total.set(s, 1, 5 as unknown as bigint)
    expect(Total.get(s, 1)).toBe(5n)
    Total.set(s, 1, 6n)
    expect(Total.get(s, 1)).toBe(6n)
    Count.set(s, 4)
    expect(Count.get(s)).toBe(4)
    Maybe.set(s, 1, 3n)
    expect(Maybe.get(s, 1)).toBe(3n)
    Maybe.set(s, 1, null)
    expect(Maybe.get(s, 1)).toBeNull()
    s.startTransaction()
    Total.set(s, 1, 8n)
    s.rollbackTransaction()
    expect(Total.get(s, 1)).toBe(6n)
  })

  it('getPart reads what get reads, whatever happened to the key; the decoding is lent, not made again, while the bytes stand', () => {
    const s = committed([[Price.key(1), encode(Fixed, { bits: -3n })]])
    const other = committed([[Price.key(1), encode(Fixed, { bits: 9n })]])
    const bits = (v: { bits: bigint }): bigint => v.bits
    const check = (o: Overlay, n: number): void => { expect(Price.getPart(o, n, bits)).toBe(Price.get(o, n).bits) }
    check(s, 1)
    check(s, 1)
    // the same object each time: nothing decoded or copied
    const lent = Price.getPart(s, 1, (v) => v)
    expect(Price.getPart(s, 1, (v) => v)).toBe(lent)
    expect(lent).toEqual({ bits: -3n })
    Price.set(s, 1, { bits: 77n })
    check(s, 1)
    s.startTransaction()
    Price.set(s, 1, { bits: -5n })
    check(s, 1)
    s.rollbackTransaction()
    check(s, 1)
    expect(Price.getPart(s, 1, bits)).toBe(77n)
    check(other, 1)
    expect(Price.getPart(other, 1, bits)).toBe(9n)
    check(s, 1)
    Price.remove(s, 1)
    check(s, 1)
    expect(Price.getPart(s, 1, bits)).toBe(7n)
    // reads after a lent read still hand out fresh copies
    const copy = Price.get(s, 2)
    copy.bits = 100n
    expect(Price.getPart(s, 2, bits)).toBe(7n)
    expect(Maybe.getPart(s, 5, (v) => v)).toBeNull()
    // an item without a default has no part to read at an absent key
    expect(() => Opt.getPart(s, 5, (v) => v)).toThrow(/Opt: a part of an absent value/)
    Opt.set(s, 5, 4n)
    expect(Opt.getPart(s, 5, (v) => v)).toBe(4n)
  })

  it('a { bits } written is the decoding of its bytes: the next block reads it without decoding, as fresh copies', () => {
    const s = new Overlay({ get: () => null, keys: () => [] })
    const v = { bits: -12n }
    Price.set(s, 3, v)
    v.bits = 1n
    // the next block's state hands out the very bytes written, as the state cache does
    const written = new Map([...s.changes()].map(([k, b]) => [k, b!]))
    const next = new Overlay({ get: (_k, ks) => written.get(ks!) ?? null, keys: () => [] })
    const decode = vi.spyOn(Price as unknown as { decodeValue(raw: Uint8Array): unknown }, 'decodeValue')
    try {
      const a = Price.get(next, 3)
      expect(a).toEqual({ bits: -12n })
      a.bits = 5n
      expect(Price.get(next, 3)).toEqual({ bits: -12n })
      expect(Price.getPart(next, 3, (x) => x.bits)).toBe(-12n)
      expect(decode).not.toHaveBeenCalled()
    } finally {
      decode.mockRestore()
    }
    // a field that would not read back as itself (a number for an i128) is not kept
    Price.set(s, 4, { bits: 6 as unknown as bigint })
    expect(Price.get(s, 4)).toEqual({ bits: 6n })
  })
})

describe('raw double-map rows (raw, setRaw)', () => {
  type Op =
    | { kind: 'setRaw' | 'set'; k1: number; k2: number; row: [number, number][] }
    | { kind: 'remove' | 'get' | 'raw'; k1: number; k2: number }
    | { kind: 'start' | 'commit' | 'rollback' }
  const k = fc.nat(2)
  const row = fc.array(fc.tuple(fc.nat(65_535), fc.nat(65_535)), { maxLength: 3 })
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constantFrom('setRaw' as const, 'set' as const), k1: k, k2: k, row }),
    fc.record({ kind: fc.constantFrom('remove' as const, 'get' as const, 'raw' as const), k1: k, k2: k }),
    fc.record({ kind: fc.constantFrom('start' as const, 'commit' as const, 'rollback' as const) }),
  )

  it('read and write the bytes the typed accessors and the plain key read and write, kept decodings never stale', () => {
    fc.assert(fc.property(fc.array(fc.tuple(k, k, row)), fc.array(op, { maxLength: 40 }), (stored, ops) => {
      const s = committed(stored.map(([a, b, r]) => [Pairs.key(a, b), encode(PairTy, r)]))
      // The model: encoded rows by key, one map per open transaction.
      let model = new Map(stored.map(([a, b, r]) => [`${a},${b}`, encode(PairTy, r)]))
      const saved: Map<string, Uint8Array>[] = []
      const check = (a: number, b: number): void => {
        const want = model.get(`${a},${b}`) ?? null
        expect(Pairs.raw(s, a, b)).toEqual(want)
        expect(s.get(Pairs.key(a, b))).toEqual(want)
        expect(Pairs.get(s, a, b)).toEqual(want === null ? [] : decode(PairTy, want))
      }
      for (const o of ops) {
        if (o.kind === 'setRaw') { const b = encode(PairTy, o.row); Pairs.setRaw(s, o.k1, o.k2, b); model.set(`${o.k1},${o.k2}`, b) }
        else if (o.kind === 'set') { Pairs.set(s, o.k1, o.k2, o.row); model.set(`${o.k1},${o.k2}`, encode(PairTy, o.row)) }
        else if (o.kind === 'remove') { Pairs.remove(s, o.k1, o.k2); model.delete(`${o.k1},${o.k2}`) }
        else if (o.kind === 'get' || o.kind === 'raw') check(o.k1, o.k2)
        else if (o.kind === 'start') { s.startTransaction(); saved.push(new Map(model)) }
        else if (saved.length > 0) { const m = saved.pop()!; if (o.kind === 'rollback') { s.rollbackTransaction(); model = m } else s.commitTransaction() }
      }
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) check(a, b)
    }), { numRuns: 300 })
  })
})

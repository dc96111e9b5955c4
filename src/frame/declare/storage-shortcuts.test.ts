// The storage accessors' shortcuts give the bytes and keys of the generic paths.
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cryptoReady, hashKey, storagePrefix } from '../../codec/hashing.js'
import { decode, encode } from '../../codec/scale.js'
import { bool, composite, i128, i64, str, u128, u16, u32, u64, u8, vec, type Ty } from '../../codec/types.js'
import { Overlay } from '../../storage/overlay.js'
import { Pallet } from './pallet.js'
import { fixedEncoder } from './fixed-values.js'

beforeAll(async () => { await cryptoReady() })

describe('fixedEncoder', () => {
  it('writes the bytes encode() writes for every u64/u128/i64/i128 in range, and declines the rest', () => {
    const Newtype = composite('Balance', [{ type: u64 }])
    const cases: Array<[Ty, bigint, bigint]> = [
      [u64, 0n, (1n << 64n) - 1n], [u128, 0n, (1n << 128n) - 1n], [Newtype, 0n, (1n << 64n) - 1n],
      [i64, -(1n << 63n), (1n << 63n) - 1n], [i128, -(1n << 127n), (1n << 127n) - 1n],
    ]
    for (const [t, min, max] of cases) {
      const enc = fixedEncoder(t)!
      fc.assert(fc.property(fc.bigInt({ min, max }), (v) => {
        expect(enc(v)).toEqual(encode(t, v))
        // What write() remembers as the decoding of the bytes it wrote.
        expect(decode(t, enc(v)!)).toBe(v)
      }), { numRuns: 500 })
      // (around the 64-bit word boundaries too: 8- and 16-byte values are stored a word at a time)
      const W = 1n << 64n
      for (const v of [min, min + 1n, 0n, 1n, -1n, 255n, 256n, -256n, (1n << 48n) - 1n, 1n << 48n, -(1n << 48n), (1n << 63n) - 1n, 1n << 63n, -(1n << 63n), -(1n << 63n) - 1n, W - 1n, W, W + 1n, -W, -W - 1n, -W + 1n, max - 1n, max]) {
        if (v >= min && v <= max) expect(enc(v)).toEqual(encode(t, v))
      }
      expect(enc(min - 1n)).toBeNull()
      expect(enc(max + 1n)).toBeNull()
      expect(enc(5)).toBeNull()
    }
  })

  it('hands out values that keep their bytes while later values are written (shared slabs, no overlap)', () => {
    const wide = fixedEncoder(u128)!
    const word = fixedEncoder(u64)!
    const signed = fixedEncoder(i128)!
    const narrow = fixedEncoder(u32)!
    const written: Array<[Uint8Array, Uint8Array]> = []
    for (let i = 0; i < 200; i++) {
      const v = BigInt(i) * 0x0102030405060708090a0b0c0d0e0fn
      const w = BigInt(i) * 0x0102030405060708n
      written.push([wide(v)!, encode(u128, v)], [narrow(i * 65_537)!, encode(u32, i * 65_537)])
      written.push([word(w)!, encode(u64, w)], [signed(-v)!, encode(i128, -v)], [wide(w)!, encode(u128, w)])
    }
    for (const [bytes, expected] of written) expect(bytes).toEqual(expected)
  })

  it('writes u8/u16/u32 numbers and bools as encode() does, and declines the rest', () => {
    for (const [t, bits] of [[u8, 8], [u16, 16], [u32, 32]] as const) {
      const enc = fixedEncoder(t)!
      fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** bits - 1 }), (v) => {
        expect(enc(v)).toEqual(encode(t, v))
        expect(decode(t, enc(v)!)).toBe(v)
      }), { numRuns: 500 })
      for (const v of [-1, 2 ** bits, 1.5, Number.NaN, 3n, '3', null]) expect(enc(v)).toBeNull()
    }
    const b = fixedEncoder(bool)!
    expect(b(true)).toEqual(encode(bool, true))
    expect(b(false)).toEqual(encode(bool, false))
    expect(b(1)).toBeNull()
  })

  it('writes one-field structs ({ bits } fixed point) by their field, and declines other shapes', () => {
    const Fixed = composite('FixedU128', [{ name: 'bits', type: u128 }])
    const enc = fixedEncoder(Fixed)!
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v) => {
      expect(enc({ bits: v })).toEqual(encode(Fixed, { bits: v }))
    }), { numRuns: 300 })
    expect(enc({ bits: -1n })).toBeNull()
    expect(enc({})).toBeNull()
    expect(enc(null)).toBeNull()
    expect(enc(5n)).toBeNull()
    expect(fixedEncoder(composite('Pair', [{ name: 'a', type: u64 }, { name: 'b', type: u64 }]))).toBeNull()
    expect(fixedEncoder(str)).toBeNull()
  })
})

describe('StorageMap with a small-integer key', () => {
  it('uses the same keys and values as the generic path', () => {
    const p = new Pallet('Test', 200, 'pallet_test')
    const M = p.map<number, bigint>('M', 'Twox64Concat', u16, u64, { default: 0n, docs: [] })
    const s = new Overlay({ get: () => null, keys: () => [] })
    for (const k of [0, 1, 2, 4095, 65_535]) {
      M.set(s, k, BigInt(k) * 3n)
      expect(M.key(k)).toEqual(new Uint8Array([...storagePrefix('Test', 'M'), ...hashKey('Twox64Concat', encode(u16, k))]))
      expect(s.get(M.key(k))).toEqual(encode(u64, BigInt(k) * 3n))
      expect(M.get(s, k)).toBe(BigInt(k) * 3n)
      expect(M.mutate(s, k, (v) => v + 1n)).toBe(BigInt(k) * 3n + 1n)
    }
    expect([...M.iterKeys(s)].sort((a, b) => a - b)).toEqual([0, 1, 2, 4095, 65_535])
  })
})

describe('tryGetLent', () => {
  it('gives what get() gives where contains() holds, and null where it does not (a stored default included)', () => {
    const p = new Pallet('Test', 201, 'pallet_test')
    const M = p.map<number, bigint>('M', 'Twox64Concat', u16, u64, { default: 0n, docs: [] })
    const D = p.doubleMap<number, number, number[]>('D', 'Twox64Concat', u16, 'Identity', u32, vec(u16), { default: [], docs: [] })
    const s = new Overlay({ get: () => null, keys: () => [] })
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.option(fc.bigInt({ min: 0n, max: 9n })), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }))), (ops) => {
      for (const [k, v, row] of ops) {
        if (v === null) { M.remove(s, k); D.remove(s, k, k + 1) } else { M.set(s, k, v); D.set(s, k, k + 1, row) }
        for (let j = 0; j < 8; j++) {
          expect(M.tryGetLent(s, j)).toEqual(M.contains(s, j) ? M.get(s, j) : null)
          expect(D.tryGetLent(s, j, j + 1)).toEqual(D.contains(s, j, j + 1) ? D.get(s, j, j + 1) : null)
        }
      }
    }), { numRuns: 100 })
  })
})

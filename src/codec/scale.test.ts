import { TypeRegistry } from '@polkadot/types'
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compactBytes, decode, encode, putBigLE, readCompact, Reader, ScaleError } from './scale.js'
import { zeroOf } from './zero.js'
import { bool, bytes, compact, composite, enumOf, f, option, str, tuple, u8, u16, u32, u64, u128, vec, i32, i64, i128 } from './types.js'

const reg = new TypeRegistry()
const pjs = (type: string, v: unknown): string => u8aToHex(reg.createType(type, v).toU8a())

describe('SCALE codec agrees with @polkadot/types', () => {
  it('primitives', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
      expect(u8aToHex(encode(u32, n))).toBe(pjs('u32', n))
      expect(decode(u32, encode(u32, n))).toBe(n)
    }))
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
      expect(u8aToHex(encode(u64, n))).toBe(pjs('u64', n))
      expect(decode(u64, encode(u64, n))).toBe(n)
    }))
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (n) => {
      expect(u8aToHex(encode(u128, n))).toBe(pjs('u128', n))
      expect(decode(u128, encode(u128, n))).toBe(n)
    }))
    // Small magnitudes too (most balances), where the codec takes a Number fast path.
    fc.assert(fc.property(fc.oneof(fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n }), fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n })), (n) => {
      expect(u8aToHex(encode(i128, n))).toBe(pjs('i128', n))
      expect(decode(i128, encode(i128, n))).toBe(n)
      expect(u8aToHex(encode(i64, BigInt.asIntN(64, n)))).toBe(pjs('i64', BigInt.asIntN(64, n)))
      expect(decode(i64, encode(i64, BigInt.asIntN(64, n)))).toBe(BigInt.asIntN(64, n))
    }))
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => {
      expect(u8aToHex(encode(i32, n))).toBe(pjs('i32', n))
      expect(decode(i32, encode(i32, n))).toBe(n)
    }))
    expect(u8aToHex(encode(bool, true))).toBe('0x01')
    expect(u8aToHex(encode(str, 'héllo'))).toBe(pjs('Text', 'héllo'))
  })

  it('compact integers across every length class', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (n) => {
      expect(u8aToHex(encode(compact(u128), n))).toBe(pjs('Compact<u128>', n))
      expect(decode(compact(u128), encode(compact(u128), n))).toBe(n)
    }))
    for (const n of [0, 63, 64, 16383, 16384, 2 ** 30 - 1, 2 ** 30]) expect(u8aToHex(compactBytes(n))).toBe(pjs('Compact<u64>', n))
  })

  it('rejects non-canonical compact encodings, as parity-scale-codec does', () => {
    expect(() => readCompact(new Reader(new Uint8Array([0x01, 0x00])))).toThrow(ScaleError)
    expect(() => readCompact(new Reader(new Uint8Array([0x03, 0xff, 0xff, 0xff, 0x00])))).toThrow(ScaleError)
  })

  it('vectors, tuples, options, structs and enums', () => {
    const Rec = composite('test::Rec', [f('a', u16), f('b', vec(u32)), f('c', option(u64)), f('d', bytes)])
    const v = { a: 7, b: [1, 2, 300000], c: 5n, d: new Uint8Array([9, 8]) }
    reg.register({ Rec: { a: 'u16', b: 'Vec<u32>', c: 'Option<u64>', d: 'Bytes' } })
    expect(u8aToHex(encode(Rec, v))).toBe(pjs('Rec', { ...v, d: u8aToHex(v.d) }))
    expect(decode(Rec, encode(Rec, v))).toEqual(v)
    expect(decode(Rec, encode(Rec, { ...v, c: null }))).toEqual({ ...v, c: null })
    const E = enumOf('test::E', ['A', ['B', [{ type: u32 }]], ['C', [f('x', u8), f('y', bool)]]])
    reg.register({ E: { _enum: { A: 'Null', B: 'u32', C: { x: 'u8', y: 'bool' } } } } as unknown as Record<string, string>)
    expect(u8aToHex(encode(E, { type: 'B', value: 42 }))).toBe(pjs('E', { B: 42 }))
    expect(u8aToHex(encode(E, { type: 'C', value: { x: 1, y: true } }))).toBe(pjs('E', { C: { x: 1, y: true } }))
    expect(decode(E, encode(E, { type: 'A' }))).toEqual({ type: 'A' })
    expect(u8aToHex(encode(tuple(u8, u32), [1, 2]))).toBe(pjs('(u8, u32)', [1, 2]))
  })

  it('refuses trailing bytes, short input and unknown variants', () => {
    expect(() => decode(u32, new Uint8Array([1, 0, 0, 0, 0]))).toThrow(/trailing/)
    expect(() => decode(u32, new Uint8Array([1, 0]))).toThrow(ScaleError)
    expect(() => decode(enumOf('test::F', ['A']), new Uint8Array([3]))).toThrow(/variant/)
    expect(() => decode(bool, new Uint8Array([2]))).toThrow(ScaleError)
  })

  it('zeroOf encodes to zero bytes for plain data', () => {
    const T = composite('test::Z', [f('n', u32), f('m', u64), f('v', vec(u8))])
    expect(u8aToHex(encode(T, zeroOf(T)))).toBe('0x' + '00'.repeat(13))
  })
})

describe('putBigLE / Reader.bigLE (native 64-bit paths)', () => {
  /** Reference: the low `n` bytes of `v` (two's complement), one byte at a time. */
  const refBytes = (v: bigint, n: number): number[] => Array.from({ length: n }, (_, i) => Number(BigInt.asUintN(8 * n, v) >> BigInt(8 * i) & 0xffn))
  let seed = 12345
  const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
  const randBig = (bits: number): bigint => { let v = 0n; for (let b = 0; b < bits; b += 24) v = (v << 24n) | BigInt(Math.floor(rand() * 2 ** 24)); return BigInt.asUintN(bits, v) }

  it('writes the low n bytes of any value, negative or wider than n bytes, for every width', () => {
    for (let n = 1; n <= 33; n++) {
      const cases = [0n, 1n, -1n, -2n, (1n << 64n) - 1n, 1n << 64n, (1n << 128n) - 1n, -(1n << 100n)]
      for (let i = 0; i < 40; i++) cases.push(randBig(1 + Math.floor(rand() * 140)), -randBig(1 + Math.floor(rand() * 140)))
      for (const v of cases) {
        const out = new Uint8Array(n + 2).fill(0xaa)
        putBigLE(out, 1, v, n)
        expect([...out]).toEqual([0xaa, ...refBytes(v, n), 0xaa])
      }
    }
  })

  it('reads back every unsigned value of 8 and 16 bytes, whatever its number of significant bytes', () => {
    for (const n of [8, 16, 32]) {
      for (let bits = 0; bits <= 8 * n; bits += 3) {
        const v = bits === 0 ? 0n : randBig(bits) | (1n << BigInt(bits - 1))
        const bytes = new Uint8Array(refBytes(v, n))
        const r = new Reader(bytes)
        expect(r.bigLE(n)).toBe(v)
        expect(r.remaining).toBe(0)
      }
    }
  })
})

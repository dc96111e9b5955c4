// The storage accessors' shortcuts give the bytes and keys of the generic paths.
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cryptoReady, hashKey, storagePrefix } from '../../codec/hashing.js'
import { decode, encode } from '../../codec/scale.js'
import { composite, u128, u16, u32, u64 } from '../../codec/types.js'
import { Overlay } from '../../storage/overlay.js'
import { Pallet } from './pallet.js'
import { unsignedEncoder } from './storage.js'

beforeAll(async () => { await cryptoReady() })

describe('unsignedEncoder', () => {
  it('writes the bytes encode() writes for every u64/u128 in range, and declines the rest', () => {
    const Newtype = composite('Balance', [{ type: u64 }])
    for (const t of [u64, u128, Newtype]) {
      const enc = unsignedEncoder(t)!
      const bits = t === u128 ? 128 : 64
      fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }), (v) => {
        expect(enc(v)).toEqual(encode(t, v))
        // What write() remembers as the decoding of the bytes it wrote.
        expect(decode(t, enc(v)!)).toBe(v)
      }), { numRuns: 500 })
      for (const v of [0n, 1n, 255n, 256n, (1n << 48n) - 1n, 1n << 48n, (1n << BigInt(bits)) - 1n]) expect(enc(v)).toEqual(encode(t, v))
      expect(enc(-1n)).toBeNull()
      expect(enc(1n << BigInt(bits))).toBeNull()
      expect(enc(5)).toBeNull()
    }
    expect(unsignedEncoder(u32)).toBeNull()
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

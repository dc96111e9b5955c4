// roundTrips says exactly when decode(encode(v)) is v; copierOf's copies equal a fresh decoding and
// share nothing mutable with what they copy.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decode, encode, Some } from './scale.js'
import { bool, bytes, compact, composite, enumOf, i128, i32, option, str, tuple, u128, u16, u32, u64, u8, u8a32, vec } from './types.js'
import { copierOf, decodesImmutable, roundTrips } from './value-copy.js'

const Fixed = composite('Fixed', [{ name: 'bits', type: i128, typeName: 'i128' }])
const Balance = composite('Balance', [{ type: u64 }])
const Info = composite('Info', [
  { name: 'owner', type: u8a32 },
  { name: 'stakes', type: vec(u64) },
  { name: 'pairs', type: vec(tuple(u16, u16)) },
  { name: 'price', type: Fixed },
  { name: 'tag', type: option(u32) },
  { name: 'name', type: bytes },
])
const Action = enumOf('Action', ['Idle', ['Move', [{ type: u16 }]], ['Set', [{ name: 'who', type: u8a32 }, { name: 'amount', type: u128 }]]])

describe('roundTrips', () => {
  it('accepts exactly the values that read back as themselves', () => {
    const cases: [Parameters<typeof roundTrips>[0], unknown, boolean][] = [
      [u64, 5n, true], [u64, 5, false], [u32, 7, true], [u32, 7n, false], [u16, -0, false], [bool, true, true], [bool, 1, false],
      [Balance, 9n, true], [Balance, 9, false], [compact(u32), 3, true], [compact(u32), 3n, false], [compact(u128), 3n, true], [compact(u128), 3, false],
      [option(u64), null, true], [option(u64), undefined, false], [option(u64), 4n, true], [option(u64), new Some(4n), false], [option(option(u8)), null, true],
    ]
    for (const [t, v, ok] of cases) {
      const check = roundTrips(t)!
      expect(check(v), `${t.def.tag} ${String(v)}`).toBe(ok)
      if (ok) expect(Object.is(decode(t, encode(t, v)), v)).toBe(true)
    }
    expect(roundTrips(str)).toBeNull()
    expect(roundTrips(Fixed)).toBeNull()
  })

  it('holds for every in-range integer of each width', () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (n, b) => {
      expect(Object.is(decode(i32, encode(i32, n)), n)).toBe(roundTrips(i32)!(n))
      expect(decode(u128, encode(u128, b))).toBe(b)
      expect(roundTrips(u128)!(b)).toBe(true)
    }), { numRuns: 300 })
  })
})

describe('copierOf', () => {
  it('copies equal a decoding and share nothing mutable', () => {
    const v = {
      owner: new Uint8Array(32).fill(3), stakes: [1n, 2n], pairs: [[1, 2], [3, 4]], price: { bits: -5n }, tag: null, name: new Uint8Array([9]),
    }
    const decoded = decode<typeof v>(Info, encode(Info, v))
    const copy = copierOf(Info)!(decoded) as typeof v
    expect(copy).toEqual(decoded)
    expect(copy.owner).not.toBe(decoded.owner)
    expect(copy.stakes).not.toBe(decoded.stakes)
    expect(copy.pairs[0]).not.toBe(decoded.pairs[0])
    expect(copy.price).not.toBe(decoded.price)
    copy.stakes.push(3n)
    copy.owner[0] = 0
    expect(decoded.stakes).toEqual([1n, 2n])
    expect(decoded.owner[0]).toBe(3)
  })

  it('copies enums by variant, and Options', () => {
    const c = copierOf(Action)!
    for (const a of [{ type: 'Idle' }, { type: 'Move', value: 7 }, { type: 'Set', value: { who: new Uint8Array(32).fill(1), amount: 10n } }]) {
      const d = decode(Action, encode(Action, a))
      const copy = c(d)
      expect(copy).toEqual(d)
      if (typeof a.value === 'object') expect((copy as { value: unknown }).value).not.toBe((d as { value: unknown }).value)
    }
    const o = copierOf(option(Fixed))!
    expect(o(null)).toBeNull()
    expect(o({ bits: 1n })).toEqual({ bits: 1n })
  })

  it('declines byte strings, and immutable types copy as themselves', () => {
    expect(copierOf(bytes)).toBeNull()
    expect(copierOf(u8a32)).toBeNull()
    expect(decodesImmutable(Balance)).toBe(true)
    expect(copierOf(Balance)!(5n)).toBe(5n)
  })
})

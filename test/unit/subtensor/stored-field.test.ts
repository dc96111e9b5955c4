// storedField: the field as the accessor reads it, whatever happened to the key in between;
// decoded again only when the stored bytes changed.
import { describe, expect, it } from 'vitest'
import { newStore } from '../../../src/pallets/test-utils.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/storage.js'
import { storedField } from '../../../src/frame/declare/stored-field.js'

describe('storedField', () => {
  it('follows writes, removals, rollbacks and other stores; decodes once per stored value', () => {
    let decodes = 0
    const bits = storedField(S.SubnetMovingPrice, (v) => { decodes++; return v.bits })
    const s = newStore()
    const check = (n: number): void => { expect(bits(s, n)).toBe(S.SubnetMovingPrice.get(s, n).bits) }
    check(3)
    S.SubnetMovingPrice.set(s, 3, { bits: 77n })
    check(3)
    const before = decodes
    for (let i = 0; i < 5; i++) check(3)
    expect(decodes).toBe(before)
    s.startTransaction()
    S.SubnetMovingPrice.set(s, 3, { bits: -5n })
    check(3)
    s.rollbackTransaction()
    check(3)
    expect(bits(s, 3)).toBe(77n)
    S.SubnetMovingPrice.remove(s, 3)
    check(3)
    expect(bits(s, 3)).toBe(0n)
    const other = newStore()
    S.SubnetMovingPrice.set(other, 3, { bits: 9n })
    expect(bits(other, 3)).toBe(9n)
    check(3)
    S.SubnetMovingPrice.set(s, 4, { bits: 1n << 100n })
    check(4)
    check(3)
  })

  it('tells an absent key from a stored default when asked to', () => {
    const bits = storedField(S.RootProp, (v) => v.bits, -1n)
    const s = newStore()
    expect(bits(s, 2)).toBe(-1n)
    S.RootProp.set(s, 2, { bits: 0n })
    expect(bits(s, 2)).toBe(0n)
    S.RootProp.remove(s, 2)
    expect(bits(s, 2)).toBe(-1n)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeInlineLeaf } from './codec.js'
import { LEAF_OTHER_LENGTH, LEAF_OTHER_VALUE, LEAF_SAME_VALUE, matchInlineLeaf, withValue } from './inline-leaf.js'

const nibblesArb = fc.uint8Array({ minLength: 0, maxLength: 24 }).map((a) => a.map((x) => x & 0x0f))
const valueArb = fc.uint8Array({ minLength: 0, maxLength: 12 })

describe('inline leaves', () => {
  it('a rewrite with a value of the same length is the leaf encoded afresh with that value', () => {
    fc.assert(
      fc.property(nibblesArb, valueArb, fc.uint8Array({ minLength: 0, maxLength: 12 }), (key, old, other) => {
        const enc = encodeInlineLeaf(key, 0, key.length, old)
        fc.pre(enc !== undefined)
        // Another value of the old one's length: the drawn one when it has it, else the old one with its first byte changed.
        const value = other.length === old.length ? other : old.map((b, i) => (i === 0 ? b ^ 1 : b))
        const m = matchInlineLeaf(enc!, key, 0, key.length, value)
        const same = value.every((b, i) => b === old[i])
        expect(m).toBe(same ? LEAF_SAME_VALUE : LEAF_OTHER_VALUE)
        expect([...withValue(enc!, value)]).toEqual([...encodeInlineLeaf(key, 0, key.length, value)!])
      }),
      { numRuns: 2_000 },
    )
  })

  it('tells a value of another length apart', () => {
    const key = Uint8Array.of(1, 2, 3)
    const enc = encodeInlineLeaf(key, 0, 3, Uint8Array.of(7, 7))!
    expect(matchInlineLeaf(enc, key, 0, 3, Uint8Array.of(7, 7, 7))).toBe(LEAF_OTHER_LENGTH)
    expect(matchInlineLeaf(enc, Uint8Array.of(1, 2, 4), 0, 3, Uint8Array.of(7, 7))).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { HashCache } from './hash-cache.js'

function hash(seed: number, head = seed): Uint8Array {
  const h = new Uint8Array(32)
  h.fill(seed)
  h[0] = head & 0xff
  h[1] = head >> 8
  return h
}

describe('HashCache', () => {
  it('finds values by hash content, whatever array holds it, and at an offset in a longer key', () => {
    const c = new HashCache<string>(16)
    c.set(hash(1), 'one')
    expect(c.get(hash(1))).toBe('one')
    expect(c.get(hash(2))).toBeUndefined()
    const key = new Uint8Array(33)
    key[0] = 0x07
    key.set(hash(3), 1)
    c.set(key, 'three', 1)
    expect(c.get(hash(3))).toBe('three')
    expect(c.get(key, 1)).toBe('three')
    // Shorter than a hash: never found, refused as a key.
    expect(c.get(new Uint8Array(31))).toBeUndefined()
    expect(() => c.set(new Uint8Array(31), 'x')).toThrow()
  })

  it('tells apart hashes that share the four bytes it indexes by', () => {
    const c = new HashCache<number>(64)
    const a = hash(5, 9)
    const b = hash(6, 9)
    b.set(a.subarray(0, 4))
    expect(b.subarray(0, 4)).toEqual(a.subarray(0, 4))
    c.set(a, 1)
    c.set(b, 2)
    expect(c.get(a)).toBe(1)
    expect(c.get(b)).toBe(2)
    c.set(a, 3)
    expect(c.get(a)).toBe(3)
    expect(c.get(b)).toBe(2)
    expect(c.size).toBe(2)
  })

  it('holds between capacity and twice capacity entries; a hit in the old generation survives the next drop', () => {
    const c = new HashCache<number>(4)
    for (let i = 0; i < 4; i++) c.set(hash(10 + i), i) // young fills: becomes old
    expect(c.size).toBe(4)
    expect(c.get(hash(10))).toBe(0) // moved up to the young generation
    for (let i = 0; i < 3; i++) c.set(hash(20 + i), i) // young full again: the old one is dropped
    expect(c.get(hash(10))).toBe(0)
    expect(c.get(hash(11))).toBeUndefined()
    c.clear()
    expect(c.size).toBe(0)
    expect(c.get(hash(10))).toBeUndefined()
  })

  it('adds a value only under a hash it does not hold yet, in either generation', () => {
    const c = new HashCache<string>(2)
    expect(c.add(hash(1), 'one')).toBe(true)
    expect(c.add(hash(1), 'again')).toBe(false)
    expect(c.get(hash(1))).toBe('one')
    // hash(1) moves to the old generation; still held there.
    expect(c.add(hash(2), 'two')).toBe(true)
    expect(c.add(hash(1), 'again')).toBe(false)
    expect(c.add(hash(3), 'three')).toBe(true)
    expect(c.get(hash(3))).toBe('three')
    expect(() => c.add(new Uint8Array(31), 'x')).toThrow()
  })
})

import { describe, expect, it } from 'vitest'
import { BoundedCache } from './cache.js'

describe('BoundedCache', () => {
  it('never holds more than twice its capacity', () => {
    const c = new BoundedCache<number, number>(100)
    for (let i = 0; i < 10_000; i++) {
      c.set(i, i)
      expect(c.size).toBeLessThanOrEqual(200)
    }
    expect(c.get(9_999)).toBe(9_999)
    expect(c.get(0)).toBeUndefined()
  })

  it('keeps an entry that is read regularly while others stream through', () => {
    const c = new BoundedCache<string, number>(10)
    c.set('hot', 1)
    for (let i = 0; i < 1_000; i++) {
      c.set(`cold${i}`, i)
      if (i % 5 === 0) expect(c.get('hot')).toBe(1)
    }
  })

  it('forgets deleted entries', () => {
    const c = new BoundedCache<string, number>(4)
    c.set('a', 1)
    c.delete('a')
    expect(c.get('a')).toBeUndefined()
    expect(() => new BoundedCache(0)).toThrow()
  })
})

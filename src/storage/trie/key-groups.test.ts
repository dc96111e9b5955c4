import { describe, expect, it } from 'vitest'
import { KeyMemo } from './key-groups.js'
import { rng as seeded } from '../../../bench/lib/rng.js'

const latin1 = (bytes: number[]): string => String.fromCharCode(...bytes)

describe('KeyMemo', () => {
  it('gives the keys of one 32-byte prefix one group while it holds them', () => {
    const memo = new KeyMemo()
    const prefixes = [0x11, 0x22, 0x23].map((b) => new Array<number>(32).fill(b))
    const ids = prefixes.map((p) => new Set([0, 1, 2, 0x100, 0xffff].map((n) => memo.group(latin1([...p, n & 0xff, n >> 8])))))
    for (const s of ids) expect(s.size).toBe(1)
    expect(new Set(ids.map((s) => [...s][0])).size).toBe(3)
  })

  it('never gives one group to keys of two prefixes, across generations', () => {
    const memo = new KeyMemo()
    const rng = seeded(7)
    const prefixes = Array.from({ length: 60 }, (_, i) => latin1(Array.from({ length: 32 }, (_, j) => (j < 30 ? 0x40 : (i * 7 + j) & 0xff))))
    const prefixOf = new Map<number, string>()
    for (let n = 0; n < 30_000; n++) {
      const p = prefixes[Math.floor(rng() * prefixes.length)]!
      // Recurring keys (a small suffix space) and one-off ones.
      const suffix = rng() < 0.5 ? latin1([Math.floor(rng() * 4)]) : latin1([Math.floor(rng() * 256), Math.floor(rng() * 256), Math.floor(rng() * 256)])
      const g = memo.group(p + suffix)
      const seen = prefixOf.get(g)
      if (seen === undefined) prefixOf.set(g, p)
      else expect(seen).toBe(p)
    }
  })
})

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
  it('gives a batch\'s keys, in any order, the infos info gives them, across generations', () => {
    const memo = new KeyMemo()
    const rng = seeded(11)
    const keys = Array.from({ length: 600 }, (_, i) => latin1([...new Array<number>(32).fill(0x30 + (i % 7)), i & 0xff, i >> 8]))
    let order = keys.slice(0, 300)
    for (let batch = 0; batch < 200; batch++) {
      // Mostly the last batch's order; some keys dropped, moved or added (fresh string objects too).
      order = order.filter(() => rng() > 0.05)
      for (let j = 0; j < 10; j++) order.splice(Math.floor(rng() * order.length), 0, keys[Math.floor(rng() * keys.length)]!.slice())
      if (batch % 50 === 49) for (let j = 0; j < 5_000; j++) memo.info(latin1([0x99, j & 0xff, j >> 8, batch]))
      const batchKeys = [...new Set(order)]
      memo.startBatch()
      for (const k of batchKeys) {
        const got = memo.next(k)
        const want = memo.info(k)
        expect([...got.nibbles]).toEqual([...want.nibbles])
        expect(got.group).toBe(memo.group(k))
      }
      order = batchKeys
    }
  })
})

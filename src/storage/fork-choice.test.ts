import { u8aToHex } from '@polkadot/util'
import { describe, expect, it } from 'vitest'
import { descendsFrom, reorgRoute, type BlockRef, type ChainView } from './fork-choice.js'

// Tree:  G - A1 - A2 - A3        canonical (best A3)
//              \- B2 - B3
//         \- C1
const id = (name: string): Uint8Array => new TextEncoder().encode(name.padEnd(32, '.'))
const parents: Record<string, string> = { A1: 'G', A2: 'A1', A3: 'A2', B2: 'A1', B3: 'B2', C1: 'G' }
const numbers: Record<string, number> = { G: 0, A1: 1, A2: 2, A3: 3, B2: 2, B3: 3, C1: 1 }
const canonical = ['G', 'A1', 'A2', 'A3']
const name = (h: Uint8Array): string => new TextDecoder().decode(h).replace(/\.+$/, '')
const view: ChainView = {
  canonical: (n) => (canonical[n] === undefined ? undefined : id(canonical[n]!)),
  parentOf: (h) => (parents[name(h)] === undefined ? undefined : id(parents[name(h)]!)),
}
const ref = (n: string): BlockRef => ({ hash: id(n), number: numbers[n]! })
const route = (target: string, fin: string): string[] =>
  reorgRoute(view, ref('A3'), ref(target), ref(fin)).map((r) => `${name(r.hash)}#${r.number}`)

describe('fork choice walks', () => {
  it('routes a reorg down to the common ancestor', () => {
    expect(route('B3', 'G')).toEqual(['B3#3', 'B2#2'])
    expect(route('C1', 'G')).toEqual(['C1#1'])
    expect(route('A2', 'G')).toEqual([]) // an ancestor of best: nothing to enact
    expect(route('B3', 'A1')).toEqual(['B3#3', 'B2#2'])
  })

  it('refuses targets off the finalized chain, including ancestors of finalized', () => {
    expect(() => route('C1', 'A1')).toThrow(/does not descend from finalized/)
    expect(() => route('B3', 'A2')).toThrow(/does not descend from finalized/)
    expect(() => route('G', 'A1')).toThrow(/does not descend from finalized/)
    expect(() => route('A1', 'A2')).toThrow(new RegExp(u8aToHex(id('A2'))))
  })

  it('tells descendants of finalized', () => {
    expect(descendsFrom(view, ref('B3'), ref('A1'))).toBe(true)
    expect(descendsFrom(view, ref('B3'), ref('A2'))).toBe(false)
    expect(descendsFrom(view, ref('A3'), ref('A3'))).toBe(true)
    expect(descendsFrom(view, ref('C1'), ref('A1'))).toBe(false)
    expect(descendsFrom(view, ref('A1'), ref('A2'))).toBe(false)
    expect(descendsFrom(view, ref('C1'), ref('G'))).toBe(true)
  })
})

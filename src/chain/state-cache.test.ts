import { describe, expect, it } from 'vitest'
import { StateCache } from './state-cache.js'
import type { TrieView } from '../storage/trie/index.js'
import { fromKeyString, toKeyString } from '../storage/overlay.js'

const key = new Uint8Array([1, 2, 3])
const view = (v: number): TrieView => ({ get: () => new Uint8Array([v]), keys: () => [] }) as unknown as TrieView

describe('StateCache', () => {
  it('serves the cached block and falls back to the trie for other blocks', () => {
    const c = new StateCache()
    c.reset('A')
    const a = c.backend('A', view(1))
    expect(a.get(key)).toEqual(new Uint8Array([1]))
    expect(c.backend('B', view(2)).get(key)).toEqual(new Uint8Array([2]))
  })

  it('a reader of the old block does not see the next block\'s values after the cache advances', () => {
    const c = new StateCache()
    c.reset('A')
    const a = c.backend('A', view(1))
    expect(a.get(key)).toEqual(new Uint8Array([1]))
    c.advance('A', 'B', new Map([[toKeyString(key), new Uint8Array([9])]]))
    expect(a.get(key)).toEqual(new Uint8Array([1]))
    expect(c.backend('B', view(1)).get(key)).toEqual(new Uint8Array([9]))
  })
})

describe('StateCache key listings', () => {
  // A trie stand-in over a sorted map of key strings.
  const trie = (m: Map<string, Uint8Array>): TrieView => ({
    get: (k: Uint8Array) => m.get(toKeyString(k)) ?? null,
    keys: (prefix: Uint8Array, after?: Uint8Array) => {
      const p = toKeyString(prefix)
      const a = after ? toKeyString(after) : ''
      return [...m.keys()].filter((k) => k.startsWith(p) && k > a).sort().map(fromKeyString)
    },
  }) as unknown as TrieView
  const item = 'x'.repeat(32)

  it('lists a prefix once and keeps the listing right through each block\'s inserts and deletes', () => {
    const state = new Map<string, Uint8Array>()
    for (const s of ['a1', 'a3', 'a5', 'b1']) state.set(item + s, new Uint8Array([1]))
    const c = new StateCache()
    c.reset('A')
    const prefix = fromKeyString(item + 'a')
    const names = (it: Iterable<Uint8Array>): string[] => [...it].map((k) => toKeyString(k).slice(32))
    expect(names(c.backend('A', trie(state)).keys(prefix))).toEqual(['a1', 'a3', 'a5'])
    // Block B deletes a3, adds a2 and a9, rewrites a5, touches another prefix.
    const changes = new Map<string, Uint8Array | null>([[item + 'a3', null], [item + 'a2', new Uint8Array([2])], [item + 'a9', new Uint8Array([2])], [item + 'a5', new Uint8Array([3])], [item + 'b2', new Uint8Array([1])]])
    c.advance('A', 'B', changes)
    for (const [k, v] of changes) if (v === null) state.delete(k); else state.set(k, v)
    // Served from the listing: a stale trie stand-in would give the old answer.
    const stale = trie(new Map())
    expect(names(c.backend('B', stale).keys(prefix))).toEqual(['a1', 'a2', 'a5', 'a9'])
    expect(names(c.backend('B', stale).keys(prefix, fromKeyString(item + 'a2')))).toEqual(['a5', 'a9'])
    // Another block's reader goes to its own trie.
    expect(names(c.backend('A', trie(new Map([[item + 'a7', new Uint8Array([1])]]))).keys(prefix))).toEqual(['a7'])
  })
})

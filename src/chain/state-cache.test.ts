import { describe, expect, it } from 'vitest'
import { StateCache } from './state-cache.js'
import type { TrieView } from '../storage/trie/index.js'
import { toKeyString } from '../storage/overlay.js'

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

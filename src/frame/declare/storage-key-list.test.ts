// StorageMap.keyList: the keys iterKeys lists, decoded again only when the backend hands out
// another listing array (or the block's own keys under the prefix make the listing a merge).
import { describe, expect, it } from 'vitest'
import { cryptoReady } from '../../codec/hashing.js'
import { bool, u16 } from '../../codec/types.js'
import { keyString } from '../../storage/kv.js'
import { Overlay, type StateBackend } from '../../storage/overlay.js'
import { Pallet } from './pallet.js'

await cryptoReady()
const p = new Pallet('KeyListTest', 201, 'pallet_key_list_test')
const Added = p.map<number, boolean>('Added', 'Identity', u16, bool, { default: false })

/** A backend whose listing of Added is one array, as a state cache hands out while nothing changes it. */
function listingBackend(netuids: number[]): StateBackend & { listing: string[] } {
  const listing = netuids.map((n) => keyString(Added.key(n))).sort()
  return {
    listing,
    get: () => new Uint8Array([1]),
    keys: () => [],
    keyStrings() { return this.listing },
  }
}

describe('StorageMap.keyList', () => {
  it('lists what iterKeys lists, the same array while the listing stands', () => {
    const backend = listingBackend([3, 1, 7, 300])
    const s = new Overlay(backend)
    const first = Added.keyList(s)
    expect(first).toEqual([...Added.iterKeys(s)])
    expect(Added.keyList(new Overlay(backend))).toBe(first)
    // another listing (a network added): decoded again
    const grown = listingBackend([3, 1, 7, 300, 9])
    const again = Added.keyList(new Overlay(grown))
    expect(again).not.toBe(first)
    expect([...again].sort((a, b) => a - b)).toEqual([1, 3, 7, 9, 300])
  })

  it('follows the block\'s own keys under the prefix (a merged listing)', () => {
    const backend = listingBackend([2, 4])
    const s = new Overlay(backend)
    Added.keyList(s)
    Added.set(s, 5, true)
    expect(Added.keyList(s)).toEqual([...Added.iterKeys(s)])
    expect(Added.keyList(s)).toContain(5)
    Added.remove(s, 2)
    expect(Added.keyList(s)).not.toContain(2)
  })
})

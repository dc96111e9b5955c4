import { u8aToHex } from '@polkadot/util'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import { applyChanges, buildTrie, EMPTY_TRIE_ROOT, MemoryNodeStore, TrieNodeSet } from './index.js'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('TrieNodeSet', () => {
  it('reads as a map by 0x-hex hash of what it lists by hash bytes; a repeated hash counts once', () => {
    const a = enc('node a, long enough to be stored by hash in any real trie')
    const b = enc('node b')
    const set = new TrieNodeSet()
    set.add(blake2AsU8a(a, 256), a)
    set.add(blake2AsU8a(b, 256), b)
    set.add(blake2AsU8a(a, 256), a)
    expect(set.hashes.length).toBe(3)
    expect(set.size).toBe(2)
    expect(set.get(u8aToHex(blake2AsU8a(b, 256)))).toBe(b)
    expect(set.has(u8aToHex(blake2AsU8a(a, 256)))).toBe(true)
    expect(new Map(set)).toEqual(new Map([[u8aToHex(blake2AsU8a(a, 256)), a], [u8aToHex(blake2AsU8a(b, 256)), b]]))
    const seen: string[] = []
    set.forEach((v, k) => { expect(k).toBe(u8aToHex(blake2AsU8a(v, 256))); seen.push(k) })
    expect(seen.length).toBe(2)
    // Adding after a map read is seen by the next read.
    const c = enc('node c')
    set.add(blake2AsU8a(c, 256), c)
    expect(set.size).toBe(3)
    expect([...set.keys()]).toContain(u8aToHex(blake2AsU8a(c, 256)))
  })

  it('applyChanges lists every stored node under its own hash, the same set buildTrie produces', () => {
    const entries: [Uint8Array, Uint8Array][] = []
    for (let i = 0; i < 300; i++) entries.push([enc(`key-${i}`), i % 3 === 0 ? new Uint8Array(40).fill(i) : enc(`v${i}`)])
    const { root, newNodes } = applyChanges(new MemoryNodeStore(), EMPTY_TRIE_ROOT, entries, 1)
    for (let i = 0; i < newNodes.hashes.length; i++) expect(u8aToHex(newNodes.hashes[i]!)).toBe(u8aToHex(blake2AsU8a(newNodes.nodes[i]!, 256)))
    const built = buildTrie(entries, 1)
    expect(u8aToHex(root)).toBe(u8aToHex(built.root))
    expect([...newNodes.keys()].sort()).toEqual([...built.nodes.keys()].sort())
  })
})

// Read proofs and closest-descendant Merkle values.
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  applyChanges,
  blake2_256,
  closestDescendantMerkleValue,
  decodeNode,
  EMPTY_TRIE_ROOT,
  generateReadProof,
  InvalidProofError,
  MemoryNodeStore,
  trieHasherReady,
  verifyReadProof,
  type TrieVersion,
} from './index.js'
import { compareBytes } from './constants.js'
import { bytesToNibbles, unpackNibbles } from './nibbles.js'

type Entry = [Uint8Array, Uint8Array]

const keyArb = fc.uint8Array({ minLength: 0, maxLength: 4 }).map((k) => k.map((x) => [0x00, 0x01, 0x10, 0x7f, 0xff][x % 5]!))
const valueArb = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 6 }), fc.uint8Array({ minLength: 33, maxLength: 60 }))
const pairsArb = fc.array(fc.tuple(keyArb, valueArb), { minLength: 1, maxLength: 30 })

function setup(pairs: Entry[], version: TrieVersion): { store: MemoryNodeStore; root: Uint8Array; model: Map<string, Uint8Array> } {
  const store = new MemoryNodeStore()
  const r = applyChanges(store, EMPTY_TRIE_ROOT, pairs, version)
  store.put(r.newNodes)
  const model = new Map<string, Uint8Array>()
  for (const [k, v] of pairs) model.set(u8aToHex(k), v)
  return { store, root: r.root, model }
}

beforeAll(async () => {
  await trieHasherReady()
})

describe('read proofs', () => {
  it('verify to the stored values (present and absent keys); any tampering is rejected', () => {
    fc.assert(
      fc.property(pairsArb, fc.array(keyArb, { maxLength: 6 }), fc.constantFrom<TrieVersion>(0, 1), fc.nat(), (pairs, extra, version, pick) => {
        const { store, root, model } = setup(pairs, version)
        const keys = [...pairs.slice(0, 4).map(([k]) => k), ...extra]
        const proof = generateReadProof(store, root, keys)
        const got = verifyReadProof(root, proof, keys)
        for (const k of keys) expect(got.get(u8aToHex(k))).toEqual(model.get(u8aToHex(k)) ?? null)

        // Sorted, deduplicated, and every item is needed.
        const hexes = proof.map((p) => u8aToHex(p))
        expect(new Set(hexes).size).toBe(proof.length)
        expect([...proof].sort(compareBytes)).toEqual(proof)
        // The root node is stored by hash, so it is in every non-empty proof.
        expect(proof.some((p) => u8aToHex(blake2_256(p)) === u8aToHex(root))).toBe(true)

        const i = pick % proof.length
        const dropped = proof.filter((_, j) => j !== i)
        expect(() => verifyReadProof(root, dropped, keys)).toThrow(InvalidProofError)
        const tampered = proof.map((p) => p.slice())
        const t = tampered[i]!
        t[pick % t.length] ^= 1 + (pick % 255)
        expect(() => verifyReadProof(root, tampered, keys)).toThrow(InvalidProofError)
        expect(() => verifyReadProof(blake2_256(Uint8Array.of(1)), proof, keys)).toThrow(InvalidProofError)
      }),
      { numRuns: 200 },
    )
  })

  it('includes the value blob of a V1 hashed value', () => {
    const big = new Uint8Array(50).fill(3)
    const { store, root } = setup(
      [
        [Uint8Array.of(1), big],
        [Uint8Array.of(2), Uint8Array.of(2)],
      ],
      1,
    )
    const proof = generateReadProof(store, root, [Uint8Array.of(1)])
    expect(proof.map((p) => u8aToHex(p))).toContain(u8aToHex(big))
    const withoutValue = proof.filter((p) => u8aToHex(p) !== u8aToHex(big))
    expect(() => verifyReadProof(root, withoutValue, [Uint8Array.of(1)])).toThrow(InvalidProofError)
    // Reading only the other key does not need the blob.
    const other = generateReadProof(store, root, [Uint8Array.of(2)])
    expect(other.map((p) => u8aToHex(p))).not.toContain(u8aToHex(big))
  })

  it('empty trie: empty proof, every key absent', () => {
    expect(generateReadProof(new MemoryNodeStore(), EMPTY_TRIE_ROOT, [Uint8Array.of(1)])).toEqual([])
    expect(verifyReadProof(EMPTY_TRIE_ROOT, [], [Uint8Array.of(1)]).get('0x01')).toBeNull()
  })
})

/** Brute force: every node with its full nibble path and the reference its parent uses. */
function allNodes(store: MemoryNodeStore, root: Uint8Array): { path: number[]; merkle: Uint8Array }[] {
  const out: { path: number[]; merkle: Uint8Array }[] = []
  const visit = (merkle: Uint8Array, encoded: Uint8Array, parentPath: number[]): void => {
    const d = decodeNode(encoded)
    if (d === null) return
    const path = [...parentPath, ...unpackNibbles(d.partial, d.partialLen)]
    out.push({ path, merkle })
    d.children?.forEach((c, i) => {
      if (c) visit(c, c.length === 32 ? store.getNode(c)! : c, [...path, i])
    })
  }
  if (u8aToHex(root) !== u8aToHex(EMPTY_TRIE_ROOT)) visit(root, store.getNode(root)!, [])
  return out
}

describe('closestDescendantMerkleValue', () => {
  it('is the reference of the shortest-path node under the prefix', () => {
    fc.assert(
      fc.property(pairsArb, fc.array(keyArb, { maxLength: 8 }), (pairs, prefixes) => {
        const { store, root } = setup(pairs, 1)
        const nodes = allNodes(store, root)
        for (const prefix of [new Uint8Array(0), ...prefixes, ...pairs.map(([k]) => k)]) {
          const want = Array.from(bytesToNibbles(prefix))
          const under = nodes.filter((n) => n.path.length >= want.length && want.every((x, i) => n.path[i] === x))
          under.sort((a, b) => a.path.length - b.path.length)
          const expected = under.length === 0 ? null : u8aToHex(under[0]!.merkle)
          const got = closestDescendantMerkleValue(store, root, prefix)
          expect(got === null ? null : u8aToHex(got)).toBe(expected)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('gives the root hash for the empty prefix and null on the empty trie', () => {
    const { store, root } = setup([[Uint8Array.of(5), Uint8Array.of(5)]], 1)
    expect(closestDescendantMerkleValue(store, root, new Uint8Array(0))).toEqual(root)
    expect(closestDescendantMerkleValue(store, EMPTY_TRIE_ROOT, new Uint8Array(0))).toBeNull()
  })
})

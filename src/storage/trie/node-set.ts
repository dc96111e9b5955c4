// The nodes an update adds to the node database, as the trie produces them: hash and encoded
// node side by side, in the order they were hashed. It reads as a map from 0x-hex hash to node
// (what tests and small tools use), but the block store takes the hashes as bytes: a block's
// tens to hundreds of nodes then need no hex strings, no map and no parsing back.
import { toHex } from './hex.js'

export class TrieNodeSet implements ReadonlyMap<string, Uint8Array> {
  /** Node (or V1 hashed value) hashes, by position. */
  readonly hashes: Uint8Array[] = []
  /** Encoded nodes (or hashed values' bytes), by position. */
  readonly nodes: Uint8Array[] = []
  private index: Map<string, Uint8Array> | undefined

  /** A hash may come twice (two equal nodes in one update): with the same bytes, by content addressing. */
  add(hash: Uint8Array, node: Uint8Array): void {
    this.hashes.push(hash)
    this.nodes.push(node)
    this.index = undefined
  }

  private map(): Map<string, Uint8Array> {
    if (this.index === undefined) {
      const m = new Map<string, Uint8Array>()
      for (let i = 0; i < this.hashes.length; i++) m.set(toHex(this.hashes[i]!), this.nodes[i]!)
      this.index = m
    }
    return this.index
  }

  get size(): number { return this.map().size }
  get(key: string): Uint8Array | undefined { return this.map().get(key) }
  has(key: string): boolean { return this.map().has(key) }
  forEach(fn: (value: Uint8Array, key: string, map: ReadonlyMap<string, Uint8Array>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.map()) fn.call(thisArg, v, k, this)
  }
  entries(): MapIterator<[string, Uint8Array]> { return this.map().entries() }
  keys(): MapIterator<string> { return this.map().keys() }
  values(): MapIterator<Uint8Array> { return this.map().values() }
  [Symbol.iterator](): MapIterator<[string, Uint8Array]> { return this.map().entries() }
}

import { u8aToHex } from '@polkadot/util'
import { toHex } from './hex.js'

/** Read access to a node database: hash → encoded node, or a V1 hashed value's bytes. */
export interface NodeReader {
  getNode(hash: Uint8Array): Uint8Array | undefined
}

/** In-memory node database keyed by 0x-hex hash (tests, benches, small tools). */
export class MemoryNodeStore implements NodeReader {
  readonly nodes = new Map<string, Uint8Array>()

  getNode(hash: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(toHex(hash))
  }

  put(newNodes: Iterable<[string, Uint8Array]>): void {
    for (const [k, v] of newNodes) this.nodes.set(k, v)
  }

  get size(): number {
    return this.nodes.size
  }
}

export class MissingTrieNodeError extends Error {
  constructor(readonly hash: Uint8Array) {
    super(`trie node ${u8aToHex(hash)} is not in the store`)
    this.name = 'MissingTrieNodeError'
  }
}

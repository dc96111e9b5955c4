import { u8aToHex } from '@polkadot/util'
import { toHex } from './hex.js'

/** Read access to a node database: hash → encoded node, or a V1 hashed value's bytes. */
export interface NodeReader {
  /**
   * `root`: the state the node is read for. A store that finds only some states' nodes by hash
   * alone (the block store: the best state's and checkpoints') finds another state's through it.
   */
  getNode(hash: Uint8Array, root?: Uint8Array): Uint8Array | undefined
}

/** `store`, read for the state at `root`. */
export function readerAt(store: NodeReader, root: Uint8Array): NodeReader {
  return { getNode: (hash) => store.getNode(hash, root) }
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

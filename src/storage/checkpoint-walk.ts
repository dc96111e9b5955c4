// What a checkpoint copies under 'n': the nodes of one state that are only in packs. Every node
// of a state is either under 'n' or in a pack of the state's window (state-windows.ts), and 'n'
// holds whole subtrees (a node is copied there only with every node below it, or was there from
// genesis or a version-1 database). So the walk starts at the root and goes down only through
// nodes it finds in the window: a node not in it is under 'n' with everything below it.
import type { NodeList } from './node-pack.js'
import type { PackTable } from './pack-table.js'
import { decodeNode } from './trie/codec.js'
import { keyString } from './kv.js'
import { HASH_LEN } from './schema.js'

/** The nodes (and V1 hashed values) of the state at `root` that `window` holds, each once. */
export function windowNodesOfState(root: Uint8Array, window: PackTable): NodeList {
  const hashes: Uint8Array[] = []
  const nodes: Uint8Array[] = []
  // Equal subtrees may hang in two places: each node is taken once.
  const taken = new Set<string>()
  const take = (hash: Uint8Array): Uint8Array | undefined => {
    const node = window.get(hash)
    if (node === undefined) return undefined
    const k = keyString(hash)
    if (taken.has(k)) return undefined
    taken.add(k)
    hashes.push(hash)
    nodes.push(node)
    return node
  }
  const stack: Uint8Array[] = [root]
  while (stack.length !== 0) {
    const node = take(stack.pop()!)
    if (node === undefined) continue
    const d = decodeNode(node)
    if (d === null) continue
    // A hashed value is bytes, not a node: taken, never decoded.
    if (d.valueHashed && d.value !== null) take(d.value)
    // An inline child (< 32 bytes) cannot hold a hash: nothing below it is stored apart.
    if (d.children !== null) for (const c of d.children) if (c !== null && c.length === HASH_LEN) stack.push(c)
  }
  return { hashes, nodes }
}

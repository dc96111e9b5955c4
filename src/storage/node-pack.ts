// A block's new trie nodes as ONE LevelDB value (schema.ts 'P'), instead of one entry per node.
// LevelDB's cost is per entry more than per byte: ~115 node entries a block on the 32-subnet dev
// chain kept its write threads and compaction busy for about a third of the node's CPU, because
// hash keys land all over the key space and every compaction rewrote them. One pack a block, under
// a key that grows with the block number, is appended and never rewritten.
//
// pack := (hash[32] ++ length u32 LE ++ node[length])*
import { HASH_LEN } from './schema.js'

/** Nodes (or V1 hashed values) and their hashes side by side, as the trie lists a block's. */
export interface NodeList {
  hashes: readonly Uint8Array[]
  nodes: readonly Uint8Array[]
}

export function encodePack(hashes: readonly Uint8Array[], nodes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length !== nodes.length) throw new Error(`node pack: ${hashes.length} hashes for ${nodes.length} nodes`)
  let size = 0
  for (let i = 0; i < nodes.length; i++) {
    if (hashes[i]!.length !== HASH_LEN) throw new Error(`node pack: a hash of ${hashes[i]!.length} bytes`)
    size += HASH_LEN + 4 + nodes[i]!.length
  }
  const out = new Uint8Array(size)
  let pos = 0
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!
    out.set(hashes[i]!, pos)
    pos += HASH_LEN
    const n = node.length
    out[pos] = n & 0xff
    out[pos + 1] = (n >>> 8) & 0xff
    out[pos + 2] = (n >>> 16) & 0xff
    out[pos + 3] = n >>> 24
    out.set(node, pos + 4)
    pos += 4 + n
  }
  return out
}

/** The length of the node whose entry starts at `entry` (its hash there, then the length). */
export function packedNodeLength(pack: Uint8Array, entry: number): number {
  const at = entry + HASH_LEN
  return (pack[at]! | (pack[at + 1]! << 8) | (pack[at + 2]! << 16) | (pack[at + 3]! << 24)) >>> 0
}

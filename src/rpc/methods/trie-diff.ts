// The storage changes between two state roots, found by walking both tries together and skipping
// every subtree whose reference (hash or inline encoding) is the same on both sides. Used for
// key-less `state_subscribeStorage`, which reports every change of each new best block.
import { sameBytes } from '../../codec/bytes.js'
import { decodeNode, EMPTY_TRIE_ROOT, type DecodedNode, type NodeReader } from '../../storage/trie/index.js'
import { nibblesToBytes, packedNibble } from '../../storage/trie/nibbles.js'

/** A node with the full nibble path of its key (parent path + child index + partial key). */
interface Located {
  node: DecodedNode
  key: number[]
}

export type Change = [Uint8Array, Uint8Array | null]

const HASH_LEN = 32

export function diffTries(store: NodeReader, fromRoot: Uint8Array, toRoot: Uint8Array): Change[] {
  // A node of either state.
  const get = (hash: Uint8Array): Uint8Array | undefined => store.getNode(hash, fromRoot) ?? store.getNode(hash, toRoot)
  const load = (ref: Uint8Array): DecodedNode | null => {
    if (ref.length !== HASH_LEN) return decodeNode(ref)
    const data = get(ref)
    if (data === undefined) throw new Error(`trie node ${Buffer.from(ref).toString('hex')} is not in the store`)
    return decodeNode(data)
  }
  const locate = (ref: Uint8Array, path: number[]): Located | null => {
    const node = load(ref)
    if (node === null) return null
    const key = path.slice()
    for (let i = 0; i < node.partialLen; i++) key.push(packedNibble(node.partial, node.partialLen, i))
    return { node, key }
  }
  const valueOf = (n: DecodedNode): Uint8Array | null => {
    if (n.value === null) return null
    if (!n.valueHashed) return n.value
    const v = get(n.value)
    if (v === undefined) throw new Error('hashed trie value is not in the store')
    return v
  }

  const out: Change[] = []
  const emitKey = (key: number[], value: Uint8Array | null): void => {
    if (key.length % 2 === 0) out.push([nibblesToBytes(key, key.length), value])
  }
  /** Every entry below `x`, reported as set (`present`) or removed. */
  const all = (x: Located, present: boolean): void => {
    if (x.node.value !== null) emitKey(x.key, present ? valueOf(x.node) : null)
    const ch = x.node.children
    if (ch === null) return
    for (let i = 0; i < 16; i++) {
      const c = ch[i]
      if (!c) continue
      const sub = locate(c, [...x.key, i])
      if (sub) all(sub, present)
    }
  }
  const childOf = (x: Located, i: number): Uint8Array | null => x.node.children?.[i] ?? null

  const walk = (a: Located | null, b: Located | null): void => {
    if (a === null && b === null) return
    if (a === null) return all(b!, true)
    if (b === null) return all(a, false)
    const la = a.key.length
    const lb = b.key.length
    let common = 0
    while (common < la && common < lb && a.key[common] === b.key[common]) common++
    if (common < la && common < lb) {
      // Disjoint subtrees: everything of the smaller path comes first.
      if (a.key[common]! < b.key[common]!) { all(a, false); all(b, true) } else { all(b, true); all(a, false) }
      return
    }
    if (la === lb) {
      const va = a.node.value
      const vb = b.node.value
      const same = va === null ? vb === null : vb !== null && a.node.valueHashed === b.node.valueHashed && sameBytes(va, vb)
      if (!same) emitKey(b.key, valueOf(b.node))
      for (let i = 0; i < 16; i++) {
        const ca = childOf(a, i)
        const cb = childOf(b, i)
        if (ca && cb && sameBytes(ca, cb)) continue
        walk(ca ? locate(ca, [...a.key, i]) : null, cb ? locate(cb, [...b.key, i]) : null)
      }
      return
    }
    // One key is a proper prefix of the other: the shorter node's own value and its other
    // children have no counterpart; the child on the longer key's path is compared with it.
    const [short, long, shortIsA] = la < lb ? [a, b, true] : [b, a, false]
    if (short.node.value !== null) emitKey(short.key, shortIsA ? null : valueOf(short.node))
    const on = long.key[short.key.length]!
    for (let i = 0; i < 16; i++) {
      const c = childOf(short, i)
      const sub = c ? locate(c, [...short.key, i]) : null
      if (i === on) walk(shortIsA ? sub : long, shortIsA ? long : sub)
      else if (sub) all(sub, !shortIsA)
    }
  }

  if (sameBytes(fromRoot, toRoot)) return out
  const rootOf = (r: Uint8Array): Located | null => (sameBytes(r, EMPTY_TRIE_ROOT) ? null : locate(r, []))
  walk(rootOf(fromRoot), rootOf(toRoot))
  return out
}

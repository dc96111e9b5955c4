// One mutation of the block store, staged: the ops of its batch, the block metas and headers it
// adds, its trie node puts, and where it moves best / finalized. block-store.ts validates and
// stages a mutation here completely, then publishes it (visible to reads, queued as one batch).
import { u8aToHex } from '@polkadot/util'
import { sameBytes } from '../codec/bytes.js'
import type { CommitQueue } from './commit-queue.js'
import { reorgRoute, type BlockRef, type ChainView } from './fork-choice.js'
import { keyString, type KvOp } from './kv.js'
import type { CommitBlockInput } from './block-store-types.js'
import type { NodeList } from './node-pack.js'
import { TrieNodeSet } from './trie/node-set.js'
import {
  bodyKey, BEST_KEY, canonicalKey, encodeBody, encodeMeta, FINALIZED_KEY, HASH_LEN, headerKey, isReservedKey,
  metaKey, nodeKey, packKey, rootKey, type BlockMeta,
} from './schema.js'

const EMPTY = new Uint8Array(0)
const hex = (h: Uint8Array): string => u8aToHex(h)
/** Cache keys: the hash as a latin1 string, ~10x cheaper to make than hex. */
export const ck = (h: Uint8Array): string => keyString(h)

const HEX_DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < 16; i++) {
  HEX_DIGIT['0123456789abcdef'.charCodeAt(i)] = i
  HEX_DIGIT['0123456789ABCDEF'.charCodeAt(i)] = i
}

/** A trie node hash from its 0x-hex form (the trie's newNodes keys). */
function hashOfHex(h: string): Uint8Array {
  if (h.length !== 2 + 2 * HASH_LEN || h[0] !== '0' || h[1] !== 'x') throw new Error(`trie node hash ${h} is not 32 bytes of 0x-hex`)
  const hash = new Uint8Array(HASH_LEN)
  for (let i = 0; i < HASH_LEN; i++) {
    const hi = HEX_DIGIT[h.charCodeAt(2 + 2 * i)] ?? -1
    const lo = HEX_DIGIT[h.charCodeAt(3 + 2 * i)] ?? -1
    if (hi < 0 || lo < 0) throw new Error(`trie node hash ${h} is not hex`)
    hash[i] = (hi << 4) | lo
  }
  return hash
}

/** The store's pointers before a mutation: best and finalized throw when there is no genesis yet. */
export interface StorePointers {
  bestOrGenesis(): BlockRef
  best(): BlockRef
  finalized(): BlockRef
}

/** Changes of one mutation, invisible until published; reads see them over the store's state. */
export class Txn implements ChainView {
  readonly ops = new Map<string, KvOp>()
  readonly metas = new Map<string, BlockMeta>()
  readonly headers: [string, Uint8Array][] = []
  best?: BlockRef
  finalized?: BlockRef
  genesis?: BlockRef

  constructor(private readonly q: CommitQueue, private readonly store: ChainView, readonly pointers: StorePointers) {}

  canonical(n: number): Uint8Array | undefined {
    // Entries above best may be leftovers of a dev rewind: never part of the chain.
    return n > (this.best ?? this.pointers.bestOrGenesis()).number ? undefined : this.get(canonicalKey(n))
  }

  parentOf(hash: Uint8Array): Uint8Array | undefined {
    return this.metas.get(ck(hash))?.parentHash ?? this.store.parentOf(hash)
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const ks = keyString(key)
    const op = this.ops.get(ks)
    if (op !== undefined) return op.type === 'put' ? op.value : undefined
    return this.q.read(key, ks)
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.ops.set(keyString(key), { type: 'put', key, value })
  }

  del(key: Uint8Array): void {
    this.ops.set(keyString(key), { type: 'del', key })
  }
}

/** A block's new trie nodes as hashes and nodes side by side (no copies of the trie's own arrays). */
export function nodeLists(trieNodes: ReadonlyMap<string, Uint8Array>): NodeList {
  if (trieNodes instanceof TrieNodeSet) {
    const { hashes, nodes } = trieNodes
    for (let i = 0; i < hashes.length; i++) if (hashes[i]!.length !== HASH_LEN) throw new Error(`trie node hash of ${hashes[i]!.length} bytes`)
    return { hashes, nodes }
  }
  const hashes: Uint8Array[] = []
  const nodes: Uint8Array[] = []
  for (const [h, node] of trieNodes) {
    hashes.push(hashOfHex(h))
    nodes.push(node)
  }
  return { hashes, nodes }
}

/**
 * How a block's trie nodes are stored: in its pack (every block after genesis), with the nodes a
 * checkpoint copies under 'n' if it is one; or all under 'n' (genesis).
 */
export type NodeLayout = { pack: Uint8Array; checkpoint: NodeList | undefined } | { all: NodeList }

/** Stage a block: header, body, meta, and its trie nodes as `layout` says. */
export function stageBlock(txn: Txn, b: Omit<CommitBlockInput, 'setBest' | 'setFinalized' | 'extra' | 'trieNodes'>, layout: NodeLayout): void {
  if (txn.metas.size !== 0) throw new Error('a block store mutation stages one block at most')
  let under: NodeList | undefined
  let packed = false
  if ('pack' in layout) {
    packed = true
    under = layout.checkpoint
    txn.put(packKey(b.number, b.hash), layout.pack)
    txn.put(rootKey(b.stateRoot), b.hash)
  } else {
    under = layout.all
  }
  // Genesis's nodes, or what a checkpoint copies: a few hundred (content-addressed, so never in
  // conflict with each other or any other op).
  if (under !== undefined) for (let i = 0; i < under.hashes.length; i++) txn.put(nodeKey(under.hashes[i]!), under.nodes[i]!)
  const meta: BlockMeta = { number: b.number, parentHash: b.parentHash, stateRoot: b.stateRoot, hasState: true, checkpoint: under !== undefined, packed }
  const h = ck(b.hash)
  txn.put(headerKey(b.hash), b.header)
  txn.put(bodyKey(b.hash), encodeBody(b.body))
  txn.put(metaKey(b.hash), encodeMeta(meta))
  txn.metas.set(h, meta)
  txn.headers.push([h, b.header])
}

/** Stage ops outside the block store's columns. */
export function stageExtra(txn: Txn, extra: KvOp[] | undefined): void {
  for (const op of extra ?? []) {
    if (isReservedKey(op.key)) throw new Error(`extra op key ${hex(op.key)} uses a block-store column`)
    txn.ops.set(keyString(op.key), op)
  }
}

/** Points best at `target` and rewrites the canonical index from the common ancestor up. */
export function stageBest(txn: Txn, target: BlockRef, prune = true): void {
  const best = txn.best ?? txn.pointers.best()
  if (sameBytes(best.hash, target.hash)) return
  if (target.number === best.number + 1 && sameBytes(txn.parentOf(target.hash) ?? EMPTY, best.hash)) {
    // The usual import: the best chain grows by one block, nothing to walk or prune.
    txn.put(canonicalKey(target.number), target.hash)
    txn.put(BEST_KEY, target.hash)
    txn.best = target
    return
  }
  const enact = reorgRoute(txn, best, target, txn.finalized ?? txn.pointers.finalized())
  for (const r of enact) txn.put(canonicalKey(r.number), r.hash)
  if (prune) for (let k = target.number + 1; k <= best.number; k++) txn.del(canonicalKey(k))
  txn.put(BEST_KEY, target.hash)
  txn.best = target
}

export function stageFinalized(txn: Txn, target: BlockRef): void {
  const fin = txn.finalized ?? txn.pointers.finalized()
  if (sameBytes(fin.hash, target.hash)) return
  if (target.number < fin.number) {
    throw new Error(`cannot finalize #${target.number} ${hex(target.hash)}: finalized is already #${fin.number}`)
  }
  // A canonical block at or above finalized descends from it; any other one must become best first.
  // (The usual import stages the block as best just before: canonical then, no index read.)
  if (txn.best !== target) {
    const c = txn.canonical(target.number)
    if (c === undefined || !sameBytes(c, target.hash)) stageBest(txn, target)
  }
  txn.put(FINALIZED_KEY, target.hash)
  txn.finalized = target
}

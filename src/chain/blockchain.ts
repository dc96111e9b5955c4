// The chain: genesis, block building and import through the executive, fork choice (longest
// chain), finality, and state of any stored block read from its own state root.
import { EventEmitter } from 'node:events'
import { blake2_256 } from '../codec/hashing.js'
import { decode, encode } from '../codec/scale.js'
import type { Executive } from '../runtime/executive.js'
import { Digest, Header, type DigestItemValue, type HeaderValue } from '../frame/primitives.js'
import type { BlockStore, BlockRef } from '../storage/block-store.js'
import { fromKeyString, Overlay, type StateBackend } from '../storage/overlay.js'
import { applyChanges, EMPTY_TRIE_ROOT, orderedTrieRoot, TrieView } from '../storage/trie/index.js'
import { hexOf, hexToBytes, sameBytes } from '../codec/bytes.js'
import { StateCache } from './state-cache.js'

export interface BuiltBlock {
  hash: Uint8Array
  header: HeaderValue
  headerBytes: Uint8Array
  body: Uint8Array[]
  trieNodes: Map<string, Uint8Array>
  /** The block's state diff (latin1 key strings), for the head state cache. */
  changes: Map<string, Uint8Array | null>
  /** Extrinsics offered to the builder that were left out, with why. */
  rejected: { raw: Uint8Array; error: import('../runtime/validity.js').ValidityError }[]
}

export interface BuildOptions {
  parentHash: Uint8Array
  /** Inherent extrinsics (timestamp), applied first. */
  inherents: Uint8Array[]
  /** Candidate transactions in pool order. */
  extrinsics: Iterable<Uint8Array>
  preDigest: DigestItemValue[]
  /** Adds the seal to the finished header (Aura). */
  seal?: (preSealHash: Uint8Array) => DigestItemValue
  /** Stop taking transactions after this many (block size policy of the producer). */
  maxExtrinsics?: number
  /** Raw storage writes applied after finalization (dev_setStorage); null deletes. */
  overrides?: [Uint8Array, Uint8Array | null][]
}

export interface ChainEvents {
  block: [BlockRef]
  best: [BlockRef]
  finalized: [BlockRef]
  /** The best chain switched branches: blocks left behind (newest first) and taken up (oldest first). */
  reorg: [{ retracted: BlockRef[]; enacted: BlockRef[] }]
}

export class Blockchain extends EventEmitter<ChainEvents> {
  private readonly headerCache = new Map<string, HeaderValue>()
  private readonly stateCache = new StateCache()

  constructor(readonly store: BlockStore, readonly executive: Executive) {
    super()
    this.setMaxListeners(0)
  }

  /** Write genesis from its raw storage, or check that the database holds this very genesis. */
  static async open(store: BlockStore, executive: Executive, genesisStorage: Map<string, Uint8Array>): Promise<Blockchain> {
    const chain = new Blockchain(store, executive)
    const { header, hash, nodes } = genesisBlock(genesisStorage)
    await store.initGenesis({ hash, header: encode(Header, header), stateRoot: header.state_root, trieNodes: nodes })
    chain.stateCache.reset(hexOf(store.best().hash))
    return chain
  }

  get best(): BlockRef { return this.store.best() }
  get finalized(): BlockRef { return this.store.finalized() }
  get genesisHash(): Uint8Array { return this.store.genesis().hash }

  header(hash: Uint8Array): HeaderValue | undefined {
    const k = hexOf(hash)
    let h = this.headerCache.get(k)
    if (h) return h
    const raw = this.store.getHeader(hash)
    if (!raw) return undefined
    h = decode<HeaderValue>(Header, raw)
    if (this.headerCache.size > 4096) this.headerCache.clear()
    this.headerCache.set(k, h)
    return h
  }

  headerBytes(hash: Uint8Array): Uint8Array | undefined { return this.store.getHeader(hash) }
  body(hash: Uint8Array): Uint8Array[] | undefined { return this.store.getBody(hash) }
  hashAt(n: number): Uint8Array | undefined { return this.store.hashAt(n) }
  has(hash: Uint8Array): boolean { return this.store.hasBlock(hash) }
  numberOf(hash: Uint8Array): number | undefined { return this.store.getMeta(hash)?.number }

  /** Committed state of a block. */
  state(hash: Uint8Array): TrieView {
    const meta = this.store.getMeta(hash)
    if (!meta) throw new Error(`unknown block ${hexOf(hash)}`)
    return new TrieView(this.store, meta.stateRoot)
  }

  /** Fast point reads of a block's state (through the head cache when it is the cached block). */
  reader(hash: Uint8Array): StateBackend {
    return this.stateCache.backend(hexOf(hash), this.state(hash))
  }

  /** A scratch overlay on a block's state (runtime API calls, validation); never committed. */
  overlayAt(hash: Uint8Array): Overlay { return new Overlay(this.reader(hash)) }

  build(o: BuildOptions): BuiltBlock {
    const parent = this.header(o.parentHash)
    if (!parent) throw new Error(`unknown parent ${hexOf(o.parentHash)}`)
    const number = parent.number + 1
    const parentRoot = parent.state_root
    const s = new Overlay(this.reader(o.parentHash))
    const ex = this.executive
    ex.initializeBlock(s, { number, parentHash: o.parentHash, digest: o.preDigest })
    const body: Uint8Array[] = []
    const rejected: BuiltBlock['rejected'] = []
    for (const raw of o.inherents) {
      const r = ex.applyExtrinsic(s, raw, number)
      if (!r.ok) throw new Error(`inherent rejected: ${r.error.reason}`)
      body.push(raw)
    }
    const max = o.maxExtrinsics ?? Infinity
    let taken = 0
    for (const raw of o.extrinsics) {
      if (taken >= max) break
      const r = ex.applyExtrinsic(s, raw, number)
      if (!r.ok) { rejected.push({ raw, error: r.error }); continue }
      body.push(raw)
      taken++
    }
    const fin = ex.finalizeBlock(s, number)
    for (const [k, v] of o.overrides ?? []) s.set(k, v)
    const changes = s.changes()
    const { root, newNodes } = applyDiff(this.store, parentRoot, changes)
    const header: HeaderValue = {
      parent_hash: o.parentHash,
      number,
      state_root: root,
      extrinsics_root: orderedTrieRoot(body),
      digest: { logs: fin.digest },
    }
    if (o.seal) header.digest.logs = [...header.digest.logs, o.seal(blake2_256(encode(Header, header)))]
    const headerBytes = encode(Header, header)
    return { hash: blake2_256(headerBytes), header, headerBytes, body, trieNodes: newNodes, changes, rejected }
  }

  /**
   * Re-execute a block received from elsewhere and check that it reproduces its header; the seal
   * (last digest item, if `sealed`) is not part of what the runtime saw.
   */
  execute(headerBytes: Uint8Array, body: Uint8Array[], sealed: boolean): BuiltBlock {
    const header = decode<HeaderValue>(Header, headerBytes)
    const logs = sealed ? header.digest.logs.slice(0, -1) : header.digest.logs
    const built = this.buildExact(header, body, logs)
    // The digest the runtime produced must be the header's, seal aside.
    if (!sameBytes(encode(Digest, built.header.digest), encode(Digest, { logs }))) throw new Error(`digest mismatch at #${header.number}`)
    if (!sameBytes(built.header.state_root, header.state_root)) throw new Error(`state root mismatch at #${header.number}: computed ${hexOf(built.header.state_root)}, header says ${hexOf(header.state_root)}`)
    if (!sameBytes(built.header.extrinsics_root, header.extrinsics_root)) throw new Error(`extrinsics root mismatch at #${header.number}`)
    return { ...built, header, headerBytes, hash: blake2_256(headerBytes) }
  }

  private buildExact(header: HeaderValue, body: Uint8Array[], preDigest: DigestItemValue[]): BuiltBlock {
    const parent = this.header(header.parent_hash)
    if (!parent) throw new Error(`unknown parent ${hexOf(header.parent_hash)}`)
    if (header.number !== parent.number + 1) throw new Error(`block number ${header.number} does not follow #${parent.number}`)
    const s = new Overlay(this.reader(header.parent_hash))
    const ex = this.executive
    ex.initializeBlock(s, { number: header.number, parentHash: header.parent_hash, digest: preDigest })
    for (const raw of body) {
      const r = ex.applyExtrinsic(s, raw, header.number)
      if (!r.ok) throw new Error(`invalid extrinsic in block #${header.number}: ${r.error.reason}`)
    }
    const fin = ex.finalizeBlock(s, header.number)
    const changes = s.changes()
    const { root, newNodes } = applyDiff(this.store, parent.state_root, changes)
    const built: HeaderValue = { ...header, state_root: root, extrinsics_root: orderedTrieRoot(body), digest: { logs: fin.digest } }
    const headerBytes = encode(Header, built)
    return { hash: blake2_256(headerBytes), header: built, headerBytes, body, trieNodes: newNodes, changes, rejected: [] }
  }

  /**
   * Store a block in one batch. It becomes best when it is longer than the current best (or when
   * asked); `finalize` also finalizes it. The block is visible to reads on return; the promise
   * resolves once its batch is on disk.
   */
  commit(b: BuiltBlock, o: { best?: boolean; finalize?: boolean } = {}): Promise<void> {
    const wantBest = o.finalize || o.best || b.header.number > this.best.number
    const before = this.pointers()
    const done = this.store.commitBlock({
      hash: b.hash, header: b.headerBytes, body: b.body, number: b.header.number,
      parentHash: b.header.parent_hash, stateRoot: b.header.state_root, trieNodes: b.trieNodes,
      setBest: wantBest, setFinalized: o.finalize,
    })
    // A block the store refused (unknown parent, off the finalized chain, failed store) leaves
    // no trace: no cache entry, no announcement.
    if (!this.store.hasBlock(b.hash)) return done
    this.headerCache.set(hexOf(b.hash), b.header)
    const best = sameBytes(this.best.hash, b.hash)
    if (best) this.stateCache.advance(hexOf(b.header.parent_hash), hexOf(b.hash), b.changes)
    this.emit('block', { hash: b.hash, number: b.header.number })
    this.announce(before)
    return done
  }

  async setBest(hash: Uint8Array): Promise<void> {
    const before = this.pointers()
    const done = this.store.setBest(hash)
    this.announce(before)
    await done
  }

  async finalize(hash: Uint8Array): Promise<void> {
    const before = this.pointers()
    const done = this.store.setFinalized(hash)
    this.announce(before)
    await done
  }

  private pointers(): { best: string; fin: string } {
    return { best: hexOf(this.best.hash), fin: hexOf(this.finalized.hash) }
  }

  /** Emit what actually moved; a refused change moved nothing. */
  private announce(before: { best: string; fin: string }): void {
    const now = this.pointers()
    if (now.best !== before.best) {
      this.stateCache.resetUnless(now.best)
      const route = this.treeRoute(hexToBytes(before.best), this.best.hash)
      if (route.retracted.length > 0) this.emit('reorg', route)
      this.emit('best', this.best)
    }
    if (now.fin !== before.fin) this.emit('finalized', this.finalized)
  }

  /** The path from `from` to `to` through their common ancestor (Substrate's tree route). */
  treeRoute(from: Uint8Array, to: Uint8Array): { retracted: BlockRef[]; enacted: BlockRef[] } {
    const retracted: BlockRef[] = []
    const enacted: BlockRef[] = []
    let a = from
    let b = to
    let ha = this.header(a)
    let hb = this.header(b)
    while (ha && hb && !sameBytes(a, b)) {
      if (ha.number >= hb.number) { retracted.push({ hash: a, number: ha.number }); a = ha.parent_hash; ha = this.header(a) }
      else { enacted.push({ hash: b, number: hb.number }); b = hb.parent_hash; hb = this.header(b) }
    }
    return { retracted, enacted: enacted.reverse() }
  }

  /** Canonical ancestors from `hash` back to (excluding) a block with number `stop`. */
  ancestry(hash: Uint8Array, stop: number): BlockRef[] {
    const out: BlockRef[] = []
    let h: HeaderValue | undefined = this.header(hash)
    let cur = hash
    while (h && h.number > stop) {
      out.push({ hash: cur, number: h.number })
      cur = h.parent_hash
      h = this.header(cur)
    }
    return out
  }
}

/** Incrementally apply the block's diff to the parent's trie. */
export function commitState(store: NodeSource, parentRoot: Uint8Array, s: Overlay): { root: Uint8Array; newNodes: Map<string, Uint8Array> } {
  return applyDiff(store, parentRoot, s.changes())
}

type NodeSource = { getNode(h: Uint8Array): Uint8Array | undefined }

function applyDiff(store: NodeSource, parentRoot: Uint8Array, diff: Map<string, Uint8Array | null>): { root: Uint8Array; newNodes: Map<string, Uint8Array> } {
  const changes: [Uint8Array, Uint8Array | null][] = []
  for (const [k, v] of diff) changes.push([fromKeyString(k), v])
  return applyChanges(store, parentRoot, changes)
}

/** Genesis header and trie nodes from raw genesis storage (hex key → value). */
export function genesisBlock(storage: Map<string, Uint8Array>): { header: HeaderValue; hash: Uint8Array; nodes: Map<string, Uint8Array> } {
  const entries: [Uint8Array, Uint8Array][] = []
  for (const [k, v] of storage) entries.push([hexToBytes(k), v])
  const empty = { getNode: () => undefined }
  const { root, newNodes } = applyChanges(empty, EMPTY_TRIE_ROOT, entries)
  const header: HeaderValue = {
    parent_hash: new Uint8Array(32), number: 0, state_root: root,
    extrinsics_root: EMPTY_TRIE_ROOT, digest: { logs: [] },
  }
  return { header, hash: blake2_256(encode(Header, header)), nodes: newNodes }
}

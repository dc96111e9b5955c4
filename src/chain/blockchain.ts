// The chain: genesis, block building and import through the executive, fork choice (longest
// chain), finality, and state of any stored block read from its own state root.
import { EventEmitter } from 'node:events'
import { blake2_256 } from '../codec/hashing.js'
import { decode, encode } from '../codec/scale.js'
import type { ExecEnv } from '../frame/declare/pallet.js'
import type { Executive } from '../runtime/executive.js'
import { Digest, Header, type DigestItemValue, type HeaderValue } from '../frame/primitives.js'
import type { BlockStore, BlockRef } from '../storage/block-store.js'
import type { KvOp } from '../storage/kv.js'
import { Overlay, type StateBackend } from '../storage/overlay.js'
import { orderedTrieRoot, TrieCache, TrieView } from '../storage/trie/index.js'
import { hexOf, sameBytes } from '../codec/bytes.js'
import { StateCache } from './state-cache.js'
import { applyDiff, genesisBlock, withoutAbsentDeletions } from './block-diff.js'

export interface BuiltBlock {
  hash: Uint8Array
  header: HeaderValue
  headerBytes: Uint8Array
  body: Uint8Array[]
  trieNodes: ReadonlyMap<string, Uint8Array>
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
  /** Runtime-level edits applied after finalization (a dev scenario); a throw builds nothing. */
  mutate?: BlockMutation
  /** The parent's state as `reader(parentHash, false)` gives it, when the caller already holds it. */
  parentState?: StateBackend
}

export type BlockMutation = (s: Overlay, env: ExecEnv) => void

/**
 * What one committed change (a block, a new best, a new finalized) did, announced once its
 * LevelDB batch is durable. Changes are announced in commit order.
 */
export interface DurableChange {
  /** The block this change stored, if any. */
  imported?: BlockRef
  /** Best and finalized before and after the change. */
  previousBest: BlockRef
  best: BlockRef
  previousFinalized: BlockRef
  finalized: BlockRef
  /** How best moved: blocks left behind (newest first) and taken up (oldest first); empty when it did not. */
  route: { retracted: BlockRef[]; enacted: BlockRef[] }
  /** A dev rewind (dev_revert): the pool gets a snapshot's contents, not the retracted blocks'. */
  rewound?: true
}

/**
 * Every event fires only once the change's batch is on disk (a node killed at any moment never
 * loses what it announced). `durable` is the one hook announcers build on; the others are its
 * parts, emitted right after it.
 */
export interface ChainEvents {
  durable: [DurableChange]
  block: [BlockRef]
  best: [BlockRef]
  finalized: [BlockRef]
  /** The best chain switched branches: blocks left behind (newest first) and taken up (oldest first). */
  reorg: [{ retracted: BlockRef[]; enacted: BlockRef[] }]
}

/** Decoded headers kept, newest last: the recent chain that GRANDPA's walks and tree routes read. */
const HEADER_CACHE = 4096

/** Budget of nodes the kept trie may gain before it is dropped (see trieCache). */
const KEPT_TRIE_NODES = 50_000

export class Blockchain extends EventEmitter<ChainEvents> {
  private readonly headerCache = new Map<string, HeaderValue>()
  private readonly stateCache = new StateCache()
  /**
   * The newest trie, decoded: each block's trie update starts from its parent's trie as the last
   * update left it, every node it loaded or wrote still decoded, instead of loading (from the
   * node caches, or from disk for a node untouched for a while) and decoding the nodes on the
   * changed paths again. Only the newest trie is kept: a trie kept for one more block holds that
   * block's replaced nodes alive across scavenges (at 32 subnets ≈ 55 KB/block more promoted); a
   * block on an older parent (a fork) decodes its paths again. What it holds decoded is bounded by
   * a budget of nodes it gained (≈ 0.7 KB each: ≈ 35 MB at most): past it the trie is dropped and starts again.
   */
  private readonly trieCache = new TrieCache(Infinity, 1, KEPT_TRIE_NODES)
  // Best and finalized as last announced: what is durable. `best`/`finalized` run ahead of them
  // (blocks are readable, for building the next one, before their batch is written).
  private durableBestRef: BlockRef | undefined
  private durableFinRef: BlockRef | undefined

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
    chain.durableBestRef = store.best()
    chain.durableFinRef = store.finalized()
    return chain
  }

  /** The newest best block, durable or not: what block production builds on. */
  get best(): BlockRef { return this.store.best() }
  /** The newest finalized block, durable or not. */
  get finalized(): BlockRef { return this.store.finalized() }
  /** The best block as announced: on disk. What RPC answers with. */
  get durableBest(): BlockRef { return this.durableBestRef ?? this.store.best() }
  /** The finalized block as announced: on disk. */
  get durableFinalized(): BlockRef { return this.durableFinRef ?? this.store.finalized() }

  /** Hash of the durable best chain's block at `n`; undefined above the durable best. */
  durableHashAt(n: number): Uint8Array | undefined {
    const best = this.durableBest
    if (!(n <= best.number)) return undefined
    const tip = this.store.hashAt(best.number)
    // Unless a reorg is still on its way to disk, the canonical index holds the durable chain.
    if (tip !== undefined && sameBytes(tip, best.hash)) return this.store.hashAt(n)
    let ref: BlockRef | undefined = best
    while (ref !== undefined && ref.number > n) {
      const h = this.header(ref.hash)
      ref = h === undefined ? undefined : { hash: h.parent_hash, number: ref.number - 1 }
    }
    return ref?.hash
  }
  get genesisHash(): Uint8Array { return this.store.genesis().hash }

  header(hash: Uint8Array): HeaderValue | undefined {
    const k = hexOf(hash)
    let h = this.headerCache.get(k)
    if (h) return h
    const raw = this.store.getHeader(hash)
    if (!raw) return undefined
    h = decode<HeaderValue>(Header, raw)
    this.cacheHeader(k, h)
    return h
  }

  /** Keeps a decoded header, dropping the oldest beyond HEADER_CACHE (a dev_newBlock run adds thousands). */
  private cacheHeader(k: string, h: HeaderValue): void {
    const cache = this.headerCache
    cache.set(k, h)
    if (cache.size > HEADER_CACHE) cache.delete(cache.keys().next().value!)
  }

  headerBytes(hash: Uint8Array): Uint8Array | undefined { return this.store.getHeader(hash) }
  body(hash: Uint8Array): Uint8Array[] | undefined { return this.store.getBody(hash) }
  hashAt(n: number): Uint8Array | undefined { return this.store.hashAt(n) }
  has(hash: Uint8Array): boolean { return this.store.hasBlock(hash) }
  numberOf(hash: Uint8Array): number | undefined { return this.store.getMeta(hash)?.number }

  /** Committed state of a block (`memo`: see TrieView; off for the block builder's reads). */
  state(hash: Uint8Array, memo = true): TrieView {
    const meta = this.store.getMeta(hash)
    if (!meta) throw new Error(`unknown block ${hexOf(hash)}`)
    return new TrieView(this.store, meta.stateRoot, memo, this.trieCache)
  }

  /** Fast point reads of a block's state (through the head cache when it is the cached block). */
  reader(hash: Uint8Array, memo = true): StateBackend {
    return this.stateCache.backend(hexOf(hash), this.state(hash, memo))
  }

  /** A scratch overlay on a block's state (runtime API calls, validation); never committed. */
  overlayAt(hash: Uint8Array): Overlay { return new Overlay(this.reader(hash)) }

  build(o: BuildOptions): BuiltBlock {
    const parent = this.header(o.parentHash)
    if (!parent) throw new Error(`unknown parent ${hexOf(o.parentHash)}`)
    const number = parent.number + 1
    const parentRoot = parent.state_root
    const parentState = o.parentState ?? this.reader(o.parentHash, false)
    const s = new Overlay(parentState)
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
    o.mutate?.(s, ex.env(s, number))
    const changes = withoutAbsentDeletions(s.changes(), parentState)
    const { root, newNodes } = applyDiff(this.store, parentRoot, changes, this.trieCache)
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
  execute(headerBytes: Uint8Array, body: Uint8Array[], sealed: boolean, decoded?: { header: HeaderValue; hash: Uint8Array }): BuiltBlock {
    const header = decoded?.header ?? decode<HeaderValue>(Header, headerBytes)
    const logs = sealed ? header.digest.logs.slice(0, -1) : header.digest.logs
    // As frame_executive's extract_pre_digest: only PreRuntime items go in; the runtime deposits
    // the rest (Consensus logs of authority-set changes) again, and all must come out the same.
    const built = this.buildExact(header, body, logs.filter((l) => l.type === 'PreRuntime'))
    // The digest the runtime produced must be the header's, seal aside.
    if (!sameBytes(encode(Digest, built.header.digest), encode(Digest, { logs }))) throw new Error(`digest mismatch at #${header.number}`)
    if (!sameBytes(built.header.state_root, header.state_root)) throw new Error(`state root mismatch at #${header.number}: computed ${hexOf(built.header.state_root)}, header says ${hexOf(header.state_root)}`)
    if (!sameBytes(built.header.extrinsics_root, header.extrinsics_root)) throw new Error(`extrinsics root mismatch at #${header.number}`)
    return { ...built, header, headerBytes, hash: decoded?.hash ?? blake2_256(headerBytes) }
  }

  private buildExact(header: HeaderValue, body: Uint8Array[], preDigest: DigestItemValue[]): BuiltBlock {
    const parent = this.header(header.parent_hash)
    if (!parent) throw new Error(`unknown parent ${hexOf(header.parent_hash)}`)
    if (header.number !== parent.number + 1) throw new Error(`block number ${header.number} does not follow #${parent.number}`)
    const parentState = this.reader(header.parent_hash, false)
    const s = new Overlay(parentState)
    const ex = this.executive
    ex.initializeBlock(s, { number: header.number, parentHash: header.parent_hash, digest: preDigest })
    for (const raw of body) {
      const r = ex.applyExtrinsic(s, raw, header.number)
      if (!r.ok) throw new Error(`invalid extrinsic in block #${header.number}: ${r.error.reason}`)
    }
    const fin = ex.finalizeBlock(s, header.number)
    const changes = withoutAbsentDeletions(s.changes(), parentState)
    const { root, newNodes } = applyDiff(this.store, parent.state_root, changes, this.trieCache)
    const built: HeaderValue = { ...header, state_root: root, extrinsics_root: orderedTrieRoot(body), digest: { logs: fin.digest } }
    // The caller checks these fields against the received header and keeps that header's bytes
    // and hash, so the rebuilt header is neither encoded nor hashed.
    return { hash: new Uint8Array(32), header: built, headerBytes: new Uint8Array(0), body, trieNodes: newNodes, changes, rejected: [] }
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
    const key = hexOf(b.hash)
    this.cacheHeader(key, b.header)
    const best = sameBytes(this.best.hash, b.hash)
    if (best) this.stateCache.advance(hexOf(b.header.parent_hash), key, b.changes)
    const imported = { hash: b.hash, number: b.header.number }
    // The usual case, a child of the best becoming best: the route is the block, no walk needed.
    const route = best && sameBytes(b.header.parent_hash, before.best.hash) ? { retracted: [], enacted: [{ hash: b.hash, number: b.header.number }] } : undefined
    return this.announceWhenDurable(before, done, imported, false, route, best ? key : undefined)
  }

  async setBest(hash: Uint8Array): Promise<void> {
    const before = this.pointers()
    await this.announceWhenDurable(before, this.store.setBest(hash))
  }

  /**
   * Dev only: move best and finalized back (or to any stored block) in one batch; announced like a
   * reorg once durable, with finalized possibly moving backwards.
   */
  async rewind(best: Uint8Array, finalized: Uint8Array, extra?: KvOp[]): Promise<void> {
    const before = this.pointers()
    await this.announceWhenDurable(before, this.store.rewind(best, finalized, extra), undefined, true)
  }

  /** Finalize `hash`; `extra` ops (its justification) are written in the same batch. */
  async finalize(hash: Uint8Array, extra?: KvOp[]): Promise<void> {
    const before = this.pointers()
    await this.announceWhenDurable(before, this.store.setFinalized(hash, extra))
  }

  private pointers(): { best: BlockRef; fin: BlockRef } {
    return { best: this.best, fin: this.finalized }
  }

  /**
   * Work out what the change moved now (later changes may move the pointers again before this one
   * is on disk) and announce it once `done` resolves. A refused change moved nothing; a failed
   * batch announces nothing. Resolves after the announcement.
   */
  private announceWhenDurable(before: { best: BlockRef; fin: BlockRef }, done: Promise<void>, imported?: BlockRef, rewound = false, bestRoute?: DurableChange['route'], bestKey?: string): Promise<void> {
    const now = this.pointers()
    const bestMoved = !sameBytes(now.best.hash, before.best.hash)
    // (`bestKey`: the new best's hex key when the caller has it: the block it just made best)
    if (bestMoved) this.stateCache.resetUnless(bestKey ?? hexOf(now.best.hash))
    const noRoute = { retracted: [], enacted: [] }
    const change: DurableChange = {
      imported, previousBest: before.best, best: now.best, previousFinalized: before.fin, finalized: now.fin,
      route: bestMoved && !rewound ? bestRoute ?? this.treeRoute(before.best.hash, now.best.hash) : noRoute,
    }
    if (rewound) {
      // A rewind may span thousands of blocks: its route is walked only if someone reads it
      // (block hashes and parents never change, so walking later gives the same route).
      let route: DurableChange['route'] | undefined
      const from = before.best.hash
      const to = now.best.hash
      Object.defineProperty(change, 'route', { enumerable: true, get: () => (route ??= bestMoved ? this.treeRoute(from, to) : noRoute) })
      change.rewound = true
    }
    return done.then(() => this.announce(change))
  }

  private announce(c: DurableChange): void {
    this.durableBestRef = c.best
    this.durableFinRef = c.finalized
    this.emit('durable', c)
    if (c.imported) this.emit('block', c.imported)
    if (!sameBytes(c.best.hash, c.previousBest.hash)) {
      if ((!c.rewound || this.listenerCount('reorg') > 0) && c.route.retracted.length > 0) this.emit('reorg', c.route)
      this.emit('best', c.best)
    }
    if (!sameBytes(c.finalized.hash, c.previousFinalized.hash)) this.emit('finalized', c.finalized)
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

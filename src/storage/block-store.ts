// Blocks, trie nodes and the fork tree on a KV (layout in schema.ts).
//
// Every mutation (a block with its trie nodes, a new best, a new finalized) is staged in a Txn,
// validated completely, and only then published: it becomes visible to all reads at once and is
// queued as ONE atomic batch (commit-queue.ts). The returned promise resolves when that batch is
// durable; callers may run ahead of the disk (pipelining) and await later, or call flush().
//
// Reads are synchronous (cache → pending batches → kv.getSync), so the trie and the RPC layer
// can use them without awaiting; only children() scans and is async.
import { u8aToHex } from '@polkadot/util'
import { sameBytes } from '../codec/bytes.js'
import { BoundedCache } from './cache.js'
import { HashCache } from './hash-cache.js'
import { ck, nodeLists, stageBest, stageBlock, stageExtra, stageFinalized, Txn, type StorePointers } from './block-txn.js'
import type { BlockStoreOptions, CommitBlockInput, GenesisInput } from './block-store-types.js'
import { CommitQueue } from './commit-queue.js'
import { encodePack } from './node-pack.js'
import { StateWindows } from './state-windows.js'
import { descendsFrom, type BlockRef, type ChainView } from './fork-choice.js'
import { keyFromString, keyString, prefixEnd, type KV, type KvOp } from './kv.js'
import {
  assertBlockNumber, assertHash, BEST_KEY, COL, bodyKey, canonicalKey, childKey, childPrefix, decodeBody,
  decodeMeta, decodeVersion, encodeVersion, FINALIZED_KEY, GENESIS_KEY, HASH_LEN, headerKey, isReservedKey,
  metaKey, nodeKey, READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION, VERSION_KEY, type BlockMeta,
} from './schema.js'

export type { BlockMeta } from './schema.js'
export type { BlockStoreOptions, CommitBlockInput, GenesisInput } from './block-store-types.js'

export type { BlockRef } from './fork-choice.js'

const ZERO_HASH = new Uint8Array(HASH_LEN)
const EMPTY = new Uint8Array(0)
const hex = (h: Uint8Array): string => u8aToHex(h)
// keyString of a column key is its tag char followed by the cache key.
const HEADER_COL = String.fromCharCode(COL.header)
const META_COL = String.fromCharCode(COL.meta)

export class BlockStore {
  // The committed-or-pending chain, for fork-choice walks outside a Txn.
  private readonly view: ChainView = {
    canonical: (n) => this.hashAt(n),
    parentOf: (h) => this.getMeta(h)?.parentHash,
  }
  private readonly pointers: StorePointers = {
    bestOrGenesis: () => this.bestRef ?? { hash: ZERO_HASH, number: 0 },
    best: () => this.need(this.bestRef),
    finalized: () => this.need(this.finRef),
  }
  private readonly q: CommitQueue
  /** Nodes read from disk. */
  private readonly nodes: HashCache<Uint8Array>
  /** Packs of the states' nodes not under 'n' (state-windows.ts). */
  private readonly windows: StateWindows
  /** A version-1 database carries on as version 2 from its next batch. */
  private writeVersion = false
  private readonly metas: BoundedCache<string, BlockMeta>
  private readonly headers: BoundedCache<string, Uint8Array>
  private bestRef: BlockRef | undefined
  private finRef: BlockRef | undefined
  private genRef: BlockRef | undefined
  private closed = false

  private constructor(private readonly kv: KV, opts: BlockStoreOptions) {
    this.q = new CommitQueue(kv)
    this.nodes = new HashCache(opts.nodeCacheSize ?? 50_000)
    this.windows = new StateWindows({
      meta: (h) => this.getMeta(h),
      read: (k) => this.q.read(k),
      canonical: (n) => this.hashAt(n),
      best: () => this.bestRef?.hash,
    }, opts)
    this.metas = new BoundedCache(opts.blockCacheSize ?? 4_096)
    this.headers = new BoundedCache(opts.blockCacheSize ?? 4_096)
  }

  /** Opens a store on `kv`; an empty KV gives a store that waits for initGenesis(). */
  static async open(kv: KV, opts: BlockStoreOptions = {}): Promise<BlockStore> {
    const s = new BlockStore(kv, opts)
    s.load()
    return s
  }

  // ---- reads (committed or pending state) ----

  /**
   * NodeReader for the trie: encoded node (or hashed value blob) by its hash, when it belongs to
   * the best block's state, is under 'n', or belongs to the state at `root` (a stored block's).
   */
  getNode(hash: Uint8Array, root?: Uint8Array): Uint8Array | undefined {
    if (hash.length !== HASH_LEN) return undefined
    const cached = this.nodes.get(hash)
    if (cached !== undefined) return cached
    // The windows before 'n': a node absent from LevelDB costs a read of every level that might
    // hold it, a window lookup a few probes.
    const packed = this.windows.find(hash, this.bestRef?.hash, root)
    if (packed !== undefined) return packed
    const v = this.q.read(nodeKey(hash))
    // The hash may be a view of the node that refers to it: the cache keeps a copy.
    if (v !== undefined) this.nodes.set(hash.slice(), v)
    return v
  }

  getHeader(hash: Uint8Array): Uint8Array | undefined {
    const h = ck(hash)
    const cached = this.headers.get(h)
    if (cached !== undefined) return cached
    if (hash.length !== HASH_LEN) return undefined
    const v = this.q.read(headerKey(hash), HEADER_COL + h)
    if (v !== undefined) this.headers.set(h, v)
    return v
  }

  getBody(hash: Uint8Array): Uint8Array[] | undefined {
    if (hash.length !== HASH_LEN) return undefined
    const v = this.q.read(bodyKey(hash))
    return v === undefined ? undefined : decodeBody(v)
  }

  getMeta(hash: Uint8Array): Readonly<BlockMeta> | undefined {
    const h = ck(hash)
    const cached = this.metas.get(h)
    if (cached !== undefined) return cached
    if (hash.length !== HASH_LEN) return undefined
    const v = this.q.read(metaKey(hash), META_COL + h)
    if (v === undefined) return undefined
    const m = decodeMeta(v)
    this.metas.set(h, m)
    return m
  }

  hasBlock(hash: Uint8Array): boolean {
    return this.getMeta(hash) !== undefined
  }

  /** Hash of the best chain's block at `number` (undefined above best or for a non-u32 number). */
  hashAt(number: number): Uint8Array | undefined {
    if (!Number.isInteger(number) || number < 0 || number > (this.bestRef?.number ?? -1)) return undefined
    return this.q.read(canonicalKey(number))
  }

  /** On the best chain (genesis..best)? */
  isCanonical(hash: Uint8Array): boolean {
    const m = this.getMeta(hash)
    const c = m === undefined ? undefined : this.hashAt(m.number)
    return c !== undefined && sameBytes(c, hash)
  }

  get initialized(): boolean {
    return this.genRef !== undefined
  }

  best(): BlockRef {
    return this.need(this.bestRef)
  }

  finalized(): BlockRef {
    return this.need(this.finRef)
  }

  genesis(): BlockRef {
    return this.need(this.genRef)
  }

  /** Known children of a block, in hash order. */
  async children(hash: Uint8Array): Promise<Uint8Array[]> {
    const prefix = childPrefix(hash)
    // Pending entries are taken before the scan starts: one that becomes durable during the scan
    // is then still counted, and the scan's snapshot covers everything durable before it.
    const found = new Set(this.q.pendingPutsWithPrefix(keyString(prefix)))
    for await (const [k] of this.kv.iterate({ gte: prefix, lt: prefixEnd(prefix) })) found.add(keyString(k))
    return [...found].sort().map((ks) => keyFromString(ks.slice(1 + HASH_LEN)))
  }

  // ---- writes: each is one atomic batch; state is visible on return, durable on resolve ----

  /** Writes genesis once. Returns false if this genesis is already stored; throws on another one. */
  async initGenesis(g: GenesisInput): Promise<boolean> {
    this.assertWritable()
    if (g.number !== undefined && g.number !== 0) throw new Error(`genesis number must be 0, got ${g.number}`)
    assertHash(g.hash)
    if (this.genRef !== undefined) {
      if (!sameBytes(this.genRef.hash, g.hash)) {
        throw new Error(`database already holds genesis ${hex(this.genRef.hash)}, ` +
          `but genesis ${hex(g.hash)} was given: wrong chain spec or database directory`)
      }
      await this.q.flush()
      return false
    }
    const txn = new Txn(this.q, this.view, this.pointers)
    const ref = { hash: g.hash, number: 0 }
    txn.put(VERSION_KEY, encodeVersion(SCHEMA_VERSION))
    stageBlock(txn, { ...g, number: 0, parentHash: ZERO_HASH, body: g.body ?? [] }, { all: nodeLists(g.trieNodes) })
    txn.put(canonicalKey(0), g.hash)
    txn.put(BEST_KEY, g.hash)
    txn.put(FINALIZED_KEY, g.hash)
    txn.put(GENESIS_KEY, g.hash)
    txn.best = txn.finalized = txn.genesis = ref
    stageExtra(txn, g.extra)
    await this.publish(txn)
    return true
  }

  commitBlock(b: CommitBlockInput): Promise<void> {
    try {
      this.assertWritable()
      this.need(this.genRef)
      assertHash(b.hash)
      assertBlockNumber(b.number)
      const parent = this.getMeta(b.parentHash)
      if (parent === undefined) throw new Error(`block ${hex(b.hash)}: unknown parent ${hex(b.parentHash)}`)
      if (b.number !== parent.number + 1) {
        throw new Error(`block ${hex(b.hash)}: number ${b.number} does not follow parent #${parent.number}`)
      }
      // A child of the best block descends from finalized (which is canonical): no index walk.
      const onBest = this.bestRef !== undefined && sameBytes(b.parentHash, this.bestRef.hash)
      if (!onBest && !descendsFrom(this.view, { hash: b.parentHash, number: parent.number }, this.need(this.finRef))) {
        throw new Error(`block ${hex(b.hash)} does not build on finalized block ${hex(this.finRef!.hash)}`)
      }
      const txn = new Txn(this.q, this.view, this.pointers)
      const { hashes, nodes } = nodeLists(b.trieNodes)
      const pack = encodePack(hashes, nodes)
      // On top of best, the pack joins the best window, and a checkpoint may come.
      const extendsBest = onBest && (b.setBest === true || b.setFinalized === true)
      const top = extendsBest ? this.windows.extendBest(b.parentHash, pack, b.stateRoot) : undefined
      stageBlock(txn, b, { pack, checkpoint: top?.checkpoint })
      txn.put(childKey(b.parentHash, b.hash), EMPTY)
      const ref = { hash: b.hash, number: b.number }
      if (b.setBest || b.setFinalized) stageBest(txn, ref)
      if (b.setFinalized) stageFinalized(txn, ref)
      stageExtra(txn, b.extra)
      const done = this.publish(txn)
      if (top !== undefined) this.windows.advance(b.hash, top.window)
      return done
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /** Makes `hash` the best block; the canonical index follows it (reorg back to the common ancestor). */
  setBest(hash: Uint8Array): Promise<void> {
    try {
      this.assertWritable()
      const txn = new Txn(this.q, this.view, this.pointers)
      stageBest(txn, this.refOf(hash))
      return this.publish(txn)
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /**
   * Finalizes `hash`, which must descend from the current finalized block. When it is not on the
   * best chain, it becomes the best block (as Substrate's client does in apply_finality).
   */
  setFinalized(hash: Uint8Array, extra?: KvOp[]): Promise<void> {
    try {
      this.assertWritable()
      const txn = new Txn(this.q, this.view, this.pointers)
      stageFinalized(txn, this.refOf(hash))
      // Ops outside the store's columns that must land with the finality (a justification).
      stageExtra(txn, extra)
      return this.publish(txn)
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /**
   * Dev only (dev_revert): moves best AND finalized to the given blocks in one batch, even below
   * the current finalized block, which no consensus path may do. `finalized` must be best or one
   * of its ancestors; the canonical index follows best as in a reorg. Blocks are never deleted, so
   * the chain can later be moved to any stored block again.
   */
  rewind(best: Uint8Array, finalized: Uint8Array, extra?: KvOp[]): Promise<void> {
    try {
      this.assertWritable()
      const txn = new Txn(this.q, this.view, this.pointers)
      const b = this.refOf(best)
      const f = this.refOf(finalized)
      // Genesis as the floor lets the reorg route pass below the old finalized block.
      txn.finalized = this.need(this.genRef)
      // Index entries above the new best stay behind, unread (see schema.ts): a rewind over 10,000
      // blocks then writes as little as one over 10.
      stageBest(txn, b, false)
      const c = txn.canonical(f.number)
      if (f.number > b.number || c === undefined || !sameBytes(c, f.hash)) {
        throw new Error(`block ${hex(f.hash)} is not an ancestor of ${hex(b.hash)}`)
      }
      txn.put(FINALIZED_KEY, f.hash)
      txn.finalized = f
      stageExtra(txn, extra)
      return this.publish(txn)
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /** Writes ops outside the block store's columns in one batch (dev snapshots). */
  putExtra(extra: KvOp[]): Promise<void> {
    try {
      this.assertWritable()
      const txn = new Txn(this.q, this.view, this.pointers)
      stageExtra(txn, extra)
      return this.publish(txn)
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /** A key written through `extra` ops (published or durable); undefined when absent. */
  getExtra(key: Uint8Array): Uint8Array | undefined {
    if (isReservedKey(key)) throw new Error(`key ${hex(key)} uses a block-store column`)
    return this.q.read(key, keyString(key))
  }

  /** Resolves when everything published so far is durable. */
  flush(): Promise<void> {
    return this.q.flush()
  }

  /** Keys published but not yet durable; a producer can wait on flush() when this grows. */
  get pendingKeys(): number {
    return this.q.pendingKeys
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.q.flush()
    } finally {
      await this.kv.close()
    }
  }

  // ---- internals ----

  private load(): void {
    const v = this.kv.getSync(VERSION_KEY)
    const g = this.kv.getSync(GENESIS_KEY)
    if (v !== undefined && !READABLE_SCHEMA_VERSIONS.includes(decodeVersion(v))) {
      throw new Error(`database schema version ${decodeVersion(v)} is not supported (expected ${READABLE_SCHEMA_VERSIONS.join(' or ')})`)
    }
    this.writeVersion = v !== undefined && decodeVersion(v) !== SCHEMA_VERSION
    if (g === undefined) {
      if (v !== undefined) throw new Error('corrupt database: schema version present but no genesis pointer')
      return
    }
    this.genRef = this.loadPointer(GENESIS_KEY, 'genesis')
    this.bestRef = this.loadPointer(BEST_KEY, 'best')
    this.finRef = this.loadPointer(FINALIZED_KEY, 'finalized')
    if (this.genRef.number !== 0) throw new Error('corrupt database: genesis pointer is not block 0')
    if (this.finRef.number > this.bestRef.number) throw new Error('corrupt database: finalized is above best')
  }

  private loadPointer(key: Uint8Array, name: string): BlockRef {
    const hash = this.kv.getSync(key)
    if (hash === undefined || hash.length !== HASH_LEN) throw new Error(`corrupt database: no ${name} pointer`)
    const m = this.getMeta(hash)
    if (m === undefined) throw new Error(`corrupt database: ${name} block ${hex(hash)} has no meta`)
    if (this.getHeader(hash) === undefined) throw new Error(`corrupt database: ${name} block ${hex(hash)} has no header`)
    const c = this.kv.getSync(canonicalKey(m.number))
    if (c === undefined || !sameBytes(c, hash)) {
      throw new Error(`corrupt database: ${name} block ${hex(hash)} is not in the canonical index at #${m.number}`)
    }
    return { hash, number: m.number }
  }

  private publish(txn: Txn): Promise<void> {
    if (this.writeVersion) {
      txn.put(VERSION_KEY, encodeVersion(SCHEMA_VERSION))
      this.writeVersion = false
    }
    const bestBefore = this.bestRef
    const done = this.q.submit(txn.ops)
    for (const [h, m] of txn.metas) this.metas.set(h, m)
    for (const [h, header] of txn.headers) this.headers.set(h, header)
    if (txn.best) this.bestRef = txn.best
    if (txn.finalized) this.finRef = txn.finalized
    if (txn.genesis) this.genRef = txn.genesis
    // Best moved other than by one block on top (which commitBlock hands its window): a reorg or a
    // rewind. The new best's window is loaded when next needed.
    if (txn.best !== undefined && bestBefore !== undefined && !sameBytes(txn.best.hash, bestBefore.hash)) this.windows.forget()
    return done
  }

  private refOf(hash: Uint8Array): BlockRef {
    const m = this.getMeta(hash)
    if (m === undefined) throw new Error(`unknown block ${hex(hash)}`)
    return { hash, number: m.number }
  }

  private need<T>(v: T | undefined): T {
    if (v === undefined) throw new Error('block store has no genesis yet: call initGenesis() first')
    return v
  }

  private assertWritable(): void {
    if (this.closed) throw new Error('block store is closed')
    const f = this.q.failed
    if (f) throw new Error(`block store stopped after a failed write (${f.message}); reopen it`, { cause: f })
  }
}

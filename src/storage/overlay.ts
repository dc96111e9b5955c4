// The runtime's view of state: a committed backend (the trie at the parent's state root) under a
// stack of transactional layers. Layer 0 is the block's own diff; each dispatch and each
// `withStorageLayer` pushes another. Keys are kept as latin1 strings (one char per byte) so that
// string order equals byte order and no hex conversion sits on the hot path.
import { compactBytes, readCompactNumber, Reader } from '../codec/scale.js'
import { keyFromString as fromKeyString, keyString as toKeyString } from './kv.js'

/** What the overlay needs from committed state (the trie view implements this). */
export interface StateBackend {
  /** `ks`: keyString(key), when the caller has it already (caches key on it). */
  get(key: Uint8Array, ks?: string): Uint8Array | null
  /** get() by the key string alone, when the backend can answer without the key's bytes. */
  getByString?(ks: string): Uint8Array | null
  /** Keys under `prefix` in ascending order, strictly after `startAfter` when given. */
  keys(prefix: Uint8Array, startAfter?: Uint8Array): Iterable<Uint8Array>
}

/** An append-only SCALE Vec built up without re-encoding the whole vector on every push. */
class Appended {
  constructor(readonly prev: Appended | Uint8Array | null, readonly items: Uint8Array[], public owner: number) {}
  materialize(): Uint8Array {
    const chunks: Uint8Array[][] = []
    let node: Appended | Uint8Array | null = this
    while (node instanceof Appended) { chunks.push(node.items); node = node.prev }
    let count = 0
    let basePayload: Uint8Array = new Uint8Array(0)
    if (node) {
      const r = new Reader(node)
      count = readCompactNumber(r)
      basePayload = node.subarray(r.pos)
    }
    let size = basePayload.length
    for (const c of chunks) for (const it of c) { size += it.length; count++ }
    const prefix = compactBytes(count)
    const out = new Uint8Array(prefix.length + size)
    out.set(prefix)
    let off = prefix.length
    out.set(basePayload, off); off += basePayload.length
    for (let i = chunks.length - 1; i >= 0; i--) for (const it of chunks[i]!) { out.set(it, off); off += it.length }
    return out
  }
}

type Entry = Uint8Array | null | Appended

export { keyString as toKeyString, keyFromString as fromKeyString } from './kv.js'

/** Storage items' keys start with 32 bytes (pallet and item hashes): the unit key listings use. */
const ITEM_PREFIX = 32

function indexKey(index: Map<string, Set<string>>, ks: string): void {
  const item = ks.slice(0, ITEM_PREFIX)
  const keys = index.get(item)
  if (keys) keys.add(ks); else index.set(item, new Set([ks]))
}

export class Overlay {
  private layers: Map<string, Entry>[] = [new Map()]
  /**
   * Per layer, its keys by their first ITEM_PREFIX bytes: listing a map's keys looks at that
   * item's keys only, not at every key the block has written so far (thousands, late in a block).
   * Built on a layer's first listing and kept up to date from then on (null until then): most
   * layers (a dispatch, a transactional hook) are never listed, and their writes skip it.
   */
  private byItem: (Map<string, Set<string>> | null)[] = [null]
  private layerIds: number[] = [0]
  private nextLayerId = 1

  constructor(private readonly backend: StateBackend) {}

  get depth(): number { return this.layers.length - 1 }

  /** `ks`: keyString(key) when the caller has it (storage accessors keep one per hot key). */
  get(key: Uint8Array, ks: string = toKeyString(key)): Uint8Array | null {
    const e = this.lookup(ks)
    if (e === undefined) return this.backend.get(key, ks)
    return e instanceof Appended ? e.materialize() : e
  }

  exists(key: Uint8Array): boolean { return this.get(key) !== null }

  set(key: Uint8Array, value: Uint8Array | null, ks: string = toKeyString(key)): void {
    this.put(this.layers.length - 1, ks, value)
  }

  private put(layer: number, ks: string, v: Entry): void {
    const m = this.layers[layer]!
    const n = m.size
    m.set(ks, v)
    if (m.size === n) return
    const index = this.byItem[layer]!
    if (index !== null) indexKey(index, ks)
  }

  /** Layer `l`'s item index, built now if this is its first listing. */
  private itemIndex(l: number): Map<string, Set<string>> {
    let index = this.byItem[l]!
    if (index === null) {
      index = new Map()
      for (const k of this.layers[l]!.keys()) indexKey(index, k)
      this.byItem[l] = index
    }
    return index
  }

  remove(key: Uint8Array): void { this.set(key, null) }

  /** Append one SCALE-encoded item to the Vec stored at `key` (Substrate's `append`). */
  append(key: Uint8Array, item: Uint8Array): void {
    const ks = toKeyString(key)
    const top = this.top()
    const topId = this.layerIds[this.layerIds.length - 1]!
    const cur = top.get(ks)
    if (cur instanceof Appended && cur.owner === topId) { cur.items.push(item); return }
    let prev: Appended | Uint8Array | null
    if (cur !== undefined) prev = cur
    else {
      const lower = this.lookup(ks)
      prev = lower === undefined ? this.backend.get(key, ks) : lower
    }
    this.put(this.layers.length - 1, ks, new Appended(prev, [item], topId))
  }

  startTransaction(): void {
    this.layers.push(new Map())
    this.byItem.push(null)
    this.layerIds.push(this.nextLayerId++)
  }

  commitTransaction(): void {
    if (this.layers.length < 2) throw new Error('no open storage transaction to commit')
    const top = this.layers.pop()!
    this.byItem.pop()
    this.layerIds.pop()
    const below = this.layers.length - 1
    const belowId = this.layerIds[below]!
    for (const [k, v] of top) {
      if (v instanceof Appended) v.owner = belowId
      this.put(below, k, v)
    }
  }

  rollbackTransaction(): void {
    if (this.layers.length < 2) throw new Error('no open storage transaction to roll back')
    this.layers.pop()
    this.byItem.pop()
    this.layerIds.pop()
  }

  /** Run `fn` in its own layer: kept if it returns, rolled back if it throws. */
  transactional<T>(fn: () => T): T {
    this.startTransaction()
    try {
      const r = fn()
      this.commitTransaction()
      return r
    } catch (e) {
      this.rollbackTransaction()
      throw e
    }
  }

  /** Keys with `prefix` in ascending order, overlay merged over the backend, deleted keys skipped. */
  *keys(prefix: Uint8Array, startAfter?: Uint8Array): Generator<Uint8Array> {
    const ps = toKeyString(prefix)
    const after = startAfter ? toKeyString(startAfter) : ''
    const merged = new Map<string, Entry>()
    if (ps.length >= ITEM_PREFIX) {
      const item = ps.slice(0, ITEM_PREFIX)
      for (let l = 0; l < this.layers.length; l++) {
        const keys = this.itemIndex(l).get(item)
        if (keys) for (const k of keys) if (k.startsWith(ps) && k > after) merged.set(k, this.layers[l]!.get(k)!)
      }
    } else {
      for (const layer of this.layers) for (const [k, v] of layer) if (k.startsWith(ps) && k > after) merged.set(k, v)
    }
    const local = [...merged.keys()].sort()
    let i = 0
    for (const bk of this.backend.keys(prefix, startAfter)) {
      const bks = toKeyString(bk)
      while (i < local.length && local[i]! < bks) {
        const lk = local[i++]!
        if (merged.get(lk) !== null) yield fromKeyString(lk)
      }
      if (i < local.length && local[i] === bks) {
        i++
        if (merged.get(bks) === null) continue
      }
      yield bk
    }
    while (i < local.length) {
      const lk = local[i++]!
      if (merged.get(lk) !== null) yield fromKeyString(lk)
    }
  }

  nextKey(key: Uint8Array): Uint8Array | null {
    for (const k of this.keys(new Uint8Array(0), key)) return k
    return null
  }

  clearPrefix(prefix: Uint8Array, limit?: number): number {
    let n = 0
    for (const k of [...this.keys(prefix)]) {
      if (limit !== undefined && n >= limit) break
      this.set(k, null)
      n++
    }
    return n
  }

  /** The block's diff once every transaction is closed: key → value (null = deleted). */
  changes(): Map<string, Uint8Array | null> {
    if (this.layers.length !== 1) throw new Error('storage transactions still open')
    const out = new Map<string, Uint8Array | null>()
    for (const [k, v] of this.layers[0]!) out.set(k, v instanceof Appended ? v.materialize() : v)
    return out
  }

  private top(): Map<string, Entry> { return this.layers[this.layers.length - 1]! }

  private lookup(ks: string): Entry | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const e = this.layers[i]!.get(ks)
      if (e !== undefined) return e
    }
    return undefined
  }
}

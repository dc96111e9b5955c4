// Storage queries of the new spec (chainHead_v1_storage, archive_v1_storage): the five item types
// over a block's trie or one of its default child tries, produced lazily so that results can be
// paginated.
import { concatBytes, hexOf } from '../../codec/bytes.js'
import { blake2_256 } from '../../codec/hashing.js'
import { closestDescendantMerkleValue, TrieView, type NodeReader } from '../../storage/trie/index.js'
import { invalidParams } from '../errors.js'
import { arrayParam, hexBytes } from '../methods/params.js'

export const STORAGE_TYPES = ['value', 'hash', 'closestDescendantMerkleValue', 'descendantsValues', 'descendantsHashes'] as const
export type StorageType = (typeof STORAGE_TYPES)[number]

export interface StorageQuery {
  key: Uint8Array
  type: StorageType
  /** Descendants queries resume strictly after this key (archive_v1_storage `paginationStartKey`). */
  startAfter?: Uint8Array
}

export interface StorageItem {
  key: string
  value?: string
  hash?: string
  closestDescendantMerkleValue?: string
}

const CHILD_STORAGE_DEFAULT = new TextEncoder().encode(':child_storage:default:')

/** The `items` parameter: `[{key, type}]`, with `paginationStartKey` where the method has it. */
export function storageQueries(v: unknown, withStartKey = false): StorageQuery[] {
  return arrayParam(v).map((item) => {
    if (typeof item !== 'object' || item === null) throw invalidParams('expected an object with `key` and `type`')
    const o = item as Record<string, unknown>
    const type = o.type
    if (typeof type !== 'string' || !(STORAGE_TYPES as readonly string[]).includes(type)) {
      throw invalidParams(`unknown variant \`${String(type)}\`, expected one of ${STORAGE_TYPES.map((t) => `\`${t}\``).join(', ')}`)
    }
    const start = withStartKey ? o.paginationStartKey : undefined
    const startAfter = start === undefined || start === null ? undefined : hexBytes(start)
    return { key: hexBytes(o.key), type: type as StorageType, startAfter }
  })
}

/**
 * Root of the trie a query runs on: the block's state root, or the root stored for a default
 * child trie (null: that child trie is empty).
 */
export function queryRoot(store: NodeReader, stateRoot: Uint8Array, childTrie: Uint8Array | undefined): Uint8Array | null {
  if (childTrie === undefined) return stateRoot
  return new TrieView(store, stateRoot).get(concatBytes(CHILD_STORAGE_DEFAULT, childTrie))
}

/** All result items of `queries`, in order; descendants queries are walked lazily. */
export function* storageItems(store: NodeReader, root: Uint8Array | null, queries: StorageQuery[]): Generator<StorageItem> {
  if (root === null) return
  const view = new TrieView(store, root)
  for (const q of queries) {
    const key = hexOf(q.key)
    switch (q.type) {
      case 'value': {
        const v = view.get(q.key)
        if (v !== null) yield { key, value: hexOf(v) }
        break
      }
      case 'hash': {
        const v = view.get(q.key)
        if (v !== null) yield { key, hash: hexOf(blake2_256(v)) }
        break
      }
      case 'closestDescendantMerkleValue': {
        const m = closestDescendantMerkleValue(store, root, q.key)
        if (m !== null) yield { key, closestDescendantMerkleValue: hexOf(m) }
        break
      }
      case 'descendantsValues':
        for (const [k, v] of view.entries(q.key, q.startAfter)) yield { key: hexOf(k), value: hexOf(v) }
        break
      case 'descendantsHashes':
        for (const [k, v] of view.entries(q.key, q.startAfter)) yield { key: hexOf(k), hash: hexOf(blake2_256(v)) }
        break
    }
  }
}

/** Up to `max` items at a time from a generator; `done` once it is exhausted. */
export function stepper<T>(gen: Generator<T>): (max: number) => { items: T[]; done: boolean } {
  let finished = false
  return (max) => {
    const items: T[] = []
    while (!finished && items.length < max) {
      const r = gen.next()
      if (r.done) finished = true
      else items.push(r.value)
    }
    return { items, done: finished }
  }
}

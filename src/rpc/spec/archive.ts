// archive_v1_*: any stored block by hash or height, its body, header, runtime calls, storage
// (with pagination start keys) and storage diffs. The node keeps every block and its whole state,
// so every block it knows is served.
import { hexOf } from '../../codec/bytes.js'
import { blake2_256 } from '../../codec/hashing.js'
import type { NodeContext } from '../../node/context.js'
import { EMPTY_TRIE_ROOT, TrieView } from '../../storage/trie/index.js'
import { invalidParams } from '../errors.js'
import { findBlock, headerNotFound } from '../methods/common.js'
import { arrayParam, hashParam, hexBytes, optionalHash, optionalHexBytes, stringParam } from '../methods/params.js'
import { callRuntime, RuntimeCallFailure } from '../methods/runtime-call.js'
import { diffTries } from '../methods/trie-diff.js'
import type { RpcEntry, RpcSubscriptionMethod, SubscriptionSink } from '../types.js'
import { queryRoot, storageItems, storageQueries } from './storage-query.js'

/** Events sent per tick while a storage walk runs, so one big query does not starve the node. */
const EVENTS_PER_TICK = 1024

/** Send the items of a generator as events, a batch per tick, then `done`; stops when the sink closes. */
function stream<T>(sink: SubscriptionSink, gen: Generator<T>, toEvent: (t: T) => object, done: object, errorEvent: (msg: string) => object): void {
  const tick = (): void => {
    if (sink.closed) return
    try {
      for (let i = 0; i < EVENTS_PER_TICK; i++) {
        const r = gen.next()
        if (r.done) {
          sink.send(done)
          sink.close()
          return
        }
        sink.send(toEvent(r.value))
      }
    } catch (e) {
      sink.send(errorEvent(e instanceof Error ? e.message : String(e)))
      sink.close()
      return
    }
    setImmediate(tick)
  }
  setImmediate(tick)
}

/** End a storage subscription with its error event. */
function failWith(sink: SubscriptionSink, event: 'storageError' | 'storageDiffError', error: string): void {
  sink.send({ event, error })
  sink.close()
}

interface DiffItem {
  prefix: Uint8Array
  returnType: 'value' | 'hash'
  childTrie: Uint8Array | undefined
}

function diffItems(v: unknown): DiffItem[] {
  if (v === undefined || v === null) return [{ prefix: new Uint8Array(0), returnType: 'value', childTrie: undefined }]
  return arrayParam(v).map((item) => {
    if (typeof item !== 'object' || item === null) throw invalidParams('expected an object with `returnType`')
    const o = item as Record<string, unknown>
    if (o.returnType !== 'value' && o.returnType !== 'hash') {
      throw invalidParams(`unknown variant \`${String(o.returnType)}\`, expected \`value\` or \`hash\``)
    }
    return { prefix: optionalHexBytes(o.key) ?? new Uint8Array(0), returnType: o.returnType, childTrie: optionalHexBytes(o.childTrieKey) }
  })
}

const startsWith = (key: Uint8Array, prefix: Uint8Array): boolean => {
  if (key.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false
  return true
}

export function archiveMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  const store = chain.store

  /** Blocks at `height`: the finalized one, or every known block at that height above finality. */
  const hashesAt = async (height: number): Promise<Uint8Array[]> => {
    const fin = chain.durableFinalized
    if (height <= fin.number) {
      const h = chain.durableHashAt(height)
      return h === undefined ? [] : [h]
    }
    let level = [fin.hash]
    for (let n = fin.number; n < height && level.length > 0; n++) {
      const next: Uint8Array[] = []
      for (const h of level) next.push(...(await store.children(h)))
      level = next
    }
    return level
  }

  const storage: RpcSubscriptionMethod = {
    name: 'archive_v1_storage',
    notification: 'archive_v1_storageEvent',
    unsubscribe: 'archive_v1_stopStorage',
    subscribe: ([hash, items, childTrie], _c, sink) => {
      const h = hashParam(hash)
      const queries = storageQueries(items, true)
      const child = optionalHexBytes(childTrie)
      const block = findBlock(ctx, h)
      if (block === undefined) return failWith(sink, 'storageError', headerNotFound(h))
      const root = queryRoot(store, block.header.state_root, child)
      const childKey = child === undefined ? undefined : hexOf(child)
      stream(sink, storageItems(store, root, queries), (it) => (childKey === undefined ? { event: 'storage', ...it } : { event: 'storage', ...it, childTrieKey: childKey }),
        { event: 'storageDone' }, (error) => ({ event: 'storageError', error }))
    },
  }

  const storageDiff: RpcSubscriptionMethod = {
    name: 'archive_v1_storageDiff',
    notification: 'archive_v1_storageDiffEvent',
    unsubscribe: 'archive_v1_stopStorageDiff',
    subscribe: ([hash, itemsParam, previousHash], _c, sink) => {
      const h = hashParam(hash)
      const items = diffItems(itemsParam)
      const prev = optionalHash(previousHash)
      const fail = (error: string): void => failWith(sink, 'storageDiffError', error)
      const block = findBlock(ctx, h)
      if (block === undefined) return fail(headerNotFound(h))
      const base = prev === undefined ? findBlock(ctx, block.header.parent_hash) : findBlock(ctx, prev)
      if (base === undefined) return fail(headerNotFound(prev ?? block.header.parent_hash))
      if (prev !== undefined && !chain.ancestry(h, base.number - 1).some((b) => hexOf(b.hash) === hexOf(prev))) {
        return fail(`Previous hash ${hexOf(prev)} is not an ancestor of ${hexOf(h)}`)
      }
      function* events(): Generator<object> {
        // One walk per trie; each item then filters the changes by its prefix.
        const tries = new Map<string, { changes: ReturnType<typeof diffTries>; before: TrieView | null }>()
        for (const it of items) {
          const id = it.childTrie === undefined ? '' : hexOf(it.childTrie)
          let t = tries.get(id)
          if (t === undefined) {
            const from = queryRoot(store, base!.header.state_root, it.childTrie)
            const to = queryRoot(store, block!.header.state_root, it.childTrie)
            t = { changes: diffTries(store, from ?? EMPTY_TRIE_ROOT, to ?? EMPTY_TRIE_ROOT), before: from === null ? null : new TrieView(store, from) }
            tries.set(id, t)
          }
          for (const [key, value] of t.changes) {
            if (!startsWith(key, it.prefix)) continue
            const type = value === null ? 'deleted' : t.before?.get(key) == null ? 'added' : 'modified'
            const ev: Record<string, string> = { event: 'storageDiff', key: hexOf(key), type }
            if (value !== null) ev[it.returnType] = it.returnType === 'value' ? hexOf(value) : hexOf(blake2_256(value))
            if (it.childTrie !== undefined) ev.childTrieKey = hexOf(it.childTrie)
            yield ev
          }
        }
      }
      stream(sink, events(), (e) => e, { event: 'storageDiffDone' }, (error) => ({ event: 'storageDiffError', error }))
    },
  }

  return [
    { name: 'archive_v1_finalizedHeight', handler: () => chain.durableFinalized.number },
    { name: 'archive_v1_genesisHash', handler: () => hexOf(chain.genesisHash) },
    {
      name: 'archive_v1_hashByHeight',
      handler: async ([height]) => {
        if (typeof height !== 'number' || !Number.isInteger(height) || height < 0) throw invalidParams('expected a block height (unsigned integer)')
        return (await hashesAt(height)).map(hexOf)
      },
    },
    {
      name: 'archive_v1_header',
      handler: ([hash]) => {
        const b = chain.headerBytes(hashParam(hash))
        return b === undefined ? null : hexOf(b)
      },
    },
    {
      name: 'archive_v1_body',
      handler: ([hash]) => chain.body(hashParam(hash))?.map(hexOf) ?? null,
    },
    {
      name: 'archive_v1_call',
      handler: ([hash, fn, params]) => {
        const h = hashParam(hash)
        const name = stringParam(fn)
        const input = hexBytes(params)
        const block = findBlock(ctx, h)
        if (block === undefined) return null
        try {
          return { success: true, value: hexOf(callRuntime(ctx, block, name, input)) }
        } catch (e) {
          if (e instanceof RuntimeCallFailure) return { success: false, error: e.message }
          throw e
        }
      },
    },
    storage,
    storageDiff,
  ]
}

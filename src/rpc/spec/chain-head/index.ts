// chainHead_v1_*: follow the head of the chain, pin blocks, and read their headers, bodies,
// runtime calls and storage (paritytech/json-rpc-interface-spec).
import { hexOf } from '../../../codec/bytes.js'
import type { NodeContext } from '../../../node/context.js'
import {
  chainHeadDuplicateHashes, chainHeadInvalidBlock, chainHeadInvalidContinue, chainHeadInvalidRuntimeCall,
  chainHeadLimitReached, invalidParams,
} from '../../errors.js'
import { findBlock } from '../../methods/common.js'
import { boolParam, hashParam, hexBytes, optionalHexBytes, stringParam } from '../../methods/params.js'
import { callRuntime, RuntimeCallFailure } from '../../methods/runtime-call.js'
import type { RpcContext, RpcEntry, RpcSubscriptionMethod } from '../../types.js'
import { onHeadEvents } from '../head-events.js'
import { queryRoot, stepper, storageItems, storageQueries } from '../storage-query.js'
import { Follow, MAX_PINNED, runtimeJson } from './follow.js'
import { Operations } from './operations.js'

/** Follow subscriptions allowed per connection (the spec guarantees at least 2). */
export const MAX_FOLLOWS = 4

const LIMIT_REACHED = { result: 'limitReached' }

interface FollowEntry {
  follow: Follow
  ops: Operations
  withRuntime: boolean
}

export function chainHeadMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  const follows = new Map<string, FollowEntry>()
  const keyOf = (c: RpcContext, sub: string): string => `${c.conn.id}/${sub}`
  const entryOf = (c: RpcContext, sub: unknown): FollowEntry | undefined => follows.get(keyOf(c, stringParam(sub)))
  /** The block must be pinned by this subscription (-32801 otherwise). */
  const pinnedBlock = (e: FollowEntry, hash: Uint8Array) => {
    const block = e.follow.isPinned(hexOf(hash)) ? findBlock(ctx, hash) : undefined
    if (block === undefined) throw chainHeadInvalidBlock()
    return block
  }
  const runtime = () => runtimeJson(ctx.runtime.version)

  const follow: RpcSubscriptionMethod = {
    name: 'chainHead_v1_follow',
    notification: 'chainHead_v1_followEvent',
    unsubscribe: 'chainHead_v1_unfollow',
    // Every block is newBlock + bestBlockChanged + finalized: room for a full pinned window.
    maxQueued: 4 * MAX_PINNED,
    subscribe: ([withRuntimeParam], c, sink) => {
      const withRuntime = boolParam(withRuntimeParam)
      if (c.conn.subscriptions.count('chainHead_v1_follow') > MAX_FOLLOWS) throw chainHeadLimitReached()
      const key = keyOf(c, sink.id)
      const send = (event: object): void => { sink.send(event) }
      const f = new Follow({ chain, withRuntime, runtime, send, close: () => sink.close() })
      const ops = new Operations(send)
      f.operations = ops
      follows.set(key, { follow: f, ops, withRuntime })
      const off = onHeadEvents(chain, {
        block: (r) => f.onBlock(r),
        best: (r) => f.onBest(r),
        finalized: (r) => f.onFinalized(r),
      })
      return () => {
        off()
        ops.stopAll()
        f.dispose()
        follows.delete(key)
      }
    },
  }

  return [
    follow,
    {
      name: 'chainHead_v1_header',
      handler: ([sub, hash], c) => {
        const h = hashParam(hash)
        const e = entryOf(c, sub)
        if (e === undefined) return null
        pinnedBlock(e, h)
        return hexOf(chain.headerBytes(h)!)
      },
    },
    {
      name: 'chainHead_v1_body',
      handler: ([sub, hash], c) => {
        const h = hashParam(hash)
        const e = entryOf(c, sub)
        if (e === undefined) return LIMIT_REACHED
        pinnedBlock(e, h)
        const id = e.ops.single(() => {
          const body = chain.body(h)
          return body === undefined ? { event: 'operationInaccessible' } : { event: 'operationBodyDone', value: body.map(hexOf) }
        })
        return id === undefined ? LIMIT_REACHED : { result: 'started', operationId: id }
      },
    },
    {
      name: 'chainHead_v1_call',
      handler: ([sub, hash, fn, params], c) => {
        const h = hashParam(hash)
        const name = stringParam(fn)
        const input = hexBytes(params)
        const e = entryOf(c, sub)
        if (e === undefined) return LIMIT_REACHED
        if (!e.withRuntime) throw chainHeadInvalidRuntimeCall()
        const block = pinnedBlock(e, h)
        const id = e.ops.single(() => {
          try {
            return { event: 'operationCallDone', output: hexOf(callRuntime(ctx, block, name, input)) }
          } catch (err) {
            if (err instanceof RuntimeCallFailure) return { event: 'operationError', error: err.message }
            throw err
          }
        })
        return id === undefined ? LIMIT_REACHED : { result: 'started', operationId: id }
      },
    },
    {
      name: 'chainHead_v1_storage',
      handler: ([sub, hash, items, childTrie], c) => {
        const h = hashParam(hash)
        const queries = storageQueries(items)
        const child = optionalHexBytes(childTrie)
        const e = entryOf(c, sub)
        if (e === undefined) return LIMIT_REACHED
        const block = pinnedBlock(e, h)
        if (queries.length === 0) {
          const id = e.ops.single(() => ({ event: 'operationStorageDone' }))
          return id === undefined ? LIMIT_REACHED : { result: 'started', operationId: id, discardedItems: 0 }
        }
        // Only the items that got a slot are served; the rest are reported as discarded.
        const started = e.ops.storage(queries.length, (taken) =>
          stepper(storageItems(chain.store, queryRoot(chain.store, block.header.state_root, child), queries.slice(0, taken))))
        if (started === undefined) return LIMIT_REACHED
        return { result: 'started', operationId: started.id, discardedItems: started.discarded }
      },
    },
    {
      name: 'chainHead_v1_continue',
      handler: ([sub, opId], c) => {
        const id = stringParam(opId)
        const e = entryOf(c, sub)
        if (e !== undefined && !e.ops.continue(id)) throw chainHeadInvalidContinue()
        return null
      },
    },
    {
      name: 'chainHead_v1_stopOperation',
      handler: ([sub, opId], c) => {
        const id = stringParam(opId)
        entryOf(c, sub)?.ops.stop(id)
        return null
      },
    },
    {
      name: 'chainHead_v1_unpin',
      handler: ([sub, hashOrHashes], c) => {
        if (!Array.isArray(hashOrHashes) && typeof hashOrHashes !== 'string') throw invalidParams('expected a hash or an array of hashes')
        const list = (Array.isArray(hashOrHashes) ? hashOrHashes : [hashOrHashes]).map((x) => hexOf(hashParam(x)))
        const e = entryOf(c, sub)
        if (e === undefined) return null
        if (new Set(list).size !== list.length) throw chainHeadDuplicateHashes()
        // All or nothing: nothing is unpinned unless every hash is pinned.
        for (const h of list) if (!e.follow.isPinned(h)) throw chainHeadInvalidBlock()
        for (const h of list) e.follow.pinned.delete(h)
        return null
      },
    },
  ]
}

// state_*: storage reads, runtime calls, metadata/version, proofs and the storage and runtime
// version subscriptions (sc-rpc state module, full-node backend).
import { hexOf } from '../../codec/bytes.js'
import { blake2_256 } from '../../codec/hashing.js'
import type { NodeContext } from '../../node/context.js'
import type { BlockRef } from '../../storage/block-store.js'
import { generateReadProof, type TrieView } from '../../storage/trie/index.js'
import {
  invalidParams, STATE_CLIENT_ERROR, stateClientError, stateInvalidBlockRange, stateInvalidCount,
} from '../errors.js'
import type { RpcEntry, RpcSubscriptionMethod, SubscriptionSink } from '../types.js'
import {
  blockOrBest, findBlock, headerNotFound, runtimeVersionJson, unknownBlockApi, unknownBlockStorage, type BlockAt,
} from './common.js'
import { arrayParam, hexBytes, optionalHash, optionalHexBytes, stringParam, u32Param } from './params.js'
import { callRuntime, RuntimeCallFailure } from './runtime-call.js'
import { storageSubscription } from './storage-subscription.js'

const KEYS_PAGED_MAX = 1000

type ChangeSet = { block: string; changes: [string, string | null][] }

export function stateMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  const stateAt = (at: Uint8Array | undefined): { block: BlockAt; state: TrieView } => {
    const block = blockOrBest(ctx, at, unknownBlockStorage)
    return { block, state: chain.state(block.hash) }
  }
  const apiBlock = (at: unknown): BlockAt =>
    blockOrBest(ctx, optionalHash(at), (h) => stateClientError(unknownBlockApi(h)))
  const hexOrNull = (v: Uint8Array | null): string | null => (v === null ? null : hexOf(v))
  const keysParam = (v: unknown): Uint8Array[] => arrayParam(v).map((k) => hexBytes(k))

  /** sc-rpc `query_storage_range`: the canonical route from `from` up to `to` (best if absent). */
  const range = (from: Uint8Array, toParam: Uint8Array | undefined): BlockAt[] => {
    const to = toParam ?? chain.durableBest.hash
    const some = `Some(${hexOf(to)})`
    const fromBlock = findBlock(ctx, from)
    if (!fromBlock) throw stateInvalidBlockRange(hexOf(from), some, `UnknownBlock: ${headerNotFound(from)}`)
    const toBlock = findBlock(ctx, to)
    if (!toBlock) throw stateInvalidBlockRange(hexOf(from), some, `UnknownBlock: ${headerNotFound(to)}`)
    const label = (b: BlockAt): string => `${b.number} (${hexOf(b.hash)})`
    if (fromBlock.number > toBlock.number) throw stateInvalidBlockRange(label(fromBlock), label(toBlock), 'from number > to number')
    const out: BlockAt[] = [toBlock]
    let last = toBlock
    while (last.number > fromBlock.number) {
      const parent = findBlock(ctx, last.header.parent_hash)
      if (!parent) throw stateInvalidBlockRange(label(last), label(toBlock), `UnknownBlock: ${headerNotFound(last.header.parent_hash)}`)
      out.push(parent)
      last = parent
    }
    if (hexOf(last.hash) !== hexOf(fromBlock.hash)) {
      throw stateInvalidBlockRange(label(fromBlock), label(toBlock), 'from and to are on different forks')
    }
    return out.reverse()
  }

  /** One change set per block where any key differs from the previous block (all keys at first). */
  const queryStorage = (blocks: BlockAt[], keys: Uint8Array[]): ChangeSet[] => {
    const last = new Map<string, string | null>()
    const out: ChangeSet[] = []
    for (const b of blocks) {
      const state = chain.state(b.hash)
      const changes: [string, string | null][] = []
      for (const key of keys) {
        const k = hexOf(key)
        const v = hexOrNull(state.get(key))
        if (!last.has(k) || last.get(k) !== v) changes.push([k, v])
        last.set(k, v)
      }
      if (changes.length > 0) out.push({ block: hexOf(b.hash), changes })
    }
    return out
  }

  const storageSize = (state: TrieView, key: Uint8Array): number | null => {
    const v = state.get(key)
    if (v !== null) return v.length
    let sum = 0
    for (const [, value] of state.entries(key)) sum += value.length
    return sum > 0 ? sum : null
  }

  const runtimeVersionSub: RpcSubscriptionMethod = {
    name: 'state_subscribeRuntimeVersion',
    aliases: ['chain_subscribeRuntimeVersion'],
    notification: 'state_runtimeVersion',
    unsubscribe: 'state_unsubscribeRuntimeVersion',
    unsubscribeAliases: ['chain_unsubscribeRuntimeVersion'],
    subscribe: (_p, _c, sink: SubscriptionSink) => {
      // One runtime for every block: after the current version there is never a change to send.
      sink.send(runtimeVersionJson(ctx.runtime.version))
    },
  }

  const storageSub: RpcSubscriptionMethod = {
    name: 'state_subscribeStorage',
    notification: 'state_storage',
    unsubscribe: 'state_unsubscribeStorage',
    maxQueued: 1024,
    subscribe: ([keys], _c, sink) => {
      const list = keys === undefined || keys === null ? null : keysParam(keys)
      const onBest = storageSubscription(chain, list, (set) => sink.send(set))
      const listener = (ref: BlockRef): void => onBest(ref)
      chain.on('best', listener)
      return () => { chain.off('best', listener) }
    },
  }

  return [
    {
      name: 'state_getMetadata',
      handler: ([at]) => {
        apiBlock(at)
        return hexOf(ctx.runtime.metadata(14)!)
      },
    },
    {
      name: 'state_getRuntimeVersion',
      aliases: ['chain_getRuntimeVersion'],
      handler: ([at]) => {
        apiBlock(at)
        return runtimeVersionJson(ctx.runtime.version)
      },
    },
    {
      name: 'state_getStorage',
      aliases: ['state_getStorageAt'],
      handler: ([key, at]) => {
        const k = hexBytes(key)
        return hexOrNull(stateAt(optionalHash(at)).state.get(k))
      },
    },
    {
      name: 'state_getStorageHash',
      aliases: ['state_getStorageHashAt'],
      handler: ([key, at]) => {
        const k = hexBytes(key)
        const v = stateAt(optionalHash(at)).state.get(k)
        return v === null ? null : hexOf(blake2_256(v))
      },
    },
    {
      name: 'state_getStorageSize',
      aliases: ['state_getStorageSizeAt'],
      handler: ([key, at]) => {
        const k = hexBytes(key)
        return storageSize(stateAt(optionalHash(at)).state, k)
      },
    },
    {
      name: 'state_getKeys',
      handler: ([prefix, at]) => {
        const p = hexBytes(prefix)
        return [...stateAt(optionalHash(at)).state.keys(p)].map(hexOf)
      },
    },
    {
      name: 'state_getPairs',
      unsafe: true,
      unsafeErrorCode: STATE_CLIENT_ERROR,
      handler: ([prefix, at]) => {
        const p = hexBytes(prefix)
        return [...stateAt(optionalHash(at)).state.entries(p)].map(([k, v]) => [hexOf(k), hexOf(v)])
      },
    },
    {
      name: 'state_getKeysPaged',
      aliases: ['state_getKeysPagedAt'],
      handler: ([prefix, count, startKey, at]) => {
        const p = optionalHexBytes(prefix) ?? new Uint8Array(0)
        const n = u32Param(count)
        const start = optionalHexBytes(startKey)
        const hash = optionalHash(at)
        if (n > KEYS_PAGED_MAX) throw stateInvalidCount(n, KEYS_PAGED_MAX)
        const { state } = stateAt(hash)
        const out: string[] = []
        if (n === 0) return out
        for (const k of state.keys(p, start)) {
          out.push(hexOf(k))
          if (out.length >= n) break
        }
        return out
      },
    },
    {
      name: 'state_queryStorage',
      unsafe: true,
      unsafeErrorCode: STATE_CLIENT_ERROR,
      handler: ([keys, from, to]) => {
        const ks = keysParam(keys)
        const f = optionalHash(from)
        if (f === undefined) throw invalidParams('missing field `block`')
        return queryStorage(range(f, optionalHash(to)), ks)
      },
    },
    {
      name: 'state_queryStorageAt',
      handler: ([keys, at]) => {
        const ks = keysParam(keys)
        const hash = optionalHash(at) ?? chain.durableBest.hash
        return queryStorage(range(hash, hash), ks)
      },
    },
    {
      name: 'state_getReadProof',
      handler: ([keys, at]) => {
        const ks = keysParam(keys)
        const block = blockOrBest(ctx, optionalHash(at), unknownBlockStorage)
        const proof = generateReadProof(chain.store, block.header.state_root, ks)
        return { at: hexOf(block.hash), proof: proof.map(hexOf) }
      },
    },
    {
      name: 'state_call',
      aliases: ['state_callAt'],
      handler: ([method, data, at]) => {
        const name = stringParam(method)
        const input = hexBytes(data)
        // The executor reads the block's state first: an unknown block is a blockchain error here.
        const block = blockOrBest(ctx, optionalHash(at), unknownBlockStorage)
        try {
          return hexOf(callRuntime(ctx, block, name, input))
        } catch (e) {
          if (e instanceof RuntimeCallFailure) throw stateClientError(e.message)
          throw e
        }
      },
    },
    runtimeVersionSub,
    storageSub,
  ]
}

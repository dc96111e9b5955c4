// chain_*: headers, blocks, block hashes and the head subscriptions (sc-rpc chain module).
import { hexOf, sameBytes } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import type { BlockRef } from '../../storage/block-store.js'
import type { RpcEntry, RpcSubscriptionMethod, SubscriptionSink } from '../types.js'
import { headerJson, type HeaderJson } from './common.js'
import { blockNumber, numberOrHex, optionalHash } from './params.js'

/**
 * Head subscriptions may see a burst of blocks (dev_newBlock with a count); allow more queued
 * notifications than the per-connection default before a slow reader is dropped.
 */
const HEADS_MAX_QUEUED = 1024
/** Longest branch replayed to a new-heads subscriber when the best block jumps. */
const MAX_REPLAY = 4096

export function chainMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  let memo: { key: string; json: HeaderJson } | undefined
  /** Header JSON by hash; every subscriber of one event asks for the same block in a row. */
  const headerOf = (hash: Uint8Array): HeaderJson | null => {
    const key = hexOf(hash)
    if (memo?.key === key) return memo.json
    const h = chain.header(hash)
    if (h === undefined) return null
    memo = { key, json: headerJson(h) }
    return memo.json
  }

  const hashAt = (p: unknown): string | null => {
    const h = chain.durableHashAt(blockNumber(numberOrHex(p)))
    return h === undefined ? null : hexOf(h)
  }

  const parentRef = (r: BlockRef): BlockRef | undefined => {
    const h = chain.header(r.hash)
    return h === undefined || r.number === 0 ? undefined : { hash: h.parent_hash, number: r.number - 1 }
  }

  /** Blocks from the common ancestor of `from` and `to` (exclusive) up to `to`, oldest first. */
  const branch = (from: BlockRef, to: BlockRef): BlockRef[] => {
    const out: BlockRef[] = []
    let a: BlockRef | undefined = to
    let b: BlockRef | undefined = from
    while (a && b && a.number > b.number) { out.push(a); a = parentRef(a) }
    while (a && b && b.number > a.number) b = parentRef(b)
    while (a && b && !sameBytes(a.hash, b.hash)) { out.push(a); a = parentRef(a); b = parentRef(b) }
    // Moving the head back to an ancestor still announces the new head.
    if (out.length === 0) out.push(to)
    return out.slice(0, MAX_REPLAY).reverse()
  }

  const follow = (sink: SubscriptionSink, event: 'best' | 'block' | 'finalized', initial: BlockRef): (() => void) => {
    const first = headerOf(initial.hash)
    if (first !== null) sink.send(first)
    let last = initial
    const onEvent = (ref: BlockRef): void => {
      if (sameBytes(ref.hash, last.hash) && event !== 'block') return
      // Substrate announces every imported best block; fill in any the head moved past at once.
      const refs = event === 'best' ? branch(last, ref) : [ref]
      last = ref
      for (const r of refs) {
        const h = headerOf(r.hash)
        if (h !== null) sink.send(h)
      }
    }
    chain.on(event, onEvent)
    return () => { chain.off(event, onEvent) }
  }

  const newHeads: RpcSubscriptionMethod = {
    name: 'chain_subscribeNewHeads',
    aliases: ['chain_subscribeNewHead', 'subscribe_newHead'],
    notification: 'chain_newHead',
    unsubscribe: 'chain_unsubscribeNewHeads',
    unsubscribeAliases: ['chain_unsubscribeNewHead', 'unsubscribe_newHead'],
    maxQueued: HEADS_MAX_QUEUED,
    subscribe: (_p, _c, sink) => follow(sink, 'best', chain.durableBest),
  }
  // sc-rpc sends the current best header first here too (subscribe_headers), then every import.
  const allHeads: RpcSubscriptionMethod = {
    name: 'chain_subscribeAllHeads',
    notification: 'chain_allHead',
    unsubscribe: 'chain_unsubscribeAllHeads',
    maxQueued: HEADS_MAX_QUEUED,
    subscribe: (_p, _c, sink) => follow(sink, 'block', chain.durableBest),
  }
  const finalizedHeads: RpcSubscriptionMethod = {
    name: 'chain_subscribeFinalizedHeads',
    aliases: ['chain_subscribeFinalisedHeads'],
    notification: 'chain_finalizedHead',
    unsubscribe: 'chain_unsubscribeFinalizedHeads',
    unsubscribeAliases: ['chain_unsubscribeFinalisedHeads'],
    maxQueued: HEADS_MAX_QUEUED,
    subscribe: (_p, _c, sink) => follow(sink, 'finalized', chain.durableFinalized),
  }

  return [
    {
      name: 'chain_getBlockHash',
      aliases: ['chain_getHead'],
      handler: ([n]) => {
        if (n === undefined || n === null) return hexOf(chain.durableBest.hash)
        if (Array.isArray(n)) return n.map(hashAt)
        return hashAt(n)
      },
    },
    {
      name: 'chain_getHeader',
      handler: ([h]) => headerOf(optionalHash(h) ?? chain.durableBest.hash),
    },
    {
      name: 'chain_getBlock',
      handler: ([h]) => {
        const hash = optionalHash(h) ?? chain.durableBest.hash
        const header = headerOf(hash)
        if (header === null) return null
        const body = chain.body(hash) ?? []
        return { block: { header, extrinsics: body.map(hexOf) }, justifications: null }
      },
    },
    {
      name: 'chain_getFinalizedHead',
      aliases: ['chain_getFinalisedHead'],
      handler: () => hexOf(chain.durableFinalized.hash),
    },
    newHeads,
    allHeads,
    finalizedHeads,
  ]
}

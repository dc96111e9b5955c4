// transaction_v1_broadcast / stop and transactionWatch_v1_submitAndWatch / unwatch. Both feed the
// node's pool; the watch maps the pool's statuses onto the spec's events (validated,
// bestChainBlockIncluded, finalized, invalid, dropped, error).
import { hexOf, hexToBytes } from '../../codec/bytes.js'
import { blake2_256 } from '../../codec/hashing.js'
import { PoolError, type TxStatus } from '../../chain/txpool.js'
import type { NodeContext } from '../../node/context.js'
import { validityMessage } from '../../runtime/validity.js'
import { invalidParams } from '../errors.js'
import { hexBytes, stringParam } from '../methods/params.js'
import type { RpcEntry, RpcSubscriptionMethod } from '../types.js'

/** Broadcasts one connection may keep going (the spec guarantees at least 4). */
export const MAX_BROADCASTS = 64

type WatchEvent =
  | { event: 'validated' }
  | { event: 'bestChainBlockIncluded'; block: { hash: string; index: number } | null }
  | { event: 'finalized'; block: { hash: string; index: number } }
  | { event: 'invalid' | 'dropped' | 'error'; error: string }

/** Why the pool refused a transaction, as the spec's terminal event. */
function refusal(e: unknown): WatchEvent {
  if (!(e instanceof PoolError)) return { event: 'invalid', error: e instanceof Error ? e.message : String(e) }
  switch (e.kind) {
    case 'Invalid': return { event: 'invalid', error: validityMessage(e.validity!) }
    case 'Unknown': return { event: 'invalid', error: `Unknown transaction validity: ${e.validity!.reason}` }
    case 'TemporarilyBanned': return { event: 'invalid', error: 'Transaction is temporarily banned' }
    case 'AlreadyImported': return { event: 'invalid', error: 'Transaction Already Imported' }
    case 'TooLowPriority': return { event: 'dropped', error: 'Priority is too low' }
    case 'ImmediatelyDropped': return { event: 'dropped', error: 'Transaction was dropped immediately: the pool is full' }
  }
}

export function transactionMethods(ctx: NodeContext): RpcEntry[] {
  /** Where a transaction sits in a block's body. */
  const indexIn = (blockHex: string, txHex: string): number => {
    const body = ctx.chain.body(hexToBytes(blockHex)) ?? []
    return body.findIndex((raw) => hexOf(blake2_256(raw)) === txHex)
  }
  const toEvent = (txHex: string, s: TxStatus): WatchEvent | undefined => {
    if (s === 'dropped') return { event: 'dropped', error: 'Transaction was dropped from the pool' }
    if (s === 'invalid') return { event: 'invalid', error: 'Transaction became invalid' }
    if (typeof s === 'string') return undefined
    if ('inBlock' in s) return { event: 'bestChainBlockIncluded', block: { hash: s.inBlock, index: indexIn(s.inBlock, txHex) } }
    if ('retracted' in s) return { event: 'bestChainBlockIncluded', block: null }
    if ('finalized' in s) return { event: 'finalized', block: { hash: s.finalized, index: indexIn(s.finalized, txHex) } }
    if ('usurped' in s) return { event: 'invalid', error: 'Extrinsic was rendered invalid by another extrinsic' }
    return undefined
  }
  const isTerminal = (e: WatchEvent): boolean => e.event !== 'validated' && e.event !== 'bestChainBlockIncluded'

  const submitAndWatch: RpcSubscriptionMethod = {
    name: 'transactionWatch_v1_submitAndWatch',
    notification: 'transactionWatch_v1_watchEvent',
    unsubscribe: 'transactionWatch_v1_unwatch',
    subscribe: async ([tx], _c, sink) => {
      const raw = hexBytes(tx)
      const txHex = hexOf(blake2_256(raw))
      let stopWatching = (): void => {}
      // Watch before submitting: a block may take the transaction before submit() returns.
      stopWatching = ctx.pool.watch(txHex, (s) => {
        const e = toEvent(txHex, s)
        if (e === undefined) return
        sink.send(e)
        if (isTerminal(e)) { stopWatching(); sink.close() }
      })
      try {
        await ctx.submit(raw)
      } catch (e) {
        stopWatching()
        sink.send(refusal(e))
        sink.close()
        return
      }
      if (!sink.closed) sink.send({ event: 'validated' })
      return () => stopWatching()
    },
  }

  const broadcasts = new Map<number, Map<string, () => void>>()
  let nextId = 0
  return [
    submitAndWatch,
    {
      name: 'transaction_v1_broadcast',
      handler: ([tx], c) => {
        const raw = hexBytes(tx)
        let mine = broadcasts.get(c.conn.id)
        if (mine === undefined) {
          const m = (mine = new Map())
          broadcasts.set(c.conn.id, m)
          c.conn.onClose(() => { for (const stop of m.values()) stop(); broadcasts.delete(c.conn.id) })
        }
        if (mine.size >= MAX_BROADCASTS) return null
        const id = `${c.conn.id}-${nextId++}`
        const txHex = hexOf(blake2_256(raw))
        const ops = mine
        // The operation lives until the transaction is final one way or the other, or is stopped.
        const stopWatching = ctx.pool.watch(txHex, (s) => {
          const e = toEvent(txHex, s)
          if (e !== undefined && isTerminal(e)) ops.get(id)?.()
        })
        ops.set(id, () => { stopWatching(); ops.delete(id) })
        // An invalid transaction is dropped silently, as the spec asks, and its operation keeps
        // counting towards the limit until the client stops it.
        ctx.submit(raw).catch(() => stopWatching())
        return id
      },
    },
    {
      name: 'transaction_v1_stop',
      handler: ([opId], c) => {
        const id = stringParam(opId)
        const stop = broadcasts.get(c.conn.id)?.get(id)
        if (stop === undefined) throw invalidParams('Invalid operation id')
        stop()
        return null
      },
    },
  ]
}

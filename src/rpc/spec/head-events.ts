// The one place the new-spec RPCs (chainHead follow, transaction tracking) learn about blocks.
// Today it relays Blockchain's in-memory `block` / `best` / `finalized` events, which fire as soon
// as a block is readable; pointing these three at a "batch is durable" signal is a change here only.
import type { Blockchain } from '../../chain/blockchain.js'
import type { BlockRef } from '../../storage/block-store.js'

export interface HeadListener {
  /** A block was imported (any fork). */
  block(ref: BlockRef): void
  /** The best block changed. */
  best(ref: BlockRef): void
  /** The finalized block moved forward to `ref`. */
  finalized(ref: BlockRef): void
}

/** Subscribe to head events; returns the unsubscribe function. */
export function onHeadEvents(chain: Blockchain, l: HeadListener): () => void {
  const block = (r: BlockRef): void => l.block(r)
  const best = (r: BlockRef): void => l.best(r)
  const finalized = (r: BlockRef): void => l.finalized(r)
  chain.on('block', block)
  chain.on('best', best)
  chain.on('finalized', finalized)
  return () => {
    chain.off('block', block)
    chain.off('best', best)
    chain.off('finalized', finalized)
  }
}

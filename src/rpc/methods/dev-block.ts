// A block whose state is a normal empty block's plus raw storage writes: what dev_setStorage
// commits so that the change gets its own block hash (polkadot.js caches answers per hash).
// Built like the producer builds (timestamp inherent, Aura pre-digest) but not sealed: the node's
// authority key is not available to the RPC layer, and such a block could not be re-executed by a
// peer anyway.
import { commitState, type BuiltBlock } from '../../chain/blockchain.js'
import { blake2_256 } from '../../codec/hashing.js'
import { encode } from '../../codec/scale.js'
import type { NodeContext } from '../../node/context.js'
import { Header, type HeaderValue } from '../../runtime/primitives.js'
import { Overlay } from '../../storage/overlay.js'
import { orderedTrieRoot } from '../../storage/trie/index.js'

/** Next block timestamp as the producer picks it: the wall clock (plus time travel), one slot past the parent at least. */
export function nextTimestamp(ctx: NodeContext, parentHash: Uint8Array): bigint {
  const slot = BigInt(ctx.runtime.slotDurationMs)
  const parentTs = ctx.runtime.timestampOf(ctx.chain.state(parentHash))
  const wall = BigInt(Date.now() + ctx.producer.timeOffsetMs)
  const min = parentTs === 0n ? 0n : parentTs + slot
  const ts = (wall / slot) * slot
  return ts < min ? min : ts
}

export function buildWithOverrides(ctx: NodeContext, parentHash: Uint8Array, writes: [Uint8Array, Uint8Array | null][]): BuiltBlock {
  const parent = ctx.chain.header(parentHash)
  if (!parent) throw new Error(`Cannot find block ${Buffer.from(parentHash).toString('hex')}`)
  const number = parent.number + 1
  const ts = nextTimestamp(ctx, parentHash)
  const slotNumber = ts / BigInt(ctx.runtime.slotDurationMs)
  const ex = ctx.chain.executive
  const s = new Overlay(ctx.chain.state(parentHash))
  ex.initializeBlock(s, { number, parentHash, digest: [ctx.runtime.auraPreDigest(slotNumber)] })
  const inherent = ctx.runtime.timestampInherent(ts)
  const r = ex.applyExtrinsic(s, inherent, number)
  if (!r.ok) throw new Error(`timestamp inherent rejected: ${r.error.reason}`)
  const fin = ex.finalizeBlock(s, number)
  for (const [k, v] of writes) s.set(k, v)
  const { root, newNodes } = commitState(ctx.chain.store, parent.state_root, s)
  const header: HeaderValue = {
    parent_hash: parentHash,
    number,
    state_root: root,
    extrinsics_root: orderedTrieRoot([inherent]),
    digest: { logs: fin.digest },
  }
  const headerBytes = encode(Header, header)
  return { hash: blake2_256(headerBytes), header, headerBytes, body: [inherent], trieNodes: newNodes, rejected: [] }
}

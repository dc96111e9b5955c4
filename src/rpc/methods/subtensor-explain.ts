// subtensor_explainEpoch(netuid, blockHash?): the subnet's latest epoch at or before the block
// (LastEpochBlock), recomputed from its parent's state with every intermediate vector. A dev
// method of this emulator; errors are code 1 like the other subtensor RPCs.
import type { NodeContext } from '../../node/context.js'
import { SubtensorStorage as S } from '../../pallets/subtensor/storage.js'
import { explainEpoch, type ExplainedEpoch } from '../../pallets/subtensor/epoch/explain.js'
import { RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { blockOrBest, unknownBlockApi } from './common.js'
import { optionalHash } from './params.js'
import { u16Param } from './subtensor.js'

const EXPLAIN_ERROR = 1

export function explainEpochAt(ctx: NodeContext, netuid: number, at: Uint8Array | undefined): ExplainedEpoch {
  const block = blockOrBest(ctx, at, (h) => new RpcError(EXPLAIN_ERROR, unknownBlockApi(h)))
  const state = ctx.chain.overlayAt(block.hash)
  if (!S.NetworksAdded.get(state, netuid)) throw new RpcError(EXPLAIN_ERROR, `Subnet ${netuid} does not exist`)
  const epochBlock = Number(S.LastEpochBlock.get(state, netuid))
  const ran = ctx.chain.ancestry(block.hash, epochBlock - 1).at(-1)
  if (epochBlock === 0 || ran === undefined || ran.number !== epochBlock) throw new RpcError(EXPLAIN_ERROR, `No epoch of subnet ${netuid} at or before block ${block.number}`)
  const parent = ctx.chain.header(ran.hash)!.parent_hash
  const out = explainEpoch(ctx.chain.overlayAt(parent), netuid, epochBlock)
  if (out === null) throw new RpcError(EXPLAIN_ERROR, `The epoch slot of subnet ${netuid} at block ${epochBlock} was skipped`)
  return out
}

export function explainMethods(ctx: NodeContext): RpcEntry[] {
  return [{ name: 'subtensor_explainEpoch', handler: (p) => explainEpochAt(ctx, u16Param(p[0]), optionalHash(p[1])) }]
}

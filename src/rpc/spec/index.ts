// The new JSON-RPC spec (paritytech/json-rpc-interface-spec): chainHead_v1, chainSpec_v1,
// transaction_v1, transactionWatch_v1 and archive_v1. Each group is listed complete or not at all, since
// polkadot-api goes native for a group as soon as it sees one of its methods.
import type { NodeContext } from '../../node/context.js'
import type { RpcEntry } from '../types.js'
import { archiveMethods } from './archive.js'
import { chainHeadMethods } from './chain-head/index.js'
import { chainSpecMethods } from './chain-spec.js'
import { transactionMethods } from './transaction.js'

export function specMethods(ctx: NodeContext): RpcEntry[] {
  return [...chainSpecMethods(ctx), ...chainHeadMethods(ctx), ...transactionMethods(ctx), ...archiveMethods(ctx)]
}

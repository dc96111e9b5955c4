// chainSpec_v1_*: the chain's name, genesis hash and properties, constant for the node's life.
import { hexOf } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import type { RpcEntry } from '../types.js'

export function chainSpecMethods(ctx: NodeContext): RpcEntry[] {
  const genesis = hexOf(ctx.chain.genesisHash)
  return [
    { name: 'chainSpec_v1_chainName', handler: () => ctx.spec.name },
    { name: 'chainSpec_v1_genesisHash', handler: () => genesis },
    { name: 'chainSpec_v1_properties', handler: () => ctx.spec.properties },
  ]
}

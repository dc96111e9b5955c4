// The node's JSON-RPC method table (rpc_methods is added by the dispatcher).
import type { NodeContext } from '../../node/context.js'
import type { RpcEntry } from '../types.js'
import { advanceMethods } from './advance.js'
import { authorMethods } from './author.js'
import { chainMethods } from './chain.js'
import { devMethods } from './dev.js'
import { drandMethods } from './drand.js'
import { engineMethods } from './engine.js'
import { paymentMethods } from './payment.js'
import { scenarioMethods } from './scenario.js'
import { specMethods } from '../spec/index.js'
import { stateMethods } from './state.js'
import { subtensorMethods } from './subtensor.js'
import { subnetInfoMethods } from './subnet-info.js'
import { swapMethods } from './swap.js'
import { delegateInfoMethods } from './delegate-info.js'
import { explainMethods } from './subtensor-explain.js'
import { systemMethods } from './system.js'

/** `manualSeal`: the node runs manual seal (`--sealing`), which brings the engine_* methods. */
export function rpcMethods(ctx: NodeContext, o: { manualSeal: boolean }): RpcEntry[] {
  return [
    ...systemMethods(ctx),
    ...chainMethods(ctx),
    ...stateMethods(ctx),
    ...authorMethods(ctx),
    ...paymentMethods(ctx),
    ...devMethods(ctx),
    ...specMethods(ctx),
    ...(o.manualSeal ? engineMethods(ctx) : []),
    ...subtensorMethods(ctx),
    ...subnetInfoMethods(ctx),
    ...swapMethods(ctx),
    ...delegateInfoMethods(ctx),
    ...explainMethods(ctx),
    ...scenarioMethods(ctx),
    ...advanceMethods(ctx),
    ...drandMethods(ctx),
  ]
}

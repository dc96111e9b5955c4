// SubtensorCustom JSON-RPC (pallets/subtensor/rpc): legacy wrappers of the subtensor runtime APIs.
// Results are the runtime API's SCALE bytes as a JSON array of numbers (jsonrpsee's Vec<u8>);
// failures are error code 1 with the RPC's text.
import { concatBytes } from '../../codec/bytes.js'
import { decode, encode } from '../../codec/scale.js'
import { u16, u64 } from '../../codec/types.js'
import type { NodeContext } from '../../node/context.js'
import { invalidParams, RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { blockOrBest, unknownBlockApi } from './common.js'
import { optionalHash, u32Param } from './params.js'
import { callRuntime, RuntimeCallFailure } from './runtime-call.js'

const RUNTIME_ERROR = 1

export function u16Param(v: unknown): number {
  const n = u32Param(v)
  if (n > 0xffff) throw invalidParams(`invalid value: integer \`${n}\`, expected u16`)
  return n
}

/** Runs `api` at `at` (best when absent); errors become code 1 "`what`: <reason>". */
export type RuntimeRpc = (api: string, input: Uint8Array, at: unknown, what: string) => Uint8Array

export function runtimeRpc(ctx: NodeContext): RuntimeRpc {
  return (api, input, at, what) => {
    const hash = optionalHash(at)
    try {
      const block = blockOrBest(ctx, hash, (h) => new RuntimeCallFailure(unknownBlockApi(h)))
      return callRuntime(ctx, block, api, input)
    } catch (e) {
      if (e instanceof RuntimeCallFailure) throw new RpcError(RUNTIME_ERROR, `${what}: ${e.message}`)
      throw e
    }
  }
}

export function subtensorMethods(ctx: NodeContext): RpcEntry[] {
  const run = runtimeRpc(ctx)
  const bytes = (b: Uint8Array): number[] => Array.from(b)
  const netuidArgs = (p: unknown[]) => encode(u16, u16Param(p[0]))
  const netuidUidArgs = (p: unknown[]) => concatBytes(encode(u16, u16Param(p[0])), encode(u16, u16Param(p[1])))
  return [
    { name: 'neuronInfo_getNeuronsLite', handler: (p) => bytes(run('NeuronInfoRuntimeApi_get_neurons_lite', netuidArgs(p), p[1], 'Unable to get neurons lite info')) },
    { name: 'neuronInfo_getNeuronLite', handler: (p) => bytes(run('NeuronInfoRuntimeApi_get_neuron_lite', netuidUidArgs(p), p[2], 'Unable to get neurons lite info')) },
    { name: 'neuronInfo_getNeurons', handler: (p) => bytes(run('NeuronInfoRuntimeApi_get_neurons', netuidArgs(p), p[1], 'Unable to get neurons info')) },
    { name: 'neuronInfo_getNeuron', handler: (p) => bytes(run('NeuronInfoRuntimeApi_get_neuron', netuidUidArgs(p), p[2], 'Unable to get neuron info')) },
    {
      name: 'subnetInfo_getLockCost',
      // TaoBalance serializes as a plain JSON number
      handler: (p) => Number(decode<bigint>(u64, run('SubnetRegistrationRuntimeApi_get_network_registration_cost', new Uint8Array(), p[0], 'Unable to get subnet lock cost'))),
    },
  ]
}

// Subtensor's own runtime APIs (pallets/subtensor/runtime-api), as far as they are built.
import { option, u16, u64, vec } from '../../codec/types.js'
import { NeuronInfo, NeuronInfoLite, neuronAt, neurons } from '../../pallets/subtensor/info/neuron-info.js'
import { networkLockCost } from '../../pallets/subtensor/subnets/network.js'
import type { RuntimeApiDecl } from './types.js'

export function subnetRegistrationApi(): RuntimeApiDecl {
  return {
    name: 'SubnetRegistrationRuntimeApi',
    version: 1,
    methods: [
      // TaoBalance is a transparent u64
      { name: 'get_network_registration_cost', inputs: [], output: u64, call: (ctx) => networkLockCost(ctx.s) },
    ],
  }
}

const netuidIn = { name: 'netuid', type: u16 }
const uidIn = { name: 'uid', type: u16 }

export function neuronInfoApi(): RuntimeApiDecl {
  return {
    name: 'NeuronInfoRuntimeApi',
    version: 1,
    methods: [
      { name: 'get_neurons', inputs: [netuidIn], output: vec(NeuronInfo), call: (ctx, [n]) => neurons(ctx.s, n as number, true) },
      { name: 'get_neuron', inputs: [netuidIn, uidIn], output: option(NeuronInfo), call: (ctx, [n, u]) => neuronAt(ctx.s, n as number, u as number, true) },
      { name: 'get_neurons_lite', inputs: [netuidIn], output: vec(NeuronInfoLite), call: (ctx, [n]) => neurons(ctx.s, n as number, false) },
      { name: 'get_neuron_lite', inputs: [netuidIn, uidIn], output: option(NeuronInfoLite), call: (ctx, [n, u]) => neuronAt(ctx.s, n as number, u as number, false) },
    ],
  }
}

// Subtensor's own runtime APIs (pallets/subtensor/runtime-api), as far as they are built.
import { u64 } from '../../codec/types.js'
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

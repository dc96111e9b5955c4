// AuraApi and GrandpaApi: the authority sets and the slot duration the UI shows.
import { array, composite, tuple, u8, u64, vec } from '../../codec/types.js'
import type { ApiHost } from './host.js'
import type { RuntimeApiDecl } from './types.js'

export const AuraPublic = composite('sp_consensus_aura::sr25519::app_sr25519::Public', [{ type: array(32, u8), typeName: 'sr25519::Public' }])
export const GrandpaPublic = composite('sp_consensus_grandpa::app::Public', [{ type: array(32, u8), typeName: 'ed25519::Public' }])
export const SlotDuration = composite('sp_consensus_slots::SlotDuration', [{ type: u64, typeName: 'u64' }])

export function auraApi(h: ApiHost): RuntimeApiDecl {
  return {
    name: 'AuraApi',
    version: 1,
    docs: [' API necessary for block authorship with aura.'],
    methods: [
      { name: 'slot_duration', inputs: [], output: SlotDuration, docs: [' Returns the slot duration for Aura.'], call: () => BigInt(h.slotDurationMs) },
      { name: 'authorities', inputs: [], output: vec(AuraPublic), docs: [' Return the current set of authorities.'], call: (ctx) => h.auraAuthorities(ctx.s) },
    ],
  }
}

export function grandpaApi(h: ApiHost): RuntimeApiDecl {
  return {
    name: 'GrandpaApi',
    version: 3,
    docs: [' APIs for integrating the GRANDPA finality gadget into runtimes.'],
    methods: [
      { name: 'grandpa_authorities', inputs: [], output: vec(tuple(GrandpaPublic, u64)), docs: [' Get the current GRANDPA authorities and weights.'], call: (ctx) => h.grandpaAuthorities(ctx.s) },
      { name: 'current_set_id', inputs: [], output: u64, docs: [' Get current GRANDPA authority set id.'], call: (ctx) => h.grandpaSetId(ctx.s) },
    ],
  }
}

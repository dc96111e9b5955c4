// AdminUtils' calls into the other pallets (runtime/src/lib.rs AuraPalletIntrf and
// GrandpaInterfaceImpl), its own PrecompileEnable switch, and the deprecated issuance setter.
import { encode } from '../../codec/scale.js'
import { u8a32, vec } from '../../codec/types.js'
import { Aura, AURA_ENGINE_ID } from '../aura/index.js'
import { scheduleChange } from '../grandpa/index.js'
import { depositLog, ensureRoot } from '../system/index.js'
import { implement } from './calls.js'
import { AdminUtilsErrors as E, AdminUtilsEvents, AdminUtilsStorage } from './pallet.js'

/** sp_consensus_aura ConsensusLog::AuthoritiesChange (variant 1) with the new list. */
function auraAuthoritiesChangeLog(next: Uint8Array[]): Uint8Array {
  const body = encode(vec(u8a32), next)
  const out = new Uint8Array(body.length + 1)
  out[0] = 1
  out.set(body, 1)
  return out
}

// pallet_aura::change_authorities: the set is replaced now and announced in the block's digest;
// an empty list is ignored
implement('swap_authorities', (ctx, a) => {
  ensureRoot(ctx)
  if (a.new_authorities.length === 0) return
  Aura.Authorities.set(ctx.s, a.new_authorities)
  depositLog(ctx.s, { type: 'Consensus', value: [AURA_ENGINE_ID, auraAuthoritiesChangeLog(a.new_authorities)] })
})

implement('schedule_grandpa_change', (ctx, a) => {
  ensureRoot(ctx)
  scheduleChange(ctx.s, a.next_authorities, a.in_blocks, a.forced)
})

// only a change is written and announced
implement('sudo_toggle_evm_precompile', (ctx, a) => {
  ensureRoot(ctx)
  if (AdminUtilsStorage.PrecompileEnable.get(ctx.s, a.precompile_id) === a.enabled) return
  AdminUtilsStorage.PrecompileEnable.set(ctx.s, a.precompile_id, a.enabled)
  AdminUtilsEvents.PrecompileUpdated.emit(ctx.env, { precompile_id: a.precompile_id, enabled: a.enabled })
})

// refused for every origin, before any origin check
implement('sudo_set_total_issuance', () => { throw E.Deprecated() })


// epoch/run_epoch.rs: what an epoch writes. Per mechanism: Incentive, every keyed uid's Bonds row
// (empty without a new permit) and IncentiveAlphaEmittedToMiners; per netuid, aggregated over
// mechanisms: Active, Emission, Consensus, Dividends, ValidatorTrust, ValidatorPermit, StakeWeight.
import type { ExecEnv } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { mapped } from '../utils/mapped.js'
import { mechanismStorageIndex } from '../utils/misc.js'
import { insertVecIfChanged } from '../utils/store-changed.js'
import { writePairRow } from './pair-rows.js'
import { type EpochTerms, epochMechanism } from './run-epoch.js'

type Env = Pick<ExecEnv, 'depositEvent'>
const byUid = (terms: ReadonlyArray<[Uint8Array, EpochTerms]>): EpochTerms[] => mapped(terms, ([, t]) => t).sort((a, b) => a.uid - b.uid)

/** `persist_mechanism_epoch_terms`; bond rows are written at their position in uid order, as the chain does. */
export function persistMechanismEpochTerms(s: Store, env: Env, netuid: number, mecid: number, terms: ReadonlyArray<[Uint8Array, EpochTerms]>): void {
  const idx = mechanismStorageIndex(netuid, mecid)
  const sorted = byUid(terms)
  insertVecIfChanged(s, S.Incentive, idx, sorted, (t) => t.incentive)
  SubtensorEvents.IncentiveAlphaEmittedToMiners.emit(env, { netuid: idx, emissions: mapped(sorted, (t) => t.serverEmission) })
  sorted.forEach((t, position) => writePairRow(s, S.Bonds, idx, Math.min(position, 0xffff), t.bond.c, t.bond.v))
}

/** `persist_netuid_epoch_terms` (a vector that keeps its value is not rewritten: the same state). */
export function persistNetuidEpochTerms(s: Store, netuid: number, terms: ReadonlyArray<[Uint8Array, EpochTerms]>): void {
  const sorted = byUid(terms)
  insertVecIfChanged(s, S.Active, netuid, sorted, (t) => t.active)
  insertVecIfChanged(s, S.Emission, netuid, sorted, (t) => t.emission)
  insertVecIfChanged(s, S.Consensus, netuid, sorted, (t) => t.consensus)
  insertVecIfChanged(s, S.Dividends, netuid, sorted, (t) => t.dividend)
  insertVecIfChanged(s, S.ValidatorTrust, netuid, sorted, (t) => t.validatorTrust)
  insertVecIfChanged(s, S.ValidatorPermit, netuid, sorted, (t) => t.newValidatorPermit)
  insertVecIfChanged(s, S.StakeWeight, netuid, sorted, (t) => t.stakeWeight)
}

/** `epoch`: the legacy single-mechanism entry the chain's tests call; returns (hotkey, server, validator). */
export function epoch(s: Store, env: Env, netuid: number, raoEmission: bigint, block: bigint): Array<[Uint8Array, bigint, bigint]> {
  const out = epochMechanism(s, netuid, 0, raoEmission, block)
  persistMechanismEpochTerms(s, env, netuid, 0, out.terms)
  persistNetuidEpochTerms(s, netuid, out.terms)
  return mapped(out.terms, ([hk, t]): [Uint8Array, bigint, bigint] => [hk, t.serverEmission, t.validatorEmission])
}

// pallet_drand's calls (lib.rs #[pallet::call]) and the pulse-writing path they share with the
// node's beacon: write_pulse stores verified pulses above LastStoredRound, records the first
// round ever stored as OldestStoredRound, prunes to MAX_KEPT_PULSES and gates NextUnsignedAt.
import { f, u64 } from '../../codec/types.js'
import type { ExecEnv } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { badOrigin, weight } from '../../frame/primitives.js'
import { ensureRoot } from '../system/index.js'
import { DB_WEIGHT } from '../system/limits.js'
import { System } from '../system/pallet.js'
import { checkRound } from './bls.js'
import {
  BeaconConfigurationPayload, drand, DrandErrors as E, DrandEvents, DrandStorage as D, MAX_KEPT_PULSES,
  MAX_REMOVED_PULSES, OptionalSignature, PulsesPayload, type BeaconConfigurationPayloadValue, type PulseValue,
  type PulsesPayloadValue,
} from './pallet.js'

// weights.rs SubstrateWeight with RocksDbWeight.
const WRITE_PULSE = weight(4_294_000_000n + 3n * DB_WEIGHT.read + 4n * DB_WEIGHT.write)
const SET_BEACON_CONFIG = weight(8_766_000n + 2n * DB_WEIGHT.write)
const SET_OLDEST_STORED_ROUND = weight(5_370_000n + DB_WEIGHT.write)

/** QuicknetVerifier against the stored BeaconConfig; an undecodable key or signature fails the call. */
export function verifyPulse(s: Store, p: PulseValue): boolean {
  const ok = checkRound(D.BeaconConfig.get(s).public_key, p.round, p.signature)
  if (ok === null) throw E.PulseVerificationError()
  return ok
}

/**
 * The body of write_pulse after its origin check. `verify` is the runtime's Verifier; a pulse that
 * fails it is skipped, one at or below LastStoredRound fails the whole call (InvalidRoundNumber).
 */
export function writePulses(s: Store, env: Pick<ExecEnv, 'depositEvent'>, pulses: readonly PulseValue[], verify: (p: PulseValue) => boolean): void {
  let last = D.LastStoredRound.get(s)
  const oldest = D.OldestStoredRound.get(s)
  const firstStorage = last === 0n && oldest === 0n
  let firstNew: bigint | null = null
  const rounds: bigint[] = []
  for (const p of pulses) {
    if (!verify(p)) continue
    if (p.round <= last) throw E.InvalidRoundNumber()
    D.Pulses.set(s, p.round, p)
    last = p.round
    rounds.push(p.round)
    if (firstStorage && firstNew === null) firstNew = p.round
  }
  D.LastStoredRound.set(s, last)
  if (firstNew !== null) D.OldestStoredRound.set(s, firstNew)
  prunePulses(s, last)
  D.NextUnsignedAt.set(s, System.Number.get(s))
  if (rounds.length > 0) DrandEvents.NewPulse.emit(env, { rounds })
}

/** prune_old_pulses: at most MAX_REMOVED_PULSES per call, keeping MAX_KEPT_PULSES rounds. */
function prunePulses(s: Store, last: bigint): void {
  let oldest = D.OldestStoredRound.get(s)
  if (oldest === 0n) return
  let removed = 0n
  while (last - oldest + 1n > MAX_KEPT_PULSES && removed < MAX_REMOVED_PULSES) {
    D.Pulses.remove(s, oldest)
    oldest++
    removed++
  }
  D.OldestStoredRound.set(s, oldest)
}

drand.call<{ pulses_payload: PulsesPayloadValue }>(0, 'write_pulse', [
  f('pulses_payload', PulsesPayload, 'PulsesPayload<T::Public, BlockNumberFor<T>>'),
  f('_signature', OptionalSignature, 'Option<T::Signature>'),
], {
  docs: [' Verify and write a pulse from the beacon into the runtime'],
  weight: () => WRITE_PULSE,
  handler: (ctx, a) => {
    if (ctx.origin.kind !== 'None') throw badOrigin()
    writePulses(ctx.s, ctx.env, a.pulses_payload.pulses, (p) => verifyPulse(ctx.s, p))
  },
})

drand.call<{ config_payload: BeaconConfigurationPayloadValue }>(1, 'set_beacon_config', [
  f('config_payload', BeaconConfigurationPayload, 'BeaconConfigurationPayload<T::Public, BlockNumberFor<T>>'),
  f('_signature', OptionalSignature, 'Option<T::Signature>'),
], {
  docs: [
    ' allows the root user to set the beacon configuration',
    ' generally this would be called from an offchain worker context.',
    ' there is no verification of configurations, so be careful with this.', '',
    ' * `origin`: the root user', ' * `config`: the beacon configuration',
  ],
  weight: () => SET_BEACON_CONFIG,
  handler: (ctx, a) => {
    ensureRoot(ctx)
    D.BeaconConfig.set(ctx.s, a.config_payload.config)
    D.NextUnsignedAt.set(ctx.s, System.Number.get(ctx.s) + 1)
    DrandEvents.BeaconConfigChanged.emit(ctx.env, null)
  },
})

drand.call<{ oldest_round: bigint }>(2, 'set_oldest_stored_round', [f('oldest_round', u64, 'u64')], {
  docs: [' allows the root user to set the oldest stored round'],
  weight: () => SET_OLDEST_STORED_ROUND,
  handler: (ctx, a) => {
    ensureRoot(ctx)
    D.OldestStoredRound.set(ctx.s, a.oldest_round)
    DrandEvents.SetOldestStoredRound.emit(ctx.env, [a.oldest_round])
  },
})

// coinbase/run_coinbase.rs, the epoch scheduler of spec 425 (dynamic tempo): when a subnet's epoch
// is due, the per-block cap, and `drain_pending`, which consumes the slot and takes the pending
// emission the epoch will distribute.
import type { ExecEnv } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { keptKeyString } from '../../../storage/kept-key-string.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'

/** MAX_TEMPO: the BlocksSinceLastStep safety net. */
export const MAX_TEMPO = 50_400n
const U64_MAX = (1n << 64n) - 1n

/** `should_run_epoch`: owner trigger/deferral, the safety net, else tempo blocks since the last. */
export function shouldRunEpoch(s: Store, netuid: number, block: bigint): boolean {
  return shouldRunEpochSince(s, netuid, block, S.Tempo.get(s, netuid), S.PendingEpochAt.get(s, netuid), null)
}

/**
 * shouldRunEpoch on Tempo and PendingEpochAt as the caller read them (drain_pending hands both on);
 * BlocksSinceLastStep (`sinceLastStep` when the caller has it) and LastEpochBlock are read only
 * when they matter.
 */
function shouldRunEpochSince(s: Store, netuid: number, block: bigint, tempo: number, pending: bigint, sinceLastStep: bigint | null): boolean {
  if (tempo === 0) return false
  if (pending > 0n && block >= pending) return true
  if ((sinceLastStep ?? S.BlocksSinceLastStep.get(s, netuid)) > MAX_TEMPO) return true
  const last = S.LastEpochBlock.get(s, netuid)
  return (block > last ? block - last : 0n) >= BigInt(tempo)
}

/** `blocks_until_next_auto_epoch`. */
export function blocksUntilNextAutoEpoch(s: Store, netuid: number, tempo: number, block: bigint): bigint {
  if (tempo === 0) return U64_MAX
  const next = S.LastEpochBlock.get(s, netuid) + BigInt(tempo)
  const sat = next > U64_MAX ? U64_MAX : next
  return sat > block ? sat - block : 0n
}

/** `get_next_epoch_start_block`. */
export function nextEpochStartBlock(s: Store, netuid: number): bigint | null {
  const tempo = S.Tempo.get(s, netuid)
  if (tempo === 0) return null
  const auto = S.LastEpochBlock.get(s, netuid) + BigInt(tempo)
  const pending = S.PendingEpochAt.get(s, netuid)
  return pending > 0n && pending < auto ? pending : auto
}

/** `is_epoch_input_state_consistent`: no hotkey appears twice in Keys. */
export const isEpochInputStateConsistent = (s: Store, netuid: number): boolean => consistentKeys(s, netuid) !== null

/** The Keys rows as (hotkey, uid) in listing order, the epoch's input, or null if a hotkey appears twice. */
function consistentKeys(s: Store, netuid: number): Array<[Uint8Array, number]> | null {
  const rows: Array<[Uint8Array, number]> = []
  // (lent: the hotkeys are the same objects tempo after tempo, so their key strings are kept)
  for (const [uid, hk] of S.Keys.iterPrefixLent(s, netuid)) rows.push([hk, uid])
  // (a single row cannot repeat a hotkey: no key strings made for the many one-UID subnets)
  if (rows.length > 1) {
    const seen = new Set<string>()
    for (const [hk] of rows) {
      const k = keptKeyString(hk)
      if (seen.has(k)) return null
      seen.add(k)
    }
  }
  return rows
}

/** `epochs_deferred_this_block`: due subnets beyond the cap (before BlocksSinceLastStep moves). */
export function epochsDeferredThisBlock(s: Store, subnets: readonly number[], block: bigint): Set<number> {
  const cap = S.MaxEpochsPerBlock.get(s)
  const deferred = new Set<number>()
  let run = 0
  for (const netuid of subnets) {
    if (!shouldRunEpoch(s, netuid, block)) continue
    if (run >= cap) { deferred.add(netuid); continue }
    if (isEpochInputStateConsistent(s, netuid)) run++
  }
  return deferred
}

export interface PendingDrain {
  server: bigint
  validator: bigint
  root: bigint
  ownerCut: bigint
  /** The Keys rows (hotkey, uid) read to check them, which the epoch runs on: nothing before it changes them. */
  keyed: Array<[Uint8Array, number]>
  /** Tempo as read to schedule the epoch (the epoch's activity cutoff reads it: nothing writes it in between). */
  tempo: number
}

/**
 * `drain_pending`, in `subnets` order: count the block, and for each due subnet either defer it
 * (cap reached), drain its four accumulators (consistent Keys) or skip it; a consumed slot moves
 * LastEpochBlock and SubnetEpochIndex. Returns the drained subnets in ascending netuid.
 * (`change_subnet_owner_if_needed`, conviction-based owner changes, belongs to staking/lock.rs.)
 */
export function drainPending(s: Store, env: Pick<ExecEnv, 'depositEvent'>, subnets: readonly number[], block: bigint): Map<number, PendingDrain> {
  const out = new Map<number, PendingDrain>()
  const cap = S.MaxEpochsPerBlock.get(s)
  let run = 0
  for (const netuid of subnets) {
    // The block is counted first; a drained subnet's count is then reset to 0: one write of the
    // value that stays.
    const v = S.BlocksSinceLastStep.get(s, netuid)
    const since = v < U64_MAX ? v + 1n : v
    // (read once: whether it is stored decides the reset below, and nothing writes it in between)
    const pendingAt = S.PendingEpochAt.tryGetLent(s, netuid)
    const tempo = S.Tempo.get(s, netuid)
    if (!shouldRunEpochSince(s, netuid, block, tempo, pendingAt ?? 0n, since)) {
      S.BlocksSinceLastStep.set(s, netuid, since)
      continue
    }
    if (run >= cap) {
      S.BlocksSinceLastStep.set(s, netuid, since)
      S.PendingEpochAt.set(s, netuid, block + 1n)
      SubtensorEvents.EpochDeferred.emit(env, { netuid, from_block: block, to_block: block + 1n })
      continue
    }
    const keyed = consistentKeys(s, netuid)
    S.BlocksSinceLastStep.set(s, netuid, keyed !== null ? 0n : since)
    if (keyed !== null) {
      // (a 0 already stored is left as it is; an absent key gets its 0 written, as the chain does)
      const take = (m: typeof S.PendingServerEmission): bigint => {
        const v = m.tryGetLent(s, netuid)
        if (v !== 0n) m.set(s, netuid, 0n)
        return v ?? 0n
      }
      out.set(netuid, {
        server: take(S.PendingServerEmission),
        validator: take(S.PendingValidatorEmission),
        root: take(S.PendingRootAlphaDivs),
        ownerCut: take(S.PendingOwnerCut),
        keyed,
        tempo,
      })
      run++
    } else {
      SubtensorEvents.EpochSkipped.emit(env, { netuid, block })
    }
    S.LastEpochBlock.set(s, netuid, block)
    // (insertIfChanged of 0: a stored 0 is left as it is, an absent key gets its 0 written)
    if (pendingAt !== 0n) S.PendingEpochAt.set(s, netuid, 0n)
    S.SubnetEpochIndex.mutate(s, netuid, (v) => (v < U64_MAX ? v + 1n : v))
  }
  return ascending(out) ? out : new Map([...out].sort((a, b) => a[0] - b[0]))
}

/** Whether the map's keys come in ascending order already (subnets are mostly listed so; most blocks drain none). */
function ascending(m: Map<number, unknown>): boolean {
  let last = -1
  for (const k of m.keys()) { if (k < last) return false; last = k }
  return true
}

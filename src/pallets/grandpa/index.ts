// pallet_grandpa (index 4): the finality authority set, scheduled set changes, pause/resume and
// note_stalled. report_equivocation(_unsigned) (0, 1) are not offered: subtensor's KeyOwnerProof
// is sp_core::Void, so those calls cannot even be decoded on the real chain.
import { concatBytes } from '../../codec/bytes.js'
import { cryptoReady } from '../../codec/hashing.js'
import { encode } from '../../codec/scale.js'
import { composite, f, option, tuple, u32, u64, u8a32, variant, vec } from '../../codec/types.js'
import { Pallet, type PalletDecl } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { badOrigin, weight } from '../../frame/primitives.js'
import { depositLog } from '../system/block.js'
import { DB_WEIGHT } from '../system/limits.js'
import { parseAccountId } from '../system/lookup.js'
import { System } from '../system/pallet.js'
import { weakBoundedVec } from '../system/types.js'

await cryptoReady()

export const GRANDPA_ENGINE_ID = new TextEncoder().encode('FRNK')
export const MAX_GRANDPA_AUTHORITIES = 32

export const GrandpaAuthorityId = composite('sp_consensus_grandpa::app::Public', [{ type: u8a32, typeName: 'ed25519::Public' }])
const AuthorityEntry = tuple(GrandpaAuthorityId, u64)
export const AuthorityList = vec(AuthorityEntry)
export type AuthorityListValue = [Uint8Array, bigint][]

export const StoredState = variant('pallet_grandpa::StoredState', [
  { name: 'Live', index: 0, fields: [] },
  { name: 'PendingPause', index: 1, fields: [f('scheduled_at', u32, 'N'), f('delay', u32, 'N')] },
  { name: 'Paused', index: 2, fields: [] },
  { name: 'PendingResume', index: 3, fields: [f('scheduled_at', u32, 'N'), f('delay', u32, 'N')] },
], { params: [{ name: 'N', type: u32 }] })
export type StoredStateValue =
  | { type: 'Live' | 'Paused' }
  | { type: 'PendingPause' | 'PendingResume'; value: { scheduled_at: number; delay: number } }

export const StoredPendingChange = composite('pallet_grandpa::StoredPendingChange', [
  f('scheduled_at', u32, 'N'),
  f('delay', u32, 'N'),
  f('next_authorities', weakBoundedVec(AuthorityEntry), 'BoundedAuthorityList<Limit>'),
  f('forced', option(u32), 'Option<N>'),
], { params: [{ name: 'N', type: u32 }, { name: 'Limit' }] })
export interface PendingChangeValue { scheduled_at: number; delay: number; next_authorities: AuthorityListValue; forced: number | null }

export const grandpa = new Pallet('Grandpa', 4, 'pallet_grandpa')

export const Grandpa = {
  State: grandpa.value<StoredStateValue>('State', StoredState, { default: { type: 'Live' }, docs: [' State of the current authority set.'] }),
  PendingChange: grandpa.optionalValue<PendingChangeValue>('PendingChange', StoredPendingChange, { docs: [' Pending change: (signaled at, scheduled change).'] }),
  NextForced: grandpa.optionalValue<number>('NextForced', u32, { docs: [' next block number where we can force a change.'] }),
  Stalled: grandpa.optionalValue<[number, number]>('Stalled', tuple(u32, u32), { docs: [' `true` if we are currently stalled.'] }),
  CurrentSetId: grandpa.value<bigint>('CurrentSetId', u64, {
    docs: [' The number of changes (both in terms of keys and underlying economic responsibilities)', ' in the "set" of Grandpa validators from genesis.'],
  }),
  SetIdSession: grandpa.optionalMap<bigint, number>('SetIdSession', 'Twox64Concat', u64, u32, {
    docs: [' A mapping from grandpa set ID to the index of the *most recent* session for which its', ' members were responsible.'],
  }),
  Authorities: grandpa.value<AuthorityListValue>('Authorities', weakBoundedVec(AuthorityEntry), { docs: [' The current list of authorities.'] }),
}

export const GrandpaEvents = {
  NewAuthorities: grandpa.event<{ authority_set: AuthorityListValue }>('NewAuthorities', [f('authority_set', AuthorityList, 'AuthorityList')], [' New authority set has been applied.']),
  Paused: grandpa.event<null>('Paused', [], [' Current authority set has been paused.']),
  Resumed: grandpa.event<null>('Resumed', [], [' Current authority set has been resumed.']),
}

export const GrandpaErrors = {
  PauseFailed: grandpa.error('PauseFailed', [' Attempt to signal GRANDPA pause when the authority set isn\'t live', ' (either paused or already pending pause).']),
  ResumeFailed: grandpa.error('ResumeFailed', [' Attempt to signal GRANDPA resume when the authority set isn\'t paused', ' (either live or already pending resume).']),
  ChangePending: grandpa.error('ChangePending', [' Attempt to signal GRANDPA change with one already pending.']),
  TooSoon: grandpa.error('TooSoon', [' Cannot signal forced change so soon after last.']),
  InvalidKeyOwnershipProof: grandpa.error('InvalidKeyOwnershipProof', [' A key ownership proof provided as part of an equivocation report is invalid.']),
  InvalidEquivocationProof: grandpa.error('InvalidEquivocationProof', [' An equivocation proof provided as part of an equivocation report is invalid.']),
  DuplicateOffenceReport: grandpa.error('DuplicateOffenceReport', [' A given equivocation report is valid but already previously reported.']),
}

grandpa.constant('MaxAuthorities', u32, MAX_GRANDPA_AUTHORITIES, [' Max Authorities in use'])
grandpa.constant('MaxNominators', u32, 20, [' The maximum number of nominators for each validator.'])
grandpa.constant('MaxSetIdSessionEntries', u64, 0n, [' The maximum number of entries to keep in the set id to session index mapping.'])

/** pallet_grandpa default_weights: 3 µs plus one RocksDb write (not the runtime's DbWeight). */
const noteStalledWeight = () => weight(3_000_000n + DB_WEIGHT.write, 0n)

grandpa.call<{ delay: number; best_finalized_block_number: number }>(2, 'note_stalled', [
  f('delay', u32, 'BlockNumberFor<T>'), f('best_finalized_block_number', u32, 'BlockNumberFor<T>'),
], {
  docs: [' Note that the current authority set of the GRANDPA finality gadget has stalled.', '', ' Only callable by root.'],
  weight: () => noteStalledWeight(),
  handler: ({ origin, s }, a) => {
    if (origin.kind !== 'Root') throw badOrigin()
    Grandpa.Stalled.set(s, [a.delay, a.best_finalized_block_number])
  },
})

// sp_consensus_grandpa::ConsensusLog variants, as logged in the header digest.
const ScheduledChange = tuple(AuthorityList, u32)
function logConsensus(s: Store, body: Uint8Array): void {
  depositLog(s, { type: 'Consensus', value: [GRANDPA_ENGINE_ID, body] })
}
const tagged = (tag: number, rest: Uint8Array): Uint8Array => {
  const out = new Uint8Array(rest.length + 1)
  out[0] = tag
  out.set(rest, 1)
  return out
}

grandpa.hooks.onFinalize = ({ s, env, blockNumber }) => {
  const pending = Grandpa.PendingChange.get(s)
  if (pending) {
    if (blockNumber === pending.scheduled_at) {
      const change = encode(ScheduledChange, [pending.next_authorities, pending.delay])
      if (pending.forced !== null) logConsensus(s, tagged(2, concatBytes(encode(u32, pending.forced), change)))
      else logConsensus(s, tagged(1, change))
    }
    if (blockNumber === pending.scheduled_at + pending.delay) {
      Grandpa.Authorities.set(s, pending.next_authorities)
      env.depositEvent(GrandpaEvents.NewAuthorities.encode({ authority_set: pending.next_authorities }))
      Grandpa.PendingChange.kill(s)
    }
  }
  const state = Grandpa.State.get(s)
  if (state.type === 'PendingPause' || state.type === 'PendingResume') {
    const { scheduled_at, delay } = state.value
    const pause = state.type === 'PendingPause'
    if (blockNumber === scheduled_at) logConsensus(s, tagged(pause ? 4 : 5, encode(u32, delay)))
    if (blockNumber === scheduled_at + delay) {
      Grandpa.State.set(s, { type: pause ? 'Paused' : 'Live' })
      env.depositEvent((pause ? GrandpaEvents.Paused : GrandpaEvents.Resumed).encode(null))
    }
  }
}

/** Schedule an authority set change `inBlocks` after the current block (AdminUtils uses this). */
export function scheduleChange(s: Store, next: AuthorityListValue, inBlocks: number, forced: number | null = null): void {
  if (Grandpa.PendingChange.exists(s)) throw GrandpaErrors.ChangePending()
  const scheduledAt = System.Number.get(s)
  if (forced !== null) {
    const nextForced = Grandpa.NextForced.get(s)
    if (nextForced !== null && nextForced > scheduledAt) throw GrandpaErrors.TooSoon()
    Grandpa.NextForced.set(s, scheduledAt + inBlocks * 2)
  }
  Grandpa.PendingChange.set(s, { scheduled_at: scheduledAt, delay: inBlocks, next_authorities: next, forced })
}

export function schedulePause(s: Store, inBlocks: number): void {
  if (Grandpa.State.get(s).type !== 'Live') throw GrandpaErrors.PauseFailed()
  Grandpa.State.set(s, { type: 'PendingPause', value: { scheduled_at: System.Number.get(s), delay: inBlocks } })
}

export function scheduleResume(s: Store, inBlocks: number): void {
  if (Grandpa.State.get(s).type !== 'Paused') throw GrandpaErrors.ResumeFailed()
  Grandpa.State.set(s, { type: 'PendingResume', value: { scheduled_at: System.Number.get(s), delay: inBlocks } })
}

export const grandpaAuthorities = (s: Store): AuthorityListValue => Grandpa.Authorities.get(s)
export const currentSetId = (s: Store): bigint => Grandpa.CurrentSetId.get(s)

export interface GrandpaGenesis { authorities?: (unknown | [unknown, bigint | number])[] }

grandpa.genesis = (s, config) => {
  const list: AuthorityListValue = ((config ?? {}) as GrandpaGenesis).authorities?.map((a) =>
    Array.isArray(a) ? [parseAccountId(a[0]), BigInt(a[1] as bigint | number)] : [parseAccountId(a), 1n]) ?? []
  Grandpa.CurrentSetId.set(s, 0n)
  if (list.length > 0) {
    if (Grandpa.Authorities.get(s).length !== 0) throw new Error('Authorities are already initialized!')
    if (list.length > MAX_GRANDPA_AUTHORITIES) throw new Error('Grandpa: `Config::MaxAuthorities` is smaller than the number of genesis authorities!')
    Grandpa.Authorities.set(s, list)
  }
  Grandpa.SetIdSession.set(s, 0n, 0)
}

let decl: PalletDecl | null = null
export function grandpaPallet(): PalletDecl {
  return (decl ??= grandpa.decl())
}

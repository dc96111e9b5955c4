// What nodes send each other, SCALE-encoded: gossiped blocks and votes, the sync protocol's
// requests and responses, and GRANDPA's signed messages and justifications in the real chain's
// byte layout (finality-grandpa's Message/Precommit, sp_consensus_grandpa's localized payload).
import { encode } from '../codec/scale.js'
import { array, bool, bytes, composite, f, option, str, u32, u64, u8, u8a32, variant, vec } from '../codec/types.js'
import { Header, type HeaderValue } from '../frame/primitives.js'

export const PROTOCOL_VERSION = 1

/** A whole block: the header as the author sealed it, the extrinsics, and a justification if final. */
export const BlockData = composite('p2p::BlockData', [
  f('header', bytes), f('body', vec(bytes)), f('justification', option(bytes)),
])
export interface BlockDataValue { header: Uint8Array; body: Uint8Array[]; justification: Uint8Array | null }

export const SyncRequest = variant('p2p::SyncRequest', [
  { name: 'Status', index: 0, fields: [] },
  {
    name: 'Blocks', index: 1, fields: [
      f('from', variant('p2p::From', [
        { name: 'Hash', index: 0, fields: [{ type: u8a32 }] },
        { name: 'Number', index: 1, fields: [{ type: u32 }] },
      ])),
      f('ascending', bool), f('max', u32),
    ],
  },
])
export type SyncRequestValue =
  | { type: 'Status' }
  | { type: 'Blocks'; value: { from: { type: 'Hash'; value: Uint8Array } | { type: 'Number'; value: number }; ascending: boolean; max: number } }

export const Status = composite('p2p::Status', [
  f('version', u32), f('genesis', u8a32), f('best_number', u32), f('best_hash', u8a32),
  f('finalized_number', u32), f('finalized_hash', u8a32), f('authority', bool), f('peers', vec(str)),
])
export interface StatusValue {
  version: number; genesis: Uint8Array; best_number: number; best_hash: Uint8Array
  finalized_number: number; finalized_hash: Uint8Array; authority: boolean
  /** Addresses (multiaddr with /p2p/) of the responder's peers: a small peer exchange. */
  peers: string[]
}

export const SyncResponse = variant('p2p::SyncResponse', [
  { name: 'Status', index: 0, fields: [{ type: Status }] },
  { name: 'Blocks', index: 1, fields: [{ type: vec(BlockData) }] },
  { name: 'Refused', index: 2, fields: [{ type: str }] },
])
export type SyncResponseValue =
  | { type: 'Status'; value: StatusValue }
  | { type: 'Blocks'; value: BlockDataValue[] }
  | { type: 'Refused'; value: string }

// --- GRANDPA ---

const Target = [f('target_hash', u8a32, 'H'), f('target_number', u32, 'N')]
/** finality_grandpa::Message: Prevote(0), Precommit(1), PrimaryPropose(2). */
export const GrandpaMessage = variant('finality_grandpa::Message', [
  { name: 'Prevote', index: 0, fields: [{ type: composite('finality_grandpa::Prevote', Target) }] },
  { name: 'Precommit', index: 1, fields: [{ type: composite('finality_grandpa::Precommit', Target) }] },
])
export type Stage = 'Prevote' | 'Precommit'
export interface VoteTarget { target_hash: Uint8Array; target_number: number }

/** A vote as gossiped: the message, its round and set, the voter and its ed25519 signature. */
export const SignedVote = composite('p2p::SignedVote', [
  f('message', GrandpaMessage), f('round', u64), f('set_id', u64), f('signature', array(64, u8)), f('id', u8a32),
])
export interface SignedVoteValue {
  message: { type: Stage; value: VoteTarget }
  round: bigint; set_id: bigint; signature: Uint8Array; id: Uint8Array
}

/** What a voter signs: (message, round, set_id), as sp_consensus_grandpa::localized_payload. */
export function localizedPayload(message: SignedVoteValue['message'], round: bigint, setId: bigint): Uint8Array {
  const m = encode(GrandpaMessage, message)
  const out = new Uint8Array(m.length + 16)
  out.set(m)
  const dv = new DataView(out.buffer)
  dv.setBigUint64(m.length, round, true)
  dv.setBigUint64(m.length + 8, setId, true)
  return out
}

const Precommit = composite('finality_grandpa::Precommit', Target)
const SignedPrecommit = composite('finality_grandpa::SignedPrecommit', [
  f('precommit', Precommit), f('signature', array(64, u8)), f('id', u8a32),
])
/** sc_consensus_grandpa::GrandpaJustification. */
export const Justification = composite('sc_consensus_grandpa::GrandpaJustification', [
  f('round', u64),
  f('commit', composite('finality_grandpa::Commit', [...Target, f('precommits', vec(SignedPrecommit))])),
  f('votes_ancestries', vec(Header)),
])
export interface SignedPrecommitValue { precommit: VoteTarget; signature: Uint8Array; id: Uint8Array }
export interface JustificationValue {
  round: bigint
  commit: VoteTarget & { precommits: SignedPrecommitValue[] }
  votes_ancestries: HeaderValue[]
}

/** sc_consensus_grandpa::FinalityProof, what grandpa_proveFinality returns. */
export const FinalityProof = composite('sc_consensus_grandpa::FinalityProof', [
  f('block', u8a32), f('justification', bytes), f('unknown_headers', vec(Header)),
])

/**
 * The finality topic: votes and commits (a justification of a finalized block). `sent_ms` makes
 * each re-broadcast a new gossip message, so peers that joined later still hear the round.
 */
export const FinalityMessage = variant('p2p::FinalityMessage', [
  { name: 'Vote', index: 0, fields: [f('vote', SignedVote), f('sent_ms', u64)] },
  { name: 'Commit', index: 1, fields: [f('justification', bytes), f('sent_ms', u64)] },
])
export type FinalityMessageValue =
  | { type: 'Vote'; value: { vote: SignedVoteValue; sent_ms: bigint } }
  | { type: 'Commit'; value: { justification: Uint8Array; sent_ms: bigint } }

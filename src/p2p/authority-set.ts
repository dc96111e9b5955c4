// The GRANDPA authority set as the client tracks it (sc-consensus-grandpa's AuthoritySet): set
// changes are signalled by a Grandpa consensus log in a header (ScheduledChange, ForcedChange) and
// enacted `delay` blocks later; the set that finalizes a block is the one in force below it, and a
// change takes over once the block that enacts it is finalized (by the old set). The set id counts
// enacted changes on the client side: subtensor's runtime schedules changes through AdminUtils and
// never bumps its own CurrentSetId (only pallet_session would).
//
// Voters never vote past the earliest pending hand-off block, so the old set finalizes exactly up
// to it. The state is stored beside the chain, written in the finalization's own batch.
import { hexOf, sameBytes } from '../codec/bytes.js'
import { decode, encode } from '../codec/scale.js'
import { composite, f, option, tuple, u32, u64, u8a32, vec } from '../codec/types.js'
import type { Blockchain } from '../chain/blockchain.js'
import type { HeaderValue } from '../frame/primitives.js'
import type { KvOp } from '../storage/kv.js'
import { AuthorityList, GRANDPA_ENGINE_ID, type AuthorityListValue } from '../pallets/grandpa/index.js'

export interface AuthoritySetEntry {
  setId: bigint
  authorities: AuthorityListValue
  /** The last block the previous set finalized (the enacting block); 0 for the genesis set. */
  since: number
}

/** A change signalled in a header: enacted at `at + delay`. */
export interface SignaledChange { at: number; hash: Uint8Array; delay: number; next: AuthorityListValue; forced: number | null }

export interface AuthoritySetState {
  /** Every set so far, oldest first (justifications of old blocks are checked against theirs). */
  sets: AuthoritySetEntry[]
  /** Changes signalled in finalized blocks whose hand-off block is not finalized yet. */
  pending: SignaledChange[]
  /** The finalized block this state accounts for. */
  processed: { number: number; hash: Uint8Array }
}

const StateCodec = composite('p2p::AuthoritySetState', [
  f('sets', vec(tuple(u64, AuthorityList, u32))),
  f('pending', vec(tuple(u32, u8a32, u32, AuthorityList, option(u32)))),
  f('processed', tuple(u32, u8a32)),
])
type Stored = {
  sets: [bigint, AuthorityListValue, number][]
  pending: [number, Uint8Array, number, AuthorityListValue, number | null][]
  processed: [number, Uint8Array]
}

export const AUTHORITY_SET_KEY = Uint8Array.from('G:authority-set', (c) => c.charCodeAt(0))

export function encodeState(s: AuthoritySetState): Uint8Array {
  return encode(StateCodec, {
    sets: s.sets.map((e) => [e.setId, e.authorities, e.since]),
    pending: s.pending.map((c) => [c.at, c.hash, c.delay, c.next, c.forced]),
    processed: [s.processed.number, s.processed.hash],
  } satisfies Stored)
}

export function decodeState(raw: Uint8Array): AuthoritySetState {
  const v = decode<Stored>(StateCodec, raw)
  return {
    sets: v.sets.map(([setId, authorities, since]) => ({ setId, authorities, since })),
    pending: v.pending.map(([at, hash, delay, next, forced]) => ({ at, hash, delay, next, forced })),
    processed: { number: v.processed[0], hash: v.processed[1] },
  }
}

const ScheduledChange = tuple(AuthorityList, u32)
const ForcedChange = tuple(u32, AuthorityList, u32)

/** The Grandpa change a header signals, if any (sp_consensus_grandpa::ConsensusLog 1 and 2). */
export function signaledChange(header: HeaderValue, hash: Uint8Array): SignaledChange | undefined {
  for (const log of header.digest.logs) {
    if (log.type !== 'Consensus' || !sameBytes(log.value[0], GRANDPA_ENGINE_ID)) continue
    const body = log.value[1]
    if (body[0] === 1) {
      const [next, delay] = decode<[AuthorityListValue, number]>(ScheduledChange, body.subarray(1))
      return { at: header.number, hash, delay, next, forced: null }
    }
    if (body[0] === 2) {
      const [median, next, delay] = decode<[number, AuthorityListValue, number]>(ForcedChange, body.subarray(1))
      return { at: header.number, hash, delay, next, forced: median }
    }
  }
  return undefined
}

const enactedAt = (c: SignaledChange): number => c.at + c.delay

export class AuthoritySets {
  private state: AuthoritySetState

  constructor(private readonly chain: Blockchain, genesis: AuthoritySetEntry) {
    const raw = chain.store.getExtra(AUTHORITY_SET_KEY)
    this.state = raw
      ? decodeState(raw)
      : { sets: [genesis], pending: [], processed: { number: 0, hash: chain.genesisHash } }
    this.catchUp()
  }

  /**
   * Finality that moved without us (an older database, a node finalizing by itself): accounted
   * for in memory; the next finalization through the voter stores it.
   */
  private catchUp(): void {
    const fin = this.chain.finalized
    if (!sameBytes(fin.hash, this.state.processed.hash)) this.state = this.advance(fin.hash) ?? this.state
  }

  /** The set voting now: the one that finalizes the blocks above the finalized one. */
  get current(): AuthoritySetEntry {
    this.catchUp()
    return this.state.sets[this.state.sets.length - 1]!
  }

  get all(): readonly AuthoritySetEntry[] { return this.state.sets }

  /** Changes signalled on the chain of `hash` that are not enacted at the finalized block, ordered by hand-off. */
  private pendingOn(hash: Uint8Array): SignaledChange[] {
    const out = [...this.state.pending]
    const fin = this.state.processed.number
    let h: Uint8Array = hash
    let header = this.chain.header(h)
    while (header && header.number > fin) {
      const c = signaledChange(header, h)
      if (c) out.push(c)
      h = header.parent_hash
      header = this.chain.header(h)
    }
    return out.sort((a, b) => enactedAt(a) - enactedAt(b) || a.at - b.at)
  }

  /** The set that finalizes block `hash` (undefined when the block is unknown). */
  setOf(hash: Uint8Array): AuthoritySetEntry | undefined {
    const header = this.chain.header(hash)
    if (!header) return undefined
    this.catchUp()
    const n = header.number
    if (n <= this.state.processed.number) {
      let pick = this.state.sets[0]!
      for (const s of this.state.sets) if (s.since < n) pick = s
      return pick
    }
    let set = this.current
    for (const c of this.pendingOn(header.parent_hash)) {
      if (enactedAt(c) >= n) break
      set = { setId: set.setId + 1n, authorities: c.next, since: enactedAt(c) }
    }
    return set
  }

  /** The highest block number the current set may vote for on the chain of `hash` (its earliest hand-off). */
  voteLimit(hash: Uint8Array): number | undefined {
    this.catchUp()
    const first = this.pendingOn(hash)[0]
    return first ? enactedAt(first) : undefined
  }

  /**
   * The state once `hash` (a descendant of the finalized block) is finalized: changes enacted at
   * or below it applied, later ones pending. Undefined when `hash` is not above what we track.
   */
  private advance(hash: Uint8Array): AuthoritySetState | undefined {
    const header = this.chain.header(hash)
    if (!header || header.number <= this.state.processed.number) return undefined
    const sets = [...this.state.sets]
    const pending: SignaledChange[] = []
    for (const c of this.pendingOn(hash)) {
      const at = enactedAt(c)
      if (at > header.number) { pending.push(c); continue }
      const last = sets[sets.length - 1]!
      sets.push({ setId: last.setId + 1n, authorities: c.next, since: at })
    }
    return { sets, pending, processed: { number: header.number, hash } }
  }

  /**
   * Finalizing `hash`: the op that stores the new state (to go in the finalization's batch) and a
   * function that adopts it once that batch was accepted.
   */
  prepareFinalize(hash: Uint8Array): { ops: KvOp[]; commit(): boolean } {
    this.catchUp()
    const next = this.advance(hash)
    if (!next) return { ops: [], commit: () => false }
    return {
      ops: [{ type: 'put', key: AUTHORITY_SET_KEY, value: encodeState(next) }],
      commit: () => {
        const changed = next.sets.length !== this.state.sets.length
        this.state = next
        return changed
      },
    }
  }

  /** For logs. */
  describe(s: AuthoritySetEntry = this.current): string {
    return `set ${s.setId} (${s.authorities.map(([id]) => hexOf(id).slice(0, 10)).join(', ')})`
  }
}

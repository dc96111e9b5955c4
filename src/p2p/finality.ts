// GRANDPA-style finality. Each round, every voter of the authority set prevotes its best block;
// once prevotes of more than 2/3 of the weight are in, it precommits the highest block they all
// build on (the prevote GHOST); a block carried by more than 2/3 of the precommits is final, and
// those signed precommits are its justification (stored beside it, in GRANDPA's byte layout).
// A round completes once precommits of more than 2/3 are in, whether or not it finalized
// anything (votes for blocks on a fork that lost leave nothing to finalize); then the next round
// starts. A voter that restarts or fell behind moves up to the round the other voters' votes are
// in. Fewer than 2/3 of the voters online: no round completes and finality stalls until they return.
import { EventEmitter } from 'node:events'
import { ed25519Verify } from '@polkadot/wasm-crypto'
import { hexOf, hexToBytes, sameBytes } from '../codec/bytes.js'
import { decode, encode } from '../codec/scale.js'
import type { Blockchain } from '../chain/blockchain.js'
import type { BlockProducer } from '../chain/producer.js'
import type { HeaderValue } from '../frame/primitives.js'
import type { Runtime } from '../runtime/runtime.js'
import { AuthoritySets, type AuthoritySetEntry } from './authority-set.js'
import {
  Justification, localizedPayload, type JustificationValue, type SignedPrecommitValue, type SignedVoteValue,
  type Stage, type VoteTarget,
} from './wire.js'

export interface GrandpaVoter { publicKey: Uint8Array; sign(message: Uint8Array): Uint8Array }

export interface VoterSet { ids: string[]; weights: Map<string, bigint>; total: bigint; threshold: bigint; setId: bigint }

/** Supermajority as finality-grandpa counts it: total − ⌊(total − 1)/3⌋. */
export function threshold(total: bigint): bigint { return total - (total - 1n) / 3n }

/** Justifications live beside the block, under this prefix (outside the block store's columns). */
export const justificationKey = (hash: Uint8Array): Uint8Array => new Uint8Array([0x4a, ...hash])

export type VoteVerdict = 'accepted' | 'ignored' | 'bad'

interface RoundVotes { Prevote: Map<string, SignedVoteValue>; Precommit: Map<string, SignedVoteValue> }

export interface FinalityEvents {
  justification: [{ hash: Uint8Array; number: number; justification: Uint8Array }]
}

export class Finality extends EventEmitter<FinalityEvents> {
  private readonly rounds = new Map<bigint, RoundVotes>()
  /** Voter sets by set id (built once each). */
  private readonly voterSets = new Map<bigint, VoterSet>()
  private sets: AuthoritySets | undefined
  private readonly pending = new Map<string, { justification: Uint8Array; number: number }>()
  private busy: Promise<void> = Promise.resolve()
  private current = 1n

  constructor(
    private readonly chain: Blockchain,
    private readonly runtime: Runtime,
    private readonly producer: BlockProducer,
    private readonly o: {
      /** This node's key among the set's voters (the keystore's), looked up each time: keys may be inserted later. */
      voter?: (ids: Uint8Array[]) => GrandpaVoter | undefined
      /** Gossip a vote we cast. */
      broadcastVote(v: SignedVoteValue): void
      log(msg: string): void
    },
  ) {
    super()
    this.setMaxListeners(0)
  }

  /** The round being voted in. */
  get round(): bigint { return this.current }

  private enterRound(r: bigint): void {
    if (r <= this.current) return
    this.current = r
    for (const old of [...this.rounds.keys()]) if (old < r) this.rounds.delete(old)
  }

  /** The client-side authority sets, seeded from the genesis state's GRANDPA authorities. */
  get authoritySets(): AuthoritySets {
    if (!this.sets) {
      const { authorities, setId } = this.runtime.grandpaSetAt(this.chain.reader(this.chain.genesisHash))
      this.sets = new AuthoritySets(this.chain, { setId, authorities, since: 0 })
    }
    return this.sets
  }

  private voterSet(e: AuthoritySetEntry): VoterSet {
    let v = this.voterSets.get(e.setId)
    if (v) return v
    const weights = new Map<string, bigint>()
    for (const [id, w] of e.authorities) weights.set(hexOf(id), w)
    const total = [...weights.values()].reduce((a, b) => a + b, 0n)
    v = { ids: [...weights.keys()], weights, total, threshold: threshold(total), setId: e.setId }
    this.voterSets.set(e.setId, v)
    return v
  }

  /** The set voting now (the one that finalizes the blocks above the finalized one). */
  voters(): VoterSet { return this.voterSet(this.authoritySets.current) }

  /** Our voter key, if the keystore holds one of the current set's. */
  localVoter(): GrandpaVoter | undefined {
    if (!this.o.voter) return undefined
    const set = this.voters()
    if (this.localIds?.set !== set) this.localIds = { set, ids: set.ids.map(hexToBytes) }
    return this.o.voter(this.localIds.ids)
  }

  private localIds: { set: VoterSet; ids: Uint8Array[] } | undefined

  isVoter(): boolean { return this.localVoter() !== undefined }

  votesOf(round: bigint): RoundVotes | undefined { return this.rounds.get(round) }

  justificationOf(hash: Uint8Array): Uint8Array | null { return this.chain.store.getExtra(justificationKey(hash)) ?? null }

  /** Cast this node's prevote for the current round if it has not yet (and there is something to vote on). */
  tick(): Promise<void> { return this.serial(async () => { this.vote('Prevote'); await this.progress() }) }

  /** Our own votes of the current round, for re-broadcast. */
  ownVotes(): SignedVoteValue[] {
    const r = this.rounds.get(this.round)
    const voter = this.localVoter()
    const me = voter ? hexOf(voter.publicKey) : undefined
    if (!r || !me) return []
    return [r.Prevote.get(me), r.Precommit.get(me)].filter((v): v is SignedVoteValue => v !== undefined)
  }

  /** A vote from the network: checked, counted, and the round moved on if it now can. */
  onVote(v: SignedVoteValue): Promise<VoteVerdict> {
    return this.serial(async () => {
      const set = this.voters()
      const id = hexOf(v.id)
      if (v.set_id !== set.setId || !set.weights.has(id)) return 'ignored'
      if (v.round < this.round) return 'ignored'
      if (!ed25519Verify(v.signature, localizedPayload(v.message, v.round, v.set_id), v.id)) return 'bad'
      // Another voter is in a later round: this node fell behind (or restarted) and joins it.
      if (v.round > this.round) this.enterRound(v.round)
      const votes = this.roundVotes(v.round)
      const stage = votes[v.message.type]
      if (stage.has(id)) return 'ignored'
      stage.set(id, v)
      await this.progress()
      return 'accepted'
    })
  }

  /** A justification from the network or from sync: verified, then its block finalized. */
  onJustification(justification: Uint8Array): Promise<VoteVerdict> {
    return this.serial(async () => {
      let j: JustificationValue
      try {
        j = decode<JustificationValue>(Justification, justification)
      } catch {
        return 'bad'
      }
      const number = j.commit.target_number
      if (number <= this.chain.finalized.number) return 'ignored'
      if (!this.chain.has(j.commit.target_hash)) {
        // Not imported yet: try again once it is (a bounded wait list).
        if (this.pending.size >= 256) this.pending.clear()
        this.pending.set(hexOf(j.commit.target_hash), { justification, number })
        return 'accepted'
      }
      const verdict = this.verify(j)
      if (verdict !== 'accepted') return verdict
      const setId = this.voters().setId
      await this.finalize(j.commit, justification)
      // A voter that restarted or fell behind joins the round after the justified one (of its set).
      if (this.voters().setId === setId) this.enterRound(j.round + 1n)
      return 'accepted'
    })
  }

  /** A block was imported: a justification that waited for it can now apply. */
  onBlock(hash: Uint8Array): void {
    const p = this.pending.get(hexOf(hash))
    if (!p) return
    this.pending.delete(hexOf(hash))
    void this.onJustification(p.justification)
  }

  /** Checked against the set of the justified block (an older set for blocks before a hand-off). */
  private verify(j: JustificationValue): VoteVerdict {
    const entry = this.authoritySets.setOf(j.commit.target_hash)
    if (!entry) return 'ignored'
    const set = this.voterSet(entry)
    const seen = new Set<string>()
    let weight = 0n
    for (const p of j.commit.precommits) {
      const id = hexOf(p.id)
      const w = set.weights.get(id)
      if (w === undefined || seen.has(id)) return 'bad'
      const msg = localizedPayload({ type: 'Precommit', value: p.precommit }, j.round, set.setId)
      if (!ed25519Verify(p.signature, msg, p.id)) return 'bad'
      // Each precommit must be for the target or a block built on it.
      if (!this.descends(p.precommit.target_hash, j.commit.target_hash)) return 'ignored'
      seen.add(id)
      weight += w
    }
    return weight >= set.threshold ? 'accepted' : 'bad'
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.busy.then(fn, fn)
    this.busy = p.then(() => {}, () => {})
    return p
  }

  private roundVotes(r: bigint): RoundVotes {
    let v = this.rounds.get(r)
    if (!v) { v = { Prevote: new Map(), Precommit: new Map() }; this.rounds.set(r, v) }
    return v
  }

  private vote(stage: Stage, target?: VoteTarget): void {
    const voter = this.localVoter()
    if (!voter) return
    const round = this.round
    const me = hexOf(voter.publicKey)
    const votes = this.roundVotes(round)
    if (votes[stage].has(me)) return
    if (!target) {
      const best = this.capped(this.chain.best)
      if (best.number <= this.chain.finalized.number) return
      target = { target_hash: best.hash, target_number: best.number }
    }
    const message = { type: stage, value: target }
    const setId = this.voters().setId
    const v: SignedVoteValue = { message, round, set_id: setId, signature: voter.sign(localizedPayload(message, round, setId)), id: voter.publicKey }
    votes[stage].set(me, v)
    this.o.broadcastVote(v)
  }

  /**
   * Move the current round on: precommit once prevotes of the threshold are in (for their GHOST, or
   * the finalized block when they share nothing newer); once the precommits reach the threshold,
   * finalize their GHOST if it is new, and start the next round either way.
   */
  private async progress(): Promise<void> {
    const round = this.round
    const votes = this.rounds.get(round)
    if (!votes) return
    const set = this.voters()
    const fin = this.chain.finalized
    if (this.weightOf(votes.Prevote, set) >= set.threshold) {
      const g = this.ghost(votes.Prevote, set)
      this.vote('Precommit', g ? { target_hash: hexToBytes(g.hash), target_number: g.number } : { target_hash: fin.hash, target_number: fin.number })
    }
    if (this.weightOf(votes.Precommit, set) < set.threshold) return
    const ghost = this.ghost(votes.Precommit, set)
    const commit = ghost && this.capped({ hash: hexToBytes(ghost.hash), number: ghost.number })
    if (commit && commit.number > fin.number) {
      const target = commit.hash
      const precommits: SignedPrecommitValue[] = []
      const targets: Uint8Array[] = []
      for (const v of votes.Precommit.values()) {
        if (!this.descends(v.message.value.target_hash, target)) continue
        precommits.push({ precommit: v.message.value, signature: v.signature, id: v.id })
        targets.push(v.message.value.target_hash)
      }
      const j: JustificationValue = {
        round, commit: { target_hash: target, target_number: commit.number, precommits },
        votes_ancestries: this.ancestries(targets, target),
      }
      await this.finalize(j.commit, encode(Justification, j))
      // A hand-off: the new set starts at its own round 1.
      if (this.voters().setId !== set.setId) return
    }
    this.enterRound(round + 1n)
  }

  private weightOf(votes: Map<string, SignedVoteValue>, set: VoterSet): bigint {
    let w = 0n
    for (const id of votes.keys()) w += set.weights.get(id) ?? 0n
    return w
  }

  /** The highest block that votes of at least the threshold weight are for, or build on. */
  private ghost(votes: Map<string, SignedVoteValue>, set: VoterSet): { hash: string; number: number } | undefined {
    if (this.weightOf(votes, set) < set.threshold) return undefined
    const fin = this.chain.finalized.number
    const support = new Map<string, { number: number; weight: bigint }>()
    for (const [id, v] of votes) {
      let h: Uint8Array = v.message.value.target_hash
      let header: HeaderValue | undefined = this.chain.header(h)
      while (header && header.number > fin) {
        const k = hexOf(h)
        const s = support.get(k) ?? { number: header.number, weight: 0n }
        s.weight += set.weights.get(id) ?? 0n
        support.set(k, s)
        h = header.parent_hash
        header = this.chain.header(h)
      }
    }
    let best: { hash: string; number: number } | undefined
    for (const [hash, s] of support) if (s.weight >= set.threshold && (!best || s.number > best.number)) best = { hash, number: s.number }
    return best
  }

  private descends(block: Uint8Array, ancestor: Uint8Array): boolean {
    const a = this.chain.header(ancestor)
    let h: Uint8Array = block
    let header = this.chain.header(h)
    if (!a) return false
    while (header && header.number > a.number) { h = header.parent_hash; header = this.chain.header(h) }
    return header !== undefined && sameBytes(h, ancestor)
  }

  /** Headers from the precommit targets down to (excluding) the commit target. */
  private ancestries(targets: Uint8Array[], commit: Uint8Array): HeaderValue[] {
    const seen = new Map<string, HeaderValue>()
    for (let h of targets) {
      let header = this.chain.header(h)
      while (header && !sameBytes(h, commit) && !seen.has(hexOf(h))) {
        seen.set(hexOf(h), header)
        h = header.parent_hash
        header = this.chain.header(h)
      }
    }
    return [...seen.values()]
  }

  /** `block`, or its ancestor at the current set's earliest hand-off block when it lies beyond it. */
  private capped(block: { hash: Uint8Array; number: number }): { hash: Uint8Array; number: number } {
    const limit = this.authoritySets.voteLimit(block.hash)
    if (limit === undefined || block.number <= limit) return block
    let h = block.hash
    let header = this.chain.header(h)
    while (header && header.number > limit) { h = header.parent_hash; header = this.chain.header(h) }
    return header ? { hash: h, number: header.number } : block
  }

  /** Finalize with the justification and the authority-set state in one batch; a new set starts at round 1. */
  private async finalize(commit: VoteTarget, justification: Uint8Array): Promise<void> {
    const hash = commit.target_hash
    let changed = false
    await this.producer.exclusive(async () => {
      if (commit.target_number <= this.chain.finalized.number) return
      const sets = this.authoritySets.prepareFinalize(hash)
      await this.producer.finalize(hash, [{ type: 'put', key: justificationKey(hash), value: justification }, ...sets.ops])
      if (sameBytes(this.chain.finalized.hash, hash)) changed = sets.commit()
    })
    if (!sameBytes(this.chain.finalized.hash, hash)) return
    if (changed) {
      this.rounds.clear()
      this.current = 1n
      this.o.log(`👴 Applying authority set change enacted at block #${commit.target_number}: now ${this.authoritySets.describe()}`)
    }
    this.emit('justification', { hash, number: commit.target_number, justification })
  }
}

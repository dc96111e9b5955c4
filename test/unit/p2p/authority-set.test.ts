// A GRANDPA authority-set change on an in-memory chain of the three local authorities: block 2
// signals (Grandpa on_finalize logs ScheduledChange) a change to Alice and Bob with a delay of 2,
// so block 4 enacts it. The old set may vote up to #4 and no further; once #4 is final the new
// set (id 1, threshold 2) finalizes the rest, and another node checks each justification against
// the set of its own block.
import { beforeAll, describe, expect, it } from 'vitest'
import { BlockProducer } from '../../../src/chain/producer.js'
import { TxPool } from '../../../src/chain/txpool.js'
import { decode, encode } from '../../../src/codec/scale.js'
import { devAuthority } from '../../../src/node/keys.js'
import { Keystore } from '../../../src/node/keystore.js'
import { AuthoritySets, decodeState, encodeState, signaledChange } from '../../../src/p2p/authority-set.js'
import { Finality } from '../../../src/p2p/finality.js'
import { Justification, localizedPayload, type JustificationValue, type SignedVoteValue, type Stage } from '../../../src/p2p/wire.js'
import { Grandpa } from '../../../src/pallets/grandpa/index.js'
import type { BlockRef } from '../../../src/storage/block-store.js'
import { memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

function devVoter(who: string): { publicKey: Uint8Array; sign(m: Uint8Array): Uint8Array } {
  const ks = new Keystore()
  ks.insertEphemeral('gran', `//${who[0]!.toUpperCase()}${who.slice(1)}`)
  return ks.signer('gran', ks.publicKeys('gran')[0]!)!
}

/** Six blocks; block 1 leaves a pending change that block 2 signals (as schedule_change at #2 would). */
async function chainWithChange(): Promise<{ mc: MemoryChain; refs: BlockRef[] }> {
  const mc = await memoryChain('local')
  const next: [Uint8Array, bigint][] = [[devVoter('alice').publicKey, 1n], [devVoter('bob').publicKey, 1n]]
  const refs: BlockRef[] = []
  for (let i = 1; i <= 6; i++) {
    const ts = 1_700_000_000_000n + BigInt(i) * 12_000n
    const b = mc.chain.build({
      parentHash: mc.chain.best.hash, inherents: [mc.runtime.timestampInherent(ts)], extrinsics: [], preDigest: [mc.runtime.auraPreDigest(ts / 12_000n)],
      mutate: i === 1 ? (s) => Grandpa.PendingChange.set(s, { scheduled_at: 2, delay: 2, next_authorities: next, forced: null }) : undefined,
    })
    await mc.chain.commit(b)
    refs.push({ hash: b.hash, number: b.header.number })
  }
  return { mc, refs }
}

function finalityOn(mc: MemoryChain, who?: string): { f: Finality; sent: SignedVoteValue[] } {
  const producer = new BlockProducer(mc.chain, new TxPool(), mc.runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
  const sent: SignedVoteValue[] = []
  const ks = who ? new Keystore() : undefined
  ks?.insertEphemeral('gran', '//Alice')
  const f = new Finality(mc.chain, mc.runtime, producer, { voter: ks ? (ids) => ks.signerAmong('gran', ids) : undefined, broadcastVote: (v) => sent.push(v), log: () => {} })
  return { f, sent }
}

function vote(who: string, stage: Stage, target: BlockRef, round: bigint, setId: bigint): SignedVoteValue {
  const voter = devVoter(who)
  const message = { type: stage, value: { target_hash: target.hash, target_number: target.number } }
  return { message, round, set_id: setId, signature: voter.sign(localizedPayload(message, round, setId)), id: voter.publicKey }
}

describe('GRANDPA authority-set changes', () => {
  let mc: MemoryChain
  let refs: BlockRef[]
  let f: Finality
  let sent: SignedVoteValue[]
  const justifications: Uint8Array[] = []
  beforeAll(async () => {
    ;({ mc, refs } = await chainWithChange())
    ;({ f, sent } = finalityOn(mc, 'alice'))
  })

  it('reads the signal from the header that carries it', () => {
    const signals = refs.map((r) => signaledChange(mc.chain.header(r.hash)!, r.hash))
    expect(signals.map((c) => c?.at)).toEqual([undefined, 2, undefined, undefined, undefined, undefined])
    expect(signals[1]).toMatchObject({ delay: 2, forced: null })
    expect(signals[1]!.next).toHaveLength(2)
  })

  it('the old set votes no further than the enacting block #4 and finalizes exactly it', async () => {
    expect(f.voters().setId).toBe(0n)
    await f.tick()
    expect(sent.map((v) => [v.message.type, v.message.value.target_number])).toEqual([['Prevote', 4]])
    for (const who of ['bob', 'charlie']) await f.onVote(vote(who, 'Prevote', refs[5]!, 1n, 0n))
    expect(sent.at(-1)!.message).toMatchObject({ type: 'Precommit', value: { target_number: 4 } })
    for (const who of ['bob', 'charlie']) await f.onVote(vote(who, 'Precommit', refs[5]!, 1n, 0n))
    expect(mc.chain.finalized.number).toBe(4)
    const j = decode<JustificationValue>(Justification, f.justificationOf(refs[3]!.hash)!)
    expect(j.commit.precommits).toHaveLength(3)
    justifications.push(f.justificationOf(refs[3]!.hash)!)
  })

  it('then set 1 (Alice and Bob) votes from round 1: Charlie no longer counts', async () => {
    const set = f.voters()
    expect(set.setId).toBe(1n)
    expect(set.threshold).toBe(2n)
    expect(f.round).toBe(1n)
    expect(await f.onVote(vote('charlie', 'Prevote', refs[5]!, 1n, 1n))).toBe('ignored')
    // An old-set vote is not for this set any more.
    expect(await f.onVote(vote('bob', 'Prevote', refs[5]!, 2n, 0n))).toBe('ignored')
    await f.tick()
    await f.onVote(vote('bob', 'Prevote', refs[5]!, 1n, 1n))
    await f.onVote(vote('bob', 'Precommit', refs[5]!, 1n, 1n))
    expect(mc.chain.finalized.number).toBe(6)
    justifications.push(f.justificationOf(refs[5]!.hash)!)
  })

  it('stores the sets with the finalization, so a restart finds set 1', () => {
    const again = new AuthoritySets(mc.chain, { setId: 0n, authorities: [], since: 0 })
    expect(again.current.setId).toBe(1n)
    expect(again.setOf(refs[3]!.hash)!.setId).toBe(0n)
    expect(again.setOf(refs[4]!.hash)!.setId).toBe(1n)
    const s = decodeState(encodeState({ sets: [...again.all], pending: [], processed: { number: 6, hash: refs[5]!.hash } }))
    expect(s.sets.map((e) => [e.setId, e.since, e.authorities.length])).toEqual([[0n, 0, 3], [1n, 4, 2]])
  })

  it('another node checks each justification against the set of its block', async () => {
    const other = await chainWithChange()
    const { f: g } = finalityOn(other.mc)
    // #6 is set 1's: a commit for it signed by the old set is refused.
    const old = decode<JustificationValue>(Justification, justifications[0]!)
    const forged: JustificationValue = {
      round: 1n, votes_ancestries: [],
      commit: {
        target_hash: refs[5]!.hash, target_number: 6,
        precommits: ['alice', 'bob', 'charlie'].map((who) => {
          const v = vote(who, 'Precommit', refs[5]!, 1n, 0n)
          return { precommit: v.message.value, signature: v.signature, id: v.id }
        }),
      },
    }
    expect(old.commit.target_number).toBe(4)
    expect(await g.onJustification(encode(Justification, forged))).toBe('bad')
    expect(await g.onJustification(justifications[0]!)).toBe('accepted')
    expect(other.mc.chain.finalized.number).toBe(4)
    expect(g.voters().setId).toBe(1n)
    expect(await g.onJustification(justifications[1]!)).toBe('accepted')
    expect(other.mc.chain.finalized.number).toBe(6)
  })
})

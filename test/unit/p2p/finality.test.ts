// GRANDPA-style rounds on an in-memory chain of the three local authorities: prevotes of all three
// (the > 2/3 threshold of three) lead to a precommit for the highest block they share; three
// precommits finalize it with a justification another node accepts.
import { beforeAll, describe, expect, it } from 'vitest'
import { BlockProducer } from '../../../src/chain/producer.js'
import { TxPool } from '../../../src/chain/txpool.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { decode, encode } from '../../../src/codec/scale.js'
import { devAuthority } from '../../../src/node/keys.js'
import { Finality, threshold } from '../../../src/p2p/finality.js'
import { Keystore } from '../../../src/node/keystore.js'
import { Justification, localizedPayload, type JustificationValue, type SignedVoteValue, type Stage } from '../../../src/p2p/wire.js'
import type { BlockRef } from '../../../src/storage/block-store.js'
import { memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

/** A chain of `n` unfinalized blocks (same blocks every time: fixed timestamps). */
async function chainOf(n: number): Promise<{ mc: MemoryChain; refs: BlockRef[] }> {
  const mc = await memoryChain('local')
  const refs: BlockRef[] = []
  for (let i = 1; i <= n; i++) {
    const ts = 1_700_000_000_000n + BigInt(i) * 12_000n
    const b = mc.chain.build({ parentHash: mc.chain.best.hash, inherents: [mc.runtime.timestampInherent(ts)], extrinsics: [], preDigest: [mc.runtime.auraPreDigest(ts / 12_000n)] })
    await mc.chain.commit(b)
    refs.push({ hash: b.hash, number: b.header.number })
  }
  return { mc, refs }
}

/** An in-memory keystore holding `who`'s dev GRANDPA key, as `--alice` … give a node. */
function devKeystore(who: string): Keystore {
  const ks = new Keystore()
  ks.insertEphemeral('gran', `//${who[0]!.toUpperCase()}${who.slice(1)}`)
  return ks
}

function devVoter(who: string): { publicKey: Uint8Array; sign(m: Uint8Array): Uint8Array } {
  const ks = devKeystore(who)
  return ks.signer('gran', ks.publicKeys('gran')[0]!)!
}

function finalityOn(mc: MemoryChain, who?: string): { f: Finality; sent: SignedVoteValue[] } {
  const producer = new BlockProducer(mc.chain, new TxPool(), mc.runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
  const sent: SignedVoteValue[] = []
  const ks = who ? devKeystore(who) : undefined
  const f = new Finality(mc.chain, mc.runtime, producer, { voter: ks ? (ids) => ks.signerAmong('gran', ids) : undefined, broadcastVote: (v) => sent.push(v), log: () => {} })
  return { f, sent }
}

function vote(who: string, stage: Stage, target: BlockRef, round = 1n): SignedVoteValue {
  const voter = devVoter(who)
  const message = { type: stage, value: { target_hash: target.hash, target_number: target.number } }
  return { message, round, set_id: 0n, signature: voter.sign(localizedPayload(message, round, 0n)), id: voter.publicKey }
}

let justification: Uint8Array

describe('GRANDPA-style finality', () => {
  it('needs more than 2/3 of the weight', () => {
    expect([1n, 2n, 3n, 4n, 5n, 6n, 7n].map(threshold)).toEqual([1n, 2n, 3n, 3n, 4n, 5n, 5n])
  })

  let refs: BlockRef[]
  let mc: MemoryChain
  let f: Finality
  let sent: SignedVoteValue[]
  beforeAll(async () => {
    ;({ mc, refs } = await chainOf(3))
    ;({ f, sent } = finalityOn(mc, 'alice'))
  })

  it('prevotes the best block and precommits the highest block all prevotes build on', async () => {
    await f.tick()
    expect(sent.map((v) => [v.message.type, v.message.value.target_number])).toEqual([['Prevote', 3]])
    expect(await f.onVote(vote('bob', 'Prevote', refs[2]!))).toBe('accepted')
    expect(sent).toHaveLength(1) // two of three: below the threshold
    expect(await f.onVote(vote('charlie', 'Prevote', refs[1]!))).toBe('accepted')
    expect(sent.map((v) => [v.message.type, v.message.value.target_number])).toEqual([['Prevote', 3], ['Precommit', 2]])
  })

  it('refuses a vote with a bad signature and ignores one from outside the set', async () => {
    const bad = vote('bob', 'Precommit', refs[2]!)
    bad.signature = vote('charlie', 'Precommit', refs[2]!).signature
    expect(await f.onVote(bad)).toBe('bad')
    expect(await f.onVote(vote('dave', 'Precommit', refs[2]!))).toBe('ignored')
  })

  it('finalizes with three precommits and stores the justification', async () => {
    expect(await f.onVote(vote('bob', 'Precommit', refs[2]!))).toBe('accepted')
    expect(mc.chain.finalized.number).toBe(0)
    expect(await f.onVote(vote('charlie', 'Precommit', refs[1]!))).toBe('accepted')
    expect(mc.chain.finalized.number).toBe(2)
    expect(f.round).toBe(2n)
    justification = f.justificationOf(refs[1]!.hash)!
    const j = decode<JustificationValue>(Justification, justification)
    expect(j.round).toBe(1n)
    expect(j.commit.target_number).toBe(2)
    expect(j.commit.precommits).toHaveLength(3)
    // Bob's precommit was for #3: its header is among the ancestries.
    expect(j.votes_ancestries.map((h) => h.number)).toEqual([3])
  })

  it('another node verifies the justification and finalizes; a short one is refused', async () => {
    const other = await chainOf(3)
    expect(hexOf(other.refs[1]!.hash)).toBe(hexOf(refs[1]!.hash))
    const { f: g } = finalityOn(other.mc)
    const j = decode<JustificationValue>(Justification, justification)
    const short = encode(Justification, { ...j, commit: { ...j.commit, precommits: j.commit.precommits.slice(1) } })
    expect(await g.onJustification(short)).toBe('bad')
    expect(other.mc.chain.finalized.number).toBe(0)
    expect(await g.onJustification(justification)).toBe('accepted')
    expect(other.mc.chain.finalized.number).toBe(2)
    expect(g.round).toBe(2n)
  })
})

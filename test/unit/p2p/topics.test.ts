// An announcement (our own block) no peer is subscribed to: counted, but neither built nor handed
// to gossipsub (which would only keep it in its caches); with a peer in the topic it goes out as before.
import type { GossipSub } from '@libp2p/gossipsub'
import { describe, expect, it } from 'vitest'
import { Topics, topicName } from '../../../src/p2p/topics.js'

function fakePubsub(subscribers: Map<string, string[]>) {
  const published: [string, Uint8Array][] = []
  const ps = {
    getSubscribers: (topic: string) => subscribers.get(topic) ?? [],
    publish: async (topic: string, data: Uint8Array) => { published.push([topic, data]); return { recipients: [] } },
  }
  return { ps: ps as unknown as GossipSub, published }
}

describe('Topics.announce', () => {
  const genesis = new Uint8Array(32).fill(7)
  const blocks = topicName('blocks', genesis)

  it('builds and sends nothing while no peer is in the topic, and still counts the message', () => {
    const { ps, published } = fakePubsub(new Map())
    const counters = { in: { blocks: 0, transactions: 0, finality: 0 }, out: { blocks: 0, transactions: 0, finality: 0 } }
    const topics = new Topics(ps, genesis, counters, () => {})
    let built = 0
    topics.announce('blocks', () => { built++; return new Uint8Array([1]) })
    expect(built).toBe(0)
    expect(published).toEqual([])
    expect(counters.out).toEqual({ blocks: 1, transactions: 0, finality: 0 })
    // A plain publish still goes to gossipsub, which keeps it for peers that join.
    topics.publish('transactions', new Uint8Array([2]))
    expect(published).toEqual([[topicName('transactions', genesis), new Uint8Array([2])]])
  })

  it('sends the message, built on demand, once a peer is in the topic', () => {
    const { ps, published } = fakePubsub(new Map([[blocks, ['peer']]]))
    const counters = { in: { blocks: 0, transactions: 0, finality: 0 }, out: { blocks: 0, transactions: 0, finality: 0 } }
    const topics = new Topics(ps, genesis, counters, () => {})
    topics.announce('blocks', () => new Uint8Array([1, 2, 3]))
    topics.announce('blocks', () => undefined)
    expect(published).toEqual([[blocks, new Uint8Array([1, 2, 3])]])
    expect(counters.out.blocks).toBe(1)
  })
})

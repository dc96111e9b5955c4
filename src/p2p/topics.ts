// The three gossipsub topics, named after the genesis hash so different chains never mix, with
// every received message passing through its handler before gossipsub forwards it: true =
// accept and forward, false = reject (gossipsub scores the sender down too), undefined = ignore.
import { TopicValidatorResult, type GossipSub } from '@libp2p/gossipsub'
import { hexOf } from '../codec/bytes.js'

export type TopicKind = 'blocks' | 'transactions' | 'finality'
export type TopicHandler = (data: Uint8Array, peer: string) => Promise<boolean | undefined>

/** The gossipsub topic of a kind of message on the chain with this genesis. */
export function topicName(kind: TopicKind, genesis: Uint8Array): string {
  const g = hexOf(genesis).slice(2, 18)
  return `/bittensor/${g}/${kind === 'finality' ? 'grandpa' : kind}/1`
}

export class Topics {
  private readonly names: Record<TopicKind, string>

  constructor(
    private readonly ps: GossipSub,
    genesis: Uint8Array,
    private readonly counters: { in: Record<TopicKind, number>; out: Record<TopicKind, number> },
    private readonly countMessage: (peer: string) => void,
  ) {
    this.names = { blocks: topicName('blocks', genesis), transactions: topicName('transactions', genesis), finality: topicName('finality', genesis) }
  }

  on(kind: TopicKind, handler: TopicHandler): void {
    const name = this.names[kind]
    this.ps.subscribe(name)
    this.ps.topicValidators.set(name, async (peer, msg) => {
      const id = peer.toString()
      this.counters.in[kind]++
      this.countMessage(id)
      let verdict: boolean | undefined
      try {
        verdict = await handler(msg.data, id)
      } catch {
        verdict = undefined
      }
      return verdict === true ? TopicValidatorResult.Accept : verdict === false ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore
    })
  }

  publish(kind: TopicKind, data: Uint8Array): void {
    this.counters.out[kind]++
    void this.ps.publish(this.names[kind], data).catch(() => {})
  }

  /**
   * Publish a message built only if a peer is in the topic (a block a millisecond during
   * dev_newBlock runs): with nobody there gossipsub would send it to no one and only keep it in
   * its seen and message caches. Counted either way; peers that join later sync.
   */
  announce(kind: TopicKind, build: () => Uint8Array | undefined): void {
    if (this.ps.getSubscribers(this.names[kind]).length === 0) { this.counters.out[kind]++; return }
    const data = build()
    if (data !== undefined) this.publish(kind, data)
  }
}

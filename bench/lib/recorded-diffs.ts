// A dev chain's blocks as the trie update sees them, for replaying that update alone: the chain
// (with `subnets` started subnets) is built once and each block's diff recorded as the block path
// hands it to the trie (no-op writes included), with a node store in memory to replay onto.
import { keyString } from '../../src/storage/kv.js'
import { openStartedChain } from './started-chain.js'

export interface RecordedDiffs {
  /** The state root the first recorded block builds on. */
  start: Uint8Array
  /** Each block's diff and the state root the chain gave it. */
  blocks: { changes: Map<string, Uint8Array | null>; root: Uint8Array }[]
  /** The start state's nodes (read from the chain's store) and the nodes a replay added. */
  store: { getNode(h: Uint8Array): Uint8Array | undefined }
  /** Adds a replayed update's new nodes to the store. */
  add(hashes: readonly Uint8Array[], nodes: readonly Uint8Array[]): void
  /** Forgets the replayed nodes (a new replay starts from `start`). */
  reset(): void
  close(): Promise<void>
}

export async function recordDiffs(subnets: number, blocks: number, name: string): Promise<RecordedDiffs> {
  const { chain, producer, close } = await openStartedChain(subnets, 'current', name)
  const start = chain.header(chain.best.hash)!.state_root
  // Nodes of the start state are read from the chain's store (cached after the first replay).
  const base = new Map<string, Uint8Array>()
  let replayed = new Map<string, Uint8Array>()
  const store = {
    getNode(h: Uint8Array): Uint8Array | undefined {
      const k = keyString(h)
      let v = replayed.get(k) ?? base.get(k)
      if (v === undefined) { v = chain.store.getNode(h, start); if (v !== undefined) base.set(k, v) }
      return v
    },
  }
  const recorded: RecordedDiffs['blocks'] = []
  const commit = chain.commit.bind(chain)
  chain.commit = (b, o) => {
    recorded.push({ changes: b.changes, root: b.header.state_root })
    return commit(b, o)
  }
  await producer.produceMany(blocks)
  return {
    start,
    blocks: recorded,
    store,
    add(hashes, nodes) { for (let i = 0; i < hashes.length; i++) replayed.set(keyString(hashes[i]!), nodes[i]!) },
    reset() { replayed = new Map() },
    close,
  }
}

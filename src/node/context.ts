// Everything the RPC methods may use, handed to them by the composition root (node.ts).
import type { Blockchain } from '../chain/blockchain.js'
import type { BlockProducer } from '../chain/producer.js'
import type { PoolTx, TxPool } from '../chain/txpool.js'
import type { Runtime } from '../runtime/runtime.js'
import type { ChainSpec } from './chain-spec.js'
import type { Keystore } from './keystore.js'

export interface NodeInfo {
  /** `system_name`. */
  implName: string
  /** `system_version`. */
  implVersion: string
  /** `--name`. */
  nodeName: string
  roles: ('Authority' | 'Full')[]
  peerId: string
  listenAddresses: string[]
}

/** One entry of `system_peers`. */
export interface PeerInfo { peerId: string; roles: string; bestHash: string; bestNumber: number }

/** What the RPC layer and the exporter read from the p2p network (src/p2p/network.ts). */
export interface NetworkStatus {
  peers(): PeerInfo[]
  isSyncing(): boolean
  /** The highest block any peer has announced or reported. */
  highestBlock(): number
  listenAddresses(): string[]
  reservedPeers(): string[]
  /** Throws an Error saying why the address is not a peer address. */
  addReservedPeer(addr: string): Promise<void>
  removeReservedPeer(peerId: string): Promise<void>
  networkState(): Record<string, unknown>
  /** Gossip messages in and out by topic kind, for the exporter. */
  gossipCounters(): { in: Record<string, number>; out: Record<string, number> }
}

export interface NodeContext {
  runtime: Runtime
  chain: Blockchain
  pool: TxPool
  producer: BlockProducer
  spec: ChainSpec
  info: NodeInfo
  /** Validate against the best block and add to the pool; rejects with PoolError. */
  submit(raw: Uint8Array): Promise<PoolTx>
  /** Keys held by this node (author_insertKey / hasKey / rotateKeys; Aura and GRANDPA sign with them). */
  keystore: Keystore
  /** The p2p network, when the node runs one. */
  network?: NetworkStatus
}

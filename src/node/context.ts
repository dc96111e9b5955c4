// Everything the RPC methods may use, handed to them by the composition root (node.ts).
import type { Blockchain } from '../chain/blockchain.js'
import type { BlockProducer } from '../chain/producer.js'
import type { PoolTx, TxPool } from '../chain/txpool.js'
import type { Runtime } from '../runtime/runtime.js'
import type { ChainSpec } from './chain-spec.js'

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

export interface NodeContext {
  runtime: Runtime
  chain: Blockchain
  pool: TxPool
  producer: BlockProducer
  spec: ChainSpec
  info: NodeInfo
  /** Validate against the best block and add to the pool; rejects with PoolError. */
  submit(raw: Uint8Array): Promise<PoolTx>
  /** Keys held by this node (author_hasKey / insertKey): key type → public keys (hex). */
  keystore: Map<string, Set<string>>
}

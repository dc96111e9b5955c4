// What the block store takes in: a block to commit, the genesis, options.
import type { KvOp } from './kv.js'

export interface CommitBlockInput {
  hash: Uint8Array
  /** SCALE-encoded header (the bytes that hash to `hash`). */
  header: Uint8Array
  /** Extrinsics as submitted. */
  body: Uint8Array[]
  number: number
  parentHash: Uint8Array
  stateRoot: Uint8Array
  /** New trie nodes of this block: 0x-hex hash → encoded node (the trie's `newNodes`). */
  trieNodes: ReadonlyMap<string, Uint8Array>
  /** Make this block the best block (rewriting the canonical index on a reorg). */
  setBest?: boolean
  /** Finalize this block (implies best). */
  setFinalized?: boolean
  /** More ops for the same batch (receipts, indexes); keys must not use the block store's columns. */
  extra?: KvOp[]
}

export interface GenesisInput {
  hash: Uint8Array
  header: Uint8Array
  number?: 0
  stateRoot: Uint8Array
  trieNodes: ReadonlyMap<string, Uint8Array>
  body?: Uint8Array[]
  extra?: KvOp[]
}

export interface BlockStoreOptions {
  /** Trie nodes kept in memory (the cache holds up to twice this). Default 50,000. */
  nodeCacheSize?: number
  /** Headers and metas kept in memory (each cache holds up to twice this). Default 4,096. */
  blockCacheSize?: number
  /** Blocks between checkpoints on the best chain (state-windows.ts). Default CHECKPOINT_BLOCKS. */
  checkpointBlocks?: number
  /** Pack bytes a best-chain window may gather before a checkpoint comes early. Default CHECKPOINT_BYTES. */
  checkpointBytes?: number
}

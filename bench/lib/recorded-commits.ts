// A dev chain's blocks as the chain's commit gets them, for replaying the state-root and commit
// path alone (trie update, commitBlock, the commit queue's LevelDB writes) with the runtime out of
// the way: the chain (with `subnets` started subnets) is built once through the BlockProducer and
// each block's header, body, state root and diff recorded; `replayCommits` then runs the blocks
// into a fresh BlockStore, checking every state root against the built chain's.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../../src/chain/blockchain.js'
import { genesisBlock } from '../../src/chain/block-diff.js'
import { BlockProducer } from '../../src/chain/producer.js'
import { TxPool } from '../../src/chain/txpool.js'
import { hexOf, hexToBytes, sameBytes } from '../../src/codec/bytes.js'
import { cryptoReady } from '../../src/codec/hashing.js'
import { encode } from '../../src/codec/scale.js'
import { Header } from '../../src/frame/primitives.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../../src/node/chain-spec.js'
import { devAuthority } from '../../src/node/keys.js'
import { Runtime } from '../../src/runtime/runtime.js'
import { BlockStore } from '../../src/storage/block-store.js'
import { keyString } from '../../src/storage/kv.js'
import { openLevelKV } from '../../src/storage/level.js'
import type { applyChanges as ApplyChanges, TrieCache } from '../../src/storage/trie/index.js'
import { startedSubnetsSpec } from './subnets-spec.js'

export interface RecordedCommit {
  hash: Uint8Array
  parentHash: Uint8Array
  number: number
  headerBytes: Uint8Array
  body: Uint8Array[]
  stateRoot: Uint8Array
  /** The block's diff: as the chain hands it to the trie, or with its no-op writes dropped (`changedOnly`). */
  changes: Map<string, Uint8Array | null>
}

export interface RecordedCommits {
  blocks: RecordedCommit[]
  /** Keys the blocks wrote, no-op writes included. */
  writtenKeys: number
  /** Writes genesis into a fresh store, as the chain's store holds it. */
  initGenesis(store: BlockStore): Promise<void>
  genesisRoot: Uint8Array
}

export async function recordCommits(subnets: number, blocks: number, changedOnly: boolean): Promise<RecordedCommits> {
  await cryptoReady()
  const chainSpec = loadChainSpec(startedSubnetsSpec(subnets, 'current'))
  const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
  const storage = genesisStorage(chainSpec, runtime)
  const recorded: RecordedCommit[] = []
  let writtenKeys = 0
  const dir = mkdtempSync(join(tmpdir(), 'commits-rec-'))
  const store = await BlockStore.open(await openLevelKV(dir))
  try {
    const chain = await Blockchain.open(store, runtime.executive, storage)
    const state = new Map<string, Uint8Array>()
    if (changedOnly) for (const [k, v] of storage) state.set(keyString(hexToBytes(k)), v)
    const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
    const commit = chain.commit.bind(chain)
    chain.commit = (b, o) => {
      writtenKeys += b.changes.size
      let changes = b.changes
      if (changedOnly) {
        const changed: [string, Uint8Array | null][] = []
        for (const [k, v] of b.changes) {
          const old = state.get(k)
          if (old === undefined ? v === null : v !== null && sameBytes(old, v)) continue
          changed.push([k, v])
          if (v === null) state.delete(k)
          else state.set(k, v)
        }
        changes = new Map(changed)
      }
      recorded.push({ hash: b.hash, parentHash: b.header.parent_hash, number: b.header.number, headerBytes: b.headerBytes, body: b.body, stateRoot: b.header.state_root, changes })
      return commit(b, o)
    }
    await producer.produceMany(blocks)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const { header, hash, nodes } = genesisBlock(storage)
  return {
    blocks: recorded,
    writtenKeys,
    genesisRoot: header.state_root,
    initGenesis: async (s) => { await s.initGenesis({ hash, header: encode(Header, header), stateRoot: header.state_root, trieNodes: nodes }) },
  }
}

/** One tree's trie update and block store (another checkout's modules, for an A/B). */
export interface CommitPath {
  applyChanges: typeof ApplyChanges
  cache: TrieCache
  store: BlockStore
}

/**
 * Replays the blocks onto `path` (its store holding genesis), as the producer commits them: the
 * commit queue's writes run every few milliseconds. CPU µs over all blocks in the trie update and
 * in commitBlock, and the new nodes; resolves once the last block is durable.
 */
export async function replayCommits(rec: RecordedCommits, path: CommitPath, name = ''): Promise<{ trieUs: number; commitUs: number; nodes: number }> {
  const { store, cache } = path
  let root = rec.genesisRoot
  let trieUs = 0
  let commitUs = 0
  let nodes = 0
  let durable: Promise<void> = Promise.resolve()
  let lastYield = performance.now()
  for (const r of rec.blocks) {
    const t0 = process.cpuUsage()
    const { root: next, newNodes } = path.applyChanges(store, root, r.changes, 1, cache)
    const t1 = process.cpuUsage()
    if (!sameBytes(next, r.stateRoot)) throw new Error(`${name}#${r.number}: state root ${hexOf(next)}, built ${hexOf(r.stateRoot)}`)
    durable = store.commitBlock({
      hash: r.hash, header: r.headerBytes, body: r.body, number: r.number, parentHash: r.parentHash,
      stateRoot: next, trieNodes: newNodes, setBest: true, setFinalized: true,
    })
    const t2 = process.cpuUsage()
    trieUs += t1.user + t1.system - t0.user - t0.system
    commitUs += t2.user + t2.system - t1.user - t1.system
    nodes += newNodes.hashes.length
    root = next
    if (performance.now() - lastYield >= 8) {
      await new Promise<void>((res) => setImmediate(res))
      lastYield = performance.now()
    }
  }
  await durable
  return { trieUs, commitUs, nodes }
}

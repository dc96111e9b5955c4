// A run of blocks with nothing pooled skips the pool's per-block bookkeeping; what the pool's
// watchers and the chain's listeners hear must stay what a full walk gives: the route of each new
// best block, and inBlock / finalized for a watched transaction even once the pool is empty.
import { u8aToHex } from '@polkadot/util'
import { describe, expect, it } from 'vitest'
import { benchAccount, signedTransfer } from '../../../bench/lib/signer.js'
import { Blockchain, type DurableChange } from '../../../src/chain/blockchain.js'
import { BlockProducer } from '../../../src/chain/producer.js'
import { TxPool, type TxStatus } from '../../../src/chain/txpool.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { devAuthority } from '../../../src/node/keys.js'
import { Runtime } from '../../../src/runtime/runtime.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { MemoryKV } from '../../../src/storage/memory.js'

async function setup(instantFinality: boolean) {
  const runtime = await Runtime.get()
  const chain = await Blockchain.open(await BlockStore.open(new MemoryKV()), runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
  const pool = new TxPool()
  const producer = new BlockProducer(chain, pool, runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality })
  return { runtime, chain, pool, producer }
}

describe('blocks while the pool is empty', () => {
  it('announces each new best with the route a tree walk gives', async () => {
    const { chain, producer } = await setup(true)
    const changes: DurableChange[] = []
    chain.on('durable', (c) => changes.push(c))
    await producer.produceMany(5)
    expect(changes).toHaveLength(5)
    for (const c of changes) {
      const walked = chain.treeRoute(c.previousBest.hash, c.best.hash)
      expect(c.route.retracted).toEqual(walked.retracted)
      expect(c.route.enacted.map((b) => [u8aToHex(b.hash), b.number])).toEqual(walked.enacted.map((b) => [u8aToHex(b.hash), b.number]))
      expect(c.route.enacted).toHaveLength(1)
    }
  })

  it('hashes no extrinsic of an empty block nobody watches', async () => {
    const { runtime, producer } = await setup(true)
    const hash = runtime.extrinsicHash.bind(runtime)
    let calls = 0
    runtime.extrinsicHash = (raw) => { calls++; return hash(raw) }
    try {
      await producer.produceMany(4)
    } finally {
      runtime.extrinsicHash = hash
    }
    expect(calls).toBe(0)
  })

  it('a watched transaction hears inBlock and, at a later finalization of many blocks, finalized', async () => {
    const { runtime, chain, pool, producer } = await setup(false)
    const alice = benchAccount('//Alice')
    const bob = benchAccount('//Bob')
    const raw = signedTransfer(runtime, chain.genesisHash, alice, bob.publicKey, 10n ** 9n, 0)
    const tx = pool.submit(raw, (r) => runtime.validateAt(chain, chain.best.hash, r, 'External'))
    const statuses: TxStatus[] = []
    pool.watch(tx.hashHex, (s) => statuses.push(s))
    const first = await producer.produce()
    // The pool is empty from here on, but the transaction is still watched.
    expect(pool.size).toBe(0)
    const last = await producer.produceMany(3)
    expect(statuses).toEqual([{ inBlock: u8aToHex(first.hash) }])
    await producer.finalize(last.hash)
    expect(statuses).toEqual([{ inBlock: u8aToHex(first.hash) }, { finalized: u8aToHex(first.hash) }])
  })
})

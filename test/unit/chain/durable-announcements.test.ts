// Issue 16 (1): nothing is announced before the block's batch is durable. The KV holds every batch
// until the test releases it; meanwhile the block is built and readable for the producer, but no
// event fires, no watcher hears inBlock/finalized, and the durable pointers RPC answers from stay.
import { u8aToHex } from '@polkadot/util'
import { afterEach, describe, expect, it } from 'vitest'
import { benchAccount, signedTransfer } from '../../../bench/lib/signer.js'
import { Blockchain } from '../../../src/chain/blockchain.js'
import { BlockProducer, type SealingMode } from '../../../src/chain/producer.js'
import { TxPool, type TxStatus } from '../../../src/chain/txpool.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { devAuthority } from '../../../src/node/keys.js'
import { Runtime } from '../../../src/runtime/runtime.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { GatedKV } from '../../../src/storage/gated-kv.testutil.js'
import { MemoryKV } from '../../../src/storage/memory.js'

const alice = benchAccount('//Alice')
const bob = benchAccount('//Bob')
const producers: BlockProducer[] = []
const gates: GatedKV[] = []
afterEach(async () => {
  for (const g of gates.splice(0)) g.release()
  for (const p of producers.splice(0)) await p.stop()
})

async function setup(mode: SealingMode, finalityDelayMs = 20) {
  const runtime = await Runtime.get()
  const kv = new GatedKV(new MemoryKV())
  gates.push(kv)
  const chain = await Blockchain.open(await BlockStore.open(kv), runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
  const pool = new TxPool()
  const producer = new BlockProducer(chain, pool, runtime, {
    mode, authority: devAuthority('alice'), instantFinality: true, finalityDelayMs,
  })
  producers.push(producer)
  const events: string[] = []
  for (const e of ['durable', 'block', 'best', 'finalized'] as const) chain.on(e, () => events.push(e))
  const statuses: TxStatus[] = []
  const raw = signedTransfer(runtime, chain.genesisHash, alice, bob.publicKey, 10n ** 9n, 0)
  const tx = pool.submit(raw, (r) => runtime.validateAt(chain, chain.best.hash, r, 'External'))
  pool.watch(tx.hashHex, (s) => statuses.push(s))
  return { runtime, kv, chain, pool, producer, events, statuses, tx }
}

const ticks = async (n = 20): Promise<void> => { for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r)) }
const hex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : u8aToHex(b))

describe('announcements wait for durability', () => {
  it('dev_newBlock-style production: events, watcher statuses and durable pointers follow the disk', async () => {
    const s = await setup({ kind: 'manual' })
    const genesis = hex(s.chain.genesisHash)
    s.kv.hold()
    const produced = s.producer.produceMany(3)
    await ticks()
    // Built and readable for the producer (it went on to the next blocks) ...
    expect(s.chain.best.number).toBe(3)
    expect(s.kv.held).toBeGreaterThan(0)
    // ... but nobody was told.
    expect(s.events).toEqual([])
    expect(s.statuses).toEqual([])
    expect(hex(s.chain.durableBest.hash)).toBe(genesis)
    expect(hex(s.chain.durableFinalized.hash)).toBe(genesis)
    expect(s.chain.durableHashAt(1)).toBeUndefined()
    expect(s.pool.size).toBe(0) // the next block must not take it again
    s.kv.release()
    const last = await produced
    expect(hex(s.chain.durableBest.hash)).toBe(hex(last.hash))
    expect(hex(s.chain.durableFinalized.hash)).toBe(hex(last.hash))
    expect(hex(s.chain.durableHashAt(3))).toBe(hex(last.hash))
    const block1 = hex(s.chain.hashAt(1))!
    expect(s.statuses).toEqual([{ inBlock: block1 }, { finalized: block1 }])
    expect(s.events.filter((e) => e === 'durable')).toHaveLength(3)
    expect(s.events.slice(0, 4)).toEqual(['durable', 'block', 'best', 'finalized'])
  })

  for (const mode of [{ kind: 'instant' }, { kind: 'interval', ms: 400 }] as SealingMode[]) {
    it(`${mode.kind} sealing, finality in a later round: block and finality each wait for their batch`, async () => {
      // A finality delay long enough that the test holds the store before finality's batch even
      // when a loaded machine runs its 5 ms polls late.
      const s = await setup(mode, 300)
      const until = async (cond: () => boolean): Promise<void> => {
        for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5))
        expect(cond()).toBe(true)
      }
      s.kv.hold()
      s.producer.start()
      if (mode.kind === 'instant') s.pool.onReady()
      await until(() => s.chain.best.number >= 1)
      await ticks()
      expect(s.events).toEqual([])
      expect(s.statuses).toEqual([])
      expect(s.chain.durableBest.number).toBe(0)
      s.kv.release()
      await until(() => s.statuses.length >= 1)
      const block1 = hex(s.chain.hashAt(1))!
      expect(s.statuses).toEqual([{ inBlock: block1 }])
      // Now hold the finality batch.
      s.kv.hold()
      await until(() => s.chain.finalized.number >= 1)
      await ticks()
      expect(s.statuses).toEqual([{ inBlock: block1 }])
      expect(s.chain.durableFinalized.number).toBe(0)
      expect(s.events).not.toContain('finalized')
      s.kv.release()
      await until(() => s.statuses.length >= 2)
      expect(s.statuses).toEqual([{ inBlock: block1 }, { finalized: block1 }])
      expect(s.chain.durableFinalized.number).toBeGreaterThanOrEqual(1)
    })
  }

  it('a failed batch announces nothing', async () => {
    const s = await setup({ kind: 'manual' })
    // Close the inner store under the gate: the next batch fails.
    s.kv.hold()
    const produced = s.producer.produce()
    await ticks()
    await s.kv.close()
    s.kv.release()
    await expect(produced).rejects.toThrow()
    expect(s.events).toEqual([])
    expect(s.statuses).toEqual([])
    expect(s.chain.durableBest.number).toBe(0)
  })
})

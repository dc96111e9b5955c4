// What a built block hands on besides its header: the diff (for the head state cache and the trie
// update) and the decoded header kept for later reads. Deletions of keys the parent never had are
// left out of the diff; the state root must be the one the full diff gives.
import { describe, expect, it } from 'vitest'
import { Blockchain } from '../../../src/chain/blockchain.js'
import { BlockProducer } from '../../../src/chain/producer.js'
import { TxPool } from '../../../src/chain/txpool.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { devAuthority } from '../../../src/node/keys.js'
import { Runtime } from '../../../src/runtime/runtime.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { MemoryKV } from '../../../src/storage/memory.js'
import { fromKeyString, toKeyString } from '../../../src/storage/overlay.js'
import { applyChanges } from '../../../src/storage/trie/index.js'

async function setup() {
  const runtime = await Runtime.get()
  const chain = await Blockchain.open(await BlockStore.open(new MemoryKV()), runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
  const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true })
  return { runtime, chain, producer }
}

const text = new TextEncoder()

describe('a built block', () => {
  it('leaves deletions of absent keys out of its diff, with the root the full diff gives', async () => {
    const { runtime, chain, producer } = await setup()
    await producer.produceMany(3)
    const parent = chain.best
    const absent = text.encode(':devblock-test:never-written')
    const present = text.encode(':devblock-test:written')
    // A key the parent holds, deleted by the next block (it stays in the diff as a deletion).
    await producer.produce({ overrides: [[present, new Uint8Array([1, 2, 3])]] })
    const withKey = chain.best
    expect(withKey.number).toBe(parent.number + 1)
    const slot = BigInt(runtime.slotDurationMs)
    const ts = runtime.timestampOf(chain.reader(withKey.hash)) + slot
    const built = chain.build({
      parentHash: withKey.hash,
      inherents: [runtime.timestampInherent(ts)],
      extrinsics: [],
      preDigest: [runtime.auraPreDigest(ts / slot)],
      overrides: [[absent, null], [present, null]],
    })
    expect(built.changes.has(toKeyString(absent))).toBe(false)
    expect(built.changes.get(toKeyString(present))).toBeNull()
    // Every deletion left in the diff is of a key the parent has.
    const parentState = chain.state(withKey.hash)
    for (const [ks, v] of built.changes) if (v === null) expect(parentState.get(fromKeyString(ks))).not.toBeNull()
    // The block's transient items (written and killed within it) are among those left out.
    expect(built.changes.has(toKeyString(text.encode(':extrinsic_index')))).toBe(false)
    // The root of the full diff (deletions of absent keys put back) is the block's.
    const full = new Map(built.changes)
    for (const k of [absent, text.encode(':extrinsic_index'), text.encode(':intrablock_entropy')]) full.set(toKeyString(k), null)
    const { root } = applyChanges(chain.store, chain.header(withKey.hash)!.state_root, full)
    expect(hexOf(root)).toBe(hexOf(built.header.state_root))
  })

  it('re-executes (as an import does) to the same header and diff', async () => {
    const { chain, producer } = await setup()
    await producer.produceMany(2)
    const parent = chain.best.hash
    const ref = await producer.produce()
    const again = chain.execute(chain.headerBytes(ref.hash)!, chain.body(ref.hash)!, false)
    expect(hexOf(again.hash)).toBe(hexOf(ref.hash))
    expect(hexOf(again.header.state_root)).toBe(hexOf(chain.header(ref.hash)!.state_root))
    const parentState = chain.state(parent)
    for (const [ks, v] of again.changes) if (v === null) expect(parentState.get(fromKeyString(ks))).not.toBeNull()
  })

  it('keeps a bounded number of decoded headers however many blocks are built', async () => {
    const { chain, producer } = await setup()
    await producer.produceMany(4200)
    const cache = (chain as unknown as { headerCache: Map<string, unknown> }).headerCache
    expect(cache.size).toBeLessThanOrEqual(4096)
    expect(cache.has(hexOf(chain.best.hash))).toBe(true)
    // An evicted header is read back from the store.
    const first = chain.hashAt(1)!
    expect(cache.has(hexOf(first))).toBe(false)
    expect(chain.header(first)?.number).toBe(1)
  })
})

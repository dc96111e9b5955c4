// An in-process dev chain on the in-memory KV, plus a polkadot.js registry built from our own
// metadata: what a real client would use to sign.
import { Metadata, TypeRegistry } from '@polkadot/types'
import { u8aToHex } from '@polkadot/util'
import { Blockchain, type BuiltBlock } from '../../../src/chain/blockchain.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { devAuthority } from '../../../src/node/keys.js'
import { Runtime } from '../../../src/runtime/runtime.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { MemoryKV } from '../../../src/storage/memory.js'

export interface MemoryChain { runtime: Runtime; chain: Blockchain; registry: TypeRegistry }

export async function memoryChain(spec = 'dev'): Promise<MemoryChain> {
  const runtime = await Runtime.get()
  const store = await BlockStore.open(new MemoryKV())
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(loadChainSpec(spec), runtime))
  const registry = new TypeRegistry()
  const metadata = new Metadata(registry, u8aToHex(runtime.metadata(15)!))
  registry.setMetadata(metadata)
  return { runtime, chain, registry }
}

const alice = devAuthority('alice')

/** Build (sealed by Alice, timestamp one slot after the parent) and commit a block with `txs`. */
export async function buildBlock(mc: MemoryChain, txs: Uint8Array[], parent = mc.chain.best.hash): Promise<BuiltBlock> {
  const { runtime, chain } = mc
  const parentTs = runtime.timestampOf(chain.state(parent))
  const ts = parentTs === 0n ? 1_700_000_004_000n : parentTs + 12_000n
  const built = chain.build({
    parentHash: parent,
    inherents: [runtime.timestampInherent(ts)],
    extrinsics: txs,
    preDigest: [runtime.auraPreDigest(ts / 12_000n)],
    seal: (h) => runtime.auraSeal(alice.sign(h)),
  })
  await chain.commit(built, { best: true, finalize: true })
  return built
}

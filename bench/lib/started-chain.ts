// An in-process dev chain with `subnets` started subnets (bench/lib/subnets-spec.ts) on a LevelDB
// in a temporary folder, Alice authoring with manual seal and instant finality: the chain the
// in-process block profiles and digests build on.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../../src/chain/blockchain.js'
import { BlockProducer, type ProducerOptions } from '../../src/chain/producer.js'
import { TxPool } from '../../src/chain/txpool.js'
import { cryptoReady } from '../../src/codec/hashing.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../../src/node/chain-spec.js'
import { devAuthority } from '../../src/node/keys.js'
import { Runtime } from '../../src/runtime/runtime.js'
import { BlockStore } from '../../src/storage/block-store.js'
import { openLevelKV } from '../../src/storage/level.js'
import { startedSubnetsSpec } from './subnets-spec.js'

export interface StartedChain {
  runtime: Runtime
  chain: Blockchain
  producer: BlockProducer
  /** The store's folder (scratch files may go there too). */
  dir: string
  /** Closes the store and removes its folder. */
  close(): Promise<void>
}

export async function openStartedChain(
  subnets: number,
  regime: 'classic' | 'current',
  name: string,
  producer: Partial<ProducerOptions> = {},
): Promise<StartedChain> {
  await cryptoReady()
  const chainSpec = loadChainSpec(startedSubnetsSpec(subnets, regime))
  const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
  const dir = mkdtempSync(join(tmpdir(), `${name}-db-`))
  const store = await BlockStore.open(await openLevelKV(dir))
  const close = async (): Promise<void> => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
    const options: ProducerOptions = { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true, ...producer }
    return { runtime, chain, producer: new BlockProducer(chain, new TxPool(), runtime, options), dir, close }
  } catch (e) {
    await close()
    throw e
  }
}

// A reproducible chain for checking that a speed-up changes nothing observable: a dev chain
// (`subnets` started subnets, classic or current regime) builds `blocks` empty blocks on a fixed
// clock (every timestamp the earliest allowed), and prints the hash of every `every`-th block
// (a block hash covers its state root, hence every storage value and System.Events).
//
//   npx tsx bench/state-digest.ts [subnets=32] [classic|current] [blocks=400] [every=100]
import '../src/polyfill.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { TxPool } from '../src/chain/txpool.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { startedSubnetsSpec } from './lib/subnets-spec.js'
import { startBeaconSigner } from '../src/chain/beacon-signer.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const [subnets, regime, blocks, every] = [Number(pos[0] ?? 32), (pos[1] ?? 'current') as 'classic' | 'current', Number(pos[2] ?? 400), Number(pos[3] ?? 100)]

await cryptoReady()
const chainSpec = loadChainSpec(startedSubnetsSpec(subnets, regime))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))
// --beacon-signer: the drand rounds come from the node's worker (as in a node process), to check they are the same bytes.
const signer = process.argv.includes('--beacon-signer') ? startBeaconSigner(runtime.build) : undefined
const lookups = { hit: 0, miss: 0 }
if (signer) {
  const lookup = signer.lookup.bind(signer)
  signer.lookup = (r) => { const sig = lookup(r); lookups[sig ? 'hit' : 'miss']++; return sig }
}
const dir = mkdtempSync(join(tmpdir(), 'state-digest-db-'))
const store = await BlockStore.open(await openLevelKV(dir))
try {
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
  const producer = new BlockProducer(chain, new TxPool(), runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true, now: () => 1_700_000_000_000 })
  for (let done = 0; done < blocks; done += every) {
    await producer.produceMany(Math.min(every, blocks - done))
    console.log(`${subnets} ${regime} #${chain.best.number} ${Buffer.from(chain.best.hash).toString('hex')}`)
  }
  if (signer) console.log(`beacon signer: ${lookups.hit} rounds from the worker, ${lookups.miss} signed inline`)
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(0)

// A reproducible chain for checking that a speed-up changes nothing observable: a dev chain
// (`subnets` started subnets, classic or current regime) builds `blocks` empty blocks on a fixed
// clock (every timestamp the earliest allowed), and prints the hash of every `every`-th block
// (a block hash covers its state root, hence every storage value and System.Events).
//
//   npx tsx bench/state-digest.ts [subnets=32] [classic|current] [blocks=400] [every=100]
import '../src/polyfill.js'
import { openStartedChain } from './lib/started-chain.js'
import { startBeaconSigner } from '../src/chain/beacon-signer.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const [subnets, regime, blocks, every] = [Number(pos[0] ?? 32), (pos[1] ?? 'current') as 'classic' | 'current', Number(pos[2] ?? 400), Number(pos[3] ?? 100)]

const { runtime, chain, producer, close } = await openStartedChain(subnets, regime, 'state-digest', { now: () => 1_700_000_000_000 })
// --beacon-signer: the drand rounds come from the node's worker (as in a node process), to check they are the same bytes.
const signer = process.argv.includes('--beacon-signer') ? startBeaconSigner(runtime.build) : undefined
const lookups = { hit: 0, miss: 0 }
if (signer) {
  const lookup = signer.lookup.bind(signer)
  signer.lookup = (r) => { const sig = lookup(r); lookups[sig ? 'hit' : 'miss']++; return sig }
}
try {
  for (let done = 0; done < blocks; done += every) {
    await producer.produceMany(Math.min(every, blocks - done))
    console.log(`${subnets} ${regime} #${chain.best.number} ${Buffer.from(chain.best.hash).toString('hex')}`)
  }
  if (signer) console.log(`beacon signer: ${lookups.hit} rounds from the worker, ${lookups.miss} signed inline`)
} finally {
  await close()
}
process.exit(0)

// Exactness check for the advance path: the advance bench's chain (mainnet-like, Alice, manual
// seal, the 256-uid scenario) built in process on a fixed clock, then `epochs` epochs of
// subtensor_advanceEpochs. Prints, per epoch block, its hash (which commits to the state root, so
// to every storage value and event) and state root, with a digest of the epoch's per-uid outputs
// as stored; then the best block. A speed-up must print the same lines as the branch point.
//
//   npx tsx bench/advance-digest.ts [epochs=4]
import '../src/polyfill.js'
import { hexOf } from '../src/codec/bytes.js'
import { blake2_256 } from '../src/codec/hashing.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/storage.js'
import { startAdvanceNode } from './lib/advance-node.js'

const epochs = Number(process.argv[2] ?? 4)
const { node, call, netuid } = await startAdvanceNode('digest')
try {
  const { chain } = node.ctx
  const r = await call<{ epochs: { number: number; hash: string }[] }>('subtensor_advanceEpochs', [netuid, epochs])
  for (const e of r.epochs) {
    const hash = chain.hashAt(e.number)!
    const s = chain.overlayAt(hash)
    const outputs = JSON.stringify({
      emission: S.Emission.get(s, netuid), incentive: S.Incentive.get(s, netuid), dividends: S.Dividends.get(s, netuid),
      consensus: S.Consensus.get(s, netuid), trust: S.ValidatorTrust.get(s, netuid), active: S.Active.get(s, netuid),
      permit: S.ValidatorPermit.get(s, netuid), stakeWeight: S.StakeWeight.get(s, netuid),
    }, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
    const root = hexOf(chain.header(hash)!.state_root)
    console.log(`epoch #${e.number} ${e.hash.slice(0, 18)}… root ${root.slice(0, 18)}… outputs ${hexOf(blake2_256(new TextEncoder().encode(outputs))).slice(0, 18)}…`)
  }
  const best = chain.best
  console.log(`best #${best.number} ${hexOf(best.hash)} root ${hexOf(chain.header(best.hash)!.state_root)}`)
} finally {
  await node.stop()
}
process.exit(0)

// Issue 17 (2) acceptance: subtensor_advanceEpochs on a subnet with tempo 360 runs exactly k epochs,
// and what the epochs write equals what the same blocks built one by one write.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/storage.js'
import { devNodeWithApi, type ApiHarness } from './node-harness.js'
import { Keyring } from '@polkadot/keyring'

let h: ApiHarness
// The current registration regime (mainnet-like): block_step runs the epochs there; the dev chain's
// classic regime only re-targets registration.
beforeAll(async () => { h = await devNodeWithApi({ chain: 'mainnet-like' }) })
afterAll(async () => { await h?.close() })

const state = () => h.ctx.chain.overlayAt(h.ctx.chain.best.hash)
/** What an epoch of `netuid` leaves behind. */
function outputs(netuid: number): unknown {
  const s = state()
  return {
    incentive: S.Incentive.get(s, netuid), dividends: S.Dividends.get(s, netuid), consensus: S.Consensus.get(s, netuid),
    emission: S.Emission.get(s, netuid), permits: S.ValidatorPermit.get(s, netuid), trust: S.ValidatorTrust.get(s, netuid),
    bonds: [...S.Bonds.iterPrefix(s, netuid)], epochIndex: S.SubnetEpochIndex.get(s, netuid), last: S.LastEpochBlock.get(s, netuid),
  }
}

it('advanceEpochs(netuid, 2) at tempo 360: exactly 2 epochs, the same outputs as block by block', async () => {
  await h.client.call('dev_applyScenario', [{
    accounts: { v: { coldkey: '//Bob', balance: 100_000 }, m1: { coldkey: '//Charlie', balance: 10 }, m2: { coldkey: '//Dave', balance: 10 } },
    subnets: [{ owner: 'v', hyperparameters: { Tempo: 360, WeightsSetRateLimit: 0, CommitRevealWeightsEnabled: false, SubnetEmissionEnabled: true },
      neurons: [{ account: 'm1' }, { account: 'm2' }] }],
    stakes: [{ coldkey: 'v', hotkey: 'v', netuid: 2, alpha: 1000 }],
  }])
  await h.client.call('dev_newBlock')
  const hk = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob_hk')
  await h.api.tx.subtensorModule.setWeights(2, [1, 2], [65_535, 20_000], 0).signAndSend(hk)
  await h.client.call('dev_newBlock')
  const start = h.ctx.chain.best.number
  const index0 = S.SubnetEpochIndex.get(state(), 2)
  const snap = await h.client.call<number>('dev_snapshot')

  const r = await h.client.call<{ epochs: { number: number; hash: string }[]; best: { number: number } }>('subtensor_advanceEpochs', [2, 2])
  expect(r.epochs).toHaveLength(2)
  expect(S.SubnetEpochIndex.get(state(), 2)).toBe(index0 + 2n)
  expect(r.epochs[1]!.number - r.epochs[0]!.number).toBe(360)
  expect(r.best.number).toBe(r.epochs[1]!.number)
  for (const e of r.epochs) expect(await h.client.call('chain_getBlockHash', [e.number])).toBe(e.hash)
  const fast = outputs(2) as { incentive: number[] }
  // the validator's weights reached the epoch: miner 1 (weight 65535) earns more than miner 2 (20000)
  expect(fast.incentive[1]).toBeGreaterThan(fast.incentive[2]!)
  expect(fast.incentive[2]).toBeGreaterThan(0)

  await h.client.call('dev_revert', [snap])
  expect(h.ctx.chain.best.number).toBe(start)
  while (h.ctx.chain.best.number < r.best.number) await h.client.call('dev_newBlock')
  expect(outputs(2)).toEqual(fast)
}, 300_000)

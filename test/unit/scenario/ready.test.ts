// Issue 17 acceptance: the 3-neuron example, applied to a fresh dev node in one call, is ready —
// the validator's set_weights goes through (stake in place, no rate limit, commit-reveal off).
import { Keyring } from '@polkadot/keyring'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readScenarioDocument } from '../../../src/scenario/load.js'
import { devNodeWithApi, type ApiHarness } from '../rpc/node-harness.js'

let h: ApiHarness
beforeAll(async () => { h = await devNodeWithApi() })
afterAll(async () => { await h?.close() })

it('the 3-neuron example: one call, then the validator sets weights on both miners', async () => {
  await h.client.call('dev_applyScenario', [readScenarioDocument('examples/3-neuron.yaml')])
  const validatorHotkey = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob_hk')
  const stake = await h.api.query.subtensorModule.totalHotkeyAlpha(validatorHotkey.address, 2)
  expect(BigInt(stake.toString())).toBeGreaterThan(0n)
  await h.api.tx.subtensorModule.setWeights(2, [1, 2], [65_535, 32_768], 0).signAndSend(validatorHotkey)
  await h.client.call('dev_newBlock')
  const events = await h.api.query.system.events()
  const failed = events.filter((e) => h.api.events.system.ExtrinsicFailed.is(e.event))
  expect(failed.map((e) => e.event.toHuman())).toEqual([])
  const row = await h.api.query.subtensorModule.weights(2, 0)
  expect(row.toJSON()).toEqual([[1, 65_535], [2, 32_768]])
})

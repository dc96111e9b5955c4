// Issue 17 (2): tempo-aware time control on a dev node — where subtensor_advanceToEpochEnd lands
// (checked against the subnet's schedule read from state), dev_newBlock's `to`, and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/storage.js'
import { devNode, type Harness } from './node-harness.js'

let h: Harness
beforeAll(async () => { h = await devNode() })
afterAll(async () => { await h?.close() })

const state = () => h.ctx.chain.overlayAt(h.ctx.chain.best.hash)

describe('subtensor_advanceToEpochEnd', () => {
  it('stops on the last block before the next epoch of the subnet', async () => {
    await h.client.call('dev_applyScenario', [{ subnets: [{ netuid: 1, hyperparameters: { Tempo: 25 } }] }])
    const s = state()
    // spec 425: the epoch is due once tempo blocks have passed since LastEpochBlock
    const due = Number(S.LastEpochBlock.get(s, 1)) + S.Tempo.get(s, 1)
    const expected = Math.max(due, h.ctx.chain.best.number + 1)
    const r = await h.client.call<{ number: number; hash: string; nextEpochBlock: number }>('subtensor_advanceToEpochEnd', [1])
    expect(r.nextEpochBlock).toBe(expected)
    expect(r.number).toBe(expected - 1)
    expect(await h.client.call('chain_getBlockHash')).toBe(r.hash)
  })

  it('dev_newBlock {to} lands on that block number', async () => {
    const target = h.ctx.chain.best.number + 7
    const hash = await h.client.call<string>('dev_newBlock', [{ to: target }])
    expect(await h.client.call('chain_getBlockHash', [target])).toBe(hash)
  })

  it.each([
    ['subtensor_advanceEpochs', [99], 'netuid 99 does not exist'],
    ['subtensor_advanceEpochs', [1, 0], 'epochs: expected an integer from 1 to 10000'],
    ['subtensor_advanceEpochs', [1, 1.5], 'epochs: expected an integer from 1 to 10000'],
    ['subtensor_advanceEpochs', ['1', 1], 'netuid: expected an integer from 0 to 65535'],
    ['subtensor_advanceToEpochEnd', [70_000], 'netuid: expected an integer from 0 to 65535'],
  ])('%s %j is refused: %s', async (method, params, message) => {
    const before = h.ctx.chain.best.number
    const e = await h.client.error(method, params)
    expect(e).toMatchObject({ code: 1, message })
    expect(h.ctx.chain.best.number).toBe(before)
  })

  it('a subnet with tempo 0 has no epoch to advance to', async () => {
    await h.client.call('dev_applyScenario', [{ subnets: [{ netuid: 1, hyperparameters: { Tempo: 0 } }] }])
    const before = h.ctx.chain.best.number
    for (const m of ['subtensor_advanceEpochs', 'subtensor_advanceToEpochEnd']) {
      expect(await h.client.error(m, [1, 1])).toMatchObject({ code: 1, message: 'netuid 1 has tempo 0: its epoch never runs' })
    }
    expect(h.ctx.chain.best.number).toBe(before)
  })
})

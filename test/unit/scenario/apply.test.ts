// Issue 17 (4): scenarios applied into a running dev node (dev_applyScenario, one block) and what
// they leave in state, read back through the storage accessors; bad scenarios change nothing.
import { Keyring } from '@polkadot/keyring'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/storage.js'
import { System } from '../../../src/pallets/system/pallet.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { loadScenarioFile, readScenarioDocument } from '../../../src/scenario/load.js'
import { devNode, type Harness } from '../rpc/node-harness.js'

const key = (uri: string): Uint8Array => new Keyring({ type: 'sr25519' }).addFromUri(uri).publicKey
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

let h: Harness
beforeAll(async () => { h = await devNode() })
afterAll(async () => { await h?.close() })

const state = () => h.ctx.chain.overlayAt(h.ctx.chain.best.hash)
const head = async () => ({ best: await h.client.call<string>('chain_getBlockHash'), pending: await h.client.call<string[]>('author_pendingExtrinsics') })

describe('dev_applyScenario', () => {
  it('registers the subnet, funds the accounts, registers and serves the neurons in one block', async () => {
    const doc = readScenarioDocument('examples/3-neuron.yaml')
    const before = h.ctx.chain.best.number
    const r = await h.client.call<{ number: number; netuids: number[]; neurons: { uid: number; account: string }[] }>('dev_applyScenario', [doc])
    expect(r.number).toBe(before + 1)
    expect(r.netuids).toEqual([2])
    expect(r.neurons.map((n) => [n.account, n.uid])).toEqual([['validator', 0], ['miner1', 1], ['miner2', 2]])
    expect(S.ValidatorPermit.get(state(), 2)).toEqual([true, false, false])
    const s = state()
    const bob = key('//Bob')
    expect(same(S.SubnetOwner.get(s, 2), bob)).toBe(true)
    expect(same(S.SubnetOwnerHotkey.get(s, 2), key('//Bob_hk'))).toBe(true)
    expect(S.SubnetworkN.get(s, 2)).toBe(3)
    expect(same(S.Keys.get(s, 2, 0), key('//Bob_hk'))).toBe(true)
    expect(same(S.Keys.get(s, 2, 1), key('//Charlie_hk'))).toBe(true)
    expect(same(S.Keys.get(s, 2, 2), key('//Dave_hk'))).toBe(true)
    expect(same(S.Owner.get(s, key('//Dave_hk')), key('//Dave'))).toBe(true)
    expect(S.Tempo.get(s, 2)).toBe(10)
    expect(S.WeightsSetRateLimit.get(s, 2)).toBe(0n)
    expect(S.CommitRevealWeightsEnabled.get(s, 2)).toBe(false)
    expect(S.FirstEmissionBlockNumber.get(s, 2)).toBe(BigInt(r.number + 1))
    const axon = S.Axons.get(s, 2, key('//Charlie_hk'))
    expect(axon).toMatchObject({ ip: (10n << 24n) | 2n, ip_type: 4, port: 8091, block: BigInt(r.number) })
    // Charlie and Dave were set to 1000 TAO; Bob paid the lock out of his 100,000.
    expect(System.Account.get(s, key('//Charlie')).data.free).toBe(1_000_000_000_000n)
    const lock = S.SubnetLocked.get(s, 2)
    expect(lock).toBeGreaterThan(0n)
    // Bob paid the lock and staked 10,000 TAO through the pool, which gave his hotkey alpha.
    expect(System.Account.get(s, bob).data.free).toBe(100_000_000_000_000n - lock - 10_000_000_000_000n)
    const alpha = getStakeForHotkeyAndColdkeyOnSubnet(s, key('//Bob_hk'), bob, 2)
    expect(alpha).toBeGreaterThan(0n)
    expect(S.TotalHotkeyAlpha.get(s, key('//Bob_hk'), 2)).toBe(alpha)
    expect(S.SubnetTAO.get(s, 2)).toBeGreaterThan(10_000_000_000_000n)
  })

  it('credits alpha directly and delegates to another account\'s hotkey', async () => {
    const r = await h.client.call<{ netuids: number[] }>('dev_applyScenario', [{
      accounts: { v: { coldkey: '//Eve', balance: 5000 }, d: { coldkey: '//Ferdie', balance: 10 } },
      subnets: [{ owner: 'v' }],
      stakes: [{ coldkey: 'v', hotkey: 'v', netuid: 3, alpha: '1234.5' }, { coldkey: 'd', hotkey: 'v', netuid: 3, alpha: 1 }],
    }])
    expect(r.netuids).toEqual([3])
    const s = state()
    const hk = key('//Eve_hk')
    expect(getStakeForHotkeyAndColdkeyOnSubnet(s, hk, key('//Eve'), 3)).toBe(1_234_500_000_000n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(s, hk, key('//Ferdie'), 3)).toBe(1_000_000_000n)
    expect(S.TotalHotkeyAlpha.get(s, hk, 3)).toBe(1_235_500_000_000n)
    expect(S.SubnetAlphaOut.get(s, 3)).toBe(1_235_500_000_000n)
  })

  it('sets live overrides: chain-wide values and an existing subnet\'s hyperparameters', async () => {
    await h.client.call('dev_applyScenario', [{ globals: { TxRateLimit: 0, admin_freeze_window: 3 }, subnets: [{ netuid: 1, hyperparameters: { tempo: 7, MaxRegistrationsPerBlock: 50, min_burn: '5', MaxBurn: 9_000_000_000 } }] }])
    const s = state()
    expect(S.TxRateLimit.get(s)).toBe(0n)
    expect(S.AdminFreezeWindow.get(s)).toBe(3)
    expect([S.Tempo.get(s, 1), S.MaxRegistrationsPerBlock.get(s, 1), S.MinBurn.get(s, 1), S.MaxBurn.get(s, 1)]).toEqual([7, 50, 5n, 9_000_000_000n])
  })

  it.each([
    [{ subnets: [{ owner: 'nobody' }] }, 'scenario: subnets[0].owner: unknown account "nobody" (not in accounts)'],
    [{ accounts: { a: { coldkey: '//Eve', balance: -1 } } }, 'scenario: accounts.a.balance'],
    [{ accounts: { a: { coldkey: '//Eve', balanse: 1 } } }, 'scenario: accounts.a: Unrecognized key: "balanse"'],
    [{ accounts: { a: { coldkey: 'not-a-key' } } }, 'scenario: accounts.a.coldkey: "not-a-key" is neither'],
    [{ subnets: [{ netuid: 1, hyperparameters: { Tempo: 70000 } }] }, 'scenario: subnets[0].hyperparameters.Tempo: Tempo = 70000 is out of range for u16'],
    [{ subnets: [{ netuid: 1, hyperparameters: { Nonsense: 1 } }] }, 'scenario: subnets[0].hyperparameters.Nonsense: no SubtensorModule storage item Nonsense'],
    [{ globals: { Tempo: 1 } }, 'scenario: globals.Tempo: Tempo is not a chain-wide value'],
    [{ accounts: { e: { coldkey: '//Eve', balance: 1 } }, subnets: [{ owner: 'e' }] }, 'scenario: subnets[0].owner: SubtensorModule.register_network failed:'],
    [{ accounts: { f: { coldkey: '//Ferdie', balance: 1 } }, subnets: [{ netuid: 1, neurons: [{ account: 'f', axon: { ip: '127.0.0.1', port: 1 } }] }] }, 'scenario: subnets[0].neurons[0].axon: SubtensorModule.serve_axon failed: SubtensorModule.InvalidIpAddress'],
    [{ stakes: [{ coldkey: 'x', hotkey: 'x', netuid: 1 }] }, 'scenario: stakes[0]: give exactly one of amount (TAO) or alpha'],
    [{ accounts: { x: { coldkey: '//Eve' } }, stakes: [{ coldkey: 'x', hotkey: 'x', netuid: 1, amount: 1e30 }] }, 'scenario: stakes[0].amount: 1e+30 cannot be read exactly'],
    ['accounts: [unclosed', 'scenario: scenario: line 1'],
  ])('refuses %j with the path of the bad field and changes nothing', async (doc, message) => {
    const before = await head()
    const e = await h.client.error('dev_applyScenario', [doc])
    expect(e.code).toBe(1)
    expect(e.message.startsWith(message)).toBe(true)
    expect(await head()).toEqual(before)
  })

  it('reads the shipped examples', () => {
    expect(loadScenarioFile('examples/3-neuron.yaml').subnets[0]!.neurons).toHaveLength(3)
  })
})

describe('the 4 × 256-uid example', () => {
  it('fills four subnets to 256 uids in one block', async () => {
    const h2 = await devNode()
    try {
      const r = await h2.client.call<{ number: number; netuids: number[]; neurons: unknown[] }>('dev_applyScenario', [readScenarioDocument('examples/4x256.yaml')])
      expect(r.number).toBe(1)
      expect(r.netuids).toEqual([2, 3, 4, 5])
      expect(r.neurons).toHaveLength(4 * 255)
      const s = h2.ctx.chain.overlayAt(h2.ctx.chain.best.hash)
      for (const n of r.netuids) {
        expect(S.SubnetworkN.get(s, n)).toBe(256)
        expect(S.Active.get(s, n)).toHaveLength(256)
      }
      expect(same(S.Keys.get(s, 5, 255), key('//Subnet5_254_hk'))).toBe(true)
      expect(same(S.Owner.get(s, key('//Subnet5_254_hk')), key('//Subnet5_254'))).toBe(true)
    } finally {
      await h2.close()
    }
  }, 120_000)
})

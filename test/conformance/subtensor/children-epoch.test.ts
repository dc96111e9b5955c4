// Ports of subtensor's tests/children.rs (HEAD 14bc6f9), part 4: revocation by an empty list,
// inherited stake through a deeper hierarchy and across networks, pending children applied by
// the blocks and epoch that follow the cooldown, and weights and emission through children, on
// the HEAD mock.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { addDynamicNetwork, addNetwork, newTestExt, u256, type Ext } from './head-mock.js'
import { children, coldkey, hotkey, mockSetChildren, mockSetChildrenNoEpochs, parents, registered, registerOkNeuron, stepBlock, stepEpochs, sub, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const close = (v: bigint, target: bigint, eps: bigint) => expect(v > target ? v - target : target - v).toBeLessThanOrEqual(eps)
const inh = (e: Ext, h: Uint8Array, n: number) => L.getInheritedForHotkeyOnSubnet(e.s, h, n)

describe('tests/children.rs: relations and inherited stake', () => {
  it('test_do_revoke_children_multiple_empty_list', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
  })

  it('test_get_stake_for_hotkey_on_subnet_complex_hierarchy', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, u256(1002), u256(1001))
    const [parent, child1, child2, grandchild] = [u256(1), u256(2), u256(3), u256(4)]
    S.MaxRegistrationsPerBlock.set(e.s, netuid, 1000)
    S.TargetRegistrationsPerInterval.set(e.s, netuid, 1000)
    registerOkNeuron(e, netuid, parent, u256(5))
    registerOkNeuron(e, netuid, child1, u256(6))
    registerOkNeuron(e, netuid, child2, u256(7))
    registerOkNeuron(e, netuid, grandchild, u256(8))
    const total = 1000n
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, u256(5), netuid, total)
    const half = U64_MAX / 2n
    mockSetChildrenNoEpochs(e, netuid, parent, [[half, child1], [half, child2]])
    expect(inh(e, parent, netuid)).toBe(0n)
    close(inh(e, child1, netuid), 499n, 10n)
    close(inh(e, child2, netuid), 499n, 10n)
    mockSetChildrenNoEpochs(e, netuid, child1, [[U64_MAX, grandchild]])
    const [p2, c12, c22, g] = [parent, child1, child2, grandchild].map((h) => inh(e, h, netuid)) as [bigint, bigint, bigint, bigint]
    close(p2, 0n, 10n)
    close(c12, 499n, 10n)
    close(c22, 499n, 10n)
    close(g, 0n, 10n)
    close(p2 + c12 + c22 + g, total, 10n)
    expect(children(e, parent, netuid)).toEqual([[half, child1], [half, child2]])
    expect(parents(e, child1, netuid)).toEqual([[half, parent]])
    expect(parents(e, child2, netuid)).toEqual([[half, parent]])
    expect(children(e, child1, netuid)).toEqual([[U64_MAX, grandchild]])
    expect(parents(e, grandchild, netuid)).toEqual([[U64_MAX, child1]])
  })

  it('test_get_stake_for_hotkey_on_subnet_multiple_networks', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(1), u256(2)]
    addNetwork(e.s, 1, 1)
    addNetwork(e.s, 2, 1)
    registerOkNeuron(e, 1, hot, cold)
    registerOkNeuron(e, 2, hot, cold)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, 1, 1000n)
    close(inh(e, hot, 1), 1000n, 10n)
    close(inh(e, hot, 2), 0n, 10n)
  })

  it('test_do_set_pending_children_runs_in_epoch', () => {
    const e = newTestExt(1)
    const [parent, ch] = [u256(2), u256(3)]
    addNetwork(e.s, 1, 13)
    registerOkNeuron(e, 1, parent, coldkey)
    L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, parent, coldkey, 1, S.StakeThreshold.get(e.s))
    sub(e, coldkey, 'set_children', { hotkey: parent, netuid: 1, children: [[1000n, ch]] })
    expect(children(e, parent, 1).length).toBe(0)
    // wait_set_pending_children_cooldown: DefaultPendingCooldown blocks, then one epoch
    stepBlock(e, Number(S.PendingChildKeyCooldown.get(e.s)))
    stepEpochs(e, 1, 1)
    const after = children(e, parent, 1)
    expect(after.length).toBe(1)
    expect(after[0]![0]).toBe(1000n)
    expect(after[0]![1]).toEqual(ch)
  })
})

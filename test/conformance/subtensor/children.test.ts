// Ports of subtensor's tests/children.rs (HEAD 14bc6f9): scheduling and applying children
// (set_children → PendingChildKeys → ChildKeys/ParentKeys), their refusals, inherited stake and
// the childkey take. The mock's set_children waits out the cooldown and applies the schedule.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import { effectiveMinChildkeyTake, getChildkeyTake } from '../../../src/pallets/subtensor/staking/set-children.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { addNetwork, newTestExt, u256, type Ext } from './head-mock.js'
import { mockSetChildren, noop, registerOkNeuron, setBlockNumber, stepSetChildrenRateLimit, sub, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

type Edge = [bigint, Uint8Array]
const children = (e: Ext, hot: Uint8Array, netuid: number): Edge[] => S.ChildKeys.get(e.s, hot, netuid)
const parents = (e: Ext, hot: Uint8Array, netuid: number): Edge[] => S.ParentKeys.get(e.s, hot, netuid)
const schedule = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, list: Edge[]) =>
  sub(e, cold, 'set_children', { hotkey: hot, netuid, children: list })
const setTake = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, take: number) =>
  sub(e, cold, 'set_childkey_take', { hotkey: hot, netuid, take })
const [coldkey, hotkey, child, child2, child3] = [u256(1), u256(2), u256(3), u256(4), u256(5)]
const E = (name: string) => `SubtensorModule.${name}`

/** `add_network(netuid, 13, 0)` and `register_ok_neuron(netuid, hotkey, owner)`. */
function registered(owner = coldkey, netuid = 1): Ext {
  const e = newTestExt(1)
  addNetwork(e.s, netuid, 13)
  registerOkNeuron(e, netuid, hotkey, owner)
  return e
}

describe('tests/children.rs: scheduling one child', () => {
  it('test_do_set_child_singular_success / _new_children_assignment', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child]])
    expect(children(e, hotkey, 1)).toEqual([[1000n, child]])
    expect(parents(e, child, 1)).toEqual([[1000n, hotkey]])
  })

  it('test_do_set_child_singular_network_does_not_exist', () => {
    const e = newTestExt(1)
    noop(e, () => schedule(e, coldkey, hotkey, 999, [[1000n, child]]), E('SubnetNotExists'))
  })

  it('test_do_set_child_singular_invalid_child', () => {
    const e = registered()
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[1000n, hotkey]]), E('InvalidChild'))
  })

  it('test_do_set_child_singular_non_associated_coldkey', () => {
    const e = registered(u256(999))
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[1000n, child]]), E('NonAssociatedColdKey'))
  })

  it('test_do_set_child_singular_root_network', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 0, 13)
    noop(e, () => schedule(e, coldkey, hotkey, 0, [[1000n, child]]), E('RegistrationNotPermittedOnRootSubnet'))
  })

  it('test_do_set_child_singular_old_children_cleanup', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child2]])
    expect(parents(e, child, 1)).toEqual([])
    expect(parents(e, child2, 1)).toEqual([[1000n, hotkey]])
  })

  it('test_do_set_child_singular_proportion_edge_cases', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[0n, child]])
    expect(children(e, hotkey, 1)).toEqual([[0n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[U64_MAX, child]])
    expect(children(e, hotkey, 1)).toEqual([[U64_MAX, child]])
  })

  it('test_do_set_child_singular_multiple_children', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[500n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[500n, child2]])
    expect(children(e, hotkey, 1)).toEqual([[500n, child2]])
    expect(parents(e, child, 1)).toEqual([])
    expect(parents(e, child2, 1)).toEqual([[500n, hotkey]])
  })

  it('test_add_singular_child', () => {
    const e = newTestExt(1)
    const [same, hot, cold] = [u256(1), u256(1), u256(2)]
    noop(e, () => schedule(e, cold, hot, 1, [[U64_MAX, same]]), E('SubnetNotExists'))
    addNetwork(e.s, 1, 1)
    stepSetChildrenRateLimit(e)
    noop(e, () => schedule(e, cold, hot, 1, [[U64_MAX, same]]), E('NonAssociatedColdKey'))
    createAccountIfNonExistent(e.s, cold, hot)
    stepSetChildrenRateLimit(e)
    noop(e, () => schedule(e, cold, hot, 1, [[U64_MAX, same]]), E('InvalidChild'))
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, cold, hot, 1, [[U64_MAX, u256(3)]])
    expect(children(e, hot, 1)).toEqual([[U64_MAX, u256(3)]])
  })

  it('test_do_revoke_child_singular_success', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child]])
    expect(children(e, hotkey, 1)).toEqual([[1000n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
    expect(parents(e, child, 1)).toEqual([])
  })

  it('test_do_set_empty_children_network_does_not_exist', () => {
    const e = newTestExt(1)
    noop(e, () => schedule(e, coldkey, hotkey, 999, []), E('SubnetNotExists'))
  })

  it('test_do_revoke_child_singular_non_associated_coldkey', () => {
    const e = registered(u256(999))
    noop(e, () => schedule(e, coldkey, hotkey, 1, []), E('NonAssociatedColdKey'))
  })

  it('test_do_revoke_child_singular_child_not_associated', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 1, 13)
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[U64_MAX, child]]), E('NonAssociatedColdKey'))
  })
})

describe('tests/children.rs: scheduling several children', () => {
  it('test_do_schedule_children_multiple_success', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [2000n, child2]])
    expect(children(e, hotkey, 1)).toEqual([[1000n, child], [2000n, child2]])
    expect(parents(e, child, 1)).toEqual([[1000n, hotkey]])
    expect(parents(e, child2, 1)).toEqual([[2000n, hotkey]])
  })

  it('test_do_schedule_children_multiple_network_does_not_exist', () => {
    const e = newTestExt(1)
    noop(e, () => schedule(e, coldkey, hotkey, 999, [[1000n, child]]), E('SubnetNotExists'))
  })

  it('test_do_schedule_children_multiple_invalid_child', () => {
    const e = registered()
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[1000n, hotkey]]), E('InvalidChild'))
  })

  it('test_do_schedule_children_multiple_non_associated_coldkey', () => {
    const e = registered(u256(999))
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[1000n, child]]), E('NonAssociatedColdKey'))
  })

  it('test_do_schedule_children_multiple_root_network', () => {
    const e = newTestExt(1)
    addNetwork(e.s, 0, 13)
    noop(e, () => schedule(e, coldkey, hotkey, 0, [[1000n, child]]), E('RegistrationNotPermittedOnRootSubnet'))
  })

  it('test_do_schedule_children_multiple_old_children_cleanup', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child2], [1000n, child3]])
    expect(parents(e, child, 1)).toEqual([])
    expect(parents(e, child2, 1)).toEqual([[1000n, hotkey]])
    expect(parents(e, child3, 1)).toEqual([[1000n, hotkey]])
  })

  it('test_do_schedule_children_multiple_proportion_edge_cases', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[0n, child], [U64_MAX, child2]])
    expect(children(e, hotkey, 1)).toEqual([[0n, child], [U64_MAX, child2]])
  })

  it('test_do_schedule_children_multiple_overwrite_existing', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [1000n, child2]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[2000n, child2], [3000n, child3]])
    expect(children(e, hotkey, 1)).toEqual([[2000n, child2], [3000n, child3]])
    expect(parents(e, child, 1)).toEqual([])
    expect(parents(e, child2, 1)).toEqual([[2000n, hotkey]])
    expect(parents(e, child3, 1)).toEqual([[3000n, hotkey]])
  })

  it('test_do_schedule_children_multiple_empty_list / test_do_revoke_children_multiple_empty_list', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
  })

  it('test_do_revoke_children_multiple_success', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [2000n, child2]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
    expect(parents(e, child, 1)).toEqual([])
    expect(parents(e, child2, 1)).toEqual([])
  })

  it('test_do_revoke_children_multiple_network_does_not_exist', () => {
    const e = newTestExt(1)
    noop(e, () => schedule(e, coldkey, hotkey, 999, [[U64_MAX / 2n, child], [U64_MAX / 2n, child2]]), E('SubnetNotExists'))
  })

  it('test_do_revoke_children_multiple_non_associated_coldkey', () => {
    const e = registered(u256(999))
    noop(e, () => schedule(e, coldkey, hotkey, 1, [[U64_MAX / 2n, child], [U64_MAX / 2n, child2]]), E('NonAssociatedColdKey'))
  })

  it('test_do_revoke_children_multiple_partial_revocation', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [1000n, child2], [1000n, child3]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [1000n, child2]])
    expect(children(e, hotkey, 1)).toEqual([[1000n, child], [1000n, child2]])
    expect(parents(e, child3, 1)).toEqual([])
    expect(parents(e, child, 1)).toEqual([[1000n, hotkey]])
    expect(parents(e, child2, 1)).toEqual([[1000n, hotkey]])
  })

  it('test_do_revoke_children_multiple_non_existent_children', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
    expect(parents(e, child, 1)).toEqual([])
  })

  it('test_do_revoke_children_multiple_complex_scenario', () => {
    const e = registered()
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [2000n, child2], [3000n, child3]])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [[1000n, child], [3000n, child3]])
    expect(children(e, hotkey, 1)).toEqual([[1000n, child], [3000n, child3]])
    expect(parents(e, child2, 1)).toEqual([])
    stepSetChildrenRateLimit(e)
    mockSetChildren(e, coldkey, hotkey, 1, [])
    expect(children(e, hotkey, 1)).toEqual([])
    expect(parents(e, child, 1)).toEqual([])
    expect(parents(e, child3, 1)).toEqual([])
  })
})

describe('tests/children.rs: inherited stake', () => {
  it('test_get_stake_for_hotkey_on_subnet', () => {
    const e = newTestExt(1)
    const [parent, ch, c1, c2] = [u256(1), u256(2), u256(3), u256(4)]
    addNetwork(e.s, 1, 1)
    registerOkNeuron(e, 1, parent, c1)
    registerOkNeuron(e, 1, ch, c2)
    mockSetChildren(e, c1, parent, 1, [[U64_MAX, ch]])
    for (const [h, c] of [[parent, c1], [parent, c2], [ch, c1], [ch, c2]] as const) L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, h, c, 1, 1000n)
    const p = L.getInheritedForHotkeyOnSubnet(e.s, parent, 1)
    const c = L.getInheritedForHotkeyOnSubnet(e.s, ch, 1)
    expect(p).toBe(0n)
    expect(c).toBe(4000n)
  })
})

describe('tests/children.rs: childkey take (mock: max 11_796, min 0, rate limit 1 block)', () => {
  function takeExt(): Ext {
    const e = registered()
    S.TxChildkeyTakeRateLimit.set(e.s, 1n)
    return e
  }

  it('test_childkey_take_functionality', () => {
    const e = takeExt()
    expect(S.MinChildkeyTake.get(e.s)).toBe(0)
    const max = S.MaxChildkeyTake.get(e.s)
    const take = Math.floor(max / 2)
    setTake(e, coldkey, hotkey, 1, take)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(take)
    noop(e, () => setTake(e, coldkey, hotkey, 1, max + 1), E('InvalidChildkeyTake'))
    noop(e, () => setTake(e, u256(999), hotkey, 1, take), E('NonAssociatedColdKey'))
  })

  it('test_childkey_take_respects_effective_subnet_minimum', () => {
    const e = takeExt()
    const subnetMin = Math.floor(S.MaxChildkeyTake.get(e.s) / 2)
    S.MinChildkeyTakePerSubnet.set(e.s, 1, subnetMin)
    expect(effectiveMinChildkeyTake(e.s, 1)).toBe(subnetMin)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(subnetMin)
    noop(e, () => setTake(e, coldkey, hotkey, 1, subnetMin - 1), E('InvalidChildkeyTake'))
    setTake(e, coldkey, hotkey, 1, subnetMin)
    S.ChildkeyTake.set(e.s, hotkey, 1, subnetMin - 1)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(subnetMin)
  })

  it('test_childkey_take_rate_limiting', () => {
    const e = takeExt()
    S.TxChildkeyTakeRateLimit.set(e.s, 100n)
    setTake(e, coldkey, hotkey, 1, 500)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 600), E('TxChildkeyTakeRateLimitExceeded'))
    setBlockNumber(e, 99n)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 650), E('TxChildkeyTakeRateLimitExceeded'))
    setBlockNumber(e, 101n)
    setTake(e, coldkey, hotkey, 1, 700)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(700)
  })

  it('test_multiple_networks_childkey_take', () => {
    const e = newTestExt(1)
    S.TxChildkeyTakeRateLimit.set(e.s, 1n)
    for (let netuid = 1; netuid < 10; netuid++) {
      addNetwork(e.s, netuid, 13)
      registerOkNeuron(e, netuid, hotkey, coldkey)
      const take = (netuid + 1) * 100
      setTake(e, coldkey, hotkey, netuid, take)
      expect(getChildkeyTake(e.s, hotkey, netuid)).toBe(take)
    }
    const takes = new Set(Array.from({ length: 9 }, (_, i) => getChildkeyTake(e.s, hotkey, i + 1)))
    expect(takes.size).toBe(9)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 1100), E('TxChildkeyTakeRateLimitExceeded'))
    setBlockNumber(e, S.TxChildkeyTakeRateLimit.get(e.s) + 1n)
    setTake(e, coldkey, hotkey, 1, 1100)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(1100)
  })
})

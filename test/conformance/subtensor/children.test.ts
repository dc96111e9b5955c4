// Ports of subtensor's tests/children.rs (HEAD 14bc6f9), part 1: scheduling and applying children
// (set_children → PendingChildKeys → ChildKeys/ParentKeys) and their refusals. The mock's
// set_children waits out the cooldown and applies the schedule.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import { addNetwork, newTestExt, u256 } from './head-mock.js'
import { child, child2, child3, children, coldkey, E, hotkey, mockSetChildren, noop, parents, registered, schedule, stepSetChildrenRateLimit, U64_MAX } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

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

// set_children / set_childkey_take (staking/set_children.rs at spec 425): scheduled with a
// cooldown on a started subnet, applied with both edge directions once due; applied at once on a
// subnet whose token is not enabled; the chain's checks by name, nothing changed on refusal.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { doSetPendingChildren } from '../../../src/pallets/subtensor/staking/set-children.js'
import { getInheritedForHotkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { eventNames, failsUntouched } from '../../../src/pallets/test-utils.js'
import { System } from '../../../src/pallets/system/index.js'
import { call, chainWithSubnet, type Chain, u256 } from './staking-harness.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const fails = (c: Chain, who: Uint8Array, name: string, args: Record<string, unknown>, error: string) => {
  const e = failsUntouched(c.s, () => { const r = call(c, who, name, args); if (!r.ok) throw r.error })
  expect((e as Error).message).toBe(error)
}
const ok = (r: { ok: boolean; error?: Error }) => { if (!r.ok) throw r.error }
const U64_MAX = (1n << 64n) - 1n

describe('set_children', () => {
  it('schedules on a started subnet, applies after the cooldown with ParentKeys on the child', () => {
    const c = chainWithSubnet()
    const child = u256(50)
    const children: [bigint, Uint8Array][] = [[U64_MAX / 2n, child]]
    ok(call(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: c.netuid, children }))
    expect(eventNames(c.s)).toContain('SubtensorModule.SetChildrenScheduled')
    const cooldown = S.PendingChildKeyCooldown.get(c.s)
    expect(S.PendingChildKeys.get(c.s, c.netuid, c.ownerHot)).toEqual([children, 1n + cooldown])
    expect(S.ChildKeys.get(c.s, c.ownerHot, c.netuid)).toEqual([])
    // not yet due: cooldown block itself does not apply (strictly after)
    System.Number.set(c.s, Number(1n + cooldown))
    doSetPendingChildren(c.s, c.env, c.netuid)
    expect(S.ChildKeys.get(c.s, c.ownerHot, c.netuid)).toEqual([])
    System.Number.set(c.s, Number(2n + cooldown))
    doSetPendingChildren(c.s, c.env, c.netuid)
    expect(S.ChildKeys.get(c.s, c.ownerHot, c.netuid)).toEqual(children)
    expect(S.ParentKeys.get(c.s, child, c.netuid)).toEqual([[U64_MAX / 2n, c.ownerHot]])
    expect(S.PendingChildKeys.contains(c.s, c.netuid, c.ownerHot)).toBe(false)
    expect(eventNames(c.s)).toContain('SubtensorModule.SetChildren')
    // half of the owner's alpha now counts for the child
    const own = S.TotalHotkeyAlpha.get(c.s, c.ownerHot, c.netuid)
    expect(getInheritedForHotkeyOnSubnet(c.s, child, c.netuid)).toBe((own * ((1n << 31n) - 1n)) >> 32n)
  })

  it('applies at once where the subnet token is not enabled; an empty list revokes both edges', () => {
    const c = chainWithSubnet()
    S.SubtokenEnabled.set(c.s, c.netuid, false)
    const [a, b] = [u256(60), u256(61)]
    ok(call(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: c.netuid, children: [[1000n, a], [2000n, b]] }))
    expect(S.ChildKeys.get(c.s, c.ownerHot, c.netuid)).toEqual([[1000n, a], [2000n, b]])
    expect(S.ParentKeys.get(c.s, b, c.netuid)).toEqual([[2000n, c.ownerHot]])
    System.Number.set(c.s, 500)
    ok(call(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: c.netuid, children: [] }))
    expect(S.ChildKeys.contains(c.s, c.ownerHot, c.netuid)).toBe(false)
    expect(S.ParentKeys.contains(c.s, a, c.netuid)).toBe(false)
  })

  it('refusals by name', () => {
    const c = chainWithSubnet()
    const n = c.netuid
    const x = u256(70)
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: 0, children: [] }, 'SubtensorModule.RegistrationNotPermittedOnRootSubnet')
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: 99, children: [] }, 'SubtensorModule.SubnetNotExists')
    fails(c, u256(71), 'set_children', { hotkey: c.ownerHot, netuid: n, children: [] }, 'SubtensorModule.NonAssociatedColdKey')
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: n, children: [[1n, x], [2n, x]] }, 'SubtensorModule.DuplicateChild')
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: n, children: [[1n, c.ownerHot]] }, 'SubtensorModule.InvalidChild')
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: n, children: [1, 2, 3, 4, 5, 6].map((i) => [1n, u256(80 + i)]) }, 'SubtensorModule.TooManyChildren')
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: n, children: [[U64_MAX, x], [1n, u256(72)]] }, 'SubtensorModule.ProportionOverflow')
    ok(call(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: n, children: [[1n, x]] }))
    fails(c, c.owner, 'set_children', { hotkey: c.ownerHot, netuid: n, children: [[2n, x]] }, 'SubtensorModule.TxRateLimitExceeded')
  })
})

describe('set_childkey_take', () => {
  it('sets within [min, max]; an increase inside TxChildkeyTakeRateLimit is refused', () => {
    const c = chainWithSubnet()
    const n = c.netuid
    fails(c, c.owner, 'set_childkey_take', { hotkey: c.ownerHot, netuid: n, take: S.MaxChildkeyTake.get(c.s) + 1 }, 'SubtensorModule.InvalidChildkeyTake')
    fails(c, u256(5), 'set_childkey_take', { hotkey: c.ownerHot, netuid: n, take: 10 }, 'SubtensorModule.NonAssociatedColdKey')
    ok(call(c, c.owner, 'set_childkey_take', { hotkey: c.ownerHot, netuid: n, take: 1000 }))
    expect(S.ChildkeyTake.get(c.s, c.ownerHot, n)).toBe(1000)
    fails(c, c.owner, 'set_childkey_take', { hotkey: c.ownerHot, netuid: n, take: 2000 }, 'SubtensorModule.TxChildkeyTakeRateLimitExceeded')
    ok(call(c, c.owner, 'set_childkey_take', { hotkey: c.ownerHot, netuid: n, take: 500 }))
    expect(S.ChildkeyTake.get(c.s, c.ownerHot, n)).toBe(500)
    expect(eventNames(c.s)).toContain('SubtensorModule.ChildKeyTakeSet')
  })
})

// burned_register / register at spec 425 (subnets/registration.rs do_register): the burn moves
// into the subnet's account, buys alpha at the balancer price and that alpha is recycled; the
// price is bumped; every per-uid item is written. Expected numbers come from the harness formula.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { freeBalance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { SwapStorage } from '../../../src/pallets/swap/pallet.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { encode } from '../../../src/codec/scale.js'
import { u64, vec } from '../../../src/codec/types.js'
import { eventNames, failsUntouched } from '../../../src/pallets/test-utils.js'
import { call, chainWithSubnet, expectedBuy, fund, TAO, u256 } from './staking-harness.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

describe('burned_register (spec 425)', () => {
  it('charges the coldkey, swaps the burn into the pool, recycles the alpha and registers the uid', () => {
    const c = chainWithSubnet()
    const { s, netuid } = c
    const [cold, hot] = [u256(10), u256(11)]
    fund(c, cold, 10n * TAO)
    S.Burn.set(s, netuid, TAO)
    const [tao0, alphaIn0, alphaOut0, n0] = [S.SubnetTAO.get(s, netuid), S.SubnetAlphaIn.get(s, netuid), S.SubnetAlphaOut.get(s, netuid), S.SubnetworkN.get(s, netuid)]
    const [bal0, acct0, stake0] = [freeBalance(s, cold), freeBalance(s, subnetAccountId(netuid)), S.TotalStake.get(s)]
    const exp = expectedBuy(tao0, alphaIn0, TAO, SwapStorage.FeeRate.get(s, netuid))
    const r = call(c, cold, 'burned_register', { netuid, hotkey: hot })
    expect(r.ok).toBe(true)
    expect(freeBalance(s, cold)).toBe(bal0 - TAO)
    expect(freeBalance(s, subnetAccountId(netuid))).toBe(acct0 + TAO)
    expect(S.SubnetTAO.get(s, netuid)).toBe(tao0 + exp.taoIn)
    expect(S.SubnetAlphaIn.get(s, netuid)).toBe(alphaIn0 - exp.out)
    expect(S.SubnetAlphaOut.get(s, netuid)).toBe(alphaOut0)
    expect(S.TotalStake.get(s)).toBe(stake0 + TAO)
    expect(S.RAORecycledForRegistration.get(s, netuid)).toBe(TAO)
    expect(S.SubnetTaoFlow.get(s, netuid)).toBe(TAO)
    // the bump: floor(burn × BurnIncreaseMult) in U64F64, clamped to [MinBurn, MaxBurn]
    const mult = S.BurnIncreaseMult.get(s, netuid).bits
    expect(S.Burn.get(s, netuid)).toBe((TAO * mult) >> 64n)
    // every per-uid item
    const uid = n0
    expect(S.SubnetworkN.get(s, netuid)).toBe(n0 + 1)
    expect(S.Uids.get(s, netuid, hot)).toBe(uid)
    expect(S.Keys.get(s, netuid, uid)).toEqual(hot)
    expect(S.BlockAtRegistration.get(s, netuid, uid)).toBe(1n)
    expect(S.IsNetworkMember.get(s, hot, netuid)).toBe(true)
    // append_neuron: set_last_update_for_uid works on get_last_update, which pads the vector to
    // SubnetworkN (already incremented), so the new uid's entry is the registration block
    expect(S.LastUpdate.get(s, netuid)[uid]).toBe(1n)
    expect(S.Owner.get(s, hot)).toEqual(cold)
    expect(S.OwnedHotkeys.get(s, cold)).toEqual([hot])
    expect(S.RegistrationsThisBlock.get(s, netuid)).toBe(1)
    expect(eventNames(s)).toContain('SubtensorModule.NeuronRegistered')
    expect(eventNames(s)).toContain('SubtensorModule.RAORecycledForRegistrationSet')
  })

  it('register (call 6) ignores the seal and charges the signer as coldkey', () => {
    const c = chainWithSubnet()
    const hot = u256(20)
    fund(c, hot, 5n * TAO)
    const r = call(c, hot, 'register', { netuid: c.netuid, block_number: 0n, nonce: 0n, work: new Uint8Array(32), hotkey: hot, coldkey: u256(99) })
    expect(r.ok).toBe(true)
    expect(S.Owner.get(c.s, hot)).toEqual(hot)
  })

  it('every refusal names the chain error and changes nothing', () => {
    const c = chainWithSubnet()
    const { s, netuid } = c
    const [cold, hot] = [u256(10), u256(11)]
    fund(c, cold, 10n * TAO)
    const fails = (who: Uint8Array, args: Record<string, unknown>, name: string, callName = 'burned_register') => {
      const e = failsUntouched(s, () => { const r = call(c, who, callName, args); if (!r.ok) throw r.error })
      expect((e as Error).message).toBe(`SubtensorModule.${name}`)
    }
    fails(cold, { netuid: 0, hotkey: hot }, 'RegistrationNotPermittedOnRootSubnet')
    fails(cold, { netuid: 9, hotkey: hot }, 'SubnetNotExists')
    fails(cold, { netuid, hotkey: c.ownerHot }, 'HotKeyAlreadyRegisteredInSubNet')
    fails(u256(77), { netuid, hotkey: hot }, 'NotEnoughBalanceToStake')
    fails(cold, { netuid, hotkey: c.ownerHot.slice().fill(2, 0, 1) && u256(2) }, 'HotKeyAlreadyRegisteredInSubNet')
    S.Owner.set(s, u256(12), u256(13))
    fails(cold, { netuid, hotkey: u256(12) }, 'NonAssociatedColdKey')
    fails(cold, { netuid, hotkey: subnetAccountId(3) }, 'CannotUseSystemAccount')
    fails(cold, { netuid, hotkey: hot, limit_price: S.Burn.get(s, netuid) - 1n }, 'RegistrationPriceLimitExceeded', 'register_limit')
    S.MaxAllowedUids.set(s, netuid, 0)
    fails(cold, { netuid, hotkey: hot }, 'NoNeuronIdAvailable')
    S.MaxAllowedUids.set(s, netuid, 256)
    S.NetworkRegistrationAllowed.set(s, netuid, false)
    fails(cold, { netuid, hotkey: hot }, 'SubNetRegistrationDisabled')
  })
})

describe('append_neuron: LastUpdate', () => {
  // set_last_update_for_uid on get_last_update's vector padded to SubnetworkN (already counting
  // the new uid): a vector holding the earlier uids gets the block pushed, a shorter one is padded
  // with zeros first. Same bytes as encoding the padded vector.
  const lastUpdateAfterAppend = (stored: bigint[] | null): { value: bigint[]; bytes: Uint8Array | null } => {
    const c = chainWithSubnet()
    const { s, netuid } = c
    const n = S.SubnetworkN.get(s, netuid)
    if (stored === null) S.LastUpdate.remove(s, netuid)
    else S.LastUpdate.set(s, netuid, stored)
    const uid = appendNeuron(s, netuid, u256(77), 9n)
    expect(uid).toBe(n)
    return { value: S.LastUpdate.get(s, netuid), bytes: s.get(S.LastUpdate.key(netuid)) }
  }
  it('pushes the block when the vector holds every earlier uid', () => {
    const r = lastUpdateAfterAppend([5n])
    expect(r.value).toEqual([5n, 9n])
    expect(r.bytes).toEqual(encode(vec(u64), [5n, 9n]))
  })
  it('pads a shorter or absent vector with zeros', () => {
    expect(lastUpdateAfterAppend([]).value).toEqual([0n, 9n])
    expect(lastUpdateAfterAppend(null).value).toEqual([0n, 9n])
  })
  it('extends every per-uid vector by the new entry, in the bytes mutate(push) writes', () => {
    const c = chainWithSubnet()
    const { s, netuid } = c
    S.Consensus.set(s, netuid, [7, 8].slice(0, S.SubnetworkN.get(s, netuid)))
    const items = [
      [S.Active, true], [S.Emission, 0n], [S.Consensus, 0], [S.Incentive, 0], [S.Dividends, 0], [S.ValidatorTrust, 0], [S.ValidatorPermit, false],
    ] as const
    const before = items.map(([item]) => (item.get(s, netuid) as unknown[]).slice())
    s.startTransaction()
    appendNeuron(s, netuid, u256(78), 3n)
    s.commitTransaction()
    items.forEach(([item, x], i) => {
      const expected = [...before[i]!, x]
      expect(item.get(s, netuid)).toEqual(expected)
      expect(s.get(item.key(netuid))).toEqual(encode(item.decl.value, expected))
    })
  })

  it('leaves a longer vector as the chain does (set only inside it)', () => {
    const r = lastUpdateAfterAppend([4n, 3n, 2n])
    expect(r.value).toEqual([4n, 9n, 2n])
  })
})

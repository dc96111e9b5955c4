// `get_owner_hotkeys` in the payout: the owner coldkey's registered hotkeys and SubnetOwnerHotkey
// (when registered) have their incentive withheld, each on its own account: the owner hotkey even
// when OwnedHotkeys does not list it, an owned hotkey even when it is not the owner hotkey, and a
// registered hotkey of neither kind is paid.
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { AccountMap, distributeDividendsAndIncentives } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { getStakeForHotkeyOnSubnet as hotkeyStake } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { addDynamicNetwork, newTestExt, u256 } from '../../conformance/subtensor/head-mock.js'
import { removeOwnerRegistrationStake } from '../../conformance/subtensor/staking-mock.js'

describe('owner hotkeys in the payout', () => {
  for (const listed of [false, true]) {
    it(`withhold the owner hotkey's incentive (${listed ? '' : 'not '}in OwnedHotkeys) and an owned hotkey's, and pay the others`, () => {
      const e = newTestExt(1)
      const [ownerCk, ownerHk, ownedHk, otherCk, otherHk] = [u256(0), u256(1), u256(2), u256(3), u256(4)]
      const n = addDynamicNetwork(e, ownerHk, ownerCk)
      removeOwnerRegistrationStake(e, n)
      S.Owner.set(e.s, ownedHk, ownerCk)
      S.Owner.set(e.s, otherHk, otherCk)
      S.OwnedHotkeys.set(e.s, ownerCk, listed ? [ownedHk, ownerHk] : [ownedHk])
      S.Uids.set(e.s, n, ownedHk, 1)
      S.Uids.set(e.s, n, otherHk, 2)
      const incentives = new AccountMap<bigint>()
      for (const hk of [ownerHk, ownedHk, otherHk]) incentives.set(hk, 10_000_000n)
      distributeDividendsAndIncentives(e.s, e.env, n, 0n, incentives, [], [])
      expect(hotkeyStake(e.s, ownerHk, n)).toBe(0n)
      expect(hotkeyStake(e.s, ownedHk, n)).toBe(0n)
      expect(hotkeyStake(e.s, otherHk, n) > 0n).toBe(true)
    })
  }
})

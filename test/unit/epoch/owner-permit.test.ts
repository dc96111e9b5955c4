// A one-UID subnet whose uid is the owner's gets its new validator permit without reading
// MaxAllowedValidators (the owner's permit is forced whatever the top-k gives). Held to the top-k
// with the stored value and the owner forced, on stored one- and two-UID subnets, the owner's uid
// or not, with stake or none, and every MaxAllowedValidators from 0 to 2.
import { describe, expect, it } from 'vitest'
import { EpochView } from '../../../src/pallets/subtensor/epoch/epoch-view.js'
import { isTopkNonzero } from '../../../src/pallets/subtensor/epoch/math.js'
import { readEpochInputs } from '../../../src/pallets/subtensor/epoch/run-epoch.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { u256 } from '../../conformance/subtensor/head-mock.js'
import { Ext } from '../../conformance/subtensor/weights-mock.js'

const NET = 3
const BLOCK = 120n

describe('new validator permits', () => {
  it('are the top-k with the owner forced, with or without MaxAllowedValidators read', () => {
    let cases = 0
    for (const n of [1, 2]) {
      for (const ownerAt of [0, 1, null]) {
        for (const staked of [false, true]) {
          for (const maxValidators of [0, 1, 2]) {
            const x = new Ext(Number(BLOCK))
            x.addNetwork(NET, 10)
            S.SubnetworkN.set(x.s, NET, n)
            for (let uid = 0; uid < n; uid++) {
              const hk = u256(1000 + uid)
              S.Keys.set(x.s, NET, uid, hk)
              S.Uids.set(x.s, NET, hk, uid)
              if (staked) S.TotalHotkeyAlpha.set(x.s, hk, NET, 1_000_000n * BigInt(uid + 1))
            }
            if (ownerAt !== null) S.SubnetOwnerHotkey.set(x.s, NET, u256(1000 + ownerAt))
            S.MaxAllowedValidators.set(x.s, NET, maxValidators)
            const { inputs, newPermits } = readEpochInputs(x.s, NET, 0, BLOCK, new EpochView(x.s, NET))
            const owner = ownerAt !== null && ownerAt < n ? ownerAt : null
            const want = isTopkNonzero(inputs.stake.map(BigInt), maxValidators)
            if (owner !== null) want[owner] = true
            expect(newPermits, `n ${n} owner ${ownerAt} staked ${staked} max ${maxValidators}`).toEqual(want)
            cases++
          }
        }
      }
    }
    expect(cases).toBe(36)
  })
})

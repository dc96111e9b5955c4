// epoch_with_mechanisms on a subnet with one mechanism skips the per-hotkey fold (its weight is 1):
// it must write the same state (terms, bonds, voting power, events) and return the same emissions
// as the general fold, and a hotkey keyed twice must still be merged as the fold merges it.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hexOf } from '../../../src/codec/bytes.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { epochWithMechanisms, foldMechanisms, splitBy, splitEmissions } from '../../../src/pallets/subtensor/subnets/mechanism.js'
import { u256 } from '../../conformance/subtensor/head-mock.js'
import { Ext } from '../../conformance/subtensor/weights-mock.js'

const NET = 1
const EMISSION = 1_000_000_000n

/** Four neurons of one mechanism: two staked validators, two miners weighted unevenly; `hotkeys` by uid. */
function subnet(hotkeys: Uint8Array[], split?: readonly number[]): Ext {
  const x = new Ext(5)
  const n = hotkeys.length
  S.NetworksAdded.set(x.s, NET, true)
  S.MechanismCountCurrent.set(x.s, NET, 1)
  if (split) S.MechanismEmissionSplit.set(x.s, NET, [...split])
  S.SubnetworkN.set(x.s, NET, n)
  S.Tempo.set(x.s, NET, 1)
  S.ActivityCutoff.set(x.s, NET, 0xffff)
  S.LastUpdate.set(x.s, NET, hotkeys.map(() => 4n))
  S.StakeThreshold.set(x.s, 0n)
  S.ValidatorPermit.set(x.s, NET, hotkeys.map((_, uid) => uid < 2))
  S.CommitRevealWeightsEnabled.set(x.s, NET, false)
  S.VotingPowerTrackingEnabled.set(x.s, NET, true)
  hotkeys.forEach((hk, uid) => {
    S.Keys.set(x.s, NET, uid, hk)
    S.BlockAtRegistration.set(x.s, NET, uid, 1n)
    if (uid < 2) increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, u256(100 + uid), NET, BigInt(uid + 1) * 1_000_000_000n)
  })
  S.Weights.set(x.s, NET, 0, [[2, 0xffff], [3, 0x4000]])
  S.Weights.set(x.s, NET, 1, [[2, 0x2000], [3, 0xffff]])
  return x
}

const diff = (x: Ext): Map<string, string | null> => new Map([...x.s.changes()].map(([k, v]) => [k, v === null ? null : hexOf(v)]))
const rows = (r: Array<[Uint8Array, bigint, bigint]>): string[] => r.map(([hk, se, ve]) => `${hexOf(hk)} ${se} ${ve}`)

describe('epoch_with_mechanisms, one mechanism', () => {
  for (const [name, split] of [['even split', undefined], ['MechanismEmissionSplit set', [0x1234]]] as const) {
    it(`writes and returns what the general fold does (${name})`, () => {
      const hotkeys = [u256(2), u256(4), u256(6), u256(8)]
      const fast = subnet(hotkeys, split)
      const fold = subnet(hotkeys, split)
      const a = epochWithMechanisms(fast.s, fast.env, NET, EMISSION, BigInt(fast.block))
      const b = foldMechanisms(fold.s, fold.env, NET, EMISSION, BigInt(fold.block), splitEmissions(fold.s, NET, EMISSION), [])
      expect(rows(a)).toEqual(rows(b))
      expect(a.some(([, se]) => se > 0n)).toBe(true)
      expect(diff(fast)).toEqual(diff(fold))
    })
  }

  it('merges a hotkey keyed twice as the fold does', () => {
    const hotkeys = [u256(2), u256(4), u256(6), u256(6)]
    const fast = subnet(hotkeys)
    const fold = subnet(hotkeys)
    const a = epochWithMechanisms(fast.s, fast.env, NET, EMISSION, BigInt(fast.block))
    const b = foldMechanisms(fold.s, fold.env, NET, EMISSION, BigInt(fold.block), splitEmissions(fold.s, NET, EMISSION), [])
    expect(a).toHaveLength(3)
    expect(rows(a)).toEqual(rows(b))
    expect(diff(fast)).toEqual(diff(fold))
  })
})

describe('splitEmissions of one mechanism', () => {
  it('is the whole emission whatever the stored split (the general split over one mechanism)', () => {
    const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constantFrom(0n, 1n, 65_534n, 65_535n, (1n << 64n) - 1n))
    const split = fc.option(fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 0xfffe, 0xffff)), { maxLength: 4 }))
    fc.assert(fc.property(u64, split, (alpha, sp) => {
      expect(splitBy(1, sp, alpha)).toEqual([alpha])
    }), { numRuns: 2000 })
  })
})

// trySetPendingChildren asks once whether the PendingChildKeys map holds anything before listing
// the schedules of each subnet whose epoch ran this block. Held to the per-subnet steps
// (`do_set_pending_children` for every subnet with LastEpochBlock = now) on random states: a few
// subnets, some with their epoch this block, started or not, schedules due or not on any of them
// (or none at all); the two leave the same storage and events.
import { describe, expect, it } from 'vitest'
import { rng } from '../../../bench/lib/rng.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { doSetPendingChildren, trySetPendingChildren } from '../../../src/pallets/subtensor/staking/set-children.js'
import { System } from '../../../src/pallets/system/index.js'
import { addNetwork, newTestExt, u256, type Ext } from '../../conformance/subtensor/head-mock.js'

const BLOCK = 500
const NETS = [1, 2, 3, 4, 5]

function randomState(seed: number): Ext {
  const r = rng(seed)
  const e = newTestExt(1)
  System.Number.set(e.s, BLOCK)
  const anyAtAll = r() < 0.7
  for (const net of NETS) {
    addNetwork(e.s, net, 10)
    S.SubtokenEnabled.set(e.s, net, r() < 0.7)
    S.LastEpochBlock.set(e.s, net, r() < 0.5 ? BigInt(BLOCK) : BigInt(BLOCK - 3))
    if (!anyAtAll) continue
    for (let h = 0; h < 3; h++) {
      if (r() < 0.6) continue
      const cooldown = BigInt(BLOCK) + BigInt(Math.floor(r() * 5)) - 2n
      S.PendingChildKeys.set(e.s, net, u256(100 + h), [[[(1n << 63n), u256(200 + h)]], cooldown])
    }
  }
  return e
}

const dump = (e: Ext): string[] => [...e.s.changes()].map(([k, v]) => `${Buffer.from(k, 'latin1').toString('hex')}=${v === null ? '-' : Buffer.from(v).toString('hex')}`).sort()

describe('trySetPendingChildren', () => {
  it('applies what the per-subnet steps apply', () => {
    let applied = 0
    for (let seed = 1; seed <= 150; seed++) {
      const fast = randomState(seed)
      const steps = randomState(seed)
      trySetPendingChildren(fast.s, fast.env, BigInt(BLOCK), NETS)
      for (const net of NETS) if (S.LastEpochBlock.get(steps.s, net) === BigInt(BLOCK)) doSetPendingChildren(steps.s, steps.env, net)
      expect(dump(fast), `seed ${seed}`).toEqual(dump(steps))
      if (NETS.some((net) => S.ChildKeys.get(fast.s, u256(100), net).length > 0)) applied++
    }
    // (the draws do apply schedules, on many of them)
    expect(applied).toBeGreaterThan(20)
  })
})

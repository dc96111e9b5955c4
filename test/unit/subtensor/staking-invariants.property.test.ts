// Property (#12): random stake operations through two dynamic subnets, block after block, never
// create or destroy value. At spec 425 a pool's TAO is the free balance of its subnet account, so
// "issuance = free + reserved + pools' TAO + pending TAO" reads here as: Balances' issuance equals
// the sum of every account's free + reserved (the pools included), both SubtensorModule's and
// Balances' issuance stay what they were (no emission runs: the subnets are not started, so the
// pending TAO is 0), every pool's TAO is held by its account, and every alpha is accounted for
// (the stakers' alpha never exceeds what the pool has let out; each hotkey's coldkey stakes add up
// to its TotalHotkeyAlpha within one RAO per staker).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { Balances } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getStakeForHotkeyAndColdkeyOnSubnet as stakeOf } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { System } from '../../../src/pallets/system/index.js'
import { startBlock } from '../../../src/pallets/test-utils.js'
import { accountsTotal, call, chainWithSubnet, fund, TAO, u256, type Chain } from './staking-harness.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const COLDKEYS = [u256(101), u256(102), u256(103)]
const HOTKEYS = [u256(201), u256(202), u256(203)]

/** Two subnets, three coldkeys with 10,000 TAO each, three registered hotkeys (owned by the first two coldkeys). */
function setup(): Chain & { netuids: number[] } {
  const c = chainWithSubnet()
  fund(c, c.owner, 2_000n * TAO)
  const r = call(c, c.owner, 'register_network', { hotkey: u256(3) })
  if (!r.ok) throw r.error
  const second = c.netuid + 1
  S.SubtokenEnabled.set(c.s, second, true)
  for (const k of COLDKEYS) fund(c, k, 10_000n * TAO)
  for (const [i, h] of HOTKEYS.entries()) {
    for (const n of [c.netuid, second]) {
      const reg = call(c, COLDKEYS[i % 2]!, 'burned_register', { netuid: n, hotkey: h })
      if (!reg.ok) throw reg.error
    }
  }
  return { ...c, netuids: [c.netuid, second] }
}

const op = fc.oneof(
  fc.record({ k: fc.constant('add'), c: fc.nat(2), h: fc.nat(2), n: fc.nat(1), amount: fc.bigInt(1n, 200n * TAO) }),
  fc.record({ k: fc.constant('remove'), c: fc.nat(2), h: fc.nat(2), n: fc.nat(1), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('move'), c: fc.nat(2), h: fc.nat(2), h2: fc.nat(2), n: fc.nat(1), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('transfer'), c: fc.nat(2), c2: fc.nat(2), h: fc.nat(2), n: fc.nat(1), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('swap'), c: fc.nat(2), h: fc.nat(2), n: fc.nat(1), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('recycle'), c: fc.nat(2), h: fc.nat(2), n: fc.nat(1), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('burn'), c: fc.nat(2), h: fc.nat(2), n: fc.nat(1), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('unstake_all'), c: fc.nat(2), h: fc.nat(2) }),
)
type Op = { k: string; c: number; h: number; n?: number; h2?: number; c2?: number; amount?: bigint; part?: number }

/** Operations that went through, by kind: the property must not pass on refusals alone. */
const succeeded = new Map<string, number>()

function apply(ch: Chain & { netuids: number[] }, o: Op): void {
  const cold = COLDKEYS[o.c]!
  const hot = HOTKEYS[o.h]!
  const n = ch.netuids[o.n ?? 0]!
  const share = (): bigint => (stakeOf(ch.s, hot, cold, n) * BigInt(o.part ?? 100)) / 100n
  const r = ((): { ok: boolean } => { switch (o.k) {
    case 'add': return call(ch, cold, 'add_stake', { hotkey: hot, netuid: n, amount_staked: o.amount })
    case 'remove': return call(ch, cold, 'remove_stake', { hotkey: hot, netuid: n, amount_unstaked: share() })
    case 'move': return call(ch, cold, 'move_stake', { origin_hotkey: hot, destination_hotkey: HOTKEYS[o.h2!], origin_netuid: n, destination_netuid: n, alpha_amount: share() })
    case 'transfer': return call(ch, cold, 'transfer_stake', { destination_coldkey: COLDKEYS[o.c2!], hotkey: hot, origin_netuid: n, destination_netuid: n, alpha_amount: share() })
    case 'swap': return call(ch, cold, 'swap_stake', { hotkey: hot, origin_netuid: n, destination_netuid: ch.netuids[1 - (o.n ?? 0)], alpha_amount: share() })
    case 'recycle': return call(ch, cold, 'recycle_alpha', { hotkey: hot, amount: share(), netuid: n })
    case 'burn': return call(ch, cold, 'burn_alpha', { hotkey: hot, amount: share(), netuid: n })
    case 'unstake_all': return call(ch, cold, 'unstake_all', { hotkey: hot })
    default: throw new Error(o.k)
  } })()
  if (r.ok) succeeded.set(o.k, (succeeded.get(o.k) ?? 0) + 1)
}

function checkInvariants(ch: Chain & { netuids: number[] }, issuance: { balances: bigint; subtensor: bigint }): void {
  expect(Balances.TotalIssuance.get(ch.s)).toBe(issuance.balances)
  expect(accountsTotal(ch)).toBe(issuance.balances)
  expect(S.TotalIssuance.get(ch.s)).toBe(issuance.subtensor)
  for (const n of ch.netuids) {
    const account = System.Account.get(ch.s, subnetAccountId(n)).data.free
    expect(account >= S.SubnetTAO.get(ch.s, n)).toBe(true)
    let staked = 0n
    for (const [hot, n2, total] of S.TotalHotkeyAlpha.iter(ch.s)) {
      if (n2 !== n) continue
      staked += total
      let perColdkey = 0n
      let stakers = 0n
      for (const cold of [...COLDKEYS, ch.owner]) {
        const v = stakeOf(ch.s, hot, cold, n)
        if (v > 0n) stakers++
        perColdkey += v
      }
      expect(perColdkey <= total && total - perColdkey <= stakers).toBe(true)
    }
    expect(staked <= S.SubnetAlphaOut.get(ch.s, n)).toBe(true)
  }
}

describe('stake operations conserve TAO and alpha (fast-check)', () => {
  it('10,000 random operations, one per block, keep every invariant', () => {
    fc.assert(fc.property(fc.array(op, { minLength: 500, maxLength: 500 }), (ops) => {
      const ch = setup()
      const issuance = { balances: Balances.TotalIssuance.get(ch.s), subtensor: S.TotalIssuance.get(ch.s) }
      checkInvariants(ch, issuance)
      let block = 2
      for (const o of ops) {
        System.Number.set(ch.s, block - 1)
        ch.env = startBlock(ch.s, block++)
        apply(ch, o as Op)
        checkInvariants(ch, issuance)
      }
    }), { numRuns: 20 })
    for (const k of ['add', 'remove', 'move', 'transfer', 'swap', 'recycle', 'burn', 'unstake_all']) expect(succeeded.get(k) ?? 0).toBeGreaterThan(50)
  }, 600_000)
})

// Ports of subtensor's tests/delegate_info.rs (HEAD 14bc6f9): return_per_1000_tao and get_delegated.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { getDelegated, returnPer1000Tao } from '../../../src/pallets/subtensor/info/delegate-info.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { addDynamicNetwork, newTestExt, u256, useMockSwapConfig } from './head-mock.js'
import { addBalance, registerOkNeuron, sub } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

const U = F.U64F64
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('tests/delegate_info.rs', () => {
  it('test_return_per_1000_tao', () => {
    // take = (U64F64::from_num(0.18 × 65535)).to_num::<u16>() = 11796
    const take = Math.floor(0.18 * 65535)
    const r = returnPer1000Tao(take, F.fromInt(U, 10_000_000_000_000n), F.fromInt(U, 1_000_000_000_000n))
    // (return / 1e9 − 82) within 0.0005e9
    const diff = Number(r) / 2 ** 64 / 1e9 - 82
    expect(Math.abs(diff)).toBeLessThanOrEqual(0.0005e9)
    expect(F.toF64(U, r) / 1e9).toBeCloseTo(82, 2)
  })

  it('test_get_delegated', () => {
    const e = newTestExt(1)
    const [sn0, sn1] = [u256(0), u256(1)]
    const [owner0, owner1, d0, d1] = [u256(100), u256(101), u256(200), u256(201)]
    const n0 = addDynamicNetwork(e, sn0, sn0)
    const n1 = addDynamicNetwork(e, sn1, sn1)
    registerOkNeuron(e, n0, d0, owner0)
    registerOkNeuron(e, n1, d0, owner0)
    registerOkNeuron(e, n0, d1, owner1)
    registerOkNeuron(e, n1, d1, owner1)
    const plans: [Uint8Array, [number, Uint8Array | null, bigint][]][] = [
      [u256(300), [[n0, d0, 1_000_000_000n], [n1, d0, 2_000_000_000n], [n0, d1, 1_000_000_000n], [n1, d1, 2_000_000_000n]]],
      [u256(301), [[n0, d0, 1_000_000_000n], [n0, d1, 2_000_000_000n]]],
      [u256(302), [[n0, d0, 1_000_000_000n], [n0, null, 0n], [n1, null, 0n], [n1, d1, 2_000_000_000n]]],
      [u256(303), [[n0, d0, 1_000_000_000n], [n0, null, 0n], [n1, null, 0n], [n1, null, 0n]]],
      [u256(304), [[n0, null, 0n], [n0, null, 0n], [n1, null, 0n], [n1, null, 0n]]],
    ]
    const expected = new Map<string, bigint>()
    for (const [delegatee, plan] of plans) {
      for (const [netuid, delegate, amount] of plan) {
        if (delegate === null) continue
        addBalance(e, delegatee, amount + 500_000n)
        sub(e, delegatee, 'add_stake', { hotkey: delegate, netuid, amount_staked: amount })
        expected.set(`${hex(delegatee)}/${hex(delegate)}/${netuid}`, L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, delegate, delegatee, netuid))
      }
    }
    // get_delegated walks Delegates; plain add_stake makes no delegate (only add_stake_limit and
    // move/transfer do), so here, as on chain, nothing is listed and the source's loop has no entry
    for (const [delegatee] of plans) expect(getDelegated(e.s, delegatee)).toEqual([])
    // with both hotkeys delegates every staked (delegate, netuid) is listed with its stake
    for (const d of [d0, d1]) S.Delegates.set(e.s, d, S.Delegates.get(e.s, d))
    const counts: number[] = []
    for (const [delegatee] of plans) {
      const listed = getDelegated(e.s, delegatee)
      counts.push(listed.length)
      for (const [info, [netuid, staked]] of listed) {
        const key = `${hex(delegatee)}/${hex(info.delegate_ss58 as Uint8Array)}/${netuid}`
        expect(expected.has(key)).toBe(true)
        expect(staked).toBe(expected.get(key))
      }
    }
    expect(counts).toEqual([4, 2, 2, 1, 0])
  })
})

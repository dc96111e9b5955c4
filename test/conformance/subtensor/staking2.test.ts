// Ports of subtensor's tests/staking2.rs (HEAD 14bc6f9) outside the share pool (those live in
// staking-ledger.test.ts): the pool bookkeeping of one swap, try_associate_hotkey, and the
// get_stake_fee runtime API, on the HEAD mock.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { callInfoOf } from '../../../src/pallets/call-info.js'
import { hotkeyAccountExists } from '../../../src/pallets/subtensor/staking/helpers.js'
import { stakeFee } from '../../../src/pallets/subtensor/info/stake-info.js'
import { swapTaoForAlpha } from '../../../src/pallets/subtensor/staking/stake-pool.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callValue } from '../../../src/pallets/test-utils.js'
import { newTestExt, setupReserves, u256, useMockSwapConfig } from './head-mock.js'
import { sub, swapTaoToAlpha } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })
useMockSwapConfig()

describe('tests/staking2.rs', () => {
  it('test_stake_base_case', () => {
    const e = newTestExt(1)
    const netuid = 1
    const tao = 1_000_000_000n
    S.SubnetMechanism.set(e.s, netuid, 1)
    const [initialTao, initialAlpha] = [10_000_000_000n, 5_000_000_000n]
    setupReserves(e.s, netuid, initialTao, initialAlpha)
    S.SubnetAlphaOut.set(e.s, netuid, initialAlpha)
    const initialTotalStake = S.TotalStake.get(e.s)
    const [alphaExpected, fee] = swapTaoToAlpha(e, netuid, tao)
    const received = swapTaoForAlpha(e.s, netuid, tao, swapInterface().maxPrice(), false).amountPaidOut
    expect(received).toBe(alphaExpected)
    expect(S.SubnetTAO.get(e.s, netuid)).toBe(initialTao + tao - fee)
    expect(S.SubnetAlphaIn.get(e.s, netuid)).toBe(initialAlpha - received)
    expect(S.SubnetAlphaOut.get(e.s, netuid)).toBe(initialAlpha + received)
    expect(S.TotalStake.get(e.s)).toBe(initialTotalStake + tao)
  })

  it('test_try_associate_hotkey', () => {
    const e = newTestExt(1)
    const [hot1, cold1, cold2] = [u256(1), u256(2), u256(3)]
    const owned = (c: Uint8Array) => S.OwnedHotkeys.get(e.s, c) ?? []
    const has = (c: Uint8Array) => owned(c).some((h) => h.every((b, i) => b === hot1[i]))
    expect(hotkeyAccountExists(e.s, hot1)).toBe(false)
    sub(e, cold1, 'try_associate_hotkey', { hotkey: hot1 })
    expect(hotkeyAccountExists(e.s, hot1)).toBe(true)
    expect(S.Owner.get(e.s, hot1)).toEqual(cold1)
    expect(owned(cold1).length).not.toBe(0)
    expect(has(cold1)).toBe(true)
    const info = callInfoOf(callValue('SubtensorModule', 'try_associate_hotkey', { hotkey: hot1 }))
    expect(info.weight.ref_time).toBeGreaterThanOrEqual(0n)
    expect(info.weight.proof_size).toBeGreaterThanOrEqual(0n)
    expect(info.paysFee).toBe('Yes')
    expect(has(cold2)).toBe(false)
    expect(owned(cold2).length).toBe(0)
    sub(e, cold2, 'try_associate_hotkey', { hotkey: hot1 })
    expect(hotkeyAccountExists(e.s, hot1)).toBe(true)
    expect(S.Owner.get(e.s, hot1)).toEqual(cold1)
    expect(owned(cold1).length).not.toBe(0)
    expect(has(cold1)).toBe(true)
    expect(has(cold2)).toBe(false)
    expect(owned(cold2).length).toBe(0)
  })

  it('test_stake_fee_api', () => {
    const e = newTestExt(1)
    const [hot1, hot2] = [u256(1), u256(3)]
    const [net0, net1, root] = [1, 2, 0]
    const tao = 100_000_000_000n
    const amount = 100_000_000_000n
    for (const n of [net0, net1]) {
      S.SubnetAlphaOut.set(e.s, n, 100_000_000_000n)
      S.SubnetAlphaIn.set(e.s, n, tao * 2n)
      S.SubnetTAO.set(e.s, n, tao)
      S.AlphaDividendsPerSubnet.set(e.s, n, hot1, 100_000_000_000n)
      S.TotalHotkeyAlpha.set(e.s, hot1, n, 100_000_000_000n)
    }
    const approx = (n: number) => swapInterface().approxFeeAmount(e.s, n, amount)
    type End = [Uint8Array, number] | null
    // the coldkeys of get_stake_fee take no part in the fee
    const cases: [End, End, number][] = [
      [null, [hot1, net0], net0],
      [[hot1, root], null, root],
      [[hot1, root], [hot1, net0], net0],
      [[hot1, root], [hot2, root], root],
      [[hot1, root], [hot1, root], root],
      [[hot1, net0], [hot1, root], root],
      [[hot1, net0], [hot2, net0], net0],
      [[hot1, net0], [hot1, net0], net0],
      [[hot1, net0], [hot1, net1], net1],
    ]
    for (const [origin, destination, feeNet] of cases) expect(stakeFee(e.s, origin, destination, amount)).toBe(approx(feeNet))
  })
})

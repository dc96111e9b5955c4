// Ports of subtensor's tests/children.rs (HEAD 14bc6f9), part 3: the childkey take (bounds, the
// per-subnet minimum, its rate limit).
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { effectiveMinChildkeyTake, getChildkeyTake } from '../../../src/pallets/subtensor/staking/set-children.js'
import { addNetwork, newTestExt, u256, type Ext } from './head-mock.js'
import { coldkey, E, hotkey, noop, registered, registerOkNeuron, setBlockNumber, setTake } from './staking-mock.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

describe('tests/children.rs: childkey take (mock: max 11_796, min 0, rate limit 1 block)', () => {
  function takeExt(): Ext {
    const e = registered()
    S.TxChildkeyTakeRateLimit.set(e.s, 1n)
    return e
  }

  it('test_childkey_take_functionality', () => {
    const e = takeExt()
    expect(S.MinChildkeyTake.get(e.s)).toBe(0)
    const max = S.MaxChildkeyTake.get(e.s)
    const take = Math.floor(max / 2)
    setTake(e, coldkey, hotkey, 1, take)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(take)
    noop(e, () => setTake(e, coldkey, hotkey, 1, max + 1), E('InvalidChildkeyTake'))
    noop(e, () => setTake(e, u256(999), hotkey, 1, take), E('NonAssociatedColdKey'))
  })

  it('test_childkey_take_respects_effective_subnet_minimum', () => {
    const e = takeExt()
    const subnetMin = Math.floor(S.MaxChildkeyTake.get(e.s) / 2)
    S.MinChildkeyTakePerSubnet.set(e.s, 1, subnetMin)
    expect(effectiveMinChildkeyTake(e.s, 1)).toBe(subnetMin)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(subnetMin)
    noop(e, () => setTake(e, coldkey, hotkey, 1, subnetMin - 1), E('InvalidChildkeyTake'))
    setTake(e, coldkey, hotkey, 1, subnetMin)
    S.ChildkeyTake.set(e.s, hotkey, 1, subnetMin - 1)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(subnetMin)
  })

  it('test_childkey_take_rate_limiting', () => {
    const e = takeExt()
    S.TxChildkeyTakeRateLimit.set(e.s, 100n)
    setTake(e, coldkey, hotkey, 1, 500)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 600), E('TxChildkeyTakeRateLimitExceeded'))
    setBlockNumber(e, 99n)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 650), E('TxChildkeyTakeRateLimitExceeded'))
    setBlockNumber(e, 101n)
    setTake(e, coldkey, hotkey, 1, 700)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(700)
  })

  it('test_multiple_networks_childkey_take', () => {
    const e = newTestExt(1)
    S.TxChildkeyTakeRateLimit.set(e.s, 1n)
    for (let netuid = 1; netuid < 10; netuid++) {
      addNetwork(e.s, netuid, 13)
      registerOkNeuron(e, netuid, hotkey, coldkey)
      const take = (netuid + 1) * 100
      setTake(e, coldkey, hotkey, netuid, take)
      expect(getChildkeyTake(e.s, hotkey, netuid)).toBe(take)
    }
    const takes = new Set(Array.from({ length: 9 }, (_, i) => getChildkeyTake(e.s, hotkey, i + 1)))
    expect(takes.size).toBe(9)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 1100), E('TxChildkeyTakeRateLimitExceeded'))
    setBlockNumber(e, S.TxChildkeyTakeRateLimit.get(e.s) + 1n)
    setTake(e, coldkey, hotkey, 1, 1100)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(1100)
  })
})

describe('tests/children.rs: do_set_childkey_take (mock rate limit 1 block)', () => {
  function takeExt(): Ext {
    const e = registered()
    S.TxChildkeyTakeRateLimit.set(e.s, 1n)
    return e
  }

  it('test_do_set_childkey_take_success', () => {
    const e = takeExt()
    setTake(e, coldkey, hotkey, 1, 5000)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(5000)
    expect(S.TransactionKeyLastBlock.get(e.s, hotkey, 1, 1)).toBe(BigInt(e.env.blockNumber))
  })

  it('test_do_set_childkey_take_non_associated_coldkey', () => {
    const e = takeExt()
    noop(e, () => setTake(e, coldkey, u256(3), 1, 5000), E('NonAssociatedColdKey'))
  })

  it('test_do_set_childkey_take_invalid_take_value', () => {
    const e = takeExt()
    noop(e, () => setTake(e, coldkey, hotkey, 1, S.MaxChildkeyTake.get(e.s) + 1), E('InvalidChildkeyTake'))
  })

  it('test_do_set_childkey_take_rate_limit_exceeded', () => {
    const e = takeExt()
    setTake(e, coldkey, hotkey, 1, 3000)
    noop(e, () => setTake(e, coldkey, hotkey, 1, 5000), E('TxChildkeyTakeRateLimitExceeded'))
    setTake(e, coldkey, hotkey, 1, 1000)
    expect(getChildkeyTake(e.s, hotkey, 1)).toBe(1000)
  })
})

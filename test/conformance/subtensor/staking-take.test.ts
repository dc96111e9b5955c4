// Port of the delegate-take cases of subtensor pallets/subtensor/src/tests/staking.rs (HEAD mock:
// MinDelegateTake 5,898, TxDelegateTakeRateLimit 1).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S, validateSubtensorCall } from '../../../src/pallets/subtensor/index.js'
import { callHandler, errorOf, eventNames, failsUntouched, moduleError, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const [hot, cold] = [u256(1), u256(3)]
function setup(take: number): Mock {
  const m = new Mock()
  S.MinDelegateTake.set(m.s, 5_898)
  S.TxDelegateTakeRateLimit.set(m.s, 1n)
  m.addNetwork(1, 1)
  m.registerOk(1, hot, cold, 124124)
  S.Delegates.set(m.s, hot, take)
  return m
}
const decrease = (m: Mock, take: number) => callHandler(m.env, 'SubtensorModule', 'decrease_take', signed(cold), { hotkey: hot, take })
const increase = (m: Mock, take: number) => callHandler(m.env, 'SubtensorModule', 'increase_take', signed(cold), { hotkey: hot, take })
const fails = (m: Mock, fn: () => unknown) => errorOf(failsUntouched(m.s, fn))
const TOO_LOW = moduleError(7, 49)
const TOO_HIGH = moduleError(7, 50)

describe('tests/staking.rs: delegate take', () => {
  it('test_delegate_take_can_be_decreased (not below the minimum)', () => {
    const m = setup(5_898)
    expect(fails(m, () => decrease(m, Math.floor(0xffff / 20)))).toEqual(TOO_LOW)
  })

  it('test_can_set_min_take_ok', () => {
    const m = setup(Math.floor(0xffff / 10))
    decrease(m, 5_898)
    expect(S.Delegates.get(m.s, hot)).toBe(5_898)
    expect(eventNames(m.s)).toContain('SubtensorModule.TakeDecreased')
  })

  it('test_delegate_take_can_not_be_increased_with_decrease_take / decreased_with_increase_take', () => {
    const m = setup(5_898)
    expect(fails(m, () => decrease(m, 5_899))).toEqual(TOO_LOW)
    const m2 = setup(Math.floor(0xffff / 10))
    expect(fails(m2, () => increase(m2, 5_898))).toEqual(TOO_LOW)
  })

  it('test_delegate_take_can_be_increased_to_limit / not beyond it', () => {
    const m = setup(5_898)
    m.stepBlock(2)
    increase(m, 11_796)
    expect(S.Delegates.get(m.s, hot)).toBe(11_796)
    m.stepBlock(2)
    expect(fails(m, () => increase(m, 11_797))).toEqual(TOO_HIGH)
    // the pool refuses it first: CustomTransactionError::DelegateTakeTooHigh = 27
    expect(validateSubtensorCall(m.s, cold, { type: 'SubtensorModule', value: { type: 'increase_take', value: { hotkey: hot, take: 11_797 } } })).toBe(27)
  })

  it('test_rate_limits_enforced_on_increase_take', () => {
    const m = setup(5_898)
    increase(m, 5_899)
    expect(fails(m, () => increase(m, 5_900))).toEqual(moduleError(7, 34)) // DelegateTxRateLimitExceeded
    expect(S.Delegates.get(m.s, hot)).toBe(5_899)
    m.stepBlock(2)
    increase(m, 5_900)
    expect(S.Delegates.get(m.s, hot)).toBe(5_900)
  })

  it('only the owning coldkey may change the take (NonAssociatedColdKey; pool code 25)', () => {
    const m = setup(5_898)
    expect(fails(m, () => callHandler(m.env, 'SubtensorModule', 'decrease_take', signed(u256(9)), { hotkey: hot, take: 5_898 }))).toEqual(moduleError(7, 7))
    expect(validateSubtensorCall(m.s, u256(9), { type: 'SubtensorModule', value: { type: 'decrease_take', value: { hotkey: hot, take: 6_000 } } })).toBe(25)
  })
})

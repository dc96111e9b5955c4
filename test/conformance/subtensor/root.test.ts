// root_register (coinbase/root.rs), after the root_register cases of subtensor's tests/root.rs.
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { callHandler, errorOf, eventNames, failsUntouched, moduleError, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const rootRegister = (m: Mock, cold: Uint8Array, hot: Uint8Array) => callHandler(m.env, 'SubtensorModule', 'root_register', signed(cold), { hotkey: hot })

describe('tests/root.rs: root_register', () => {
  it('test_root_register_network_exist / RootNetworkDoesNotExist', () => {
    const m = new Mock()
    expect(errorOf(failsUntouched(m.s, () => rootRegister(m, u256(1), u256(2))))).toEqual(moduleError(7, 0))
    S.NetworksAdded.set(m.s, 0, true)
    S.MaxAllowedUids.set(m.s, 0, 64)
    rootRegister(m, u256(1), u256(2))
    expect(S.Uids.get(m.s, 0, u256(2))).toBe(0)
    expect(S.Owner.get(m.s, u256(2))).toEqual(u256(1))
    expect(S.Delegates.get(m.s, u256(2))).toBe(11_796)
    expect(S.Delegates.contains(m.s, u256(2))).toBe(true)
    expect(eventNames(m.s)).toContain('SubtensorModule.NeuronRegistered')
    expect(errorOf(failsUntouched(m.s, () => rootRegister(m, u256(1), u256(2))))).toEqual(moduleError(7, 21)) // HotKeyAlreadyRegisteredInSubNet
  })

  it('a full root replaces the validator with the least root stake, only for more stake', () => {
    const m = new Mock()
    S.NetworksAdded.set(m.s, 0, true)
    S.MaxAllowedUids.set(m.s, 0, 2)
    S.MaxRegistrationsPerBlock.set(m.s, 0, 10)
    S.TargetRegistrationsPerInterval.set(m.s, 0, 10)
    rootRegister(m, u256(1), u256(11))
    rootRegister(m, u256(1), u256(12))
    S.TotalHotkeyAlpha.set(m.s, u256(11), 0, 100n)
    S.TotalHotkeyAlpha.set(m.s, u256(12), 0, 50n)
    // no stake: cannot displace anyone
    expect(errorOf(failsUntouched(m.s, () => rootRegister(m, u256(1), u256(13))))).toEqual(moduleError(7, 43)) // StakeTooLowForRoot
    S.TotalHotkeyAlpha.set(m.s, u256(13), 0, 51n)
    rootRegister(m, u256(1), u256(13))
    expect(S.Keys.get(m.s, 0, 1)).toEqual(u256(13))
    expect(S.Uids.get(m.s, 0, u256(12))).toBeNull()
    expect(S.RegistrationsThisBlock.get(m.s, 0)).toBe(3)
  })

  it('per-block and per-interval limits on root', () => {
    const m = new Mock()
    S.NetworksAdded.set(m.s, 0, true)
    S.MaxAllowedUids.set(m.s, 0, 64)
    S.MaxRegistrationsPerBlock.set(m.s, 0, 1)
    rootRegister(m, u256(1), u256(2))
    expect(errorOf(failsUntouched(m.s, () => rootRegister(m, u256(1), u256(3))))).toEqual(moduleError(7, 20)) // TooManyRegistrationsThisBlock
    S.RegistrationsThisBlock.set(m.s, 0, 0)
    S.TargetRegistrationsPerInterval.set(m.s, 0, 0)
    expect(errorOf(failsUntouched(m.s, () => rootRegister(m, u256(1), u256(3))))).toEqual(moduleError(7, 38)) // TooManyRegistrationsThisInterval
  })
})

describe('SubtensorModule sudo setters (69, 76, 77)', () => {
  it('are Root only and set the value with its event', async () => {
    const { ROOT } = await import('../../../src/pallets/test-utils.js')
    const m = new Mock()
    for (const [name, args, read, event] of [
      ['sudo_set_tx_childkey_take_rate_limit', { tx_rate_limit: 9n }, () => S.TxChildkeyTakeRateLimit.get(m.s), 'TxChildKeyTakeRateLimitSet'],
      ['sudo_set_min_childkey_take', { take: 7 }, () => S.MinChildkeyTake.get(m.s), 'MinChildKeyTakeSet'],
      ['sudo_set_max_childkey_take', { take: 8 }, () => S.MaxChildkeyTake.get(m.s), 'MaxChildKeyTakeSet'],
    ] as const) {
      expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', name, signed(u256(1)), args)))).toEqual({ type: 'BadOrigin' })
      callHandler(m.env, 'SubtensorModule', name, ROOT, args)
      expect(read()).toEqual(Object.values(args)[0])
      expect(eventNames(m.s)).toContain(`SubtensorModule.${event}`)
    }
  })
})

// A declared call without behaviour fails with a named error and changes nothing.
import { describe, expect, it } from 'vitest'
import { isImplemented as adminImplemented } from '../admin-utils/index.js'
import { acct, callHandler, errorOf, failsUntouched, moduleError, newStore, ROOT, signed, startBlock } from '../test-utils.js'
import { isImplemented, SubtensorErrors } from './index.js'

describe('SubtensorModule calls not built yet', () => {
  it('fail with SubtensorModule.CallDisabled (error 87) and leave state untouched', () => {
    const s = newStore()
    const env = startBlock(s)
    expect(isImplemented('lock_stake')).toBe(false)
    const e = failsUntouched(s, () => callHandler(env, 'SubtensorModule', 'lock_stake', signed(acct(1)), { hotkey: acct(2), netuid: 1, amount: 5n }))
    expect(errorOf(e)).toEqual(moduleError(7, 87))
    expect(SubtensorErrors.CallDisabled().message).toBe('SubtensorModule.CallDisabled')
  })

  it('AdminUtils setters without behaviour fail with DispatchError::Unavailable', () => {
    const s = newStore()
    const env = startBlock(s)
    expect(adminImplemented('sudo_set_tempo')).toBe(false)
    const e = failsUntouched(s, () => callHandler(env, 'AdminUtils', 'sudo_set_tempo', ROOT, { netuid: 1, tempo: 5 }))
    expect(errorOf(e)).toEqual({ type: 'Unavailable' })
  })
})

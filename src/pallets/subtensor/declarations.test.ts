// A declared call without behaviour fails with a named error and changes nothing.
import { describe, expect, it } from 'vitest'
import { isImplemented as adminImplemented } from '../admin-utils/index.js'
import { acct, callHandler, errorOf, failsUntouched, moduleError, newStore, ROOT, signed, startBlock } from '../test-utils.js'
import { isImplemented, SubtensorErrors } from './index.js'

describe('SubtensorModule calls not built yet', () => {
  it('fail with SubtensorModule.CallDisabled (error 87) and leave state untouched', () => {
    const s = newStore()
    const env = startBlock(s)
    expect(isImplemented('terminate_lease')).toBe(false)
    const e = failsUntouched(s, () => callHandler(env, 'SubtensorModule', 'terminate_lease', signed(acct(1)), { lease_id: 0, hotkey: acct(2) }))
    expect(errorOf(e)).toEqual(moduleError(7, 87))
    expect(SubtensorErrors.CallDisabled().message).toBe('SubtensorModule.CallDisabled')
  })

  it('AdminUtils setters without behaviour fail with DispatchError::Unavailable', () => {
    const s = newStore()
    const env = startBlock(s)
    // the EVMChainId pallet it writes to is not in this runtime
    expect(adminImplemented('sudo_set_evm_chain_id')).toBe(false)
    const e = failsUntouched(s, () => callHandler(env, 'AdminUtils', 'sudo_set_evm_chain_id', ROOT, { chain_id: 945n }))
    expect(errorOf(e)).toEqual({ type: 'Unavailable' })
  })
})

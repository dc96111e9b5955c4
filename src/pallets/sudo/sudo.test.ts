import { describe, expect, it } from 'vitest'
import {
  acct, callHandler, callValue, errorOf, events, failsUntouched, moduleError, newStore, NONE, ROOT, signed, startBlock,
} from '../test-utils.js'
import { balancesGenesis, freeBalance } from '../balances/index.js'
import { callInfoOf } from '../call-info.js'
import { addressOf, genesis as systemGenesis } from '../system/index.js'
import { Sudo, sudoPallet } from './index.js'

const ALICE = acct(1)
const BOB = acct(2)
const CHARLIE = acct(3)
const SUDO = 12

function setup() {
  const s = newStore()
  systemGenesis(s)
  balancesGenesis(s, { balances: [[ALICE, 10_000n], [BOB, 10_000n]] })
  sudoPallet().genesis!(s, { key: ALICE })
  return { s, env: startBlock(s) }
}

const setBalance = callValue('Balances', 'force_set_balance', { who: addressOf(CHARLIE), new_free: 5_000n })

describe('Sudo', () => {
  it('dispatches as Root, reports the inner result and pays no fee', () => {
    const { s, env } = setup()
    expect(callHandler(env, 'Sudo', 'sudo', signed(ALICE), { call: setBalance })).toEqual({ paysFee: 'No' })
    expect(freeBalance(s, CHARLIE)).toBe(5_000n)
    expect(events(s).at(-1)).toMatchObject({ name: 'Sudo.Sudid', value: { sudo_result: { type: 'Ok', value: null } } })
    // an inner failure is reported, the sudo call itself succeeds
    callHandler(env, 'Sudo', 'sudo', signed(ALICE), { call: callValue('System', 'remark_with_event', { remark: new Uint8Array(1) }) })
    expect(events(s).at(-1)).toMatchObject({ name: 'Sudo.Sudid', value: { sudo_result: { type: 'Err', value: { type: 'BadOrigin' } } } })
  })

  it('refuses another signer (RequireSudo) and the None origin, leaving state untouched', () => {
    const { s, env } = setup()
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Sudo', 'sudo', signed(BOB), { call: setBalance })))).toEqual(moduleError(SUDO, 0))
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Sudo', 'sudo', NONE, { call: setBalance })))).toEqual({ type: 'BadOrigin' })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Sudo', 'set_key', signed(BOB), { new: addressOf(BOB) })))).toEqual(moduleError(SUDO, 0))
    // Root passes ensure_sudo
    callHandler(env, 'Sudo', 'sudo', ROOT, { call: setBalance })
    expect(freeBalance(s, CHARLIE)).toBe(5_000n)
  })

  it('sudo_as dispatches as the given account', () => {
    const { s, env } = setup()
    const t = callValue('Balances', 'transfer_keep_alive', { dest: addressOf(CHARLIE), value: 1_000n })
    callHandler(env, 'Sudo', 'sudo_as', signed(ALICE), { who: addressOf(BOB), call: t })
    expect(freeBalance(s, BOB)).toBe(9_000n)
    expect(events(s).at(-1)).toMatchObject({ name: 'Sudo.SudoAsDone', value: { sudo_result: { type: 'Ok' } } })
  })

  it('set_key and remove_key', () => {
    const { s, env } = setup()
    callHandler(env, 'Sudo', 'set_key', signed(ALICE), { new: addressOf(BOB) })
    expect(Sudo.Key.get(s)).toEqual(BOB)
    expect(events(s).at(-1)).toEqual({ name: 'Sudo.KeyChanged', phase: { type: 'ApplyExtrinsic', value: 0 }, value: { old: ALICE, new: BOB } })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Sudo', 'sudo', signed(ALICE), { call: setBalance })))).toEqual(moduleError(SUDO, 0))
    callHandler(env, 'Sudo', 'remove_key', signed(BOB))
    expect(Sudo.Key.get(s)).toBeNull()
    expect(events(s).at(-1)!.name).toBe('Sudo.KeyRemoved')
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Sudo', 'sudo', signed(BOB), { call: setBalance })))).toEqual(moduleError(SUDO, 0))
  })

  it('weighs the inner call, takes its class; sudo_unchecked_weight takes the given weight', () => {
    setup()
    const inner = callInfoOf(setBalance)
    const info = callInfoOf(callValue('Sudo', 'sudo', { call: setBalance }))
    // sudo(): 7_939_000 + 1 read (25_000_000) = 32_939_000, proof 1517
    expect(info.weight).toEqual({ ref_time: 32_939_000n + inner.weight.ref_time, proof_size: 1517n + inner.weight.proof_size })
    const op = callValue('System', 'set_storage', { items: [] })
    expect(callInfoOf(callValue('Sudo', 'sudo', { call: op })).class).toBe('Operational')
    const w = { ref_time: 123n, proof_size: 4n }
    expect(callInfoOf(callValue('Sudo', 'sudo_unchecked_weight', { call: op, weight: w }))).toEqual({ weight: w, class: 'Operational', paysFee: 'Yes' })
  })
})

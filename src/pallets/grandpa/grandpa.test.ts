import { describe, expect, it } from 'vitest'
import { acct, callHandler, errorOf, eventNames, events, failsUntouched, moduleError, newStore, ROOT, signed, startBlock, type TestEnv } from '../test-utils.js'
import { genesis as systemGenesis, System } from '../system/index.js'
import { Grandpa, grandpaPallet, scheduleChange, schedulePause, scheduleResume } from './index.js'

const K1 = acct(0x11)
const K2 = acct(0x22)
const GRANDPA = 4
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

function setup() {
  const s = newStore()
  systemGenesis(s)
  grandpaPallet().genesis!(s, { authorities: [K1] })
  return s
}
const finalizeHook = (env: TestEnv) => grandpaPallet().hooks.onFinalize!({ s: env.s, env, blockNumber: env.blockNumber })

describe('Grandpa', () => {
  it('genesis: authorities with weight 1, set id 0, session of set 0', () => {
    const s = setup()
    expect(Grandpa.Authorities.get(s)).toEqual([[K1, 1n]])
    expect(Grandpa.CurrentSetId.exists(s)).toBe(true)
    expect(Grandpa.CurrentSetId.get(s)).toBe(0n)
    expect(Grandpa.SetIdSession.get(s, 0n)).toBe(0)
    expect(Grandpa.State.get(s)).toEqual({ type: 'Live' })
  })

  it('note_stalled is Root only', () => {
    const s = setup()
    const env = startBlock(s)
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Grandpa', 'note_stalled', signed(acct(1)), { delay: 10, best_finalized_block_number: 3 })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Grandpa', 'note_stalled', ROOT, { delay: 10, best_finalized_block_number: 3 })
    expect(Grandpa.Stalled.get(s)).toEqual([10, 3])
    // 3 µs + one RocksDb write
    expect((grandpaPallet().calls[0]!.weight as (a: unknown) => unknown)({})).toEqual({ ref_time: 103_000_000n, proof_size: 0n })
  })

  it('signals a scheduled change in the digest and enacts it after the delay', () => {
    const s = setup()
    const env1 = startBlock(s, 1)
    scheduleChange(s, [[K2, 1n]], 2)
    expect(errorOf(failsUntouched(s, () => scheduleChange(s, [[K1, 1n]], 1)))).toEqual(moduleError(GRANDPA, 2))
    finalizeHook(env1)
    // ConsensusLog::ScheduledChange (tag 1): Vec len 1 (0x04), key, weight u64 LE, delay u32 LE
    expect(System.Digest.get(s).logs).toEqual([{
      type: 'Consensus',
      value: [new TextEncoder().encode('FRNK'), Uint8Array.from(Buffer.from('01' + '04' + hex(K2) + '0100000000000000' + '02000000', 'hex'))],
    }])
    finalizeHook(startBlock(s, 2))
    expect(Grandpa.Authorities.get(s)).toEqual([[K1, 1n]])
    const env3 = startBlock(s, 3)
    finalizeHook(env3)
    expect(Grandpa.Authorities.get(s)).toEqual([[K2, 1n]])
    expect(Grandpa.PendingChange.get(s)).toBeNull()
    expect(events(s)).toMatchObject([{ name: 'Grandpa.NewAuthorities', value: { authority_set: [[K2, 1n]] } }])
  })

  it('forced changes are rate limited (TooSoon)', () => {
    const s = setup()
    const env = startBlock(s, 1)
    scheduleChange(s, [[K2, 1n]], 5, 0)
    expect(Grandpa.NextForced.get(s)).toBe(11) // 1 + 2 × 5
    Grandpa.PendingChange.kill(s)
    expect(errorOf(failsUntouched(s, () => scheduleChange(s, [[K2, 1n]], 5, 0)))).toEqual(moduleError(GRANDPA, 3))
    finalizeHook(env)
  })

  it('pauses and resumes', () => {
    const s = setup()
    const env1 = startBlock(s, 1)
    expect(errorOf(failsUntouched(s, () => scheduleResume(s, 1)))).toEqual(moduleError(GRANDPA, 1))
    schedulePause(s, 1)
    expect(errorOf(failsUntouched(s, () => schedulePause(s, 1)))).toEqual(moduleError(GRANDPA, 0))
    finalizeHook(env1)
    finalizeHook(startBlock(s, 2))
    expect(Grandpa.State.get(s)).toEqual({ type: 'Paused' })
    expect(eventNames(s)).toEqual(['Grandpa.Paused'])
    const env3 = startBlock(s, 3)
    scheduleResume(s, 0) // delay 0: signalled and enacted at the end of this block
    finalizeHook(env3)
    expect(Grandpa.State.get(s)).toEqual({ type: 'Live' })
    expect(eventNames(s)).toEqual(['Grandpa.Resumed'])
    // ConsensusLog::Resume (tag 5) with delay 0
    expect(Buffer.from(System.Digest.get(s).logs.map((l) => (l as { value: Uint8Array[] }).value[1]!)[0]!).toString('hex')).toBe('0500000000')
  })
})

import { blake2AsU8a } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import type { RuntimeCallValue } from '../../frame/declare/pallet.js'
import {
  acct, callHandler, callValue, errorOf, eventNames, events, failsUntouched, moduleError, newStore, NONE, ROOT, signed,
  startBlock,
} from '../test-utils.js'
import { balancesGenesis, freeBalance } from '../balances/index.js'
import { callInfoOf } from '../call-info.js'
import { addressOf, genesis as systemGenesis } from '../system/index.js'
import { BATCHED_CALLS_LIMIT, derivativeAccountId, utilityPallet } from './index.js'

const ALICE = acct(1)
const BOB = acct(2)
const CHARLIE = acct(3)
const token = (t: string) => ({ type: 'Token', value: { type: t } })
const CALL_FILTERED = moduleError(0, 5)

function setup() {
  const s = newStore()
  systemGenesis(s)
  balancesGenesis(s, { balances: [[ALICE, 10_000n], [BOB, 10_000n]] })
  return { s, env: startBlock(s) }
}

const pay = (to: Uint8Array, value: bigint) => callValue('Balances', 'transfer_allow_death', { dest: addressOf(to), value })
const batch = (name: string, calls: RuntimeCallValue[]) => callValue('Utility', name, { calls })

describe('Utility batches', () => {
  it('batch stops at the first failure but keeps what went before', () => {
    const { s, env } = setup()
    const calls = [pay(CHARLIE, 1_000n), pay(CHARLIE, 15_000n), pay(CHARLIE, 2_000n)]
    const post = callHandler(env, 'Utility', 'batch', signed(ALICE), { calls })
    expect(freeBalance(s, CHARLIE)).toBe(1_000n)
    expect(eventNames(s).slice(-2)).toEqual(['Utility.ItemCompleted', 'Utility.BatchInterrupted'])
    expect(events(s).at(-1)!.value).toEqual({ index: 1, error: token('FundsUnavailable') })
    // actual weight = batch(2) + the two dispatched calls' weights
    const w1 = callInfoOf(calls[0]!).weight.ref_time
    expect(post.actualWeight!.ref_time).toBe(19_446_696n + 2n * 5_450_264n + 50_000_000n + 2n * w1)
  })

  it('batch_all rolls everything back on a failure', () => {
    const { s, env } = setup()
    const calls = [pay(CHARLIE, 1_000n), pay(CHARLIE, 15_000n)]
    const e = failsUntouched(s, () => callHandler(env, 'Utility', 'batch_all', signed(ALICE), { calls }))
    expect(errorOf(e)).toEqual(token('FundsUnavailable'))
    callHandler(env, 'Utility', 'batch_all', signed(ALICE), { calls: [pay(CHARLIE, 1_000n), pay(CHARLIE, 2_000n)] })
    expect(freeBalance(s, CHARLIE)).toBe(3_000n)
    expect(eventNames(s)).toEqual([
      'System.NewAccount', 'Balances.Endowed', 'Balances.Transfer', 'Utility.ItemCompleted',
      'Balances.Transfer', 'Utility.ItemCompleted', 'Utility.BatchCompleted',
    ])
  })

  it('force_batch carries on past failures', () => {
    const { s, env } = setup()
    callHandler(env, 'Utility', 'force_batch', signed(ALICE), { calls: [pay(CHARLIE, 15_000n), pay(CHARLIE, 1_000n)] })
    expect(freeBalance(s, CHARLIE)).toBe(1_000n)
    const names = eventNames(s)
    expect(names[0]).toBe('Utility.ItemFailed')
    expect(names.slice(-2)).toEqual(['Utility.ItemCompleted', 'Utility.BatchCompletedWithErrors'])
  })

  it('refuses the None origin and oversized batches', () => {
    const { s, env } = setup()
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'batch', NONE, { calls: [] })))).toEqual({ type: 'BadOrigin' })
    const many = Array.from({ length: BATCHED_CALLS_LIMIT + 1 }, () => callValue('System', 'remark', { remark: new Uint8Array(0) }))
    expect(BATCHED_CALLS_LIMIT).toBe(10_922) // 33_554_432 / 3 = 11_184_810; / 1024 = 10_922
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'batch', signed(ALICE), { calls: many })))).toEqual(moduleError(11, 0))
  })
})

describe('call filters', () => {
  it('a batch directly inside a batch is filtered for signed origins, not for Root', () => {
    const { s, env } = setup()
    const nested = batch('batch', [batch('batch_all', [pay(CHARLIE, 1_000n)])])
    const out = env.dispatch(nested, signed(ALICE))
    expect(out.ok).toBe(false)
    expect(!out.ok && out.error.error).toEqual(CALL_FILTERED)
    expect(env.dispatch(nested, ROOT).ok).toBe(true)
    expect(freeBalance(s, CHARLIE)).toBe(0n) // Root's inner transfer is signed by nobody: BadOrigin
  })

  it('a nested batch reached through as_derivative fails as CallFiltered inside the outer batch', () => {
    const { s, env } = setup()
    const inner = callValue('Utility', 'as_derivative', { index: 0, call: batch('batch', [batch('batch', [])]) })
    callHandler(env, 'Utility', 'batch', signed(ALICE), { calls: [inner] })
    expect(events(s).at(-1)).toMatchObject({ name: 'Utility.BatchInterrupted', value: { index: 0, error: CALL_FILTERED } })
  })

  it('batch_all forbids batch_all deeper down (its own origin filter)', () => {
    const { s, env } = setup()
    const deep = callValue('Utility', 'as_derivative', { index: 0, call: batch('batch_all', [callValue('System', 'remark', { remark: new Uint8Array(0) })]) })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'batch_all', signed(ALICE), { calls: [deep] })))).toEqual(CALL_FILTERED)
    callHandler(env, 'Utility', 'batch', signed(ALICE), { calls: [deep] }) // plain batch adds no such filter
    expect(eventNames(s).at(-1)).toBe('Utility.BatchCompleted')
  })
})

describe('derivative and origin dispatch', () => {
  it('as_derivative signs with blake2_256("modlpy/utilisuba" ++ who ++ index u16 LE)', () => {
    const { s, env } = setup()
    const expected = blake2AsU8a(Uint8Array.from([...new TextEncoder().encode('modlpy/utilisuba'), ...ALICE, 7, 1]), 256)
    const derived = derivativeAccountId(ALICE, 0x0107)
    expect(derived).toEqual(expected)
    callHandler(env, 'Balances', 'transfer_allow_death', signed(ALICE), { dest: addressOf(derived), value: 2_000n })
    callHandler(env, 'Utility', 'as_derivative', signed(ALICE), { index: 0x0107, call: pay(CHARLIE, 600n) })
    expect(freeBalance(s, CHARLIE)).toBe(600n)
    expect(events(s).at(-1)).toMatchObject({ name: 'Balances.Transfer', value: { from: derived } })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'as_derivative', ROOT, { index: 0, call: pay(CHARLIE, 1n) })))).toEqual({ type: 'BadOrigin' })
  })

  it('dispatch_as (Root only) reports the result; dispatch_as_fallible forwards the error', () => {
    const { s, env } = setup()
    const asBob = { type: 'system', value: { type: 'Signed', value: BOB } }
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'dispatch_as', signed(ALICE), { as_origin: asBob, call: pay(CHARLIE, 1_000n) })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Utility', 'dispatch_as', ROOT, { as_origin: asBob, call: pay(CHARLIE, 1_000n) })
    expect(freeBalance(s, BOB)).toBe(9_000n)
    expect(events(s).at(-1)).toMatchObject({ name: 'Utility.DispatchedAs', value: { result: { type: 'Ok' } } })
    callHandler(env, 'Utility', 'dispatch_as', ROOT, { as_origin: asBob, call: pay(CHARLIE, 15_000n) })
    expect(events(s).at(-1)).toMatchObject({ name: 'Utility.DispatchedAs', value: { result: { type: 'Err', value: token('FundsUnavailable') } } })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'dispatch_as_fallible', ROOT, { as_origin: asBob, call: pay(CHARLIE, 15_000n) })))).toEqual(token('FundsUnavailable'))
  })

  it('with_weight and if_else', () => {
    const { s, env } = setup()
    const setBal = callValue('Balances', 'force_set_balance', { who: addressOf(CHARLIE), new_free: 700n })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'with_weight', signed(ALICE), { call: setBal, weight: { ref_time: 1n, proof_size: 0n } })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Utility', 'with_weight', ROOT, { call: setBal, weight: { ref_time: 1n, proof_size: 0n } })
    expect(freeBalance(s, CHARLIE)).toBe(700n)
    callHandler(env, 'Utility', 'if_else', signed(ALICE), { main: pay(CHARLIE, 15_000n), fallback: pay(CHARLIE, 300n) })
    expect(freeBalance(s, CHARLIE)).toBe(1_000n)
    expect(events(s).at(-1)).toMatchObject({ name: 'Utility.IfElseFallbackCalled', value: { main_error: token('FundsUnavailable') } })
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Utility', 'if_else', signed(ALICE), { main: pay(CHARLIE, 15_000n), fallback: pay(CHARLIE, 16_000n) })))).toEqual(token('FundsUnavailable'))
  })
})

describe('dispatch info', () => {
  it('sums inner weights; an empty batch pays no fee', () => {
    setup()
    // batch(0) = 19_446_696 + 2 reads (50_000_000)
    expect(callInfoOf(batch('batch', []))).toEqual({ weight: { ref_time: 69_446_696n, proof_size: 3983n }, class: 'Normal', paysFee: 'No' })
    const t = pay(CHARLIE, 1n)
    const tw = callInfoOf(t).weight
    const info = callInfoOf(batch('batch_all', [t, t]))
    // batch_all(2) = 13_428_230 + 2 × 5_663_250 + 50_000_000
    expect(info.weight.ref_time).toBe(13_428_230n + 2n * 5_663_250n + 50_000_000n + 2n * tw.ref_time)
    expect(info.paysFee).toBe('Yes')
    expect(utilityPallet().calls.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })
})

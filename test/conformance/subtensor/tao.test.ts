// Ports of subtensor's tests/tao.rs (HEAD 14bc6f9): coinbase/tao.rs's transfers, burns, recycles
// and mints, and the two issuance counters (Balances' and SubtensorModule's) they keep aligned.
// The source runs them on mock_high_ed (no genesis balances); it reads ExistentialDeposit
// symbolically, so ours (500) stands in for its 100.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT as ED, reducibleBalance, totalBalance, totalIssuance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { MAX_TAO_ISSUANCE, mintAndSpend, mintTao } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { BURN_ACCOUNT, burnTao, getColdkeyBalance, transferTao } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { recycleTao } from '../../../src/pallets/subtensor/swap/common.js'
import { transferAllTaoAndKill } from '../../../src/pallets/subtensor/swap/swap-coldkey.js'
import { failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { newTestExt, u256, type Ext } from './head-mock.js'

const bal = (e: Ext, who: Uint8Array) => totalBalance(e.s, who)
const subtensorTi = (e: Ext) => S.TotalIssuance.get(e.s)
const balancesTi = (e: Ext) => totalIssuance(e.s)
/** mock_high_ed `add_balance_to_coldkey_account`: mint_tao + spend_tao, nothing below the ED. */
const addBalance = (e: Ext, who: Uint8Array, tao: bigint) => { if (tao >= ED) mintAndSpend(e.s, e.env, who, tao) }
const noop = (e: Ext, fn: () => unknown, error: string) => expect((failsUntouched(e.s, fn) as Error).message).toBe(error)
const recycle = (e: Ext, who: Uint8Array, amount: bigint) => recycleTao({ origin: signed(who), s: e.s, env: e.env }, who, amount)
const preserving = (e: Ext, who: Uint8Array) => reducibleBalance(e.s, who, 'Preserve', 'Polite')
const aligned = (e: Ext) => expect(balancesTi(e)).toBe(subtensorTi(e))
const ext = () => newTestExt(1)

describe('tests/tao.rs: transfer_tao', () => {
  it('test_transfer_tao_normal_case', () => {
    const e = ext(); const origin = u256(1); const dest = u256(2)
    const amount = 2n * ED // the source's 200 with its ED of 100: enough to create `dest`
    addBalance(e, origin, ED * 10n + amount)
    const ob = bal(e, origin); const db = bal(e, dest)
    expect(ob >= amount).toBe(true)
    transferTao(e.s, e.env, origin, dest, amount)
    expect(bal(e, origin)).toBe(ob - amount)
    expect(bal(e, dest)).toBe(db + amount)
    aligned(e)
  })

  it('test_transfer_tao_zero_balance_zero_amount', () => {
    const e = ext(); const origin = u256(10_001); const dest = u256(10_002)
    transferTao(e.s, e.env, origin, dest, 0n)
    expect(bal(e, origin)).toBe(0n)
    expect(bal(e, dest)).toBe(0n)
    aligned(e)
  })

  it('test_transfer_tao_zero_balance_non_zero_amount_fails', () => {
    const e = ext(); const origin = u256(10_011); const dest = u256(10_012)
    noop(e, () => transferTao(e.s, e.env, origin, dest, 1n), 'SubtensorModule.InsufficientBalance')
    expect(bal(e, origin)).toBe(0n)
    expect(bal(e, dest)).toBe(0n)
  })

  it('test_transfer_tao_amount_greater_than_transferrable_fails', () => {
    const e = ext(); const origin = u256(1)
    noop(e, () => transferTao(e.s, e.env, origin, u256(2), getColdkeyBalance(e.s, origin) + 1n), 'SubtensorModule.InsufficientBalance')
  })

  it('test_transfer_tao_transfer_exactly_transferrable_succeeds', () => {
    const e = ext(); const origin = u256(1); const dest = u256(2)
    const amount = getColdkeyBalance(e.s, origin)
    const ob = bal(e, origin); const db = bal(e, dest)
    transferTao(e.s, e.env, origin, dest, amount)
    expect(bal(e, origin)).toBe(ob - amount)
    expect(bal(e, dest)).toBe(db + amount)
  })

  it('test_transfer_tao_can_reap_origin_when_amount_brings_it_below_ed', () => {
    const e = ext(); const origin = u256(1); const dest = u256(2)
    const amount = 100n
    const balanceDest = ED + 1234n
    addBalance(e, origin, amount + ED - 1n)
    addBalance(e, dest, balanceDest)
    transferTao(e.s, e.env, origin, dest, amount)
    expect(bal(e, origin)).toBe(0n)
    expect(bal(e, dest)).toBe(amount + balanceDest)
    aligned(e)
  })

  it('test_transfer_tao_to_self_is_ok_and_no_net_balance_change', () => {
    const e = ext(); const who = u256(1)
    const before = bal(e, who)
    const r = getColdkeyBalance(e.s, who)
    transferTao(e.s, e.env, who, who, r < 10n ? r : 10n)
    expect(bal(e, who)).toBe(before)
  })

  it('test_transfer_tao_reaps_origin', () => {
    const e = ext(); const origin = u256(1); const dest = u256(2)
    const amount = 2n + ED
    addBalance(e, origin, 3n + ED)
    const st = subtensorTi(e); const bt = balancesTi(e)
    transferTao(e.s, e.env, origin, dest, amount)
    expect(bal(e, origin)).toBe(0n)
    expect(bal(e, dest)).toBe(amount)
    expect(bt - balancesTi(e)).toBe(1n)
    expect(st - subtensorTi(e)).toBe(1n)
  })
})

describe('tests/tao.rs: transfer_all_tao_and_kill', () => {
  const killAll = (e: Ext, from: Uint8Array, to: Uint8Array) => transferAllTaoAndKill({ origin: signed(from), s: e.s, env: e.env }, from, to)
  const reducible = (e: Ext, who: Uint8Array) => reducibleBalance(e.s, who, 'Expendable', 'Polite')

  it('test_transfer_all_tao_and_kill_normal_case', () => {
    const e = ext(); const origin = u256(1); const dest = u256(2)
    addBalance(e, origin, 100n + ED)
    const transferable = reducible(e, origin)
    const ob = bal(e, origin); const db = bal(e, dest)
    expect(transferable).not.toBe(0n)
    killAll(e, origin, dest)
    expect(bal(e, dest)).toBe(db + transferable)
    expect(bal(e, origin)).toBe(ob > transferable ? ob - transferable : 0n)
    expect(reducible(e, origin)).toBe(0n)
  })

  it('test_transfer_all_tao_and_kill_non_existing_origin_is_noop', () => {
    const e = ext(); const origin = u256(20_001); const dest = u256(20_002)
    expect(bal(e, origin)).toBe(0n)
    expect(reducible(e, origin)).toBe(0n)
    const db = bal(e, dest)
    killAll(e, origin, dest)
    expect(bal(e, origin)).toBe(0n)
    expect(bal(e, dest)).toBe(db)
  })

  it('test_transfer_all_tao_and_kill_preexisting_destination', () => {
    const e = ext(); const origin = u256(1); const dest = u256(2)
    addBalance(e, origin, 200n + ED)
    addBalance(e, dest, 1000n + ED)
    const transferable = reducible(e, origin)
    const db = bal(e, dest)
    expect(db).toBeGreaterThan(0n)
    killAll(e, origin, dest)
    expect(bal(e, dest)).toBe(db + transferable)
    expect(reducible(e, origin)).toBe(0n)
  })

  it('test_transfer_all_tao_and_kill_to_self_is_noop', () => {
    const e = ext(); const who = u256(1)
    const total = bal(e, who); const red = reducible(e, who)
    killAll(e, who, who)
    expect(bal(e, who)).toBe(total)
    expect(reducible(e, who)).toBe(red)
  })
})

describe('tests/tao.rs: burn_tao', () => {
  it('test_burn_tao_increases_burn_address_balance', () => {
    const e = ext(); const coldkey = u256(1)
    const r = getColdkeyBalance(e.s, coldkey)
    const amount = r < 10n ? r : 10n
    const bb = bal(e, BURN_ACCOUNT); const cb = bal(e, coldkey)
    burnTao(e.s, e.env, coldkey, amount)
    expect(bal(e, BURN_ACCOUNT)).toBe(bb + amount)
    expect(bal(e, coldkey)).toBe(cb - amount)
    aligned(e)
  })

  it('test_burn_tao_zero_amount_is_ok', () => {
    const e = ext(); const coldkey = u256(1)
    const bb = bal(e, BURN_ACCOUNT); const cb = bal(e, coldkey)
    burnTao(e.s, e.env, coldkey, 0n)
    expect(bal(e, BURN_ACCOUNT)).toBe(bb)
    expect(bal(e, coldkey)).toBe(cb)
  })

  it('test_burn_tao_insufficient_balance_fails', () => {
    const e = ext()
    noop(e, () => burnTao(e.s, e.env, u256(30_001), 1n), 'SubtensorModule.InsufficientBalance')
  })
})

describe('tests/tao.rs: recycle_tao and issuance', () => {
  it('test_recycle_tao_reduces_both_balances_and_subtensor_total_issuance', () => {
    const e = ext(); const coldkey = u256(1)
    const m = getColdkeyBalance(e.s, coldkey)
    const amount = m < 10n ? m : 10n
    const cb = bal(e, coldkey); const bt = balancesTi(e); const st = subtensorTi(e)
    recycle(e, coldkey, amount)
    expect(bal(e, coldkey)).toBe(cb - amount)
    expect(balancesTi(e)).toBe(bt - amount)
    expect(subtensorTi(e)).toBe(st - amount)
    aligned(e)
  })

  it('test_recycle_tao_amount_greater_than_max_preserving_fails', () => {
    const e = ext(); const coldkey = u256(1)
    noop(e, () => recycle(e, coldkey, preserving(e, coldkey) + 1n), 'SubtensorModule.InsufficientBalance')
    aligned(e)
  })

  it('test_recycle_tao_zero_amount_keeps_issuance_equal', () => {
    const e = ext(); const coldkey = u256(1)
    const bt = balancesTi(e); const st = subtensorTi(e); const b = bal(e, coldkey)
    recycle(e, coldkey, 0n)
    expect(bal(e, coldkey)).toBe(b)
    expect(balancesTi(e)).toBe(bt)
    expect(subtensorTi(e)).toBe(st)
    aligned(e)
  })

  it('test_total_issuance_subtensor_matches_balances_across_tao_operations', () => {
    const e = ext(); const a = u256(1); const b = u256(2)
    const balance = 1_000_000n + ED - 1n
    addBalance(e, a, balance)
    addBalance(e, b, balance)
    aligned(e)
    transferTao(e.s, e.env, a, b, 1000n)
    aligned(e)
    burnTao(e.s, e.env, a, 1000n)
    aligned(e)
    const m = preserving(e, a)
    recycle(e, a, m < 1n ? m : 1n)
    aligned(e)
  })

  it('test_recycle_tao_cannot_cross_preserve_threshold_in_high_ed_runtime', () => {
    const e = ext(); const origin = u256(1)
    noop(e, () => recycle(e, origin, preserving(e, origin) + 1n), 'SubtensorModule.InsufficientBalance')
  })
})

describe('tests/tao.rs: mint_tao', () => {
  it('test_mint_tao_increases_total_issuance_in_balances_and_subtensor', () => {
    const e = ext()
    const bt = balancesTi(e); const st = subtensorTi(e)
    expect(mintTao(e.s, e.env, 123n)).toBe(123n)
    expect(balancesTi(e)).toBe(bt + 123n)
    expect(subtensorTi(e)).toBe(st + 123n)
  })

  it('test_mint_tao_zero_amount', () => {
    const e = ext()
    const bt = balancesTi(e); const st = subtensorTi(e)
    expect(mintTao(e.s, e.env, 0n)).toBe(0n)
    expect(balancesTi(e)).toBe(bt)
    expect(subtensorTi(e)).toBe(st)
  })

  it('test_mint_tao_respects_max_issuance_cap_in_balances', () => {
    const e = ext()
    const remaining = MAX_TAO_ISSUANCE - balancesTi(e)
    expect(mintTao(e.s, e.env, remaining + 1000n)).toBe(remaining)
    expect(balancesTi(e)).toBe(MAX_TAO_ISSUANCE)
  })
})

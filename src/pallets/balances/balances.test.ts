import { describe, expect, it } from 'vitest'
import {
  acct, callHandler, errorOf, eventNames, events, failsUntouched, moduleError, newStore, ROOT, signed, startBlock,
} from '../test-utils.js'
import { genesis as systemGenesis, System } from '../system/index.js'
import { addressOf } from '../system/lookup.js'
import {
  Balances, balancesGenesis, balancesPallet, freeBalance, reserve, reservedBalance, totalIssuance, transfer,
} from './index.js'

const ALICE = acct(1)
const BOB = acct(2)
const CHARLIE = acct(3)
const DAVE = acct(4)

function setup() {
  const s = newStore()
  systemGenesis(s)
  balancesGenesis(s, { balances: [[ALICE, 10_000n], [BOB, 1_000n]] })
  const env = startBlock(s)
  return { s, env }
}

const token = (t: string) => ({ type: 'Token', value: { type: t } })
const BALANCES = 5

describe('Balances genesis', () => {
  it('endows accounts with one provider and sets TotalIssuance', () => {
    const { s } = setup()
    expect(totalIssuance(s)).toBe(11_000n)
    const a = System.Account.get(s, ALICE)
    expect(a.providers).toBe(1)
    expect(a.data.free).toBe(10_000n)
    expect(a.data.flags).toBe(1n << 127n)
  })

  it('rejects balances below ED and duplicates', () => {
    const s = newStore()
    expect(() => balancesGenesis(s, { balances: [[ALICE, 499n]] })).toThrow(/existential deposit/)
    expect(() => balancesGenesis(s, { balances: [[ALICE, 500n], [ALICE, 600n]] })).toThrow(/duplicate/)
  })
})

describe('transfers', () => {
  it('creates the destination account (NewAccount, Endowed, Transfer)', () => {
    const { s, env } = setup()
    callHandler(env, 'Balances', 'transfer_allow_death', signed(ALICE), { dest: addressOf(CHARLIE), value: 600n })
    expect(freeBalance(s, ALICE)).toBe(9_400n)
    expect(freeBalance(s, CHARLIE)).toBe(600n)
    expect(System.Account.get(s, CHARLIE).providers).toBe(1)
    expect(events(s).map((e) => [e.name, e.value])).toEqual([
      ['System.NewAccount', { account: CHARLIE }],
      ['Balances.Endowed', { account: CHARLIE, free_balance: 600n }],
      ['Balances.Transfer', { from: ALICE, to: CHARLIE, amount: 600n }],
    ])
    expect(totalIssuance(s)).toBe(11_000n)
  })

  it('keep-alive may leave exactly ED but not one unit less', () => {
    const { s, env } = setup()
    const e = failsUntouched(s, () => callHandler(env, 'Balances', 'transfer_keep_alive', signed(BOB), { dest: addressOf(ALICE), value: 501n }))
    expect(errorOf(e)).toEqual(token('NotExpendable'))
    callHandler(env, 'Balances', 'transfer_keep_alive', signed(BOB), { dest: addressOf(ALICE), value: 500n })
    expect(freeBalance(s, BOB)).toBe(500n)
    expect(System.Account.contains(s, BOB)).toBe(true)
  })

  it('allow-death reaps the sender below ED and burns the dust', () => {
    const { s, env } = setup()
    callHandler(env, 'Balances', 'transfer_allow_death', signed(BOB), { dest: addressOf(DAVE), value: 501n })
    expect(System.Account.contains(s, BOB)).toBe(false)
    expect(freeBalance(s, DAVE)).toBe(501n)
    expect(events(s).map((e) => [e.name, e.value])).toEqual([
      ['System.KilledAccount', { account: BOB }],
      ['Balances.DustLost', { account: BOB, amount: 499n }],
      ['System.NewAccount', { account: DAVE }],
      ['Balances.Endowed', { account: DAVE, free_balance: 501n }],
      ['Balances.Transfer', { from: BOB, to: DAVE, amount: 501n }],
    ])
    // 11_000 − 499 dust
    expect(totalIssuance(s)).toBe(10_501n)
  })

  it('fails without changing state: below ED for a new account, insufficient funds, bad origin, lookup', () => {
    const { s, env } = setup()
    const t = (origin: Parameters<typeof signed>[0] | null, dest: unknown, value: bigint) =>
      errorOf(failsUntouched(s, () => callHandler(env, 'Balances', 'transfer_allow_death', origin ? signed(origin) : ROOT, { dest, value })))
    expect(t(ALICE, addressOf(DAVE), 499n)).toEqual(token('BelowMinimum'))
    expect(t(BOB, addressOf(ALICE), 1_001n)).toEqual(token('FundsUnavailable'))
    expect(t(null, addressOf(ALICE), 1n)).toEqual({ type: 'BadOrigin' })
    expect(t(ALICE, { type: 'Index', value: null }, 1n)).toEqual({ type: 'CannotLookup' })
    expect(t(ALICE, { type: 'Address32', value: DAVE }, 1n)).toEqual({ type: 'CannotLookup' })
  })

  it('respects frozen funds (Token::Frozen)', () => {
    const { s, env } = setup()
    System.Account.mutate(s, ALICE, (a) => { a.data.frozen = 9_800n; a.consumers = 1; return a })
    expect(errorOf(failsUntouched(s, () => transfer(s, env, ALICE, BOB, 300n, false)))).toEqual(token('Frozen'))
    transfer(s, env, ALICE, BOB, 200n, false)
    expect(freeBalance(s, ALICE)).toBe(9_800n)
  })

  it('transfer_all keeps ED when asked to, otherwise empties the account', () => {
    const { s, env } = setup()
    callHandler(env, 'Balances', 'transfer_all', signed(ALICE), { dest: addressOf(CHARLIE), keep_alive: true })
    expect(freeBalance(s, ALICE)).toBe(500n)
    expect(freeBalance(s, CHARLIE)).toBe(9_500n)
    callHandler(env, 'Balances', 'transfer_all', signed(BOB), { dest: addressOf(CHARLIE), keep_alive: false })
    expect(System.Account.contains(s, BOB)).toBe(false)
    expect(freeBalance(s, CHARLIE)).toBe(10_500n)
    expect(totalIssuance(s)).toBe(11_000n)
  })
})

describe('Root calls', () => {
  it('force_transfer and force_set_balance need Root', () => {
    const { s, env } = setup()
    const ft = { source: addressOf(ALICE), dest: addressOf(BOB), value: 100n }
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Balances', 'force_transfer', signed(ALICE), ft)))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Balances', 'force_transfer', ROOT, ft)
    expect(freeBalance(s, BOB)).toBe(1_100n)
    const fs = { who: addressOf(CHARLIE), new_free: 700n }
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Balances', 'force_set_balance', signed(ALICE), fs)))).toEqual({ type: 'BadOrigin' })
  })

  it('force_set_balance creates, raises and wipes out, keeping TotalIssuance in step', () => {
    const { s, env } = setup()
    callHandler(env, 'Balances', 'force_set_balance', ROOT, { who: addressOf(CHARLIE), new_free: 700n })
    expect(totalIssuance(s)).toBe(11_700n)
    callHandler(env, 'Balances', 'force_set_balance', ROOT, { who: addressOf(ALICE), new_free: 12_000n })
    expect(totalIssuance(s)).toBe(13_700n)
    // 499 < ED: wiped out to 0 and reaped.
    callHandler(env, 'Balances', 'force_set_balance', ROOT, { who: addressOf(BOB), new_free: 499n })
    expect(System.Account.contains(s, BOB)).toBe(false)
    expect(totalIssuance(s)).toBe(12_700n)
    expect(eventNames(s)).toEqual([
      'System.NewAccount', 'Balances.Endowed', 'Balances.BalanceSet',
      'Balances.BalanceSet',
      'System.KilledAccount', 'Balances.BalanceSet',
    ])
    expect(events(s)[5]!.value).toEqual({ who: BOB, free: 0n })
  })

  it('force_unreserve returns reserved funds (and drops the consumer reference)', () => {
    const { s, env } = setup()
    reserve(s, env, ALICE, 3_000n)
    expect(reservedBalance(s, ALICE)).toBe(3_000n)
    expect(System.Account.get(s, ALICE).consumers).toBe(1)
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Balances', 'force_unreserve', signed(ALICE), { who: addressOf(ALICE), amount: 3_000n })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Balances', 'force_unreserve', ROOT, { who: addressOf(ALICE), amount: 5_000n })
    expect(reservedBalance(s, ALICE)).toBe(0n)
    expect(freeBalance(s, ALICE)).toBe(10_000n)
    expect(System.Account.get(s, ALICE).consumers).toBe(0)
    expect(eventNames(s)).toEqual(['Balances.Reserved', 'Balances.Unreserved'])
    expect(events(s)[1]!.value).toEqual({ who: ALICE, amount: 3_000n })
    expect(errorOf(failsUntouched(s, () => reserve(s, env, BOB, 1_001n)))).toEqual(moduleError(BALANCES, 2))
  })

  it('force_adjust_total_issuance: event, DeltaZero, IssuanceDeactivated', () => {
    const { s, env } = setup()
    const adj = (dir: string, delta: bigint) => callHandler(env, 'Balances', 'force_adjust_total_issuance', ROOT, { direction: { type: dir }, delta })
    adj('Increase', 100n)
    expect(events(s)[0]!.value).toEqual({ old: 11_000n, new: 11_100n })
    expect(errorOf(failsUntouched(s, () => adj('Increase', 0n)))).toEqual(moduleError(BALANCES, 11))
    Balances.InactiveIssuance.set(s, 11_050n)
    expect(errorOf(failsUntouched(s, () => adj('Decrease', 100n)))).toEqual(moduleError(BALANCES, 10))
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Balances', 'force_adjust_total_issuance', signed(ALICE), { direction: { type: 'Increase' }, delta: 1n })))).toEqual({ type: 'BadOrigin' })
  })
})

describe('burn and upgrade_accounts', () => {
  it('burn lowers TotalIssuance; keep_alive refuses to go below ED', () => {
    const { s, env } = setup()
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Balances', 'burn', signed(BOB), { value: 501n, keep_alive: true })))).toEqual(token('FundsUnavailable'))
    callHandler(env, 'Balances', 'burn', signed(BOB), { value: 500n, keep_alive: true })
    expect(totalIssuance(s)).toBe(10_500n)
    callHandler(env, 'Balances', 'burn', signed(BOB), { value: 500n, keep_alive: false })
    expect(System.Account.contains(s, BOB)).toBe(false)
    expect(totalIssuance(s)).toBe(10_000n)
    expect(eventNames(s)).toEqual(['Balances.Burned', 'System.KilledAccount', 'Balances.Burned'])
  })

  it('upgrade_accounts upgrades legacy accounts and waives the fee when ≥ 90 % needed it', () => {
    const { s, env } = setup()
    System.Account.mutate(s, BOB, (a) => { a.data.flags = 0n; return a })
    const post = callHandler(env, 'Balances', 'upgrade_accounts', signed(ALICE), { who: [BOB] })
    expect(post).toEqual({ paysFee: 'No' })
    expect(System.Account.get(s, BOB).data.flags).toBe(1n << 127n)
    expect(eventNames(s)).toEqual(['Balances.Upgraded'])
    expect(callHandler(env, 'Balances', 'upgrade_accounts', signed(ALICE), { who: [BOB, ALICE] })).toEqual({ paysFee: 'Yes' })
  })
})

describe('Balances declaration', () => {
  it('uses the benchmark weights with RocksDbWeight', () => {
    const w = (n: string) => balancesPallet().calls.find((c) => c.name === n)!.weight as (a: unknown) => unknown
    // 39_051_000 + 25_000_000 (1 read) + 100_000_000 (1 write)
    expect(w('transfer_keep_alive')({})).toEqual({ ref_time: 164_051_000n, proof_size: 3593n })
    // 49_519_000 + 2·25_000_000 + 2·100_000_000
    expect(w('force_transfer')({})).toEqual({ ref_time: 299_519_000n, proof_size: 6196n })
    expect(balancesPallet().calls.map((c) => [c.index, c.name])).toEqual([
      [0, 'transfer_allow_death'], [2, 'force_transfer'], [3, 'transfer_keep_alive'], [4, 'transfer_all'],
      [5, 'force_unreserve'], [6, 'upgrade_accounts'], [8, 'force_set_balance'], [9, 'force_adjust_total_issuance'], [10, 'burn'],
    ])
    expect(balancesPallet().events.length).toBe(23)
    expect(Buffer.from(balancesPallet().constants[0]!.value).toString('hex')).toBe('f401000000000000') // 500
  })
})

// Balanced::deposit: a live, upgraded account gets its new free balance written in place (the
// coinbase's per-subnet deposits); every other account goes through try_mutate_account.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { acct, events, newStore, startBlock } from '../test-utils.js'
import { genesis as systemGenesis, System } from '../system/index.js'
import { accountKey, balancesGenesis, deposit, freeBalance, resolveCredit, resolveCreditInto, resolveCreditTwice } from './index.js'
import { increaseBalance } from './fungible.js'
import { BalancesEvents } from './pallet.js'

const ALICE = acct(1)
const BOB = acct(2)
const CHARLIE = acct(3)

function setup() {
  const s = newStore()
  systemGenesis(s)
  balancesGenesis(s, { balances: [[ALICE, 10_000n], [BOB, 1_000n]] })
  return { s, env: startBlock(s) }
}

describe('Balances deposit', () => {
  it('into a live account: only free moves, stored as AccountInfo encodes it, one Deposit event', () => {
    const { s, env } = setup()
    System.Account.mutate(s, ALICE, (a) => ({ ...a, nonce: 7, consumers: 1, data: { ...a.data, reserved: 300n, frozen: 20n } }))
    const before = System.Account.get(s, ALICE)
    expect(deposit(s, env, ALICE, 2_345n)).toBe(2_345n)
    const expected = { ...before, data: { ...before.data, free: 12_345n } }
    expect(System.Account.get(s, ALICE)).toEqual(expected)
    const other = newStore()
    System.Account.set(other, ALICE, expected)
    expect(s.get(System.Account.key(ALICE))).toEqual(other.get(System.Account.key(ALICE)))
    expect(events(s).map((e) => [e.name, e.value])).toEqual([['Balances.Deposit', { who: ALICE, amount: 2_345n }]])
  })

  it('into a new account: NewAccount and Endowed before Deposit', () => {
    const { s, env } = setup()
    expect(deposit(s, env, CHARLIE, 600n)).toBe(600n)
    expect(System.Account.get(s, CHARLIE).providers).toBe(1)
    expect(events(s).map((e) => e.name)).toEqual(['System.NewAccount', 'Balances.Endowed', 'Balances.Deposit'])
  })

  it('into a legacy account: upgraded first', () => {
    const { s, env } = setup()
    System.Account.mutate(s, BOB, (a) => ({ ...a, data: { ...a.data, flags: 0n } }))
    deposit(s, env, BOB, 5n)
    expect(freeBalance(s, BOB)).toBe(1_005n)
    expect(System.Account.get(s, BOB).data.flags).toBe(1n << 127n)
    expect(events(s).map((e) => e.name)).toEqual(['Balances.Upgraded', 'Balances.Deposit'])
  })

  it('of nothing, or beyond u64: as try_mutate_account has it', () => {
    const { s, env } = setup()
    expect(deposit(s, env, ALICE, 0n)).toBe(0n)
    expect(freeBalance(s, ALICE)).toBe(10_000n)
    expect(() => deposit(s, env, ALICE, (1n << 64n) - 1n)).toThrow()
    expect(freeBalance(s, ALICE)).toBe(10_000n)
    expect(events(s).map((e) => [e.name, e.value])).toEqual([['Balances.Deposit', { who: ALICE, amount: 0n }]])
  })

  it('of nothing, best effort (a fee refund of 0): no account touched, not even a legacy one; the event only', () => {
    const { s, env } = setup()
    System.Account.mutate(s, BOB, (a) => ({ ...a, data: { ...a.data, flags: 0n } }))
    const before = [ALICE, BOB, CHARLIE].map((w) => s.get(System.Account.key(w)))
    for (const who of [ALICE, BOB, CHARLIE]) expect(deposit(s, env, who, 0n, 'BestEffort')).toBe(0n)
    expect([ALICE, BOB, CHARLIE].map((w) => s.get(System.Account.key(w)))).toEqual(before)
    expect(before[2]).toBeNull()
    expect(events(s).map((e) => [e.name, e.value])).toEqual([ALICE, BOB, CHARLIE].map((who) => ['Balances.Deposit', { who, amount: 0n }]))
  })

  it('two credits into one live account at once: the state and events of two resolves in a row', () => {
    const one = setup()
    const two = setup()
    expect(resolveCredit(one.s, one.env, ALICE, 40n) && resolveCredit(one.s, one.env, ALICE, 2n)).toBe(true)
    expect(resolveCreditTwice(two.s, two.env, accountKey(ALICE), 40n, 2n)).toBe(true)
    expect(two.s.get(System.Account.key(ALICE))).toEqual(one.s.get(System.Account.key(ALICE)))
    expect(freeBalance(two.s, ALICE)).toBe(10_042n)
    expect(events(two.s)).toEqual(events(one.s))
  })

  it('two credits at once refuse, touching nothing, where one at a time might take another path', () => {
    const { s, env } = setup()
    System.Account.mutate(s, BOB, (a) => ({ ...a, data: { ...a.data, flags: 0n } }))
    const before = [ALICE, BOB, CHARLIE].map((w) => s.get(System.Account.key(w)))
    expect(resolveCreditTwice(s, env, accountKey(CHARLIE), 600n, 5n)).toBe(false)
    expect(resolveCreditTwice(s, env, accountKey(BOB), 5n, 5n)).toBe(false)
    expect(resolveCreditTwice(s, env, accountKey(ALICE), 5n, 0n)).toBe(false)
    expect(resolveCreditTwice(s, env, accountKey(ALICE), (1n << 64n) - 10_000n, 1n)).toBe(false)
    expect([ALICE, BOB, CHARLIE].map((w) => s.get(System.Account.key(w)))).toEqual(before)
    expect(events(s)).toEqual([])
  })

  it('a credit into an account by its made key: what resolveCredit does, on every path (live, new, below ED, legacy)', () => {
    const one = setup()
    const two = setup()
    for (const st of [one, two]) System.Account.mutate(st.s, BOB, (a) => ({ ...a, data: { ...a.data, flags: 0n } }))
    for (const [who, amount] of [[ALICE, 40n], [BOB, 7n], [CHARLIE, 600n], [acct(4), 5n]] as const) {
      expect(resolveCreditInto(two.s, two.env, accountKey(who), amount)).toBe(resolveCredit(one.s, one.env, who, amount))
      expect(two.s.get(System.Account.key(who))).toEqual(one.s.get(System.Account.key(who)))
    }
    expect(events(two.s)).toEqual(events(one.s))
    expect(events(two.s).length).toBeGreaterThan(4)
  })


  it('into a live account by its made key: what the general path (increase_balance) stores and deposits, for any free balance and amount', () => {
    // free balances around the Number and word edges the in-place path reads the bytes at
    const edges = [500n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 2n]
    const balance = fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: 500n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n }))
    const amount = fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 20n }), fc.bigInt({ min: 1n, max: 2n ** 64n }))
    fc.assert(fc.property(balance, amount, fc.nat(3), (free, value, shape) => {
      const fast = setup()
      const general = setup()
      for (const st of [fast, general]) {
        System.Account.mutate(st.s, ALICE, (a) => ({
          ...a, consumers: shape & 1, data: { ...a.data, free, reserved: shape & 2 ? 300n : 0n, frozen: shape === 3 ? 20n : 0n },
        }))
      }
      const took = resolveCreditInto(fast.s, fast.env, accountKey(ALICE), value)
      let ok: boolean
      try {
        general.s.transactional(() => {
          const added = increaseBalance(general.s, general.env, ALICE, value, 'Exact')
          general.env.depositEvent(BalancesEvents.Deposit.encode({ who: ALICE, amount: added }))
        })
        ok = true
      } catch { ok = false }
      expect(took).toBe(ok)
      expect(fast.s.get(System.Account.key(ALICE))).toEqual(general.s.get(System.Account.key(ALICE)))
      expect(events(fast.s)).toEqual(events(general.s))
    }), { numRuns: 400 })
  })
})

// Balanced::withdraw: a keep-alive withdrawal from a live, upgraded account is written in place
// (the fee and the registration burn); it must leave exactly what try_mutate_account leaves. Each
// case runs `withdraw` on one state and the general path on an identical one, and compares the
// result or refusal, every changed storage value and the events.
import { describe, expect, it } from 'vitest'
import type { Overlay } from '../../storage/overlay.js'
import { acct, events, newStore, startBlock } from '../test-utils.js'
import { depositEvent } from '../system/block.js'
import { genesis as systemGenesis, System } from '../system/index.js'
import type { AccountInfoValue } from '../system/types.js'
import { balancesGenesis, EXISTENTIAL_DEPOSIT as ED, withdraw, withdrawThroughAccount } from './index.js'
import type { Fortitude, Precision, Preservation } from './types.js'

const WHO = acct(7)
const OTHER = acct(8)
const U64_MAX = (1n << 64n) - 1n
const NEW_LOGIC = 1n << 127n

/** xorshift32: the same cases on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    return x
  }
}

interface Case { info: AccountInfoValue; value: bigint; precision: Precision; preservation: Preservation; force: Fortitude }

function randomCase(next: () => number): Case {
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length]!
  const amount = (): bigint => pick([0n, 1n, ED - 1n, ED, ED + 1n, 2n * ED, 10_000n, BigInt(next()), U64_MAX - 3n])
  const free = amount()
  const info: AccountInfoValue = {
    nonce: next() % 3,
    consumers: pick([0, 0, 1, 2]),
    providers: pick([0, 1, 1, 1, 2]),
    sufficients: pick([0, 0, 0, 1]),
    data: { free, reserved: pick([0n, 0n, 0n, 100n, ED * 3n]), frozen: pick([0n, 0n, 0n, 50n, ED * 2n, free]), flags: pick([NEW_LOGIC, NEW_LOGIC, NEW_LOGIC, 0n]) },
  }
  const value = pick([0n, 1n, free, free - ED, free - ED + 1n, free / 2n, BigInt(next() % 20_000)])
  return {
    info, value: value < 0n ? 0n : value, precision: pick(['Exact', 'BestEffort'] as const),
    preservation: pick(['Preserve', 'Preserve', 'Protect', 'Expendable'] as const), force: pick(['Polite', 'Force'] as const),
  }
}

function stateWith(info: AccountInfoValue): Overlay {
  const s = newStore()
  systemGenesis(s)
  balancesGenesis(s, { balances: [[OTHER, 1_000_000n]] })
  startBlock(s)
  System.Account.set(s, WHO, info)
  return s
}

function run(s: Overlay, f: typeof withdraw, c: Case): { out: string; changes: [string, string | null][]; events: unknown[] } {
  const env = sinkOf(s)
  let out: string
  s.startTransaction()
  try {
    out = `ok ${f(s, env, WHO, c.value, c.precision, c.preservation, c.force)}`
    s.commitTransaction()
  } catch (e) {
    s.rollbackTransaction()
    out = `error ${JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))} ${(e as Error).message}`
  }
  const changes = [...s.changes()].map(([k, v]): [string, string | null] => [k, v === null ? null : Buffer.from(v).toString('hex')]).sort()
  return { out, changes, events: events(s) }
}

/** The started block's event sink (System.Events, as the executive's env). */
const sinkOf = (s: Overlay): { depositEvent: (ev: Uint8Array) => void } => ({ depositEvent: (ev) => depositEvent(s, ev) })

describe('Balances withdraw from a live account', () => {
  it('leaves the same state, events and result as try_mutate_account, on 3,000 random accounts and withdrawals', () => {
    const next = rng(0x5eed)
    let fast = 0
    for (let i = 0; i < 3_000; i++) {
      const c = randomCase(next)
      const a = run(stateWith(c.info), withdraw, c)
      const b = run(stateWith(c.info), withdrawThroughAccount, c)
      expect(a, `case ${i}: ${JSON.stringify(c, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`).toEqual(b)
      if (a.out.startsWith('ok') && c.preservation === 'Preserve' && a.events.length === 1) fast++
    }
    // The cases reach the in-place path often, and its refusals and every other path as well.
    expect(fast).toBeGreaterThan(300)
  })

  it('a fee from a funded account: only free moves, one Withdraw event', () => {
    const s = stateWith({ nonce: 0, consumers: 0, providers: 1, sufficients: 0, data: { free: 10_000n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC } })
    const env = sinkOf(s)
    expect(withdraw(s, env, WHO, 9_500n, 'Exact', 'Preserve', 'Polite')).toBe(9_500n)
    expect(System.Account.get(s, WHO).data.free).toBe(500n)
    expect(() => withdraw(s, env, WHO, 1n, 'Exact', 'Preserve', 'Polite')).toThrow()
    expect(events(s).map((e) => [e.name, e.value])).toEqual([['Balances.Withdraw', { who: WHO, amount: 9_500n }]])
  })
})

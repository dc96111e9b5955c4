import { describe, expect, it } from 'vitest'
import { cryptoReady } from '../codec/hashing.js'
import { invalid, type ValidTransaction } from '../runtime/validity.js'
import { PoolError, TxPool, type TxStatus } from './txpool.js'

await cryptoReady()

// A fake runtime: tx bytes = [sender, nonce, priority]; chain nonces in `onChain`.
const onChain = new Map<number, number>()
// Tags as CheckNonce makes them: SCALE (AccountId32, u32 nonce).
const tag = (who: number, n: number): Uint8Array => new Uint8Array([...new Uint8Array(32).fill(who), n, 0, 0, 0])
function validate(raw: Uint8Array): ValidTransaction {
  const [who, nonce, prio] = [raw[0]!, raw[1]!, raw[2]!]
  const cur = onChain.get(who) ?? 0
  if (nonce < cur) throw invalid('Stale')
  return {
    priority: BigInt(prio), provides: [tag(who, nonce)], requires: nonce > cur ? [tag(who, nonce - 1)] : [],
    longevity: 64n, propagate: true,
  }
}
const tx = (who: number, nonce: number, prio = 1): Uint8Array => new Uint8Array([who, nonce, prio])

describe('TxPool', () => {
  it('keeps out-of-order nonces in future until the gap is filled, then orders by dependency', () => {
    onChain.clear()
    const pool = new TxPool()
    const seen: TxStatus[] = []
    const t2 = pool.submit(tx(1, 2), validate)
    pool.watch(t2.hashHex, (s) => seen.push(s))
    expect(t2.ready).toBe(false)
    pool.submit(tx(1, 1), validate)
    expect(pool.get(t2.hashHex)!.ready).toBe(false)
    pool.submit(tx(1, 0), validate)
    expect(seen).toEqual(['ready'])
    pool.submit(tx(2, 0, 5), validate)
    expect([...pool.readyInOrder()].map((t) => [...t.raw])).toEqual([[2, 0, 5], [1, 0, 1], [1, 1, 1], [1, 2, 1]])
  })

  it('refuses duplicates, lower-priority replacements and stale transactions', () => {
    onChain.clear()
    const pool = new TxPool()
    pool.submit(tx(3, 0, 2), validate)
    expect(() => pool.submit(tx(3, 0, 2), validate)).toThrowError(expect.objectContaining({ kind: 'AlreadyImported' }))
    expect(() => pool.submit(tx(3, 0, 1), validate)).toThrowError(expect.objectContaining({ kind: 'TooLowPriority' }))
    onChain.set(4, 5)
    const err = (() => { try { pool.submit(tx(4, 1), validate) } catch (e) { return e } })() as PoolError
    expect(err.kind).toBe('Invalid')
    expect(err.validity).toEqual({ kind: 'Invalid', reason: 'Stale', custom: undefined })
  })

  it('a higher priority usurps the same tag', () => {
    onChain.clear()
    const pool = new TxPool()
    const low = pool.submit(tx(5, 0, 1), validate)
    const seen: TxStatus[] = []
    pool.watch(low.hashHex, (s) => seen.push(s))
    const high = pool.submit(tx(5, 0, 9), validate)
    expect(seen).toEqual([{ usurped: high.hashHex }])
    expect(pool.size).toBe(1)
  })

  it('inclusion notifies watchers and revalidation drops what became stale', () => {
    onChain.clear()
    const pool = new TxPool()
    const a = pool.submit(tx(6, 0), validate)
    const b = pool.submit(tx(6, 1), validate)
    const seenA: TxStatus[] = []
    const seenB: TxStatus[] = []
    pool.watch(a.hashHex, (s) => seenA.push(s))
    pool.watch(b.hashHex, (s) => seenB.push(s))
    pool.included('0xblock', [a.hashHex])
    pool.finalizedIn('0xblock', [a.hashHex])
    onChain.set(6, 2) // b got in elsewhere
    pool.revalidate(validate)
    expect(seenA).toEqual([{ inBlock: '0xblock' }, { finalized: '0xblock' }])
    expect(seenB).toEqual(['invalid'])
    expect(pool.size).toBe(0)
  })

  it('a partial revalidation re-checks only accounts that had a transaction included; a full one re-checks all', () => {
    onChain.clear()
    const pool = new TxPool()
    const a0 = pool.submit(tx(8, 0), validate)
    pool.submit(tx(8, 1), validate)
    const c0 = pool.submit(tx(9, 0), validate)
    pool.included('0xb', [a0.hashHex])
    onChain.set(8, 2)
    onChain.set(9, 1) // account 9's transaction went stale without a block of ours
    pool.revalidate(validate)
    expect(pool.size).toBe(1) // 8/1 dropped as stale, 9/0 not looked at
    expect(pool.has(c0.hashHex)).toBe(true)
    pool.revalidate(validate, true)
    expect(pool.size).toBe(0)
  })

  it('enforces the future limit', () => {
    onChain.clear()
    const pool = new TxPool({ readyCount: 10, readyBytes: 1000, futureCount: 1, futureBytes: 1000, banMs: 1000 })
    pool.submit(tx(7, 5), validate)
    expect(() => pool.submit(tx(7, 7), validate)).toThrowError(expect.objectContaining({ kind: 'ImmediatelyDropped' }))
    expect(pool.size).toBe(1)
  })
})

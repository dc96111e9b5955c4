// Balances' Deposit, a fixed-width event, goes through the layout frame/declare/event-layout.ts
// derives from its declaration: the generic codec's bytes for any account and u64 amount.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BalancesEvents } from './pallet.js'

describe('Balances events by layout', () => {
  it('encodes Balances Deposit by its layout, as the generic codec does', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (who, amount) => {
      const bytes = BalancesEvents.Deposit.encode({ who, amount })
      expect(bytes).toEqual(BalancesEvents.Deposit.encodeGeneric({ who, amount }))
      expect(bytes.length).toBe(42)
    }))
  })
})

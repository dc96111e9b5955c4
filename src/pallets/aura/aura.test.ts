import { describe, expect, it } from 'vitest'
import { acct, newStore, startBlock } from '../test-utils.js'
import { genesis as systemGenesis, RuntimePanic } from '../system/index.js'
import { Aura, auraGenesis, auraPallet, blockAuthor, slotFromDigest } from './index.js'

const digest = (slot: bigint) => {
  const b = new Uint8Array(8)
  for (let i = 0; i < 8; i++) b[i] = Number((slot >> BigInt(8 * i)) & 0xffn)
  return [{ type: 'PreRuntime' as const, value: [new TextEncoder().encode('aura'), b] as [Uint8Array, Uint8Array] }]
}

describe('Aura', () => {
  it('reads the slot from the pre-runtime digest, requires it to increase, finds the author', () => {
    const s = newStore()
    systemGenesis(s)
    auraGenesis(s, { authorities: [acct(1), acct(2), acct(3)] })
    expect(() => auraGenesis(s, { authorities: [acct(4)] })).toThrow(/already initialized/)
    const env = startBlock(s, 1, digest(0x0102030405n))
    expect(slotFromDigest(s)).toBe(0x0102030405n)
    // with a slot: 2 reads + 1 write
    expect(auraPallet().hooks.onInitialize!({ s, env, blockNumber: 1 })).toEqual({ ref_time: 150_000_000n, proof_size: 0n })
    expect(Aura.CurrentSlot.get(s)).toBe(0x0102030405n)
    // 0x0102030405 = 4_328_719_365 = 3 × 1_442_906_455, so index 0
    expect(blockAuthor(s)).toEqual(acct(1))
    const env2 = startBlock(s, 2, digest(0x0102030405n))
    expect(() => auraPallet().hooks.onInitialize!({ s, env: env2, blockNumber: 2 })).toThrow(RuntimePanic)
    const env3 = startBlock(s, 3, digest(0x0102030407n))
    auraPallet().hooks.onInitialize!({ s, env: env3, blockNumber: 3 })
    expect(blockAuthor(s)).toEqual(acct(3)) // 4328719367 mod 3 = 2
  })

  it('without an aura digest there is no slot and no author', () => {
    const s = newStore()
    auraGenesis(s, { authorities: [acct(1)] })
    const env = startBlock(s, 1, [])
    expect(auraPallet().hooks.onInitialize!({ s, env, blockNumber: 1 })).toEqual({ ref_time: 25_000_000n, proof_size: 0n })
    expect(blockAuthor(s)).toBeNull()
    expect(Buffer.from(auraPallet().constants[0]!.value).toString('hex')).toBe('e02e000000000000') // 12_000
  })

  it('finds the slot among other digest items as the decoded digest does, whatever their encoding', () => {
    const enc = new TextEncoder()
    const item = (type: 'PreRuntime' | 'Consensus' | 'Seal', engine: string, data: Uint8Array) => ({ type, value: [enc.encode(engine), data] as [Uint8Array, Uint8Array] })
    const slot = digest(77n)[0]!
    const cases: [Parameters<typeof startBlock>[2], bigint | null][] = [
      [[{ type: 'Other', value: new Uint8Array(3) }, item('Consensus', 'aura', new Uint8Array(9)), item('PreRuntime', 'BABE', new Uint8Array(8).fill(1)), { type: 'RuntimeEnvironmentUpdated' }, slot], 77n],
      // a long item (its length takes a two-byte compact) before the slot
      [[{ type: 'Other', value: new Uint8Array(300) }, slot], 77n],
      [[item('PreRuntime', 'aura', new Uint8Array(5))], null], // too short for a slot
      [[item('PreRuntime', 'aura', Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 0, 1, 2))], 9n], // only the first 8 bytes count
      [[item('Seal', 'aura', new Uint8Array(64))], null],
      [[slot, item('PreRuntime', 'aura', digest(5n)[0]!.value[1])], 77n], // the first one
    ]
    for (const [logs, want] of cases) {
      const s = newStore()
      startBlock(s, 1, logs)
      expect(slotFromDigest(s)).toBe(want)
    }
  })
})

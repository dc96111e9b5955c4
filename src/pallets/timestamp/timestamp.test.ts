import { describe, expect, it } from 'vitest'
import { acct, callHandler, errorOf, failsUntouched, newStore, NONE, signed, startBlock, type TestEnv } from '../test-utils.js'
import { auraPallet, Aura } from '../aura/index.js'
import { genesis as systemGenesis, RuntimePanic } from '../system/index.js'
import { Timestamp, timestampPallet } from './index.js'

const slotDigest = (slot: number) => [{
  type: 'PreRuntime' as const,
  value: [new TextEncoder().encode('aura'), Uint8Array.from([slot & 0xff, (slot >> 8) & 0xff, 0, 0, 0, 0, 0, 0])] as [Uint8Array, Uint8Array],
}]

/** Start block n in aura slot `slot` and run Aura's on_initialize, as the executive would. */
function block(s: ReturnType<typeof newStore>, n: number, slot: number): TestEnv {
  const env = startBlock(s, n, slotDigest(slot))
  auraPallet().hooks.onInitialize!({ s, env, blockNumber: n })
  return env
}
const finalizeHook = (env: TestEnv) => timestampPallet().hooks.onFinalize!({ s: env.s, env, blockNumber: env.blockNumber })
const set = (env: TestEnv, now: bigint, origin = NONE) => callHandler(env, 'Timestamp', 'set', origin, { now })

function setup() {
  const s = newStore()
  systemGenesis(s)
  Aura.Authorities.set(s, [acct(0xaa)])
  return s
}

describe('Timestamp.set', () => {
  it('is an unsigned Mandatory inherent, accepted once per block', () => {
    const s = setup()
    const env = block(s, 1, 100)
    const d = timestampPallet().calls[0]!
    expect([d.index, d.name, d.class]).toEqual([0, 'set', 'Mandatory'])
    expect(errorOf(failsUntouched(s, () => set(env, 1_200_000n, signed(acct(1)))))).toEqual({ type: 'BadOrigin' })
    set(env, 1_200_000n) // slot 100 × 12_000 ms
    expect(Timestamp.Now.get(s)).toBe(1_200_000n)
    expect(Timestamp.DidUpdate.get(s)).toBe(true)
    expect(failsUntouched(s, () => set(env, 1_300_000n))).toBeInstanceOf(RuntimePanic)
    finalizeHook(env)
    expect(Timestamp.DidUpdate.exists(s)).toBe(false)
  })

  it('must advance by at least MinimumPeriod (6000 ms)', () => {
    const s = setup()
    const env1 = block(s, 1, 100)
    set(env1, 1_200_000n)
    finalizeHook(env1)
    const env2 = block(s, 2, 100 + 1)
    // 1_205_999 is in slot 100, but the minimum-period check comes first
    const e = failsUntouched(s, () => set(env2, 1_205_999n))
    expect(e).toBeInstanceOf(RuntimePanic)
    expect((e as Error).message).toMatch(/MinimumPeriod/)
    set(env2, 1_212_000n)
    expect(Timestamp.Now.get(s)).toBe(1_212_000n)
  })

  it('must fall into the slot Aura saw in the digest', () => {
    const s = setup()
    const env = block(s, 1, 100)
    const e = failsUntouched(s, () => set(env, 1_212_000n)) // slot 101
    expect((e as Error).message).toMatch(/CurrentSlot/)
  })

  it('a block without the inherent is invalid at finalization', () => {
    const s = setup()
    const env = block(s, 1, 100)
    expect(() => finalizeHook(env)).toThrow(RuntimePanic)
  })

  it('declares MinimumPeriod 6000 and the benchmark weight of set', () => {
    expect(Buffer.from(timestampPallet().constants[0]!.value).toString('hex')).toBe('7017000000000000')
    // 3_816_000 + 2 reads (50_000_000) + 1 write (100_000_000)
    expect((timestampPallet().calls[0]!.weight as (a: unknown) => unknown)({})).toEqual({ ref_time: 153_816_000n, proof_size: 1493n })
  })
})

// Issue 16 (5): calls nest at most MAX_EXTRINSIC_DEPTH (256) Box/Vec levels. frame_executive
// re-decodes with that limit in validate_transaction and apply_extrinsic and refuses deeper calls
// as InvalidTransaction::Call (1010 "Transaction call is not expected"); nothing anywhere runs the
// decoder into a stack overflow, and nothing is charged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assemble, benchAccount, signParts } from '../../../bench/lib/signer.js'
import { concatBytes, hexOf } from '../../../src/codec/bytes.js'
import { encode } from '../../../src/codec/scale.js'
import { RuntimeCall } from '../../../src/frame/outer.js'
import { devNode, type Harness } from './node-harness.js'

let h: Harness
const alice = benchAccount('//Alice')

beforeAll(async () => {
  h = await devNode()
  // Past genesis, whose state still holds frame_system's placeholder BlockHash(0) (dry runs read it).
  await h.client.call('dev_newBlock')
})
afterAll(async () => { await h?.close() })

/**
 * `levels` calls around a remark, built as bytes (the encoder is recursive too): utility.batch
 * ([inner]) nests through a Vec, utility.as_derivative(0, inner) through a Box.
 */
function nested(levels: number, through: 'batch' | 'as_derivative' = 'batch'): Uint8Array {
  const REMARK = encode(RuntimeCall, { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([1]) } } })
  // The call's two index bytes, then a one-element Vec prefix (batch) or the u16 index (as_derivative).
  const prefix = through === 'batch'
    ? concatBytes(encode(RuntimeCall, { type: 'Utility', value: { type: 'batch', value: { calls: [] } } }).slice(0, 2), new Uint8Array([0x04]))
    : encode(RuntimeCall, { type: 'Utility', value: { type: 'as_derivative', value: { index: 0, call: { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([1]) } } } } } }).slice(0, 4)
  const out = new Uint8Array(prefix.length * levels + REMARK.length)
  for (let i = 0; i < levels; i++) out.set(prefix, i * prefix.length)
  out.set(REMARK, prefix.length * levels)
  return out
}

const CALL_NOT_EXPECTED = { code: 1010, message: 'Invalid Transaction', data: 'Transaction call is not expected' }

async function accountState(): Promise<{ nonce: number; free: string }> {
  const c = h.client
  const nonce = await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
  const key = await c.call<string[]>('state_getKeys', ['0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9'])
  return { nonce, free: JSON.stringify(await Promise.all(key.map((k) => c.call('state_getStorage', [k])))) }
}

describe('call nesting limit', () => {
  it('Box<RuntimeCall> levels count like Vec levels', async () => {
    const c = h.client
    const best = await c.call<string>('chain_getBlockHash')
    const verdict = (levels: number): Promise<string> => {
      const xt = hexOf(assemble(signParts(h.ctx.runtime, h.ctx.chain.genesisHash, alice, nested(levels, 'as_derivative'), { nonce: 0 })))
      return c.call<string>('state_call', ['TaggedTransactionQueue_validate_transaction', `0x02${xt.slice(2)}${best.slice(2)}`])
    }
    expect((await verdict(256)).slice(0, 4)).toBe('0x00') // Ok(ValidTransaction)
    expect(await verdict(257)).toBe('0x010000')
  })

  it('256 levels are a valid transaction', async () => {
    const c = h.client
    const nonce = await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
    const xt = hexOf(assemble(signParts(h.ctx.runtime, h.ctx.chain.genesisHash, alice, nested(256), { nonce })))
    expect((await c.call<{ partialFee: string }>('payment_queryInfo', [xt])).partialFee).toMatch(/^[1-9][0-9]*$/)
    // Applied (Ok(_)); the dispatch itself fails with System::CallFiltered, as subtensor filters nested batches.
    expect(await c.call<string>('system_dryRun', [xt])).toBe('0x0001030005000000')
    await c.call('author_submitExtrinsic', [xt])
    await c.call('engine_createBlock', [false, true])
    expect(await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])).toBe(nonce + 1)
  })

  for (const levels of [257, 300, 1_000, 2_000, 50_000]) {
    it(`${levels} levels: 1010 from the pool, refused by dry run and validate_transaction, no fee query, nothing changes`, async () => {
      const c = h.client
      const before = await accountState()
      const best = await c.call<string>('chain_getBlockHash')
      const xt = hexOf(assemble(signParts(h.ctx.runtime, h.ctx.chain.genesisHash, alice, nested(levels), { nonce: before.nonce })))
      expect(await c.error('author_submitExtrinsic', [xt])).toEqual(CALL_NOT_EXPECTED)
      expect(await c.error('author_submitAndWatchExtrinsic', [xt])).toEqual(CALL_NOT_EXPECTED)
      // ApplyExtrinsicResult Err(Invalid(Call)) = 0x01 00 00; validate_transaction Err(Invalid(Call)) = 0x01 00 00.
      expect(await c.call<string>('system_dryRun', [xt])).toBe('0x010000')
      expect(await c.call<string>('state_call', ['BlockBuilder_apply_extrinsic', xt])).toBe('0x010000')
      expect(await c.call<string>('state_call', ['TaggedTransactionQueue_validate_transaction', `0x02${xt.slice(2)}${best.slice(2)}`])).toBe('0x010000')
      const depthPanic = 'Execution failed: Runtime panicked: Bad input data provided to query_info: Maximum recursion depth reached when decoding'
      expect(await c.error('payment_queryInfo', [xt])).toEqual({ code: 1, message: 'Unable to query dispatch info.', data: depthPanic })
      expect((await c.error('payment_queryFeeDetails', [xt])).code).toBe(1)
      // A block with it cannot be built: the producer never sees it, and an empty block changes nothing for Alice.
      expect(await c.call('author_pendingExtrinsics')).toEqual([])
      expect(await c.call<string>('chain_getBlockHash')).toBe(best)
      expect(await accountState()).toEqual(before)
    })
  }
})

// author_*, account nonce, dry run and fees against a real dev node, with extrinsics signed by
// @polkadot/api as a real client builds them.
import type { ApiPromise } from '@polkadot/api'
import type { KeyringPair } from '@polkadot/keyring/types'
import type { RuntimeDispatchInfo } from '@polkadot/types/interfaces'
import { hexToU8a, u8aToHex } from '@polkadot/util'
import { blake2AsHex } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devNodeWithApi, type ApiHarness } from './node-harness.js'
import type { RawClient } from './ws-client.js'

let h: ApiHarness
let c: RawClient
let api: ApiPromise
let alice: KeyringPair
let bob: KeyringPair

beforeAll(async () => {
  h = await devNodeWithApi()
  ;({ client: c, api, alice, bob } = h)
})
afterAll(async () => {
  await h?.close()
})

/** A signed transfer from Alice with an explicit nonce, immortal, as hex. */
const transfer = async (nonce: number, amount = 1_000_000_000n): Promise<string> => {
  const tx = api.tx.balances.transferKeepAlive(bob.address, amount)
  await tx.signAsync(alice, { nonce, era: 0 })
  return tx.toHex()
}
const nextIndex = (who: string): Promise<number> => c.call<number>('system_accountNextIndex', [who])

describe('submission and pool', () => {
  it('submitAndWatch: ready, then inBlock and finalized with the block that holds the exact bytes', async () => {
    const n = await nextIndex(alice.address)
    const xt = await transfer(n)
    const sub = await c.call<string>('author_submitAndWatchExtrinsic', [xt])
    const [ready] = await c.waitFor(sub, 1)
    expect(ready!.method).toBe('author_extrinsicUpdate')
    expect(ready!.params.result).toBe('ready')
    const { hash } = await c.call<{ hash: string }>('engine_createBlock', [false, true])
    const got = await c.waitFor(sub, 3)
    expect(got.map((x) => x.params.result)).toEqual(['ready', { inBlock: hash }, { finalized: hash }])
    const block = await c.call<{ block: { extrinsics: string[] } }>('chain_getBlock', [hash])
    expect(block.block.extrinsics).toContain(xt)
    expect(await nextIndex(alice.address)).toBe(n + 1)
    // The subscription ended with the final status: unwatching finds nothing.
    expect(await c.call('author_unwatchExtrinsic', [sub])).toBe(false)
  })

  it('submitExtrinsic returns the blake2 hash; pool nonces, pending, remove, already imported', async () => {
    const best = await c.call<string>('chain_getBlockHash')
    const n = await nextIndex(alice.address)
    const a = await transfer(n)
    const b = await transfer(n + 1)
    expect(await c.call('author_submitExtrinsic', [a])).toBe(blake2AsHex(hexToU8a(a)))
    expect(await c.call('author_submitExtrinsic', [b])).toBe(blake2AsHex(hexToU8a(b)))
    expect(await nextIndex(alice.address)).toBe(n + 2)
    expect(await c.call('account_nextIndex', [u8aToHex(alice.publicKey)])).toBe(n + 2)
    expect(await c.call('author_pendingExtrinsics')).toEqual([a, b])
    expect(await c.error('author_submitExtrinsic', [a])).toEqual({ code: 1013, message: 'Transaction Already Imported', data: 'Any { .. }' })
    expect(await c.call('author_removeExtrinsic', [[{ hash: blake2AsHex(hexToU8a(b)) }, { extrinsic: a }]])).toEqual([
      blake2AsHex(hexToU8a(b)), blake2AsHex(hexToU8a(a)),
    ])
    expect(await c.call('author_pendingExtrinsics')).toEqual([])
    // Removed transactions are banned for a while.
    expect(await c.error('author_submitExtrinsic', [a])).toEqual({ code: 1012, message: 'Transaction is temporarily banned' })
    // Nothing of this touched the chain.
    expect(await c.call('chain_getBlockHash')).toBe(best)
  })

  it('1010 Invalid Transaction: bad signature, stale nonce', async () => {
    const n = await nextIndex(alice.address)
    const good = hexToU8a(await transfer(n, 7n))
    // Signature bytes sit after: length prefix (2 bytes here), version, 0x00 + 32-byte account, sig type.
    const bad = good.slice()
    bad[2 + 1 + 33 + 1 + 5] ^= 0xff
    expect(await c.error('author_submitExtrinsic', [u8aToHex(bad)])).toEqual({
      code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature',
    })
    expect(await c.error('author_submitAndWatchExtrinsic', [await transfer(n - 1, 8n)])).toEqual({
      code: 1010, message: 'Invalid Transaction', data: 'Transaction is outdated',
    })
  })

  it('1001 bad envelope (watch) / 1040 (submit), 1002 body the runtime cannot decode', async () => {
    const e1 = await c.error('author_submitAndWatchExtrinsic', ['0x1000'])
    expect(e1.code).toBe(1001)
    expect(e1.message.startsWith('Extrinsic has invalid format: ')).toBe(true)
    const e2 = await c.error('author_submitExtrinsic', ['0x1000'])
    expect(e2.code).toBe(1040)
    expect(e2.message.startsWith('Client error: ')).toBe(true)
    // A well-formed envelope around a body with extrinsic version 0x7f.
    const e3 = await c.error('author_submitExtrinsic', ['0x0c7f0000'])
    expect(e3.code).toBe(1002)
    expect(e3.message.startsWith('Verification Error: Runtime error: Execution failed: Runtime panicked: Bad input data provided to validate_transaction: ')).toBe(true)
    expect(String(e3.data).startsWith('RuntimeApi("Execution failed: Runtime panicked: Bad input data provided to validate_transaction: ')).toBe(true)
    expect((await c.error('author_submitExtrinsic', ['0xzz'])).code).toBe(-32602)
  })
})

describe('polkadot.js signAndSend', () => {
  it('goes from ready to finalized and finds its events', async () => {
    const statuses: string[] = []
    const done = new Promise<{ ok: boolean; events: string[] }>((resolve, reject) => {
      api.tx.balances.transferKeepAlive(bob.address, 2_000_000_000n)
        .signAndSend(alice, (r) => {
          statuses.push(r.status.type)
          if (r.status.isFinalized) resolve({ ok: !r.dispatchError, events: r.events.map((e) => `${e.event.section}.${e.event.method}`) })
          if (r.isError) reject(new Error(`failed with ${r.status.type}`))
        })
        .catch(reject)
    })
    // Manual sealing: seal once the transaction reached the pool.
    for (let i = 0; i < 100 && (await c.call<string[]>('author_pendingExtrinsics')).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20))
    }
    await c.call('engine_createBlock', [false, true])
    const r = await done
    expect(r.ok).toBe(true)
    // inBlock and finalized arrive together here (instant finality); polkadot.js' switchMap may
    // drop the first while it fetches the block, so only the ends of the sequence are fixed.
    expect(statuses[0]).toBe('Ready')
    expect(statuses.at(-1)).toBe('Finalized')
    expect(r.events).toContain('balances.Transfer')
    expect(r.events).toContain('system.ExtrinsicSuccess')
  })
})

describe('dry run and fees', () => {
  it('dryRun returns ApplyExtrinsicResult and changes nothing', async () => {
    const n = await nextIndex(alice.address)
    const xt = await transfer(n, 5n)
    const best = await c.call<string>('chain_getBlockHash')
    // Ok(Ok(()))
    expect(await c.call('system_dryRun', [xt])).toBe('0x0000')
    expect(await c.call('system_dryRunAt', [xt, best])).toBe('0x0000')
    expect(await nextIndex(alice.address)).toBe(n)
    // Err(Invalid(Stale)): TransactionValidityError::Invalid = 0, InvalidTransaction::Stale = 3.
    expect(await c.call('system_dryRun', [await transfer(n - 1, 5n)])).toBe('0x010003')
    expect(await c.error('system_dryRun', ['0x1000'])).toMatchObject({ code: 2, message: 'Unable to dry run extrinsic' })
    const unknown = '0x' + '42'.repeat(32)
    expect(await c.error('system_dryRun', [xt, unknown])).toEqual({
      code: 1, message: 'Unable to dry run extrinsic.', data: `Api called for an unknown Block: Header was not found in the database: ${unknown}`,
    })
  })

  it('payment_queryInfo / queryFeeDetails agree with the runtime API as polkadot.js decodes it', async () => {
    const xt = await transfer(await nextIndex(alice.address), 5n)
    const info = await c.call<{ weight: { ref_time: number; proof_size: number }; class: string; partialFee: string }>('payment_queryInfo', [xt])
    expect(Object.keys(info)).toEqual(['weight', 'class', 'partialFee'])
    expect(Object.keys(info.weight)).toEqual(['ref_time', 'proof_size'])
    expect(info.class).toBe('normal')
    expect(info.partialFee).toMatch(/^[0-9]+$/)
    // As polkadot.js itself calls it (Submittable.paymentInfo): the extrinsic bytes, prefix included.
    const fromApi = (await api.call.transactionPaymentApi!.queryInfo!(hexToU8a(xt), hexToU8a(xt).length)) as unknown as RuntimeDispatchInfo
    expect(info.partialFee).toBe(fromApi.partialFee.toString())
    expect(info.weight.ref_time).toBe(fromApi.weight.refTime.toNumber())
    const d = await c.call<{ inclusionFee: { baseFee: number; lenFee: number; adjustedWeightFee: number } | null }>('payment_queryFeeDetails', [xt])
    expect(Object.keys(d)).toEqual(['inclusionFee'])
    const f = d.inclusionFee!
    expect(Object.keys(f)).toEqual(['baseFee', 'lenFee', 'adjustedWeightFee'])
    expect(String(f.baseFee + f.lenFee + f.adjustedWeightFee)).toBe(info.partialFee)
    expect((await c.error('payment_queryInfo', ['0x1000'])).code).toBe(2)
    const bad = await c.error('payment_queryInfo', ['0x0c7f0000'])
    expect(bad).toMatchObject({ code: 1, message: 'Unable to query dispatch info.' })
    expect(String(bad.data).startsWith('Execution failed: Runtime panicked: Bad input data provided to query_info: ')).toBe(true)
  })
})

describe('keys', () => {
  it('rotateKeys makes session keys the node holds; insertKey / hasKey', async () => {
    const keys = await c.call<string>('author_rotateKeys')
    expect(keys).toMatch(/^0x[0-9a-f]{128}$/)
    expect(await c.call('author_hasSessionKeys', [keys])).toBe(true)
    expect(await c.call('author_hasKey', [keys.slice(0, 66), 'aura'])).toBe(true)
    expect(await c.call('author_hasKey', ['0x' + keys.slice(66), 'gran'])).toBe(true)
    expect(await c.call('author_hasSessionKeys', ['0x' + '00'.repeat(64)])).toBe(false)
    expect(await c.error('author_hasSessionKeys', ['0x00'])).toEqual({ code: 1040, message: 'Session keys are not encoded correctly' })
    const pk = u8aToHex(bob.publicKey)
    expect(await c.call('author_hasKey', [pk, 'acco'])).toBe(false)
    expect(await c.call('author_insertKey', ['acco', '//Bob', pk])).toBeNull()
    expect(await c.call('author_hasKey', [pk, 'acco'])).toBe(true)
    expect(await c.error('author_hasKey', [pk, 'abc'])).toEqual({ code: 1040, message: 'Invalid key type ID format (should be of length four)' })
  })
})

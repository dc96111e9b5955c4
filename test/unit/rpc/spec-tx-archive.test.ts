// chainSpec_v1, transaction_v1, transactionWatch_v1 and archive_v1 against a real dev node
// (manual sealing), with transactions signed by @polkadot/api as a real client builds them.
import type { ApiPromise } from '@polkadot/api'
import type { KeyringPair } from '@polkadot/keyring/types'
import { blake2AsHex } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devNodeWithApi, type ApiHarness } from './node-harness.js'
import { waitUntil } from './spec-helpers.js'
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

const transfer = async (from: KeyringPair, nonce: number, amount = 1_000_000_000n): Promise<string> => {
  const tx = api.tx.balances.transferKeepAlive(bob.address, amount)
  await tx.signAsync(from, { nonce, era: 0 })
  return tx.toHex()
}
const accountKey = (who: KeyringPair): string => api.query.system.account.key(who.address)
const newBlock = (): Promise<string> => c.call<string>('dev_newBlock', [{ count: 1 }])
const nonceOf = async (who: KeyringPair): Promise<number> => c.call<number>('system_accountNextIndex', [who.address])

describe('chainSpec_v1', () => {
  it('name, genesis hash and properties, as the legacy methods give them', async () => {
    expect(await c.call('chainSpec_v1_chainName')).toBe(await c.call('system_chain'))
    expect(await c.call('chainSpec_v1_genesisHash')).toBe(await c.call('chain_getBlockHash', [0]))
    expect(await c.call('chainSpec_v1_properties')).toEqual(await c.call('system_properties'))
  })
})

describe('transaction_v1', () => {
  it('broadcast puts a valid transaction in the next block; stop ends the operation once', async () => {
    const before = await c.call<string | null>('state_getStorage', [accountKey(bob)])
    const tx = await transfer(alice, await nonceOf(alice))
    const id = await c.call<string>('transaction_v1_broadcast', [tx])
    expect(typeof id).toBe('string')
    await waitUntil(() => h.ctx.pool.has(blake2AsHex(tx, 256)))
    const block = await newBlock()
    const body = await c.call<{ block: { extrinsics: string[] } }>('chain_getBlock', [block])
    expect(body.block.extrinsics).toContain(tx)
    expect(await c.call('state_getStorage', [accountKey(bob)])).not.toBe(before)
    // Included and final: the operation is over, so stopping it is an error (as for any unknown id).
    expect((await c.error('transaction_v1_stop', [id])).code).toBe(-32602)
  })

  it('an invalid transaction is dropped silently and changes nothing; stop works on a live operation', async () => {
    const stale = await transfer(alice, 0)
    const before = await c.call<string>('state_getStorage', [accountKey(alice)])
    const id = await c.call<string>('transaction_v1_broadcast', [stale])
    expect(typeof id).toBe('string')
    await newBlock()
    expect(h.ctx.pool.has(blake2AsHex(stale, 256))).toBe(false)
    const after = await c.call<string>('state_getStorage', [accountKey(alice)])
    expect(after).toBe(before)
    // It still holds its operation until stopped.
    expect(await c.call('transaction_v1_stop', [id])).toBe(null)
    // A future-nonce transaction stays in the pool, so its broadcast stays live until stopped.
    const future = await transfer(alice, (await nonceOf(alice)) + 5)
    const live = await c.call<string>('transaction_v1_broadcast', [future])
    expect(await c.call('transaction_v1_stop', [live])).toBe(null)
    expect((await c.error('transaction_v1_stop', [live])).code).toBe(-32602)
    expect((await c.error('transaction_v1_broadcast', ['0xzz'])).code).toBe(-32602)
  })
})

describe('transaction_v1 limit', () => {
  it('64 broadcasts per connection at once, then null until one is stopped', async () => {
    const stale = await transfer(alice, 0)
    const ids: string[] = []
    for (let i = 0; i < 64; i++) ids.push(await c.call<string>('transaction_v1_broadcast', [stale]))
    expect(new Set(ids).size).toBe(64)
    expect(await c.call('transaction_v1_broadcast', [stale])).toBe(null)
    await c.call('transaction_v1_stop', [ids.pop()])
    ids.push(await c.call<string>('transaction_v1_broadcast', [stale]))
    expect(typeof ids.at(-1)).toBe('string')
    for (const id of ids) await c.call('transaction_v1_stop', [id])
  })
})

describe('transactionWatch_v1', () => {
  it('validated, bestChainBlockIncluded and finalized with the block hash and index', async () => {
    const tx = await transfer(alice, await nonceOf(alice))
    const sub = await c.call<string>('transactionWatch_v1_submitAndWatch', [tx])
    await c.waitFor(sub, 1)
    const block = await newBlock()
    const evs = (await c.waitFor(sub, 3)).map((n) => n.params.result)
    const body = await c.call<{ block: { extrinsics: string[] } }>('chain_getBlock', [block])
    const index = body.block.extrinsics.indexOf(tx)
    expect(index).toBeGreaterThan(0)
    expect(evs).toEqual([
      { event: 'validated' },
      { event: 'bestChainBlockIncluded', block: { hash: block, index } },
      { event: 'finalized', block: { hash: block, index } },
    ])
  })

  it('an invalid transaction gets one invalid event; bad hex is -32602; unwatch of an unknown id is false', async () => {
    const sub = await c.call<string>('transactionWatch_v1_submitAndWatch', [await transfer(alice, 0)])
    const [ev] = (await c.waitFor(sub, 1)).map((n) => n.params.result)
    expect(ev).toEqual({ event: 'invalid', error: 'Transaction is outdated' })
    const forged = (await transfer(alice, await nonceOf(alice))).replace(/^(0x.{10}).{2}/, '$1ff')
    const sub2 = await c.call<string>('transactionWatch_v1_submitAndWatch', [forged])
    expect((await c.waitFor(sub2, 1))[0]!.params.result).toMatchObject({ event: 'invalid' })
    expect((await c.error('transactionWatch_v1_submitAndWatch', ['0x1'.repeat(3)])).code).toBe(-32602)
    expect(await c.call('transactionWatch_v1_unwatch', ['nope'])).toBe(false)
  })
})

describe('archive_v1', () => {
  it('finalizedHeight, genesisHash, hashByHeight, header, body and call for any stored block', async () => {
    const b = await newBlock()
    const header = await c.call<{ number: string }>('chain_getHeader', [b])
    const height = Number(header.number)
    expect(await c.call('archive_v1_finalizedHeight')).toBe(height)
    expect(await c.call('archive_v1_genesisHash')).toBe(await c.call('chain_getBlockHash', [0]))
    expect(await c.call('archive_v1_hashByHeight', [height])).toEqual([b])
    expect(await c.call('archive_v1_hashByHeight', [0])).toEqual([await c.call('chain_getBlockHash', [0])])
    expect(await c.call('archive_v1_hashByHeight', [height + 10])).toEqual([])
    const raw = await c.call<string>('archive_v1_header', [b])
    expect(blake2AsHex(raw, 256)).toBe(b)
    const block = await c.call<{ block: { extrinsics: string[] } }>('chain_getBlock', [b])
    expect(await c.call('archive_v1_body', [b])).toEqual(block.block.extrinsics)
    expect(await c.call('archive_v1_call', [b, 'Core_version', '0x'])).toEqual({ success: true, value: await c.call('state_call', ['Core_version', '0x', b]) })
    const failed = await c.call<{ success: boolean; error: string }>('archive_v1_call', [b, 'Nope_nothing', '0x'])
    expect(failed.success).toBe(false)
    expect(failed.error).toContain('Nope_nothing')
    const unknown = '0x' + '22'.repeat(32)
    for (const m of ['archive_v1_header', 'archive_v1_body']) expect(await c.call(m, [unknown])).toBe(null)
    expect(await c.call('archive_v1_call', [unknown, 'Core_version', '0x'])).toBe(null)
    expect((await c.error('archive_v1_hashByHeight', ['ten'])).code).toBe(-32602)
  })

  it('hashByHeight lists every fork above the finalized block', async () => {
    const fin = await c.call<string>('chain_getFinalizedHead')
    const a = (await c.call<{ hash: string }>('engine_createBlock', [true, false])).hash
    await c.call('dev_timeTravel', [Date.now() + 7_200_000])
    const b = (await c.call<{ hash: string }>('engine_createBlock', [true, false, fin])).hash
    const height = Number((await c.call<{ number: string }>('chain_getHeader', [a])).number)
    expect(new Set(await c.call<string[]>('archive_v1_hashByHeight', [height]))).toEqual(new Set([a, b]))
    await c.call('engine_finalizeBlock', [a])
    expect(await c.call('archive_v1_hashByHeight', [height])).toEqual([a])
  })

  it('storage of an older block gives the older values; all item types; pagination start key', async () => {
    const old = await c.call<string>('chain_getBlockHash', [])
    const tx = await transfer(alice, await nonceOf(alice))
    await c.call('author_submitExtrinsic', [tx])
    const now = await newBlock()
    const key = accountKey(bob)
    const oldValue = await c.call<string>('state_getStorage', [key, old])
    expect(await c.call('state_getStorage', [key, now])).not.toBe(oldValue)
    const run = async (hash: string, items: unknown[], childTrie: string | null = null): Promise<Record<string, unknown>[]> => {
      const sub = await c.call<string>('archive_v1_storage', [hash, items, childTrie])
      await waitUntil(() => c.notifications(sub).some((n) => ['storageDone', 'storageError'].includes((n.params.result as { event: string }).event)))
      return c.notifications(sub).map((n) => n.params.result as Record<string, unknown>)
    }
    expect(await run(old, [{ key, type: 'value' }, { key, type: 'hash' }, { key: '0x', type: 'closestDescendantMerkleValue' }])).toEqual([
      { event: 'storage', key, value: oldValue },
      { event: 'storage', key, hash: blake2AsHex(oldValue, 256) },
      { event: 'storage', key: '0x', closestDescendantMerkleValue: (await c.call<{ stateRoot: string }>('chain_getHeader', [old])).stateRoot },
      { event: 'storageDone' },
    ])
    const prefix = key.slice(0, 2 + 64)
    const keys = await c.call<string[]>('state_getKeysPaged', [prefix, 1000, prefix, now])
    const all = await run(now, [{ key: prefix, type: 'descendantsHashes' }])
    expect(all.slice(0, -1).map((e) => e.key)).toEqual(keys)
    const rest = await run(now, [{ key: prefix, type: 'descendantsValues', paginationStartKey: keys[1] }])
    expect(rest.slice(0, -1).map((e) => e.key)).toEqual(keys.slice(2))
    expect(await run(now, [{ key, type: 'value' }], '0x1234')).toEqual([{ event: 'storageDone' }])
    const missing = await run('0x' + '33'.repeat(32), [{ key, type: 'value' }])
    expect(missing[0]!.event).toBe('storageError')
    expect((await c.error('archive_v1_storage', [now, [{ key, type: 'nope' }], null])).code).toBe(-32602)
  })

  it('storageDiff: added, modified and deleted keys against the parent or a given ancestor', async () => {
    const k1 = '0xfeed01'
    const k2 = '0xfeed02'
    const b1 = await c.call<string>('dev_setStorage', [[[k1, '0x01'], [k2, '0x02']]])
    const b2 = await c.call<string>('dev_setStorage', [[[k1, '0x11'], [k2, null]]])
    const run = async (params: unknown[]): Promise<Record<string, unknown>[]> => {
      const sub = await c.call<string>('archive_v1_storageDiff', params)
      await waitUntil(() => c.notifications(sub).some((n) => ['storageDiffDone', 'storageDiffError'].includes((n.params.result as { event: string }).event)))
      return c.notifications(sub).map((n) => n.params.result as Record<string, unknown>)
    }
    expect(await run([b2, [{ key: '0xfeed', returnType: 'value' }]])).toEqual([
      { event: 'storageDiff', key: k1, type: 'modified', value: '0x11' },
      { event: 'storageDiff', key: k2, type: 'deleted' },
      { event: 'storageDiffDone' },
    ])
    const parentOfB1 = (await c.call<{ parentHash: string }>('chain_getHeader', [b1])).parentHash
    expect(await run([b2, [{ key: '0xfeed', returnType: 'hash' }], parentOfB1])).toEqual([
      { event: 'storageDiff', key: k1, type: 'added', hash: blake2AsHex('0x11', 256) },
      { event: 'storageDiffDone' },
    ])
    expect((await run([b1, [{ key: '0xfeed', returnType: 'value' }], b2]))[0]!.event).toBe('storageDiffError')
  })
})

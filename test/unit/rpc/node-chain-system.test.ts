// system_*, chain_*, rpc_methods and the generic error paths against a real dev node.
import { TypeRegistry } from '@polkadot/types'
import { compactToU8a, hexToU8a } from '@polkadot/util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { naiveTrieRoot } from '../../../src/storage/trie/naive-trie.testutil.js'
import { devNode, type Harness } from './node-harness.js'
import type { RawClient } from './ws-client.js'

type Header = { parentHash: string; number: string; stateRoot: string; extrinsicsRoot: string; digest: { logs: string[] } }

const registry = new TypeRegistry()
/** The block hash polkadot.js computes from header JSON (blake2 of its own SCALE encoding). */
const pjsHash = (h: Header): string => registry.createType('Header', h).hash.toHex()
const HASH = /^0x[0-9a-f]{64}$/
const UNKNOWN = '0x' + '42'.repeat(32)

let h: Harness
let c: RawClient

beforeAll(async () => {
  h = await devNode()
  c = h.client
})
afterAll(async () => {
  await h?.close()
})

describe('system', () => {
  it('identity and chain spec answers', async () => {
    expect(await c.call('system_name')).toBe('Subtensor Node')
    expect(typeof (await c.call('system_version'))).toBe('string')
    expect(await c.call('system_chain')).toBe('Bittensor')
    expect(await c.call('system_chainType')).toBe('Local')
    expect(await c.call('system_properties')).toEqual({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' })
  })

  it('health, peers, roles, sync state', async () => {
    // The dev spec lists no boot nodes.
    expect(await c.call('system_health')).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false })
    expect(await c.call('system_peers')).toEqual([])
    expect(await c.call('system_reservedPeers')).toEqual([])
    expect(await c.call('system_nodeRoles')).toEqual(['Authority'])
    const peerId = await c.call<string>('system_localPeerId')
    expect(peerId).toBe(h.ctx.info.peerId)
    expect(peerId).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/)
    const addrs = await c.call<string[]>('system_localListenAddresses')
    expect(Array.isArray(addrs)).toBe(true)
    for (const a of addrs) expect(a).toContain(`/p2p/${peerId}`)
    const s = await c.call<{ startingBlock: number; currentBlock: number; highestBlock: number }>('system_syncState')
    expect(Object.keys(s)).toEqual(['startingBlock', 'currentBlock', 'highestBlock'])
    const best = parseInt((await c.call<Header>('chain_getHeader')).number, 16)
    expect(s.currentBlock).toBe(best)
    expect(s.highestBlock).toBe(best)
  })
})

describe('rpc_methods', () => {
  it('lists every method and alias, sorted, without a version field', async () => {
    const r = await c.call<{ methods: string[] }>('rpc_methods')
    expect(Object.keys(r)).toEqual(['methods'])
    expect([...r.methods].sort()).toEqual(r.methods)
    const expected = [
      'account_nextIndex', 'author_hasKey', 'author_hasSessionKeys', 'author_insertKey', 'author_pendingExtrinsics',
      'author_removeExtrinsic', 'author_rotateKeys', 'author_submitAndWatchExtrinsic', 'author_submitExtrinsic',
      'author_unwatchExtrinsic', 'chain_getBlock', 'chain_getBlockHash', 'chain_getFinalisedHead', 'chain_getFinalizedHead',
      'chain_getHead', 'chain_getHeader', 'chain_getRuntimeVersion', 'chain_subscribeAllHeads', 'chain_subscribeFinalisedHeads',
      'chain_subscribeFinalizedHeads', 'chain_subscribeNewHead', 'chain_subscribeNewHeads', 'chain_subscribeRuntimeVersion',
      'chain_unsubscribeAllHeads', 'chain_unsubscribeFinalisedHeads', 'chain_unsubscribeFinalizedHeads', 'chain_unsubscribeNewHead',
      'chain_unsubscribeNewHeads', 'chain_unsubscribeRuntimeVersion', 'dev_newBlock', 'dev_setHead', 'dev_setStorage',
      'dev_timeTravel', 'engine_createBlock', 'engine_finalizeBlock', 'payment_queryFeeDetails', 'payment_queryInfo',
      'rpc_methods', 'state_call', 'state_callAt', 'state_getKeys', 'state_getKeysPaged', 'state_getKeysPagedAt',
      'state_getMetadata', 'state_getPairs', 'state_getReadProof', 'state_getRuntimeVersion', 'state_getStorage',
      'state_getStorageAt', 'state_getStorageHash', 'state_getStorageHashAt', 'state_getStorageSize', 'state_getStorageSizeAt',
      'state_queryStorage', 'state_queryStorageAt', 'state_subscribeRuntimeVersion', 'state_subscribeStorage',
      'state_unsubscribeRuntimeVersion', 'state_unsubscribeStorage', 'subscribe_newHead', 'system_accountNextIndex',
      'system_chain', 'system_chainType', 'system_dryRun', 'system_dryRunAt', 'system_health', 'system_localListenAddresses',
      'system_localPeerId', 'system_name', 'system_nodeRoles', 'system_peers', 'system_properties', 'system_reservedPeers',
      'system_syncState', 'system_version', 'unsubscribe_newHead',
    ]
    for (const m of expected) expect(r.methods).toContain(m)
  })
})

describe('chain', () => {
  it('block hashes: none, number, hex, list, unknown height', async () => {
    await c.call('engine_createBlock', [true, true])
    const best = await c.call<string>('chain_getBlockHash')
    expect(best).toMatch(HASH)
    const g = await c.call<string>('chain_getBlockHash', [0])
    expect(await c.call('chain_getBlockHash', ['0x0'])).toBe(g)
    expect(await c.call('chain_getHead', [0])).toBe(g)
    const h1 = await c.call<string>('chain_getBlockHash', [1])
    expect(await c.call('chain_getBlockHash', [[0, '0x1', 999999]])).toEqual([g, h1, null])
    expect(await c.call('chain_getBlockHash', [999999])).toBeNull()
    // Headers hash (client-side) to the hashes the node hands out.
    expect(pjsHash(await c.call<Header>('chain_getHeader', [g]))).toBe(g)
    expect(pjsHash(await c.call<Header>('chain_getHeader', [h1]))).toBe(h1)
  })

  it('block number errors: negative is invalid params, past u32 is the chain error', async () => {
    expect((await c.error('chain_getBlockHash', [-1])).code).toBe(-32602)
    expect(await c.error('chain_getBlockHash', [2 ** 32])).toEqual({
      code: 3001, message: '`Number(4294967296)` > u32::MAX, the max block number is u32.',
    })
  })

  it('headers and blocks', async () => {
    const best = await c.call<string>('chain_getBlockHash')
    const header = await c.call<Header>('chain_getHeader')
    expect(Object.keys(header)).toEqual(['parentHash', 'number', 'stateRoot', 'extrinsicsRoot', 'digest'])
    expect(header.number).toMatch(/^0x([1-9a-f][0-9a-f]*|0)$/)
    expect(pjsHash(header)).toBe(best)
    const block = await c.call<{ block: { header: Header; extrinsics: string[] }; justifications: null }>('chain_getBlock', [best])
    expect(Object.keys(block)).toEqual(['block', 'justifications'])
    expect(block.justifications).toBeNull()
    expect(block.block.header).toEqual(header)
    expect(block.block.extrinsics.length).toBeGreaterThanOrEqual(1)
    // The extrinsics root (computed here by an independent trie implementation) commits to
    // exactly these bytes, length prefixes included.
    const entries = block.block.extrinsics.map((x, i): [Uint8Array, Uint8Array] => [compactToU8a(i), hexToU8a(x)])
    expect(naiveTrieRoot(entries, 1)).toBe(header.extrinsicsRoot)
    expect(await c.call('chain_getHeader', [UNKNOWN])).toBeNull()
    expect(await c.call('chain_getBlock', [UNKNOWN])).toBeNull()
    expect((await c.error('chain_getHeader', ['0x1234'])).code).toBe(-32602)
  })

  it('finalized head and its British alias', async () => {
    const f = await c.call<string>('chain_getFinalizedHead')
    expect(f).toMatch(HASH)
    expect(await c.call('chain_getFinalisedHead')).toBe(f)
  })

  it('new heads: current best first, then one per new best block in order, through every alias', async () => {
    const start = parseInt((await c.call<Header>('chain_getHeader')).number, 16)
    const sub = await c.call<string>('chain_subscribeNewHead')
    const alias = await c.call<string>('subscribe_newHead')
    const first = await c.waitFor(sub, 1)
    expect(first[0]!.method).toBe('chain_newHead')
    expect(parseInt((first[0]!.params.result as Header).number, 16)).toBe(start)
    await c.call('dev_newBlock', [{ count: 3 }])
    const got = await c.waitFor(sub, 4)
    expect(got.map((n) => parseInt((n.params.result as Header).number, 16))).toEqual([start, start + 1, start + 2, start + 3])
    const heads = got.map((n) => n.params.result as Header)
    for (let i = 1; i < heads.length; i++) expect(heads[i]!.parentHash).toBe(pjsHash(heads[i - 1]!))
    expect((await c.waitFor(alias, 4)).length).toBe(4)
    expect(await c.call('chain_unsubscribeNewHead', [sub])).toBe(true)
    expect(await c.call('unsubscribe_newHead', [alias])).toBe(true)
    expect(await c.call('chain_unsubscribeNewHeads', [sub])).toBe(false)
    await c.call('engine_createBlock', [true, true])
    await c.call('system_health')
    expect(c.notifications(sub).length).toBe(4)
  })

  it('all heads: best first, then every import; finalized heads: finalized first, then each finalization', async () => {
    const all = await c.call<string>('chain_subscribeAllHeads')
    const fin = await c.call<string>('chain_subscribeFinalisedHeads')
    await c.waitFor(all, 1)
    await c.waitFor(fin, 1)
    expect(c.notifications(all)[0]!.method).toBe('chain_allHead')
    expect(c.notifications(fin)[0]!.method).toBe('chain_finalizedHead')
    const { hash } = await c.call<{ hash: string }>('engine_createBlock', [true, true])
    const a = await c.waitFor(all, 2)
    const f = await c.waitFor(fin, 2)
    expect(pjsHash(a[1]!.params.result as Header)).toBe(hash)
    expect(pjsHash(f[1]!.params.result as Header)).toBe(hash)
    expect(await c.call('chain_unsubscribeAllHeads', [all])).toBe(true)
    expect(await c.call('chain_unsubscribeFinalisedHeads', [fin])).toBe(true)
    const us = await c.call<string>('chain_subscribeFinalizedHeads')
    expect((await c.waitFor(us, 1))[0]!.params.result).toEqual(f[1]!.params.result)
    expect(await c.call('chain_unsubscribeFinalizedHeads', [us])).toBe(true)
  })
})

describe('generic errors', () => {
  it('unknown method and bad params', async () => {
    expect(await c.error('chain_nope')).toEqual({ code: -32601, message: 'Method not found' })
    const e = await c.error('state_getStorage', ['0xzz'])
    expect(e.code).toBe(-32602)
    expect(e.message).toBe('Invalid params')
  })
})

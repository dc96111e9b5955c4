// state_* against a real dev node: reads, paging, proofs, runtime calls, unknown blocks and the
// storage / runtime-version subscriptions.
import { Metadata, TypeRegistry } from '@polkadot/types'
import type { RuntimeVersion } from '@polkadot/types/interfaces'
import { hexToU8a, u8aToHex } from '@polkadot/util'
import { blake2AsHex, xxhashAsU8a } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyReadProof } from '../../../src/storage/trie/index.js'
import { devNode, type Harness } from './node-harness.js'
import type { RawClient } from './ws-client.js'

const registry = new TypeRegistry()
const twox128 = (s: string): Uint8Array => xxhashAsU8a(s, 128)
const key = (pallet: string, item: string): string => u8aToHex(new Uint8Array([...twox128(pallet), ...twox128(item)]))
const SYSTEM_NUMBER = key('System', 'Number')
const SYSTEM_ACCOUNT = key('System', 'Account')
const MISSING = '0x' + 'ee'.repeat(20)
const UNKNOWN = '0x' + '42'.repeat(32)
const u32 = (n: number): string => u8aToHex(new Uint8Array(new Uint32Array([n]).buffer))

type Header = { parentHash: string; number: string; stateRoot: string }
type ChangeSet = { block: string; changes: [string, string | null][] }

let h: Harness
let c: RawClient

beforeAll(async () => {
  h = await devNode()
  c = h.client
  await c.call('dev_newBlock', [{ count: 2 }])
})
afterAll(async () => {
  await h?.close()
})

const bestNumber = async (): Promise<number> => parseInt((await c.call<Header>('chain_getHeader')).number, 16)

describe('runtime version and metadata', () => {
  it('runtime version JSON', async () => {
    const v = await c.call<Record<string, unknown>>('state_getRuntimeVersion')
    expect(Object.keys(v)).toEqual([
      'specName', 'implName', 'authoringVersion', 'specVersion', 'implVersion', 'apis', 'transactionVersion', 'systemVersion', 'stateVersion',
    ])
    expect(v.specName).toBe('node-subtensor')
    expect(v.specVersion).toBe(425)
    // blake2_64("Core") and blake2_64("Metadata"), computed here.
    const apis = v.apis as [string, number][]
    expect(apis).toContainEqual([blake2AsHex('Core', 64), 5])
    expect(apis.find(([id]) => id === blake2AsHex('Metadata', 64))![1]).toBeGreaterThanOrEqual(2)
    expect(await c.call('chain_getRuntimeVersion')).toEqual(v)
    const g = await c.call<string>('chain_getBlockHash', [0])
    expect(await c.call('state_getRuntimeVersion', [g])).toEqual(v)
  })

  it('metadata is V14 and decodes', async () => {
    const m = await c.call<string>('state_getMetadata')
    expect(m.startsWith('0x6d6574610e')).toBe(true)
    const meta = new Metadata(registry, m as `0x${string}`)
    expect(meta.version).toBe(14)
    expect(meta.asLatest.pallets.some((p) => p.name.toString() === 'System')).toBe(true)
  })
})

describe('storage reads', () => {
  it('getStorage / At / Hash / Size', async () => {
    const n = await bestNumber()
    expect(await c.call('state_getStorage', [SYSTEM_NUMBER])).toBe(u32(n))
    const h1 = await c.call<string>('chain_getBlockHash', [1])
    expect(await c.call('state_getStorageAt', [SYSTEM_NUMBER, h1])).toBe(u32(1))
    expect(await c.call('state_getStorage', [SYSTEM_NUMBER.slice(2), h1])).toBe(u32(1))
    expect(await c.call('state_getStorage', [MISSING])).toBeNull()
    expect(await c.call('state_getStorageHash', [SYSTEM_NUMBER])).toBe(blake2AsHex(hexToU8a(u32(n))))
    expect(await c.call('state_getStorageHashAt', [MISSING])).toBeNull()
    expect(await c.call('state_getStorageSize', [SYSTEM_NUMBER])).toBe(4)
    expect(await c.call('state_getStorageSizeAt', [MISSING])).toBeNull()
    // A prefix with no value of its own: the sum of the values below it.
    const pairs = await c.call<[string, string][]>('state_getPairs', [SYSTEM_ACCOUNT])
    const total = pairs.reduce((s, [, v]) => s + (v.length - 2) / 2, 0)
    expect(total).toBeGreaterThan(0)
    expect(await c.call('state_getStorageSize', [SYSTEM_ACCOUNT])).toBe(total)
  })

  it('keys, pages (exclusive start key) and the count limit', async () => {
    const keys = await c.call<string[]>('state_getKeys', [SYSTEM_ACCOUNT])
    expect(keys.length).toBeGreaterThanOrEqual(3)
    expect([...keys].sort()).toEqual(keys)
    for (const k of keys) expect(k.startsWith(SYSTEM_ACCOUNT)).toBe(true)
    const page1 = await c.call<string[]>('state_getKeysPaged', [SYSTEM_ACCOUNT, 2, SYSTEM_ACCOUNT])
    expect(page1).toEqual(keys.slice(0, 2))
    const page2 = await c.call<string[]>('state_getKeysPagedAt', [SYSTEM_ACCOUNT, 1000, page1[1]])
    expect(page2).toEqual(keys.slice(2))
    expect(await c.call('state_getKeysPaged', [SYSTEM_ACCOUNT, 0])).toEqual([])
    const all = await c.call<string[]>('state_getKeysPaged', [null, 5])
    expect(all.length).toBe(5)
    expect(await c.error('state_getKeysPaged', [SYSTEM_ACCOUNT, 1001])).toEqual({
      code: 4002, message: 'count exceeds maximum value. value: 1001, max: 1000',
    })
  })

  it('queryStorageAt lists every key, null for absent ones; queryStorage walks a range', async () => {
    const best = await c.call<string>('chain_getBlockHash')
    const n = await bestNumber()
    expect(await c.call('state_queryStorageAt', [[SYSTEM_NUMBER, MISSING]])).toEqual([
      { block: best, changes: [[SYSTEM_NUMBER, u32(n)], [MISSING, null]] },
    ])
    const g = await c.call<string>('chain_getBlockHash', [0])
    const r = await c.call<ChangeSet[]>('state_queryStorage', [[SYSTEM_NUMBER], g, best])
    // The genesis value (whatever it is) first, then each block changes the number.
    const atGenesis = await c.call<string | null>('state_getStorage', [SYSTEM_NUMBER, g])
    expect(r.map((s) => s.changes)).toEqual(
      [[[SYSTEM_NUMBER, atGenesis]], ...Array.from({ length: n }, (_, i) => [[SYSTEM_NUMBER, u32(i + 1)]])],
    )
    expect(r[0]!.block).toBe(g)
    expect(r[n]!.block).toBe(best)
  })

  it('read proofs verify against the state root', async () => {
    const best = await c.call<string>('chain_getBlockHash')
    const header = await c.call<Header>('chain_getHeader', [best])
    const p = await c.call<{ at: string; proof: string[] }>('state_getReadProof', [[SYSTEM_NUMBER, MISSING]])
    expect(p.at).toBe(best)
    const read = verifyReadProof(hexToU8a(header.stateRoot), p.proof.map((x) => hexToU8a(x)), [hexToU8a(SYSTEM_NUMBER), hexToU8a(MISSING)])
    expect(read.get(SYSTEM_NUMBER)).toEqual(hexToU8a(u32(await bestNumber())))
    expect(read.get(MISSING)).toBeNull()
  })
})

describe('state_call', () => {
  it('runs runtime APIs, with or without 0x, empty input as "" or "0x"', async () => {
    const out = await c.call<string>('state_call', ['Core_version', '0x'])
    expect(registry.createType<RuntimeVersion>('RuntimeVersion', hexToU8a(out)).specVersion.toNumber()).toBe(425)
    expect(await c.call('state_callAt', ['Core_version', ''])).toBe(out)
    // Vec<u32> [14, 15]
    expect(await c.call('state_call', ['Metadata_metadata_versions', ''])).toBe('0x080e0000000f000000')
  })

  it('undecodable input: the runtime panic text', async () => {
    const e = await c.error('state_call', ['AccountNonceApi_account_nonce', '0x01'])
    expect(e.code).toBe(4003)
    expect(e.message.startsWith('Client error: Execution failed: Runtime panicked: Bad input data provided to account_nonce: ')).toBe(true)
  })

  it('unknown runtime API method: 4003 with the executor text', async () => {
    expect(await c.error('state_call', ['Foo_bar', '0x'])).toEqual({
      code: 4003, message: 'Client error: Execution failed: Other: Exported method Foo_bar is not found',
    })
  })
})

describe('unknown block hashes', () => {
  const notFound = `Header was not found in the database: ${UNKNOWN}`
  it('storage reads and calls: client error UnknownBlock', async () => {
    for (const [m, p] of [
      ['state_getStorage', [SYSTEM_NUMBER, UNKNOWN]],
      ['state_getKeysPaged', [SYSTEM_ACCOUNT, 10, null, UNKNOWN]],
      ['state_getReadProof', [[SYSTEM_NUMBER], UNKNOWN]],
      ['state_call', ['Core_version', '0x', UNKNOWN]],
    ] as const) {
      expect(await c.error(m, p)).toEqual({ code: 4003, message: `Client error: UnknownBlock: ${notFound}` })
    }
  })
  it('runtime API reads: Api called for an unknown Block', async () => {
    for (const m of ['state_getRuntimeVersion', 'state_getMetadata']) {
      expect(await c.error(m, [UNKNOWN])).toEqual({ code: 4003, message: `Client error: Api called for an unknown Block: ${notFound}` })
    }
  })
  it('queryStorageAt: an unresolvable block range', async () => {
    expect(await c.error('state_queryStorageAt', [[SYSTEM_NUMBER], UNKNOWN])).toEqual({
      code: 4001,
      message: `Cannot resolve a block range ['"${UNKNOWN}"' ... '"Some(${UNKNOWN})"]. UnknownBlock: ${notFound}`,
    })
  })
})

describe('subscriptions', () => {
  it('storage: all requested keys first (null when absent), then only changed keys per block', async () => {
    const sub = await c.call<string>('state_subscribeStorage', [[SYSTEM_NUMBER, MISSING]])
    const n = await bestNumber()
    const [first] = await c.waitFor(sub, 1)
    expect(first!.method).toBe('state_storage')
    expect(first!.params.result).toEqual({ block: await c.call('chain_getBlockHash'), changes: [[SYSTEM_NUMBER, u32(n)], [MISSING, null]] })
    const { hash } = await c.call<{ hash: string }>('engine_createBlock', [true, true])
    const got = await c.waitFor(sub, 2)
    expect(got[1]!.params.result).toEqual({ block: hash, changes: [[SYSTEM_NUMBER, u32(n + 1)]] })
    expect(await c.call('state_unsubscribeStorage', [sub])).toBe(true)
  })

  it('storage without keys: every change of each new best block', async () => {
    const sub = await c.call<string>('state_subscribeStorage', [])
    const { hash } = await c.call<{ hash: string }>('engine_createBlock', [true, true])
    const [note] = await c.waitFor(sub, 1)
    const set = note!.params.result as ChangeSet
    expect(set.block).toBe(hash)
    expect(set.changes).toContainEqual([SYSTEM_NUMBER, u32(await bestNumber())])
    expect(await c.call('state_unsubscribeStorage', [sub])).toBe(true)
  })

  it('runtime version: current version first, through both names', async () => {
    const v = await c.call('state_getRuntimeVersion')
    const a = await c.call<string>('state_subscribeRuntimeVersion')
    const b = await c.call<string>('chain_subscribeRuntimeVersion')
    expect((await c.waitFor(a, 1))[0]!.params.result).toEqual(v)
    expect((await c.waitFor(b, 1))[0]!.method).toBe('state_runtimeVersion')
    expect(await c.call('state_unsubscribeRuntimeVersion', [a])).toBe(true)
    expect(await c.call('chain_unsubscribeRuntimeVersion', [b])).toBe(true)
  })
})

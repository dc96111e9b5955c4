// dev_* and engine_* against a real dev node without instant finality (so the head can move back),
// plus the unsafe-method policy on a node that only serves safe methods.
import { TypeRegistry } from '@polkadot/types'
import { hexToU8a, u8aToHex } from '@polkadot/util'
import { xxhashAsU8a } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devNode, type Harness } from './node-harness.js'
import type { RawClient } from './ws-client.js'

const registry = new TypeRegistry()
const key = (pallet: string, item: string): string => u8aToHex(new Uint8Array([...xxhashAsU8a(pallet, 128), ...xxhashAsU8a(item, 128)]))
const TIMESTAMP_NOW = key('Timestamp', 'Now')
const CUSTOM = '0x' + 'c0de'.repeat(8)
type Header = { parentHash: string; number: string }

let h: Harness
let c: RawClient

beforeAll(async () => {
  h = await devNode({ instantFinality: false })
  c = h.client
})
afterAll(async () => {
  await h?.close()
})

/** A frame as written (numbers JSON.stringify cannot produce), over a throwaway connection. */
const rawCall = async (frame: string): Promise<{ error?: { code: number } }> => {
  const { default: WebSocket } = await import('ws')
  const ws = new WebSocket(h.url)
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
  const reply = new Promise<string>((r) => ws.once('message', (d: Buffer) => r(d.toString())))
  ws.send(frame)
  const text = await reply
  ws.close()
  return JSON.parse(text) as { error?: { code: number } }
}

const best = async (): Promise<{ hash: string; number: number }> => {
  const hash = await c.call<string>('chain_getBlockHash')
  const header = await c.call<Header>('chain_getHeader', [hash])
  return { hash, number: parseInt(header.number, 16) }
}

describe('dev_newBlock', () => {
  it('builds count blocks, or up to a height, and returns the last hash', async () => {
    const start = await best()
    const last = await c.call<string>('dev_newBlock', [{ count: 3 }])
    expect(await best()).toEqual({ hash: last, number: start.number + 3 })
    const to = await c.call<string>('dev_newBlock', [{ to: start.number + 5 }])
    expect(await best()).toEqual({ hash: to, number: start.number + 5 })
    // No parameters: one block.
    await c.call('dev_newBlock')
    expect((await best()).number).toBe(start.number + 6)
  })
})

describe('dev_setStorage', () => {
  it('commits raw writes as a new block; the parent keeps its state', async () => {
    const parent = await best()
    const hash = await c.call<string>('dev_setStorage', [[[CUSTOM, '0x01020304']]])
    const now = await best()
    expect(now).toEqual({ hash, number: parent.number + 1 })
    expect((await c.call<Header>('chain_getHeader', [hash])).parentHash).toBe(parent.hash)
    expect(await c.call('state_getStorage', [CUSTOM, hash])).toBe('0x01020304')
    expect(await c.call('state_getStorage', [CUSTOM, parent.hash])).toBeNull()
    const del = await c.call<string>('dev_setStorage', [[[CUSTOM, null]]])
    expect(await c.call('state_getStorage', [CUSTOM, del])).toBeNull()
    expect((await c.error('dev_setStorage', [{ System: { Number: 5 } }])).code).toBe(1)
  })

  it('a storage subscriber sees the write', async () => {
    const sub = await c.call<string>('state_subscribeStorage', [[CUSTOM]])
    await c.waitFor(sub, 1)
    const hash = await c.call<string>('dev_setStorage', [[[CUSTOM, '0xff']]])
    const got = await c.waitFor(sub, 2)
    expect(got[1]!.params.result).toEqual({ block: hash, changes: [[CUSTOM, '0xff']] })
  })
})

describe('dev_timeTravel', () => {
  it('moves the clock blocks take their timestamp from', async () => {
    const target = Date.parse('2031-05-01T00:00:00Z')
    expect(await c.call('dev_timeTravel', ['2031-05-01T00:00:00Z'])).toBe(target)
    const hash = await c.call<string>('dev_newBlock')
    const raw = await c.call<string>('state_getStorage', [TIMESTAMP_NOW, hash])
    const ts = registry.createType('u64', hexToU8a(raw)).toNumber()
    expect(ts).toBeGreaterThanOrEqual(target - 12_000)
    expect(ts).toBeLessThan(target + 60_000)
    expect(await c.error('dev_timeTravel', ['not a date'])).toEqual({ code: 1, message: 'Invalid date' })
  })

  it('refuses times a block cannot carry, with invalid params, and changes nothing (issue 16, 6)', async () => {
    const before = await best()
    const nowBefore = registry.createType('u64', hexToU8a(await c.call<string>('state_getStorage', [TIMESTAMP_NOW]))).toBigInt()
    // Unencodable numbers, and strings JSON.parse cannot even give exactly.
    for (const bad of ['1e300', '18446744073709551616', '18446744073709551615', '9007199254740993', '-1', '1.5', '-0.5']) {
      const r = await rawCall(`{"jsonrpc":"2.0","id":7,"method":"dev_timeTravel","params":[${bad}]}`)
      expect(r.error?.code, bad).toBe(-32602)
    }
    for (const bad of [2 ** 64, 1e300, -1, 0.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect((await c.error('dev_timeTravel', [bad])).code, String(bad)).toBe(-32602)
    }
    // NaN, Infinity and friends cannot be JSON; null, booleans and objects are no time either.
    for (const bad of [null, true, {}, []]) expect((await c.error('dev_timeTravel', [bad])).code).toBe(-32602)
    // Nothing moved: the next block still takes a timestamp near the previous one's clock.
    await c.call('dev_newBlock')
    const after = await best()
    expect(after.number).toBe(before.number + 1)
    const nowAfter = registry.createType('u64', hexToU8a(await c.call<string>('state_getStorage', [TIMESTAMP_NOW]))).toBigInt()
    expect(nowAfter - nowBefore).toBeGreaterThan(0n)
    expect(nowAfter - nowBefore).toBeLessThan(120_000n)
  })
})

describe('dev_setHead', () => {
  it('moves the head by hash, absolute or relative number', async () => {
    const top = await best()
    const back = await c.call<string>('dev_setHead', [-2])
    expect(back).toBe(await c.call('chain_getBlockHash', [top.number - 2]))
    expect((await best()).hash).toBe(back)
    expect(await c.call('dev_setHead', [top.hash])).toBe(top.hash)
    expect((await best()).hash).toBe(top.hash)
    expect(await c.error('dev_setHead', [999999])).toEqual({ code: 1, message: 'Block not found 999999' })
  })

  it('new-heads subscribers get every block the head jumps over, in order', async () => {
    const top = await best()
    await c.call('dev_setHead', [top.number - 3])
    const sub = await c.call<string>('chain_subscribeNewHeads')
    await c.waitFor(sub, 1)
    await c.call('dev_setHead', [top.hash])
    const got = await c.waitFor(sub, 4)
    expect(got.map((n) => parseInt((n.params.result as Header).number, 16))).toEqual([top.number - 3, top.number - 2, top.number - 1, top.number])
    expect(await c.call('chain_unsubscribeNewHeads', [sub])).toBe(true)
  })
})

describe('manual seal', () => {
  it('engine_createBlock: shape, empty-pool refusal, unknown parent', async () => {
    expect(await c.error('engine_createBlock', [false, false])).toEqual({
      code: 12000, message: 'Transaction pool is empty, set create_empty to true, if you want to create empty blocks',
    })
    const r = await c.call<{ hash: string; aux: Record<string, boolean>; proof_size: number }>('engine_createBlock', [true, false])
    expect(r).toEqual({
      hash: (await best()).hash,
      aux: { header_only: false, clear_justification_requests: false, needs_justification: false, bad_justification: false, is_new_best: true },
      proof_size: 0,
    })
    const unknown = '0x1234' + '00'.repeat(28) + 'abcd'
    expect(await c.error('engine_createBlock', [true, false, unknown])).toEqual({
      code: 13000, message: 'Supplied parent_hash: 0x1234…abcd doesn\'t exist in chain',
    })
    expect((await c.error('engine_createBlock', ['yes', false])).code).toBe(-32602)
  })

  it('engine_finalizeBlock finalizes and answers true', async () => {
    const { hash } = await c.call<{ hash: string }>('engine_createBlock', [true, false])
    expect(await c.call('chain_getFinalizedHead')).not.toBe(hash)
    expect(await c.call('engine_finalizeBlock', [hash])).toBe(true)
    expect(await c.call('chain_getFinalizedHead')).toBe(hash)
    // manual-seal answers true even when there is nothing to finalize.
    expect(await c.call('engine_finalizeBlock', ['0x' + '42'.repeat(32)])).toBe(true)
    // Two children of the same parent: the second one does not become the best block.
    const first = await c.call<{ hash: string; aux: { is_new_best: boolean } }>('engine_createBlock', [true, false, hash])
    expect(first.aux.is_new_best).toBe(true)
    // Unsealed manual-seal blocks with the same inputs are the same block; a later clock makes the
    // sibling's timestamp (and so the block) differ.
    const nowKey = '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb'
    const headNow = Buffer.from((await c.call<string>('state_getStorage', [nowKey, first.hash])).slice(2), 'hex').readBigUInt64LE()
    await c.call('dev_timeTravel', [Number(headNow) + 86_400_000])
    const sibling = await c.call<{ hash: string; aux: { is_new_best: boolean } }>('engine_createBlock', [true, false, hash])
    expect(sibling.hash).not.toBe(first.hash)
    expect(sibling.aux.is_new_best).toBe(false)
    expect((await best()).hash).toBe(first.hash)
  })
})

describe('unsafe methods on a safe endpoint', () => {
  it('are listed but refused with the policy error (state methods wrap it in 4003)', async () => {
    const safe = await devNode({ rpcMethods: 'safe' })
    try {
      const s = safe.client
      const methods = (await s.call<{ methods: string[] }>('rpc_methods')).methods
      expect(methods).toContain('system_dryRun')
      const msg = 'RPC call is unsafe to be called externally'
      expect(await s.error('system_dryRun', ['0x00'])).toEqual({ code: -32601, message: msg })
      expect(await s.error('author_rotateKeys')).toEqual({ code: -32601, message: msg })
      expect(await s.error('dev_newBlock')).toEqual({ code: -32601, message: msg })
      expect(await s.error('state_getPairs', ['0x'])).toEqual({ code: 4003, message: msg })
      expect(typeof (await s.call('system_chain'))).toBe('string')
      // Issue 16 (2): manual seal's block production is unsafe too, and changes nothing when refused.
      const before = await s.call<string>('chain_getBlockHash')
      expect(await s.error('engine_createBlock', [true, true])).toEqual({ code: -32601, message: msg })
      expect(await s.error('engine_finalizeBlock', [before])).toEqual({ code: -32601, message: msg })
      expect(await s.call<string>('chain_getBlockHash')).toBe(before)
    } finally {
      await safe.close()
    }
  })
})

describe('engine_* exist only in manual-seal mode', () => {
  it('an Aura-authoring node does not register them', async () => {
    const aura = await devNode({ sealing: { kind: 'aura', ms: 12_000 } })
    try {
      const methods = (await aura.client.call<{ methods: string[] }>('rpc_methods')).methods
      expect(methods).not.toContain('engine_createBlock')
      expect(methods).not.toContain('engine_finalizeBlock')
      expect(methods).toContain('dev_newBlock')
      expect(await aura.client.error('engine_createBlock', [true, true])).toEqual({ code: -32601, message: 'Method not found' })
    } finally {
      await aura.close()
    }
  })

  for (const sealing of [{ kind: 'instant' }, { kind: 'interval', ms: 60_000 }] as const) {
    it(`--sealing ${sealing.kind} registers them`, async () => {
      const n = await devNode({ sealing })
      try {
        const methods = (await n.client.call<{ methods: string[] }>('rpc_methods')).methods
        expect(methods).toEqual(expect.arrayContaining(['engine_createBlock', 'engine_finalizeBlock']))
      } finally {
        await n.close()
      }
    })
  }
})

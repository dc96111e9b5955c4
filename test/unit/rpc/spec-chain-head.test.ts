// chainHead_v1_* against a real dev node (manual sealing), checked against the spec
// (paritytech/json-rpc-interface-spec) event by event and error code by error code.
import { blake2AsHex } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devNode, type Harness } from './node-harness.js'
import { FollowReader, waitUntil, type FollowEvent } from './spec-helpers.js'
import { RawClient } from './ws-client.js'

let h: Harness
let c: RawClient

beforeAll(async () => {
  h = await devNode()
  c = h.client
})
afterAll(async () => {
  await h?.close()
})

const CODE = '0x3a636f6465'
const newBlocks = (n: number): Promise<string> => c.call<string>('dev_newBlock', [{ count: n }])
const createBlock = async (finalize: boolean, parent?: string): Promise<string> =>
  (await c.call<{ hash: string }>('engine_createBlock', parent ? [true, finalize, parent] : [true, finalize])).hash
const is = (name: string) => (e: FollowEvent): boolean => e.event === name

describe('chainHead_v1_follow events', () => {
  it('without runtime: initialized, bestBlockChanged, then newBlock / bestBlockChanged / finalized per block', async () => {
    const fin = await c.call<string>('chain_getFinalizedHead')
    const f = await FollowReader.open(c, false)
    const start = await f.until(is('bestBlockChanged'))
    expect(start).toEqual([
      { event: 'initialized', finalizedBlockHashes: [fin] },
      { event: 'bestBlockChanged', bestBlockHash: fin },
    ])
    const b1 = await newBlocks(1)
    const evs = await f.until(is('finalized'))
    expect(evs).toEqual([
      { event: 'newBlock', blockHash: b1, parentBlockHash: fin },
      { event: 'bestBlockChanged', bestBlockHash: b1 },
      { event: 'finalized', finalizedBlockHashes: [b1], prunedBlockHashes: [] },
    ])
    await c.call('chainHead_v1_unfollow', [f.sub])
  })

  it('with runtime: the finalized runtime, newRuntime null, and newRuntime on the block that changes :code', async () => {
    const version = await c.call<{ specName: string; implName: string; specVersion: number; implVersion: number; transactionVersion: number; apis: [string, number][] }>('state_getRuntimeVersion')
    const f = await FollowReader.open(c, true)
    const [init] = await f.until(is('bestBlockChanged'))
    expect(init!.finalizedBlockRuntime).toEqual({
      type: 'valid',
      spec: {
        specName: version.specName, implName: version.implName, specVersion: version.specVersion,
        implVersion: version.implVersion, transactionVersion: version.transactionVersion,
        apis: Object.fromEntries(version.apis),
      },
    })
    const b1 = await newBlocks(1)
    const nb = (await f.until(is('newBlock'))).at(-1)
    expect(nb).toMatchObject({ blockHash: b1, newRuntime: null })
    const b2 = await c.call<string>('dev_setStorage', [[[CODE, '0x' + Buffer.from('another runtime').toString('hex')]]])
    const nb2 = (await f.until(is('newBlock'))).at(-1)
    expect(nb2).toEqual({ event: 'newBlock', blockHash: b2, parentBlockHash: b1, newRuntime: init!.finalizedBlockRuntime })
    // Back to the original code: another runtime change.
    const original = await c.call<string>('state_getStorage', [CODE, b1])
    const b3 = await c.call<string>('dev_setStorage', [[[CODE, original]]])
    const nb3 = (await f.until(is('newBlock'))).at(-1)
    expect(nb3).toMatchObject({ blockHash: b3, newRuntime: { type: 'valid' } })
    await c.call('chainHead_v1_unfollow', [f.sub])
  })

  it('reports forks parents first and prunes them on finalization; the best block is never pruned', async () => {
    const f = await FollowReader.open(c, false)
    await f.until(is('bestBlockChanged'))
    const fin = await c.call<string>('chain_getFinalizedHead')
    const a1 = await createBlock(false)
    const a2 = await createBlock(false)
    // A sibling of a1 needs other contents than a1: a later timestamp.
    await c.call('dev_timeTravel', [Date.now() + 3_600_000])
    const b1 = await createBlock(false, fin)
    const evs = await f.until((e) => e.event === 'newBlock' && e.blockHash === b1)
    expect(evs.filter(is('newBlock'))).toEqual([
      { event: 'newBlock', blockHash: a1, parentBlockHash: fin },
      { event: 'newBlock', blockHash: a2, parentBlockHash: a1 },
      { event: 'newBlock', blockHash: b1, parentBlockHash: fin },
    ])
    await c.call('engine_finalizeBlock', [a2])
    const finalized = (await f.until(is('finalized'))).at(-1)
    expect(finalized).toEqual({ event: 'finalized', finalizedBlockHashes: [a1, a2], prunedBlockHashes: [b1] })
    // Pruned blocks stay pinned until unpinned.
    expect(await c.call('chainHead_v1_header', [f.sub, b1])).toMatch(/^0x/)
    await c.call('chainHead_v1_unfollow', [f.sub])
  })

  it('a new follow reports every non-finalized block, then the best', async () => {
    const fin = await c.call<string>('chain_getFinalizedHead')
    const x1 = await createBlock(false)
    const x2 = await createBlock(false)
    const f = await FollowReader.open(c, false)
    expect(await f.until(is('bestBlockChanged'))).toEqual([
      { event: 'initialized', finalizedBlockHashes: [fin] },
      { event: 'newBlock', blockHash: x1, parentBlockHash: fin },
      { event: 'newBlock', blockHash: x2, parentBlockHash: x1 },
      { event: 'bestBlockChanged', bestBlockHash: x2 },
    ])
    await c.call('engine_finalizeBlock', [x2])
    expect(await f.until(is('finalized'))).toEqual([{ event: 'finalized', finalizedBlockHashes: [x1, x2], prunedBlockHashes: [] }])
    await c.call('chainHead_v1_unfollow', [f.sub])
  })
})

describe('pinning', () => {
  it('header, unpin (single and array) with the spec error codes; a failed unpin unpins nothing', async () => {
    const f = await FollowReader.open(c, false)
    const [init] = await f.until(is('initialized'))
    const fin = (init!.finalizedBlockHashes as string[])[0]!
    const b1 = await newBlocks(1)
    await f.until(is('finalized'))
    const header = await c.call<string>('chainHead_v1_header', [f.sub, b1])
    expect(blake2AsHex(header, 256)).toBe(b1)
    const unknown = '0x' + '11'.repeat(32)
    expect((await c.error('chainHead_v1_unpin', [f.sub, unknown])).code).toBe(-32801)
    expect((await c.error('chainHead_v1_unpin', [f.sub, [b1, b1]])).code).toBe(-32804)
    expect((await c.error('chainHead_v1_unpin', [f.sub, [b1, unknown]])).code).toBe(-32801)
    expect(await c.call('chainHead_v1_header', [f.sub, b1])).toBe(header)
    expect((await c.error('chainHead_v1_unpin', [f.sub, 42])).code).toBe(-32602)
    expect(await c.call('chainHead_v1_unpin', [f.sub, [fin, b1]])).toBe(null)
    expect((await c.error('chainHead_v1_header', [f.sub, b1])).code).toBe(-32801)
    expect((await c.error('chainHead_v1_unpin', [f.sub, b1])).code).toBe(-32801)
    expect((await c.error('chainHead_v1_header', [f.sub, unknown])).code).toBe(-32801)
    // An unknown subscription: header is null, unpin is ignored.
    expect(await c.call('chainHead_v1_header', ['nope', b1])).toBe(null)
    expect(await c.call('chainHead_v1_unpin', ['nope', b1])).toBe(null)
    await c.call('chainHead_v1_unfollow', [f.sub])
  })
})

describe('operations', () => {
  let f: FollowReader
  let best: string
  beforeAll(async () => {
    f = await FollowReader.open(c, true)
    await f.until(is('bestBlockChanged'))
    best = await newBlocks(1)
    await f.until(is('finalized'))
  })
  afterAll(async () => {
    await c.call('chainHead_v1_unfollow', [f.sub])
  })

  const start = async (method: string, params: unknown[]): Promise<string> => {
    const r = await c.call<{ result: string; operationId: string }>(method, [f.sub, ...params])
    expect(r.result).toBe('started')
    return r.operationId
  }

  it('body: the block extrinsics as stored', async () => {
    const block = await c.call<{ block: { extrinsics: string[] } }>('chain_getBlock', [best])
    const id = await start('chainHead_v1_body', [best])
    expect(await f.operation(id)).toEqual([{ event: 'operationBodyDone', operationId: id, value: block.block.extrinsics }])
  })

  it('call: output as state_call, operationError for a missing function, -32802 without runtime', async () => {
    const expected = await c.call<string>('state_call', ['Core_version', '0x', best])
    const id = await start('chainHead_v1_call', [best, 'Core_version', '0x'])
    expect(await f.operation(id)).toEqual([{ event: 'operationCallDone', operationId: id, output: expected }])
    const bad = await start('chainHead_v1_call', [best, 'Nope_nothing', '0x'])
    const [err] = await f.operation(bad)
    expect(err).toMatchObject({ event: 'operationError', operationId: bad })
    expect(err!.error).toContain('Nope_nothing')
    const plain = await FollowReader.open(c, false)
    await plain.until(is('bestBlockChanged'))
    expect((await c.error('chainHead_v1_call', [plain.sub, best, 'Core_version', '0x'])).code).toBe(-32802)
    await c.call('chainHead_v1_unfollow', [plain.sub])
  })

  it('storage: value, hash, closestDescendantMerkleValue, descendantsValues and descendantsHashes', async () => {
    const accountPrefix = '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9'
    const keys = await c.call<string[]>('state_getKeysPaged', [accountPrefix, 1000, accountPrefix, best])
    const values = await Promise.all(keys.map((k) => c.call<string>('state_getStorage', [k, best])))
    const code = await c.call<string>('state_getStorage', [CODE, best])
    const header = await c.call<{ stateRoot: string }>('chain_getHeader', [best])
    const id = await start('chainHead_v1_storage', [best, [
      { key: CODE, type: 'value' },
      { key: CODE, type: 'hash' },
      { key: '0x', type: 'closestDescendantMerkleValue' },
      { key: accountPrefix, type: 'closestDescendantMerkleValue' },
      { key: '0x1234', type: 'value' },
      { key: accountPrefix, type: 'descendantsValues' },
      { key: accountPrefix, type: 'descendantsHashes' },
    ], null])
    const evs = await f.operation(id)
    expect(evs.at(-1)).toEqual({ event: 'operationStorageDone', operationId: id })
    const items = evs.filter(is('operationStorageItems')).flatMap((e) => e.items as Record<string, string>[])
    expect(items.slice(0, 3)).toEqual([
      { key: CODE, value: code },
      { key: CODE, hash: blake2AsHex(code, 256) },
      // The closest descendant of the empty key is the root node, whose hash is the state root.
      { key: '0x', closestDescendantMerkleValue: header.stateRoot },
    ])
    // The Merkle value of the accounts' closest node is the hash of one of the nodes a read proof of an account holds.
    const proof = await c.call<{ proof: string[] }>('state_getReadProof', [[keys[0]], best])
    const merkle = items[3]!
    expect(merkle.key).toBe(accountPrefix)
    expect(proof.proof.map((n) => blake2AsHex(n, 256))).toContain(merkle.closestDescendantMerkleValue)
    // Absent key: no item. Then every account, values then hashes.
    expect(items.slice(4)).toEqual([
      ...keys.map((key, i) => ({ key, value: values[i] })),
      ...keys.map((key, i) => ({ key, hash: blake2AsHex(values[i]!, 256) })),
    ])
  })

  it('storage pagination: operationWaitingForContinue, continue, stopOperation; -32803 when not waiting', async () => {
    const prefix = '0xabcdef'
    const writes = Array.from({ length: 300 }, (_, i) => [prefix + i.toString(16).padStart(4, '0'), '0x' + i.toString(16).padStart(2, '0').slice(-2)])
    const blk = await c.call<string>('dev_setStorage', [writes])
    await f.until((e) => e.event === 'finalized' && (e.finalizedBlockHashes as string[]).includes(blk))
    const id = await start('chainHead_v1_storage', [blk, [{ key: prefix, type: 'descendantsValues' }], null])
    const first = await f.operation(id)
    expect(first.at(-1)).toEqual({ event: 'operationWaitingForContinue', operationId: id })
    const page1 = first.filter(is('operationStorageItems')).flatMap((e) => e.items as { key: string }[])
    expect(page1.length).toBe(256)
    expect(await c.call('chainHead_v1_continue', [f.sub, id])).toBe(null)
    await waitUntil(() => f.all().some((e) => e.operationId === id && e.event === 'operationStorageDone'))
    const all = f.all().filter((e) => e.operationId === id && e.event === 'operationStorageItems').flatMap((e) => e.items as { key: string; value: string }[])
    expect(all.map((i) => i.key)).toEqual(writes.map((w) => w[0]).sort())
    expect((await c.error('chainHead_v1_continue', [f.sub, id])).code).toBe(-32803)

    const id2 = await start('chainHead_v1_storage', [blk, [{ key: prefix, type: 'descendantsHashes' }], null])
    await f.operation(id2)
    expect(await c.call('chainHead_v1_stopOperation', [f.sub, id2])).toBe(null)
    expect((await c.error('chainHead_v1_continue', [f.sub, id2])).code).toBe(-32803)
    await newBlocks(1)
    await f.until(is('finalized'))
    expect(f.all().filter((e) => e.operationId === id2).at(-1)!.event).toBe('operationWaitingForContinue')
  })

  it('16 operations per follow: discardedItems, then limitReached; an unknown follow is limitReached too', async () => {
    const prefix = '0xabcdef'
    const blk = await c.call<string>('chain_getBlockHash', [])
    // 15 paginated operations hold 15 slots while they wait.
    const held: string[] = []
    for (let i = 0; i < 15; i++) {
      const id = await start('chainHead_v1_storage', [blk, [{ key: prefix, type: 'descendantsValues' }], null])
      await f.operation(id)
      held.push(id)
    }
    const r = await c.call<{ result: string; operationId: string; discardedItems: number }>('chainHead_v1_storage', [f.sub, blk, [
      { key: prefix, type: 'descendantsValues' }, { key: CODE, type: 'value' }, { key: CODE, type: 'hash' },
    ], null])
    expect(r).toMatchObject({ result: 'started', discardedItems: 2 })
    await f.operation(r.operationId)
    expect(await c.call('chainHead_v1_body', [f.sub, blk])).toEqual({ result: 'limitReached' })
    expect(await c.call('chainHead_v1_call', [f.sub, blk, 'Core_version', '0x'])).toEqual({ result: 'limitReached' })
    expect(await c.call('chainHead_v1_storage', [f.sub, blk, [{ key: CODE, type: 'value' }], null])).toEqual({ result: 'limitReached' })
    for (const id of [...held, r.operationId]) await c.call('chainHead_v1_stopOperation', [f.sub, id])
    const ok = await c.call<{ result: string }>('chainHead_v1_body', [f.sub, blk])
    expect(ok.result).toBe('started')
    expect(await c.call('chainHead_v1_body', ['nope', blk])).toEqual({ result: 'limitReached' })
    expect(await c.call('chainHead_v1_call', ['nope', blk, 'Core_version', '0x'])).toEqual({ result: 'limitReached' })
    expect(await c.call('chainHead_v1_storage', ['nope', blk, [], null])).toEqual({ result: 'limitReached' })
  })

  it('bad parameters are -32602', async () => {
    expect((await c.error('chainHead_v1_storage', [f.sub, best, [{ key: CODE, type: 'values' }], null])).code).toBe(-32602)
    expect((await c.error('chainHead_v1_body', [f.sub, '0x12'])).code).toBe(-32602)
    expect((await c.error('chainHead_v1_follow', ['yes'])).code).toBe(-32602)
  })
})

describe('limits and lifetime', () => {
  it('four follows per connection, the fifth is -32800', async () => {
    const other = await RawClient.connect(h.url)
    const subs = []
    for (let i = 0; i < 4; i++) subs.push(await other.call<string>('chainHead_v1_follow', [false]))
    expect((await other.error('chainHead_v1_follow', [false])).code).toBe(-32800)
    await other.call('chainHead_v1_unfollow', [subs[0]])
    expect(typeof (await other.call('chainHead_v1_follow', [false]))).toBe('string')
    await other.close()
  })

  it('survives 1,000 fast blocks while unpinning, and leaves no listener behind', async () => {
    const listeners = h.ctx.chain.listenerCount('block')
    const f = await FollowReader.open(c, true)
    const [init] = await f.until(is('bestBlockChanged'))
    let current = (init!.finalizedBlockHashes as string[]).at(-1)!
    const reported: string[] = []
    for (let round = 0; round < 10; round++) {
      const last = await newBlocks(100)
      const evs = await f.until((e) => e.event === 'finalized' && (e.finalizedBlockHashes as string[]).includes(last))
      const fins = evs.filter(is('finalized')).flatMap((e) => e.finalizedBlockHashes as string[])
      reported.push(...evs.filter(is('newBlock')).map((e) => e.blockHash as string))
      await c.call('chainHead_v1_unpin', [f.sub, [current, ...fins.slice(0, -1)]])
      current = fins.at(-1)!
    }
    expect(reported.length).toBe(1000)
    expect(new Set(reported).size).toBe(1000)
    expect(f.all().some(is('stop'))).toBe(false)
    expect(h.ctx.chain.listenerCount('block')).toBe(listeners + 1)
    await c.call('chainHead_v1_unfollow', [f.sub])
    expect(h.ctx.chain.listenerCount('block')).toBe(listeners)
  })

  it('a follow that never unpins is stopped once it holds too many blocks', async () => {
    const listeners = h.ctx.chain.listenerCount('block')
    const f = await FollowReader.open(c, false)
    await f.until(is('bestBlockChanged'))
    await newBlocks(4100)
    const evs = await f.until(is('stop'), 30_000)
    expect(evs.at(-1)).toEqual({ event: 'stop' })
    expect(h.ctx.chain.listenerCount('block')).toBe(listeners)
    expect(await c.call('chainHead_v1_header', [f.sub, await c.call<string>('chain_getFinalizedHead')])).toBe(null)
  })
})

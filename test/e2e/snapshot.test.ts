// Issue 17 (1): dev_snapshot / dev_revert / dev_reset through a real node process, seen by
// @polkadot/api as a user's test suite sees it: the head subscription follows the chain back, the
// balances and the pending pool are those of the snapshot.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { Header } from '@polkadot/types/interfaces'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNodeProcess, type NodeProcess } from './node-process.js'

let node: NodeProcess
let api: ApiPromise
let provider: WsProvider

beforeAll(async () => {
  node = await startNodeProcess(['--dev', '--sealing', 'manual'])
  provider = new WsProvider(node.url)
  api = await ApiPromise.create({ provider, noInitWarn: true })
})

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

const send = <T>(method: string, params: unknown[] = []): Promise<T> => provider.send<T>(method, params)
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25))
  expect(cond()).toBe(true)
}

describe('snapshot and revert with @polkadot/api', () => {
  it('a revert takes the chain, the balances, the pool and the head subscription back', async () => {
    const keyring = new Keyring({ type: 'sr25519' })
    const bob = keyring.addFromUri('//Bob')
    const charlie = keyring.addFromUri('//Charlie')
    await send('dev_newBlock', [{ count: 2 }])
    const heads: Header[] = []
    const unsub = await api.rpc.chain.subscribeNewHeads((h) => { heads.push(h) })

    // One transfer waits in the pool when the snapshot is taken.
    const pending = await api.tx.balances.transferKeepAlive(charlie.address, 1_000_000_000n).signAsync(bob)
    await api.rpc.author.submitExtrinsic(pending)
    const id = await send<number>('dev_snapshot')
    const at = await api.rpc.chain.getHeader()
    const charlieAt = (await api.query.system.account(charlie.address)).data.free.toBigInt()

    // Ten blocks on top, the first one taking the transfer.
    await send('dev_newBlock', [{ count: 10 }])
    await until(() => heads.at(-1)?.number.toNumber() === at.number.toNumber() + 10)
    expect((await api.query.system.account(charlie.address)).data.free.toBigInt()).toBe(charlieAt + 1_000_000_000n)
    expect((await api.rpc.author.pendingExtrinsics()).length).toBe(0)

    expect(await send('dev_revert', [id])).toBe(at.hash.toHex())
    await until(() => heads.at(-1)?.hash.toHex() === at.hash.toHex())
    expect((await api.rpc.chain.getHeader()).toJSON()).toEqual(at.toJSON())
    expect((await api.rpc.chain.getFinalizedHead()).toHex()).toBe(at.hash.toHex())
    expect((await api.query.system.account(charlie.address)).data.free.toBigInt()).toBe(charlieAt)
    expect((await api.rpc.author.pendingExtrinsics()).map((x) => x.toHex())).toEqual([pending.toHex()])

    // The chain goes on from the snapshot; the transfer lands again, in a new block.
    await send('dev_newBlock')
    expect((await api.query.system.account(charlie.address)).data.free.toBigInt()).toBe(charlieAt + 1_000_000_000n)

    // dev_reset: genesis, empty pool, genesis balances.
    const genesis = await api.rpc.chain.getBlockHash(0)
    expect(await send('dev_reset')).toBe(genesis.toHex())
    await until(() => heads.at(-1)?.number.toNumber() === 0)
    expect((await api.rpc.chain.getHeader()).number.toNumber()).toBe(0)
    expect((await api.rpc.author.pendingExtrinsics()).length).toBe(0)
    expect((await api.query.system.account(charlie.address)).toJSON()).toEqual((await api.query.system.account.at(genesis, charlie.address)).toJSON())
    unsub()

    // The snapshot outlives the reset.
    expect(await send('dev_revert', [id])).toBe(at.hash.toHex())
    expect((await api.rpc.author.pendingExtrinsics()).map((x) => x.toHex())).toEqual([pending.toHex()])
  })

  it('an unknown snapshot id is refused with the dev error code', async () => {
    await expect(send('dev_revert', [123_456])).rejects.toThrow(/1: No snapshot with id 123456/)
  })
})

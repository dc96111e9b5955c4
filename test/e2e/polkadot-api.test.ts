// Acceptance (#3): @polkadot/api against a real node process over a real socket.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { Codec, ISubmittableResult } from '@polkadot/types/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNodeProcess, type NodeProcess } from './node-process.js'

let node: NodeProcess
let api: ApiPromise

beforeAll(async () => {
  node = await startNodeProcess(['--dev', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
})

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

describe('@polkadot/api against the dev node', () => {
  it('is ready with the real chain identity', async () => {
    expect(api.isConnected).toBe(true)
    expect(api.runtimeVersion.specName.toString()).toBe('node-subtensor')
    expect(api.runtimeVersion.specVersion.toNumber()).toBe(425)
    expect((await api.rpc.system.chain()).toString()).toBe('Bittensor')
    expect(api.registry.chainSS58).toBe(42)
    expect(api.registry.chainDecimals).toEqual([9])
    expect(api.consts.balances.existentialDeposit.toString()).toBe('500')
  })

  it('transferKeepAlive reaches inBlock then finalized, with the right events and state changes', async () => {
    const keyring = new Keyring({ type: 'sr25519' })
    // Alice authors every block and receives the fees, so Bob pays Charlie here.
    const alice = keyring.addFromUri('//Alice')
    const sender = keyring.addFromUri('//Bob')
    const bob = keyring.addFromUri('//Charlie')
    const before = await api.query.system.account(bob.address)
    const senderBefore = await api.query.system.account(sender.address)
    const authorBefore = await api.query.system.account(alice.address)
    const amount = 1_000_000_000n

    const statuses: string[] = []
    const result = await new Promise<ISubmittableResult>((resolve, reject) => {
      api.tx.balances.transferKeepAlive(bob.address, amount)
        .signAndSend(sender, (r) => {
          statuses.push(r.status.type)
          if (r.status.isFinalized) resolve(r)
          if (r.isError) reject(new Error(`tx failed: ${r.status.type}`))
        })
        .catch(reject)
    })
    expect(statuses).toContain('InBlock')
    expect(statuses.at(-1)).toBe('Finalized')
    expect(statuses.indexOf('InBlock')).toBeLessThan(statuses.indexOf('Finalized'))

    const names = result.events.map(({ event }) => `${event.section}.${event.method}`)
    expect(names).toContain('balances.Transfer')
    expect(names).toContain('system.ExtrinsicSuccess')
    expect(names).toContain('transactionPayment.TransactionFeePaid')
    const transfer = result.events.find(({ event }) => api.events.balances.Transfer.is(event))!
    expect(transfer.event.data[0].toString()).toBe(sender.address)
    expect(transfer.event.data[1].toString()).toBe(bob.address)
    expect(BigInt(transfer.event.data[2].toString())).toBe(amount)
    const feeEvent = result.events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event))!
    const fee = BigInt(feeEvent.event.data[1].toString())
    expect(fee > 0n).toBe(true)

    const after = await api.query.system.account(bob.address)
    const senderAfter = await api.query.system.account(sender.address)
    const authorAfter = await api.query.system.account(alice.address)
    expect(after.data.free.toBigInt() - before.data.free.toBigInt()).toBe(amount)
    expect(senderBefore.data.free.toBigInt() - senderAfter.data.free.toBigInt()).toBe(amount + fee)
    expect(senderAfter.nonce.toNumber()).toBe(senderBefore.nonce.toNumber() + 1)
    // Subtensor's fee handler pays the fee to the block author.
    expect(authorAfter.data.free.toBigInt() - authorBefore.data.free.toBigInt()).toBe(fee)

    // The state at the block before the transfer still shows the old balance.
    const blockHash = result.status.asFinalized
    const header = await api.rpc.chain.getHeader(blockHash)
    const oldApi = await api.at(header.parentHash)
    const old = await oldApi.query.system.account(bob.address)
    expect(old.data.free.toBigInt()).toBe(before.data.free.toBigInt())
  })

  it('new heads, finalized heads and storage subscriptions fire for every block', async () => {
    const heads: number[] = []
    const finals: number[] = []
    const nows: bigint[] = []
    const u1 = await api.rpc.chain.subscribeNewHeads((h) => { heads.push(h.number.toNumber()) })
    const u2 = await api.rpc.chain.subscribeFinalizedHeads((h) => { finals.push(h.number.toNumber()) })
    const u3 = (await api.query.timestamp.now((n: Codec) => { nows.push(BigInt(n.toString())) })) as unknown as () => void
    const start = (await api.rpc.chain.getHeader()).number.toNumber()
    const provider = (api as unknown as { _rpcCore: { provider: WsProvider } })._rpcCore.provider
    await provider.send('dev_newBlock', [{ count: 3 }])
    await waitFor(() => heads.includes(start + 3) && finals.includes(start + 3) && nows.length >= 4)
    u1(); u2(); u3()
    for (let n = start; n <= start + 3; n++) {
      expect(heads).toContain(n)
      expect(finals).toContain(n)
    }
    // One storage notification per block: the initial value plus three new timestamps.
    expect(new Set(nows).size).toBe(4)
  })
})

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

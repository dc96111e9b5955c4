// Acceptance (#15): polkadot-api 2.x against a real node process, through its default provider
// (ws-middleware) and its raw provider (new JSON-RPC spec only), with the unsafe API.
import { InvalidTxError, type PolkadotClient } from 'polkadot-api'
import type { KeyringPair } from '@polkadot/keyring/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNodeProcess, type NodeProcess } from './node-process.js'
import { devPair, forgedSigner, papiClient, signerOf, type ProviderKind } from './papi-client.js'

interface AccountInfo { nonce: number; data: { free: bigint; reserved: bigint } }
interface SystemEvent { type: string; value: { type: string; value: Record<string, unknown> } }

describe.each<ProviderKind>(['legacy', 'middleware', 'raw'])('polkadot-api (%s provider) against the dev node', (kind) => {
  let node: NodeProcess
  let client: PolkadotClient
  let alice: KeyringPair
  let bob: KeyringPair
  let charlie: KeyringPair

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--sealing', 'instant'])
    client = papiClient(node.url, kind)
    alice = await devPair('//Alice')
    bob = await devPair('//Bob')
    charlie = await devPair('//Charlie')
  })

  afterAll(async () => {
    client?.destroy()
    await node?.kill('SIGTERM')
  })

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = (): any => client.getUnsafeApi()
  const account = (who: KeyringPair, at?: string): Promise<AccountInfo> =>
    (at === undefined ? api().query.System.Account.getValue(who.address) : api().query.System.Account.getValue(who.address, { at })) as Promise<AccountInfo>
  const transfer = (to: KeyringPair, value: bigint) =>
    api().tx.Balances.transfer_keep_alive({ dest: { type: 'Id', value: to.address }, value })

  it('connects and reads the chain identity, constants and storage', async () => {
    const spec = await client.getChainSpecData()
    // The legacy translation answers chainName with system_name (a quirk of the middleware).
    expect(spec.name).toBe(kind === 'legacy' ? 'Subtensor Node' : 'Bittensor')
    expect(spec.properties).toEqual({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' })
    expect(await api().constants.Balances.ExistentialDeposit()).toBe(500n)
    const version = await api().constants.System.Version()
    expect(version.spec_name).toBe('node-subtensor')
    expect(version.spec_version).toBe(425)
    // Charlie's genesis balance: 1,000,000 TAO of 10^9 rao.
    expect((await account(charlie)).data.free).toBe(1_000_000n * 10n ** 9n)
  })

  it('a signed transfer is broadcast, included in a best block and finalized; events and balances are exact', async () => {
    const amount = 1_234_567_890n
    const [bobBefore, charlieBefore, aliceBefore] = await Promise.all([account(bob), account(charlie), account(alice)])
    const types: string[] = []
    const final = await new Promise<{ block: { hash: string; number: number; index: number }; events: SystemEvent[]; ok: boolean }>((resolve, reject) => {
      transfer(charlie, amount).signSubmitAndWatch(signerOf(bob)).subscribe({
        next: (e: { type: string }) => {
          types.push(e.type)
          if (e.type === 'finalized') resolve(e as never)
        },
        error: reject,
      })
    })
    expect(types.slice(0, 2)).toEqual(['signed', 'broadcasted'])
    expect(types).toContain('txBestBlocksState')
    expect(types.at(-1)).toBe('finalized')
    expect(final.ok).toBe(true)

    const names = final.events.map((e) => `${e.type}.${e.value.type}`)
    expect(names).toEqual([
      'Balances.Withdraw', 'Balances.Transfer', 'Balances.Deposit', 'Balances.Deposit',
      'TransactionPayment.TransactionFeePaid', 'System.ExtrinsicSuccess',
    ])
    const ev = (i: number) => final.events[i]!.value.value
    expect(ev(1)).toEqual({ from: bob.address, to: charlie.address, amount })
    const feePaid = ev(4) as { who: string; actual_fee: bigint; tip: bigint }
    expect(feePaid.who).toBe(bob.address)
    expect(feePaid.tip).toBe(0n)
    const fee = feePaid.actual_fee
    expect(fee > 0n).toBe(true)
    // The estimated fee is withdrawn, the unused part refunded to Bob, the fee deposited to the author.
    const withdrawn = ev(0) as { who: string; amount: bigint }
    const refund = ev(2) as { who: string; amount: bigint }
    expect(withdrawn.who).toBe(bob.address)
    expect(refund).toEqual({ who: bob.address, amount: withdrawn.amount - fee })
    expect(ev(3)).toEqual({ who: alice.address, amount: fee })

    const at = final.block.hash
    const [bobAfter, charlieAfter, aliceAfter] = await Promise.all([account(bob, at), account(charlie, at), account(alice, at)])
    expect(charlieAfter.data.free - charlieBefore.data.free).toBe(amount)
    expect(bobBefore.data.free - bobAfter.data.free).toBe(amount + fee)
    expect(bobAfter.nonce).toBe(bobBefore.nonce + 1)
    // Subtensor pays the whole fee to the block author (Alice).
    expect(aliceAfter.data.free - aliceBefore.data.free).toBe(fee)

    // The parent of the inclusion block still holds the old balance.
    const header = await client.getBlockHeader(at)
    expect((await account(charlie, header.parentHash)).data.free).toBe(charlieBefore.data.free)
  })

  it('a bad signature and a stale nonce give InvalidTxError and change nothing', async () => {
    const before = await account(bob)
    const charlieBefore = await account(charlie)
    const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('expected failure') }, (e: unknown) => e)

    const bad = await fail(transfer(charlie, 1_000_000_000n).signAndSubmit(forgedSigner(bob, alice)))
    expect(bad).toBeInstanceOf(InvalidTxError)
    expect((bad as InvalidTxError).error).toEqual({ type: 'Invalid', value: { type: 'BadProof' } })

    const stale = await fail(transfer(charlie, 1_000_000_000n).signAndSubmit(signerOf(bob), { nonce: before.nonce - 1 }))
    expect(stale).toBeInstanceOf(InvalidTxError)
    expect((stale as InvalidTxError).error).toEqual({ type: 'Invalid', value: { type: 'Stale' } })

    const finalizedNow = await client.getFinalizedBlock()
    const after = await account(bob, finalizedNow.hash)
    expect(after).toEqual(before)
    expect(await account(charlie, finalizedNow.hash)).toEqual(charlieBefore)
  })

  it('watchEntries on System.Account sees an account created by a later block', async () => {
    const fresh = await devPair(`//Fresh/${kind}`)
    interface Emission { block: { hash: string }; deltas: null | { upserted: { args: [string]; value: AccountInfo }[] }; entries: { args: [string] }[] }
    const seen: Emission[] = []
    const sub = api().query.System.Account.watchEntries().subscribe({ next: (e: Emission) => { seen.push(e) } })
    try {
      await waitFor(() => seen.length > 0)
      expect(seen[0]!.entries.some((e) => e.args[0] === fresh.address)).toBe(false)
      const amount = 5_000_000_000n
      await transfer(fresh, amount).signAndSubmit(signerOf(alice))
      await waitFor(() => seen.some((e) => e.deltas?.upserted.some((u) => u.args[0] === fresh.address) === true))
      const hit = seen.find((e) => e.deltas?.upserted.some((u) => u.args[0] === fresh.address))!
      expect(hit.deltas!.upserted.find((u) => u.args[0] === fresh.address)!.value.data.free).toBe(amount)
    } finally {
      sub.unsubscribe()
    }
  })
})

describe.each<ProviderKind>(['middleware', 'raw'])('polkadot-api (%s provider) through a 1,000-block burst', (kind) => {
  let node: NodeProcess
  let client: PolkadotClient
  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--sealing', 'manual'])
    client = papiClient(node.url, kind)
  })
  afterAll(async () => {
    client?.destroy()
    await node?.kill('SIGTERM')
  })

  it('keeps following: the last block of the burst becomes its finalized block and reads work there', async () => {
    const start = (await client.getFinalizedBlock()).number
    const seen = new Set<number>()
    const sub = client.finalizedBlock$.subscribe((b) => { seen.add(b.number) })
    const raw = await fetch(node.url.replace('ws:', 'http:'), {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_newBlock', params: [{ count: 1000 }] }),
    })
    const last = ((await raw.json()) as { result: string }).result
    await waitFor(() => seen.has(start + 1000))
    sub.unsubscribe()
    const fin = await client.getFinalizedBlock()
    expect(fin).toMatchObject({ number: start + 1000, hash: last })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const now = await (client.getUnsafeApi() as any).query.System.Number.getValue({ at: fin.hash })
    expect(now).toBe(start + 1000)
  })
})

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

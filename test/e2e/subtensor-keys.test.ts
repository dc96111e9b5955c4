// #11 keys and subnet removal through a real node process with @polkadot/api: a coldkey creates a
// subnet, swaps its owner hotkey (swap_hotkey_v2), a refused swap names the chain's error, then
// Root dissolves the subnet through sudo (Sudid(Ok)) and a second dissolve reports
// Sudid(Err(SubnetNotExists)).
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import type { DispatchError } from '@polkadot/types/interfaces'
import type { ISubmittableResult } from '@polkadot/types/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNodeProcess, type NodeProcess } from './node-process.js'

let node: NodeProcess
let api: ApiPromise
let alice: KeyringPair
let coldkey: KeyringPair
let oldHot: KeyringPair
let newHot: KeyringPair
let netuid: number

beforeAll(async () => {
  node = await startNodeProcess(['--dev', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  const keyring = new Keyring({ type: 'sr25519' })
  alice = keyring.addFromUri('//Alice')
  coldkey = keyring.addFromUri('//Charlie')
  oldHot = keyring.addFromUri('//Charlie_keys_old')
  newHot = keyring.addFromUri('//Charlie_keys_new')
})

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<ISubmittableResult> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, (r) => { if (r.status.isInBlock || r.status.isFinalized) resolve(r) }).catch(reject)
  })
}
const names = (r: ISubmittableResult) => r.events.map(({ event }) => `${event.section}.${event.method}`)
/** `Pallet.Error` of a DispatchError, as @polkadot/api names it from the metadata. */
function errorName(e: DispatchError): string {
  if (!e.isModule) return e.type
  const meta = api.registry.findMetaError(e.asModule)
  return `${meta.section}.${meta.name}`
}

describe('keys and subnet removal through a node', () => {
  it('creates a subnet whose uid 0 is the old hotkey', async () => {
    const r = await send(api.tx.subtensorModule.registerNetwork(oldHot.address), coldkey)
    const added = r.events.find(({ event }) => event.method === 'NetworkAdded')
    expect(added).toBeDefined()
    netuid = Number(added!.event.data[0]!.toString())
    expect((await api.query.subtensorModule.keys(netuid, 0)).toString()).toBe(oldHot.address)
  })

  it('swap_hotkey_v2 on all subnets moves uid, owner, owner hotkey; the fee is recycled', async () => {
    const free = async () => BigInt((await api.query.system.account(coldkey.address)).data.free.toString())
    const before = await free()
    const r = await send(api.tx.subtensorModule.swapHotkeyV2(oldHot.address, newHot.address, null, false), coldkey)
    expect(names(r)).toEqual(expect.arrayContaining(['subtensorModule.HotkeySwapped', 'system.ExtrinsicSuccess']))
    expect((await api.query.subtensorModule.keys(netuid, 0)).toString()).toBe(newHot.address)
    expect((await api.query.subtensorModule.uids(netuid, newHot.address)).toString()).toBe('0')
    expect((await api.query.subtensorModule.uids(netuid, oldHot.address)).toJSON()).toBeNull()
    expect((await api.query.subtensorModule.owner(newHot.address)).toString()).toBe(coldkey.address)
    expect((await api.query.subtensorModule.subnetOwnerHotkey(netuid)).toString()).toBe(newHot.address)
    expect((await api.query.subtensorModule.ownedHotkeys(coldkey.address)).toJSON()).toEqual([newHot.address])
    const fee = BigInt(r.events.find(({ event }) => event.method === 'TransactionFeePaid')!.event.data[1]!.toString())
    // KeySwapCost (0.1 TAO) is recycled on top of the fee
    expect(before - (await free())).toBe(fee + BigInt(api.consts.subtensorModule.keySwapCost.toString()))
  })

  it('a refused swap fails with the chain error by name and changes nothing but the fee', async () => {
    const r = await send(api.tx.subtensorModule.swapHotkeyV2(oldHot.address, alice.address, null, false), coldkey)
    const failed = r.events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event))
    expect(failed).toBeDefined()
    expect(errorName(failed!.event.data[0] as DispatchError)).toBe('subtensorModule.NonAssociatedColdKey')
    expect((await api.query.subtensorModule.keys(netuid, 0)).toString()).toBe(newHot.address)
  })

  it('Root dissolves the subnet (Sudid(Ok)); dissolving it again is Sudid(Err(SubnetNotExists))', async () => {
    const r = await send(api.tx.sudo.sudo(api.tx.subtensorModule.dissolveNetwork(coldkey.address, netuid)), alice)
    const sudid = r.events.find(({ event }) => api.events.sudo.Sudid.is(event))!
    expect((sudid.event.data[0] as unknown as { isOk: boolean }).isOk).toBe(true)
    expect(names(r)).toContain('subtensorModule.NetworkRemoved')
    expect((await api.query.subtensorModule.networksAdded(netuid)).toString()).toBe('false')
    expect((await api.query.subtensorModule.keys(netuid, 0)).toString()).not.toBe(newHot.address)
    expect((await api.query.subtensorModule.subnetOwner(netuid)).toString()).not.toBe(coldkey.address)
    expect((await api.query.subtensorModule.subnetTAO(netuid)).toString()).toBe('0')
    expect((await api.query.subtensorModule.isNetworkMember(newHot.address, netuid)).toString()).toBe('false')
    const again = await send(api.tx.sudo.sudo(api.tx.subtensorModule.dissolveNetwork(coldkey.address, netuid)), alice)
    const result = again.events.find(({ event }) => api.events.sudo.Sudid.is(event))!.event.data[0] as unknown as { isErr: boolean; asErr: DispatchError }
    expect(result.isErr).toBe(true)
    expect(errorName(result.asErr)).toBe('subtensorModule.SubnetNotExists')
  })
})

// Acceptance (#11, classic regime): through a real node process with @polkadot/api, a hotkey
// registers on netuid 1 by proof of work — the test mines a real seal at low difficulty — and the
// neuron reads back from storage; a second attempt fails with the chain's error by name.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import type { ISubmittableResult } from '@polkadot/types/types'
import { hexToU8a, u8aConcat, u8aToBigInt, u8aToHex } from '@polkadot/util'
import { keccakAsU8a, sha256AsU8a } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devSpecWith, startNodeProcess, type NodeProcess } from './node-process.js'

const DIFFICULTY = 5_000n
let node: NodeProcess
let api: ApiPromise
let hotkey: KeyringPair
let coldkey: KeyringPair

beforeAll(async () => {
  node = await startNodeProcess(['--chain', devSpecWith((st) => { st.hyperparameters = { 1: { Difficulty: Number(DIFFICULTY), MinDifficulty: 1 } } }), '--alice', '--tmp', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  const keyring = new Keyring({ type: 'sr25519' })
  hotkey = keyring.addFromUri('//Bob')
  coldkey = keyring.addFromUri('//Charlie')
})

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

/** The SDK's solver: keccak256(sha256(nonce_le ‖ keccak256(block_hash ‖ hotkey))) read big-endian. */
function solve(blockHash: Uint8Array, hot: Uint8Array, difficulty: bigint): { nonce: bigint; seal: Uint8Array } {
  const inner = keccakAsU8a(u8aConcat(blockHash, hot), 256)
  const limit = 1n << 256n
  for (let nonce = 0n; ; nonce++) {
    const le = new Uint8Array(8)
    new DataView(le.buffer).setBigUint64(0, nonce, true)
    const seal = keccakAsU8a(sha256AsU8a(u8aConcat(le, inner)), 256)
    if (u8aToBigInt(seal, { isLe: false }) * difficulty < limit) return { nonce, seal }
  }
}

function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<ISubmittableResult> {
  return new Promise((resolve, reject) => {
    // With one authority the block can be final at once; @polkadot/api then reports Finalized in
    // place of InBlock (it switches to the newest status while fetching a block's events).
    tx.signAndSend(signer, (r) => { if (r.status.isInBlock || r.status.isFinalized) resolve(r) }).catch(reject)
  })
}

async function registerTx(): Promise<SubmittableExtrinsic<'promise'>> {
  const head = await api.rpc.chain.getHeader()
  const number = head.number.toBigInt()
  const hash = hexToU8a((await api.rpc.chain.getBlockHash(number)).toHex())
  const { nonce, seal } = solve(hash, hotkey.publicKey, DIFFICULTY)
  return api.tx.subtensorModule.register(1, number, nonce, u8aToHex(seal), hotkey.address, coldkey.address)
}

describe('PoW registration on the dev chain (classic regime)', () => {
  it('runs the localnet build: fast blocks, faucet present', () => {
    expect(api.consts.aura.slotDuration.toString()).toBe('250')
    expect(api.tx.subtensorModule.faucet).toBeDefined()
    expect(api.tx.subtensorModule.register.meta.args.map((a) => a.name.toString())).toEqual(['netuid', 'blockNumber', 'nonce', 'work', 'hotkey', 'coldkey'])
  })

  it('registers the hotkey with a mined seal, readable from storage', async () => {
    expect((await api.query.subtensorModule.difficulty(1)).toString()).toBe(DIFFICULTY.toString())
    const result = await send(await registerTx(), hotkey)
    const names = result.events.map(({ event }) => `${event.section}.${event.method}`)
    expect(names).toContain('subtensorModule.NeuronRegistered')
    expect(names).toContain('system.ExtrinsicSuccess')
    const registered = result.events.find(({ event }) => event.method === 'NeuronRegistered')!.event.data
    expect(registered[0]!.toString()).toBe('1')
    expect(registered[1]!.toString()).toBe('1') // uid 0 is genesis' all-zero neuron
    expect((await api.query.subtensorModule.uids(1, hotkey.address)).toString()).toBe('1')
    expect((await api.query.subtensorModule.keys(1, 1)).toString()).toBe(hotkey.address)
    expect((await api.query.subtensorModule.owner(hotkey.address)).toString()).toBe(coldkey.address)
    expect((await api.query.subtensorModule.isNetworkMember(hotkey.address, 1)).toString() === 'true').toBe(true)
    expect(Number((await api.query.subtensorModule.subnetworkN(1)).toString())).toBe(2)
  })

  it('the registered hotkey serves an axon and a prometheus endpoint (free), read back as the real structs', async () => {
    const ip = 0x0a000001n // 10.0.0.1
    const r = await send(api.tx.subtensorModule.serveAxon(1, 7, ip, 8091, 4, 0, 0, 0), hotkey)
    expect(r.events.map(({ event }) => event.method)).toContain('AxonServed')
    const axon = (await api.query.subtensorModule.axons(1, hotkey.address)).toJSON() as Record<string, unknown>
    expect(axon).toMatchObject({ version: 7, ip: Number(ip), port: 8091, ipType: 4, protocol: 0 })
    expect(Number(axon.block)).toBeGreaterThan(0)
    await send(api.tx.subtensorModule.servePrometheus(1, 7, ip, 9090, 4), hotkey)
    expect((await api.query.subtensorModule.prometheus(1, hotkey.address)).toJSON()).toMatchObject({ port: 9090, ipType: 4 })
  })

  it('NeuronInfoRuntimeApi (decoded by @polkadot/api from V15) reads the neurons back', async () => {
    const call = api.call as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<{ toJSON(): unknown }>>>
    const lite = (await call.neuronInfoRuntimeApi!.getNeuronsLite!(1)).toJSON() as Record<string, unknown>[]
    expect(lite.map((n) => n.uid)).toEqual([0, 1])
    expect(lite[1]).toMatchObject({ hotkey: hotkey.address, coldkey: coldkey.address, netuid: 1, active: true, rank: 0, trust: 0, pruningScore: 65535 })
    expect((lite[1]!.axonInfo as Record<string, unknown>).port).toBe(8091)
    expect(lite[1]!.stake).toEqual([[coldkey.address, 0]])
    // genesis' all-zero neuron carries its 1 alpha of stake and the genesis LastUpdate entry
    expect(lite[0]).toMatchObject({ stake: [['5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM', 1_000_000_000]], lastUpdate: 0 })
    const one = (await call.neuronInfoRuntimeApi!.getNeuron!(1, 1)).toJSON() as Record<string, unknown>
    expect(one).toMatchObject({ uid: 1, weights: [], bonds: [] })
    expect((await call.neuronInfoRuntimeApi!.getNeuron!(1, 9)).toJSON()).toBeNull()
    expect((await call.neuronInfoRuntimeApi!.getNeuronsLite!(77)).toJSON()).toEqual([])
    // the legacy RPC returns the same SCALE bytes as a JSON array of numbers
    const viaState = hexToU8a((await api.rpc.state.call('NeuronInfoRuntimeApi_get_neurons_lite', '0x0100')).toHex())
    const viaRpc = await api.rpc.system.name().then(() => (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<number[]> } } })._rpcCore.provider.send('neuronInfo_getNeuronsLite', [1]))
    expect(viaRpc).toEqual(Array.from(viaState))
    const lockCost = await (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<number> } } })._rpcCore.provider.send('subnetInfo_getLockCost', [])
    expect(lockCost).toBe(1_000_000_000_000)
  })

  it('a coldkey creates a subnet (lock into the pool, owner hotkey at uid 0) and starts it', async () => {
    const ownerHot = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie_hk')
    const cost = () => (api.call as unknown as Record<string, Record<string, () => Promise<{ toString(): string }>>>).subnetRegistrationRuntimeApi!.getNetworkRegistrationCost!()
    expect((await cost()).toString()).toBe('1000000000000') // no lock yet: NetworkMinLockCost
    const r = await send(api.tx.subtensorModule.registerNetwork(ownerHot.address), coldkey)
    const registeredAt = BigInt((await api.rpc.chain.getHeader((r.status.isInBlock ? r.status.asInBlock : r.status.asFinalized))).number.toString())
    const added = r.events.find(({ event }) => event.method === 'NetworkAdded')
    expect(added).toBeDefined()
    const netuid = Number(added!.event.data[0]!.toString())
    expect(netuid).toBe(2)
    expect((await api.query.subtensorModule.subnetOwner(netuid)).toString()).toBe(coldkey.address)
    expect((await api.query.subtensorModule.keys(netuid, 0)).toString()).toBe(ownerHot.address)
    expect((await api.query.subtensorModule.subnetTAO(netuid)).toString()).toBe('1000000000000') // NetworkMinLockCost
    expect((await api.query.subtensorModule.subnetLocked(netuid)).toString()).toBe('1000000000000')
    expect((await api.query.subtensorModule.subnetEmissionEnabled(netuid)).toString()).toBe('false')
    // twice the last lock, less last / NetworkLockReductionInterval per block since
    const head = BigInt((await api.rpc.chain.getHeader()).number.toString())
    expect(BigInt((await cost()).toString())).toBe(2_000_000_000_000n - (1_000_000_000_000n / 100_800n) * (head - registeredAt))
    const started = await send(api.tx.subtensorModule.startCall(netuid), coldkey)
    expect(started.events.map(({ event }) => event.method)).toContain('FirstEmissionBlockNumberSet')
    expect((await api.query.subtensorModule.subtokenEnabled(netuid)).toString()).toBe('true')
  })

  it('sudo AdminUtils setters: Sudid(Ok) sets the value, Sudid(Err) names the inner error', async () => {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice')
    const ok = await send(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetDifficulty(1, 7_777)), alice)
    const sudid = ok.events.find(({ event }) => event.section === 'sudo' && event.method === 'Sudid')!
    expect((sudid.event.data[0] as unknown as { isOk: boolean }).isOk).toBe(true)
    expect((await api.query.subtensorModule.difficulty(1)).toString()).toBe('7777')
    const bad = await send(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetDifficulty(99, 1)), alice)
    const result = bad.events.find(({ event }) => event.method === 'Sudid')!.event.data[0] as unknown as { isErr: boolean; asErr: { asModule: Parameters<typeof api.registry.findMetaError>[0] } }
    expect(result.isErr).toBe(true)
    const e = api.registry.findMetaError(result.asErr.asModule)
    expect(`${e.section}.${e.name}`).toBe('adminUtils.SubnetDoesNotExist')
    expect(bad.events.map(({ event }) => event.method)).toContain('ExtrinsicSuccess')
    await send(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetDifficulty(1, Number(DIFFICULTY))), alice)
  })

  it('a second registration fails with SubtensorModule.HotKeyAlreadyRegisteredInSubNet and leaves the subnet as it was', async () => {
    const before = Number((await api.query.subtensorModule.subnetworkN(1)).toString())
    const result = await send(await registerTx(), hotkey)
    const failed = result.events.find(({ event }) => event.method === 'ExtrinsicFailed')
    expect(failed).toBeDefined()
    const err = api.registry.findMetaError((failed!.event.data[0] as unknown as { asModule: Parameters<typeof api.registry.findMetaError>[0] }).asModule)
    expect(`${err.section}.${err.name}`).toBe('subtensorModule.HotKeyAlreadyRegisteredInSubNet')
    expect(Number((await api.query.subtensorModule.subnetworkN(1)).toString())).toBe(before)
  })
})

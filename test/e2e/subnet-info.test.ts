// Acceptance (#11 item 8): SubnetInfoRuntimeApi through a real node process, every method decoded
// by @polkadot/api from the V15 metadata, each answer checked against the storage it reads (read
// separately through api.query); the legacy subnetInfo_* RPCs return the same SCALE bytes.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import type { ISubmittableResult } from '@polkadot/types/types'
import { hexToU8a, stringToU8a, u8aConcat, u8aToBigInt, u8aToHex } from '@polkadot/util'
import { blake2AsU8a, keccakAsU8a, sha256AsU8a } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devSpecWith, startNodeProcess, type NodeProcess } from './node-process.js'

const DIFFICULTY = 2_000n
const U64_MAX = (1n << 64n) - 1n
let node: NodeProcess
let api: ApiPromise
let bob: KeyringPair
let charlie: KeyringPair
let ownerHot: KeyringPair
let netuid2 = 0

type Codec = { toJSON(): unknown; toU8a(): Uint8Array }
type Call = (...a: unknown[]) => Promise<Codec>
const call = (method: string, ...args: unknown[]): Promise<Codec> =>
  ((api.call as unknown as Record<string, Record<string, Call>>).subnetInfoRuntimeApi![method]!)(...args)
const json = async (method: string, ...args: unknown[]) => (await call(method, ...args)).toJSON() as Record<string, unknown>
const rpc = <T>(method: string, params: unknown[]): Promise<T> =>
  (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<T> } } })._rpcCore.provider.send(method, params)
const q = async (item: string, ...keys: unknown[]): Promise<string> =>
  (await (api.query.subtensorModule as unknown as Record<string, (...k: unknown[]) => Promise<Codec>>)[item]!(...keys)).toJSON() as string

function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<ISubmittableResult> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, (r) => { if (r.status.isInBlock || r.status.isFinalized) resolve(r) }).catch(reject)
  })
}

function solve(blockHash: Uint8Array, hot: Uint8Array): bigint {
  const inner = keccakAsU8a(u8aConcat(blockHash, hot), 256)
  for (let nonce = 0n; ; nonce++) {
    const le = new Uint8Array(8)
    new DataView(le.buffer).setBigUint64(0, nonce, true)
    const seal = keccakAsU8a(sha256AsU8a(u8aConcat(le, inner)), 256)
    if (u8aToBigInt(seal, { isLe: false }) * DIFFICULTY < 1n << 256n) return nonce
  }
}

async function powRegister(hot: KeyringPair, cold: KeyringPair): Promise<void> {
  const number = (await api.rpc.chain.getHeader()).number.toBigInt()
  const hash = hexToU8a((await api.rpc.chain.getBlockHash(number)).toHex())
  const nonce = solve(hash, hot.publicKey)
  const inner = keccakAsU8a(u8aConcat(hash, hot.publicKey), 256)
  const le = new Uint8Array(8)
  new DataView(le.buffer).setBigUint64(0, nonce, true)
  const seal = keccakAsU8a(sha256AsU8a(u8aConcat(le, inner)), 256)
  const r = await send(api.tx.subtensorModule.register(1, number, nonce, u8aToHex(seal), hot.address, cold.address), hot)
  expect(r.events.map(({ event }) => event.method)).toContain('NeuronRegistered')
}

/** Raw storage writes through dev_setStorage (a new block). */
async function setStorage(pairs: [string, string][]): Promise<void> {
  await rpc('dev_setStorage', [pairs])
}

// Stake written straight into storage (staking is another stage): Bob's alpha on netuid 1 and root stake.
const BOB_ALPHA = 123_456_789_012n
const BOB_ROOT = 7_000_000_000n
const TAO_WEIGHT = 3_000_000_000_000_000_000n

beforeAll(async () => {
  node = await startNodeProcess(['--chain', devSpecWith((st) => { st.hyperparameters = { 1: { Difficulty: Number(DIFFICULTY), MinDifficulty: 1 } } }), '--alice', '--tmp', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  const keyring = new Keyring({ type: 'sr25519' })
  bob = keyring.addFromUri('//Bob')
  charlie = keyring.addFromUri('//Charlie')
  ownerHot = keyring.addFromUri('//Charlie_info_hk')
  await powRegister(bob, charlie)
  await send(api.tx.subtensorModule.serveAxon(1, 3, 0x0a000002n, 8099, 4, 1, 0, 0), bob)
  const identity = { subnetName: 'emu', githubRepo: 'g', subnetContact: 'c', subnetUrl: 'u', discord: 'd', description: 'x', logoUrl: 'l', additional: 'a' }
  const r = await send(api.tx.subtensorModule.registerNetworkWithIdentity(ownerHot.address, identity), charlie)
  netuid2 = Number(r.events.find(({ event }) => event.method === 'NetworkAdded')!.event.data[0]!.toString())
  const m = api.query.subtensorModule
  await setStorage([
    [m.totalHotkeyAlpha.key(bob.address, 1), u8aToHex(api.createType('u64', BOB_ALPHA).toU8a())],
    [m.totalHotkeyAlpha.key(bob.address, 0), u8aToHex(api.createType('u64', BOB_ROOT).toU8a())],
    [m.taoWeight.key(), u8aToHex(api.createType('u64', TAO_WEIGHT).toU8a())],
    [m.subnetMovingPrice.key(1), u8aToHex(api.createType('i128', 5n << 31n).toU8a())],
    [m.validatorPermit.key(1), u8aToHex(api.createType('Vec<bool>', [false, true]).toU8a())],
    [m.alphaDividendsPerSubnet.key(1, bob.address), u8aToHex(api.createType('u64', 42).toU8a())],
  ])
}, 120_000)

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

/** I64F64 arithmetic of get_stake_weights_for_hotkey_on_subnet without child keys: alpha + tao × (w / u64::MAX). */
function expectedTotal(alpha: bigint, tao: bigint, weight: bigint): bigint {
  const w96 = ((weight << 32n) << 32n) / (U64_MAX << 32n) // U96F32 safe_div: (a << 32) / b on raw bits
  const w = w96 << 32n // to I64F64
  const a = alpha << 64n
  const t = tao << 64n
  return (a + ((t * w) >> 64n)) >> 64n
}

describe('SubnetInfoRuntimeApi (decoded by @polkadot/api from V15)', () => {
  it('lists every method of the trait with its parameters at version 2', async () => {
    expect(api.runtimeMetadata.version).toBe(15)
    const found = api.runtimeMetadata.asLatest.apis.find((a) => a.name.toString() === 'SubnetInfoRuntimeApi')!
    expect(found.methods.map((m) => `${m.name.toString()}(${m.inputs.map((i) => i.name.toString()).join(',')})`)).toEqual([
      'get_subnet_info(netuid)', 'get_subnets_info()', 'get_subnet_info_v2(netuid)', 'get_subnets_info_v2()',
      'get_subnet_hyperparams(netuid)', 'get_subnet_hyperparams_v2(netuid)', 'get_subnet_hyperparams_v3(netuid)',
      'get_all_dynamic_info()', 'get_all_metagraphs()', 'get_metagraph(netuid)', 'get_all_mechagraphs()',
      'get_mechagraph(netuid,mecid)', 'get_dynamic_info(netuid)', 'get_subnet_state(netuid)',
      'get_selective_metagraph(netuid,metagraph_indexes)', 'get_coldkey_auto_stake_hotkey(coldkey,netuid)',
      'get_selective_mechagraph(netuid,subid,metagraph_indexes)', 'get_subnet_to_prune()', 'get_subnet_account_id(netuid)',
      'get_next_epoch_start_block(netuid)',
    ])
    const version = await api.rpc.state.getRuntimeVersion()
    const entry = version.apis.find(([id]) => id.toHex() === blake8('SubnetInfoRuntimeApi'))
    expect(entry?.[1].toNumber()).toBe(2)
  })

  it('subnet info v1/v2 and the lists read the subnet items', async () => {
    const info = await json('getSubnetInfo', 1)
    expect(info).toMatchObject({
      netuid: 1, difficulty: Number(DIFFICULTY), tempo: Number(await q('tempo', 1)), subnetworkN: 2,
      kappa: Number(await q('kappa', 1)), burn: Number(await q('burn', 1)), networkModality: 0, networkConnect: [], emissionValues: 0,
      owner: (await api.query.subtensorModule.subnetOwner(1)).toString(),
      blocksSinceLastStep: Number(await q('blocksSinceLastStep', 1)),
    })
    const v2 = await json('getSubnetInfoV2', netuid2)
    expect(v2).toMatchObject({ netuid: netuid2, owner: charlie.address, emissionValue: 0 })
    expect((v2.identity as Record<string, string>).subnetName).toBe(u8aToHex(stringToU8a('emu')))
    expect((await call('getSubnetInfo', 99)).toJSON()).toBeNull()
    const list = (await call('getSubnetsInfo')).toJSON() as { netuid: number }[]
    expect(list.map((x) => x.netuid)).toEqual([0, 1, netuid2])
    expect(((await call('getSubnetsInfoV2')).toJSON() as { netuid: number }[]).map((x) => x.netuid)).toEqual([0, 1, netuid2])
  })

  it('hyperparameters v1, v2 and the named v3 list', async () => {
    const h1 = await json('getSubnetHyperparams', 1)
    const tempo = Number(await q('tempo', 1))
    const factor = Number(await q('activityCutoffFactorMilli', 1))
    expect(h1).toMatchObject({
      tempo, difficulty: Number(DIFFICULTY), minDifficulty: 1, activityCutoff: Math.max(1, Math.floor((factor * tempo) / 1000)),
      commitRevealPeriod: Number(await q('revealPeriodEpochs', 1)), registrationAllowed: await q('networkRegistrationAllowed', 1),
    })
    const [low, high] = (await api.query.subtensorModule.alphaValues(1)).toJSON() as number[]
    expect([h1.alphaLow, h1.alphaHigh]).toEqual([low, high])
    const h2 = await json('getSubnetHyperparamsV2', 1)
    expect(h2).toMatchObject({ yumaVersion: 2, userLiquidityEnabled: false, subnetIsActive: await q('subtokenEnabled', 1) })
    expect(BigInt((h2.alphaSigmoidSteepness as { bits: number }).bits)).toBe(BigInt(await q('alphaSigmoidSteepness', 1)) << 32n)
    const v3 = (await call('getSubnetHyperparamsV3', 1)).toJSON() as { name: string; value: Record<string, unknown> }[]
    const names = v3.map((e) => Buffer.from(hexToU8a(e.name)).toString())
    expect(names).toHaveLength(33)
    expect(names.slice(0, 5)).toEqual(['kappa', 'immunity_period', 'min_allowed_weights', 'max_weights_limit', 'tempo'])
    expect(names.at(-1)).toBe('min_childkey_take')
    expect(v3[names.indexOf('tempo')]!.value).toEqual({ u16: tempo })
    expect(v3[names.indexOf('min_burn')]!.value).toEqual({ taoBalance: Number(await q('minBurn', 1)) })
    expect(v3[names.indexOf('activity_cutoff_factor')]!.value).toEqual({ u32: factor })
    expect(Object.keys(v3[names.indexOf('burn_increase_mult')]!.value)).toEqual(['u64f64'])
    expect((await call('getSubnetHyperparamsV3', 99)).toJSON()).toBeNull()
  })

  it('metagraph: keys, axons, stake weights, dividends, identity; mechagraph and all-metagraphs', async () => {
    const mg = await json('getMetagraph', 1)
    const n = Number(await q('subnetworkN', 1))
    const hotkeys = await Promise.all(Array.from({ length: n }, async (_, uid) => (await api.query.subtensorModule.keys(1, uid)).toString()))
    expect(mg.hotkeys).toEqual(hotkeys)
    expect(mg.coldkeys).toEqual(await Promise.all(hotkeys.map(async (h) => (await api.query.subtensorModule.owner(h)).toString())))
    expect(mg).toMatchObject({ netuid: 1, numUids: n, name: Array.from(stringToU8a('apex')), pruningScore: [], trust: [], rank: [], subnetEmission: 0 })
    expect((mg.axons as Record<string, unknown>[])[1]).toMatchObject({ ip: 0x0a000002, port: 8099, ipType: 4, protocol: 1, version: 3 })
    expect((mg.movingPrice as { bits: number }).bits).toBe(Number(5n << 31n))
    expect((mg.alphaStake as number[])[1]).toBe(Number(BOB_ALPHA))
    expect((mg.taoStake as number[])[1]).toBe(Number(BOB_ROOT))
    expect(BigInt((mg.totalStake as number[])[1]!)).toBe(expectedTotal(BOB_ALPHA, BOB_ROOT, TAO_WEIGHT))
    expect((mg.alphaDividendsPerHotkey as [string, number][])[1]).toEqual([bob.address, 42])
    expect((mg.taoDividendsPerHotkey as [string, number][])[1]).toEqual([bob.address, 0])
    expect(mg.lastUpdate).toEqual((await api.query.subtensorModule.lastUpdate(1)).toJSON())
    const head = (await api.rpc.chain.getHeader()).number.toNumber()
    expect(mg.block).toBe(head)
    const mecha = await json('getMechagraph', 1, 0)
    expect({ ...mecha, block: 0 }).toEqual({ ...mg, block: 0 })
    expect((await call('getMechagraph', 1, 1)).toJSON()).toBeNull()
    const all = (await call('getAllMetagraphs')).toJSON() as { netuid: number }[]
    expect(all.map((x) => x.netuid)).toEqual([0, 1, netuid2])
    expect(((await call('getAllMechagraphs')).toJSON() as { netuid: number }[]).map((x) => x.netuid)).toEqual([0, 1, netuid2])
    const g2 = await json('getMetagraph', netuid2)
    expect(g2).toMatchObject({ netuid: netuid2, name: Array.from(stringToU8a('emu')), ownerHotkey: ownerHot.address, ownerColdkey: charlie.address })
  })

  it('selective metagraph/mechagraph: only the asked positions, unknown ones ignored, Option<Option> identity', async () => {
    const sel = await json('getSelectiveMetagraph', 1, [3, 52, 500, 72])
    expect(sel.netuid).toBe(0) // position 0 not asked
    expect(sel.identity).toBeNull() // Some(None) decodes to the inner None
    expect(sel.hotkeys).toEqual((await json('getMetagraph', 1)).hotkeys)
    expect(sel.validators).toEqual([1]) // permit only for uid 1, stake above StakeThreshold 0
    expect(sel.coldkeys).toBeNull()
    const raw = (await call('getSelectiveMetagraph', 1, [3])).toU8a()
    expect(Array.from(raw.slice(0, 4))).toEqual([1, 0, 0, 0]) // Some, netuid 0, name None, symbol None
    expect(Array.from(raw.slice(4, 6))).toEqual([0x01, 0x00]) // identity: Some(None)
    const mech = await json('getSelectiveMechagraph', 1, 0, [59, 62])
    expect(mech.netuid).toBe(1)
    expect(mech.lastUpdate).toEqual((await api.query.subtensorModule.lastUpdate(1)).toJSON())
    expect((await call('getSelectiveMetagraph', 99, [0])).toJSON()).toBeNull()
  })

  it('dynamic info, subnet state, auto-stake hotkey, subnet to prune, account id, next epoch', async () => {
    const d = await json('getDynamicInfo', netuid2)
    expect(d).toMatchObject({
      netuid: netuid2, ownerHotkey: ownerHot.address, ownerColdkey: charlie.address, taoIn: Number(await q('subnetTAO', netuid2)),
      alphaIn: Number(await q('subnetAlphaIn', netuid2)), tokenSymbol: Array.from(hexToU8a(await q('tokenSymbol', netuid2))),
      networkRegisteredAt: Number(await q('networkRegisteredAt', netuid2)), emission: 0, pendingRootEmission: 0,
    })
    expect(((await call('getAllDynamicInfo')).toJSON() as { netuid: number }[]).map((x) => x.netuid)).toEqual([0, 1, netuid2])
    const st = await json('getSubnetState', 1)
    expect(st).toMatchObject({ netuid: 1, alphaStake: [Number(await q('totalHotkeyAlpha', hotkeysOf0(), 1)), Number(BOB_ALPHA)] })
    expect((st.emissionHistory as unknown[]).length).toBe(3)
    expect((await call('getColdkeyAutoStakeHotkey', charlie.address, 1)).toJSON()).toBeNull()
    // every subnet is inside NetworkImmunityPeriod on a fresh chain
    expect((await call('getSubnetToPrune')).toJSON()).toBeNull()
    const acct = (await call('getSubnetAccountId', 1)).toJSON() as string
    expect(u8aToHex(api.createType('AccountId32', acct).toU8a().slice(0, 12))).toBe(u8aToHex(stringToU8a('modlsubtensr')))
    expect((await call('getSubnetAccountId', 99)).toJSON()).toBeNull()
    const next = (await call('getNextEpochStartBlock', 1)).toJSON() as number
    expect(next).toBe(Number(await q('lastEpochBlock', 1)) + Number(await q('tempo', 1)))
  })

  it('SwapRuntimeApi: spot prices in RAO per alpha, simulated swaps with slippage; the swap_* RPCs', async () => {
    const swap = (api.call as unknown as Record<string, Record<string, Call>>).swapRuntimeApi!
    const tao = BigInt(await q('subnetTAO', netuid2))
    const alphaIn = BigInt(await q('subnetAlphaIn', netuid2))
    // U64F64 tao/alpha, × 10^9, truncated
    const price = ((((tao << 64n) / alphaIn) * 1_000_000_000n) >> 64n)
    expect(BigInt((await swap.currentAlphaPrice!(netuid2)).toJSON() as number)).toBe(price)
    expect((await swap.currentAlphaPrice!(0)).toJSON()).toBe(1_000_000_000)
    const all = (await swap.currentAlphaPriceAll!()).toJSON() as { netuid: number; price: number }[]
    expect(all.map((p) => p.netuid)).toEqual([0, 1, netuid2])
    expect(await rpc('swap_currentAlphaPriceAll', [])).toEqual(all)
    expect(BigInt(await rpc<number>('swap_currentAlphaPrice', [netuid2]))).toBe(price)
    const buy = (await swap.simSwapTaoForAlpha!(netuid2, 1_000_000_000)).toJSON() as Record<string, number>
    expect(buy.taoAmount! + buy.taoFee!).toBe(1_000_000_000) // the pool's input plus its fee
    expect(buy.taoFee).toBeGreaterThan(0)
    expect(buy.alphaAmount).toBeGreaterThan(0)
    // slippage is what the spot price would have given beyond what the pool gives
    expect(BigInt(buy.alphaSlippage!)).toBe(((1_000_000_000n << 64n) / ((tao << 64n) / alphaIn)) - BigInt(buy.alphaAmount!))
    expect(await rpc('swap_simSwapTaoForAlpha', [netuid2, 1_000_000_000])).toEqual(Array.from((await swap.simSwapTaoForAlpha!(netuid2, 1_000_000_000)).toU8a()))
    // no such subnet: a stable-mechanism sim swap of nothing; the spot price (1) would have given 5
    expect((await swap.simSwapAlphaForTao!(99, 5)).toJSON()).toEqual({ taoAmount: 0, alphaAmount: 0, taoFee: 0, alphaFee: 0, taoSlippage: 5, alphaSlippage: 0 })
  })

  it('legacy subnetInfo_* RPCs answer the runtime API bytes as number arrays', async () => {
    const same = async (method: string, params: unknown[], api_: string, ...args: unknown[]) => {
      const viaRpc = await rpc<number[]>(method, params)
      expect(viaRpc).toEqual(Array.from((await call(api_, ...args)).toU8a()))
    }
    await same('subnetInfo_getSubnetInfo', [1], 'getSubnetInfo', 1)
    await same('subnetInfo_getSubnetsInfo_v2', [], 'getSubnetsInfoV2')
    await same('subnetInfo_getSubnetHyperparamsV2', [1], 'getSubnetHyperparamsV2', 1)
    await same('subnetInfo_getDynamicInfo', [netuid2], 'getDynamicInfo', netuid2)
    await same('subnetInfo_getSubnetState', [1], 'getSubnetState', 1)
    await same('subnetInfo_getSelectiveMechagraph', [1, 0, [0, 52]], 'getSelectiveMechagraph', 1, 0, [0, 52])
    await same('subnetInfo_getColdkeyAutoStakeHotkey', [charlie.address, 1], 'getColdkeyAutoStakeHotkey', charlie.address, 1)
    await same('subnetInfo_getSubnetAccountId', [1], 'getSubnetAccountId', 1)
    expect(await rpc('subnetInfo_getSubnetToPrune', [])).toBeNull()
    await expect(rpc('subnetInfo_getMetagraph', [70_000])).rejects.toThrow(/u16/)
  })
})

function hotkeysOf0(): string {
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).encodeAddress(new Uint8Array(32))
}
function blake8(name: string): string {
  // the runtime version lists each API by the blake2-64 hash of its name
  return u8aToHex(blake2AsU8a(stringToU8a(name), 64))
}

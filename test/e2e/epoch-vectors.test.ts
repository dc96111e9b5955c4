// Issue #13: six of yuma-emission.md §4's epoch vectors through one real node process, one subnet
// each, stepped together: stakes by add_stake and weights by set_weights (signed extrinsics
// through the pool), dev_newBlock to each epoch, and the epoch's storage read back with
// @polkadot/api. The expected numbers are the chain tests' own (§4), not this project's.
//
// Set-up so the chain's tests' conditions hold in a running chain: the subnets are stable
// (SubnetMechanism 0: add_stake buys alpha 1:1, so stakes keep the tests' exact ratios) and never
// started (no FirstEmissionBlockNumber: no emission, so payouts never move the stakes between
// epochs; the epochs still run and write every u16 vector and the bonds); tempo 2, so the block
// carrying the weights runs no epoch and the next one does (the tests set weights at block b and
// run the epoch at b + 1).
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devSpecWith, startNodeProcess, type NodeProcess } from './node-process.js'

const TAO = 1_000_000_000n
const M = 65535
type Weights = Record<number, [number[], number[]]>
type Reader = { dividends: number[]; consensus: number[]; validatorTrust: number[]; bonds: (uid: number, col: number) => number }

interface Vector {
  name: string
  netuid: number
  /** Alpha stake per uid, in TAO (the tests' stakes times 1 TAO; only ratios enter the epoch). */
  stakes: number[]
  hyperparameters: Record<string, number | boolean>
  yuma3?: boolean
  /** The tests' mock has no subnet owner among the uids: hand the owner hotkey to an unregistered key. */
  noOwnerUid?: boolean
  /** Weights set before epoch e (e = 0 is the first epoch after the one that grants the permits). */
  weights: (e: number) => Weights
  /** Assertions after epoch e. */
  check: Record<number, (r: Reader) => void>
}

const all = (uids: number[], cols: number[], vals: number[]): Weights => Object.fromEntries(uids.map((u) => [u, [cols, vals]]))
const rows = (cols: number[], perUid: number[][]): Weights => Object.fromEntries(perUid.map((v, u) => [u, [cols, v]]))
const dividendsNear = (r: Reader, want: number[]): void => want.forEach((w, i) => {
  // the test's 4-decimal targets (the chain checks 1e-3; the pallet-level port holds 1e-4)
  expect(Math.abs((r.dividends[i] as number) / M - w), `dividend ${i}: ${(r.dividends[i] as number) / M} vs ${w}`).toBeLessThanOrEqual(1e-4)
})
const bondColumn = (r: Reader, col: number, uids: number[]): number[] => uids.map((u) => r.bonds(u, col))

// §4's mock conventions for the original-Yuma tests (a new subnet of spec 425 starts with Yuma3 on)
const CLASSIC = { Kappa: 32767, BondsMovingAverage: 900_000, BondsPenalty: 65535, Yuma3On: false, LiquidAlphaOn: false }
const YUMA3 = {
  MaxAllowedValidators: 3, Kappa: 32767, BondsPenalty: 0, AlphaSigmoidSteepness: 1000, BondsMovingAverage: 975_000,
  LiquidAlphaOn: true, Yuma3On: true,
}

const VECTORS: Vector[] = [
  {
    // V8 test_validators_weight_two_distinct_servers
    name: 'V8', netuid: 2, stakes: [1, 1, 1, 0, 0], hyperparameters: CLASSIC,
    weights: (e): Weights => (e === 0 ? { 0: [[3], [M]], 1: [[4], [M]], 2: [[3], [M]] } : {}),
    check: {
      0: (r) => {
        expect(r.consensus).toEqual([0, 0, 0, M, 0])
        expect(r.validatorTrust).toEqual([M, 0, M, 0, 0])
        expect(r.dividends).toEqual([32767, 0, 32767, 0, 0])
      },
    },
  },
  {
    // V9 test_validator_splits_weight_across_two_servers
    name: 'V9', netuid: 3, stakes: [1, 1, 1, 0, 0], hyperparameters: CLASSIC,
    weights: (e): Weights => (e === 0 ? { 0: [[3], [M]], 1: [[4], [M]], 2: [[3, 4], [M, M]] } : {}),
    check: {
      0: (r) => {
        expect(r.consensus.slice(3)).toEqual([32767, 32767])
        expect(r.dividends.slice(0, 3)).toEqual([16383, 16383, 32767])
      },
    },
  },
  {
    // V2 test_active_stake, its first epoch with weights
    name: 'V2', netuid: 4, stakes: [1, 1, 1, 1], hyperparameters: CLASSIC,
    weights: (e) => (e === 0 ? all([0, 1], [2, 3], [M, M]) : {}),
    check: {
      0: (r) => {
        expect(r.dividends).toEqual([32767, 32767, 0, 0])
        expect(r.consensus.slice(2)).toEqual([32767, 32767])
        for (const u of [0, 1]) for (const c of [2, 3]) expect(r.bonds(u, c)).toBe(M)
      },
    },
  },
  {
    // V1 test_bonds: the stored bonds, exact, over seven epochs
    name: 'V1', netuid: 5, stakes: [1, 2, 3, 4, 0, 0, 0, 0], hyperparameters: { ...CLASSIC, MaxAllowedValidators: 8 }, noOwnerUid: true,
    weights: (e) => ([
      all([0, 1, 2, 3], [4, 5, 6, 7], [16383, 32767, 49149, 65535]),
      { 0: [[0], [M]] }, { 1: [[1], [M]] }, { 2: [[2], [M]] }, { 2: [[7], [M]] },
    ] as Weights[])[e] ?? {},
    check: {
      0: (r) => expect(bondColumn(r, 4, [0, 1, 2, 3])).toEqual([16383, 32767, 49151, 65535]),
      1: (r) => expect(bondColumn(r, 4, [0, 1, 2, 3])).toEqual([14582, 32767, 49151, 65535]),
      2: (r) => expect(bondColumn(r, 4, [0, 1, 2, 3])).toEqual([12603, 28321, 49151, 65535]),
      3: (r) => { expect(r.consensus).toEqual([0, 0, 0, 0, 0, 0, 0, 0]); expect(bondColumn(r, 7, [0, 1, 2, 3])).toEqual([12602, 28320, 49150, 65535]) },
      4: (r) => expect(bondColumn(r, 7, [0, 1, 2, 3])).toEqual([10951, 24609, 49150, 65535]),
      5: (r) => expect(bondColumn(r, 7, [0, 1, 2, 3])).toEqual([9559, 21482, 49150, 65535]),
      6: (r) => expect(bondColumn(r, 7, [0, 1, 2, 3])).toEqual([8376, 18824, 49150, 65535]),
    },
  },
  {
    // V11 test_yuma_3_kappa_moves_first: the dividends the chain's test asserts
    name: 'V11', netuid: 6, stakes: [8, 1, 1, 0, 0], hyperparameters: YUMA3, yuma3: true,
    weights: (e) => [rows([3, 4], [[M, 0], [M, 0], [M, 0]]), rows([3, 4], [[0, M], [M, 0], [M, 0]]), rows([3, 4], [[0, M], [0, M], [M, 0]]), rows([3, 4], [[0, M], [0, M], [0, M]])][e] ?? {},
    check: {
      0: (r) => dividendsNear(r, [0.8, 0.1, 0.1]), 1: (r) => dividendsNear(r, [1, 0, 0]), 2: (r) => dividendsNear(r, [0.9382, 0.0618, 0]),
      3: (r) => dividendsNear(r, [0.8819, 0.0773, 0.0407]), 4: (r) => dividendsNear(r, [0.8564, 0.0844, 0.0592]), 5: (r) => dividendsNear(r, [0.8418, 0.0884, 0.0697]),
    },
  },
  {
    // V14 test_yuma_3_one_epoch_switch
    name: 'V14', netuid: 7, stakes: [33, 33, 34, 0, 0], hyperparameters: YUMA3, yuma3: true,
    weights: (e) => (e > 5 ? {} : e === 2 ? rows([3, 4], [[M, 0], [M, 0], [0, M]]) : rows([3, 4], [[M, 0], [M, 0], [M, 0]])),
    check: {
      0: (r) => dividendsNear(r, [0.33, 0.33, 0.34]), 1: (r) => dividendsNear(r, [0.33, 0.33, 0.34]), 2: (r) => dividendsNear(r, [0.3782, 0.3782, 0.2436]),
      3: (r) => dividendsNear(r, [0.3628, 0.3628, 0.2745]), 4: (r) => dividendsNear(r, [0.3541, 0.3541, 0.2917]), 5: (r) => dividendsNear(r, [0.3487, 0.3487, 0.3026]),
    },
  },
]

const keyring = new Keyring({ type: 'sr25519' })
const hotkey = (v: Vector, uid: number): KeyringPair => keyring.addFromUri(`//EpochVector_${v.name}_${uid}`)
const alice = keyring.addFromUri('//Alice')
const strayOwner = keyring.addFromUri('//EpochVector_stray_owner')

let node: NodeProcess
let api: ApiPromise
const rpc = (method: string, params: unknown[]): Promise<unknown> => (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send(method, params)

beforeAll(async () => {
  const spec = devSpecWith((st) => {
    st.registrationRegime = 'current'
    st.fundedAccounts = VECTORS.flatMap((v) => v.stakes.map((_, uid) => [hotkey(v, uid).address, 10 * Number(TAO)]))
    st.subnets = VECTORS.map((v) => ({ owner: alice.address, hotkey: hotkey(v, 0).address, netuid: v.netuid, tempo: 2, started: false }))
    st.globals = { ...(st.globals as object), MaxEpochsPerBlock: 16 }
    st.hyperparameters = Object.fromEntries(VECTORS.map((v) => [String(v.netuid), {
      SubnetMechanism: 0, SubtokenEnabled: true, CommitRevealWeightsEnabled: false, WeightsSetRateLimit: 0, MinAllowedWeights: 1,
      MaxRegistrationsPerBlock: 64, TargetRegistrationsPerInterval: 64, ...v.hyperparameters,
    }]))
  })
  node = await startNodeProcess(['--chain', spec, '--alice', '--tmp', '--sealing', 'manual'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
}, 60_000)

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

/** Signs and submits every call (nonces counted per signer), seals one block, and checks each went in and succeeded. */
async function block(calls: Array<[SubmittableExtrinsic<'promise'>, KeyringPair]>): Promise<void> {
  const nonces = new Map<string, number>()
  const hashes: string[] = []
  for (const [tx, who] of calls) {
    const nonce = nonces.get(who.address) ?? Number((await api.rpc.system.accountNextIndex(who.address)).toString())
    nonces.set(who.address, nonce + 1)
    await tx.signAsync(who, { nonce })
    hashes.push((await api.rpc.author.submitExtrinsic(tx)).toHex())
  }
  await rpc('dev_newBlock', [{ count: 1 }])
  const hash = await api.rpc.chain.getBlockHash()
  const included = (await api.rpc.chain.getBlock(hash)).block.extrinsics.map((x) => x.hash.toHex())
  for (const h of hashes) expect(included, 'every submitted extrinsic is in the block').toContain(h)
  const failed = (await (await api.at(hash)).query.system.events()).filter(({ event }) => api.events.system.ExtrinsicFailed.is(event))
  expect(failed.map(({ event }) => {
    const err = (event.data as unknown as [{ isModule: boolean; asModule: Parameters<typeof api.registry.findMetaError>[0] }])[0]
    return err.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(err.asModule)) : String(err)
  })).toEqual([])
}

const epochIndex = async (netuid: number): Promise<bigint> => BigInt((await api.query.subtensorModule.subnetEpochIndex(netuid)).toString())

const epochIndices = (): Promise<bigint[]> => Promise.all(VECTORS.map((v) => epochIndex(v.netuid)))

/** Seals blocks until every vector's subnet has run exactly one more epoch. */
async function toNextEpoch(): Promise<void> {
  const before = await epochIndices()
  for (let i = 0; i < 4; i++) {
    const now = await epochIndices()
    if (now.every((x, k) => x > (before[k] as bigint))) break
    await rpc('dev_newBlock', [{ count: 1 }])
  }
  const after = await epochIndices()
  expect(after).toEqual(before.map((x) => x + 1n))
}

async function read(v: Vector): Promise<Reader> {
  const q = api.query.subtensorModule
  const u16s = async (p: Promise<{ toJSON(): unknown }>): Promise<number[]> => (await p).toJSON() as number[]
  const bondRows = await Promise.all(v.stakes.map((_, uid) => q.bonds(v.netuid, uid)))
  return {
    dividends: await u16s(q.dividends(v.netuid)),
    consensus: await u16s(q.consensus(v.netuid)),
    validatorTrust: await u16s(q.validatorTrust(v.netuid)),
    bonds: (uid, col) => ((bondRows[uid]!.toJSON() as [number, number][]).find(([j]) => j === col)?.[1] ?? 0),
  }
}

describe('yuma-emission.md §4 vectors through a real node', () => {
  it('sets up six subnets by extrinsics: neurons by burned_register, stakes by add_stake, the Yuma3 alpha bounds by sudo', async () => {
    const setup: Array<[SubmittableExtrinsic<'promise'>, KeyringPair]> = []
    for (const v of VECTORS) {
      for (let uid = 1; uid < v.stakes.length; uid++) setup.push([api.tx.subtensorModule.burnedRegister(v.netuid, hotkey(v, uid).address), alice])
      if (v.yuma3) setup.push([api.tx.sudo.sudo(api.tx.adminUtils.sudoSetAlphaValues(v.netuid, 6553, 19660)), alice])
      if (v.noOwnerUid) setup.push([api.tx.sudo.sudo(api.tx.adminUtils.sudoSetSubnetOwnerHotkey(v.netuid, strayOwner.address)), alice])
    }
    await block(setup)
    const stakes: Array<[SubmittableExtrinsic<'promise'>, KeyringPair]> = []
    for (const v of VECTORS) v.stakes.forEach((st, uid) => { if (st > 0) stakes.push([api.tx.subtensorModule.addStake(hotkey(v, uid).address, v.netuid, BigInt(st) * TAO), alice]) })
    await block(stakes)
    for (const v of VECTORS) {
      expect(Number((await api.query.subtensorModule.subnetworkN(v.netuid)).toString())).toBe(v.stakes.length)
      for (let uid = 0; uid < v.stakes.length; uid++) {
        expect((await api.query.subtensorModule.keys(v.netuid, uid)).toString()).toBe(hotkey(v, uid).address)
        // a stable subnet: the alpha staked is the TAO paid, so the ratios are the test's
        expect(BigInt((await api.query.subtensorModule.totalHotkeyAlpha(hotkey(v, uid).address, v.netuid)).toString())).toBe(BigInt(v.stakes[uid]!) * TAO)
      }
      expect(BigInt((await api.query.subtensorModule.pendingServerEmission(v.netuid)).toString())).toBe(0n)
    }
    // the epoch that grants the permits (the tests' first epoch, before any weights)
    await toNextEpoch()
    for (const v of VECTORS) {
      const permits = (await api.query.subtensorModule.validatorPermit(v.netuid)).toJSON() as boolean[]
      expect(permits).toEqual(v.stakes.map((st) => st > 0))
    }
  }, 120_000)

  it('every epoch of every vector, weights by set_weights', async () => {
    const last = Math.max(...VECTORS.map((v) => Math.max(...Object.keys(v.check).map(Number))))
    for (let e = 0; e <= last; e++) {
      const calls: Array<[SubmittableExtrinsic<'promise'>, KeyringPair]> = []
      for (const v of VECTORS) {
        for (const [uid, [cols, vals]] of Object.entries(v.weights(e))) calls.push([api.tx.subtensorModule.setWeights(v.netuid, cols, vals, 0), hotkey(v, Number(uid))])
      }
      const before = await epochIndices()
      await block(calls)
      // the block carrying the weights ran no epoch (tempo 2: the one after it does)
      expect(await epochIndices()).toEqual(before)
      await toNextEpoch()
      for (const v of VECTORS) {
        const check = v.check[e]
        if (!check) continue
        const r = await read(v)
        try { check(r) } catch (err) { throw new Error(`${v.name}, epoch ${e}: ${(err as Error).message}`) }
      }
    }
  }, 240_000)
})

// Issue #13's timelocked commit-reveal through real node processes, with @polkadot/api:
// (1) the dev chain's local beacon: a commit encrypted with src/tools/timelock to the node's beacon
//     key for a future round is revealed by block_step once the round's pulse is on chain and the
//     reveal epoch has come; a commit to a round whose pulse never arrives stays queued;
// (2) a chain without a beacon: the SDK's own ciphertext (made by bittensor_drand's tle, encrypted
//     to drand quicknet) is revealed after the real quicknet pulse is fed with dev_drandQuicknetPulses.
import '@polkadot/api-augment'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import { u8aToHex } from '@polkadot/util'
import { afterEach, describe, expect, it } from 'vitest'
import { encryptWeights, roundAtTime } from '../../src/tools/timelock/index.js'
import { devSpecWith, startNodeProcess, type NodeProcess } from './node-process.js'

const TAO = 1_000_000_000n
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
// Quicknet round 1000 (subtensor pallets/drand/src/tests.rs DRAND_PULSE, HEAD 14bc6f9).
const QUICKNET_1000 = {
  round: 1000,
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  signature: 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
}
// bittensor_drand 2.0.0 `encrypt_at_round(WeightsTlockPayload{hotkey: Alice, uids: [1], values: [65535], version_key: 0}, 1000)`,
// UserData wrapper stripped: the bytes the SDK passes as `commit`.
const SDK_COMMIT_ROUND_1000 = hex(
  '9329b2753e57355b52a5cca95bd97731ba993f554d3fc8f5d9ae27cf375e8c68bef1efcb19e0db77833f9a17652af17b0f2096720066f346376ec86f2f28e30ef80b0de90b747d79a3425e02a81ec7a74ca7fb22dbf03b30bbeb260025054a432000000000000000f9e8ab033cb7f913a7ae7dfcd2e7bf0a66b9c921dc8d1a9dfe56fdeb2c4be3f92000000000000000a0d2caa74ea7821bcf0f8379d2be85e3195674a706e0642ea4414f97e9f1da5f5b000000000000003f00000000000000e70bca708ce06708aeeab27fbcaebfb5e7aba31ee7fa77fe2e9a1144f96b4e6c9ef65c46299be12daa05833e853967d60df4587e31c6b685d5602be62a6a2d0c000000000000005a7ae99670c5be36f5d2e5fe08000000000000004145535f47434d5f',
)

let node: NodeProcess | undefined
let api: ApiPromise | undefined
afterEach(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
  api = undefined
  node = undefined
})

async function start(spec: string): Promise<ApiPromise> {
  node = await startNodeProcess(['--chain', spec, '--alice', '--tmp', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  return api
}
/** The dev spec in the spec-425 regime, without the local beacon's key. */
function specWithoutBeacon(): string {
  const path = devSpecWith((st) => { st.registrationRegime = 'current' })
  const spec = JSON.parse(readFileSync(path, 'utf8'))
  delete spec.genesis.runtimeGenesis.patch.drand
  const out = join(mkdtempSync(join(tmpdir(), 'dev-spec-')), 'spec.json')
  writeFileSync(out, JSON.stringify(spec))
  return out
}

function harness(a: ApiPromise) {
  const k = new Keyring({ type: 'sr25519' })
  const alice = k.addFromUri('//Alice')
  const bob = k.addFromUri('//Bob')
  const miner = k.addFromUri('//Bob_drand_miner')
  const rpc = (method: string, params: unknown[]): Promise<unknown> => (a as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send(method, params)
  const send = (tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<string | null> => new Promise((resolve, reject) => {
    tx.signAndSend(signer, (r) => {
      if (!(r.status.isInBlock || r.status.isFinalized)) return
      if (!r.dispatchError) return resolve(null)
      resolve(r.dispatchError.isModule ? (({ section, name }) => `${section}.${name}`)(a.registry.findMetaError(r.dispatchError.asModule)) : r.dispatchError.toString())
    }).catch(reject)
  })
  const ok = async (tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<void> => { const e = await send(tx, signer); if (e) throw new Error(e) }
  const q = () => a.query.subtensorModule
  let n = 0
  return {
    alice, rpc, send, ok, q,
    get netuid() { return n },
    epochIndex: async (): Promise<bigint> => BigInt((await q().subnetEpochIndex(n)).toString()),
    /** A subnet owned (and validated) by Alice, a miner at uid 1, tempo 10, commit-reveal on. */
    async subnet(): Promise<void> {
      await ok(a.tx.balances.transferKeepAlive(miner.address, 10n * TAO), alice)
      await ok(a.tx.subtensorModule.registerNetwork(alice.address), alice)
      n = Number((await q().totalNetworks()).toString()) - 1
      await ok(a.tx.sudo.sudo(a.tx.adminUtils.sudoSetSubtokenEnabled(n, true)), alice)
      await ok(a.tx.sudo.sudo(a.tx.adminUtils.sudoSetWeightsSetRateLimit(n, 0)), alice)
      await ok(a.tx.sudo.sudo(a.tx.adminUtils.sudoSetMinAllowedWeights(n, 1)), alice)
      await ok(a.tx.subtensorModule.burnedRegister(n, miner.address), bob)
      await ok(a.tx.subtensorModule.addStake(alice.address, n, 100n * TAO), alice)
      await rpc('dev_setStorage', [[[q().tempo.key(n), u8aToHex(a.createType('u16', 10).toU8a())]]])
      expect((await q().commitRevealWeightsEnabled(n)).toString()).toBe('true')
      // one epoch, so that Alice holds a validator permit when the reveal sets her weights
      const e = BigInt((await q().subnetEpochIndex(n)).toString())
      for (let i = 0; i < 40 && BigInt((await q().subnetEpochIndex(n)).toString()) === e; i++) await rpc('dev_newBlock', [{ count: 1 }])
      expect((await q().validatorPermit(n)).toJSON()).toEqual([true, false])
    },
  }
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const pulseOf = async (a: ApiPromise, round: bigint): Promise<unknown> => (await a.query.drand.pulses(round)).toJSON()
const weightsOf = async (a: ApiPromise, n: number, uid: number): Promise<unknown> => (await a.query.subtensorModule.weights(n, uid)).toJSON()

describe('timelocked commit-reveal through a real node', () => {
  it('the local beacon reveals a commit made with the helper at its round', async () => {
    const a = await start(devSpecWith((st) => { st.registrationRegime = 'current' }))
    const h = harness(a)
    // the Drand pallet is in the metadata and its storage reads through @polkadot/api
    expect(a.runtimeMetadata.asLatest.pallets.find((p) => p.name.toString() === 'Drand')?.index.toNumber()).toBe(26)
    const config = (await a.query.drand.beaconConfig()).toJSON() as { publicKey: string }
    const beaconKey = hex(config.publicKey.slice(2))
    expect(beaconKey.length).toBe(96)
    await h.subnet()
    const last = BigInt((await a.query.drand.lastStoredRound()).toString())
    expect(last).toBeGreaterThan(0n)
    expect(await pulseOf(a, last)).not.toBeNull()

    // a round that has not begun yet, and one that will not come during this test
    const round = roundAtTime(BigInt(Date.now())) + 2n
    const far = round + 100_000n
    const commit = encryptWeights({ hotkey: h.alice.publicKey, uids: [1], values: [65535], versionKey: 0n, round, publicKey: beaconKey })
    const epoch = await h.epochIndex()
    await h.ok(a.tx.subtensorModule.commitTimelockedWeights(h.netuid, u8aToHex(commit), round, 4), h.alice)
    await h.ok(a.tx.subtensorModule.commitTimelockedWeights(h.netuid, u8aToHex(encryptWeights({ hotkey: h.alice.publicKey, uids: [1], values: [1], versionKey: 0n, round: far, publicKey: beaconKey })), far, 4), h.alice)
    const queued = (await a.query.subtensorModule.timelockedWeightCommits(h.netuid, epoch)).toJSON() as unknown[]
    expect(queued.length).toBe(2)
    // a round older than the newest pulse is refused in the pool (Custom 15)
    await expect(h.send(a.tx.subtensorModule.commitTimelockedWeights(h.netuid, u8aToHex(commit), last - 1n, 4), h.alice)).rejects.toThrow(/Custom error: 15/)

    // wait (wall clock) for the round to begin, then two blocks: the second's parent timestamp is past it
    while (roundAtTime(BigInt(Date.now())) < round) await sleep(250)
    await h.rpc('dev_newBlock', [{ count: 2 }])
    expect(await pulseOf(a, round)).not.toBeNull()
    expect(await weightsOf(a, h.netuid, 0)).toEqual([]) // its round has come, its reveal epoch not yet
    for (let i = 0; i < 40 && (await h.epochIndex()) < epoch + 1n; i++) await h.rpc('dev_newBlock', [{ count: 1 }])
    expect(await h.epochIndex()).toBe(epoch + 1n)
    expect(await weightsOf(a, h.netuid, 0)).toEqual([[1, 65535]])
    // the far-round commit waits for its pulse in the reveal epoch
    const left = (await a.query.subtensorModule.timelockedWeightCommits(h.netuid, epoch)).toJSON() as [string, number, string, number][]
    expect(left.map((c) => BigInt(c[3]))).toEqual([far])

    // a quicknet pulse for a round the beacon has passed is stored over it; LastStoredRound stays
    const lastNow = BigInt((await a.query.drand.lastStoredRound()).toString())
    await expect(h.rpc('dev_drandQuicknetPulses', [{ ...QUICKNET_1000, randomness: '00'.repeat(32) }])).rejects.toThrow(/randomness/)
    await h.rpc('dev_drandQuicknetPulses', [{ ...QUICKNET_1000 }])
    expect(await pulseOf(a, 1000n)).toEqual({ round: 1000, randomness: `0x${QUICKNET_1000.randomness}`, signature: `0x${QUICKNET_1000.signature}` })
    expect(BigInt((await a.query.drand.lastStoredRound()).toString())).toBeGreaterThanOrEqual(lastNow)
  }, 120_000)

  it('an SDK commit to quicknet is revealed once the real quicknet pulse is fed', async () => {
    const a = await start(specWithoutBeacon())
    const h = harness(a)
    await h.subnet()
    expect(BigInt((await a.query.drand.lastStoredRound()).toString())).toBe(0n)
    const epoch = await h.epochIndex()
    await h.ok(a.tx.subtensorModule.commitTimelockedWeights(h.netuid, u8aToHex(SDK_COMMIT_ROUND_1000), 1000, 4), h.alice)
    // a forged pulse is refused and stores nothing
    await expect(h.rpc('dev_drandQuicknetPulses', [[{ ...QUICKNET_1000, round: 1001 }]])).rejects.toThrow(/does not verify/)
    expect(await pulseOf(a, 1001n)).toBeNull()
    await h.rpc('dev_drandQuicknetPulses', [[QUICKNET_1000]])
    expect(await pulseOf(a, 1000n)).toEqual({ round: 1000, randomness: `0x${QUICKNET_1000.randomness}`, signature: `0x${QUICKNET_1000.signature}` })
    expect(BigInt((await a.query.drand.lastStoredRound()).toString())).toBe(1000n)
    for (let i = 0; i < 40 && (await h.epochIndex()) < epoch + 1n; i++) await h.rpc('dev_newBlock', [{ count: 1 }])
    expect(await weightsOf(a, h.netuid, 0)).toEqual([[1, 65535]])
    expect((await a.query.subtensorModule.timelockedWeightCommits(h.netuid, epoch)).toJSON()).toEqual([])
  }, 120_000)
})

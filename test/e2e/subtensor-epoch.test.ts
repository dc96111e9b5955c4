// Issue #13 through a real node process with @polkadot/api (spec 425 regime): a subnet with its
// owner validating and one miner; hash commit-reveal — the commit hash computed here with the
// client's own codec (polkadot-js types + blake2), an early reveal refused, a wrong salt refused,
// an in-window reveal taken and used by the next epoch, an expired commit refused (the three
// refusals come from the pool, where HEAD's CheckWeights guard runs) —
// and subtensor_explainEpoch's final vectors equal to what the epoch wrote to storage.
import '@polkadot/api-augment'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import { u8aToHex } from '@polkadot/util'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devSpecWith, startNodeProcess, type NodeProcess } from './node-process.js'

const TAO = 1_000_000_000n
let node: NodeProcess
let api: ApiPromise
let alice: KeyringPair
let bob: KeyringPair
let owner: KeyringPair
let miner: KeyringPair
let n = 0

beforeAll(async () => {
  node = await startNodeProcess(['--chain', devSpecWith((st) => { st.registrationRegime = 'current' }), '--alice', '--tmp', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  const k = new Keyring({ type: 'sr25519' })
  ;[alice, bob, owner, miner] = [k.addFromUri('//Alice'), k.addFromUri('//Bob'), k.addFromUri('//Alice_epoch_owner'), k.addFromUri('//Bob_epoch_miner')]
}, 60_000)

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<string | null> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, (r) => {
      if (!(r.status.isInBlock || r.status.isFinalized)) return
      if (!r.dispatchError) return resolve(null)
      resolve(r.dispatchError.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(r.dispatchError.asModule)) : r.dispatchError.toString())
    }).catch(reject)
  })
}
/** A refusal by the pool (HEAD's CheckWeights guard runs there too): the 1010 error's message. */
const poolRefusal = (tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<string> =>
  send(tx, signer).then((r) => { throw new Error(`included (${r ?? 'ok'}) instead of refused by the pool`) }, (e: Error) => e.message)
const ok = async (tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<void> => {
  const e = await send(tx, signer)
  if (e) throw new Error(e)
}
const q = () => api.query.subtensorModule
const rpc = (method: string, params: unknown[]): Promise<unknown> => (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send(method, params)
const epochIndex = async (): Promise<bigint> => BigInt((await q().subnetEpochIndex(n)).toString())
async function nextEpoch(): Promise<void> {
  const start = await epochIndex()
  for (let i = 0; i < 40 && (await epochIndex()) === start; i++) await rpc('dev_newBlock', [{ count: 1 }])
  expect(await epochIndex()).toBe(start + 1n)
}

const SALT = [7, 7, 7, 7]
/** BlakeTwo256 of SCALE (hotkey, netuid_index, uids, values, salt, version_key), encoded by polkadot-js. */
const clientHash = (who: string, uids: number[], values: number[], salt: number[]): Uint8Array =>
  blake2AsU8a(api.createType('(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)', [who, n, uids, values, salt, 0]).toU8a(), 256)

describe('epoch and commit-reveal through a real node (spec 425)', () => {
  it('a subnet with a staked owner-validator and a miner', async () => {
    for (const who of [owner, miner]) await ok(api.tx.balances.transferKeepAlive(who.address, 10n * TAO), alice)
    await ok(api.tx.subtensorModule.registerNetwork(owner.address), alice)
    n = Number((await q().totalNetworks()).toString()) - 1
    expect((await q().subnetOwnerHotkey(n)).toString()).toBe(owner.address)
    await ok(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetSubtokenEnabled(n, true)), alice)
    await ok(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetWeightsSetRateLimit(n, 0)), alice)
    await ok(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetMinAllowedWeights(n, 1)), alice)
    await ok(api.tx.subtensorModule.burnedRegister(n, miner.address), bob)
    await ok(api.tx.subtensorModule.addStake(owner.address, n, 100n * TAO), alice)
    // a short tempo, written as raw storage (the owner's set_tempo floor is 360)
    await rpc('dev_setStorage', [[[q().tempo.key(n), u8aToHex(api.createType('u16', 6).toU8a())]]])
    expect(Number((await q().tempo(n)).toString())).toBe(6)
    expect((await q().commitRevealWeightsEnabled(n)).toString()).toBe('true')
  })

  it('commit; early reveal refused; wrong salt refused; in-window reveal used by the next epoch', async () => {
    const minerUid = Number((await q().uids(n, miner.address)).toString())
    await nextEpoch()
    const h = clientHash(owner.address, [minerUid], [65535], SALT)
    await ok(api.tx.subtensorModule.commitWeights(n, h), owner)
    expect((await q().weightCommits(n, owner.address)).toJSON()).toBeTruthy()
    // CheckWeights: RevealTooEarly → CommitBlockNotInRevealRange (17), NoWeightsCommitFound → CommitNotFound (16)
    expect(await poolRefusal(api.tx.subtensorModule.revealWeights(n, [minerUid], [65535], SALT, 0), owner)).toMatch(/1010.*Custom error: 17/)
    await nextEpoch()
    expect(await poolRefusal(api.tx.subtensorModule.revealWeights(n, [minerUid], [65535], [1, 2], 0), owner)).toMatch(/1010.*Custom error: 16/)
    await ok(api.tx.subtensorModule.revealWeights(n, [minerUid], [65535], SALT, 0), owner)
    expect((await q().weights(n, 0)).toJSON()).toEqual([[minerUid, 65535]])
    await nextEpoch()
    const incentive = (await q().incentive(n)).toJSON() as number[]
    expect(incentive[minerUid]).toBe(65535)
    // the owner's uid 0 is the only validator: all the bonds, so all the dividends
    expect(((await q().dividends(n)).toJSON() as number[])[0]).toBe(65535)
  }, 120_000)

  it('an expired commit is refused (by CheckWeights: still queued, out of its window)', async () => {
    const h = clientHash(owner.address, [1], [100], SALT)
    await ok(api.tx.subtensorModule.commitWeights(n, h), owner)
    await nextEpoch()
    await nextEpoch()
    expect(await poolRefusal(api.tx.subtensorModule.revealWeights(n, [1], [100], SALT, 0), owner)).toMatch(/1010.*Custom error: 17/)
  }, 120_000)

  it('subtensor_explainEpoch: the final vectors equal what the epoch wrote', async () => {
    const best = (await api.rpc.chain.getHeader()).hash
    const at = await api.at(best)
    const out = (await rpc('subtensor_explainEpoch', [n, best.toHex()])) as {
      block: number
      mechanisms: Array<{ uids: Array<{ incentiveU16: number; dividendsU16: number; consensusU16: number; validatorTrustU16: number; emission: string; stakeWeight: number; newValidatorPermit: boolean }> }>
    }
    expect(out.block).toBe(Number((await at.query.subtensorModule.lastEpochBlock(n)).toString()))
    const uids = out.mechanisms[0]!.uids
    const q2 = at.query.subtensorModule
    expect(uids.map((u) => u.incentiveU16)).toEqual((await q2.incentive(n)).toJSON())
    expect(uids.map((u) => u.dividendsU16)).toEqual((await q2.dividends(n)).toJSON())
    expect(uids.map((u) => u.consensusU16)).toEqual((await q2.consensus(n)).toJSON())
    expect(uids.map((u) => u.validatorTrustU16)).toEqual((await q2.validatorTrust(n)).toJSON())
    expect(uids.map((u) => u.stakeWeight)).toEqual((await q2.stakeWeight(n)).toJSON())
    expect(uids.map((u) => u.newValidatorPermit)).toEqual((await q2.validatorPermit(n)).toJSON())
    expect(uids.map((u) => u.emission)).toEqual(((await q2.emission(n)).toJSON() as (number | string)[]).map((x) => BigInt(x).toString()))
    await expect(rpc('subtensor_explainEpoch', [999])).rejects.toThrow(/does not exist/)
    // the CLI prints the same epoch as a table
    const text = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url)), 'explain-epoch', String(n), '--url', node.url.replace(/^ws/, 'http'), '--at', best.toHex()], { encoding: 'utf8' }, (e, out) => (e ? reject(e) : resolve(out))))
    expect(text).toContain(`subnet ${n}, epoch run in block ${out.block}`)
    expect(text).toContain('mechanism 0')
    expect(text).toMatch(/1\.0000 \(65535\)/)
  }, 60_000)
})

// Acceptance (#11 burned registration in the current regime; #12 stake through the pools) through a
// real node process with @polkadot/api: a dev chain in spec 425's registration regime; two subnets
// created and started; burned_register; add, move, transfer, swap and remove stake with balances,
// reserves and alpha checked against the balancer formula written out in the test (equal weights:
// out = y·(1 − x/(x+dx)) at 10^18 accuracy, then U64F64; fee = amount · FeeRate/65535); a crossed
// limit price and a rate limit each refused by name with nothing changed but fee and nonce.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import type { SubmittableExtrinsic } from '@polkadot/api/types'
import type { KeyringPair } from '@polkadot/keyring/types'
import type { ISubmittableResult } from '@polkadot/types/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devSpecWith, startNodeProcess, type NodeProcess } from './node-process.js'

const TAO = 1_000_000_000n
const ACC = 10n ** 18n
const ONE = 1n << 64n
let node: NodeProcess
let api: ApiPromise
let alice: KeyringPair
let bob: KeyringPair
let charlie: KeyringPair
let hkA: KeyringPair
let hkB: KeyringPair
let hkC: KeyringPair
const subnets: number[] = []

beforeAll(async () => {
  node = await startNodeProcess(['--chain', devSpecWith((st) => { st.registrationRegime = 'current' }), '--alice', '--tmp', '--sealing', 'instant'])
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  const k = new Keyring({ type: 'sr25519' })
  ;[alice, bob, charlie] = [k.addFromUri('//Alice'), k.addFromUri('//Bob'), k.addFromUri('//Charlie')]
  ;[hkA, hkB, hkC] = [k.addFromUri('//Alice_stake_hk'), k.addFromUri('//Bob_hk'), k.addFromUri('//Bob_hk2')]
}, 60_000)

afterAll(async () => {
  await api?.disconnect()
  await node?.kill('SIGTERM')
})

interface Sent { r: ISubmittableResult; fee: bigint; error: string | null }
function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<Sent> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, (r) => {
      if (!(r.status.isInBlock || r.status.isFinalized)) return
      const paid = r.events.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid')
      const fee = paid ? BigInt(paid.event.data[1]!.toString()) : 0n
      let error: string | null = null
      if (r.dispatchError) {
        error = r.dispatchError.isModule
          ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(r.dispatchError.asModule))
          : r.dispatchError.toString()
      }
      resolve({ r, fee, error })
    }).catch(reject)
  })
}
const ok = async (tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<Sent> => {
  const s = await send(tx, signer)
  if (s.error) throw new Error(s.error)
  return s
}

const q = () => api.query.subtensorModule
const big = async (p: Promise<{ toString(): string }>): Promise<bigint> => BigInt((await p).toString())
const free = async (who: string): Promise<bigint> => BigInt((await api.query.system.account(who)).data.free.toString())
const feeRate = async (n: number): Promise<number> => Number((await (api.query as unknown as Record<string, Record<string, (n: number) => Promise<{ toString(): string }>>>).swap!.feeRate!(n)).toString())
async function pool(n: number): Promise<{ tao: bigint; alphaIn: bigint; alphaOut: bigint }> {
  return { tao: await big(q().subnetTAO(n)), alphaIn: await big(q().subnetAlphaIn(n)), alphaOut: await big(q().subnetAlphaOut(n)) }
}
/** The coldkey's alpha through a hotkey: TotalHotkeyAlpha × share / denominator (SafeFloats, exact). */
async function stake(hot: string, cold: string, n: number): Promise<bigint> {
  const total = await big(q().totalHotkeyAlpha(hot, n))
  const share = (await q().alphaV2(hot, cold, n)).toJSON() as { mantissa: number | string; exponent: number }
  const den = (await q().totalHotkeySharesV2(hot, n)).toJSON() as { mantissa: number | string; exponent: number }
  const m = BigInt(share.mantissa)
  const d = BigInt(den.mantissa)
  if (m === 0n || d === 0n) return 0n
  const e = share.exponent - den.exponent
  return e >= 0 ? (total * m * 10n ** BigInt(e)) / d : (total * m) / (d * 10n ** BigInt(-e))
}

const feeOf = (amount: bigint, rate: number): bigint => (amount * ((BigInt(rate) << 64n) / 0xffffn)) >> 64n
function balancerOut(x: bigint, y: bigint, dx: bigint): bigint {
  const e = (((x * ACC) / (x + dx)) * ONE) / ACC
  return (y * (ONE - e)) >> 64n
}
/**
 * A sale of `a` alpha with Alice authoring: the seller gets the sale of a − fee; the fee alpha is
 * then sold fee-less for the block author on the moved reserves.
 */
function sale(p: { tao: bigint; alphaIn: bigint }, a: bigint, rate: number): { out: bigint; fee: bigint; authorOut: bigint; tao: bigint; alphaIn: bigint } {
  const fee = feeOf(a, rate)
  const out = balancerOut(p.alphaIn, p.tao, a - fee)
  const [tao1, alpha1] = [p.tao - out, p.alphaIn + a - fee]
  const authorOut = fee === 0n ? 0n : balancerOut(alpha1, tao1, fee)
  return { out, fee, authorOut, tao: tao1 - authorOut, alphaIn: alpha1 + fee }
}

describe('stake through the pools (spec 425, real node)', () => {
  it('two subnets are created and started', async () => {
    for (const owner of [alice, charlie]) {
      const hot = owner === alice ? hkA : new Keyring({ type: 'sr25519' }).addFromUri('//Charlie_stake_hk')
      const s = await ok(api.tx.subtensorModule.registerNetwork(hot.address), owner)
      const added = s.r.events.find(({ event }) => event.method === 'NetworkAdded')!
      const n = Number(added.event.data[0]!.toString())
      subnets.push(n)
      // trading enabled by root, not start_call: an unstarted subnet gets no block emission, so
      // nothing but the calls under test moves its pool between two reads
      const sudo = await ok(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetSubtokenEnabled(n, true)), alice)
      expect(sudo.r.events.find(({ event }) => event.method === 'Sudid')!.event.data[0]!.toString()).toBe('Ok')
      expect((await q().subtokenEnabled(n)).toString()).toBe('true')
    }
  })

  it('burned_register charges the coldkey the burn; the burn buys alpha that is recycled', async () => {
    const n = subnets[0]!
    const burnBefore = await big(q().burn(n))
    const recycled0 = await big(q().raoRecycledForRegistration(n))
    const p0 = await pool(n)
    const bal0 = await free(bob.address)
    const s = await ok(api.tx.subtensorModule.burnedRegister(n, hkB.address), bob)
    // the price decays in on_initialize of the block that includes the call: what was charged is
    // what the chain recorded as recycled, never more than the price read before
    const burn = (await big(q().raoRecycledForRegistration(n))) - recycled0
    expect(burn > 0n && burn <= burnBefore).toBe(true)
    const fee = feeOf(burn, await feeRate(n))
    const out = balancerOut(p0.tao, p0.alphaIn, burn - fee)
    expect(await free(bob.address)).toBe(bal0 - burn - s.fee)
    expect(await pool(n)).toEqual({ tao: p0.tao + burn - fee, alphaIn: p0.alphaIn - out, alphaOut: p0.alphaOut })
    expect((await q().owner(hkB.address)).toString()).toBe(bob.address)
    const uid = Number((await q().uids(n, hkB.address)).toString())
    expect((await q().keys(n, uid)).toString()).toBe(hkB.address)
    // bumped by BurnIncreaseMult (× 1.26 in U64F64 by default)
    expect(await big(q().burn(n))).toBe((burn * BigInt(((await q().burnIncreaseMult(n)) as unknown as { bits: { toString(): string } }).bits.toString())) >> 64n)
    await ok(api.tx.subtensorModule.burnedRegister(n, hkC.address), bob)
    await ok(api.tx.subtensorModule.burnedRegister(subnets[1]!, hkB.address), bob)
  })

  it('add_stake: Bob pays amount + fee; reserves and his alpha move by the balancer formula', async () => {
    const n = subnets[0]!
    const amount = 50n * TAO
    const p0 = await pool(n)
    const bal0 = await free(bob.address)
    const s = await ok(api.tx.subtensorModule.addStake(hkB.address, n, amount), bob)
    const fee = feeOf(amount, await feeRate(n))
    const out = balancerOut(p0.tao, p0.alphaIn, amount - fee)
    expect(await free(bob.address)).toBe(bal0 - amount - s.fee)
    expect(await pool(n)).toEqual({ tao: p0.tao + amount - fee, alphaIn: p0.alphaIn - out, alphaOut: p0.alphaOut + out })
    expect(await stake(hkB.address, bob.address, n)).toBe(out)
    const added = s.r.events.find(({ event }) => event.method === 'StakeAdded')!.event.data.map((d) => d.toString())
    expect(added).toEqual([bob.address, hkB.address, amount.toString(), out.toString(), String(n), fee.toString()])
  })

  it('move_stake to another hotkey inside the subnet moves the alpha as is', async () => {
    const n = subnets[0]!
    const a = await stake(hkB.address, bob.address, n)
    const p0 = await pool(n)
    await ok(api.tx.subtensorModule.moveStake(hkB.address, hkC.address, n, n, a / 2n), bob)
    expect(await stake(hkB.address, bob.address, n)).toBe(a - a / 2n)
    expect(await stake(hkC.address, bob.address, n)).toBe(a / 2n)
    expect(await pool(n)).toEqual(p0)
  })

  it('transfer_stake gives alpha to another coldkey', async () => {
    const n = subnets[0]!
    const a = await stake(hkC.address, bob.address, n)
    await ok(api.tx.subtensorModule.transferStake(charlie.address, hkC.address, n, n, a), bob)
    expect(await stake(hkC.address, bob.address, n)).toBe(0n)
    expect(await stake(hkC.address, charlie.address, n)).toBe(a)
  })

  it('swap_stake sells on one pool (with fee) and buys on the other (fee dropped)', async () => {
    const [n1, n2] = [subnets[0]!, subnets[1]!]
    const a = (await stake(hkB.address, bob.address, n1)) / 2n
    const [p1, p2] = [await pool(n1), await pool(n2)]
    const sold = sale(p1, a, await feeRate(n1))
    const tao = sold.out
    const bought = balancerOut(p2.tao, p2.alphaIn, tao)
    const before2 = await stake(hkB.address, bob.address, n2)
    const s = await ok(api.tx.subtensorModule.swapStake(hkB.address, n1, n2, a), bob)
    expect((await pool(n1)).tao).toBe(sold.tao)
    expect((await pool(n1)).alphaIn).toBe(sold.alphaIn)
    expect((await pool(n2)).tao).toBe(p2.tao + tao)
    expect((await pool(n2)).alphaIn).toBe(p2.alphaIn - bought)
    expect(await stake(hkB.address, bob.address, n2)).toBe(before2 + bought)
    expect(s.r.events.find(({ event }) => event.method === 'StakeSwapped')!.event.data[4]!.toString()).toBe(tao.toString())
  })

  it('remove_stake pays the sale to the coldkey', async () => {
    const n = subnets[0]!
    const a = await stake(hkB.address, bob.address, n)
    const p0 = await pool(n)
    const bal0 = await free(bob.address)
    const aliceBal0 = await free(alice.address)
    const sold = sale(p0, a, await feeRate(n))
    const s = await ok(api.tx.subtensorModule.removeStake(hkB.address, n, a), bob)
    expect(await free(bob.address)).toBe(bal0 + sold.out - s.fee)
    expect(await stake(hkB.address, bob.address, n)).toBe(0n)
    expect(await pool(n)).toEqual({ tao: sold.tao, alphaIn: sold.alphaIn, alphaOut: p0.alphaOut - (a - sold.fee) - sold.fee })
    // Alice authors the block: the fee alpha sold for her, plus the transaction fee's author part
    expect(await free(alice.address) - aliceBal0 >= sold.authorOut).toBe(true)
  })

  it('a crossed limit price is refused with SlippageTooHigh; only fee and nonce change', async () => {
    const n = subnets[0]!
    const p0 = await pool(n)
    const price = (p0.tao * TAO) / p0.alphaIn
    const [bal0, nonce0] = [await free(bob.address), (await api.query.system.account(bob.address)).nonce.toNumber()]
    const total0 = await big(q().totalHotkeyAlpha(hkB.address, n))
    const s = await send(api.tx.subtensorModule.addStakeLimit(hkB.address, n, 500n * TAO, price + price / 100n, false), bob)
    expect(s.error).toBe('subtensorModule.SlippageTooHigh')
    expect(await free(bob.address)).toBe(bal0 - s.fee)
    expect((await api.query.system.account(bob.address)).nonce.toNumber()).toBe(nonce0 + 1)
    expect(await pool(n)).toEqual(p0)
    expect(await big(q().totalHotkeyAlpha(hkB.address, n))).toBe(total0)
  })

  it('a rate limit is refused by name (increase_take within TxDelegateTakeRateLimit); nothing changes', async () => {
    // spec 425 has no rate limit on the stake calls themselves; a delegate's take is rate limited
    await ok(api.tx.subtensorModule.decreaseTake(hkB.address, 1000), bob)
    const take0 = (await q().delegates(hkB.address)).toString()
    const bal0 = await free(bob.address)
    const s = await send(api.tx.subtensorModule.increaseTake(hkB.address, 2000), bob)
    expect(s.error).toBe('subtensorModule.DelegateTxRateLimitExceeded')
    expect((await q().delegates(hkB.address)).toString()).toBe(take0)
    expect(await free(bob.address)).toBe(bal0 - s.fee)
  })
})

describe('StakeInfoRuntimeApi and DelegateInfoRuntimeApi (decoded by @polkadot/api from V15)', () => {
  type Call = Record<string, Record<string, (...a: unknown[]) => Promise<{ toJSON(): unknown }>>>
  const call = () => api.call as unknown as Call
  const rpc = (m: string, p: unknown[]) => (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send(m, p)

  it('stake info for a coldkey lists every non-zero (hotkey, netuid) as storage has it', async () => {
    const [n1, n2] = [subnets[0]!, subnets[1]!]
    const rows = (await call().stakeInfoRuntimeApi!.getStakeInfoForColdkey!(charlie.address)).toJSON() as Record<string, unknown>[]
    const mine = rows.filter((r) => r.hotkey === hkC.address)
    expect(mine).toEqual([{ hotkey: hkC.address, coldkey: charlie.address, netuid: n1, stake: Number(await stake(hkC.address, charlie.address, n1)),
      locked: 0, emission: 0, taoEmission: 0, drain: 0, isRegistered: true }])
    const one = (await call().stakeInfoRuntimeApi!.getStakeInfoForHotkeyColdkeyNetuid!(hkB.address, bob.address, n2)).toJSON() as Record<string, unknown>
    expect(BigInt(one.stake as number)).toBe(await stake(hkB.address, bob.address, n2))
    const avail = (await call().stakeInfoRuntimeApi!.getStakeAvailabilityForColdkeys!([bob.address], [n2])).toJSON() as Record<string, Record<string, Record<string, number>>>
    const total = Number(await stake(hkB.address, bob.address, n2))
    expect(avail[bob.address]![String(n2)]).toEqual({ total, locked: 0, available: total })
    expect((await call().stakeInfoRuntimeApi!.getStakeFee!([hkB.address, n1], bob.address, [hkB.address, n1], bob.address, 1_000_000n)).toJSON()).toBe(0)
    expect((await call().stakeInfoRuntimeApi!.getColdkeyLock!(bob.address, n1)).toJSON()).toBeNull()
  })

  it('delegates: take, owner, registrations and nominators; get_delegated; the legacy RPC returns the same bytes', async () => {
    const n2 = subnets[1]!
    const d = (await call().delegateInfoRuntimeApi!.getDelegate!(hkB.address)).toJSON() as Record<string, unknown>
    expect(d).toMatchObject({ delegateSs58: hkB.address, take: 1000, ownerSs58: bob.address })
    expect((d.registrations as number[]).sort()).toEqual([...subnets].sort())
    const nominated = (d.nominators as [string, [number, number][]][]).find(([who]) => who === bob.address)!
    expect(nominated[1]).toContainEqual([n2, Number(await stake(hkB.address, bob.address, n2))])
    const delegated = (await call().delegateInfoRuntimeApi!.getDelegated!(bob.address)).toJSON() as [Record<string, unknown>, [number, number]][]
    expect(delegated.map(([i, [n, a]]) => [i.delegateSs58, n, a])).toContainEqual([hkB.address, n2, Number(await stake(hkB.address, bob.address, n2))])
    const viaState = Array.from(Buffer.from((await api.rpc.state.call('DelegateInfoRuntimeApi_get_delegate', '0x' + Buffer.from(hkB.publicKey).toString('hex'))).toHex().slice(2), 'hex'))
    expect(await rpc('delegateInfo_getDelegate', [Array.from(hkB.publicKey)])).toEqual(viaState)
    expect((await call().delegateInfoRuntimeApi!.getDelegate!(charlie.address)).toJSON()).toBeNull()
  })
})

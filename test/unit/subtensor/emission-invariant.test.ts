// Issue #13: ten started subnets of 64 uids (16 staked validators each, random stakes) run twenty
// tempos through the real block producer, the validators setting random weights every tempo by
// signed set_weights extrinsics through the pool, and after every block every RAO minted is
// accounted for by the rules:
// - TAO: the block mints exactly the halving curve's emission for SubtensorModule's issuance
//   (the exact bigint curve, not the lookup the runtime uses); what is not recycled lands on the
//   subnet accounts, and SubtensorModule's and Balances' issuance move together; pools' TAO grows
//   by exactly what was injected; every account's free + reserved adds up to Balances' issuance.
// - alpha, per subnet: alpha_out minted is the subnet's own curve of its alpha issuance; alpha_in
//   minted is what the pool and the protocol's alpha grew by; and SubnetAlphaOut is held by stakes,
//   the four pending accumulators and the protocol's alpha, except what the rules take: the floors
//   of the emission split (at most 4 RAO a block), the floors of the epoch's payout (at most two
//   per uid and two per dividend), and the owner's miner incentive when it is burned (read from
//   the IncentiveAlphaEmittedToMiners event). On an epoch block the accumulators are drained.
// No root stake: root_prop is 0, so the TAO injection is all "excess" bought as protocol alpha and
// no root dividends arise (root claims are issue #12's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSimChain, type SimChain } from '../../../bench/lib/sim-chain.js'
import { Balances } from '../../../src/pallets/balances/index.js'
import { emissionForIssuance } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { System } from '../../../src/pallets/system/index.js'
import { events } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import { accountsTotal } from './staking-harness.js'

const SUBNETS = 10
const UIDS = 64
const VALIDATORS = 16
const TEMPO = 10
const TEMPOS = 20

interface SubnetLedger { alphaOut: bigint; alphaIn: bigint; protocolAlpha: bigint; tao: bigint; account: bigint; held: bigint; epochs: bigint }

function ledger(s: Overlay, netuid: number): SubnetLedger {
  let staked = 0n
  for (const [, n, total] of S.TotalHotkeyAlpha.iter(s)) if (n === netuid) staked += total
  const pending = S.PendingServerEmission.get(s, netuid) + S.PendingValidatorEmission.get(s, netuid) + S.PendingRootAlphaDivs.get(s, netuid) + S.PendingOwnerCut.get(s, netuid)
  const protocolAlpha = S.SubnetProtocolAlpha.get(s, netuid)
  return {
    alphaOut: S.SubnetAlphaOut.get(s, netuid), alphaIn: S.SubnetAlphaIn.get(s, netuid), protocolAlpha,
    tao: S.SubnetTAO.get(s, netuid), account: System.Account.get(s, subnetAccountId(netuid)).data.free,
    held: staked + pending + protocolAlpha, epochs: S.SubnetEpochIndex.get(s, netuid),
  }
}

let sim: SimChain
beforeAll(async () => {
  sim = await openSimChain({ subnets: SUBNETS, uids: UIDS, validators: VALIDATORS, tempo: TEMPO, seed: 13, hyperparameters: { Yuma3On: true } })
}, 120_000)
afterAll(async () => { await sim?.close() })

describe('emission invariant: 10 subnets × 64 uids, 20 tempos, checked every block', () => {
  it('every RAO minted is paid, pending, recycled or burned by the rules', async () => {
    const counts = { blocks: 0, epochs: 0, weightTxs: 0, burned: 0n, recycledTao: 0n, mintedTao: 0n }
    const lastWeights = new Map<number, bigint>()
    for (let k = 0; k < TEMPOS * (TEMPO + 1); k++) {
      const ps = sim.chain.overlayAt(sim.chain.best.hash)
      const block = BigInt(sim.chain.best.number + 1)
      const pre = new Map(sim.netuids.map((n) => [n, ledger(ps, n)]))
      const minted = emissionForIssuance(S.TotalIssuance.get(ps)) ?? -1n
      const alphaMinted = new Map(sim.netuids.map((n) => [n, emissionForIssuance(S.SubnetAlphaIn.get(ps, n) + S.SubnetAlphaOut.get(ps, n)) ?? -1n]))
      const issuance = { subtensor: S.TotalIssuance.get(ps), balances: Balances.TotalIssuance.get(ps) }
      // once a tempo (after each subnet's epoch), every validator sets fresh random weights
      for (const n of sim.netuids) {
        const last = S.LastEpochBlock.get(ps, n)
        if (lastWeights.get(n) === last) continue
        lastWeights.set(n, last)
        for (const v of sim.validators.get(n)!) {
          const dests = Array.from({ length: UIDS }, (_, j) => j).filter(() => sim.rng() < 0.5)
          if (dests.length === 0) dests.push(UIDS - 1)
          sim.submitWeights(n, v, dests, dests.map(() => 1 + Math.floor(sim.rng() * 65535)))
          counts.weightTxs++
        }
      }
      await sim.producer.produceMany(1)
      const s = sim.chain.overlayAt(sim.chain.best.hash)
      counts.blocks++
      const evs = events(s)
      expect(evs.filter((e) => e.name === 'System.ExtrinsicFailed')).toEqual([])

      // TAO
      const dSub = S.TotalIssuance.get(s) - issuance.subtensor
      expect(Balances.TotalIssuance.get(s) - issuance.balances).toBe(dSub)
      expect(accountsTotal({ s })).toBe(Balances.TotalIssuance.get(s))
      const issued = evs.filter((e) => e.name === 'Balances.Issued').map((e) => (e.value as { amount: bigint }).amount)
      expect(issued).toEqual([minted])
      let toAccounts = 0n
      let toPools = 0n
      let injected = 0n
      for (const n of sim.netuids) {
        const a = ledger(s, n)
        const b = pre.get(n)!
        toAccounts += a.account - b.account
        toPools += a.tao - b.tao
        injected += S.SubnetTaoInEmission.get(s, n) + S.SubnetExcessTao.get(s, n)
      }
      expect(toAccounts).toBe(dSub)
      expect(toPools).toBe(injected)
      const recycled = minted - dSub
      // what the subnets could not take (no eligible subnet, zero prices, floors) is recycled
      expect(recycled >= 0n, `TAO recycled ${recycled}`).toBe(true)
      counts.mintedTao += minted
      counts.recycledTao += recycled

      // alpha, per subnet
      for (const n of sim.netuids) {
        const a = ledger(s, n)
        const b = pre.get(n)!
        expect(S.SubnetAlphaOutEmission.get(s, n)).toBe(alphaMinted.get(n))
        expect(a.alphaIn - b.alphaIn + (a.protocolAlpha - b.protocolAlpha)).toBe(S.SubnetAlphaInEmission.get(s, n))
        const epoch = a.epochs !== b.epochs
        let burned = 0n
        let bound = 4n
        if (epoch) {
          counts.epochs++
          expect(S.LastEpochBlock.get(s, n)).toBe(block)
          for (const m of [S.PendingServerEmission, S.PendingValidatorEmission, S.PendingRootAlphaDivs, S.PendingOwnerCut]) expect(m.get(s, n)).toBe(0n)
          const paid = evs.find((e) => e.name === 'SubtensorModule.IncentiveAlphaEmittedToMiners' && (e.value as { netuid: number }).netuid === n)
          expect(paid).toBeDefined()
          const ownerUid = S.Uids.get(s, n, S.SubnetOwnerHotkey.get(s, n))
          if (S.RecycleOrBurn.get(s, n).type === 'Burn' && ownerUid !== null) burned = (paid!.value as { emissions: bigint[] }).emissions[ownerUid] ?? 0n
          bound += 2n * BigInt(UIDS) + 2n * BigInt(VALIDATORS)
        }
        counts.burned += burned
        const dust = (a.alphaOut - a.held) - (b.alphaOut - b.held) - burned
        expect(dust >= 0n && dust <= bound, `netuid ${n} block ${block}: ${dust} RAO of alpha unaccounted (bound ${bound})`).toBe(true)
      }
    }
    // the run did what it claims: every subnet ran its twenty epochs on real weights
    expect(counts.epochs).toBeGreaterThanOrEqual(SUBNETS * (TEMPOS - 1))
    expect(counts.weightTxs).toBeGreaterThanOrEqual(SUBNETS * VALIDATORS * (TEMPOS - 1))
    const s = sim.chain.overlayAt(sim.chain.best.hash)
    for (const n of sim.netuids) expect(S.Incentive.get(s, n).filter((x) => x > 0).length).toBeGreaterThan(UIDS / 4)
    // most of the TAO went into the subnets once their moving prices were non-zero
    expect(counts.recycledTao * 2n).toBeLessThan(counts.mintedTao)
    expect(counts.burned).toBeGreaterThan(0n)
  }, 600_000)
})

// One subnet's epoch and payout read their shared inputs once (the EpochView: Keys rows from
// drain_pending, owner hotkey and uid, TaoWeight, childkey edges, stakes before the payout) and
// skip the commit queues when no weight could be masked. On random small subnets, that path must
// write the same state and events as each step reading storage for itself after the step before
// (the general path), and the skipped commit mask must leave the Yuma result as the read one does.
import { describe, expect, it } from 'vitest'
import { hexOf } from '../../../src/codec/bytes.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { AccountMap, calculateDividendAndIncentiveDistribution, distributeDividendsAndIncentives, distributeEmission, drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { drainPending } from '../../../src/pallets/subtensor/coinbase/epoch-schedule.js'
import { commitBlocks } from '../../../src/pallets/subtensor/epoch/commit-mask.js'
import { EpochView } from '../../../src/pallets/subtensor/epoch/epoch-view.js'
import { readEpochInputs } from '../../../src/pallets/subtensor/epoch/run-epoch.js'
import { yumaFast } from '../../../src/pallets/subtensor/epoch/yuma-fast.js'
import { getStakeWeightsForHotkeyOnSubnet, getTaoWeight, increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { stakeWeightsForNetwork } from '../../../src/pallets/subtensor/epoch/stake-weights.js'
import { epochWithMechanisms } from '../../../src/pallets/subtensor/subnets/mechanism.js'
import { u256 } from '../../conformance/subtensor/head-mock.js'
import { Ext } from '../../conformance/subtensor/weights-mock.js'
import { rng } from '../../../bench/lib/rng.js'
import { depositEvents } from '../../../src/pallets/system/block.js'
import { eventNames } from '../../../src/pallets/test-utils.js'

const NET = 3
const ROOT = 0
const BLOCK = 120


interface Drawn { x: Ext; n: number; hotkeys: Uint8Array[]; pending: [bigint, bigint, bigint, bigint] }

/** A random subnet of 1–4 uids: stakes here and on root, permits, weights, bonds, childkeys, commits, owner. */
function subnet(seed: number, opts: { weights?: boolean } = {}): Drawn {
  const r = rng(seed)
  const int = (k: number): number => Math.floor(r() * k)
  const coin = (p = 0.5): boolean => r() < p
  const x = new Ext(BLOCK)
  x.addNetwork(NET, 1 + int(20))
  const n = 1 + int(4)
  const hotkeys = Array.from({ length: n }, (_, i) => u256(1000 + 2 * i))
  const coldkeys = Array.from({ length: n }, (_, i) => u256(2000 + i))
  S.SubnetworkN.set(x.s, NET, n)
  S.TaoWeight.set(x.s, coin() ? 0n : BigInt(int(2 ** 30)) << 30n)
  S.StakeThreshold.set(x.s, coin(0.7) ? 0n : BigInt(int(3_000_000_000)))
  S.CommitRevealWeightsEnabled.set(x.s, NET, coin(0.7))
  S.Yuma3On.set(x.s, NET, coin())
  S.LiquidAlphaOn.set(x.s, NET, coin(0.3))
  S.BondsPenalty.set(x.s, NET, int(0x10000))
  S.LastMechansimStepBlock.set(x.s, NET, BigInt(BLOCK - 1 - int(30)))
  S.ValidatorPermit.set(x.s, NET, hotkeys.map(() => coin(0.7)))
  S.LastUpdate.set(x.s, NET, hotkeys.map(() => BigInt(int(BLOCK + 1))))
  hotkeys.forEach((hk, uid) => {
    S.Keys.set(x.s, NET, uid, hk)
    S.Uids.set(x.s, NET, hk, uid)
    S.BlockAtRegistration.set(x.s, NET, uid, BigInt(int(BLOCK)))
    S.Owner.set(x.s, hk, coldkeys[uid]!)
    S.OwnedHotkeys.set(x.s, coldkeys[uid]!, [hk])
    S.Delegates.set(x.s, hk, int(0x10000))
    if (coin(0.8)) increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, coldkeys[uid]!, NET, BigInt(1 + int(5_000_000_000)))
    if (coin(0.3)) increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, u256(3000 + uid), NET, BigInt(1 + int(1_000_000_000)))
    if (coin(0.5)) increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, coldkeys[uid]!, ROOT, BigInt(1 + int(5_000_000_000)))
    if (opts.weights ?? coin(0.7)) {
      const row: Array<[number, number]> = []
      for (let j = 0; j < n; j++) if (coin(0.6)) row.push([j, 1 + int(0xffff)])
      if (row.length > 0) S.Weights.set(x.s, NET, uid, row)
    }
    if (coin(0.4)) S.Bonds.set(x.s, NET, uid, [[int(n), 1 + int(0xffff)]])
    if (coin(0.4)) S.WeightCommits.set(x.s, NET, hk, [[u256(7), BigInt(int(12)), BigInt(int(BLOCK)), BigInt(BLOCK)]])
  })
  if (n > 1 && coin(0.5)) {
    // uid 1 a parent of uid 0 for part of its stake
    const prop = BigInt(1 + int(2 ** 30)) << 32n
    S.ChildKeys.set(x.s, hotkeys[1]!, NET, [[prop, hotkeys[0]!]])
    S.ParentKeys.set(x.s, hotkeys[0]!, NET, [[prop, hotkeys[1]!]])
  }
  const ownerUid = int(n)
  S.SubnetOwner.set(x.s, NET, coldkeys[ownerUid]!)
  if (coin(0.8)) S.SubnetOwnerHotkey.set(x.s, NET, hotkeys[ownerUid]!)
  const amount = (): bigint => (coin(0.2) ? 0n : BigInt(int(2_000_000_000)))
  return { x, n, hotkeys, pending: [amount(), amount(), amount(), amount()] }
}

const diff = (x: Ext): Map<string, string | null> => new Map([...x.s.changes()].map(([k, v]) => [k, v === null ? null : hexOf(v)]))

describe('the epoch view: one read per input through the epoch and its payout', () => {
  it('writes what the steps reading storage for themselves write, on random small subnets', () => {
    let paid = 0
    for (let seed = 1; seed <= 120; seed++) {
      const a = subnet(seed)
      const b = subnet(seed)
      const [server, validator, root, ownerCut] = a.pending
      // (drain_pending's Keys rows, as the block hands them to the epoch)
      const keyed = [...S.Keys.iterPrefix(a.x.s, NET)].map(([uid, hk]): [Uint8Array, number] => [hk, uid])
      distributeEmission(a.x.s, a.x.env, NET, server, validator, root, ownerCut, BigInt(BLOCK), keyed)

      // The general path: each step with a view of its own, made after the step before wrote.
      const total = server + validator + root
      const emission = epochWithMechanisms(b.x.s, b.x.env, NET, total, BigInt(BLOCK), new EpochView(b.x.s, NET))
      const validatorAlpha = emission.reduce((acc, [, inc]) => acc + inc, 0n) !== 0n ? validator : validator + server
      const [incentives, [alphaDivs, rootDivs]] = calculateDividendAndIncentiveDistribution(b.x.s, NET, root, validatorAlpha, emission, getTaoWeight(b.x.s))
      distributeDividendsAndIncentives(b.x.s, b.x.env, NET, ownerCut, incentives, alphaDivs, rootDivs)

      expect(diff(a.x), `seed ${seed}`).toEqual(diff(b.x))
      if (emission.some(([, se, ve]) => se + ve > 0n)) paid++
    }
    // (the draws pay out in most cases: the comparison is not between two empty payouts)
    expect(paid).toBeGreaterThan(60)
  })

  it("stake weights (a hotkey without childkey edges weighed by its own stakes) equal each hotkey's general ones", () => {
    let edged = 0
    for (let seed = 1; seed <= 120; seed++) {
      const { x, hotkeys } = subnet(seed)
      const weights = stakeWeightsForNetwork(new EpochView(x.s, NET))
      hotkeys.forEach((hk, uid) => expect(weights[uid], `seed ${seed} uid ${uid}`).toBe(getStakeWeightsForHotkeyOnSubnet(x.s, hk, NET)[0]))
      if (S.ParentKeys.get(x.s, hotkeys[0]!, NET).length > 0) edged++
    }
    // (both kinds drawn: hotkeys with childkey edges take the inherited computation)
    expect(edged).toBeGreaterThan(10)
  })

  it('skips the commit queues only when no weight is left to mask, with the same Yuma result', () => {
    let skipped = 0
    for (let seed = 1; seed <= 80; seed++) {
      const { x, n } = subnet(seed, { weights: seed % 2 === 0 })
      if (!S.CommitRevealWeightsEnabled.get(x.s, NET)) continue
      const view = new EpochView(x.s, NET)
      const { inputs } = readEpochInputs(x.s, NET, 0, BigInt(BLOCK), view)
      const read = commitBlocks(x.s, NET, NET, n, view.keyed).map((b) => (b > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(b)))
      const noWeights = inputs.weights.every((r) => r.c.length === 0)
      if (noWeights) skipped++
      else expect(inputs.commitBlocks).toEqual(read)
      expect(yumaFast(inputs)).toEqual(yumaFast({ ...inputs, commitBlocks: read }))
    }
    expect(skipped).toBeGreaterThan(10)
  })

  it("one block's payouts on subnets sharing a validator write what one payout after another writes", () => {
    // Subnets 2–6 with the same hotkey validating, staked on root: each payout raises its own
    // entry of the hotkey's RootClaimable, which the block writes once.
    const build = (seed: number): Ext => {
      const r = rng(seed)
      const x = new Ext(BLOCK)
      const hk = u256(1000)
      const ck = u256(2000)
      S.Owner.set(x.s, hk, ck)
      S.OwnedHotkeys.set(x.s, ck, [hk])
      S.Delegates.set(x.s, hk, Math.floor(r() * 0x10000))
      S.TaoWeight.set(x.s, BigInt(1 + Math.floor(r() * 2 ** 30)) << 30n)
      increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, ck, ROOT, 50_000_000_000n)
      // (netuid 4's entry there already, as an earlier epoch left it)
      S.RootClaimable.set(x.s, hk, [[4, { bits: 1n << 20n }]])
      S.MaxEpochsPerBlock.set(x.s, 8)
      for (let net = 2; net <= 6; net++) {
        x.addNetwork(net, 10)
        S.LastEpochBlock.set(x.s, net, BigInt(BLOCK - 10))
        S.SubnetworkN.set(x.s, net, 1)
        S.Keys.set(x.s, net, 0, hk)
        S.Uids.set(x.s, net, hk, 0)
        S.SubnetOwner.set(x.s, net, u256(9000 + net))
        S.ValidatorPermit.set(x.s, net, [true])
        S.LastUpdate.set(x.s, net, [BigInt(BLOCK)])
        if (r() < 0.7) increaseStakeForHotkeyAndColdkeyOnSubnet(x.s, hk, ck, net, BigInt(1 + Math.floor(r() * 5_000_000_000)))
        S.PendingServerEmission.set(x.s, net, BigInt(Math.floor(r() * 1e9)))
        S.PendingValidatorEmission.set(x.s, net, BigInt(Math.floor(r() * 1e9)))
        S.PendingRootAlphaDivs.set(x.s, net, r() < 0.8 ? BigInt(1 + Math.floor(r() * 1e9)) : 0n)
        S.PendingOwnerCut.set(x.s, net, BigInt(Math.floor(r() * 1e8)))
      }
      return x
    }
    for (let seed = 1; seed <= 20; seed++) {
      const a = build(seed)
      const b = build(seed)
      const nets = [2, 3, 4, 5, 6]
      // (the block's events deposited as one run, as the executive's env does, against one deposit each)
      const runEnv = { depositEvent: (ev: Uint8Array) => a.env.depositEvent(ev), depositEvents: (evs: readonly Uint8Array[]) => depositEvents(a.s, evs) }
      expect(drainAndDistribute(a.s, runEnv, BigInt(BLOCK), nets)).toEqual(new Set(nets))
      for (const [net, d] of drainPending(b.s, b.env, nets, BigInt(BLOCK))) {
        distributeEmission(b.s, b.env, net, d.server, d.validator, d.root, d.ownerCut, BigInt(BLOCK))
        S.LastMechansimStepBlock.set(b.s, net, BigInt(BLOCK))
      }
      expect(diff(a), `seed ${seed}`).toEqual(diff(b))
      expect(eventNames(a.s).filter((e) => e.endsWith('IncentiveAlphaEmittedToMiners'))).toHaveLength(5)
      expect(S.RootClaimable.get(a.s, u256(1000)).length).toBeGreaterThan(1)
    }
  })

  it("drain_pending hands over the Keys rows the epoch would list", () => {
    const { x } = subnet(5)
    S.Tempo.set(x.s, NET, 1)
    S.LastEpochBlock.set(x.s, NET, 0n)
    const drained = drainPending(x.s, x.env, [NET], BigInt(BLOCK)).get(NET)
    expect(drained?.keyed).toEqual([...S.Keys.iterPrefix(x.s, NET)].map(([uid, hk]) => [hk, uid]))
  })

  it('replaces the dividend rows of a subnet: stale rows removed, kept ones rewritten only when changed, a stored 0 kept', () => {
    for (const stale of [false, true]) {
      const { x } = subnet(11)
      const [a, b, c] = [u256(501), u256(502), u256(503)]
      S.AlphaDividendsPerSubnet.set(x.s, NET, a, 5n)
      S.AlphaDividendsPerSubnet.set(x.s, NET, b, 0n)
      if (stale) S.AlphaDividendsPerSubnet.set(x.s, NET, c, 9n)
      distributeDividendsAndIncentives(x.s, x.env, NET, 0n, new AccountMap<bigint>(), [[a, 0n], [b, 0n]], [])
      const rows = [...S.AlphaDividendsPerSubnet.iterPrefix(x.s, NET)].map(([hk, v]) => [hexOf(hk), v])
      expect(rows.sort()).toEqual([[hexOf(a), 0n], [hexOf(b), 0n]].sort())
    }
  })

  it('lends the Keys rows: equal to the decoded ones, the same hotkey objects while the rows stand', () => {
    const { x } = subnet(7)
    const rows = (): Array<[number, Uint8Array]> => [...S.Keys.iterPrefixLent(x.s, NET)]
    const first = rows()
    expect(first).toEqual([...S.Keys.iterPrefix(x.s, NET)])
    const again = rows()
    expect(rows().map(([, hk]) => hk)).toEqual(again.map(([, hk]) => hk))
    rows().forEach(([, hk], i) => expect(hk).toBe(again[i]![1]))
    S.Keys.set(x.s, NET, first[0]![0], u256(77))
    expect(rows()[0]![1]).toEqual(u256(77))
  })
})

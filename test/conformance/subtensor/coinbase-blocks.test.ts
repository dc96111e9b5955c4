// Port of subtensor pallets/subtensor/src/tests/coinbase.rs (HEAD 14bc6f9): the tests that run
// whole blocks (step_block / run_to_block: SubtensorModule's on_initialize, the coinbase and the
// epochs) — root proportion filled, emission held back before start_call, the owner cut
// disabled, miners' incentive with and without the root sell. Expected values are the tests' own.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { EXISTENTIAL_DEPOSIT as ED } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getBlockEmissionForIssuance } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { alphaIssuance, rootSellFlag } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { distributeEmission } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { shouldRunEpoch } from '../../../src/pallets/subtensor/coinbase/epoch-schedule.js'
import { epoch } from '../../../src/pallets/subtensor/epoch/persist.js'
import { getTotalStakeForHotkey } from '../../../src/pallets/subtensor/staking/helpers.js'
import { getStakeForHotkeyAndColdkeyOnSubnet as stakeOf, increaseStakeForHotkeyAndColdkeyOnSubnet as increase } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { System } from '../../../src/pallets/system/index.js'
import { addDynamicNetwork, addNetwork, mintAndRunCoinbase, newTestExt, stepBlock, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { addBalance, registerOkNeuron, sub, U64_MAX, validatorMinerSubnet } from './staking-mock.js'

useMockSwapConfig()

const W = F.U96F32
const i96 = (x: number): { bits: bigint } => ({ bits: F.fromF64(F.I96F32, x) })
const absDiff = (a: bigint, b: bigint, eps: bigint): void => {
  const d = a > b ? a - b : b - a
  expect(d <= eps, `${a} within ${eps} of ${b}`).toBe(true)
}

/** `step_epochs(count, netuid)`: blocks until `count` more epoch slots of the subnet are consumed. */
function stepEpochs(e: Ext, count: number, netuid: number): void {
  const target = S.SubnetEpochIndex.get(e.s, netuid) + BigInt(count)
  for (let i = 0; S.SubnetEpochIndex.get(e.s, netuid) < target; i++) {
    expect(i < 50_000).toBe(true)
    stepBlock(e, 1)
  }
}

/** `run_to_block_no_epoch(netuid, n)`: the blocks run with the subnet's tempo at u16::MAX − 1. */
function runToBlockNoEpoch(e: Ext, netuid: number, n: number): void {
  const tempo = S.Tempo.get(e.s, netuid)
  S.Tempo.set(e.s, netuid, 0xfffe)
  while (System.Number.get(e.s) < n) stepBlock(e, 1)
  S.Tempo.set(e.s, netuid, tempo)
}
const nextBlockNoEpoch = (e: Ext, netuid: number): void => runToBlockNoEpoch(e, netuid, System.Number.get(e.s) + 1)
const sumU16 = (v: number[]): number => v.reduce((a, x) => a + x, 0)

/**
 * The not-started tests' common part: subnet 1 (tempo 2) added without its first emission block,
 * commit-reveal off, owner 8/7; a validator (3/4) with 1e14 alpha, a miner (5/6) and the owner
 * registered; blocks to 30 without epochs, one epoch, the validator's weights on the miner, the
 * epoch outputs cleared, three blocks without epochs (due now), then run_coinbase of 1e8.
 */
function notStartedSubnet(e: Ext, withReserves: boolean): { hotkey: Uint8Array; initStake: bigint } {
  const netuid = 1
  const [ownerHot, ownerCold, hotkey, coldkey, minerHot, minerCold] = [7, 8, 3, 4, 5, 6].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
  initNewNetwork(e.s, netuid, 2)
  S.NetworkRegistrationAllowed.set(e.s, netuid, true)
  S.CommitRevealWeightsEnabled.set(e.s, netuid, false)
  expect(S.FirstEmissionBlockNumber.contains(e.s, netuid)).toBe(false)
  S.SubnetOwner.set(e.s, netuid, ownerCold)
  S.SubnetOwnerHotkey.set(e.s, netuid, ownerHot)
  const initStake = 100_000_000_000_000n
  S.Tempo.set(e.s, netuid, 2)
  S.WeightsSetRateLimit.set(e.s, netuid, 0n)
  if (withReserves) {
    S.SubnetTAO.set(e.s, netuid, initStake * 1000n)
    S.SubnetAlphaIn.set(e.s, netuid, initStake * 1000n)
  }
  registerOkNeuron(e, netuid, hotkey, coldkey)
  registerOkNeuron(e, netuid, minerHot, minerCold)
  registerOkNeuron(e, netuid, ownerHot, ownerCold)
  increase(e.s, hotkey, coldkey, netuid, initStake)
  expect(getTotalStakeForHotkey(e.s, hotkey)).toBe(initStake)
  S.TaoWeight.set(e.s, 0n)
  runToBlockNoEpoch(e, netuid, 30)
  epoch(e.s, e.env, netuid, 0n, BigInt(System.Number.get(e.s)))
  sub(e, hotkey, 'set_weights', { netuid, dests: [0, 1, 2], weights: [0, 0, 1], version_key: 0n })
  S.Incentive.remove(e.s, netuid)
  S.Dividends.remove(e.s, netuid)
  for (let i = 0; i < 3; i++) nextBlockNoEpoch(e, netuid)
  expect(shouldRunEpoch(e.s, netuid, BigInt(System.Number.get(e.s)))).toBe(true)
  mintAndRunCoinbase(e, 100_000_000n)
  expect(S.BlocksSinceLastStep.get(e.s, netuid)).toBe(0n)
  return { hotkey, initStake }
}

/** `start.saturating_mul(f1).saturating_mul(f2)…` in U96F32 (integers or f64 fractions), to u64 as `saturating_to_num`. */
function u96Chain(start: bigint, ...factors: Array<bigint | number>): bigint {
  let acc = start
  for (const f of factors) acc = F.saturatingMul(W, acc, typeof f === 'bigint' ? F.saturatingFromInt(W, f) : F.saturatingFromF64(W, f))
  return F.saturatingToU64(W, acc)
}

/**
 * The mining-emission tests' common part: three neurons (validator, validator-miner, miner),
 * the two validators staked, weights 0→1 and 1→2 so the epoch pays incentive, one tempo run,
 * then root stake for the validator and TaoWeight 0.1.
 */
function miningSubnet(e: Ext, netuid: number, tempo: number): { mHot: Uint8Array; mCold: Uint8Array } {
  const [stake, rootStake] = [100_000_000_000n, 200_000_000_000n]
  S.SubnetTAO.set(e.s, netuid, 10n ** 15n)
  S.SubnetAlphaIn.set(e.s, netuid, 10n ** 15n)
  const { vCold, vHot, mCold, mHot } = validatorMinerSubnet(e, netuid, tempo, stake, Math.floor(0xffff / 10))
  stepBlock(e, tempo)
  addBalance(e, vCold, rootStake)
  sub(e, vCold, 'add_stake', { hotkey: vHot, netuid: 0, amount_staked: rootStake })
  S.TaoWeight.set(e.s, U64_MAX / 10n)
  return { mHot, mCold }
}

/** The miner's share of the Incentive vector (u16), as the tests read it. */
function minerIncentive(e: Ext, netuid: number, mHot: Uint8Array): bigint {
  const inc = S.Incentive.get(e.s, netuid)[S.Uids.get(e.s, netuid, mHot) ?? 0]
  expect(inc).toBeDefined()
  return BigInt(inc ?? 0)
}

describe('tests/coinbase.rs (HEAD): whole blocks', () => {
  it('test_root_prop_filled_on_block_step', () => {
    const e = newTestExt(1)
    const [hot, cold] = [u256(10), u256(11)]
    const n1 = addDynamicNetwork(e, hot, cold)
    const n2 = addDynamicNetwork(e, hot, cold)
    S.SubnetTAO.set(e.s, 0, 1_000_000_000_000n)
    S.TaoWeight.set(e.s, U64_MAX)
    for (const n of [n1, n2]) {
      S.SubnetTAO.set(e.s, n, 50_000_000_000n)
      S.SubnetAlphaIn.set(e.s, n, 100_000_000_000n)
    }
    expect(S.RootProp.contains(e.s, n1)).toBe(false)
    expect(S.RootProp.contains(e.s, n2)).toBe(false)
    stepBlock(e, 1)
    expect(S.RootProp.get(e.s, n1).bits > 0n).toBe(true)
    expect(S.RootProp.get(e.s, n2).bits > 0n).toBe(true)
  })

  it('test_pending_emission_start_call_not_done', () => {
    const e = newTestExt(1)
    const [vCold, vHot] = [u256(1), u256(2)]
    const tempo = 10
    const [stake, rootStake] = [100_000_000_000n, 200_000_000_000n]
    S.NetworksAdded.set(e.s, 0, true)
    S.SubtokenEnabled.set(e.s, 0, true)
    const n = addDynamicNetwork(e, u256(10), u256(11))
    S.FirstEmissionBlockNumber.remove(e.s, n)
    S.Tempo.set(e.s, n, tempo)
    registerOkNeuron(e, n, vHot, vCold)
    addBalance(e, vCold, stake + ED)
    S.WeightsSetRateLimit.set(e.s, n, 0n)
    stepBlock(e, tempo)
    S.SubnetOwnerCut.set(e.s, Math.floor(0xffff / 10))
    S.MaxAllowedUids.set(e.s, n, 3)
    S.MaxAllowedValidators.set(e.s, n, 2)
    addBalance(e, vCold, rootStake)
    sub(e, vCold, 'add_stake', { hotkey: vHot, netuid: 0, amount_staked: rootStake })
    S.TaoWeight.set(e.s, U64_MAX / 10n)
    S.SubnetTAO.set(e.s, n, 10_000_000_000n)
    S.SubnetAlphaIn.set(e.s, n, 1_000_000_000n)
    S.SubnetMovingPrice.set(e.s, n, i96(2))
    expect(rootSellFlag(e.s, [n])).toBe(true)
    expect(S.FirstEmissionBlockNumber.contains(e.s, n)).toBe(false)
    stepBlock(e, tempo - 2)
    expect(S.PendingServerEmission.get(e.s, n)).toBe(0n)
    expect(S.PendingValidatorEmission.get(e.s, n)).toBe(0n)
    expect(S.PendingRootAlphaDivs.get(e.s, n)).toBe(0n)
  })

  it('test_disabling_owner_cut_sends_subnet_emission_to_miners_and_validators', () => {
    const e = newTestExt(1)
    const [ownerCold, ownerHot, vCold, vHot, mCold, mHot] = [u256(1001), u256(1002), u256(1), u256(2), u256(5), u256(6)]
    const n = addDynamicNetwork(e, ownerHot, ownerCold)
    S.LastEpochBlock.set(e.s, n, BigInt(e.env.blockNumber))
    const tempo = 10
    const stake = 100_000_000_000n
    S.Tempo.set(e.s, n, tempo)
    S.SubnetTAO.set(e.s, n, stake * 10_000n)
    S.SubnetAlphaIn.set(e.s, n, stake * 10_000n)
    registerOkNeuron(e, n, vHot, vCold)
    registerOkNeuron(e, n, mHot, mCold)
    addBalance(e, vCold, stake + ED)
    sub(e, vCold, 'add_stake', { hotkey: vHot, netuid: n, amount_staked: stake })
    S.WeightsSetRateLimit.set(e.s, n, 0n)
    S.MaxAllowedValidators.set(e.s, n, 1)
    stepBlock(e, tempo)
    S.SubnetOwnerCut.set(e.s, Math.floor(0xffff / 10))
    S.OwnerCutEnabled.set(e.s, n, false)
    const [ownerUid, vUid, mUid] = [ownerHot, vHot, mHot].map((h) => S.Uids.get(e.s, n, h)!) as [number, number, number]
    const count = Math.max(ownerUid, vUid, mUid) + 1
    S.Weights.set(e.s, n, vUid, [[mUid, 0xffff]])
    for (const uid of [ownerUid, vUid, mUid]) S.BlockAtRegistration.set(e.s, n, uid, 1n)
    S.LastUpdate.set(e.s, n, new Array<bigint>(count).fill(2n))
    S.Kappa.set(e.s, n, Math.floor(0xffff / 5))
    S.ActivityCutoff.set(e.s, n, 0xffff)
    S.ValidatorPermit.set(e.s, n, Array.from({ length: count }, (_, i) => i === vUid))
    const before = (h: Uint8Array, c: Uint8Array): bigint => stakeOf(e.s, h, c, n)
    const [ownerBefore, vBefore, mBefore] = [before(ownerHot, ownerCold), before(vHot, vCold), before(mHot, mCold)]
    stepBlock(e, tempo)
    expect(stakeOf(e.s, ownerHot, ownerCold, n)).toBe(ownerBefore)
    expect(stakeOf(e.s, vHot, vCold, n) > vBefore).toBe(true)
    expect(stakeOf(e.s, mHot, mCold, n) > mBefore).toBe(true)
    expect(S.PendingOwnerCut.get(e.s, n)).toBe(0n)
    expect(S.Lock.iterPrefix(e.s, ownerCold, n).next().done).toBe(true)
  })

  it('test_mining_emission_distribution_with_no_root_sell', () => {
    const e = newTestExt(1)
    const netuid = 1
    const tempo = 10
    S.TaoWeight.set(e.s, 0n)
    S.SubtokenEnabled.set(e.s, 0, true)
    S.NetworksAdded.set(e.s, 0, true)
    addNetwork(e.s, netuid, tempo)
    S.SubnetMechanism.set(e.s, netuid, 1)
    const { mHot, mCold } = miningSubnet(e, netuid, tempo)
    S.SubnetAlphaIn.set(e.s, netuid, 10n ** 18n)
    expect(rootSellFlag(e.s, [netuid])).toBe(false)
    stepBlock(e, tempo)
    const oldRootDivs = S.PendingRootAlphaDivs.get(e.s, netuid)
    const perBlock = getBlockEmissionForIssuance(e.s, alphaIssuance(e.s, netuid))
    stepBlock(e, 1)
    expect(S.PendingRootAlphaDivs.get(e.s, netuid)).toBe(oldRootDivs)
    expect(S.PendingRootAlphaDivs.get(e.s, netuid)).toBe(0n)
    stepBlock(e, 1)
    stepEpochs(e, 1, netuid)
    const minerBefore = stakeOf(e.s, mHot, mCold, netuid)
    stepBlock(e, tempo - 1)
    absDiff(S.PendingServerEmission.get(e.s, netuid), u96Chain(F.saturatingFromInt(W, perBlock), BigInt(tempo - 1), 0.5, 0.9), 100_000n)
    stepBlock(e, 1)
    expect(S.BlocksSinceLastStep.get(e.s, netuid)).toBe(0n)
    const incentive = minerIncentive(e, netuid, mHot)
    const minerEmission = stakeOf(e.s, mHot, mCold, netuid) - minerBefore
    absDiff(BigInt(S.Incentive.get(e.s, netuid).reduce((a, v) => a + v, 0)), 0xffffn, 10n)
    const share = F.saturatingDiv(W, F.saturatingFromInt(W, incentive), F.fromInt(W, 0xffff))
    absDiff(minerEmission, u96Chain(share, perBlock, BigInt(tempo), 0.45), 1_000_000n)
  })

  it('test_mining_emission_distribution_with_root_sell', () => {
    const e = newTestExt(1)
    const tempo = 10
    S.TaoWeight.set(e.s, 0n)
    S.SubtokenEnabled.set(e.s, 0, true)
    S.NetworksAdded.set(e.s, 0, true)
    const netuid = addDynamicNetwork(e, u256(10), u256(11))
    S.Tempo.set(e.s, netuid, 2)
    S.FirstEmissionBlockNumber.set(e.s, netuid, 0n)
    const { mHot, mCold } = miningSubnet(e, netuid, tempo)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000_000n)
    S.SubnetMovingPrice.set(e.s, netuid, i96(2))
    expect(rootSellFlag(e.s, [netuid])).toBe(true)
    stepBlock(e, tempo)
    S.LastEpochBlock.set(e.s, netuid, BigInt(e.env.blockNumber))
    const oldRootDivs = S.PendingRootAlphaDivs.get(e.s, netuid)
    const minerBefore = stakeOf(e.s, mHot, mCold, netuid)
    stepBlock(e, 1)
    const newRootDivs = S.PendingRootAlphaDivs.get(e.s, netuid)
    expect(newRootDivs).not.toBe(oldRootDivs)
    expect(newRootDivs > 0n).toBe(true)
    stepBlock(e, tempo - 1)
    const incentive = minerIncentive(e, netuid, mHot)
    const perBlock = getBlockEmissionForIssuance(e.s, alphaIssuance(e.s, netuid))
    const minerEmission = stakeOf(e.s, mHot, mCold, netuid) - minerBefore
    const share = F.saturatingDiv(W, F.saturatingFromInt(W, incentive), F.fromInt(W, 0xffff))
    absDiff(minerEmission, u96Chain(share, perBlock, BigInt(tempo), 0.45), 1_000_000n)
  })

  it('test_distribute_emission_zero_emission', () => {
    const e = newTestExt(1)
    const n = addDynamicNetwork(e, u256(1), u256(2))
    S.CommitRevealWeightsEnabled.set(e.s, n, false)
    const [hotkey, coldkey, minerHot, minerCold] = [3, 4, 5, 6].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    const initStake = 100_000_000_000_000n
    S.Tempo.set(e.s, n, 2)
    S.WeightsSetRateLimit.set(e.s, n, 0n)
    registerOkNeuron(e, n, hotkey, coldkey)
    registerOkNeuron(e, n, minerHot, minerCold)
    increase(e.s, hotkey, coldkey, n, initStake)
    expect(getTotalStakeForHotkey(e.s, hotkey)).toBe(initStake)
    S.TaoWeight.set(e.s, 0n)
    runToBlockNoEpoch(e, n, 50)
    epoch(e.s, e.env, n, 0n, BigInt(System.Number.get(e.s)))
    sub(e, hotkey, 'set_weights', { netuid: n, dests: [0, 1, 2], weights: [0, 0, 1], version_key: 0n })
    runToBlockNoEpoch(e, n, 50)
    S.Incentive.remove(e.s, n)
    S.Dividends.remove(e.s, n)
    const before = getTotalStakeForHotkey(e.s, hotkey)
    distributeEmission(e.s, e.env, n, 0n, 0n, 0n, 0n, BigInt(System.Number.get(e.s)))
    expect(getTotalStakeForHotkey(e.s, hotkey)).toBe(before)
    expect(sumU16(S.Incentive.get(e.s, n)) > 0).toBe(true)
    expect(sumU16(S.Dividends.get(e.s, n)) > 0).toBe(true)
  })

  it('test_run_coinbase_not_started', () => {
    const e = newTestExt(1)
    const { hotkey, initStake } = notStartedSubnet(e, true)
    expect(getTotalStakeForHotkey(e.s, hotkey)).toBe(initStake)
    expect(sumU16(S.Incentive.get(e.s, 1)) > 0).toBe(true)
    expect(sumU16(S.Dividends.get(e.s, 1)) > 0).toBe(true)
  })

  it('test_run_coinbase_not_started_start_after', () => {
    const e = newTestExt(1)
    const { hotkey, initStake } = notStartedSubnet(e, false)
    runToBlockNoEpoch(e, 1, Number(S.StartCallDelay.get(e.s)))
    const block = BigInt(System.Number.get(e.s))
    sub(e, u256(8), 'start_call', { netuid: 1 })
    expect(S.FirstEmissionBlockNumber.get(e.s, 1)).toBe(block + 1n)
    for (let i = 0; i < 3; i++) nextBlockNoEpoch(e, 1)
    mintAndRunCoinbase(e, 100_000_000n)
    expect(S.BlocksSinceLastStep.get(e.s, 1)).toBe(0n)
    expect(getTotalStakeForHotkey(e.s, hotkey) > initStake).toBe(true)
  })
})

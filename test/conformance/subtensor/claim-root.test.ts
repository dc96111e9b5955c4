// Ports of subtensor's tests/claim_root.rs (HEAD 14bc6f9): the root-dividend claims (claim_root,
// set_root_claim_type, the sudo setters, block_step's auto-claim sweep), against the HEAD mock.
// Expected values are the source tests' own float formulas with their tolerances.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { keccak_256 } from '../../../src/codec/hashing.js'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { distributeEmission, drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { runCoinbase } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { rootSellFlag } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { mintTao } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { doDissolveNetwork } from '../../../src/pallets/subtensor/subnets/dissolve.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { blockHashToIndices, MAX_NUM_ROOT_CLAIMS, MAX_ROOT_CLAIM_THRESHOLD, maybeAddColdkeyIndex } from '../../../src/pallets/subtensor/staking/claim-root.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { startBlock } from '../../../src/pallets/test-utils.js'
import { performHotkeySwapOnOneSubnet, transferRootClaimed } from '../../../src/pallets/subtensor/swap/swap-hotkey.js'
import { Weigher } from '../../../src/pallets/subtensor/swap/common.js'
import { System } from '../../../src/pallets/system/index.js'
import { addDynamicNetwork, newTestExt, u256, useMockSwapConfig, type Ext } from './head-mock.js'
import { mockIncreaseStake, noop, removeOwnerRegistrationStake, stepBlock, sub } from './staking-mock.js'

useMockSwapConfig()

const I = F.I96F32
const U64_MAX = (1n << 64n) - 1n
const ROOT_NET = 0
const call = sub
const stakeOf = (e: Ext, hot: Uint8Array, cold: Uint8Array, netuid: number) => L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid)
const near = (a: bigint | number, b: bigint | number, eps: number) => expect(Math.abs(Number(a) - Number(b))).toBeLessThanOrEqual(eps)
const toF = (bits: bigint) => Number(bits) / 2 ** 32
const claimableOf = (e: Ext, hot: Uint8Array, netuid: number): bigint => {
  const row = S.RootClaimable.get(e.s, hot).find(([n]) => n === netuid)
  if (!row) throw new Error('claimable must exist at this point')
  return row[1].bits
}
/** `(I96F32::from(stake) * rate).saturating_to_num::<u64>()`. */
const rateTimes = (stake: bigint, rate: bigint) => F.saturatingToU64(I, F.saturatingMul(I, F.saturatingFromInt(I, stake), rate))

const distribute = (e: Ext, netuid: number, root: bigint) => distributeEmission(e.s, e.env, netuid, 0n, 0n, root, 0n, BigInt(e.env.blockNumber))
const claim = (e: Ext, cold: Uint8Array, subnets: number[]) => call(e, cold, 'claim_root', { subnets })
const setType = (e: Ext, cold: Uint8Array, type: { type: string; value?: unknown }) => call(e, cold, 'set_root_claim_type', { new_root_claim_type: type })
const KEEP = { type: 'Keep' }
const SWAP = { type: 'Swap' }
const VALIDATOR_TAKE = 0.18

const owner = u256(1001)
const hotkey = u256(1002)
const coldkey = u256(1003)

/**
 * add_dynamic_network, TAO weight 1, a dynamic pool at price 0.5 (50 TAO / 100 alpha), `coldkey`
 * holding 10 % of the hotkey's root stake (2e6 of 2e7) and the owner 1e7 alpha on the subnet.
 */
function halfPriceRootStakers(e: Ext): { netuid: number; rootStake: bigint; price: number } {
  const netuid = addDynamicNetwork(e, hotkey, owner)
  S.TaoWeight.set(e.s, U64_MAX)
  S.SubnetMechanism.set(e.s, netuid, 1)
  S.SubnetTAO.set(e.s, netuid, 50_000_000_000n)
  S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
  const price = Number(swapInterface().currentAlphaPrice(e.s, netuid)) / 2 ** 64
  expect(price).toBe(0.5)
  const rootStake = 2_000_000n
  mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, rootStake)
  mockIncreaseStake(e, hotkey, u256(10010), ROOT_NET, 9n * rootStake)
  mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
  return { netuid, rootStake, price }
}

/** The owner's 1e7 alpha validated, `coldkey` the only root staker (2e6), 1e6 root alpha distributed; Keep. */
function keepClaimerAfterEpoch(): { e: Ext; netuid: number } {
  const e = newTestExt(1)
  const netuid = addDynamicNetwork(e, hotkey, owner)
  removeOwnerRegistrationStake(e, netuid)
  S.TaoWeight.set(e.s, U64_MAX)
  mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, 2_000_000n)
  mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
  expect(stakeOf(e, hotkey, owner, netuid)).toBe(10_000_000n)
  distribute(e, netuid, 1_000_000n)
  setType(e, coldkey, KEEP)
  return { e, netuid }
}

describe('tests/claim_root.rs', () => {
  it('test_claim_root_set_claim_type', () => {
    const e = newTestExt(1)
    setType(e, u256(1), KEEP)
    expect(S.RootClaimType.get(e.s, u256(1))).toEqual(KEEP)
  })

  it('test_claim_root_with_drain_emissions', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    removeOwnerRegistrationStake(e, netuid)
    S.TaoWeight.set(e.s, U64_MAX)
    const rootStake = 2_000_000n
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, rootStake)
    const initial = 10_000_000n
    mockIncreaseStake(e, hotkey, owner, netuid, initial)
    expect(stakeOf(e, hotkey, owner, netuid)).toBe(initial)

    const pending = 1_000_000n
    distribute(e, netuid, pending)
    near(stakeOf(e, hotkey, owner, netuid), Math.trunc(Number(pending) * VALIDATOR_TAKE + Number(initial)), 100)
    const claimable = claimableOf(e, hotkey, netuid)
    near(toF(claimable) * 1e6, (Number(pending) * (1 - VALIDATOR_TAKE) / Number(rootStake)) * 1e6, 0.001 * 1e6)

    setType(e, coldkey, KEEP)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(KEEP)
    claim(e, coldkey, [netuid])
    const newStake = stakeOf(e, hotkey, coldkey, netuid)
    near(newStake, rateTimes(rootStake, claimable), 10)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(newStake)

    distribute(e, netuid, pending)
    const claimable2 = claimableOf(e, hotkey, netuid)
    near(toF(claimable2), Number(pending) * (1 - VALIDATOR_TAKE) / Number(rootStake) + toF(claimable), 0.001)
    claim(e, coldkey, [netuid])
    const newStake2 = stakeOf(e, hotkey, coldkey, netuid)
    near(newStake2, rateTimes(rootStake, claimable2), 10)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(newStake2)
  })

  function twoStakers(aliceRoot: bigint, bobRoot: bigint, otherRoot: bigint) {
    const e = newTestExt(1)
    const alice = u256(1003)
    const bob = u256(1004)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    S.TaoWeight.set(e.s, U64_MAX)
    mockIncreaseStake(e, hotkey, alice, ROOT_NET, aliceRoot)
    mockIncreaseStake(e, hotkey, bob, ROOT_NET, bobRoot)
    if (otherRoot > 0n) mockIncreaseStake(e, hotkey, u256(10010), ROOT_NET, otherRoot)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    setType(e, alice, KEEP)
    setType(e, bob, KEEP)
    return { e, alice, bob, netuid }
  }

  it('test_claim_root_adding_stake_proportionally_for_two_stakers', () => {
    const { e, alice, bob, netuid } = twoStakers(1_000_000n, 1_000_000n, 8_000_000n)
    const pending = 10_000_000n
    distribute(e, netuid, pending)
    claim(e, alice, [netuid])
    claim(e, bob, [netuid])
    const a = stakeOf(e, hotkey, alice, netuid)
    expect(a).toBe(stakeOf(e, hotkey, bob, netuid))
    near(a, Math.trunc(Number(pending) * (1 - VALIDATOR_TAKE) * 0.1), 100)
  })

  it('test_claim_root_adding_stake_disproportionally_for_two_stakers', () => {
    const { e, alice, bob, netuid } = twoStakers(1_000_000n, 2_000_000n, 7_000_000n)
    const pending = 10_000_000n
    distribute(e, netuid, pending)
    claim(e, alice, [netuid])
    claim(e, bob, [netuid])
    const a = stakeOf(e, hotkey, alice, netuid)
    expect(2n * a).toBe(stakeOf(e, hotkey, bob, netuid))
    near(a, Math.trunc(Number(pending) * (1 - VALIDATOR_TAKE) * 0.1), 100)
  })

  it('test_claim_root_with_changed_stake', () => {
    const { e, alice, bob, netuid } = twoStakers(8_000_000n, 8_000_000n, 0n)
    S.SubtokenEnabled.set(e.s, ROOT_NET, true)
    S.NetworksAdded.set(e.s, ROOT_NET, true)
    const rootStake = 8_000_000n
    const pending = 10_000_000n
    const round = () => { distribute(e, netuid, pending); claim(e, alice, [netuid]); claim(e, bob, [netuid]) }
    round()
    const a1 = stakeOf(e, hotkey, alice, netuid)
    const b1 = stakeOf(e, hotkey, bob, netuid)
    expect(a1).toBe(b1)
    near(a1, Math.trunc(Number(pending) * (1 - VALIDATOR_TAKE) / 2), 100)

    call(e, bob, 'remove_stake', { hotkey, netuid: ROOT_NET, amount_unstaked: rootStake / 2n })
    round()
    const a2 = stakeOf(e, hotkey, alice, netuid)
    const b2 = stakeOf(e, hotkey, bob, netuid)
    near(a2 - a1, 2n * (b2 - b1), 100)
    near(b2 - b1, Math.trunc(Number(pending) * (1 - VALIDATOR_TAKE) / 3), 100)

    // the mock's ExistentialDeposit is 1, ours 500: bob keeps the same (ED − 1) margin as there
    mint(e.s, e.env, bob, EXISTENTIAL_DEPOSIT - 1n)
    call(e, bob, 'add_stake', { hotkey, netuid: ROOT_NET, amount_staked: rootStake / 2n })
    round()
    const a3 = stakeOf(e, hotkey, alice, netuid)
    const b3 = stakeOf(e, hotkey, bob, netuid)
    near(a3 - a2, b3 - b2, 100)
    near(b3 - b2, Math.trunc(Number(pending) * (1 - VALIDATOR_TAKE) / 2), 100)
  })

  it('test_claim_root_with_drain_emissions_and_swap_claim_type', () => {
    const e = newTestExt(1)
    const { netuid, rootStake, price } = halfPriceRootStakers(e)
    const rate = 0.1
    const pending = 10_000_000n
    distribute(e, netuid, pending)
    setType(e, coldkey, SWAP)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(SWAP)
    claim(e, coldkey, [netuid])
    const s1 = stakeOf(e, hotkey, coldkey, ROOT_NET)
    const inc1 = Number(pending) * (1 - VALIDATOR_TAKE) * price * rate
    near(s1, Number(rootStake) + Math.trunc(inc1), 10000)

    distribute(e, netuid, pending)
    claim(e, coldkey, [netuid])
    const s2 = stakeOf(e, hotkey, coldkey, ROOT_NET)
    const rate2 = (Number(rootStake) + inc1) / (Number(rootStake) / rate + inc1)
    const inc2 = Number(pending) * (1 - VALIDATOR_TAKE) * price * rate2
    near(s2, Number(s1) + Math.trunc(inc2), 10000)

    distribute(e, netuid, pending)
    claim(e, coldkey, [netuid])
    const s3 = stakeOf(e, hotkey, coldkey, ROOT_NET)
    const rate3 = (Number(rootStake) + inc1 + inc2) / (Number(rootStake) / rate + inc1 + inc2)
    const inc3 = Number(pending) * (1 - VALIDATOR_TAKE) * price * rate3
    near(s3, Number(s2) + Math.trunc(inc3), 10000)
  })

  it('test_claim_root_swap_failure_does_not_consume_claim', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    S.TaoWeight.set(e.s, U64_MAX)
    S.SubnetTAO.set(e.s, netuid, 50_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, 2_000_000n)
    mockIncreaseStake(e, hotkey, u256(10010), ROOT_NET, 18_000_000n)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    distribute(e, netuid, 10_000_000n)
    setType(e, coldkey, SWAP)
    // Balances::make_free_balance_be(subnet_account, 0)
    const account = subnetAccountId(netuid)
    const acc = System.Account.get(e.s, account)
    System.Account.set(e.s, account, { ...acc, data: { ...acc.data, free: 0n } })
    noop(e, () => claim(e, coldkey, [netuid]), 'SubtensorModule.InsufficientBalance')
  })

  it('test_claim_root_block_hash_indices', () => {
    const k = 15n
    const n = 15000n
    expect(blockHashToIndices(keccak_256(new TextEncoder().encode('zero')), 0n, n)).toEqual([])
    const one = blockHashToIndices(keccak_256(new TextEncoder().encode('some')), k, n)
    expect(one).toEqual([265n, 630n, 1286n, 1558n, 4496n, 4861n, 5517n, 5789n, 6803n, 8096n, 9092n, 11034n, 11399n, 12055n, 12327n])
    const two = blockHashToIndices(keccak_256(new TextEncoder().encode('some2')), k, n)
    expect(two).toEqual([61n, 246n, 1440n, 2855n, 3521n, 5236n, 6130n, 6615n, 8511n, 9405n, 9890n, 11786n, 11971n, 13165n, 14580n])
    // block_hash_to_indices with no staking coldkeys (n = 0): every step's index is 0
    expect(blockHashToIndices(keccak_256(new TextEncoder().encode('some')), k, 0n)).toEqual([0n])
    expect(blockHashToIndices(keccak_256(new TextEncoder().encode('some')), 0n, 0n)).toEqual([])
  })

  it('test_sudo_set_num_root_claims', () => {
    const e = newTestExt(1)
    noop(e, () => call(e, coldkey, 'sudo_set_num_root_claims', { new_value: 50n }), 'BadOrigin')
    noop(e, () => call(e, null, 'sudo_set_num_root_claims', { new_value: MAX_NUM_ROOT_CLAIMS + 1n }), 'SubtensorModule.InvalidNumRootClaim')
    call(e, null, 'sudo_set_num_root_claims', { new_value: 27n })
    expect(S.NumRootClaim.get(e.s)).toBe(27n)
  })

  it('test_claim_root_threshold', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    expect(S.RootClaimableThreshold.get(e.s, netuid).bits).toBe(F.fromInt(I, 500_000n))
    call(e, null, 'sudo_set_root_claim_threshold', { netuid, new_value: 1000n })
    expect(S.RootClaimableThreshold.get(e.s, netuid).bits).toBe(F.fromInt(I, 1000n))
    call(e, owner, 'sudo_set_root_claim_threshold', { netuid, new_value: 2000n })
    expect(S.RootClaimableThreshold.get(e.s, netuid).bits).toBe(F.fromInt(I, 2000n))
    noop(e, () => call(e, hotkey, 'sudo_set_root_claim_threshold', { netuid, new_value: 2000n }), 'BadOrigin')
    noop(e, () => call(e, owner, 'sudo_set_root_claim_threshold', { netuid, new_value: MAX_ROOT_CLAIM_THRESHOLD + 1n }), 'SubtensorModule.InvalidRootClaimThreshold')
  })

  it('test_claim_root_subnet_limits', () => {
    const e = newTestExt(1)
    noop(e, () => claim(e, coldkey, []), 'SubtensorModule.InvalidSubnetNumber')
    noop(e, () => claim(e, coldkey, Array.from({ length: 11 }, (_, i) => i)), 'SubtensorModule.InvalidSubnetNumber')
  })

  it('test_claim_root_with_keep_subnets', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    removeOwnerRegistrationStake(e, netuid)
    S.TaoWeight.set(e.s, U64_MAX)
    const rootStake = 2_000_000n
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, rootStake)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    distribute(e, netuid, 1_000_000n)
    const claimable = claimableOf(e, hotkey, netuid)
    noop(e, () => setType(e, coldkey, { type: 'KeepSubnets', value: { subnets: [] } }), 'SubtensorModule.InvalidSubnetNumber')
    const keep = { type: 'KeepSubnets', value: { subnets: [netuid] } }
    setType(e, coldkey, keep)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(keep)
    claim(e, coldkey, [netuid])
    near(stakeOf(e, hotkey, coldkey, netuid), rateTimes(rootStake, claimable), 10)
  })

  /**
   * The set-up test_claim_root_with_run_coinbase and _with_block_emissions share: tempo 1, TAO
   * weight 1, 0.2 TAO of root stake, a moving price 2 and a price 10 (root sells), threshold 0.
   */
  function rootSelling(e: Ext): number {
    const netuid = addDynamicNetwork(e, hotkey, owner)
    removeOwnerRegistrationStake(e, netuid)
    S.Tempo.set(e.s, netuid, 1)
    S.TaoWeight.set(e.s, U64_MAX)
    const rootStake = 200_000_000n
    S.SubnetTAO.set(e.s, ROOT_NET, rootStake)
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, rootStake)
    S.SubnetMovingPrice.set(e.s, netuid, { bits: F.fromInt(I, 2n) })
    S.SubnetTAO.set(e.s, netuid, 10_000_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 1_000_000_000_000n)
    expect(Number(swapInterface().currentAlphaPrice(e.s, netuid)) / 2 ** 64).toBe(10)
    S.RootClaimableThreshold.set(e.s, netuid, { bits: 0n })
    expect(rootSellFlag(e.s, [netuid])).toBe(true)
    return netuid
  }

  it('test_claim_root_with_run_coinbase', () => {
    const e = newTestExt(1)
    const netuid = rootSelling(e)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    expect(stakeOf(e, hotkey, coldkey, netuid)).toBe(0n)
    System.Number.set(e.s, 2)
    e.env.blockNumber = 2
    // run_coinbase(mint_tao(1_000_000)): the injection, then its drain_pending / distribute tail
    runCoinbase(e.s, e.env, mintTao(e.s, e.env, 1_000_000n))
    drainAndDistribute(e.s, e.env, 2n)
    expect(stakeOf(e, hotkey, coldkey, netuid)).toBe(0n)
    setType(e, coldkey, KEEP)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(KEEP)
    claim(e, coldkey, [netuid])
    expect(stakeOf(e, hotkey, coldkey, netuid)).toBeGreaterThan(0n)
  })

  it('test_claim_root_with_block_emissions', () => {
    const e = newTestExt(1) // the source starts at block 0; ours at 1, and run_to_block(2) is then one block
    const netuid = rootSelling(e)
    maybeAddColdkeyIndex(e.s, coldkey)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    setType(e, coldkey, KEEP)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(KEEP)
    expect(stakeOf(e, hotkey, coldkey, netuid)).toBe(0n)
    stepBlock(e)
    expect(stakeOf(e, hotkey, coldkey, netuid)).toBeGreaterThan(0n)
  })

  it('test_claim_root_coinbase_distribution', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    S.Tempo.set(e.s, netuid, 2)
    S.LastEpochBlock.set(e.s, netuid, BigInt(System.Number.get(e.s)))
    S.TaoWeight.set(e.s, U64_MAX)
    const [rootStake, initialTao] = [200_000_000n, 200_000_000n]
    S.SubnetTAO.set(e.s, ROOT_NET, initialTao)
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, rootStake)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    S.SubnetMovingPrice.set(e.s, netuid, { bits: F.fromInt(I, 2n) })
    S.SubnetTAO.set(e.s, netuid, 100_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
    S.RootClaimableThreshold.set(e.s, netuid, { bits: 0n })
    const initialIssuance = L.getAlphaIssuance(e.s, netuid)
    const alphaEmissions = 1_000_000_000n
    expect(rootSellFlag(e.s, [netuid])).toBe(true)
    S.SubnetTaoFlow.set(e.s, netuid, 2222n)
    stepBlock(e) // run_to_block(2)
    const issuance = L.getAlphaIssuance(e.s, netuid)
    const growth = issuance > initialIssuance ? issuance - initialIssuance : 0n
    expect(growth).toBeGreaterThanOrEqual(alphaEmissions)
    expect(growth).toBeLessThan(alphaEmissions * 2n)
    const rootProp = Number(initialTao) / Number(issuance + initialTao)
    const expectedPending = Number(alphaEmissions) * rootProp * 0.5
    near(S.PendingRootAlphaDivs.get(e.s, netuid), expectedPending, 100)
    stepBlock(e) // run_to_block(3)
    expect(S.PendingRootAlphaDivs.get(e.s, netuid)).toBe(0n)
    const rate = (expectedPending * 2 * (1 - VALIDATOR_TAKE)) / Number(rootStake)
    near(toF(claimableOf(e, hotkey, netuid)), rate, 0.001)
  })

  it('test_claim_root_with_unrelated_subnets', () => {
    const { e, netuid } = keepClaimerAfterEpoch()
    const unrelated = 100
    claim(e, coldkey, [unrelated])
    expect(stakeOf(e, hotkey, coldkey, unrelated)).toBe(0n)
    expect(stakeOf(e, hotkey, coldkey, netuid)).toBe(0n)
    claim(e, coldkey, [netuid])
    const stake = stakeOf(e, hotkey, coldkey, netuid)
    expect(stake).toBeGreaterThan(0n)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(stake)
  })

  it('test_claim_root_fill_root_alpha_dividends_per_subnet', () => {
    const e = newTestExt(1)
    const { netuid } = halfPriceRootStakers(e)
    expect(S.RootAlphaDividendsPerSubnet.contains(e.s, netuid, hotkey)).toBe(false)
    const pending = 10_000_000n
    distribute(e, netuid, pending)
    const first = S.RootAlphaDividendsPerSubnet.get(e.s, netuid, hotkey)
    near(Math.trunc(Number(pending) * (1 - VALIDATOR_TAKE)), first, 100)
    distribute(e, netuid, pending)
    // cleared every epoch: the second epoch's dividend replaces the first
    expect(S.RootAlphaDividendsPerSubnet.get(e.s, netuid, hotkey)).toBe(first)
  })

  it('test_claim_root_keep_subnets_swap_claim_type', () => {
    const e = newTestExt(1)
    const { netuid, rootStake, price } = halfPriceRootStakers(e)
    const pending = 10_000_000n
    distribute(e, netuid, pending)
    // keeping only another subnet (100): this one's dividends are swapped to root stake
    const keep = { type: 'KeepSubnets', value: { subnets: [100] } }
    setType(e, coldkey, keep)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(keep)
    claim(e, coldkey, [netuid])
    const increment = Number(pending) * (1 - VALIDATOR_TAKE) * price * 0.1
    near(stakeOf(e, hotkey, coldkey, ROOT_NET), Number(rootStake) + Math.trunc(increment), 10000)
  })

  it('test_claim_root_default_mode_keep', () => {
    const e = newTestExt(1)
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(SWAP)
  })
})

describe('block_step: the auto-claim sweep pays an indexed root staker', () => {
  it('moves exactly the owed alpha into the coldkey\'s stake (Keep) and records it as claimed', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    removeOwnerRegistrationStake(e, netuid)
    S.TaoWeight.set(e.s, U64_MAX)
    const rootStake = 2_000_000n
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, rootStake)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    distribute(e, netuid, 1_000_000n)
    setType(e, coldkey, KEEP) // indexes the coldkey: StakingColdkeysByIndex[0]
    expect(S.StakingColdkeysByIndex.get(e.s, 0n)).toEqual(coldkey)
    // owed = ⌊rate × root stake⌋ − claimed, computed here from the stored rate
    const owed = rateTimes(rootStake, claimableOf(e, hotkey, netuid))
    expect(owed).toBeGreaterThan(0n)
    const before = stakeOf(e, hotkey, coldkey, netuid)
    // with one indexed coldkey every index maps to 0: the next block's sweep claims it
    e.env = startBlock(e.s, 2)
    subtensorPallet().hooks.onInitialize!({ s: e.s, env: e.env, blockNumber: 2 })
    expect(stakeOf(e, hotkey, coldkey, netuid) - before).toBe(owed)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(owed)
  })
})

describe('tests/claim_root.rs: claims across key swaps and dissolution', () => {
  const newColdkey = u256(10030)
  /** The Keep claim of test_claim_root_with_swap_coldkey's first half; returns the claimed stake. */
  function claimedKeep(e: Ext, netuid: number): bigint {
    S.TaoWeight.set(e.s, U64_MAX)
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, 2_000_000n)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    expect(stakeOf(e, hotkey, owner, netuid)).toBe(10_000_000n)
    distribute(e, netuid, 1_000_000n)
    setType(e, coldkey, KEEP)
    claim(e, coldkey, [netuid])
    return stakeOf(e, hotkey, coldkey, netuid)
  }

  it('test_claim_root_with_swap_coldkey', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    removeOwnerRegistrationStake(e, netuid)
    const claimed = claimedKeep(e, netuid)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(claimed)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, newColdkey)).toBe(0n)
    call(e, null, 'swap_coldkey', { old_coldkey: coldkey, new_coldkey: newColdkey, swap_cost: 0n })
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(0n)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, newColdkey)).toBe(claimed)
  })

  it('test_claim_root_on_network_deregistration', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    S.TaoWeight.set(e.s, U64_MAX)
    S.SubnetMechanism.set(e.s, netuid, 1)
    S.SubnetTAO.set(e.s, netuid, 50_000_000_000n)
    S.SubnetAlphaIn.set(e.s, netuid, 100_000_000_000n)
    expect(Number(swapInterface().currentAlphaPrice(e.s, netuid)) / 2 ** 64).toBe(0.5)
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, 2_000_000n)
    mockIncreaseStake(e, hotkey, u256(10010), ROOT_NET, 18_000_000n)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    distribute(e, netuid, 10_000_000n)
    claim(e, coldkey, [netuid])
    expect(S.RootClaimable.get(e.s, hotkey).some(([n]) => n === netuid)).toBe(true)
    expect(S.RootClaimed.contains(e.s, netuid, hotkey, coldkey)).toBe(true)
    doDissolveNetwork({ origin: { kind: 'Root' }, s: e.s, env: e.env }, netuid)
    expect(S.RootClaimed.contains(e.s, netuid, hotkey, coldkey)).toBe(false)
    expect(S.RootClaimable.get(e.s, hotkey).some(([n]) => n === netuid)).toBe(false)
  })

  it('ghsa_2026_012_staking_coldkey_index_never_decremented', () => {
    const e = newTestExt(1)
    const netuid = addDynamicNetwork(e, hotkey, owner)
    removeOwnerRegistrationStake(e, netuid)
    S.TaoWeight.set(e.s, U64_MAX)
    expect(S.NumStakingColdkeys.get(e.s)).toBe(0n)
    mockIncreaseStake(e, hotkey, coldkey, ROOT_NET, 2_000_000n)
    maybeAddColdkeyIndex(e.s, coldkey)
    expect(S.NumStakingColdkeys.get(e.s)).toBe(1n)
    expect(S.StakingColdkeys.contains(e.s, coldkey)).toBe(true)
    expect(S.StakingColdkeysByIndex.get(e.s, 0n)).toEqual(coldkey)
    L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hotkey, coldkey, ROOT_NET, stakeOf(e, hotkey, coldkey, ROOT_NET))
    expect(stakeOf(e, hotkey, coldkey, ROOT_NET)).toBe(0n)
    call(e, null, 'swap_coldkey', { old_coldkey: coldkey, new_coldkey: newColdkey, swap_cost: 0n })
    expect(S.NumStakingColdkeys.get(e.s)).toBe(0n)
    expect(S.StakingColdkeysByIndex.contains(e.s, 0n)).toBe(false)
    expect(S.StakingColdkeys.contains(e.s, coldkey)).toBe(false)
    expect(S.StakingColdkeys.contains(e.s, newColdkey)).toBe(false)
  })

  it('test_claim_root_with_moved_stake', () => {
    const e = newTestExt(1)
    const [alice, bob, eve] = [u256(1003), u256(1004), u256(1005)]
    const netuid = addDynamicNetwork(e, hotkey, owner)
    S.TaoWeight.set(e.s, U64_MAX)
    S.SubtokenEnabled.set(e.s, ROOT_NET, true)
    S.NetworksAdded.set(e.s, ROOT_NET, true)
    const rootStake = 8_000_000n
    mockIncreaseStake(e, hotkey, alice, ROOT_NET, rootStake)
    mockIncreaseStake(e, hotkey, bob, ROOT_NET, rootStake)
    mockIncreaseStake(e, hotkey, owner, netuid, 10_000_000n)
    for (const c of [alice, bob, eve]) setType(e, c, KEEP)
    const pending = 10_000_000n
    const perHalf = Math.trunc((Number(pending) * (1 - VALIDATOR_TAKE)) / 2)
    const stakes = () => [alice, bob, eve].map((c) => stakeOf(e, hotkey, c, netuid)) as [bigint, bigint, bigint]
    const moveRoot = (from: Uint8Array, to: Uint8Array, amount: bigint) =>
      call(e, from, 'transfer_stake', { destination_coldkey: to, hotkey, origin_netuid: ROOT_NET, destination_netuid: ROOT_NET, alpha_amount: amount })

    distribute(e, netuid, pending)
    claim(e, alice, [netuid])
    claim(e, bob, [netuid])
    const [a1, b1] = stakes()
    expect(a1).toBe(b1)
    near(a1, perHalf, 100)

    // half of bob's root stake goes to eve between an epoch and the claims
    distribute(e, netuid, pending)
    const decrement = rootStake / 2n
    moveRoot(bob, eve, decrement)
    const e1 = stakes()[2]
    for (const c of [alice, bob, eve]) claim(e, c, [netuid])
    const [a2, b2, e2] = stakes()
    near(e2 - e1, 0, 100)
    near(a2 - a1, b2 - b1, 100)
    near(b2 - b1, perHalf, 100)

    // and back, before the next epoch
    moveRoot(eve, bob, decrement)
    distribute(e, netuid, pending)
    claim(e, alice, [netuid])
    claim(e, bob, [netuid])
    const [a3, b3] = stakes()
    near(a3 - a2, b3 - b2, 100)
    near(b3 - b2, perHalf, 100)
  })

  it('test_claim_root_with_swap_hotkey', () => {
    const { e, netuid } = keepClaimerAfterEpoch()
    expect(S.RootClaimType.get(e.s, coldkey)).toEqual(KEEP)
    claim(e, coldkey, [netuid])
    const stake = stakeOf(e, hotkey, coldkey, netuid)
    const newHotkey = u256(10030)
    const claimableOn = (h: Uint8Array) => S.RootClaimable.get(e.s, h).some(([n]) => n === netuid)
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(stake)
    expect(S.RootClaimed.get(e.s, netuid, newHotkey, coldkey)).toBe(0n)
    claimableOf(e, hotkey, netuid)
    expect(claimableOn(newHotkey)).toBe(false)
    performHotkeySwapOnOneSubnet({ origin: { kind: 'Root' }, s: e.s, env: e.env }, hotkey, newHotkey, new Weigher(), netuid, false)
    // unchanged: the swap on one subnet leaves the root hotkey (and its claims) alone
    expect(S.RootClaimed.get(e.s, netuid, hotkey, coldkey)).toBe(stake)
    expect(S.RootClaimed.get(e.s, netuid, newHotkey, coldkey)).toBe(0n)
    expect(claimableOn(hotkey)).toBe(true)
    expect(claimableOn(newHotkey)).toBe(false)
  })

  it('ghsa_2026_010_transfer_root_claimed_merges_legit_positions_by_sum', () => {
    const e = newTestExt(1)
    const [oldHot, newHot, cold] = [u256(1002), u256(1003), u256(1004)]
    const [a, b] = [1_000_000n, 500_000n]
    S.RootClaimed.set(e.s, [ROOT_NET, oldHot, cold], a)
    S.RootClaimed.set(e.s, [ROOT_NET, newHot, cold], b)
    transferRootClaimed(e.s, ROOT_NET, oldHot, newHot, cold, cold)
    expect(S.RootClaimed.get(e.s, ROOT_NET, oldHot, cold)).toBe(0n)
    expect(S.RootClaimed.get(e.s, ROOT_NET, newHot, cold)).toBe(a + b)
  })
})

// The helpers of the HEAD test mock (pallets/subtensor/src/tests/mock.rs at 14bc6f9) that the
// staking-side ports share, on top of head-mock.ts: funding a coldkey, `register_ok_neuron`,
// stake written straight into the ledger, and scheduling children with their cooldown elapsed.
import { expect } from 'vitest'
import { EXISTENTIAL_DEPOSIT as ED, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { mintAndSpend } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { doSetPendingChildren } from '../../../src/pallets/subtensor/staking/set-children.js'
import * as L from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { getColdkeyBalance } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { Aura, AURA_ENGINE_ID } from '../../../src/pallets/aura/pallet.js'
import { System } from '../../../src/pallets/system/index.js'
import { swapInterface } from '../../../src/primitives/swap-interface/index.js'
import { callHandler, failsUntouched, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { addNetwork, newTestExt, setupReserves, stepBlock, u256, type Ext } from './head-mock.js'

export { stepBlock }

export const U64_MAX = (1n << 64n) - 1n

/** A SubtensorModule call dispatched straight to its handler (null: Root). */
export const sub = (e: Ext, who: Uint8Array | null, name: string, args: Record<string, unknown>) =>
  callHandler(e.env, 'SubtensorModule', name, who === null ? ROOT : signed(who), args)

/** `assert_abs_diff_eq!(a, b, epsilon = eps)`. */
export const near = (a: bigint, b: bigint, eps: bigint) => expect(a > b ? a - b : b - a).toBeLessThanOrEqual(eps)
export const addStake = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, amount: bigint) =>
  sub(e, cold, 'add_stake', { hotkey: hot, netuid, amount_staked: amount })
export const removeStake = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, amount: bigint) =>
  sub(e, cold, 'remove_stake', { hotkey: hot, netuid, amount_unstaked: amount })
export const stakeOf = (e: Ext, hot: Uint8Array, cold: Uint8Array, netuid: number) => L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid)

/** `assert_noop!`: fails with `error` and changes nothing. */
export const noop = (e: Ext, fn: () => unknown, error: string) => expect((failsUntouched(e.s, fn) as Error).message).toBe(error)

/** `add_balance_to_coldkey_account`: mint_tao + spend_tao, nothing below the ExistentialDeposit. */
export const addBalance = (e: Ext, who: Uint8Array, tao: bigint) => { if (tao >= ED) mintAndSpend(e.s, e.env, who, tao) }

/** `register_ok_neuron`: burn 0, reserves seeded if empty, the coldkey topped up, burned_register. */
export function registerOkNeuron(e: Ext, netuid: number, hot: Uint8Array, cold: Uint8Array): void {
  S.Burn.set(e.s, netuid, 0n)
  if (S.SubnetTAO.get(e.s, netuid) === 0n && S.SubnetAlphaIn.get(e.s, netuid) === 0n) setupReserves(e.s, netuid, 1_000_000_000_000n, 1_000_000_000_000n)
  const need = S.Burn.get(e.s, netuid) + ED + 10n
  const bal = getColdkeyBalance(e.s, cold)
  if (bal < need) addBalance(e, cold, need - bal)
  sub(e, cold, 'burned_register', { netuid, hotkey: hot })
  S.Burn.set(e.s, netuid, 0n)
}

/** `remove_owner_registration_stake`: the owner's registration stake taken out of AlphaOut. */
export function removeOwnerRegistrationStake(e: Ext, netuid: number): void {
  const hot = S.SubnetOwnerHotkey.get(e.s, netuid)
  const cold = S.SubnetOwner.get(e.s, netuid)
  const stake = L.getStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid)
  if (stake === 0n) return
  const out = S.SubnetAlphaOut.get(e.s, netuid)
  L.decreaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, stake)
  S.SubnetAlphaOut.set(e.s, netuid, out > stake ? out - stake : 0n)
  expect(S.TotalHotkeyAlpha.get(e.s, hot, netuid)).toBe(0n)
}

/** `mock_increase_stake_for_hotkey_and_coldkey_on_subnet`: ledger stake, the subnet marked added, its account funded ×100. */
export function mockIncreaseStake(e: Ext, hot: Uint8Array, cold: Uint8Array, netuid: number, alpha: bigint): void {
  L.increaseStakeForHotkeyAndColdkeyOnSubnet(e.s, hot, cold, netuid, alpha)
  S.NetworksAdded.set(e.s, netuid, true)
  mint(e.s, e.env, subnetAccountId(netuid), alpha * 100n)
}

/**
 * The mock's `MockAuthorshipProvider`: U256(12345) authors the current block (the only Aura
 * authority, slot 0 in the digest), so swap fees reach it as on chain. Returns its account.
 */
export function mockBlockBuilder(e: Ext): Uint8Array {
  const builder = u256(12345)
  Aura.Authorities.set(e.s, [builder])
  System.Digest.set(e.s, { logs: [{ type: 'PreRuntime', value: [AURA_ENGINE_ID, new Uint8Array(8)] }] })
  return builder
}

/** `System::set_block_number`. */
export function setBlockNumber(e: Ext, n: bigint): void {
  System.Number.set(e.s, Number(n))
  e.env.blockNumber = Number(n)
}

/** `mock_schedule_children`: StakeThreshold 0, then do_schedule_children. */
export function mockScheduleChildren(e: Ext, cold: Uint8Array, parent: Uint8Array, netuid: number, children: [bigint, Uint8Array][]): void {
  S.StakeThreshold.set(e.s, 0n)
  sub(e, cold, 'set_children', { hotkey: parent, netuid, children })
}

/**
 * `mock_set_children`: scheduled, then applied as `wait_and_set_pending_children` does — past the
 * cooldown, `do_set_pending_children`, the block number restored. (The source steps the blocks
 * and an epoch in between; the relations these ports check do not depend on that emission.)
 */
export function mockSetChildren(e: Ext, cold: Uint8Array, parent: Uint8Array, netuid: number, children: [bigint, Uint8Array][]): void {
  mockScheduleChildren(e, cold, parent, netuid, children)
  const block = BigInt(System.Number.get(e.s))
  setBlockNumber(e, block + S.PendingChildKeyCooldown.get(e.s) + 1n)
  doSetPendingChildren(e.s, e.env, netuid)
  setBlockNumber(e, block)
}


/** `step_epochs(count, netuid)`: blocks until the subnet's epoch counter has advanced `count`. */
export function stepEpochs(e: Ext, count: number, netuid: number): void {
  const target = S.SubnetEpochIndex.get(e.s, netuid) + BigInt(count)
  for (let n = 0; S.SubnetEpochIndex.get(e.s, netuid) < target; n++) {
    expect(n).toBeLessThan(50_000)
    stepBlock(e)
  }
}

/** `step_rate_limit(SetChildren)`: the 150 blocks of its limit pass (no hooks run). */
export const stepSetChildrenRateLimit = (e: Ext) => setBlockNumber(e, BigInt(System.Number.get(e.s)) + 150n)

/** `mock_set_children_no_epochs`: a schedule due at block 0, applied past the cooldown. */
export function mockSetChildrenNoEpochs(e: Ext, netuid: number, parent: Uint8Array, children: [bigint, Uint8Array][]): void {
  const block = BigInt(System.Number.get(e.s))
  S.PendingChildKeys.set(e.s, netuid, parent, [children, 0n])
  S.FirstEmissionBlockNumber.set(e.s, netuid, 0n)
  setBlockNumber(e, S.PendingChildKeyCooldown.get(e.s) + 1n)
  doSetPendingChildren(e.s, e.env, netuid)
  setBlockNumber(e, block)
}

// tests/children.rs' shared keys and shorthands
type Edge = [bigint, Uint8Array]
export const children = (e: Ext, hot: Uint8Array, netuid: number): Edge[] => S.ChildKeys.get(e.s, hot, netuid)
export const parents = (e: Ext, hot: Uint8Array, netuid: number): Edge[] => S.ParentKeys.get(e.s, hot, netuid)
export const schedule = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, list: Edge[]) =>
  sub(e, cold, 'set_children', { hotkey: hot, netuid, children: list })
export const setTake = (e: Ext, cold: Uint8Array, hot: Uint8Array, netuid: number, take: number) =>
  sub(e, cold, 'set_childkey_take', { hotkey: hot, netuid, take })
export const [coldkey, hotkey, child, child2, child3] = [u256(1), u256(2), u256(3), u256(4), u256(5)]
export const E = (name: string) => `SubtensorModule.${name}`

/** `add_network(netuid, 13, 0)` and `register_ok_neuron(netuid, hotkey, owner)`. */
export function registered(owner = coldkey, netuid = 1): Ext {
  const e = newTestExt(1)
  addNetwork(e.s, netuid, 13)
  registerOkNeuron(e, netuid, hotkey, owner)
  return e
}

/** `swap_tao_to_alpha`: a rolled-back buy at the max price → (alpha, fee); root 1:1. */
export function swapTaoToAlpha(e: Ext, netuid: number, tao: bigint): [bigint, bigint] {
  if (netuid === 0) return [tao, 0n]
  const r = swapInterface().swap(e.s, netuid, { kind: 'GetAlphaForTao', amount: tao }, swapInterface().maxPrice(), false, true)
  expect(r.amountPaidOut).toBeGreaterThan(0n)
  return [r.amountPaidOut, r.feePaid]
}

/** `swap_alpha_to_tao`: a rolled-back sale at the min price → (tao, fee); root 1:1. */
export function swapAlphaToTao(e: Ext, netuid: number, alpha: bigint): [bigint, bigint] {
  if (netuid === 0) return [alpha, 0n]
  const r = swapInterface().swap(e.s, netuid, { kind: 'GetTaoForAlpha', amount: alpha }, swapInterface().minPrice(), false, true)
  expect(r.amountPaidOut).toBeGreaterThan(0n)
  return [r.amountPaidOut, r.feePaid]
}

/**
 * The source's validator / validator-miner / miner subnet (cold/hot keys u256(1…6)) made ready for
 * its epoch: the three registered and funded with `stake`, one tempo run, the owner cut, room for
 * three uids and two validators, both validators staked `stake`, then validatorMinerEpochState.
 */
export function validatorMinerSubnet(e: Ext, netuid: number, tempo: number, stake: bigint, ownerCut: number) {
  const [vCold, vHot, vmCold, vmHot, mCold, mHot] = [1, 2, 3, 4, 5, 6].map(u256) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
  registerOkNeuron(e, netuid, vHot, vCold)
  registerOkNeuron(e, netuid, vmHot, vmCold)
  registerOkNeuron(e, netuid, mHot, mCold)
  for (const c of [vCold, vmCold, mCold]) addBalance(e, c, stake + ED)
  S.WeightsSetRateLimit.set(e.s, netuid, 0n)
  stepBlock(e, tempo)
  S.SubnetOwnerCut.set(e.s, ownerCut)
  S.MaxAllowedUids.set(e.s, netuid, 3)
  S.MaxAllowedValidators.set(e.s, netuid, 2)
  addStake(e, vCold, vHot, netuid, stake)
  addStake(e, vmCold, vmHot, netuid, stake)
  validatorMinerEpochState(e, netuid)
  return { vCold, vHot, vmCold, vmHot, mCold, mHot }
}

/**
 * The source's validator / validator-miner / miner subnet (uids 0, 1, 2) as its epoch finds it:
 * uid 0 weights uid 1, uid 1 weights uid 2, all registered at block 1 and updated at 2, kappa
 * 0.2, no activity cutoff, permits for the two validators.
 */
export function validatorMinerEpochState(e: Ext, netuid: number): void {
  S.Weights.set(e.s, netuid, 0, [[1, 0xffff]])
  S.Weights.set(e.s, netuid, 1, [[2, 0xffff]])
  for (const uid of [0, 1, 2]) S.BlockAtRegistration.set(e.s, netuid, uid, 1n)
  S.LastUpdate.set(e.s, netuid, [2n, 2n, 2n])
  S.Kappa.set(e.s, netuid, Math.floor(0xffff / 5))
  S.ActivityCutoff.set(e.s, netuid, 0xffff)
  S.ValidatorPermit.set(e.s, netuid, [true, true, false])
}

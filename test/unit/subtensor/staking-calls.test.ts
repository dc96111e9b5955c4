// The stake calls at spec 425 on a dynamic subnet: balances, reserves, AlphaOut and the ledger
// move by exactly the balancer swap written out in the harness; refusals change nothing.
import { describe, expect, it } from 'vitest'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { freeBalance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getStakeForHotkeyAndColdkeyOnSubnet as stakeOf } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { BURN_ACCOUNT } from '../../../src/pallets/subtensor/staking/tao-transfer.js'
import { subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { SwapStorage } from '../../../src/pallets/swap/pallet.js'
import { eventNames, failsUntouched } from '../../../src/pallets/test-utils.js'
import { call, chainWithSubnet, expectedBuy, expectedSell, fund, TAO, u256, type Chain } from './staking-harness.js'

configureSubtensor({ fastRuntime: false, powFaucet: false, registration: 'current' })

const cold = u256(10)
const hot = u256(11)
const pool = (c: Chain, n = c.netuid) => ({ tao: S.SubnetTAO.get(c.s, n), alphaIn: S.SubnetAlphaIn.get(c.s, n), alphaOut: S.SubnetAlphaOut.get(c.s, n) })
const ok = (r: { ok: boolean; error?: Error }) => { if (!r.ok) throw r.error; return r }
function fails(c: Chain, who: Uint8Array, name: string, args: Record<string, unknown>, error: string): void {
  const e = failsUntouched(c.s, () => { const r = call(c, who, name, args); if (!r.ok) throw r.error })
  expect((e as Error).message).toBe(error)
}
/** A chain where `hot` is registered (owned by `cold`) and `cold` holds 1,000 TAO. */
function setup(): Chain {
  const c = chainWithSubnet()
  fund(c, cold, 1_000n * TAO)
  S.NetworksAdded.set(c.s, 0, true)
  ok(call(c, cold, 'burned_register', { netuid: c.netuid, hotkey: hot }))
  return c
}

describe('add_stake / remove_stake', () => {
  it('add_stake buys alpha at the balancer price; the fee is burned without a block author', () => {
    const c = setup()
    const p0 = pool(c)
    const [bal0, acct0, burn0, total0] = [freeBalance(c.s, cold), freeBalance(c.s, subnetAccountId(c.netuid)), freeBalance(c.s, BURN_ACCOUNT), S.TotalStake.get(c.s)]
    const amount = 10n * TAO
    const exp = expectedBuy(p0.tao, p0.alphaIn, amount, SwapStorage.FeeRate.get(c.s, c.netuid))
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: amount }))
    expect(freeBalance(c.s, cold)).toBe(bal0 - amount)
    expect(freeBalance(c.s, subnetAccountId(c.netuid))).toBe(acct0 + amount - exp.fee)
    expect(freeBalance(c.s, BURN_ACCOUNT) - burn0).toBe(exp.fee)
    expect(pool(c)).toEqual({ tao: p0.tao + exp.taoIn, alphaIn: p0.alphaIn - exp.out, alphaOut: p0.alphaOut + exp.out })
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(exp.out)
    expect(S.TotalHotkeyAlpha.get(c.s, hot, c.netuid)).toBe(exp.out)
    expect(S.TotalStake.get(c.s)).toBe(total0 + amount)
    expect(S.StakingHotkeys.get(c.s, cold)).toEqual([hot])
    expect(S.LastColdkeyHotkeyStakeBlock.get(c.s, cold, hot)).toBe(1n)
    expect(eventNames(c.s)).toContain('SubtensorModule.StakeAdded')
  })

  it('remove_stake sells alpha at the balancer price', () => {
    const c = setup()
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const staked = stakeOf(c.s, hot, cold, c.netuid)
    const sell = staked / 3n
    const p0 = pool(c)
    const bal0 = freeBalance(c.s, cold)
    const exp = expectedSell(p0.tao, p0.alphaIn, sell, SwapStorage.FeeRate.get(c.s, c.netuid))
    ok(call(c, cold, 'remove_stake', { hotkey: hot, netuid: c.netuid, amount_unstaked: sell }))
    expect(freeBalance(c.s, cold)).toBe(bal0 + exp.out)
    expect(pool(c)).toEqual({ tao: p0.tao - exp.out, alphaIn: p0.alphaIn + exp.alphaIn, alphaOut: p0.alphaOut - exp.alphaIn })
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(staked - sell)
    expect(eventNames(c.s)).toContain('SubtensorModule.StakeRemoved')
  })

  it('refusals by the chain names, nothing changed', () => {
    const c = setup()
    const n = c.netuid
    fails(c, cold, 'add_stake', { hotkey: hot, netuid: 9, amount_staked: TAO }, 'SubtensorModule.SubnetNotExists')
    fails(c, cold, 'add_stake', { hotkey: hot, netuid: n, amount_staked: 1_000n }, 'SubtensorModule.AmountTooLow')
    fails(c, cold, 'add_stake', { hotkey: hot, netuid: n, amount_staked: 5_000n * TAO }, 'SubtensorModule.NotEnoughBalanceToStake')
    fails(c, cold, 'add_stake', { hotkey: u256(55), netuid: n, amount_staked: TAO }, 'SubtensorModule.HotKeyAccountNotExists')
    fails(c, cold, 'remove_stake', { hotkey: hot, netuid: n, amount_unstaked: 1n }, 'SubtensorModule.AmountTooLow')
    S.SubtokenEnabled.set(c.s, n, false)
    fails(c, cold, 'add_stake', { hotkey: hot, netuid: n, amount_staked: TAO }, 'SubtensorModule.SubtokenDisabled')
    S.SubtokenEnabled.set(c.s, n, true)
  })

  it('add_stake_limit: a limit under the price is refused (fill or kill), a partial fill stops at the limit', () => {
    const c = setup()
    const n = c.netuid
    const price = (S.SubnetTAO.get(c.s, n) * TAO) / S.SubnetAlphaIn.get(c.s, n)
    // a limit under the current price: the Swap pallet refuses the max-amount probe
    fails(c, cold, 'add_stake_limit', { hotkey: hot, netuid: n, amount_staked: 10n * TAO, limit_price: price / 2n, allow_partial: false }, 'Swap.PriceLimitExceeded')
    const limit = price + price / 100n
    fails(c, cold, 'add_stake_limit', { hotkey: hot, netuid: n, amount_staked: 100n * TAO, limit_price: limit, allow_partial: false }, 'SubtensorModule.SlippageTooHigh')
    ok(call(c, cold, 'add_stake_limit', { hotkey: hot, netuid: n, amount_staked: 100n * TAO, limit_price: limit, allow_partial: true }))
    const after = (S.SubnetTAO.get(c.s, n) * TAO) / S.SubnetAlphaIn.get(c.s, n)
    expect(after <= limit).toBe(true)
    expect(after > price).toBe(true)
    expect(freeBalance(c.s, cold) > 900n * TAO).toBe(true)
  })

  it('remove_stake_limit refuses a limit above the price (fill or kill)', () => {
    const c = setup()
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const price = (S.SubnetTAO.get(c.s, c.netuid) * TAO) / S.SubnetAlphaIn.get(c.s, c.netuid)
    fails(c, cold, 'remove_stake_limit', { hotkey: hot, netuid: c.netuid, amount_unstaked: stakeOf(c.s, hot, cold, c.netuid), limit_price: price - price / 1000n, allow_partial: false }, 'SubtensorModule.SlippageTooHigh')
  })
})

describe('move / transfer / swap / recycle / burn / unstake_all', () => {
  it('move_stake within a subnet moves alpha as is (no swap, no fee)', () => {
    const c = setup()
    const hot2 = u256(12)
    ok(call(c, cold, 'burned_register', { netuid: c.netuid, hotkey: hot2 }))
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const a = stakeOf(c.s, hot, cold, c.netuid)
    const p0 = pool(c)
    ok(call(c, cold, 'move_stake', { origin_hotkey: hot, destination_hotkey: hot2, origin_netuid: c.netuid, destination_netuid: c.netuid, alpha_amount: a / 2n }))
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(a - a / 2n)
    expect(stakeOf(c.s, hot2, cold, c.netuid)).toBe(a / 2n)
    expect(pool(c)).toEqual(p0)
    expect(eventNames(c.s)).toContain('SubtensorModule.StakeMoved')
  })

  it('transfer_stake gives the alpha to another coldkey; TransferToggle off refuses it', () => {
    const c = setup()
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const a = stakeOf(c.s, hot, cold, c.netuid)
    const other = u256(30)
    S.TransferToggle.set(c.s, c.netuid, false)
    fails(c, cold, 'transfer_stake', { destination_coldkey: other, hotkey: hot, origin_netuid: c.netuid, destination_netuid: c.netuid, alpha_amount: a }, 'SubtensorModule.TransferDisallowed')
    S.TransferToggle.set(c.s, c.netuid, true)
    ok(call(c, cold, 'transfer_stake', { destination_coldkey: other, hotkey: hot, origin_netuid: c.netuid, destination_netuid: c.netuid, alpha_amount: a }))
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(0n)
    expect(stakeOf(c.s, hot, other, c.netuid)).toBe(a)
    expect(S.StakingHotkeys.get(c.s, other)).toEqual([hot])
  })

  it('swap_stake to root sells on the subnet and stakes the TAO 1:1 on root', () => {
    const c = setup()
    S.SubtokenEnabled.set(c.s, 0, true)
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const a = stakeOf(c.s, hot, cold, c.netuid)
    const p0 = pool(c)
    const exp = expectedSell(p0.tao, p0.alphaIn, a, SwapStorage.FeeRate.get(c.s, c.netuid))
    ok(call(c, cold, 'swap_stake', { hotkey: hot, origin_netuid: c.netuid, destination_netuid: 0, alpha_amount: a }))
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(0n)
    expect(stakeOf(c.s, hot, cold, 0)).toBe(exp.out)
    expect(S.SubnetTAO.get(c.s, 0)).toBe(exp.out)
    expect(S.StakingColdkeys.get(c.s, cold)).toBe(0n)
    expect(eventNames(c.s)).toContain('SubtensorModule.StakeSwapped')
  })

  it('recycle_alpha shrinks AlphaOut; burn_alpha keeps it; root is refused', () => {
    const c = setup()
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const a = stakeOf(c.s, hot, cold, c.netuid)
    const out0 = S.SubnetAlphaOut.get(c.s, c.netuid)
    ok(call(c, cold, 'recycle_alpha', { hotkey: hot, amount: a / 4n, netuid: c.netuid }))
    expect(S.SubnetAlphaOut.get(c.s, c.netuid)).toBe(out0 - a / 4n)
    ok(call(c, cold, 'burn_alpha', { hotkey: hot, amount: a / 4n, netuid: c.netuid }))
    expect(S.SubnetAlphaOut.get(c.s, c.netuid)).toBe(out0 - a / 4n)
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(a - 2n * (a / 4n))
    fails(c, cold, 'recycle_alpha', { hotkey: hot, amount: 1n, netuid: 0 }, 'SubtensorModule.CannotBurnOrRecycleOnRootSubnet')
  })

  it('unstake_all sells every subnet position of the hotkey', () => {
    const c = setup()
    ok(call(c, cold, 'add_stake', { hotkey: hot, netuid: c.netuid, amount_staked: 10n * TAO }))
    const a = stakeOf(c.s, hot, cold, c.netuid)
    const p0 = pool(c)
    const exp = expectedSell(p0.tao, p0.alphaIn, a, SwapStorage.FeeRate.get(c.s, c.netuid))
    const bal0 = freeBalance(c.s, cold)
    ok(call(c, cold, 'unstake_all', { hotkey: hot }))
    expect(stakeOf(c.s, hot, cold, c.netuid)).toBe(0n)
    expect(freeBalance(c.s, cold)).toBe(bal0 + exp.out)
  })
})

// Port of subtensor pallets/subtensor/src/tests/subnet.rs (HEAD 14bc6f9), the cases of subnet
// creation and start: start_call, token symbols, subnet accounts, no owner alpha at creation.
import { describe, expect, it } from 'vitest'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorErrors as SE, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { isSubnetAccountId, networkLockCost, subnetAccountId } from '../../../src/pallets/subtensor/subnets/network.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { symbolForSubnet } from '../../../src/pallets/subtensor/subnets/symbols.js'
import { DEFAULT_SYMBOL, SYMBOLS } from '../../../src/pallets/subtensor/subnets/symbols.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { callHandler, callValue, errorOf, events, failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { callInfoOf } from '../../../src/pallets/call-info.js'
import { Mock, u256 } from './mock.js'

const se = (e: () => unknown): unknown => errorOf(e())
const call = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => callHandler(m.env, 'SubtensorModule', name, origin, args)
const fails = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => errorOf(failsUntouched(m.s, () => call(m, name, origin, args)))
const fund = (m: Mock, who: Uint8Array, amount: bigint) => mint(m.s, { depositEvent: (e) => m.env.depositEvent(e) }, who, amount)
/** add_network_without_emission_block: the subnet exists, owned by account 0, not started. */
const addNetworkWithoutEmissionBlock = (m: Mock, netuid: number) => initNewNetwork(m.s, netuid, 13)
function registerNetwork(m: Mock, cold: Uint8Array, hot: Uint8Array): number {
  fund(m, cold, EXISTENTIAL_DEPOSIT + networkLockCost(m.s))
  call(m, 'register_network', signed(cold), { hotkey: hot })
  const added = events(m.s).filter((e) => e.name === 'SubtensorModule.NetworkAdded').at(-1)!
  return (added.value as [number, number])[0]
}

describe('tests/subnet.rs', () => {
  it('test_do_start_call_ok / fail_with_not_existed_subnet / fail_not_owner / fail_for_set_again', () => {
    const m = new Mock()
    const owner = u256(0)
    expect(fails(m, 'start_call', signed(owner), { netuid: 1 })).toEqual(se(SE.SubnetNotExists))
    addNetworkWithoutEmissionBlock(m, 1)
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBeNull()
    expect(S.SubnetOwner.get(m.s, 1)).toEqual(owner)
    const block = m.block + Number(S.StartCallDelay.get(m.s))
    m.setBlockNumber(block)
    expect(fails(m, 'start_call', signed(u256(2)), { netuid: 1 })).toEqual({ type: 'BadOrigin' })
    call(m, 'start_call', signed(owner), { netuid: 1 })
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBe(BigInt(block + 1))
    expect(fails(m, 'start_call', signed(owner), { netuid: 1 })).toEqual(se(SE.FirstEmissionBlockNumberAlreadySet))
  })

  it('test_register_network_min_burn_at_default', () => {
    const m = new Mock()
    const netuid = registerNetwork(m, u256(0), u256(1))
    expect(S.MinBurn.get(m.s, netuid)).toBe(S.MinBurn.get(m.s, 9_999))
    expect(S.NetworkRegistrationAllowed.get(m.s, netuid)).toBe(true)
  })

  it('test_register_network_use_symbol_for_subnet_if_available / next available / default once all are taken', () => {
    const m = new Mock()
    S.NetworkRateLimit.set(m.s, 0n)
    S.SubnetLimit.set(m.s, SYMBOLS.length)
    for (let i = 0; i < SYMBOLS.length - 1; i++) {
      if (i === 50) {
        // netuid 25's symbol swapped for netuid 51's: the next subnet (51) takes 25's
        S.TokenSymbol.set(m.s, 25, SYMBOLS[51]!)
        const netuid = registerNetwork(m, u256(1_000_000 + i), u256(2_000_000 + i))
        expect(netuid).toBe(51)
        expect(S.TokenSymbol.get(m.s, netuid)).toEqual(SYMBOLS[25])
        S.NetworkLastLockCost.set(m.s, 1_000n)
        continue
      }
      const netuid = registerNetwork(m, u256(1_000_000 + i), u256(2_000_000 + i))
      expect(S.TokenSymbol.get(m.s, netuid)).toEqual(SYMBOLS[netuid])
      S.NetworkLastLockCost.set(m.s, 1_000n)
    }
    const netuid = registerNetwork(m, u256(1_000_000 + SYMBOLS.length), u256(2_000_000 + SYMBOLS.length))
    expect(netuid).toBe(SYMBOLS.length)
    expect(S.TokenSymbol.get(m.s, netuid)).toEqual(DEFAULT_SYMBOL)
  })

  it('test_no_duplicates_in_symbol_static', () => {
    expect(new Set(SYMBOLS.map((x) => Buffer.from(x).toString('hex'))).size).toBe(SYMBOLS.length)
  })

  it('test_get_subnet_account_id_exists_and_is_distinct_for_257_consecutive_subnets / test_is_subnet_account_id', () => {
    const ids = new Set<string>()
    for (let n = 0; n <= 2048; n++) {
      const id = subnetAccountId(n)
      if (n <= 256) ids.add(Buffer.from(id).toString('hex'))
      expect(isSubnetAccountId(id)).toBe(true)
      // the netuid reads back from the sub-account bytes
      expect(id[12]! | (id[13]! << 8)).toBe(n)
    }
    expect(ids.size).toBe(257)
    expect(isSubnetAccountId(u256(1))).toBe(false)
  })

  it('test_register_network_gives_owner_no_initial_alpha_distribution', () => {
    const m = new Mock()
    const [cold, hot] = [u256(5001), u256(5002)]
    const netuid = registerNetwork(m, cold, hot)
    expect(S.SubnetOwner.get(m.s, netuid)).toEqual(cold)
    expect(S.SubnetOwnerHotkey.get(m.s, netuid)).toEqual(hot)
    expect(S.SubnetAlphaOut.get(m.s, netuid)).toBe(0n)
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hot, cold, netuid)).toBe(0n)
    expect(S.Lock.iterPrefix(m.s, cold, netuid).next().done).toBe(true)
  })
})

describe('tests/subnet.rs: update_symbol', () => {
  /** HEAD mock's add_network: init_new_network writes no TokenSymbol. */
  const ext = (): Mock => { const m = new Mock(); initNewNetwork(m.s, 1, 10); return m }

  it('test_update_symbol_works_as_root_if_symbol_exists_and_available / as_subnet_owner', () => {
    for (const origin of [{ kind: 'Root' } as Origin, signed(u256(1))]) {
      const m = ext()
      S.SubnetOwner.set(m.s, 1, u256(1))
      for (const symbol of SYMBOLS.slice(1)) {
        call(m, 'update_symbol', origin, { netuid: 1, symbol })
        expect(S.TokenSymbol.get(m.s, 1)).toEqual(symbol)
        expect(events(m.s).at(-1)).toMatchObject({ name: 'SubtensorModule.SymbolUpdated', value: { netuid: 1, symbol } })
      }
    }
  })

  it('update_symbol refuses another signer (BadOrigin) and the root symbol (SymbolDoesNotExist)', () => {
    const m = ext()
    S.SubnetOwner.set(m.s, 1, u256(1))
    expect(fails(m, 'update_symbol', signed(u256(2)), { netuid: 1, symbol: SYMBOLS[5] })).toEqual({ type: 'BadOrigin' })
    expect(fails(m, 'update_symbol', signed(u256(1)), { netuid: 1, symbol: DEFAULT_SYMBOL })).toEqual(se(SE.SymbolDoesNotExist))
  })

  it('test_update_symbol_fails_if_symbol_doesnt_exist', () => {
    const m = ext()
    S.SubnetOwner.set(m.s, 1, u256(1))
    expect(fails(m, 'update_symbol', signed(u256(1)), { netuid: 1, symbol: new TextEncoder().encode('TEST') })).toEqual(se(SE.SymbolDoesNotExist))
  })

  it('test_update_symbol_fails_if_symbol_already_in_use', () => {
    const m = ext()
    S.SubnetOwner.set(m.s, 1, u256(1))
    initNewNetwork(m.s, 2, 10)
    S.SubnetOwner.set(m.s, 2, u256(2))
    call(m, 'update_symbol', signed(u256(1)), { netuid: 1, symbol: SYMBOLS[42] })
    expect(fails(m, 'update_symbol', signed(u256(2)), { netuid: 2, symbol: SYMBOLS[42] })).toEqual(se(SE.SymbolAlreadyInUse))
    // the holder itself cannot set it again either
    expect(fails(m, 'update_symbol', signed(u256(1)), { netuid: 1, symbol: SYMBOLS[42] })).toEqual(se(SE.SymbolAlreadyInUse))
  })
})

describe('tests/staking2.rs: try_associate_hotkey', () => {
  it('test_try_associate_hotkey (a second coldkey changes nothing; pays a fee)', () => {
    const m = new Mock()
    const [hotkey, cold1, cold2] = [u256(1), u256(2), u256(3)]
    expect(S.Owner.contains(m.s, hotkey)).toBe(false)
    call(m, 'try_associate_hotkey', signed(cold1), { hotkey })
    expect(S.Owner.get(m.s, hotkey)).toEqual(cold1)
    expect(S.OwnedHotkeys.get(m.s, cold1)).toEqual([hotkey])
    expect(S.StakingHotkeys.get(m.s, cold1)).toEqual([hotkey])
    expect(callInfoOf(callValue('SubtensorModule', 'try_associate_hotkey', { hotkey })).paysFee).toBe('Yes')
    call(m, 'try_associate_hotkey', signed(cold2), { hotkey })
    expect(S.Owner.get(m.s, hotkey)).toEqual(cold1)
    expect(S.OwnedHotkeys.get(m.s, cold2)).toEqual([])
  })

  it('test_cannot_register_system_hotkey (a subnet account is refused: CannotUseSystemAccount)', () => {
    const m = new Mock()
    expect(fails(m, 'try_associate_hotkey', { kind: 'Root' }, { hotkey: u256(5) })).toEqual({ type: 'BadOrigin' })
    for (const netuid of [0, 1, 2, 2048]) {
      expect(fails(m, 'try_associate_hotkey', signed(u256(1)), { hotkey: subnetAccountId(netuid) })).toEqual(se(SE.CannotUseSystemAccount))
    }
  })
})

describe('tests/subnet.rs: start_call and the subtoken switch', () => {
  /** add_network_disable_subtoken: created by init_new_network, registration allowed, subtoken off. */
  const addNetworkDisableSubtoken = (m: Mock, netuid: number) => {
    initNewNetwork(m.s, netuid, 10)
    S.NetworkRegistrationAllowed.set(m.s, netuid, true)
    S.SubtokenEnabled.set(m.s, netuid, false)
  }

  it('test_do_start_call_can_start_now (StartCallDelay 0, as the HEAD mock)', () => {
    const m = new Mock()
    S.StartCallDelay.set(m.s, 0n)
    addNetworkWithoutEmissionBlock(m, 1)
    expect(S.SubnetOwner.get(m.s, 1)).toEqual(u256(0))
    call(m, 'start_call', signed(u256(0)), { netuid: 1 })
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBe(BigInt(m.block) + 1n)
  })

  it('test_do_start_call_ok_with_same_block_number_after_coinbase (blocks do not move FirstEmissionBlockNumber)', () => {
    const m = new Mock()
    addNetworkWithoutEmissionBlock(m, 1)
    S.SubnetTAO.set(m.s, 1, 1_000_000_000n)
    S.SubnetAlphaIn.set(m.s, 1, 1_000_000_000n)
    m.setBlockNumber(m.block + Number(S.StartCallDelay.get(m.s)))
    call(m, 'start_call', signed(u256(0)), { netuid: 1 })
    const first = BigInt(m.block) + 1n
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBe(first)
    m.stepBlock(13)
    expect(S.FirstEmissionBlockNumber.get(m.s, 1)).toBe(first)
  })

  it('test_subtoken_enable (start_call switches it on)', () => {
    const m = new Mock()
    addNetworkDisableSubtoken(m, 1)
    expect(S.SubtokenEnabled.get(m.s, 1)).toBe(false)
    m.setBlockNumber(m.block + Number(S.StartCallDelay.get(m.s)))
    call(m, 'start_call', signed(u256(0)), { netuid: 1 })
    expect(S.SubtokenEnabled.get(m.s, 1)).toBe(true)
  })

  it('test_subtoken_enable_reject_trading_before_enable', () => {
    const m = new Mock()
    const [hk, ck, hk2] = [u256(1), u256(2), u256(3)]
    const amount = 2_000_000n * 10n
    const stake = 10_000_000_000n
    const limit = 1_000_000_000n
    addNetworkDisableSubtoken(m, 1)
    addNetworkDisableSubtoken(m, 2)
    S.SubnetTAO.set(m.s, 1, 20_000_000_000n)
    S.SubnetAlphaIn.set(m.s, 1, 20_000_000_000n)
    for (const [netuid, hotkey, nonce] of [[1, hk, 0], [2, hk, 100], [1, hk2, 0], [2, hk2, 100]] as const) m.registerOk(netuid, hotkey, ck, nonce)
    fund(m, ck, 10_000n + EXISTENTIAL_DEPOSIT)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, 1, stake)
    const disabled = se(SE.SubtokenDisabled)
    expect(fails(m, 'add_stake', signed(ck), { hotkey: hk, netuid: 1, amount_staked: amount })).toEqual(disabled)
    expect(fails(m, 'add_stake_limit', signed(ck), { hotkey: hk, netuid: 1, amount_staked: amount, limit_price: limit, allow_partial: false })).toEqual(disabled)
    // unstake_all skips subnets whose token is off: the stake stays
    call(m, 'unstake_all', signed(ck), { hotkey: hk })
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, 1)).toBe(stake)
    expect(fails(m, 'unstake_all_alpha', signed(ck), { hotkey: hk })).toEqual(se(SE.AmountTooLow))
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, 1)).toBe(stake)
    expect(fails(m, 'remove_stake', signed(ck), { hotkey: hk, netuid: 1, amount_unstaked: amount })).toEqual(disabled)
    expect(fails(m, 'recycle_alpha', signed(ck), { hotkey: hk, amount, netuid: 1 })).toEqual(disabled)
    expect(fails(m, 'burn_alpha', signed(ck), { hotkey: hk, amount, netuid: 1 })).toEqual(disabled)
    expect(fails(m, 'move_stake', signed(ck), { origin_hotkey: hk, destination_hotkey: hk2, origin_netuid: 1, destination_netuid: 2, alpha_amount: amount })).toEqual(disabled)
    expect(fails(m, 'transfer_stake', signed(ck), { destination_coldkey: hk, hotkey: hk2, origin_netuid: 1, destination_netuid: 2, alpha_amount: amount })).toEqual(disabled)
    expect(fails(m, 'swap_stake', signed(ck), { hotkey: hk, origin_netuid: 1, destination_netuid: 2, alpha_amount: amount })).toEqual(disabled)
  })

  it('test_subtoken_enable_trading_ok_with_enable (every stake operation goes through once started)', () => {
    const m = new Mock()
    const [hk, ck, hk2] = [u256(1), u256(2), u256(3)]
    const stakeAmount = 2_000_000n * 10_000n
    const unstake = 2_000_000n * 10n
    const reserve = stakeAmount * 1000n
    // the root network of the HEAD mock's genesis (unstake_all_alpha restakes into it)
    initNewNetwork(m.s, 0, 100)
    for (const netuid of [1, 2]) {
      m.addNetwork(netuid, 10)
      S.SubnetTAO.set(m.s, netuid, reserve)
      S.SubnetAlphaIn.set(m.s, netuid, reserve)
      S.SubnetAlphaOut.set(m.s, netuid, reserve)
      fund(m, subnetAccountId(netuid), EXISTENTIAL_DEPOSIT)
    }
    for (const [netuid, hotkey, nonce] of [[1, hk, 0], [2, hk, 100], [1, hk2, 0], [2, hk2, 100]] as const) m.registerOk(netuid, hotkey, ck, nonce)
    fund(m, ck, stakeAmount * 10n)
    for (const [hotkey, netuid] of [[hk, 1], [hk, 2], [hk2, 1], [hk2, 2]] as const) call(m, 'add_stake', signed(ck), { hotkey, netuid, amount_staked: stakeAmount })
    const before = getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, 1)
    call(m, 'remove_stake', signed(ck), { hotkey: hk, netuid: 1, amount_unstaked: unstake })
    call(m, 'recycle_alpha', signed(ck), { hotkey: hk, amount: unstake, netuid: 1 })
    call(m, 'burn_alpha', signed(ck), { hotkey: hk, amount: unstake, netuid: 1 })
    call(m, 'move_stake', signed(ck), { origin_hotkey: hk, destination_hotkey: hk2, origin_netuid: 1, destination_netuid: 2, alpha_amount: unstake })
    call(m, 'transfer_stake', signed(ck), { destination_coldkey: hk, hotkey: hk2, origin_netuid: 1, destination_netuid: 2, alpha_amount: unstake })
    call(m, 'swap_stake', signed(ck), { hotkey: hk, origin_netuid: 1, destination_netuid: 2, alpha_amount: unstake })
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, 1)).toBeLessThan(before)
    call(m, 'unstake_all_alpha', signed(ck), { hotkey: hk })
    expect([1, 2].map((n) => getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, n))).toEqual([0n, 0n])
    expect(getStakeForHotkeyAndColdkeyOnSubnet(m.s, hk, ck, 0)).toBeGreaterThan(0n)
  })

  it('test_subtoken_enable_ok_for_burn_register_before_enable', () => {
    const m = new Mock()
    const ck = u256(2)
    for (const netuid of [1, 2]) {
      addNetworkDisableSubtoken(m, netuid)
      S.SubnetTAO.set(m.s, netuid, 1_000_000_000n)
      S.SubnetAlphaIn.set(m.s, netuid, 1_000_000_000n)
      S.Burn.set(m.s, netuid, 1_000n)
    }
    fund(m, ck, 2_000n + EXISTENTIAL_DEPOSIT + 5_000n)
    call(m, 'burned_register', signed(ck), { netuid: 1, hotkey: u256(1) })
    call(m, 'burned_register', signed(ck), { netuid: 2, hotkey: u256(3) })
    expect([S.Uids.get(m.s, 1, u256(1)), S.Uids.get(m.s, 2, u256(3))]).toEqual([0, 0])
  })

  it('test_get_symbol_for_subnet_returns_default_symbol_if_netuid_is_out_of_bounds', () => {
    expect(symbolForSubnet(SYMBOLS.length + 1)).toEqual(DEFAULT_SYMBOL)
  })
})

// StakeInfoRuntimeApi and DelegateInfoRuntimeApi (pallets/subtensor/runtime-api at spec 425):
// methods in the traits' declaration order, with their parameter names.
import { option, tuple, u16, u64, vec } from '../../codec/types.js'
import { DelegatedEntry, DelegateInfo, getDelegate, getDelegated, getDelegates } from '../../pallets/subtensor/info/delegate-info.js'
import {
  coldkeyLock, hotkeyConviction, mostConvictedHotkey, StakeAvailability, stakeAvailabilityForColdkeys, stakeFee, StakeInfo,
  stakeInfoForColdkey, stakeInfoForColdkeys, stakeInfoForHotkeyColdkeyNetuid,
} from '../../pallets/subtensor/info/stake-info.js'
import { AccountId, btreeMap, LockState, U64F64 } from '../../pallets/subtensor/types.js'
import type { RuntimeApiDecl } from './types.js'

const acct = (name: string) => ({ name, type: AccountId })
const netuid = { name: 'netuid', type: u16 }
const A = (v: unknown): Uint8Array => v as Uint8Array
const N = (v: unknown): number => v as number
const endpoint = option(tuple(AccountId, u16))

export function stakeInfoApi(): RuntimeApiDecl {
  return {
    name: 'StakeInfoRuntimeApi',
    version: 1,
    methods: [
      { name: 'get_stake_info_for_coldkey', inputs: [acct('coldkey_account')], output: vec(StakeInfo), call: (c, [k]) => stakeInfoForColdkey(c.s, A(k)) },
      { name: 'get_stake_info_for_coldkeys', inputs: [{ name: 'coldkey_accounts', type: vec(AccountId) }], output: vec(tuple(AccountId, vec(StakeInfo))),
        call: (c, [ks]) => stakeInfoForColdkeys(c.s, ks as Uint8Array[]) },
      { name: 'get_stake_info_for_hotkey_coldkey_netuid', inputs: [acct('hotkey_account'), acct('coldkey_account'), netuid], output: option(StakeInfo),
        call: (c, [h, k, n]) => stakeInfoForHotkeyColdkeyNetuid(c.s, A(h), A(k), N(n)) },
      { name: 'get_stake_availability_for_coldkeys', inputs: [{ name: 'coldkey_accounts', type: vec(AccountId) }, { name: 'netuids', type: option(vec(u16)) }],
        output: btreeMap(AccountId, btreeMap(u16, StakeAvailability)),
        call: (c, [ks, ns]) => stakeAvailabilityForColdkeys(c.s, ks as Uint8Array[], ns as number[] | null) },
      { name: 'get_stake_fee', inputs: [{ name: 'origin', type: endpoint }, acct('origin_coldkey_account'), { name: 'destination', type: endpoint }, acct('destination_coldkey_account'), { name: 'amount', type: u64 }],
        output: u64, call: (c, [o, , d, , amount]) => stakeFee(c.s, o as [Uint8Array, number] | null, d as [Uint8Array, number] | null, amount as bigint) },
      { name: 'get_coldkey_lock', inputs: [acct('coldkey'), netuid], output: option(LockState), call: (c, [k, n]) => coldkeyLock(c.s, A(k), N(n)) },
      { name: 'get_hotkey_conviction', inputs: [acct('hotkey'), netuid], output: U64F64, call: (c, [h, n]) => ({ bits: hotkeyConviction(c.s, A(h), N(n)) }) },
      { name: 'get_most_convicted_hotkey_on_subnet', inputs: [netuid], output: option(AccountId), call: (c, [n]) => mostConvictedHotkey(c.s, N(n)) },
    ],
  }
}

export function delegateInfoApi(): RuntimeApiDecl {
  return {
    name: 'DelegateInfoRuntimeApi',
    version: 1,
    methods: [
      { name: 'get_delegates', inputs: [], output: vec(DelegateInfo), call: (c) => getDelegates(c.s) },
      { name: 'get_delegate', inputs: [acct('delegate_account')], output: option(DelegateInfo), call: (c, [d]) => getDelegate(c.s, A(d)) },
      { name: 'get_delegated', inputs: [acct('delegatee_account')], output: vec(DelegatedEntry), call: (c, [d]) => getDelegated(c.s, A(d)) },
    ],
  }
}

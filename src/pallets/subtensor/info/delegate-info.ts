// rpc_info/delegate_info.rs: DelegateInfo for every hotkey in Delegates — its take, nominators
// per subnet, registrations and validator permits, and its daily return from emissions.
import { compact, composite, f, tuple, u16, u64, vec, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import { alphaIterPrefix, alphaIterSinglePrefix, allSubnetNetuids } from '../staking/helpers.js'
import { alphaSharePool, getStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyOnSubnet } from '../staking/stake-utils.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId } from '../types.js'

const c16 = compact(u16)
const c64 = compact(u64)
export const DelegateInfo: Ty = composite('pallet_subtensor::rpc_info::delegate_info::DelegateInfo', [
  f('delegate_ss58', AccountId, 'AccountId'), f('take', c16, 'Compact<u16>'),
  f('nominators', vec(tuple(AccountId, vec(tuple(c16, c64)))), 'Vec<(AccountId, Vec<(Compact<NetUid>, Compact<u64>)>)>'),
  f('owner_ss58', AccountId, 'AccountId'), f('registrations', vec(c16), 'Vec<Compact<NetUid>>'),
  f('validator_permits', vec(c16), 'Vec<Compact<NetUid>>'), f('return_per_1000', c64, 'Compact<u64>'),
  f('total_daily_return', c64, 'Compact<u64>'),
], { params: [{ name: 'AccountId', type: AccountId }] })
export const DelegatedEntry: Ty = tuple(DelegateInfo, tuple(c16, c64))

const U = F.U64F64
const fx = (n: bigint | number): bigint => F.saturatingFromInt(U, BigInt(n))
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

/** `return_per_1000_tao`: emissions/day × (1 − take) per 1000 TAO of root stake. */
export function returnPer1000Tao(take: number, totalStake: bigint, emissionsPerDay: bigint): bigint {
  const withoutTake = F.saturatingSub(U, fx(1), safeDiv(U, fx(take), fx(0xffff)))
  if (totalStake <= 0n) return 0n
  return safeDiv(U, F.saturatingMul(U, emissionsPerDay, withoutTake), safeDiv(U, totalStake, fx(1_000n * 1_000_000_000n)))
}

type Info = Record<string, unknown>

/** `get_delegate_by_existing_account`. */
function delegateInfo(s: Store, delegate: Uint8Array, skipNominators: boolean): Info {
  const nominators: [Uint8Array, [number, bigint][]][] = []
  if (!skipNominators) {
    // The chain looks the pool up by the netuid's *position* among the added subnets (equal to the
    // netuid while netuids are contiguous from 0).
    const pools = allSubnetNetuids(s).map((n) => alphaSharePool(s, delegate, n))
    const map = new Map<string, [Uint8Array, [number, bigint][]]>()
    for (const [nominator, netuid, share] of alphaIterSinglePrefix(s, delegate)) {
      if (share.isZero()) continue
      const pool = pools[netuid]
      if (!pool) continue
      const key = hex(nominator)
      if (!map.has(key)) map.set(key, [nominator, []])
      map.get(key)![1].push([netuid, pool.getValueFromShares(share)])
    }
    nominators.push(...[...map.values()].sort((a, b) => (hex(a[0]) < hex(b[0]) ? -1 : 1)))
  }
  const registrations: number[] = []
  for (const [netuid, member] of S.IsNetworkMember.iterPrefix(s, delegate)) if (member) registrations.push(netuid)
  const validatorPermits: number[] = []
  let emissionsPerDay = 0n
  for (const netuid of registrations) {
    const uid = S.Uids.get(s, netuid, delegate)
    if (uid === null) continue
    if (S.ValidatorPermit.get(s, netuid)[uid] ?? false) validatorPermits.push(netuid)
    const emission = fx(S.Emission.get(s, netuid)[uid] ?? 0n)
    const tempo = fx(S.Tempo.get(s, netuid))
    if (tempo > 0n) emissionsPerDay = F.saturatingAdd(U, emissionsPerDay, F.saturatingMul(U, emission, safeDiv(U, fx(7200), tempo)))
  }
  const take = S.Delegates.get(s, delegate)
  const totalStake = fx(getStakeForHotkeyOnSubnet(s, delegate, 0))
  return {
    delegate_ss58: delegate, take, nominators, owner_ss58: S.Owner.get(s, delegate),
    registrations, validator_permits: validatorPermits,
    return_per_1000: F.saturatingToU64(U, returnPer1000Tao(take, totalStake, emissionsPerDay)),
    total_daily_return: F.saturatingToU64(U, emissionsPerDay),
  }
}

export const getDelegate = (s: Store, delegate: Uint8Array): Info | null =>
  S.Delegates.contains(s, delegate) ? delegateInfo(s, delegate, false) : null

export const getDelegates = (s: Store): Info[] => [...S.Delegates.iterKeys(s)].map((d) => delegateInfo(s, d, false))

/** `get_delegated`: every (delegate, netuid) where the coldkey holds a share, nominators skipped. */
export function getDelegated(s: Store, delegatee: Uint8Array): [Info, [number, bigint]][] {
  const out: [Info, [number, bigint]][] = []
  for (const delegate of S.Delegates.iterKeys(s)) {
    for (const [netuid] of alphaIterPrefix(s, delegate, delegatee)) {
      out.push([delegateInfo(s, delegate, true), [netuid, getStakeForHotkeyAndColdkeyOnSubnet(s, delegate, delegatee, netuid)]])
    }
  }
  return out
}

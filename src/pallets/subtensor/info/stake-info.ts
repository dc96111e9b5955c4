// rpc_info/stake_info.rs: a coldkey's stake rows (StakeInfo), what of it is free to leave
// (StakeAvailability), the stake fee estimate, and the lock/conviction reads of staking/lock.rs.
import { bool, compact, composite, f, u16, u64, type Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { allSubnetNetuids } from '../staking/helpers.js'
import { totalColdkeyAlphaOnSubnet } from '../staking/lock.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from '../staking/stake-utils.js'
import { SubtensorStorage as S } from '../storage.js'
import { AccountId } from '../types.js'
import { ifSubnetExist } from '../utils/misc.js'

const c64 = compact(u64)
export const StakeInfo: Ty = composite('pallet_subtensor::rpc_info::stake_info::StakeInfo', [
  f('hotkey', AccountId, 'AccountId'), f('coldkey', AccountId, 'AccountId'), f('netuid', compact(u16), 'Compact<NetUid>'),
  f('stake', c64, 'Compact<AlphaBalance>'), f('locked', c64, 'Compact<u64>'), f('emission', c64, 'Compact<AlphaBalance>'),
  f('tao_emission', c64, 'Compact<TaoBalance>'), f('drain', c64, 'Compact<u64>'), f('is_registered', bool, 'bool'),
], { params: [{ name: 'AccountId', type: AccountId }] })
export const StakeAvailability: Ty = composite('pallet_subtensor::rpc_info::stake_info::StakeAvailability', [
  f('total', c64, 'Compact<AlphaBalance>'), f('locked', c64, 'Compact<AlphaBalance>'), f('available', c64, 'Compact<AlphaBalance>'),
])

type Row = Record<string, unknown>
const row = (s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, alpha: bigint): Row => ({
  hotkey, coldkey, netuid, stake: alpha, locked: 0n,
  emission: S.AlphaDividendsPerSubnet.get(s, netuid, hotkey),
  tao_emission: 0n, drain: 0n,
  is_registered: S.Uids.contains(s, netuid, hotkey),
})

/** `_get_stake_info_for_coldkeys`: per coldkey, every non-zero (hotkey, netuid), subnets outermost. */
export function stakeInfoForColdkeys(s: Store, coldkeys: Uint8Array[]): [Uint8Array, Row[]][] {
  const netuids = allSubnetNetuids(s)
  return coldkeys.map((coldkey) => {
    const hotkeys = S.StakingHotkeys.get(s, coldkey)
    const rows: Row[] = []
    for (const netuid of netuids) {
      for (const hotkey of hotkeys) {
        const alpha = getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
        if (alpha !== 0n) rows.push(row(s, hotkey, coldkey, netuid, alpha))
      }
    }
    return [coldkey, rows]
  })
}

export const stakeInfoForColdkey = (s: Store, coldkey: Uint8Array): Row[] => stakeInfoForColdkeys(s, [coldkey])[0]![1]

/** `get_stake_info_for_hotkey_coldkey_netuid`: always Some, zero stake included. */
export const stakeInfoForHotkeyColdkeyNetuid = (s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): Row =>
  row(s, hotkey, coldkey, netuid, getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid))

const cmpBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * `get_stake_availability_for_coldkeys`: BTreeMap coldkey → netuid → (total, locked, available).
 * No lock can exist on this chain (lock_stake is not built), so locked is 0 and available = total.
 */
export function stakeAvailabilityForColdkeys(s: Store, coldkeys: Uint8Array[], netuids: number[] | null): [Uint8Array, [number, Row][]][] {
  if (coldkeys.length === 0) return []
  const existing = allSubnetNetuids(s)
  let list = existing
  let empty = false
  if (netuids !== null) {
    const requested = [...new Set(netuids)].sort((a, b) => a - b)
    if (requested.length === 0 || requested.length > existing.length) empty = true
    list = requested.filter((n) => ifSubnetExist(s, n))
  }
  const byColdkey = new Map<string, [Uint8Array, [number, Row][]]>()
  for (const coldkey of coldkeys) {
    const entries: [number, Row][] = []
    if (!empty) {
      for (const netuid of list) {
        const total = totalColdkeyAlphaOnSubnet(s, coldkey, netuid)
        if (total !== 0n) entries.push([netuid, { total, locked: 0n, available: total }])
      }
      entries.sort((a, b) => a[0] - b[0])
    }
    // a later duplicate coldkey replaces the earlier (BTreeMap collect)
    byColdkey.set(Buffer.from(coldkey).toString('hex'), [coldkey, entries])
  }
  return [...byColdkey.values()].sort((a, b) => cmpBytes(a[0], b[0]))
}

const sameEndpoint = (a: [Uint8Array, number] | null, b: [Uint8Array, number] | null): boolean =>
  a === null || b === null ? a === b : a[1] === b[1] && cmpBytes(a[0], b[0]) === 0

/** `get_stake_fee`: nothing when origin = destination, else the swap's approximate fee. */
export function stakeFee(s: Store, origin: [Uint8Array, number] | null, destination: [Uint8Array, number] | null, amount: bigint): bigint {
  if (sameEndpoint(origin, destination)) return 0n
  const netuid = (destination ?? origin)?.[1] ?? 0
  return swapInterface().approxFeeAmount(s, netuid, amount)
}

/** `get_coldkey_lock`: None without a Lock row (the only state this chain can reach). */
export function coldkeyLock(s: Store, coldkey: Uint8Array, netuid: number): null {
  for (const _ of S.Lock.iterPrefix(s, coldkey, netuid)) throw new Error('conviction locks are not built: a Lock row cannot be rolled forward')
  return null
}

/** `hotkey_conviction` (U64F64 bits): 0 while no hotkey or owner lock exists. */
export function hotkeyConviction(s: Store, hotkey: Uint8Array, netuid: number): bigint {
  const locks = [S.HotkeyLock.get(s, netuid, hotkey), S.DecayingHotkeyLock.get(s, netuid, hotkey), S.OwnerLock.get(s, netuid), S.DecayingOwnerLock.get(s, netuid)]
  if (locks.some((l) => l !== null)) throw new Error('conviction locks are not built: a lock cannot be rolled forward')
  return 0n
}

/** `subnet_king`: the most convicted hotkey — none while no hotkey lock exists. */
export function mostConvictedHotkey(s: Store, netuid: number): Uint8Array | null {
  for (const _ of S.HotkeyLock.iterPrefix(s, netuid)) throw new Error('conviction locks are not built')
  for (const _ of S.DecayingHotkeyLock.iterPrefix(s, netuid)) throw new Error('conviction locks are not built')
  if (S.OwnerLock.get(s, netuid) !== null || S.DecayingOwnerLock.get(s, netuid) !== null) throw new Error('conviction locks are not built')
  return null
}

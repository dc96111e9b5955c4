// staking/helpers.rs: delegates, the hotkey/coldkey relation, and the iterators over stake rows
// that merge the deprecated Alpha map with AlphaV2 (AlphaV2 wins where both hold a key).
import type { Store } from '../../../frame/declare/storage.js'
import * as F from '../../../primitives/fixed/index.js'
import { SafeFloat } from '../../../primitives/share-pool/index.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { SubtensorStorage as S } from '../storage.js'
import { getStakeForHotkeyAndColdkeyOnSubnet, getStakeForHotkeyOnSubnet, safeFloatOf } from './stake-utils.js'

/** `get_all_subnet_netuids`: NetworksAdded's keys in storage order, root included. */
export const allSubnetNetuids = (s: Store): number[] => [...S.NetworksAdded.iterKeys(s)]

export const hotkeyIsDelegate = (s: Store, hotkey: Uint8Array): boolean => S.Delegates.contains(s, hotkey)
export const delegateHotkey = (s: Store, hotkey: Uint8Array, take: number): void => S.Delegates.set(s, hotkey, take)
export const getHotkeyTake = (s: Store, hotkey: Uint8Array): number => S.Delegates.get(s, hotkey)
export const hotkeyAccountExists = (s: Store, hotkey: Uint8Array): boolean => S.Owner.contains(s, hotkey)

/** `maybe_become_delegate`: a hotkey that stakes becomes a delegate at its (default) take. */
export function maybeBecomeDelegate(s: Store, hotkey: Uint8Array): void {
  if (!hotkeyIsDelegate(s, hotkey)) delegateHotkey(s, hotkey, getHotkeyTake(s, hotkey))
}

const cmpBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

export type AlphaRow = [hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, share: SafeFloat]

/** `alpha_iter`: every stake row, ordered as the chain's BTreeMap of (hotkey, coldkey, netuid). */
export function alphaIter(s: Store): AlphaRow[] {
  const merged = new Map<string, AlphaRow>()
  for (const [[h, c, n], v] of S.Alpha.iter(s)) merged.set(`${hex(h)}${hex(c)}${n}`, [h, c, n, SafeFloat.fromU64F64(v.bits)])
  for (const [[h, c, n], v] of S.AlphaV2.iter(s)) merged.set(`${hex(h)}${hex(c)}${n}`, [h, c, n, safeFloatOf(v)])
  return [...merged.values()].sort((a, b) => cmpBytes(a[0], b[0]) || cmpBytes(a[1], b[1]) || a[2] - b[2])
}

/** `alpha_iter_prefix((hotkey, coldkey))`: the netuids with a non-zero share, ascending. */
export function alphaIterPrefix(s: Store, hotkey: Uint8Array, coldkey: Uint8Array): [number, SafeFloat][] {
  const merged = new Map<number, SafeFloat>()
  for (const [[, , n], v] of S.Alpha.iterPrefix(s, hotkey, coldkey)) merged.set(n, SafeFloat.fromU64F64(v.bits))
  for (const [[, , n], v] of S.AlphaV2.iterPrefix(s, hotkey, coldkey)) merged.set(n, safeFloatOf(v))
  return [...merged].filter(([, f]) => !f.isZero()).sort((a, b) => a[0] - b[0])
}

/** `alpha_iter_single_prefix(hotkey)`: (coldkey, netuid, share) ordered by coldkey then netuid. */
export function alphaIterSinglePrefix(s: Store, hotkey: Uint8Array): [Uint8Array, number, SafeFloat][] {
  const merged = new Map<string, [Uint8Array, number, SafeFloat]>()
  for (const [[, c, n], v] of S.Alpha.iterPrefix(s, hotkey)) merged.set(`${hex(c)}${n}`, [c, n, SafeFloat.fromU64F64(v.bits)])
  for (const [[, c, n], v] of S.AlphaV2.iterPrefix(s, hotkey)) merged.set(`${hex(c)}${n}`, [c, n, safeFloatOf(v)])
  return [...merged.values()].sort((a, b) => cmpBytes(a[0], b[0]) || a[1] - b[1])
}

/** `get_total_stake_for_hotkey`: Σ over subnets of alpha × spot price, in U64F64, floored. */
export function getTotalStakeForHotkey(s: Store, hotkey: Uint8Array): bigint {
  const U = F.U64F64
  let sum = 0n
  for (const netuid of allSubnetNetuids(s)) {
    const alpha = F.saturatingFromInt(U, getStakeForHotkeyOnSubnet(s, hotkey, netuid))
    sum = F.saturatingAdd(U, sum, F.saturatingMul(U, alpha, swapInterface().currentAlphaPrice(s, netuid)))
  }
  return F.saturatingToU64(U, sum)
}

/** The TAO a sale of this alpha would pay, fee added back at the spot price (helpers.rs's per-row value). */
function taoValueOfAlpha(s: Store, netuid: number, alpha: bigint): bigint {
  try {
    const r = swapInterface().simSwap(s, netuid, { kind: 'GetTaoForAlpha', amount: alpha })
    const fee = F.saturatingToU64(F.U64F64, F.saturatingMul(F.U64F64, F.saturatingFromInt(F.U64F64, r.feePaid), swapInterface().currentAlphaPrice(s, netuid)))
    return r.amountPaidOut + fee
  } catch {
    return 0n
  }
}

/** `get_total_stake_for_coldkey`: every (hotkey, netuid) row of the coldkey valued by a simulated sale. */
export function getTotalStakeForColdkey(s: Store, coldkey: Uint8Array, onlyNetuid: number | null = null): bigint {
  let sum = 0n
  for (const hotkey of S.StakingHotkeys.get(s, coldkey)) {
    for (const [netuid] of alphaIterPrefix(s, hotkey, coldkey)) {
      if (onlyNetuid !== null && netuid !== onlyNetuid) continue
      sum += taoValueOfAlpha(s, netuid, getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid))
    }
  }
  return sum > F.U64_MAX ? F.U64_MAX : sum
}

/** `get_total_stake_for_coldkey_on_subnet`. */
export const getTotalStakeForColdkeyOnSubnet = (s: Store, coldkey: Uint8Array, netuid: number): bigint =>
  getTotalStakeForColdkey(s, coldkey, netuid)

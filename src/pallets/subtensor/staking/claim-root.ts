// staking/claim_root.rs, the bookkeeping root stake changes carry: RootClaimed follows a root
// staker's share of what its hotkey has made claimable, and StakingColdkeys indexes the
// coldkeys that hold root stake (for the auto-claim sweep).
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from './stake-utils.js'

const U128_MAX = (1n << 128n) - 1n
/** claimable_rate × amount in I96F32, to u128 (saturating, negative → 0). */
const claimedFor = (rate: bigint, amount: bigint): bigint => {
  const v = F.saturatingMul(F.I96F32, rate, F.saturatingFromInt(F.I96F32, amount)) >> 32n
  return v < 0n ? 0n : v > U128_MAX ? U128_MAX : v
}

/** `add_stake_adjust_root_claimed_for_hotkey_and_coldkey`. */
export function addStakeAdjustRootClaimed(s: Store, hotkey: Uint8Array, coldkey: Uint8Array, amount: bigint): void {
  for (const [netuid, rate] of S.RootClaimable.get(s, hotkey)) {
    const claimed = S.RootClaimed.get(s, netuid, hotkey, coldkey)
    const next = claimed + claimedFor(rate.bits, amount)
    S.RootClaimed.set(s, [netuid, hotkey, coldkey], next > U128_MAX ? U128_MAX : next)
  }
}

/** `remove_stake_adjust_root_claimed_for_hotkey_and_coldkey` (root's own entry skipped). */
export function removeStakeAdjustRootClaimed(s: Store, hotkey: Uint8Array, coldkey: Uint8Array, amount: bigint): void {
  for (const [netuid, rate] of S.RootClaimable.get(s, hotkey)) {
    if (netuid === 0) continue
    const claimed = S.RootClaimed.get(s, netuid, hotkey, coldkey)
    const d = claimedFor(rate.bits, amount)
    S.RootClaimed.set(s, [netuid, hotkey, coldkey], claimed > d ? claimed - d : 0n)
  }
}

/** `maybe_add_coldkey_index`. */
export function maybeAddColdkeyIndex(s: Store, coldkey: Uint8Array): void {
  if (S.StakingColdkeys.contains(s, coldkey)) return
  const n = S.NumStakingColdkeys.get(s)
  S.StakingColdkeysByIndex.set(s, n, coldkey)
  S.StakingColdkeys.set(s, coldkey, n)
  S.NumStakingColdkeys.set(s, n + 1n)
}

/** `coldkey_has_root_stake`. */
export const coldkeyHasRootStake = (s: Store, coldkey: Uint8Array): boolean =>
  S.StakingHotkeys.get(s, coldkey).some((hk) => getStakeForHotkeyAndColdkeyOnSubnet(s, hk, coldkey, 0) !== 0n)

/** `maybe_remove_coldkey_index`: the last index moves into the freed slot. */
export function maybeRemoveColdkeyIndex(s: Store, coldkey: Uint8Array): void {
  const idx = S.StakingColdkeys.get(s, coldkey)
  if (idx === null) return
  S.StakingColdkeys.remove(s, coldkey)
  const n = S.NumStakingColdkeys.get(s)
  const last = n > 0n ? n - 1n : 0n
  const moved = idx !== last ? S.StakingColdkeysByIndex.get(s, last) : null
  if (moved !== null) {
    S.StakingColdkeysByIndex.remove(s, last)
    S.StakingColdkeysByIndex.set(s, idx, moved)
    S.StakingColdkeys.set(s, moved, idx)
  } else {
    S.StakingColdkeysByIndex.remove(s, idx)
  }
  S.NumStakingColdkeys.set(s, last)
}

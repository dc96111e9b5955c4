// staking/lock.rs, the part every stake path runs: how much of a coldkey's alpha on a subnet is
// free to leave it. Conviction locks are created only by `lock_stake` (not built here: it answers
// CallDisabled), so a Lock row cannot exist in this chain's state; should one appear (a state
// imported from elsewhere), the paths that would have to roll it forward refuse with CallDisabled
// rather than ignore it.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { getStakeForHotkeyAndColdkeyOnSubnet } from './stake-utils.js'

const hasLock = (s: Store, coldkey: Uint8Array, netuid: number): boolean => {
  for (const _ of S.Lock.iterPrefix(s, coldkey, netuid)) return true
  return false
}
function ensureNoLock(s: Store, coldkey: Uint8Array, netuid: number): void {
  if (hasLock(s, coldkey, netuid)) throw E.CallDisabled()
}

/** `total_coldkey_alpha_on_subnet`: Σ over the coldkey's StakingHotkeys. */
export function totalColdkeyAlphaOnSubnet(s: Store, coldkey: Uint8Array, netuid: number): bigint {
  const U64_MAX = (1n << 64n) - 1n
  let sum = 0n
  for (const hotkey of S.StakingHotkeys.get(s, coldkey)) sum += getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
  return sum > U64_MAX ? U64_MAX : sum
}

/** `ensure_available_to_unstake`: total − locked ≥ amount, else StakeUnavailable. */
export function ensureAvailableToUnstake(s: Store, coldkey: Uint8Array, netuid: number, amount: bigint): void {
  ensureNoLock(s, coldkey, netuid)
  if (totalColdkeyAlphaOnSubnet(s, coldkey, netuid) < amount) throw E.StakeUnavailable()
}

/** `transfer_lock`: nothing to carry over without a lock on the origin coldkey. */
export function transferLock(s: Store, origin: Uint8Array, destination: Uint8Array, netuid: number, amount: bigint): void {
  if (amountOrSame(origin, destination, amount)) return
  ensureNoLock(s, origin, netuid)
}
const amountOrSame = (a: Uint8Array, b: Uint8Array, amount: bigint): boolean =>
  amount === 0n || (a.length === b.length && a.every((x, i) => x === b[i]))

/** `cleanup_lock_if_zero` / `force_reduce_lock`: only a present lock is rolled forward. */
export function cleanupLockIfZero(s: Store, coldkey: Uint8Array, netuid: number): void {
  ensureNoLock(s, coldkey, netuid)
}
export function forceReduceLock(s: Store, coldkey: Uint8Array, netuid: number, _amount: bigint): void {
  ensureNoLock(s, coldkey, netuid)
}

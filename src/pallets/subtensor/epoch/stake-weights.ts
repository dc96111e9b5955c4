// The stake weights the epoch and set_weights read (staking/stake_utils.rs, via the stake
// ledger): inherited alpha + TaoWeight × inherited root stake, I64F64.
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { getAlphaAndTaoInheritedForHotkeyOnSubnet, getInheritedForHotkeyOnSubnet, getStakeWeightsForHotkeyOnSubnet, getTaoWeight } from '../staking/stake-utils.js'
import { SubtensorStorage as S } from '../storage.js'

/**
 * `get_stake_weights_for_network`'s totals (I64F64 bits; 0 for an empty slot), from the Keys rows
 * (hotkey, uid) the epoch has already read (and SubnetworkN, `n`, when it has); the root part is
 * skipped when TaoWeight is 0 (it adds 0).
 */
export function stakeWeightsForNetwork(s: Store, netuid: number, keyed: ReadonlyArray<readonly [Uint8Array, number]>, n: number = S.SubnetworkN.get(s, netuid)): bigint[] {
  const I = F.I64F64
  const tw = F.saturatingFromFixed(I, F.U96F32, getTaoWeight(s))
  const out: bigint[] = new Array<bigint>(n).fill(0n)
  for (const [hk, uid] of keyed) {
    if (uid >= n) continue
    if (tw === 0n) { out[uid] = F.saturatingFromInt(I, getInheritedForHotkeyOnSubnet(s, hk, netuid)); continue }
    const [alpha, tao] = getAlphaAndTaoInheritedForHotkeyOnSubnet(s, hk, netuid)
    out[uid] = F.saturatingAdd(I, F.saturatingFromInt(I, alpha), F.saturatingMul(I, F.saturatingFromInt(I, tao), tw))
  }
  return out
}

/** `get_owner_uid`: the uid of SubnetOwnerHotkey, if it is registered. */
export function ownerUid(s: Store, netuid: number): number | null {
  if (!S.SubnetOwnerHotkey.contains(s, netuid)) return null
  return S.Uids.get(s, netuid, S.SubnetOwnerHotkey.get(s, netuid))
}

/** `check_weights_min_stake`: the owner's hotkey passes; others need StakeThreshold. */
export function checkWeightsMinStake(s: Store, hotkey: Uint8Array, netuid: number): boolean {
  const owner = ownerUid(s, netuid)
  if (owner !== null && S.Uids.get(s, netuid, hotkey) === owner) return true
  return getStakeWeightsForHotkeyOnSubnet(s, hotkey, netuid)[0] >= S.StakeThreshold.get(s) << 64n
}

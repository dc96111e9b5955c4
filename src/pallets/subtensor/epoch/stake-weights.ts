// The stake weights the epoch and set_weights read (staking/stake_utils.rs, via the stake
// ledger): inherited alpha + TaoWeight × inherited root stake, I64F64.
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { getStakeWeightsForHotkeyOnSubnet, inheritedVia } from '../staking/stake-utils.js'
import type { EpochView } from './epoch-view.js'
import { SubtensorStorage as S } from '../storage.js'

/**
 * `get_stake_weights_for_network`'s totals (I64F64 bits; 0 for an empty slot) over the Keys rows
 * (hotkey, uid) and SubnetworkN of `view`, whose childkey edges and stakes it reads; the root part
 * is skipped when TaoWeight is 0 (it adds 0).
 */
export function stakeWeightsForNetwork(view: EpochView): bigint[] {
  const I = F.I64F64
  const { s, netuid, n } = view
  const tw = F.saturatingFromFixed(I, F.U96F32, view.tw)
  const out: bigint[] = new Array<bigint>(n).fill(0n)
  for (const [hk, uid] of view.keyed) {
    if (uid >= n) continue
    // (the root subnet's alpha is its own stake: root stake is not inherited)
    const children = view.children(hk)
    const parents = view.parents(hk)
    // Without childkey edges nothing moves: the inherited stake is the hotkey's own (a u64 is
    // exact in U96F32, so the chain's round trip through it gives it back).
    const own = children.length === 0 && parents.length === 0
    const alpha = netuid === 0 || own ? view.stake(hk, netuid) : inheritedVia(s, hk, children, parents, netuid, view)
    if (tw === 0n) { out[uid] = F.saturatingFromInt(I, alpha); continue }
    const tao = own ? view.stake(hk, 0) : inheritedVia(s, hk, children, parents, 0, view)
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

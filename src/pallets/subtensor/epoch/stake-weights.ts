// staking/stake_utils.rs, the read side the epoch and set_weights use: a hotkey's stake weight on a
// subnet = its inherited alpha + TaoWeight × its inherited root stake (I64F64). Inheritance moves
// the proportions given to child keys (u64 / u64::MAX, U96F32, floored to u64) from parent to child.
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'

const W = F.U96F32
const ROOT = 0
const U64_MAX_W = F.fromInt(W, F.U64_MAX)

/** `get_tao_weight`: TaoWeight / u64::MAX in U96F32 (safe_div). */
export function taoWeight(s: Store): bigint {
  return (F.fromInt(W, S.TaoWeight.get(s)) << W.frac) / U64_MAX_W
}

const proportion = (p: bigint): bigint => (F.fromInt(W, p) << W.frac) / U64_MAX_W

/** `get_stake_for_hotkey_on_subnet`: the hotkey's pool value on the subnet. */
export const stakeForHotkeyOnSubnet = (s: Store, hotkey: Uint8Array, netuid: number): bigint => S.TotalHotkeyAlpha.get(s, hotkey, netuid)

/**
 * `get_inherited_for_hotkey_on_subnet` (stakeOn = netuid) and
 * `get_tao_inherited_for_hotkey_on_subnet` (stakeOn = ROOT): own stake on `stakeOn`, less what the
 * child keys of `netuid` take, plus what the parents of `netuid` give.
 */
function inherited(s: Store, hotkey: Uint8Array, netuid: number, stakeOn: number): bigint {
  const initial = F.fromInt(W, stakeForHotkeyOnSubnet(s, hotkey, stakeOn))
  let toChildren = 0n
  let fromParents = 0n
  const parents = S.ParentKeys.get(s, hotkey, netuid)
  const children = S.ChildKeys.get(s, hotkey, netuid)
  for (const [p] of children) toChildren = F.saturatingAdd(W, toChildren, F.saturatingMul(W, initial, proportion(p)))
  for (const [p, parent] of parents) {
    const parentStake = F.fromInt(W, stakeForHotkeyOnSubnet(s, parent, stakeOn))
    fromParents = F.saturatingAdd(W, fromParents, F.saturatingMul(W, parentStake, proportion(p)))
  }
  return F.saturatingToU64(W, F.saturatingAdd(W, F.saturatingSub(W, initial, toChildren), fromParents))
}

export function inheritedForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number): bigint {
  if (netuid === ROOT) return stakeForHotkeyOnSubnet(s, hotkey, ROOT)
  return inherited(s, hotkey, netuid, netuid)
}

export const taoInheritedForHotkeyOnSubnet = (s: Store, hotkey: Uint8Array, netuid: number): bigint => inherited(s, hotkey, netuid, ROOT)

export interface StakeWeights { total: bigint; alpha: bigint; tao: bigint }

/** I64F64 bits: alpha + tao × tw, where tw is the U96F32 tao weight widened exactly. */
function combine(alpha: bigint, tao: bigint, tw64: bigint): StakeWeights {
  const a = alpha << 64n
  const t = tao << 64n
  const total = F.saturatingAdd(F.I64F64, a, F.saturatingMul(F.I64F64, t, tw64))
  return { total, alpha: a, tao: t }
}

const taoWeight64 = (s: Store): bigint => F.saturatingFromFixed(F.I64F64, W, taoWeight(s))

/** `get_stake_weights_for_hotkey_on_subnet` (I64F64 bits). */
export function stakeWeightsForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number): StakeWeights {
  return combine(inheritedForHotkeyOnSubnet(s, hotkey, netuid), taoInheritedForHotkeyOnSubnet(s, hotkey, netuid), taoWeight64(s))
}

/** `get_stake_weights_for_network`: per uid (0 for an empty slot), I64F64 totals. */
export function stakeWeightsForNetwork(s: Store, netuid: number): bigint[] {
  const n = S.SubnetworkN.get(s, netuid)
  const tw = taoWeight64(s)
  const out: bigint[] = new Array(n)
  for (let uid = 0; uid < n; uid++) {
    const hk = S.Keys.contains(s, netuid, uid) ? S.Keys.get(s, netuid, uid) : null
    out[uid] = hk === null ? 0n : combine(inheritedForHotkeyOnSubnet(s, hk, netuid), taoInheritedForHotkeyOnSubnet(s, hk, netuid), tw).total
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
  // total_stake (I64F64) >= I64F64::from(threshold u64)
  return stakeWeightsForHotkeyOnSubnet(s, hotkey, netuid).total >= S.StakeThreshold.get(s) << 64n
}

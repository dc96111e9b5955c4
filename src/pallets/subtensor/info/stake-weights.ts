// staking/stake_utils.rs' read side as the info APIs use it: `get_inherited_for_hotkey_on_subnet`,
// `get_tao_inherited_for_hotkey_on_subnet` (U96F32 child/parent shares) and
// `get_stake_weights_for_network` / `_for_hotkey_on_subnet` (I64F64, alpha + tao × TaoWeight).
// Pure reads of TotalHotkeyAlpha, ChildKeys, ParentKeys and TaoWeight.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'

const U = F.U96F32
const I = F.I64F64
const U64_MAX_U = F.saturatingFromInt(U, F.U64_MAX)

/** `proportion / u64::MAX` as U96F32. */
const share = (proportion: bigint): bigint => safeDiv(U, F.saturatingFromInt(U, proportion), U64_MAX_U)

/** initial − Σ initial × child share + Σ parent stake × parent share (U96F32), to u64. */
function inherited(s: Store, hotkey: Uint8Array, netuid: number, stakeNetuid: number): bigint {
  const initial = F.saturatingFromInt(U, S.TotalHotkeyAlpha.get(s, hotkey, stakeNetuid))
  let toChildren = 0n
  for (const [proportion] of S.ChildKeys.get(s, hotkey, netuid)) {
    toChildren = F.saturatingAdd(U, toChildren, F.saturatingMul(U, initial, share(proportion)))
  }
  let fromParents = 0n
  for (const [proportion, parent] of S.ParentKeys.get(s, hotkey, netuid)) {
    const parentStake = F.saturatingFromInt(U, S.TotalHotkeyAlpha.get(s, parent, stakeNetuid))
    fromParents = F.saturatingAdd(U, fromParents, F.saturatingMul(U, parentStake, share(proportion)))
  }
  return F.saturatingToU64(U, F.saturatingAdd(U, F.saturatingSub(U, initial, toChildren), fromParents))
}

/** `get_inherited_for_hotkey_on_subnet` (alpha; root stake is not shared). */
export function inheritedAlpha(s: Store, hotkey: Uint8Array, netuid: number): bigint {
  if (netuid === 0) return S.TotalHotkeyAlpha.get(s, hotkey, 0)
  return inherited(s, hotkey, netuid, netuid)
}

/** `get_tao_inherited_for_hotkey_on_subnet`: root stake shared along this subnet's child keys. */
export const inheritedTao = (s: Store, hotkey: Uint8Array, netuid: number): bigint => inherited(s, hotkey, netuid, 0)

/** `get_tao_weight` (U96F32) widened to I64F64 as the stake weights use it. */
function taoWeightI64F64(s: Store): bigint {
  const w = safeDiv(U, F.saturatingFromInt(U, S.TaoWeight.get(s)), U64_MAX_U)
  return F.saturatingFromFixed(I, U, w)
}

/** (total, alpha, tao) as I64F64 bits. */
export interface StakeWeights { total: bigint; alpha: bigint; tao: bigint }

function weigh(s: Store, hotkey: Uint8Array, netuid: number, taoWeight: bigint): StakeWeights {
  const alpha = F.saturatingFromInt(I, inheritedAlpha(s, hotkey, netuid))
  const tao = F.saturatingFromInt(I, inheritedTao(s, hotkey, netuid))
  return { total: F.saturatingAdd(I, alpha, F.saturatingMul(I, tao, taoWeight)), alpha, tao }
}

/** `get_stake_weights_for_hotkey_on_subnet`. */
export const stakeWeightsForHotkey = (s: Store, hotkey: Uint8Array, netuid: number): StakeWeights =>
  weigh(s, hotkey, netuid, taoWeightI64F64(s))

/** `get_stake_weights_for_network`: one entry per uid below SubnetworkN (0 where no key). */
export function stakeWeightsForNetwork(s: Store, netuid: number): StakeWeights[] {
  const w = taoWeightI64F64(s)
  const n = S.SubnetworkN.get(s, netuid)
  const out: StakeWeights[] = []
  for (let uid = 0; uid < n; uid++) {
    out.push(S.Keys.contains(s, netuid, uid) ? weigh(s, S.Keys.get(s, netuid, uid), netuid, w) : { total: 0n, alpha: 0n, tao: 0n })
  }
  return out
}

/** `fixed64_to_u64`: I64F64 → u64, floored and clamped. */
export const fixed64ToU64 = (x: bigint): bigint => F.saturatingToU64(I, x)

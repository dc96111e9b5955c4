// staking/stake_utils.rs, the ledger part: a hotkey's alpha on a subnet is a share pool whose
// value is TotalHotkeyAlpha and whose shares are per coldkey (AlphaV2, SafeFloat) over
// TotalHotkeySharesV2. The deprecated U64F64 maps (Alpha, TotalHotkeyShares) are still read
// first and migrated lazily on the first write, exactly as the chain does.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv } from '../../../primitives/safe-math/index.js'
import { SafeFloat, SharePool, type SharePoolDataOperations } from '../../../primitives/share-pool/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { equal } from '../subnets/uids.js'

const U64_MAX = F.U64_MAX
const W = F.U96F32
const satU64 = (v: bigint): bigint => (v < 0n ? 0n : v > U64_MAX ? U64_MAX : v)

type StoredFloat = { mantissa: bigint; exponent: bigint }
/** A stored SafeFloat is already normalised; `new` re-checks it. */
export const safeFloatOf = (v: StoredFloat): SafeFloat => SafeFloat.new(v.mantissa, v.exponent) ?? SafeFloat.zero()
const stored = (f: SafeFloat): StoredFloat => ({ mantissa: f.mantissa, exponent: f.exponent })

/**
 * `HotkeyAlphaSharePoolDataOperations`: the pool of one (hotkey, netuid), keyed by coldkey.
 * One SharePool operation reads the shared value, the denominator and a share several times (and
 * whether each still sits in its deprecated map); each is read from storage once per pool object
 * and kept, written through, as a read-back would decode it. So a pool object must not outlive
 * writes to its keys made around it: `alphaSharePool` makes a fresh one per operation.
 */
export class HotkeyAlphaSharePoolOps implements SharePoolDataOperations<Uint8Array> {
  private value: bigint | undefined
  private denominator: SafeFloat | undefined
  private v1Denominator: boolean | undefined
  /** The last coldkey whose share was read or written: its share (null: none) and whether it is in Alpha. */
  private shareKey: Uint8Array | undefined
  private share: SafeFloat | null = null
  private v1Share = false

  constructor(private readonly s: Store, private readonly hotkey: Uint8Array, private readonly netuid: number) {}

  getSharedValue(): bigint {
    return this.value ??= S.TotalHotkeyAlpha.get(this.s, this.hotkey, this.netuid)
  }

  getShare(coldkey: Uint8Array): SafeFloat {
    return this.tryGetShare(coldkey) ?? SafeFloat.zero()
  }

  tryGetShare(coldkey: Uint8Array): SafeFloat | null {
    if (this.shareKey !== undefined && equal(this.shareKey, coldkey)) return this.share
    const { s, hotkey, netuid } = this
    this.shareKey = coldkey
    this.v1Share = S.Alpha.contains(s, hotkey, coldkey, netuid)
    if (this.v1Share) this.share = SafeFloat.fromU64F64(S.Alpha.get(s, hotkey, coldkey, netuid).bits)
    else this.share = S.AlphaV2.contains(s, hotkey, coldkey, netuid) ? safeFloatOf(S.AlphaV2.get(s, hotkey, coldkey, netuid)) : null
    return this.share
  }

  getDenominator(): SafeFloat {
    if (this.denominator !== undefined) return this.denominator
    const { s, hotkey, netuid } = this
    this.v1Denominator = S.TotalHotkeyShares.contains(s, hotkey, netuid)
    this.denominator = this.v1Denominator
      ? SafeFloat.fromU64F64(S.TotalHotkeyShares.get(s, hotkey, netuid).bits)
      : safeFloatOf(S.TotalHotkeySharesV2.get(s, hotkey, netuid))
    return this.denominator
  }

  setSharedValue(value: bigint): void {
    if (value !== 0n) S.TotalHotkeyAlpha.set(this.s, this.hotkey, this.netuid, value)
    else S.TotalHotkeyAlpha.remove(this.s, this.hotkey, this.netuid)
    this.value = value
  }

  setShare(coldkey: Uint8Array, share: SafeFloat): void {
    const { s, hotkey, netuid } = this
    const known = this.shareKey !== undefined && equal(this.shareKey, coldkey)
    if (known ? this.v1Share : S.Alpha.contains(s, hotkey, coldkey, netuid)) S.Alpha.remove(s, hotkey, coldkey, netuid)
    if (!share.isZero()) S.AlphaV2.set(s, [hotkey, coldkey, netuid], stored(share))
    else S.AlphaV2.remove(s, hotkey, coldkey, netuid)
    this.shareKey = coldkey
    this.v1Share = false
    this.share = share.isZero() ? null : safeFloatOf(share)
  }

  setDenominator(update: SafeFloat): void {
    const { s, hotkey, netuid } = this
    if (this.v1Denominator ?? S.TotalHotkeyShares.contains(s, hotkey, netuid)) S.TotalHotkeyShares.remove(s, hotkey, netuid)
    if (!update.isZero()) S.TotalHotkeySharesV2.set(s, hotkey, netuid, stored(update))
    else S.TotalHotkeySharesV2.remove(s, hotkey, netuid)
    this.v1Denominator = false
    this.denominator = safeFloatOf(update)
  }
}

/** `get_alpha_share_pool`. */
export const alphaSharePool = (s: Store, hotkey: Uint8Array, netuid: number): SharePool<Uint8Array> =>
  new SharePool(new HotkeyAlphaSharePoolOps(s, hotkey, netuid))

/** `get_stake_for_hotkey_and_coldkey_on_subnet`: the coldkey's alpha through this hotkey. */
export function getStakeForHotkeyAndColdkeyOnSubnet(s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): bigint {
  return alphaSharePool(s, hotkey, netuid).tryGetValue(coldkey) ?? 0n
}

/** `get_stake_for_hotkey_on_subnet`: TotalHotkeyAlpha. */
export const getStakeForHotkeyOnSubnet = (s: Store, hotkey: Uint8Array, netuid: number): bigint =>
  S.TotalHotkeyAlpha.get(s, hotkey, netuid)

/**
 * `increase_stake_for_hotkey_on_subnet`: every nominator of the hotkey gains pro rata (emission).
 * `pool`: the hotkey's pool when the caller holds it (a payout's PayoutPools).
 */
export function increaseStakeForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number, amount: bigint, pool = alphaSharePool(s, hotkey, netuid)): void {
  pool.updateValueForAll(amount)
}

/** `decrease_stake_for_hotkey_on_subnet`. */
export function decreaseStakeForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number, amount: bigint): void {
  alphaSharePool(s, hotkey, netuid).updateValueForAll(-amount)
}

/** Appends the hotkey to the coldkey's StakingHotkeys if it is not there yet. */
export function addStakingHotkey(s: Store, coldkey: Uint8Array, hotkey: Uint8Array): void {
  const hotkeys = S.StakingHotkeys.get(s, coldkey)
  if (hotkeys.some((h) => equal(h, hotkey))) return
  hotkeys.push(hotkey)
  S.StakingHotkeys.set(s, coldkey, hotkeys)
}

/** `increase_stake_for_hotkey_and_coldkey_on_subnet`: buys shares at the pool's current value. */
export function increaseStakeForHotkeyAndColdkeyOnSubnet(s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, amount: bigint, pool = alphaSharePool(s, hotkey, netuid)): void {
  if (amount !== 0n) addStakingHotkey(s, coldkey, hotkey)
  pool.updateValueForOne(coldkey, amount)
}

/** `try_increase_stake_for_hotkey_and_coldkey_on_subnet`: would the amount buy any share at all. */
export function tryIncreaseStakeForHotkeyAndColdkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number, amount: bigint): boolean {
  return alphaSharePool(s, hotkey, netuid).simUpdateValueForOne(amount)
}

/** `decrease_stake_for_hotkey_and_coldkey_on_subnet`: sells shares; nothing when the stake is short. */
export function decreaseStakeForHotkeyAndColdkeyOnSubnet(s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, amount: bigint): void {
  const pool = alphaSharePool(s, hotkey, netuid)
  const value = pool.tryGetValue(coldkey)
  if (value !== null && value >= amount) pool.updateValueForOne(coldkey, -amount)
}

/** `calculate_reduced_stake_on_subnet`: the stake left after the decrement, or NotEnoughStakeToWithdraw. */
export function calculateReducedStakeOnSubnet(s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, decrement: bigint): bigint {
  const current = getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid)
  if (current < decrement) throw E.NotEnoughStakeToWithdraw()
  return current - decrement
}

/** `get_alpha_issuance`: SubnetAlphaIn + SubnetAlphaOut (u64 saturating). */
export const getAlphaIssuance = (s: Store, netuid: number): bigint =>
  satU64(S.SubnetAlphaIn.get(s, netuid) + S.SubnetAlphaOut.get(s, netuid))

// ---- the pool reserves and TotalStake (stake_utils.rs, helpers.rs) ----

export function increaseProvidedTaoReserve(s: Store, netuid: number, tao: bigint): void {
  if (tao !== 0n) S.SubnetTAO.mutate(s, netuid, (t) => satU64(t + tao))
}
export function decreaseProvidedTaoReserve(s: Store, netuid: number, tao: bigint): void {
  if (tao !== 0n) S.SubnetTAO.mutate(s, netuid, (t) => satU64(t - tao))
}
export function increaseProvidedAlphaReserve(s: Store, netuid: number, alpha: bigint): void {
  if (alpha !== 0n) S.SubnetAlphaIn.mutate(s, netuid, (a) => satU64(a + alpha))
}
export function decreaseProvidedAlphaReserve(s: Store, netuid: number, alpha: bigint): void {
  if (alpha !== 0n) S.SubnetAlphaIn.mutate(s, netuid, (a) => satU64(a - alpha))
}
export const increaseTotalStake = (s: Store, tao: bigint): void => S.TotalStake.set(s, satU64(S.TotalStake.get(s) + tao))
export const decreaseTotalStake = (s: Store, tao: bigint): void => S.TotalStake.set(s, satU64(S.TotalStake.get(s) - tao))

// ---- inherited stake through childkeys (the stake weights of the epoch) ----

/** `get_tao_weight` as U96F32 bits: TaoWeight / u64::MAX. */
export const getTaoWeight = (s: Store): bigint =>
  safeDiv(W, F.saturatingFromInt(W, S.TaoWeight.get(s)), F.saturatingFromInt(W, U64_MAX))

const normalizedProportion = (p: bigint): bigint => safeDiv(W, F.saturatingFromInt(W, p), F.saturatingFromInt(W, U64_MAX))

type Edges = ReadonlyArray<readonly [bigint, Uint8Array]>
/** TotalHotkeyAlpha(hotkey, netuid) from somewhere other than storage (a read already made). */
export interface StakeSource { stake(hotkey: Uint8Array, netuid: number): bigint }

/**
 * stake − what the children take + what the parents give, in U96F32 (own stake read on `stakeNet`).
 * `stakes`: TotalHotkeyAlpha as the caller has already read it (the epoch's view), else storage.
 */
export function inheritedVia(s: Store, hotkey: Uint8Array, children: Edges, parents: Edges, stakeNet: number, stakes?: StakeSource): bigint {
  const initial = F.saturatingFromInt(W, stakes ? stakes.stake(hotkey, stakeNet) : getStakeForHotkeyOnSubnet(s, hotkey, stakeNet))
  let toChildren = 0n
  for (const [proportion] of children) {
    toChildren = F.saturatingAdd(W, toChildren, F.saturatingMul(W, initial, normalizedProportion(proportion)))
  }
  let fromParents = 0n
  for (const [proportion, parent] of parents) {
    const parentStake = F.saturatingFromInt(W, stakes ? stakes.stake(parent, stakeNet) : getStakeForHotkeyOnSubnet(s, parent, stakeNet))
    fromParents = F.saturatingAdd(W, fromParents, F.saturatingMul(W, parentStake, normalizedProportion(proportion)))
  }
  return F.saturatingToU64(W, F.saturatingAdd(W, F.saturatingSub(W, initial, toChildren), fromParents))
}

const inherited = (s: Store, hotkey: Uint8Array, netuid: number, stakeNet: number): bigint =>
  inheritedVia(s, hotkey, S.ChildKeys.get(s, hotkey, netuid), S.ParentKeys.get(s, hotkey, netuid), stakeNet)

/** `get_inherited_for_hotkey_on_subnet` (alpha; root stake is not inherited). */
export function getInheritedForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number): bigint {
  if (netuid === 0) return getStakeForHotkeyOnSubnet(s, hotkey, 0)
  return inherited(s, hotkey, netuid, netuid)
}

/** `get_tao_inherited_for_hotkey_on_subnet`: root stake moved along this subnet's childkeys. */
export const getTaoInheritedForHotkeyOnSubnet = (s: Store, hotkey: Uint8Array, netuid: number): bigint =>
  inherited(s, hotkey, netuid, 0)

/** Both of the above, reading the hotkey's childkey edges once (the epoch's stake weights). */
export function getAlphaAndTaoInheritedForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number): [bigint, bigint] {
  const children = S.ChildKeys.get(s, hotkey, netuid)
  const parents = S.ParentKeys.get(s, hotkey, netuid)
  const alpha = netuid === 0 ? getStakeForHotkeyOnSubnet(s, hotkey, 0) : inheritedVia(s, hotkey, children, parents, netuid)
  return [alpha, inheritedVia(s, hotkey, children, parents, 0)]
}

/** `get_stake_weights_for_hotkey_on_subnet`: [total, alpha, tao] as I64F64 bits. */
export function getStakeWeightsForHotkeyOnSubnet(s: Store, hotkey: Uint8Array, netuid: number): [bigint, bigint, bigint] {
  const I = F.I64F64
  const taoWeight = F.saturatingFromFixed(I, W, getTaoWeight(s))
  const [a, t] = getAlphaAndTaoInheritedForHotkeyOnSubnet(s, hotkey, netuid)
  const alpha = F.saturatingFromInt(I, a)
  const tao = F.saturatingFromInt(I, t)
  return [F.saturatingAdd(I, alpha, F.saturatingMul(I, tao, taoWeight)), alpha, tao]
}

/** `get_stake_weights_for_network`: per uid [total], [alpha], [tao] as I64F64 bits (0 for a uid without key). */
export function getStakeWeightsForNetwork(s: Store, netuid: number): [bigint[], bigint[], bigint[]] {
  const n = S.SubnetworkN.get(s, netuid)
  const total: bigint[] = []
  const alpha: bigint[] = []
  const tao: bigint[] = []
  for (let uid = 0; uid < n; uid++) {
    if (!S.Keys.contains(s, netuid, uid)) { total.push(0n); alpha.push(0n); tao.push(0n); continue }
    const [t, a, r] = getStakeWeightsForHotkeyOnSubnet(s, S.Keys.get(s, netuid, uid), netuid)
    total.push(t); alpha.push(a); tao.push(r)
  }
  return [total, alpha, tao]
}

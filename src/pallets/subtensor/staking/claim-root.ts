// staking/claim_root.rs. Root dividends accrue per hotkey as a rate per unit of root stake
// (RootClaimable, written by distribute_emission); a coldkey's claim pays it rate × its root stake
// minus what it has already claimed (RootClaimed), either kept as alpha on the subnet or sold for
// TAO restaked on root (its RootClaimType). Claims come from `claim_root` and from block_step's
// sweep over a few indexed coldkeys (StakingColdkeysByIndex) chosen by the parent hash.
import type { CallCtx, ExecEnv } from '../../../frame/declare/pallet.js'
import { weight, type WeightValue, addWeight } from '../../../frame/primitives.js'
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { ensureRoot, ensureSigned, System } from '../../system/index.js'
import { DB_WEIGHT } from '../../system/limits.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { subnetAccountId } from '../subnets/network.js'
import { ensureSubnetOwnerOrRoot } from '../utils/rate-limiting.js'
import { minPrice, swapAlphaForTao } from './stake-pool.js'
import { getStakeForHotkeyAndColdkeyOnSubnet, increaseStakeForHotkeyAndColdkeyOnSubnet } from './stake-utils.js'
import { transferTaoFromSubnet } from './tao-transfer.js'

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

/** lib.rs: MAX_NUM_ROOT_CLAIMS, MAX_SUBNET_CLAIMS, MAX_ROOT_CLAIM_THRESHOLD. */
export const MAX_NUM_ROOT_CLAIMS = 50n
export const MAX_SUBNET_CLAIMS = 5
export const MAX_ROOT_CLAIM_THRESHOLD = 10_000_000n

const I = F.I96F32
const U64_MAX = (1n << 64n) - 1n
type RootClaimTypeValue = { type: string; value?: unknown }
const dbWeight = (reads: bigint, writes: bigint): WeightValue => weight(reads * DB_WEIGHT.read + writes * DB_WEIGHT.write, 0n)

/**
 * `block_hash_to_indices`: k steps through [0, n), each adding the next big-endian u64 of the
 * hash (cycling over its four words) to the last index; the distinct indices in ascending order.
 */
export function blockHashToIndices(blockHash: Uint8Array, k: bigint, n: bigint): bigint[] {
  // No coldkeys: every step lands on 0 (run every block on chains without root claims).
  if (n === 0n) return k > 0n ? [0n] : []
  const words = [hashWord(blockHash, 0), hashWord(blockHash, 8), hashWord(blockHash, 16), hashWord(blockHash, 24)]
  const indices = new Set<bigint>()
  let last = words[0]!
  for (let i = 0n; i < k; i++) {
    const step = words[Number(i % 4n)]!
    const sum = last + step > U64_MAX ? U64_MAX : last + step
    last = sum % n
    indices.add(last)
  }
  return [...indices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A hash for blockHashToIndices when it has no coldkeys to pick from (it then reads none). */
const NO_HASH = new Uint8Array(32)

/** The big-endian u64 at `at` in `hash` (missing bytes read as 0). */
function hashWord(hash: Uint8Array, at: number): bigint {
  let v = 0n
  for (let i = at; i < at + 8; i++) v = (v << 8n) | BigInt(hash[i] ?? 0)
  return v
}

const claimableRate = (s: Store, hotkey: Uint8Array, netuid: number): bigint =>
  S.RootClaimable.get(s, hotkey).find(([n]) => n === netuid)?.[1].bits ?? 0n

/** `get_root_claimable_for_hotkey_coldkey`: rate × the coldkey's root stake (I96F32). */
export const getRootClaimableForHotkeyColdkey = (s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): bigint =>
  F.saturatingMul(I, claimableRate(s, hotkey, netuid), F.saturatingFromInt(I, getStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, 0)))

/** `get_root_owed_for_hotkey_coldkey_float`: claimable less RootClaimed (I96F32, may be negative). */
export const getRootOwedForHotkeyColdkeyFloat = (s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): bigint =>
  F.saturatingSub(I, getRootClaimableForHotkeyColdkey(s, hotkey, coldkey, netuid), F.saturatingFromInt(I, S.RootClaimed.get(s, netuid, hotkey, coldkey)))

/** I96F32 → u64: negative → 0, saturating, fraction dropped. */
const owedToU64 = (owed: bigint): bigint => (owed < 0n ? 0n : F.saturatingToU64(I, owed))

/** `get_root_owed_for_hotkey_coldkey`. */
export const getRootOwedForHotkeyColdkey = (s: Store, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number): bigint =>
  owedToU64(getRootOwedForHotkeyColdkeyFloat(s, hotkey, coldkey, netuid))

const swapsOn = (type: RootClaimTypeValue, netuid: number): boolean => {
  if (type.type === 'Swap') return true
  if (type.type === 'Keep') return false
  return !((type.value as { subnets: number[] }).subnets.includes(netuid))
}

/**
 * `root_claim_on_subnet`: below the subnet's threshold (unless ignored) or nothing owed, a no-op.
 * Swap: the owed alpha is sold (fees dropped, no price limit), its TAO moves to root's account and
 * is staked on root (all inside one transaction). Keep: the alpha is staked on the subnet.
 */
export function rootClaimOnSubnet(s: Store, env: ExecEnv, hotkey: Uint8Array, coldkey: Uint8Array, netuid: number, type: RootClaimTypeValue, ignoreMinimum: boolean): void {
  const owed = getRootOwedForHotkeyColdkeyFloat(s, hotkey, coldkey, netuid)
  if (!ignoreMinimum && owed < S.RootClaimableThreshold.get(s, netuid).bits) return
  const owedU64 = owedToU64(owed)
  if (owedU64 === 0n) return
  if (swapsOn(type, netuid)) {
    s.transactional(() => {
      const r = swapAlphaForTao(s, netuid, owedU64, minPrice(), true)
      // get_subnet_account_id(ROOT) always exists, so RootNetworkDoesNotExist cannot arise here
      const paid = r.amountPaidOut
      transferTaoFromSubnet(s, env, netuid, subnetAccountId(0), paid)
      S.SubnetRootSellTao.mutate(s, netuid, (t) => (t + paid > U64_MAX ? U64_MAX : t + paid))
      // record_protocol_outflow
      S.SubnetProtocolFlow.mutate(s, netuid, (f) => { const v = f - paid; return v < -(1n << 63n) ? -(1n << 63n) : v })
      increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, 0, paid)
      S.SubnetTAO.mutate(s, 0, (t) => (t + paid > U64_MAX ? U64_MAX : t + paid))
      S.SubnetAlphaOut.mutate(s, 0, (t) => (t + paid > U64_MAX ? U64_MAX : t + paid))
      S.TotalStake.mutate(s, (t) => (t + paid > U64_MAX ? U64_MAX : t + paid))
      addStakeAdjustRootClaimed(s, hotkey, coldkey, paid)
    })
  } else {
    increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, netuid, owedU64)
  }
  const claimed = S.RootClaimed.get(s, netuid, hotkey, coldkey) + owedU64
  S.RootClaimed.set(s, [netuid, hotkey, coldkey], claimed > U128_MAX ? U128_MAX : claimed)
}

const ROOT_CLAIM_ON_SUBNET_WEIGHT = addWeight(weight(60_000_000n, 6987n), dbWeight(7n, 5n))

/** `root_claim_all`: every subnet the hotkey has a rate on (or only those in `subnets`). */
function rootClaimAll(s: Store, env: ExecEnv, hotkey: Uint8Array, coldkey: Uint8Array, subnets: number[] | null): WeightValue {
  let w = dbWeight(2n, 0n)
  const type = S.RootClaimType.get(s, coldkey)
  for (const [netuid] of S.RootClaimable.get(s, hotkey)) {
    if (subnets !== null && !subnets.includes(netuid)) continue
    rootClaimOnSubnet(s, env, hotkey, coldkey, netuid, type, false)
    w = addWeight(w, ROOT_CLAIM_ON_SUBNET_WEIGHT)
  }
  return w
}

/** `do_root_claim`: every staking hotkey of the coldkey, all or nothing; RootClaimed event. */
export function doRootClaim(s: Store, env: ExecEnv, coldkey: Uint8Array, subnets: number[] | null): WeightValue {
  return s.transactional(() => {
    let w = dbWeight(1n, 0n)
    for (const hotkey of S.StakingHotkeys.get(s, coldkey)) w = addWeight(addWeight(w, dbWeight(1n, 0n)), rootClaimAll(s, env, hotkey, coldkey, subnets))
    SubtensorEvents.RootClaimed.emit(env, { coldkey })
    return w
  })
}

/**
 * `run_auto_claim_root_divs` (block_step, last): NumRootClaim indexed coldkeys picked from the
 * parent hash claim everything; a failing claim is rolled back and the sweep goes on.
 */
export function runAutoClaimRootDivs(s: Store, env: ExecEnv): void {
  // (the parent hash, decoded afresh every block, only matters when there are coldkeys to pick)
  const coldkeys = S.NumStakingColdkeys.get(s)
  const indices = blockHashToIndices(coldkeys === 0n ? NO_HASH : System.ParentHash.get(s), S.NumRootClaim.get(s), coldkeys)
  for (const i of indices) {
    const coldkey = S.StakingColdkeysByIndex.get(s, i)
    if (coldkey === null) continue
    try { doRootClaim(s, env, coldkey, null) } catch { /* the chain logs and continues */ }
  }
}

implement('claim_root', (ctx: CallCtx, a) => {
  const coldkey = ensureSigned(ctx)
  const subnets = [...new Set(a.subnets)]
  if (subnets.length === 0) throw E.InvalidSubnetNumber()
  if (subnets.length > MAX_SUBNET_CLAIMS) throw E.InvalidSubnetNumber()
  maybeAddColdkeyIndex(ctx.s, coldkey)
  return { actualWeight: doRootClaim(ctx.s, ctx.env, coldkey, subnets), paysFee: 'Yes' }
})

implement('set_root_claim_type', (ctx: CallCtx, a) => {
  const coldkey = ensureSigned(ctx)
  const type = a.new_root_claim_type
  if (type.type === 'KeepSubnets' && (type.value as { subnets: number[] }).subnets.length === 0) throw E.InvalidSubnetNumber()
  maybeAddColdkeyIndex(ctx.s, coldkey)
  S.RootClaimType.set(ctx.s, coldkey, type)
  SubtensorEvents.RootClaimTypeSet.emit(ctx.env, { coldkey, root_claim_type: type })
})

implement('sudo_set_num_root_claims', (ctx: CallCtx, a) => {
  ensureRoot(ctx)
  if (a.new_value > MAX_NUM_ROOT_CLAIMS) throw E.InvalidNumRootClaim()
  S.NumRootClaim.set(ctx.s, a.new_value)
})

implement('sudo_set_root_claim_threshold', (ctx: CallCtx, a) => {
  ensureSubnetOwnerOrRoot(ctx, a.netuid)
  if (a.new_value > MAX_ROOT_CLAIM_THRESHOLD) throw E.InvalidRootClaimThreshold()
  S.RootClaimableThreshold.set(ctx.s, a.netuid, { bits: F.saturatingFromInt(I, a.new_value) })
})

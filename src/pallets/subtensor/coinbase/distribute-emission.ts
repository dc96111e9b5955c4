// coinbase/run_coinbase.rs, paying out one subnet's epoch (`distribute_emission`): the epoch over
// all mechanisms on the drained server + validator + root alpha, the parent/child split of each
// validator's dividend, the alpha/root split, then in order the owner cut, miner incentives
// (owner hotkeys' withheld and burned or recycled), alpha dividends and root dividends.
// All fractional values are U96F32 (bits), floored where the chain floors.
import * as F from '../../../primitives/fixed/index.js'
import type { ExecEnv } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { keyString } from '../../../storage/kv.js'
import { keptKeyString } from '../../../storage/kept-key-string.js'
import { HeldEvents } from '../../system/held-events.js'
import { drainPending } from './epoch-schedule.js'
import { PayoutBlock } from './payout-block.js'
import { SubtensorEvents } from '../macros/events.js'
import { EpochView } from '../epoch/epoch-view.js'
import { getTaoWeight, increaseStakeForHotkeyOnSubnet } from '../staking/stake-utils.js'
import { PayoutPools } from '../staking/payout-pools.js'
import { SubtensorStorage as S } from '../storage.js'
import { epochWithMechanisms } from '../subnets/mechanism.js'
import { equal } from '../subnets/uids.js'
import { insertBitsIfChanged } from '../utils/store-changed.js'

const W = F.U96F32
const I = F.I96F32
const ROOT = 0
type Env = Pick<ExecEnv, 'depositEvent'>
const fromU64 = (v: bigint): bigint => F.saturatingFromInt(W, v)
const floorU64 = (bits: bigint): bigint => F.saturatingToU64(W, bits)
const checkedDivOr0 = (a: bigint, b: bigint): bigint => F.checkedDiv(W, a, b) ?? 0n
const safeDiv = (a: bigint, b: bigint): bigint => (b === 0n ? 0n : F.checkedDiv(W, a, b) ?? 0n)
const ckBurn = (s: Store): bigint => safeDiv(fromU64(S.CKBurn.get(s)), fromU64(F.U64_MAX))
const proportion = (p: bigint): bigint => safeDiv(fromU64(p), fromU64(F.U64_MAX))

/** A BTreeMap<AccountId, V> stand-in: insertion by key, iteration in byte order. */
export class AccountMap<V> {
  // Keyed by the latin1 string of the account's bytes, whose order is the bytes' order. A payout's
  // maps mostly hold one or two hotkeys: up to MAP_FROM entries they are looked up in a list, a Map
  // is made only beyond (a Map per payout step is the bulk of a tiny subnet's payout garbage).
  private readonly keys: string[] = []
  private readonly rows: Array<[Uint8Array, V]> = []
  private index: Map<string, number> | null = null
  /** entries() as last sorted, until the next set. */
  private sorted: Array<[Uint8Array, V]> | null = null
  get(k: Uint8Array): V | undefined {
    const i = this.at(keptKeyString(k))
    return i < 0 ? undefined : this.rows[i]![1]
  }
  set(k: Uint8Array, v: V): void {
    const ks = keptKeyString(k)
    const i = this.at(ks)
    this.sorted = null
    if (i >= 0) { this.rows[i] = [k, v]; return }
    this.keys.push(ks)
    this.rows.push([k, v])
    if (this.index !== null) this.index.set(ks, this.rows.length - 1)
    else if (this.keys.length > MAP_FROM) this.index = new Map(this.keys.map((x, j) => [x, j]))
  }
  /** The entries in key order (a list of its own; the caller does not change it). */
  entries(): Array<[Uint8Array, V]> {
    if (this.sorted !== null) return this.sorted
    const { keys, rows } = this
    if (rows.length <= 1) return this.sorted = rows.slice()
    const order = keys.map((_, j) => j).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0))
    return this.sorted = order.map((j) => rows[j]!)
  }
  private at(ks: string): number {
    return this.index !== null ? this.index.get(ks) ?? -1 : this.keys.indexOf(ks)
  }
}
const MAP_FROM = 16

/** `recycle_subnet_alpha`: out of SubnetAlphaOut (the alpha-assets ledger is not modelled). */
export function recycleSubnetAlpha(s: Store, netuid: number, amount: bigint): void {
  if (amount === 0n) return
  S.SubnetAlphaOut.mutate(s, netuid, (v) => (v > amount ? v - amount : 0n))
}

/**
 * What one subnet's payout reads again and again: through the epoch's view of the subnet, each
 * hotkey's childkey edges and root stake (nothing in the payout writes them: it stakes on the
 * subnet, never on root); through the block's payouts, owners, takes and RootClaimable; and the
 * subnet's alpha pools, through which every stake read and increment of the payout goes (first
 * read from the view: the epoch read them already).
 */
class Payout {
  readonly pools: PayoutPools
  readonly s: Store
  readonly netuid: number
  /** Whether this payout made `block` (and writes it back at its end) rather than the block's caller. */
  readonly ownsBlock: boolean
  readonly block: PayoutBlock

  /** `tw`: TaoWeight (U96F32), the view's unless the caller gives another. */
  constructor(readonly view: EpochView, readonly tw: bigint = view.tw, block?: PayoutBlock) {
    this.s = view.s
    this.netuid = view.netuid
    this.ownsBlock = block === undefined
    this.block = block ?? new PayoutBlock(view.s)
    const payouts = this.block
    this.pools = new PayoutPools(view.s, view.netuid, view, (hotkey) => payouts.holdsV1(hotkey))
  }

  owner(hotkey: Uint8Array): Uint8Array { return this.block.owner(hotkey) }

  /** `get_hotkey_take` as a proportion. */
  take(hotkey: Uint8Array): bigint { return this.block.take(hotkey) }

  /** `get_stake_for_hotkey_on_subnet(hotkey, ROOT)`. */
  rootStake(hotkey: Uint8Array): bigint {
    return this.netuid === ROOT ? this.pools.stake(hotkey) : this.view.stake(hotkey, ROOT)
  }

  stake(hotkey: Uint8Array): bigint { return this.pools.stake(hotkey) }

  /** `increase_stake_for_hotkey_and_coldkey_on_subnet` on this subnet. */
  increaseStake(hotkey: Uint8Array, coldkey: Uint8Array, amount: bigint): void {
    if (amount !== 0n) this.block.ensureStakingHotkey(coldkey, hotkey)
    this.pools.pool(hotkey).updateValueForOne(coldkey, amount)
  }
}

/** `get_childkey_take`: the hotkey's take, at least the effective minimum. */
function childkeyTake(s: Store, hotkey: Uint8Array, netuid: number): number {
  const min = Math.max(S.MinChildkeyTake.get(s), S.MinChildkeyTakePerSubnet.get(s, netuid) ?? 0)
  return Math.max(S.ChildkeyTake.get(s, hotkey, netuid) ?? 0, min)
}

/** `get_self_contribution`: own alpha and TaoWeight × root stake, less what the child keys take, floored. */
function selfContribution(p: Payout, hotkey: Uint8Array): bigint {
  let remaining = F.fromInt(W, 1)
  for (const [prop] of p.view.children(hotkey)) remaining = F.saturatingSub(W, remaining, proportion(prop))
  const root = fromU64(p.rootStake(hotkey))
  const alpha = fromU64(p.stake(hotkey))
  return floorU64(F.saturatingAdd(W, F.saturatingMul(W, alpha, remaining), F.saturatingMul(W, F.saturatingMul(W, root, remaining), p.tw)))
}

/**
 * `get_parent_child_dividends_distribution`: the validator's dividend shared with its parents by
 * contribution. Without parents all of it stays with the hotkey (what the general computation
 * gives then: the remainder is the whole dividend, and nothing is taken), so only a hotkey with
 * parents reads the contributions, takes and burn.
 */
function parentChildDividendsOn(p: Payout, hotkey: Uint8Array, dividend: bigint): Array<[Uint8Array, bigint]> {
  const { s, netuid, tw } = p
  const parents = p.view.parents(hotkey)
  if (parents.length === 0) return [[hotkey, dividend]]
  const out: Array<[Uint8Array, bigint]> = []
  const validating = fromU64(dividend)
  let remaining = validating
  const burnProp = ckBurn(s)
  const takeProp = safeDiv(fromU64(BigInt(childkeyTake(s, hotkey, netuid))), fromU64(0xffffn))
  const childOwner = p.owner(hotkey)
  let totalTake = 0n
  let total = fromU64(selfContribution(p, hotkey))
  const contributions: Array<[Uint8Array, bigint]> = []
  for (const [prop, parent] of parents) {
    const pr = proportion(prop)
    const parentRoot = fromU64(p.rootStake(parent))
    const parentAlpha = fromU64(p.stake(parent))
    const c = F.saturatingAdd(W, F.saturatingMul(W, parentAlpha, pr), F.saturatingMul(W, F.saturatingMul(W, parentRoot, pr), tw))
    total = F.saturatingAdd(W, total, c)
    contributions.push([parent, c])
  }
  for (const [parent, c] of contributions) {
    let e = F.saturatingMul(W, validating, checkedDivOr0(c, total))
    remaining = F.saturatingSub(W, remaining, e)
    if (!equal(p.owner(parent), childOwner)) {
      const burn = F.saturatingMul(W, burnProp, e)
      const take = F.saturatingMul(W, takeProp, e)
      e = F.saturatingSub(W, F.saturatingSub(W, e, burn), take)
      totalTake = F.saturatingAdd(W, totalTake, take)
      recycleSubnetAlpha(s, netuid, floorU64(burn))
    }
    out.push([parent, floorU64(e)])
  }
  out.push([hotkey, floorU64(F.saturatingAdd(W, remaining, totalTake))])
  return out
}

/** `get_parent_child_dividends_distribution` on its own (a fresh payout view of the subnet). */
export function parentChildDividends(s: Store, hotkey: Uint8Array, netuid: number, dividend: bigint, tw: bigint): Array<[Uint8Array, bigint]> {
  return parentChildDividendsOn(new Payout(new EpochView(s, netuid), tw), hotkey, dividend)
}

/**
 * `get_owner_hotkeys`: the owner coldkey's hotkeys registered here, plus SubnetOwnerHotkey if
 * registered, as a set of key strings (the payout only asks whether a hotkey is among them, so
 * neither their order nor a byte comparison against the owner hotkey is needed). `owner`:
 * SubnetOwner as read.
 */
function ownerHotkeySet(p: Payout, owner: Uint8Array): Set<string> {
  const view = p.view
  const out = new Set<string>()
  for (const hk of p.block.ownedHotkeys(owner)) if (view.uid(hk) !== null) out.add(keptKeyString(hk))
  const hk = view.ownerHotkey
  if (hk !== null && view.uid(hk) !== null) out.add(keptKeyString(hk))
  return out
}

/** `increase_root_claimable_for_hotkey_and_subnet`: a per-root-stake rate, or plain alpha stake if root stake is short. */
function increaseRootClaimable(p: Payout, hotkey: Uint8Array, amount: bigint): void {
  const rootStake = p.rootStake(hotkey)
  const increment = F.checkedDiv(I, F.saturatingFromInt(I, amount), F.saturatingFromInt(I, rootStake)) ?? 0n
  if (amount > rootStake) {
    p.increaseStake(hotkey, p.owner(hotkey), amount)
    return
  }
  p.block.increaseRootClaimable(hotkey, p.netuid, increment)
}

type Emission = Array<[Uint8Array, bigint, bigint]>

/**
 * `calculate_dividends_and_incentives`: incentives per hotkey, and each validator's dividend
 * shared with its parents (U96F32). `p`: the subnet's payout view when the caller holds one.
 */
export function calculateDividendsAndIncentives(s: Store, netuid: number, hotkeyEmission: Emission, tw: bigint = getTaoWeight(s), p: Payout = new Payout(new EpochView(s, netuid), tw)): { incentives: AccountMap<bigint>; dividends: AccountMap<bigint> } {
  const incentives = new AccountMap<bigint>()
  const dividends = new AccountMap<bigint>()
  for (const [hk, inc, div] of hotkeyEmission) {
    incentives.set(hk, (incentives.get(hk) ?? 0n) + inc)
    for (const [k, d] of parentChildDividendsOn(p, hk, div)) dividends.set(k, F.saturatingAdd(W, dividends.get(k) ?? 0n, fromU64(d)))
  }
  return { incentives, dividends }
}

/**
 * `calculate_dividend_distribution`: each dividend split into alpha and root parts by the
 * hotkey's (alpha, root) stake in `stakeMap`, then the pending validator and root alpha shared
 * out by those parts. Returns [alpha dividends, root alpha dividends] (U96F32) in key order.
 */
export function calculateDividendDistribution(pendingAlpha: bigint, pendingRootAlpha: bigint, tw: bigint, stakeMap: AccountMap<[bigint, bigint]>, dividends: AccountMap<bigint>): [Array<[Uint8Array, bigint]>, Array<[Uint8Array, bigint]>] {
  // The chain's alpha and root maps get each dividend's hotkey once (`dividends` is a map), onto
  // nothing (0 + x is x for these U96F32 values), and list them in key order, which is the
  // dividends' order: lists in that order are those maps.
  const alphaDivs: Array<[Uint8Array, bigint]> = []
  const rootDivs: Array<[Uint8Array, bigint]> = []
  let totalAlpha = 0n
  let totalRoot = 0n
  for (const [hk, d] of dividends.entries()) {
    const stakes = stakeMap.get(hk)
    if (stakes === undefined) continue
    const a = fromU64(stakes[0])
    const rootAlpha = F.saturatingMul(W, fromU64(stakes[1]), tw)
    const rootProp = checkedDivOr0(rootAlpha, F.saturatingAdd(W, a, rootAlpha))
    const rd = F.saturatingMul(W, d, rootProp)
    const ad = F.saturatingSub(W, d, rd)
    alphaDivs.push([hk, ad])
    totalAlpha = F.saturatingAdd(W, totalAlpha, ad)
    rootDivs.push([hk, rd])
    totalRoot = F.saturatingAdd(W, totalRoot, rd)
  }
  const pendingAlphaBits = fromU64(pendingAlpha)
  const pendingRootBits = fromU64(pendingRootAlpha)
  for (const row of alphaDivs) row[1] = F.saturatingMul(W, pendingAlphaBits, checkedDivOr0(row[1], totalAlpha))
  for (const row of rootDivs) row[1] = F.saturatingMul(W, pendingRootBits, checkedDivOr0(row[1], totalRoot))
  return [alphaDivs, rootDivs]
}

/** `get_stake_map`: (alpha on the subnet, root stake) per hotkey, before any payout. */
function stakeMapOf(p: Payout, hotkeys: Uint8Array[]): AccountMap<[bigint, bigint]> {
  const m = new AccountMap<[bigint, bigint]>()
  for (const hk of hotkeys) m.set(hk, [p.stake(hk), p.rootStake(hk)])
  return m
}

/** `calculate_dividend_and_incentive_distribution`: incentives, then [alpha, root alpha] dividends with the stakes read now. */
export function calculateDividendAndIncentiveDistribution(s: Store, netuid: number, pendingRootAlpha: bigint, pendingValidatorAlpha: bigint, hotkeyEmission: Emission, tw: bigint, p: Payout = new Payout(new EpochView(s, netuid), tw)): [AccountMap<bigint>, [Array<[Uint8Array, bigint]>, Array<[Uint8Array, bigint]>]] {
  const { incentives, dividends } = calculateDividendsAndIncentives(s, netuid, hotkeyEmission, tw, p)
  const stakeMap = stakeMapOf(p, dividends.entries().map(([hk]) => hk))
  return [incentives, calculateDividendDistribution(pendingValidatorAlpha, pendingRootAlpha, tw, stakeMap, dividends)]
}

/**
 * `distribute_dividends_and_incentives`: the owner cut to the owner's hotkey, incentives staked
 * (owner hotkeys' withheld), alpha dividends less take to the hotkey's pool, root alpha dividends
 * less take as root claimable. The payout's pools are written back at the end.
 */
export function distributeDividendsAndIncentives(s: Store, env: Env, netuid: number, ownerCut: bigint, incentives: AccountMap<bigint>, alphaDividends: Array<[Uint8Array, bigint]>, rootAlphaDividends: Array<[Uint8Array, bigint]>, p: Payout = new Payout(new EpochView(s, netuid))): void {
  // The subnet's owner and owner hotkey, read once: nothing in the payout writes them.
  // (one read for the value and whether it is stored; an absent owner is the default account)
  const storedOwner = S.SubnetOwner.tryGetLent(s, netuid)
  const owner = storedOwner ?? S.SubnetOwner.getLent(s, netuid)
  const ownerHotkey = p.view.ownerHotkey
  if (ownerHotkey !== null && storedOwner !== null) p.increaseStake(ownerHotkey, owner, ownerCut)
  const owners = ownerHotkeySet(p, owner)
  let totalIncentive = 0n
  let withheld = 0n
  for (const [hk, inc] of incentives.entries()) {
    totalIncentive += inc
    if (owners.has(keptKeyString(hk))) {
      withheld += inc
      // Burning leaves SubnetAlphaOut as it is (only the alpha-assets ledger records it), and
      // recycling nothing leaves it too: RecycleOrBurn matters only for a withheld incentive
      if (inc !== 0n && S.RecycleOrBurn.get(s, netuid).type === 'Recycle') recycleSubnetAlpha(s, netuid, inc)
      continue
    }
    const owner = p.owner(hk)
    const dest = S.AutoStakeDestination.get(s, owner, netuid)
    if (dest !== null) SubtensorEvents.AutoStakeAdded.emit(env, { netuid, destination: dest, hotkey: hk, owner, incentive: inc })
    p.increaseStake(dest ?? hk, owner, inc)
  }
  insertBitsIfChanged(s, S.MinerBurned, netuid, checkedDivOr0(fromU64(withheld), fromU64(totalIncentive)))

  const alphaRows: Array<[Uint8Array, bigint]> = []
  for (const [hk, divs] of alphaDividends) {
    const take = F.saturatingMul(W, p.take(hk), divs)
    const rest = F.saturatingSub(W, divs, take)
    p.increaseStake(hk, p.owner(hk), floorU64(take))
    increaseStakeForHotkeyOnSubnet(s, hk, netuid, floorU64(rest), p.pools.pool(hk))
    alphaRows.push([hk, floorU64(rest)])
    // (a stored 0 is not an absent key: the chain stores the 0)
    const last = p.stake(hk)
    if (S.TotalHotkeyAlphaLastEpoch.tryGetLent(s, hk, netuid) !== last) S.TotalHotkeyAlphaLastEpoch.set(s, hk, netuid, last)
  }
  replaceSubnetRows(s, S.AlphaDividendsPerSubnet, netuid, alphaRows)
  const rootRows: Array<[Uint8Array, bigint]> = []
  for (const [hk, ra] of rootAlphaDividends) {
    const take = F.saturatingMul(W, p.take(hk), ra)
    const rest = F.saturatingSub(W, ra, take)
    p.increaseStake(hk, p.owner(hk), floorU64(take))
    increaseRootClaimable(p, hk, floorU64(rest))
    rootRows.push([hk, floorU64(rest)])
  }
  replaceSubnetRows(s, S.RootAlphaDividendsPerSubnet, netuid, rootRows)
  p.pools.flush()
  if (p.ownsBlock) p.block.flush()
}


/**
 * `distribute_emission` for one drained subnet: one view of the subnet through the epoch and all
 * four steps of the payout. `keyed`, `tempo`: the Keys rows and Tempo drain_pending read, when it did.
 */
export function distributeEmission(s: Store, env: Env, netuid: number, server: bigint, validator: bigint, root: bigint, ownerCut: bigint, block: bigint, keyed: Array<[Uint8Array, number]> | null = null, payouts?: PayoutBlock, tempo?: number): void {
  const view = new EpochView(s, netuid, keyed, payouts?.tw, tempo, payouts)
  const total = server + validator + root
  const hotkeyEmission = epochWithMechanisms(s, env, netuid, total > F.U64_MAX ? F.U64_MAX : total, block, view)
  const incentiveSum = hotkeyEmission.reduce((a, [, inc]) => a + inc, 0n)
  const validatorAlpha = incentiveSum !== 0n ? validator : validator + server
  const p = new Payout(view, view.tw, payouts)
  const [incentives, [alphaDividends, rootAlphaDividends]] = calculateDividendAndIncentiveDistribution(s, netuid, root, validatorAlpha, hotkeyEmission, p.tw, p)
  distributeDividendsAndIncentives(s, env, netuid, ownerCut, incentives, alphaDividends, rootAlphaDividends, p)
}

/**
 * The chain clears the subnet's rows (`clear_prefix`) and inserts one per hotkey (each hotkey
 * once, so onto 0): the same end state, written as a diff against the rows there — a row that
 * keeps its value is not rewritten. The rows listed before are counted, not decoded: when each of
 * them is among the new rows (the usual payout: the same validators), none is left to remove.
 */
function replaceSubnetRows(s: Store, map: typeof S.AlphaDividendsPerSubnet, netuid: number, rows: Array<[Uint8Array, bigint]>): void {
  const listed = map.countPrefix(s, netuid)
  let kept = 0
  for (const [hk, v] of rows) {
    // (a stored 0 is a row: null only when absent)
    const held = map.tryGetLent(s, netuid, hk)
    if (held !== null) kept++
    if (held !== v) map.set(s, netuid, hk, v)
  }
  // With distinct hotkeys (the chain's rows are a BTreeMap's) the rows kept are all the listed ones
  // unless one is stale.
  const fresh = rows.length < 2 ? null : new Set(rows.map(([hk]) => keptKeyString(hk)))
  if (kept === listed && (fresh === null || fresh.size === rows.length)) return
  const keep = fresh ?? new Set(rows.map(([hk]) => keptKeyString(hk)))
  for (const [hk] of [...map.iterPrefix(s, netuid)]) if (!keep.has(keyString(hk))) map.remove(s, netuid, hk)
}

/**
 * The tail of `run_coinbase`: `drain_pending` over every non-root subnet (NetworksAdded order),
 * then `distribute_emissions_to_subnets` in ascending netuid, each followed by
 * LastMechansimStepBlock = block (so this epoch's bond mask saw the previous one). `networks`:
 * NetworksAdded's keys, when the caller has listed them this block. Returns the subnets paid out
 * (only their epochs' payouts move SubnetAlphaOut here).
 */
export function drainAndDistribute(s: Store, env: Env & Partial<Pick<ExecEnv, 'depositEvents'>>, block: bigint, networks: readonly number[] = [...S.NetworksAdded.iterKeys(s)]): Set<number> {
  const subnets = networks.filter((n) => n !== ROOT)
  const paid = new Set<number>()
  // The drain's, epochs' and payouts' events (EpochDeferred/EpochSkipped, one
  // IncentiveAlphaEmittedToMiners per epoch, voting power, AutoStakeAdded), held in order and
  // deposited as one run at the end: nothing here reads the block's events, deposits one with
  // topics, or rolls back a storage layer (one EventCount read and write for the block's ~30 epochs).
  const events = new HeldEvents()
  const drained = drainPending(s, events, subnets, block)
  const payouts = new PayoutBlock(s, drained.size > 1)
  for (const [netuid, d] of drained) {
    distributeEmission(s, events, netuid, d.server, d.validator, d.root, d.ownerCut, block, d.keyed, payouts, d.tempo)
    S.LastMechansimStepBlock.set(s, netuid, block)
    paid.add(netuid)
  }
  payouts.flush()
  events.depositInto(env)
  return paid
}

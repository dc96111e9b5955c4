// What the payouts of one block's epochs share across subnets: a hotkey's owner and take, a
// coldkey's owned hotkeys (none of which an epoch or payout writes), the (coldkey, hotkey) pairs
// known to be in StakingHotkeys (payouts only ever add to it), and each hotkey's RootClaimable map.
// A hotkey validating on many subnets has one RootClaimable entry per subnet, and each of those
// subnets' payouts updates only its own entry: the map is decoded once, updated in place by each
// payout, and written once at `flush` if any payout changed it — the state the chain's
// read-modify-write per subnet leaves, as nothing else reads the map until the payouts are done.
import * as F from '../../../primitives/fixed/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { keptKeyString } from '../../../storage/kept-key-string.js'
import { addStakingHotkey, getTaoWeight } from '../staking/stake-utils.js'
import { HotkeyRows } from './hotkey-rows.js'
import { SubtensorStorage as S } from '../storage.js'

type Claimable = Array<[number, { bits: bigint }]>

const W = F.U96F32
const U16_MAX = F.saturatingFromInt(W, 0xffffn)

export class PayoutBlock {
  private readonly owners = new Map<string, Uint8Array>()
  private readonly takes = new Map<string, bigint>()
  private readonly owned = new Map<string, Uint8Array[]>()
  /** Hotkeys known to be in StakingHotkeys, by coldkey. */
  private readonly staking = new Map<string, Set<string>>()
  private readonly claimable = new Map<string, { hotkey: Uint8Array; map: Claimable; dirty: boolean }>()
  /**
   * Hotkeys without entries in the deprecated pool maps (Alpha, TotalHotkeyShares), and without
   * ChildKeys / ParentKeys rows on any subnet; null unless the block pays out several subnets.
   */
  private readonly v1: HotkeyRows | null = null
  private readonly childless: HotkeyRows | null = null
  private readonly parentless: HotkeyRows | null = null
  /** TotalHotkeyAlpha on root, per hotkey (null unless the block pays out several subnets). */
  private readonly rootStakes: Map<string, bigint> | null = null
  private taoWeight: bigint | undefined

  /**
   * `acrossSubnets`: whether the block pays out several subnets, so that a hotkey may be asked
   * about on more than one (with one, keeping what each hotkey was asked costs and saves nothing).
   */
  constructor(readonly s: Store, acrossSubnets = false) {
    if (!acrossSubnets) return
    this.v1 = new HotkeyRows(s, (st, hk) => S.TotalHotkeyShares.hasPrefix(st, hk) || S.Alpha.hasPrefix(st, hk))
    this.childless = new HotkeyRows(s, (st, hk) => S.ChildKeys.hasPrefix(st, hk))
    this.parentless = new HotkeyRows(s, (st, hk) => S.ParentKeys.hasPrefix(st, hk))
    this.rootStakes = new Map()
  }

  /** `get_tao_weight` (U96F32 bits), read once for the block's payouts. */
  get tw(): bigint { return this.taoWeight ??= getTaoWeight(this.s) }

  /**
   * TotalHotkeyAlpha(hotkey, root), read once for the block's epochs and payouts: none of them
   * stakes on root (the drained subnets exclude it; a payout's root dividends become RootClaimable
   * or stake on its own subnet).
   */
  rootStake(hotkey: Uint8Array): bigint {
    if (this.rootStakes === null) return S.TotalHotkeyAlpha.get(this.s, hotkey, 0)
    const k = keptKeyString(hotkey)
    let v = this.rootStakes.get(k)
    if (v === undefined) this.rootStakes.set(k, v = S.TotalHotkeyAlpha.get(this.s, hotkey, 0))
    return v
  }

  /** Owner(hotkey). */
  owner(hotkey: Uint8Array): Uint8Array {
    const k = keptKeyString(hotkey)
    let o = this.owners.get(k)
    // (lent: nothing writes into an account; the same object while the stored value stands)
    if (o === undefined) this.owners.set(k, o = S.Owner.getLent(this.s, hotkey))
    return o
  }

  /** `get_hotkey_take` as a proportion (U96F32). */
  take(hotkey: Uint8Array): bigint {
    const k = keptKeyString(hotkey)
    let t = this.takes.get(k)
    if (t === undefined) {
      const take = F.saturatingFromInt(W, BigInt(S.Delegates.get(this.s, hotkey)))
      this.takes.set(k, t = F.checkedDiv(W, take, U16_MAX) ?? 0n)
    }
    return t
  }

  /** OwnedHotkeys(coldkey); read only. */
  ownedHotkeys(coldkey: Uint8Array): readonly Uint8Array[] {
    const k = keptKeyString(coldkey)
    let o = this.owned.get(k)
    if (o === undefined) this.owned.set(k, o = S.OwnedHotkeys.get(this.s, coldkey))
    return o
  }

  /** The hotkey in the coldkey's StakingHotkeys (`increase_stake_for_hotkey_and_coldkey_on_subnet`'s first step). */
  ensureStakingHotkey(coldkey: Uint8Array, hotkey: Uint8Array): void {
    const c = keptKeyString(coldkey)
    const h = keptKeyString(hotkey)
    let known = this.staking.get(c)
    if (known === undefined) this.staking.set(c, known = new Set())
    if (known.has(h)) return
    addStakingHotkey(this.s, coldkey, hotkey)
    known.add(h)
  }

  /**
   * Whether the hotkey may hold entries of the deprecated Alpha / TotalHotkeyShares maps, on any
   * subnet and for any coldkey (else its pools need not read them). Payouts only ever remove such
   * entries (their pools move them to the V2 maps), so a hotkey without any has none until the
   * payouts end.
   */
  holdsV1(hotkey: Uint8Array): boolean { return this.v1 === null || !this.v1.hasNone(hotkey) }

  /**
   * Whether the hotkey has no ChildKeys / ParentKeys row on any subnet (false: not known). No epoch
   * or payout writes the childkey edges (the block's pending schedules are applied after them).
   */
  hasNoChildren(hotkey: Uint8Array): boolean { return this.childless !== null && this.childless.hasNone(hotkey) }
  hasNoParents(hotkey: Uint8Array): boolean { return this.parentless !== null && this.parentless.hasNone(hotkey) }

  /** `netuid`'s RootClaimable rate of the hotkey raised by `increment` (I96F32). */
  increaseRootClaimable(hotkey: Uint8Array, netuid: number, increment: bigint): void {
    const k = keptKeyString(hotkey)
    let e = this.claimable.get(k)
    if (e === undefined) this.claimable.set(k, e = { hotkey, map: S.RootClaimable.get(this.s, hotkey), dirty: false })
    const claimable = e.map
    const at = claimable.findIndex(([n]) => n === netuid)
    if (at >= 0) {
      const was = (claimable[at] as [number, { bits: bigint }])[1].bits
      const now = F.saturatingAdd(F.I96F32, was, increment)
      // (the map rewritten as it was read is the bytes it holds)
      if (now === was) return
      claimable[at] = [netuid, { bits: now }]
    } else { claimable.push([netuid, { bits: increment }]); claimable.sort((a, b) => a[0] - b[0]) }
    e.dirty = true
  }

  /** Writes the RootClaimable maps the payouts changed. */
  flush(): void {
    for (const e of this.claimable.values()) if (e.dirty) S.RootClaimable.set(this.s, e.hotkey, e.map)
    this.claimable.clear()
  }
}

// What one subnet's epoch and the payout after it read, each item read once: the Keys rows and
// Tempo (as drain_pending read them), SubnetworkN, TaoWeight, the owner hotkey and its uid, each hotkey's
// childkey edges, and TotalHotkeyAlpha of a hotkey as it stood before the payout. Nothing the
// epoch or the payout writes is among them until the payout's pools flush (they stake through
// PayoutPools, which writes TotalHotkeyAlpha at its end), so a view is good from the epoch's start
// to that flush and is dropped with the payout. Every read is lazy: a caller that needs only a
// few of them reads only those, in whatever order it asks.
import type { Store } from '../../../frame/declare/storage.js'
import { keptKeyString } from '../../../storage/kept-key-string.js'
import { type StakeSource, getStakeForHotkeyOnSubnet, getTaoWeight } from '../staking/stake-utils.js'
import { SubtensorStorage as S } from '../storage.js'

export type Edges = ReadonlyArray<readonly [bigint, Uint8Array]>

/**
 * What the block's epochs share across subnets (coinbase/payout-block.ts): a hotkey's childkey
 * edges on every subnet at once, and its root stake (which no epoch or payout of the block moves).
 */
export interface BlockShared {
  /** Whether the hotkey has no ChildKeys row on any subnet (false: not known). */
  hasNoChildren(hotkey: Uint8Array): boolean
  hasNoParents(hotkey: Uint8Array): boolean
  /** TotalHotkeyAlpha(hotkey, root). */
  rootStake(hotkey: Uint8Array): bigint
}

/** The edges of a hotkey without a row (what the row's default reads as). */
const NO_EDGES: Edges = Object.freeze([])

export class EpochView implements StakeSource {
  private keyedRows: Array<[Uint8Array, number]> | null
  private size: number | undefined
  private taoWeight: bigint | undefined
  private tempoRead: number | undefined
  private owner: Uint8Array | null | undefined
  /** What has been read per hotkey (one map and one record per hotkey, most views look up one or two). */
  private readonly byHotkey = new Map<string, HotkeyReads>()

  /**
   * `keyed`: the subnet's Keys rows (hotkey, uid) in listing order, when the caller has listed them;
   * `taoWeight`: get_tao_weight when the caller has it (one block's epochs share it: no epoch or
   * payout writes TaoWeight); `tempo`: Tempo when the caller has read it (drain_pending, to schedule
   * the epoch); `shared`: what the block's epochs share across subnets (PayoutBlock).
   */
  constructor(readonly s: Store, readonly netuid: number, keyed: Array<[Uint8Array, number]> | null = null, taoWeight?: bigint, tempo?: number, private readonly shared?: BlockShared) {
    this.keyedRows = keyed
    this.taoWeight = taoWeight
    this.tempoRead = tempo
  }

  /** The Keys rows as (hotkey, uid), in the order Keys lists them. */
  get keyed(): Array<[Uint8Array, number]> {
    return this.keyedRows ??= [...S.Keys.iterPrefixLent(this.s, this.netuid)].map(([uid, hk]) => [hk, uid])
  }

  /** SubnetworkN. */
  get n(): number { return this.size ??= S.SubnetworkN.get(this.s, this.netuid) }

  /** Tempo. */
  get tempo(): number { return this.tempoRead ??= S.Tempo.get(this.s, this.netuid) }

  /** `get_tao_weight` (U96F32 bits). */
  get tw(): bigint { return this.taoWeight ??= getTaoWeight(this.s) }

  /** SubnetOwnerHotkey when stored, else null. */
  get ownerHotkey(): Uint8Array | null {
    // (lent: the same object while the stored value stands, so its key string is made once)
    if (this.owner === undefined) this.owner = S.SubnetOwnerHotkey.tryGetLent(this.s, this.netuid)
    return this.owner
  }

  /** `get_owner_uid`: the uid of SubnetOwnerHotkey, if it is registered. */
  get ownerUid(): number | null {
    const hk = this.ownerHotkey
    return hk === null ? null : this.uid(hk)
  }

  /** Uids(netuid, hotkey). */
  uid(hotkey: Uint8Array): number | null {
    const r = this.reads(hotkey)
    return r.uid !== undefined ? r.uid : (r.uid = S.Uids.get(this.s, this.netuid, hotkey))
  }

  // (lent: the edges are only read; a parent's hotkey is then one object tempo after tempo, and
  // its key string is kept)
  /** ChildKeys(hotkey, netuid). */
  children(hotkey: Uint8Array): Edges {
    const r = this.reads(hotkey)
    return r.children ??= this.shared?.hasNoChildren(hotkey) ? NO_EDGES : S.ChildKeys.getLent(this.s, hotkey, this.netuid)
  }

  /** ParentKeys(hotkey, netuid). */
  parents(hotkey: Uint8Array): Edges {
    const r = this.reads(hotkey)
    return r.parents ??= this.shared?.hasNoParents(hotkey) ? NO_EDGES : S.ParentKeys.getLent(this.s, hotkey, this.netuid)
  }

  /**
   * TotalHotkeyAlpha(hotkey, netuid) as it stood before the payout, for this subnet or root (any
   * other netuid is read each time).
   */
  stake(hotkey: Uint8Array, netuid: number): bigint {
    if (netuid === this.netuid) return (this.reads(hotkey).alpha ??= getStakeForHotkeyOnSubnet(this.s, hotkey, netuid))
    if (netuid !== 0) return getStakeForHotkeyOnSubnet(this.s, hotkey, netuid)
    return this.reads(hotkey).root ??= this.shared !== undefined ? this.shared.rootStake(hotkey) : getStakeForHotkeyOnSubnet(this.s, hotkey, 0)
  }

  private reads(hotkey: Uint8Array): HotkeyReads {
    const k = keptKeyString(hotkey)
    let r = this.byHotkey.get(k)
    if (r === undefined) this.byHotkey.set(k, r = new HotkeyReads())
    return r
  }
}

/** One hotkey's reads (undefined: not read yet). A class: every record has one shape. */
class HotkeyReads {
  uid: number | null | undefined = undefined
  children: Edges | undefined = undefined
  parents: Edges | undefined = undefined
  /** TotalHotkeyAlpha on the view's subnet and on root. */
  alpha: bigint | undefined = undefined
  root: bigint | undefined = undefined
}


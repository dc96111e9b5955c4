// What one subnet's epoch and the payout after it read, each item read once: the Keys rows (as
// drain_pending listed them), SubnetworkN, TaoWeight, the owner hotkey and its uid, each hotkey's
// childkey edges, and TotalHotkeyAlpha of a hotkey as it stood before the payout. Nothing the
// epoch or the payout writes is among them until the payout's pools flush (they stake through
// PayoutPools, which writes TotalHotkeyAlpha at its end), so a view is good from the epoch's start
// to that flush and is dropped with the payout. Every read is lazy: a caller that needs only a
// few of them reads only those, in whatever order it asks.
import type { Store } from '../../../frame/declare/storage.js'
import { keptKeyString } from './kept-key-string.js'
import { type StakeSource, getStakeForHotkeyOnSubnet, getTaoWeight } from '../staking/stake-utils.js'
import { SubtensorStorage as S } from '../storage.js'

export type Edges = ReadonlyArray<readonly [bigint, Uint8Array]>

export class EpochView implements StakeSource {
  private keyedRows: Array<[Uint8Array, number]> | null
  private size: number | undefined
  private taoWeight: bigint | undefined
  private owner: Uint8Array | null | undefined
  private readonly uids = new ByHotkey((hk) => S.Uids.get(this.s, this.netuid, hk))
  private readonly childEdges = new ByHotkey((hk) => S.ChildKeys.get(this.s, hk, this.netuid))
  private readonly parentEdges = new ByHotkey((hk) => S.ParentKeys.get(this.s, hk, this.netuid))
  /** TotalHotkeyAlpha of this subnet and of root, by hotkey. */
  private readonly alphas = new ByHotkey((hk) => getStakeForHotkeyOnSubnet(this.s, hk, this.netuid))
  private readonly rootAlphas = new ByHotkey((hk) => getStakeForHotkeyOnSubnet(this.s, hk, 0))

  /**
   * `keyed`: the subnet's Keys rows (hotkey, uid) in listing order, when the caller has listed them;
   * `taoWeight`: get_tao_weight when the caller has it (one block's epochs share it: no epoch or
   * payout writes TaoWeight).
   */
  constructor(readonly s: Store, readonly netuid: number, keyed: Array<[Uint8Array, number]> | null = null, taoWeight?: bigint) {
    this.keyedRows = keyed
    this.taoWeight = taoWeight
  }

  /** The Keys rows as (hotkey, uid), in the order Keys lists them. */
  get keyed(): Array<[Uint8Array, number]> {
    return this.keyedRows ??= [...S.Keys.iterPrefix(this.s, this.netuid)].map(([uid, hk]) => [hk, uid])
  }

  /** SubnetworkN. */
  get n(): number { return this.size ??= S.SubnetworkN.get(this.s, this.netuid) }

  /** `get_tao_weight` (U96F32 bits). */
  get tw(): bigint { return this.taoWeight ??= getTaoWeight(this.s) }

  /** SubnetOwnerHotkey when stored, else null. */
  get ownerHotkey(): Uint8Array | null {
    // (lent: the same object while the stored value stands, so its key string is made once)
    if (this.owner === undefined) this.owner = S.SubnetOwnerHotkey.contains(this.s, this.netuid) ? S.SubnetOwnerHotkey.getPart(this.s, this.netuid, lend) : null
    return this.owner
  }

  /** `get_owner_uid`: the uid of SubnetOwnerHotkey, if it is registered. */
  get ownerUid(): number | null {
    const hk = this.ownerHotkey
    return hk === null ? null : this.uid(hk)
  }

  /** Uids(netuid, hotkey). */
  uid(hotkey: Uint8Array): number | null { return this.uids.get(hotkey) }

  /** ChildKeys(hotkey, netuid). */
  children(hotkey: Uint8Array): Edges { return this.childEdges.get(hotkey) }

  /** ParentKeys(hotkey, netuid). */
  parents(hotkey: Uint8Array): Edges { return this.parentEdges.get(hotkey) }

  /**
   * TotalHotkeyAlpha(hotkey, netuid) as it stood before the payout, for this subnet or root (any
   * other netuid is read each time).
   */
  stake(hotkey: Uint8Array, netuid: number): bigint {
    if (netuid === this.netuid) return this.alphas.get(hotkey)
    return netuid === 0 ? this.rootAlphas.get(hotkey) : getStakeForHotkeyOnSubnet(this.s, hotkey, netuid)
  }
}

const lend = <T>(v: T): T => v

/** A value per hotkey, read once (its map made when first needed: most views look up one or two hotkeys). */
class ByHotkey<V> {
  private read: Map<string, V> | null = null
  constructor(private readonly load: (hotkey: Uint8Array) => V) {}

  get(hotkey: Uint8Array): V {
    const m = (this.read ??= new Map())
    const k = keptKeyString(hotkey)
    let v = m.get(k)
    if (v === undefined) m.set(k, v = this.load(hotkey))
    return v
  }
}

// The alpha share pools of one subnet while an epoch's emission is paid into them
// (run_coinbase.rs distribute_dividends_and_incentives): three or four stake increments per
// hotkey, each of which reads and writes the same few keys (TotalHotkeyAlpha,
// TotalHotkeySharesV2, AlphaV2 and their deprecated maps). Here each key is read once and written
// once, at `flush`, with the value the chain's sequence of writes leaves in it (the deprecated
// entries removed as their first rewrite removes them); a key left as it was is not written at all
// (most of a subnet's pools: miners without stake, validators without dividends). Exact only while
// every access to these pools goes through this object, which the payout guarantees: nothing else
// in it touches them.
import { SafeFloat, SharePool, type SharePoolDataOperations } from '../../../primitives/share-pool/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { keptKeyString } from '../../../storage/kept-key-string.js'
import { SubtensorStorage as S } from '../storage.js'
import { type StakeSource, safeFloatOf } from './stake-utils.js'

type Stored = { mantissa: bigint; exponent: bigint }

interface ShareEntry {
  coldkey: Uint8Array
  /** As a read from storage would return it (null: no share stored). */
  share: SafeFloat | null
  /** Whether the deprecated Alpha map held it when first read. */
  v1: boolean
  /** The AlphaV2 entry as first read (null: none). */
  raw: Stored | null
  /** The last share written, if any. */
  written: SafeFloat | undefined
}

const stored = (f: SafeFloat): Stored => ({ mantissa: f.mantissa, exponent: f.exponent })
/** Whether writing `f` would store the bytes `raw` already holds (both fields are fixed-width). */
const sameAs = (raw: Stored | null, f: SafeFloat): boolean => raw !== null && raw.mantissa === f.mantissa && raw.exponent === f.exponent

/** `HotkeyAlphaSharePoolDataOperations` with its writes held until `flush`. */
class BufferedPoolOps implements SharePoolDataOperations<Uint8Array> {
  private value: bigint | undefined
  /** TotalHotkeyAlpha as first read. */
  private original: bigint | undefined
  private valueWritten = false
  private denominator: SafeFloat | undefined
  private v1Denominator = false
  /** TotalHotkeySharesV2 as first read (its default when absent). */
  private rawDenominator: Stored | null = null
  private denominatorWritten: SafeFloat | undefined
  private readonly shares = new Map<string, ShareEntry>()

  /** `v1`: whether the hotkey may hold entries of the deprecated maps (else they are not asked for). */
  constructor(private readonly s: Store, private readonly hotkey: Uint8Array, private readonly netuid: number, private readonly stakes: StakeSource | undefined, private readonly v1: boolean) {}

  getSharedValue(): bigint {
    if (this.value === undefined) this.value = this.original = this.stakes ? this.stakes.stake(this.hotkey, this.netuid) : S.TotalHotkeyAlpha.get(this.s, this.hotkey, this.netuid)
    return this.value
  }

  getShare(coldkey: Uint8Array): SafeFloat {
    return this.entry(coldkey).share ?? SafeFloat.zero()
  }

  tryGetShare(coldkey: Uint8Array): SafeFloat | null {
    return this.entry(coldkey).share
  }

  getDenominator(): SafeFloat {
    if (this.denominator !== undefined) return this.denominator
    const { s, hotkey, netuid } = this
    this.v1Denominator = this.v1 && S.TotalHotkeyShares.contains(s, hotkey, netuid)
    if (this.v1Denominator) return this.denominator = SafeFloat.fromU64F64(S.TotalHotkeyShares.get(s, hotkey, netuid).bits)
    this.rawDenominator = S.TotalHotkeySharesV2.get(s, hotkey, netuid)
    return this.denominator = safeFloatOf(this.rawDenominator)
  }

  setSharedValue(value: bigint): void {
    this.value = value
    this.valueWritten = true
  }

  setShare(coldkey: Uint8Array, share: SafeFloat): void {
    const e = this.entry(coldkey)
    e.share = share.isZero() ? null : safeFloatOf(share)
    e.written = share
  }

  setDenominator(update: SafeFloat): void {
    this.getDenominator()
    this.denominator = safeFloatOf(update)
    this.denominatorWritten = update
  }

  /**
   * The writes, each key once; skipped where the key would keep its bytes. A value read as its
   * default (0) may be absent or stored: removing it is then asked of storage (`contains`).
   */
  flush(): void {
    const { s, hotkey, netuid } = this
    if (this.valueWritten) {
      const v = this.value!
      if (v !== 0n) { if (v !== this.original) S.TotalHotkeyAlpha.set(s, hotkey, netuid, v) }
      else if (this.original !== 0n || S.TotalHotkeyAlpha.contains(s, hotkey, netuid)) S.TotalHotkeyAlpha.remove(s, hotkey, netuid)
    }
    const d = this.denominatorWritten
    if (d !== undefined) {
      const raw = this.v1Denominator ? null : this.rawDenominator
      if (this.v1Denominator) S.TotalHotkeyShares.remove(s, hotkey, netuid)
      if (!d.isZero()) { if (!sameAs(raw, d)) S.TotalHotkeySharesV2.set(s, hotkey, netuid, stored(d)) }
      else if ((raw !== null && (raw.mantissa !== 0n || raw.exponent !== 0n)) || S.TotalHotkeySharesV2.contains(s, hotkey, netuid)) S.TotalHotkeySharesV2.remove(s, hotkey, netuid)
    }
    for (const e of this.shares.values()) {
      if (e.written === undefined) continue
      const raw = e.v1 ? null : e.raw
      if (e.v1) S.Alpha.remove(s, hotkey, e.coldkey, netuid)
      if (!e.written.isZero()) { if (!sameAs(raw, e.written)) S.AlphaV2.set(s, [hotkey, e.coldkey, netuid], stored(e.written)) }
      else if (raw !== null || (e.v1 && S.AlphaV2.contains(s, hotkey, e.coldkey, netuid))) S.AlphaV2.remove(s, hotkey, e.coldkey, netuid)
    }
  }

  private entry(coldkey: Uint8Array): ShareEntry {
    const k = keptKeyString(coldkey)
    let e = this.shares.get(k)
    if (e !== undefined) return e
    const { s, hotkey, netuid } = this
    const v1 = this.v1 && S.Alpha.contains(s, hotkey, coldkey, netuid)
    // (a non-zero value read is stored; only a zero one, the default, asks whether it is)
    const got = v1 ? null : S.AlphaV2.get(s, hotkey, coldkey, netuid)
    const raw = got !== null && (got.mantissa !== 0n || got.exponent !== 0n || S.AlphaV2.contains(s, hotkey, coldkey, netuid)) ? got : null
    const share = v1 ? SafeFloat.fromU64F64(S.Alpha.get(s, hotkey, coldkey, netuid).bits) : raw === null ? null : safeFloatOf(raw)
    e = { coldkey, share, v1, raw, written: undefined }
    this.shares.set(k, e)
    return e
  }
}

/** The pools of `netuid`'s hotkeys during one payout; `flush` when it ends. */
export class PayoutPools {
  private readonly ops = new Map<string, [BufferedPoolOps, SharePool<Uint8Array>]>()

  /**
   * `stakes`: TotalHotkeyAlpha as the caller has read it before the payout (else read here);
   * `holdsV1`: whether a hotkey may hold entries of the deprecated Alpha / TotalHotkeyShares maps
   * (when it cannot, their per-key reads are skipped; else every hotkey is asked about).
   */
  constructor(private readonly s: Store, readonly netuid: number, private readonly stakes?: StakeSource, private readonly holdsV1?: (hotkey: Uint8Array) => boolean) {}

  /** `get_alpha_share_pool(hotkey, netuid)`. */
  pool(hotkey: Uint8Array): SharePool<Uint8Array> {
    return this.entry(hotkey)[1]
  }

  /** `get_stake_for_hotkey_on_subnet`: TotalHotkeyAlpha as the payout has left it so far. */
  stake(hotkey: Uint8Array): bigint {
    return this.entry(hotkey)[0].getSharedValue()
  }

  flush(): void {
    for (const [o] of this.ops.values()) o.flush()
    this.ops.clear()
  }

  private entry(hotkey: Uint8Array): [BufferedPoolOps, SharePool<Uint8Array>] {
    const k = keptKeyString(hotkey)
    let e = this.ops.get(k)
    if (e === undefined) {
      const o = new BufferedPoolOps(this.s, hotkey, this.netuid, this.stakes, this.holdsV1 === undefined || this.holdsV1(hotkey))
      e = [o, new SharePool(o)]
      this.ops.set(k, e)
    }
    return e
  }
}

/**
 * `SharePool` from subtensor `primitives/share-pool`: a pooled value (u64 RAO) divided among keys
 * by SafeFloat shares over a SafeFloat denominator. The storage behind it is abstracted by
 * `SharePoolDataOperations`, as in the source (the staking code backs it with TotalHotkeyAlpha,
 * TotalHotkeySharesV2 and AlphaV2).
 */
import { SafeFloat } from './safe-float.js'

const U64_MAX = (1n << 64n) - 1n

export interface SharePoolDataOperations<K> {
  /** the shared value in RAO */
  getSharedValue(): bigint
  getShare(key: K): SafeFloat
  /** null where the source returns Err(()) (no share stored) */
  tryGetShare(key: K): SafeFloat | null
  getDenominator(): SafeFloat
  setSharedValue(value: bigint): void
  setShare(key: K, share: SafeFloat): void
  setDenominator(denominator: SafeFloat): void
}

const absI64 = (x: bigint): bigint => (x < 0n ? -x : x)

export class SharePool<K> {
  constructor(readonly stateOps: SharePoolDataOperations<K>) {}

  /** shared_value · share / denominator, truncated; 0 if the denominator is 0. */
  getValue(key: K): bigint {
    return this.getValueFromShares(this.stateOps.getShare(key))
  }

  getValueFromShares(share: SafeFloat): bigint {
    const shared = SafeFloat.new(this.stateOps.getSharedValue(), 0n) ?? SafeFloat.zero()
    const denominator = this.stateOps.getDenominator()
    return (shared.mulDiv(share, denominator) ?? SafeFloat.zero()).toU64()
  }

  tryGetValue(key: K): bigint | null {
    return this.stateOps.tryGetShare(key) === null ? null : this.getValue(key)
  }

  /** Changes every key's value at once: the shared value moves, shares stay (u64 saturating). */
  updateValueForAll(update: bigint): void {
    const v = this.stateOps.getSharedValue() + update
    this.stateOps.setSharedValue(v < 0n ? 0n : v > U64_MAX ? U64_MAX : v)
  }

  /** Whether an update of this size would change any share (always true for an empty pool). */
  simUpdateValueForOne(update: bigint): boolean {
    const denominator = this.stateOps.getDenominator()
    if (denominator.mantissa === 0n) return true
    return !this.getSharesPerUpdate(update, this.stateOps.getSharedValue(), denominator).isZero()
  }

  /** |update| · denominator / shared_value (0 when the shared value is 0). */
  getSharesPerUpdate(update: bigint, sharedValue: bigint, denominator: SafeFloat): SafeFloat {
    const shared = SafeFloat.new(sharedValue, 0n) ?? SafeFloat.zero()
    const u = SafeFloat.new(absI64(update), 0n) ?? SafeFloat.zero()
    return u.mulDiv(denominator, shared) ?? SafeFloat.zero()
  }

  /**
   * Adds `update` (signed RAO) to one key's value. The first key into an empty pool gets
   * share = denominator = |update|. A SafeFloat exponent overflow keeps the old share or
   * denominator, as the source does after logging.
   */
  updateValueForOne(key: K, update: bigint): void {
    if (update !== 0n) { this.updateValueForOneGeneral(key, update); return }
    const currentShare = this.stateOps.getShare(key)
    const denominator = this.stateOps.getDenominator()
    if (denominator.isZero()) { this.updateValueForOneGeneral(key, update); return }
    // A zero update into a pool with shares buys none: |0|·denominator/shared is 0 (or no
    // value, taken as 0), and x − 0 is x (0 for a zero share). So the general path stores the
    // denominator and share as read, without its SafeFloat arithmetic (a payout stakes a zero
    // owner cut or take on most subnets every tempo).
    this.stateOps.setDenominator(denominator)
    this.stateOps.setShare(key, currentShare.isZero() ? SafeFloat.zero() : currentShare)
    this.updateValueForAll(update)
  }

  /**
   * updateValueForOne by the source's steps for any update.
   * @internal exported for the test that holds the zero-update path to it.
   */
  updateValueForOneGeneral(key: K, update: bigint): void {
    const sharedValue = this.stateOps.getSharedValue()
    const currentShare = this.stateOps.getShare(key)
    const denominator = this.stateOps.getDenominator()
    if (denominator.isZero()) {
      const u = SafeFloat.new(absI64(update), 0n) ?? SafeFloat.zero()
      this.stateOps.setDenominator(u)
      this.stateOps.setShare(key, u)
    } else {
      const perUpdate = this.getSharesPerUpdate(update, sharedValue, denominator)
      const newDenominator = update > 0n ? denominator.add(perUpdate) : denominator.sub(perUpdate)
      const newShare = update > 0n ? currentShare.add(perUpdate) : currentShare.sub(perUpdate)
      this.stateOps.setDenominator(newDenominator ?? denominator)
      this.stateOps.setShare(key, newShare ?? currentShare)
    }
    this.updateValueForAll(update)
  }
}

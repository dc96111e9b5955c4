/**
 * An in-memory `SharePoolDataOperations`, the equivalent of the source's test mock; useful for
 * simulations (e.g. a swap preview) that must not touch chain storage.
 */
import { SafeFloat } from './safe-float.js'
import type { SharePoolDataOperations } from './share-pool.js'

export class MemorySharePoolOps<K> implements SharePoolDataOperations<K> {
  sharedValue = 0n
  readonly shares = new Map<K, SafeFloat>()
  denominator = SafeFloat.zero()
  getSharedValue(): bigint { return this.sharedValue }
  getShare(key: K): SafeFloat { return this.shares.get(key) ?? SafeFloat.zero() }
  tryGetShare(key: K): SafeFloat | null { return this.shares.get(key) ?? null }
  getDenominator(): SafeFloat { return this.denominator }
  setSharedValue(value: bigint): void { this.sharedValue = value }
  setShare(key: K, share: SafeFloat): void { this.shares.set(key, share) }
  setDenominator(denominator: SafeFloat): void { this.denominator = denominator }
}

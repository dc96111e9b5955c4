// What the runtime-API implementations need from the composed runtime (wired in runtime.ts).
import type { Ty } from '../../codec/types.js'
import type { CallInfo } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import type { Executive } from '../executive.js'
import type { WeightValue } from '../../frame/primitives.js'
import type { RuntimeVersionValue } from '../version.js'

export interface FeeParts { baseFee: bigint; lenFee: bigint; adjustedWeightFee: bigint }

export interface ApiHost {
  version(): RuntimeVersionValue
  /** Metadata bytes (magic ++ version ++ body) for a supported version, else null. */
  metadata(version: number): Uint8Array | null
  metadataVersions: number[]
  executive: Executive
  /** sp_runtime UncheckedExtrinsic type (an opaque Vec<u8> on the wire). */
  uncheckedExtrinsic: Ty
  slotDurationMs: number
  accountNonce(s: Store, who: Uint8Array): number
  /** Weight the transaction extensions add to a signed extrinsic. */
  extensionWeight(): WeightValue
  /** Inclusion fee parts for an extrinsic of `len` bytes (null when it pays no fee). */
  feeParts(len: number, info: CallInfo): FeeParts | null
  weightToFee(w: WeightValue): bigint
  lengthToFee(len: number): bigint
  auraAuthorities(s: Store): Uint8Array[]
  grandpaAuthorities(s: Store): [Uint8Array, bigint][]
  grandpaSetId(s: Store): bigint
  timestampInherent(ms: bigint): Uint8Array
}

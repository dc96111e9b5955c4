// Block resource limits and database weights of subtensor's runtime (runtime/src/lib.rs:
// `BlockWeights::with_sensible_defaults(4 s, 75 %)`, `BlockLength::max_with_normal_ratio(10 MiB,
// 75 %)`, `DbWeight = RocksDbWeight`), computed the way frame_system/src/limits.rs builds them.
import { weight, type DispatchClassName, type WeightValue } from '../../frame/primitives.js'
import type { BlockWeightsValue, PerDispatchClassValue, WeightsPerClassValue } from './types.js'

export const U64_MAX = (1n << 64n) - 1n
const PERBILL = 1_000_000_000n

/** `Perbill::from_parts(parts) * x`, rounded to nearest with ties down (sp_arithmetic). */
export function perbillMul(parts: bigint, x: bigint): bigint {
  const n = x * parts
  const q = n / PERBILL
  const r = n % PERBILL
  return r * 2n > PERBILL ? q + 1n : q
}

/** frame_support::weights::constants::RocksDbWeight (25 µs read, 100 µs write, no proof size). */
export const DB_WEIGHT = { read: 25_000_000n, write: 100_000_000n } as const
export const dbReads = (n: number | bigint): WeightValue => weight(DB_WEIGHT.read * BigInt(n), 0n)
export const dbWrites = (n: number | bigint): WeightValue => weight(DB_WEIGHT.write * BigInt(n), 0n)
export const dbReadsWrites = (r: number | bigint, w: number | bigint): WeightValue =>
  weight(DB_WEIGHT.read * BigInt(r) + DB_WEIGHT.write * BigInt(w), 0n)

/** frame_support/src/weights/extrinsic_weights.rs: 115_480 ns average of a no-op extrinsic. */
export const EXTRINSIC_BASE_WEIGHT = weight(115_480_000n, 0n)
/** frame_support/src/weights/block_weights.rs: 414_528 ns average of an empty block. */
export const BLOCK_EXECUTION_WEIGHT = weight(414_528_000n, 0n)
/** `Weight::from_parts(4 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX)` */
export const MAXIMUM_BLOCK_WEIGHT = weight(4_000_000_000_000n, U64_MAX)
export const NORMAL_DISPATCH_RATIO = 750_000_000n // Perbill::from_percent(75)

const perbillWeight = (parts: bigint, w: WeightValue): WeightValue =>
  weight(perbillMul(parts, w.ref_time), perbillMul(parts, w.proof_size))
const subSat = (a: WeightValue, b: WeightValue): WeightValue =>
  weight(a.ref_time > b.ref_time ? a.ref_time - b.ref_time : 0n, a.proof_size > b.proof_size ? a.proof_size - b.proof_size : 0n)
const maxW = (a: WeightValue, b: WeightValue): WeightValue =>
  weight(a.ref_time > b.ref_time ? a.ref_time : b.ref_time, a.proof_size > b.proof_size ? a.proof_size : b.proof_size)
export const minWeight = (a: WeightValue, b: WeightValue): WeightValue =>
  weight(a.ref_time < b.ref_time ? a.ref_time : b.ref_time, a.proof_size < b.proof_size ? a.proof_size : b.proof_size)

/** BlockWeights::with_sensible_defaults: 10 % average initialisation, Operational reserve. */
export function withSensibleDefaults(expected: WeightValue, normalRatio: bigint): BlockWeightsValue {
  const normal = perbillWeight(normalRatio, expected)
  const cls = (maxTotal: WeightValue | null, reserved: WeightValue | null): WeightsPerClassValue =>
    ({ base_extrinsic: EXTRINSIC_BASE_WEIGHT, max_extrinsic: null, max_total: maxTotal, reserved })
  const perClass: PerDispatchClassValue<WeightsPerClassValue> = {
    normal: cls(normal, weight(0n, 0n)),
    operational: cls(expected, subSat(expected, normal)),
    mandatory: cls(null, null),
  }
  let maxBlock = weight(0n, 0n)
  for (const c of [perClass.normal, perClass.operational, perClass.mandatory]) if (c.max_total) maxBlock = maxW(c.max_total, maxBlock)
  const init = perbillWeight(100_000_000n, maxBlock)
  for (const c of [perClass.normal, perClass.operational, perClass.mandatory]) {
    if (c.max_extrinsic === null && c.max_total) c.max_extrinsic = subSat(subSat(c.max_total, init), c.base_extrinsic)
  }
  return { base_block: BLOCK_EXECUTION_WEIGHT, max_block: maxBlock, per_class: perClass }
}

export const BLOCK_WEIGHTS: BlockWeightsValue = withSensibleDefaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO)

const MAX_BLOCK_LENGTH = 10n * 1024n * 1024n
export const BLOCK_LENGTH = {
  max: {
    normal: Number(perbillMul(NORMAL_DISPATCH_RATIO, MAX_BLOCK_LENGTH)),
    operational: Number(MAX_BLOCK_LENGTH),
    mandatory: Number(MAX_BLOCK_LENGTH),
  },
}

export const BLOCK_HASH_COUNT = 2400
export const SS58_PREFIX = 42
/** frame_system::Config::MaxConsumers (ConstU32<16>). */
export const MAX_CONSUMERS = 16

export const classKey = (c: DispatchClassName): keyof PerDispatchClassValue<unknown> =>
  c === 'Normal' ? 'normal' : c === 'Operational' ? 'operational' : 'mandatory'

export const baseExtrinsic = (c: DispatchClassName): WeightValue => BLOCK_WEIGHTS.per_class[classKey(c)].base_extrinsic

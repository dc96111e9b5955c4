// pallet_subtensor_utility::weights::SubstrateWeight (subtensor pallets/utility/src/weights.rs,
// benchmark run of 2026-06-23) with DbWeight = RocksDbWeight.
import { weight, type WeightValue } from '../../frame/primitives.js'
import { DB_WEIGHT } from '../system/limits.js'

const c = (n: number): bigint => BigInt(n)
const reads2 = 2n * DB_WEIGHT.read

export const UtilityWeights = {
  batch: (n: number): WeightValue => weight(19_446_696n + 5_450_264n * c(n) + reads2, 3983n),
  asDerivative: (): WeightValue => weight(15_378_000n + reads2, 3983n),
  batchAll: (n: number): WeightValue => weight(13_428_230n + 5_663_250n * c(n) + reads2, 3983n),
  dispatchAs: (): WeightValue => weight(6_893_000n, 0n),
  forceBatch: (n: number): WeightValue => weight(12_134_867n + 5_477_293n * c(n) + reads2, 3983n),
  dispatchAsFallible: (): WeightValue => weight(7_113_000n, 0n),
  ifElse: (): WeightValue => weight(21_831_000n + reads2, 3983n),
}

// pallet_timestamp::weights::SubstrateWeight (polkadot-sdk substrate/frame/timestamp/src/weights.rs,
// benchmark run of 2025-02-21 that stable2506 ships) with DbWeight = RocksDbWeight.
import { weight, type WeightValue } from '../../frame/primitives.js'
import { DB_WEIGHT } from '../system/limits.js'

export const TimestampWeights = {
  set: (): WeightValue => weight(3_816_000n + 2n * DB_WEIGHT.read + DB_WEIGHT.write, 1493n),
  onFinalize: (): WeightValue => weight(3_246_000n, 0n),
}

// frame_system::weights::SubstrateWeight (polkadot-sdk substrate/frame/system/src/weights.rs,
// benchmark run of 2025-02-21 that stable2506 ships) with subtensor's DbWeight = RocksDbWeight.
import { weight, type WeightValue } from '../../runtime/primitives.js'
import { DB_WEIGHT } from './limits.js'

const n = (x: number | bigint): bigint => BigInt(x)

export const SystemWeights = {
  remark: (b: number): WeightValue => weight(1_586_000n + 10_920n * n(b), 0n),
  remarkWithEvent: (b: number): WeightValue => weight(4_725_000n + 12_386n * n(b), 0n),
  setHeapPages: (): WeightValue => weight(2_836_000n + DB_WEIGHT.write, 0n),
  setStorage: (i: number): WeightValue => weight(1_565_000n + (733_648n + DB_WEIGHT.write) * n(i), 0n),
  killStorage: (i: number): WeightValue => weight(1_624_000n + (566_903n + DB_WEIGHT.write) * n(i), 0n),
  killPrefix: (p: number): WeightValue => weight(2_964_000n + (1_340_742n + DB_WEIGHT.read + DB_WEIGHT.write) * n(p), 70n * n(p)),
  authorizeUpgrade: (): WeightValue => weight(15_570_000n + DB_WEIGHT.write, 0n),
}

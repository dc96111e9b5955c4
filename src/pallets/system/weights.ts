// frame_system::weights::SubstrateWeight (polkadot-sdk substrate/frame/system/src/weights.rs,
// benchmark run of 2025-02-21 that stable2506 ships) with subtensor's DbWeight = RocksDbWeight.
import { weight, type WeightValue } from '../../frame/primitives.js'
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

/**
 * frame_system's transaction-extension weights (`SubstrateExtensionsWeight`, polkadot-sdk
 * substrate/frame/system/src/extensions/weights.rs, benchmark run of 2024-03-01 — the newest this
 * project could read; the fork subtensor pins may carry a later run), with RocksDbWeight.
 * Subtensor replaces CheckNonce by its own extension, which weighs nothing.
 */
export const SystemExtensionWeights = {
  checkGenesis: (): WeightValue => weight(4_160_000n + DB_WEIGHT.read, 3509n),
  checkMortality: (): WeightValue => weight(6_523_000n + DB_WEIGHT.read, 3509n),
  checkNonZeroSender: (): WeightValue => weight(527_000n, 0n),
  checkSpecVersion: (): WeightValue => weight(461_000n, 0n),
  checkTxVersion: (): WeightValue => weight(439_000n, 0n),
  checkWeight: (): WeightValue => weight(4_747_000n + DB_WEIGHT.read + DB_WEIGHT.write, 1489n),
}

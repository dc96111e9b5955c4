// pallet_sudo::weights::SubstrateWeight (polkadot-sdk substrate/frame/sudo/src/weights.rs,
// benchmark run of 2025-02-21 that stable2506 ships) with DbWeight = RocksDbWeight.
import { weight, type WeightValue } from '../../frame/primitives.js'
import { DB_WEIGHT } from '../system/limits.js'

export const SudoWeights = {
  setKey: (): WeightValue => weight(7_237_000n + DB_WEIGHT.read + DB_WEIGHT.write, 1517n),
  sudo: (): WeightValue => weight(7_939_000n + DB_WEIGHT.read, 1517n),
  sudoAs: (): WeightValue => weight(7_870_000n + DB_WEIGHT.read, 1517n),
  removeKey: (): WeightValue => weight(6_417_000n + DB_WEIGHT.read + DB_WEIGHT.write, 1517n),
  checkOnlySudoAccount: (): WeightValue => weight(2_170_000n + DB_WEIGHT.read, 1517n),
}

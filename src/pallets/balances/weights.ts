// pallet_balances::weights::SubstrateWeight (polkadot-sdk substrate/frame/balances/src/weights.rs,
// benchmark run of 2025-02-21 that stable2506 ships) with subtensor's DbWeight = RocksDbWeight
// (read 25_000_000, write 100_000_000).
import { weight, type WeightValue } from '../../frame/primitives.js'
import { DB_WEIGHT } from '../system/limits.js'

const rw = (r: bigint, w: bigint): bigint => DB_WEIGHT.read * r + DB_WEIGHT.write * w

export const BalancesWeights = {
  transferAllowDeath: (): WeightValue => weight(48_834_000n + rw(1n, 1n), 3593n),
  transferKeepAlive: (): WeightValue => weight(39_051_000n + rw(1n, 1n), 3593n),
  forceSetBalanceCreating: (): WeightValue => weight(12_547_000n + rw(1n, 1n), 3593n),
  forceSetBalanceKilling: (): WeightValue => weight(19_206_000n + rw(1n, 1n), 3593n),
  forceTransfer: (): WeightValue => weight(49_519_000n + rw(2n, 2n), 6196n),
  transferAll: (): WeightValue => weight(48_209_000n + rw(1n, 1n), 3593n),
  forceUnreserve: (): WeightValue => weight(15_515_000n + rw(1n, 1n), 3593n),
  upgradeAccounts: (u: number): WeightValue => weight(14_674_000n + (14_648_188n + rw(1n, 1n)) * BigInt(u), 990n + 2603n * BigInt(u)),
  forceAdjustTotalIssuance: (): WeightValue => weight(5_351_000n, 0n),
  burnAllowDeath: (): WeightValue => weight(30_219_000n, 0n),
  burnKeepAlive: (): WeightValue => weight(20_720_000n, 0n),
}

// utils/rate_limiting.rs TransactionType: the per-subnet limits that are not an owner
// hyperparameter (those live in rate-limiting.ts). Where each keeps its last block differs:
// SetSNOwnerHotkey in LastRateLimitedBlock, the others in TransactionKeyLastBlock under the
// variant's u16.
import type { Store } from '../../../frame/declare/storage.js'
import { subtensorBuild } from '../build.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from './misc.js'

export type TransactionType = 'SetWeightsVersionKey' | 'SetSNOwnerHotkey' | 'MechanismCountUpdate' | 'MechanismEmission' | 'MaxUidsTrimming'

const TX_INDEX: Record<TransactionType, number> = {
  SetWeightsVersionKey: 4, SetSNOwnerHotkey: 5, MechanismCountUpdate: 7, MechanismEmission: 8, MaxUidsTrimming: 9,
}

/** `prod_or_fast!(prod, fast)` for the runtime build. */
export const prodOrFast = <V>(prod: V, fast: V): V => (subtensorBuild().fastRuntime ? fast : prod)

/** `rate_limit_on_subnet`. */
export function txRateLimitOnSubnet(s: Store, tx: TransactionType, netuid: number): bigint {
  switch (tx) {
    case 'SetWeightsVersionKey': return BigInt(S.Tempo.get(s, netuid)) * S.WeightsVersionKeyRateLimit.get(s)
    case 'SetSNOwnerHotkey': return 50_400n // DefaultSetSNOwnerHotkeyRateLimit
    case 'MechanismCountUpdate': return prodOrFast(7_200n, 1n) // MechanismCountSetRateLimit
    case 'MechanismEmission': return prodOrFast(7_200n, 1n) // MechanismEmissionRateLimit
    case 'MaxUidsTrimming': return prodOrFast(30n * 7_200n, 1n) // MaxUidsTrimmingRateLimit
  }
}

export function txLastBlockOnSubnet(s: Store, tx: TransactionType, key: Uint8Array, netuid: number): bigint {
  if (tx === 'SetSNOwnerHotkey') return S.LastRateLimitedBlock.get(s, { type: 'SetSNOwnerHotkey', value: netuid })
  return S.TransactionKeyLastBlock.get(s, key, netuid, TX_INDEX[tx])
}

export function setTxLastBlockOnSubnet(s: Store, tx: TransactionType, key: Uint8Array, netuid: number, block: bigint): void {
  if (tx === 'SetSNOwnerHotkey') S.LastRateLimitedBlock.set(s, { type: 'SetSNOwnerHotkey', value: netuid }, block)
  else S.TransactionKeyLastBlock.set(s, [key, netuid, TX_INDEX[tx]], block)
}

/** `passes_rate_limit_on_subnet`: never used, or at least the limit's blocks since. */
export function txPassesOnSubnet(s: Store, tx: TransactionType, key: Uint8Array, netuid: number): boolean {
  const last = txLastBlockOnSubnet(s, tx, key, netuid)
  const now = currentBlock(s)
  return last === 0n || (now > last ? now - last : 0n) >= txRateLimitOnSubnet(s, tx, netuid)
}

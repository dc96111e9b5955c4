// subnets/weights.rs, the commit-reveal clock of spec 425: commits are tagged with the stateful
// SubnetEpochIndex, looking one ahead on a block whose epoch fires in on_initialize.
import type { Store } from '../../../frame/declare/storage.js'
import { shouldRunEpoch } from '../coinbase/epoch-schedule.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'

/** `current_epoch_with_lookahead`. */
export function currentEpochWithLookahead(s: Store, netuid: number): bigint {
  const base = S.SubnetEpochIndex.get(s, netuid)
  return shouldRunEpoch(s, netuid, currentBlock(s)) ? base + 1n : base
}

/** `is_reveal_block_range`: the current epoch is exactly commit epoch + RevealPeriodEpochs. */
export const isRevealBlockRange = (s: Store, netuid: number, commitEpoch: bigint): boolean =>
  currentEpochWithLookahead(s, netuid) === commitEpoch + S.RevealPeriodEpochs.get(s, netuid)

/** `is_commit_expired`: past the reveal epoch. */
export const isCommitExpired = (s: Store, netuid: number, commitEpoch: bigint): boolean =>
  currentEpochWithLookahead(s, netuid) > commitEpoch + S.RevealPeriodEpochs.get(s, netuid)

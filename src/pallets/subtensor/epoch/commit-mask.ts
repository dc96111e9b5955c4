// The commit-reveal column mask of epoch_mechanism: per validator, the earliest block among its
// unexpired commits (CR-v2's first unexpired queue entry, every unexpired CR-v4 epoch bucket);
// u64::MAX means no active commit.
import type { Store } from '../../../frame/declare/storage.js'
import { isCommitExpired } from '../commit-reveal/epochs.js'
import { SubtensorStorage as S } from '../storage.js'

const U64_MAX = (1n << 64n) - 1n
const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex')

export function commitBlocks(s: Store, netuid: number, netuidIndex: number, n: number, uidOf: Map<string, number>): bigint[] {
  const out: bigint[] = new Array<bigint>(n).fill(U64_MAX)
  const lower = (who: Uint8Array, block: bigint): void => {
    const i = uidOf.get(hexOf(who))
    if (i !== undefined && i < n && block < (out[i] as bigint)) out[i] = block
  }
  for (const [who, queue] of S.WeightCommits.iterPrefix(s, netuidIndex)) {
    for (const [, commitEpoch, commitBlock] of queue) {
      if (!isCommitExpired(s, netuid, commitEpoch)) {
        lower(who, commitBlock)
        break
      }
    }
  }
  for (const [commitEpoch, queue] of S.TimelockedWeightCommits.iterPrefix(s, netuidIndex)) {
    if (isCommitExpired(s, netuid, commitEpoch)) continue
    for (const [who, commitBlock] of queue) lower(who, commitBlock)
  }
  return out
}

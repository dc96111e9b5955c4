// The commit-reveal column mask of epoch_mechanism: per validator, the earliest block among its
// unexpired commits (CR-v2's first unexpired queue entry, every unexpired CR-v4 epoch bucket);
// u64::MAX means no active commit.
import type { Store } from '../../../frame/declare/storage.js'
import { keyString } from '../../../storage/kv.js'
import { isCommitExpired } from '../commit-reveal/epochs.js'
import { SubtensorStorage as S } from '../storage.js'

const U64_MAX = (1n << 64n) - 1n

/** `keyed`: the Keys rows (hotkey, uid) the epoch has read; a committer's uid is looked up there. */
export function commitBlocks(s: Store, netuid: number, netuidIndex: number, n: number, keyed: ReadonlyArray<readonly [Uint8Array, number]>): bigint[] {
  const out: bigint[] = new Array<bigint>(n).fill(U64_MAX)
  // (built at the first commit: most epochs have none)
  let uidOf: Map<string, number> | null = null
  const lower = (who: Uint8Array, block: bigint): void => {
    uidOf ??= new Map(keyed.map(([hk, uid]) => [keyString(hk), uid]))
    const i = uidOf.get(keyString(who))
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

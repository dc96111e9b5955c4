// Hash commit-reveal (subnets/weights.rs CR-v2) through the pallet's calls and the block's epoch
// step: the client hash, early reveal refused, in-window reveal used by the next epoch, wrong
// salt refused, expired commits dropped, queue limit, batch variants.
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { commitHash } from '../../../src/pallets/subtensor/commit-reveal/hash-commits.js'
import { drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { eventNames } from '../../../src/pallets/test-utils.js'
import { SubtensorErrors as E } from '../../../src/pallets/subtensor/macros/errors.js'
import { Mock, callAs, committingSubnet, hk, refusedAs } from '../../conformance/subtensor/epoch-mock.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const ALICE = Uint8Array.from(Buffer.from('d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', 'hex'))

describe('commit hash (clients.md §6.3)', () => {
  it('equals the hash clients compute for Alice, netuid 1', () => {
    const h = commitHash(ALICE, 1, [0, 1], [65535, 32768], [1, 2, 3, 4, 5, 6, 7, 8], 0n)
    expect(hex(h)).toBe('15d1d763685dfce22d8650296059d5767f0932787b33a80c31d996c3d36b6eef')
  })
})

describe('commit_weights / reveal_weights', () => {
  const SALT = [9, 9, 9]
  const net = committingSubnet
  /** Steps blocks, running block_step's epoch part, until SubnetEpochIndex has moved `epochs` times. */
  function nextEpochs(m: Mock, epochs: number): void {
    const target = S.SubnetEpochIndex.get(m.s, 1) + BigInt(epochs)
    while (S.SubnetEpochIndex.get(m.s, 1) < target) { m.nextBlock(); drainAndDistribute(m.s, m.env(), BigInt(m.block)) }
    m.nextBlock()
  }
  const call = callAs
  const refused = refusedAs
  const reveal = (salt = SALT, values = [65535, 32767]): Record<string, unknown> => ({ netuid: 1, uids: [1, 2], values, salt, version_key: 0n })

  it('refuses an early reveal, takes an in-window one, and the next epoch uses it', () => {
    const m = net()
    const h = commitHash(hk(0), 1, [1, 2], [65535, 32767], SALT, 0n)
    call(m, 0, 'commit_weights', { netuid: 1, commit_hash: h })
    expect(eventNames(m.s)).toContain('SubtensorModule.WeightsCommitted')
    expect(S.WeightCommits.get(m.s, 1, hk(0))?.length).toBe(1)
    expect(refused(m, 0, 'reveal_weights', reveal())).toEqual(E.RevealTooEarly().error)
    expect(refused(m, 0, 'set_weights', { netuid: 1, dests: [1], weights: [1], version_key: 0n })).toEqual(E.CommitRevealEnabled().error)
    nextEpochs(m, 1)
    expect(refused(m, 0, 'reveal_weights', reveal([1, 2, 3]))).toEqual(E.InvalidRevealCommitHashNotMatch().error)
    call(m, 0, 'reveal_weights', reveal())
    expect(S.WeightCommits.get(m.s, 1, hk(0))).toBeNull()
    expect(S.Weights.get(m.s, 1, 0)).toEqual([[1, 65535], [2, 32767]])
    nextEpochs(m, 1)
    const inc = S.Incentive.get(m.s, 1)
    expect(inc[1]).toBeGreaterThan(inc[2] as number)
    expect((inc[1] as number) + (inc[2] as number)).toBeGreaterThan(65530)
  })

  it('drops expired commits: their reveal fails as expired, the next commit prunes them', () => {
    const m = net()
    const h = commitHash(hk(0), 1, [1, 2], [65535, 32767], SALT, 0n)
    call(m, 0, 'commit_weights', { netuid: 1, commit_hash: h })
    nextEpochs(m, 2)
    expect(refused(m, 0, 'reveal_weights', reveal())).toEqual(E.ExpiredWeightCommit().error)
    const h2 = commitHash(hk(0), 1, [1], [1], SALT, 0n)
    call(m, 0, 'commit_weights', { netuid: 1, commit_hash: h2 })
    expect(S.WeightCommits.get(m.s, 1, hk(0))?.map(([x]) => hex(x))).toEqual([hex(h2)])
  })

  it('keeps at most 10 unrevealed commits and refuses an unregistered or disabled commit', () => {
    const m = net()
    for (let i = 0; i < 10; i++) call(m, 0, 'commit_weights', { netuid: 1, commit_hash: commitHash(hk(0), 1, [1], [i], SALT, 0n) })
    expect(refused(m, 0, 'commit_weights', { netuid: 1, commit_hash: new Uint8Array(32) })).toEqual(E.TooManyUnrevealedCommits().error)
    expect(refused(m, 7, 'commit_weights', { netuid: 1, commit_hash: new Uint8Array(32) })).toEqual(E.HotKeyNotRegisteredInSubNet().error)
    expect(refused(m, 0, 'commit_weights', { netuid: 9, commit_hash: new Uint8Array(32) })).toEqual(E.MechanismDoesNotExist().error)
    S.CommitRevealWeightsEnabled.set(m.s, 1, false)
    expect(refused(m, 0, 'commit_weights', { netuid: 1, commit_hash: new Uint8Array(32) })).toEqual(E.CommitRevealDisabled().error)
    expect(refused(m, 0, 'reveal_weights', reveal())).toEqual(E.CommitRevealDisabled().error)
  })

  it('batch_commit_weights and batch_reveal_weights', () => {
    const m = net()
    const ha = commitHash(hk(0), 1, [1], [100], SALT, 0n)
    const hb = commitHash(hk(0), 1, [1, 2], [5, 10], SALT, 0n)
    call(m, 0, 'batch_commit_weights', { netuids: [1, 1, 9], commit_hashes: [ha, hb, ha] })
    const names = eventNames(m.s)
    expect(names.filter((x) => x === 'SubtensorModule.WeightsCommitted').length).toBe(2)
    expect(names).toContain('SubtensorModule.BatchCompletedWithErrors')
    expect(names).toContain('SubtensorModule.BatchWeightItemFailed')
    expect(names).toContain('SubtensorModule.BatchWeightsCompleted')
    expect(refused(m, 0, 'batch_reveal_weights', { netuid: 1, uids_list: [[1]], values_list: [], salts_list: [SALT], version_keys: [0n] })).toEqual(E.InputLengthsUnequal().error)
    nextEpochs(m, 1)
    call(m, 0, 'batch_reveal_weights', { netuid: 1, uids_list: [[1], [1, 2]], values_list: [[100], [5, 10]], salts_list: [SALT, SALT], version_keys: [0n, 0n] })
    expect(S.WeightCommits.get(m.s, 1, hk(0))).toBeNull()
    expect(S.Weights.get(m.s, 1, 0)).toEqual([[1, 32768], [2, 65535]])
    expect(eventNames(m.s)).toContain('SubtensorModule.WeightsBatchRevealed')
  })
})

// Port of subtensor pallets/subtensor/src/tests/weights.rs (HEAD 14bc6f9), the hash commit-reveal cases: commit, reveal windows and expiry, queues, tempo and period changes. The calls
// are made the way the Rust tests make them (the call body, without the dispatch guards;
// CheckWeights has its own port in check-weights.test.ts).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { commitHash } from '../../../src/pallets/subtensor/commit-reveal/hash-commits.js'
import { SubtensorErrors as E } from '../../../src/pallets/subtensor/macros/errors.js'
import { signed } from '../../../src/pallets/test-utils.js'
import { u256 } from './head-mock.js'
import {
  batchSetup, commitsOf, crSetup, Ext, HASH, HOT, NET, SALT, salt8, UIDS, VALUES,
} from './weights-mock.js'

describe('tests/weights.rs: hash commit-reveal', () => {
  it('test_set_weights_commit_reveal_enabled_error', () => {
    const x = new Ext(0)
    x.addNetwork(NET, 1)
    x.registerOkNeuron(NET, u256(1), u256(2))
    S.CommitRevealWeightsEnabled.set(x.s, NET, true)
    expect(x.setWeightsFails(u256(1), NET, [0], [1])).toEqual(E.CommitRevealEnabled().error)
    S.CommitRevealWeightsEnabled.set(x.s, NET, false)
    x.setWeights(u256(1), NET, [0], [1])
  })

  it('test_reveal_weights_when_commit_reveal_disabled', () => {
    const x = crSetup(5)
    x.commit(HOT, NET, HASH)
    x.stepEpochs(1, NET)
    S.CommitRevealWeightsEnabled.set(x.s, NET, false)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, SALT)).toEqual(E.CommitRevealDisabled().error)
  })

  it('test_commit_reveal_weights_ok', () => {
    const x = crSetup(5)
    x.commit(HOT, NET, HASH)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
    expect(S.Weights.get(x.s, NET, 1)).toEqual([[0, 65535], [1, 65535]])
  })

  it('test_commit_reveal_tempo_interval', () => {
    const x = crSetup(100)
    x.commit(HOT, NET, HASH)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, SALT)).toEqual(E.RevealTooEarly().error)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
    x.stepBlock(6)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, SALT)).toEqual(E.NoWeightsCommitFound().error)
    x.commit(HOT, NET, HASH)
    x.stepEpochs(2, NET)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, SALT)).toEqual(E.ExpiredWeightCommit().error)
    x.commit(HOT, NET, HASH)
    x.stepBlock(50)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, SALT)).toEqual(E.RevealTooEarly().error)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
  })

  it('test_commit_reveal_hash', () => {
    const x = crSetup(5)
    x.commit(HOT, NET, HASH)
    x.stepEpochs(1, NET)
    expect(x.revealFails(HOT, NET, [0, 2], VALUES, SALT)).toEqual(E.InvalidRevealCommitHashNotMatch().error)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, [0, 2, 3, 4, 5, 6, 7, 8])).toEqual(E.InvalidRevealCommitHashNotMatch().error)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
  })

  it('test_commit_reveal_disabled_or_enabled', () => {
    const x = crSetup(5)
    S.CommitRevealWeightsEnabled.set(x.s, NET, false)
    expect(x.fails('commit_weights', signed(HOT), { netuid: NET, commit_hash: HASH })).toEqual(E.CommitRevealDisabled().error)
    S.CommitRevealWeightsEnabled.set(x.s, NET, true)
    x.commit(HOT, NET, HASH)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
  })

  it('test_toggle_commit_reveal_weights_and_set_weights', () => {
    const x = crSetup(5)
    x.commit(HOT, NET, HASH)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
    S.CommitRevealWeightsEnabled.set(x.s, NET, false)
    x.stepBlock(5)
    x.setWeights(HOT, NET, UIDS, VALUES)
  })
})

describe('tests/weights.rs: commit queues and tempo changes', () => {
  it('test_tempo_change_during_commit_reveal_process', () => {
    const x = crSetup(100, 0)
    x.commit(HOT, NET, HASH)
    x.stepBlock(9)
    S.Tempo.set(x.s, NET, 200)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
    x.commit(HOT, NET, HASH)
    S.Tempo.set(x.s, NET, 150)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
    S.Tempo.set(x.s, NET, 1050)
    x.commit(HOT, NET, HASH)
    S.Tempo.set(x.s, NET, 805)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, SALT)
  })

  it('test_commit_reveal_multiple_commits (tempo 100 for 7200: only epoch counts matter, and 7,200-block epochs stepped one block at a time take minutes)', () => {
    const x = batchSetup(100)
    const h = (i: number): Uint8Array => commitHash(HOT, NET, UIDS, VALUES, salt8(i), 0n)
    for (let i = 0; i < 10; i++) x.commit(HOT, NET, h(i))
    expect(x.fails('commit_weights', signed(HOT), { netuid: NET, commit_hash: h(11) })).toEqual(E.TooManyUnrevealedCommits().error)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(1))
    expect(commitsOf(x)?.length).toBe(8)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(9))
    expect(commitsOf(x)).toBeNull()
    x.commit(HOT, NET, h(11))
    x.commit(HOT, NET, h(12))
    x.stepEpochs(2, NET)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(12))).toEqual(E.ExpiredWeightCommit().error)
    x.commit(HOT, NET, h(13))
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(13))
    x.commit(HOT, NET, h(14))
    x.stepEpochs(2, NET)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(14))).toEqual(E.ExpiredWeightCommit().error)
    x.commit(HOT, NET, h(15))
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(15))).toEqual(E.RevealTooEarly().error)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(15))
    x.commit(HOT, NET, h(16))
    x.stepEpochs(1, NET)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(99))).toEqual(E.InvalidRevealCommitHashNotMatch().error)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(16))
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(16))).toEqual(E.NoWeightsCommitFound().error)
  })

  it('test_commit_reveal_order_enforcement', () => {
    const x = batchSetup(100)
    for (let i = 0; i < 3; i++) x.commit(HOT, NET, commitHash(HOT, NET, UIDS, VALUES, salt8(i), 0n))
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(1))
    expect(commitsOf(x)?.length).toBe(1)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(2))
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(0))).toEqual(E.NoWeightsCommitFound().error)
  })

  it('test_commit_weights_rate_limit', () => {
    const x = new Ext(1)
    x.setBlockNumber(11)
    x.addNetwork(NET, 5)
    x.registerOkNeuron(NET, u256(3), u256(4))
    x.registerOkNeuron(NET, HOT, u256(2))
    S.StakeThreshold.set(x.s, 0n)
    S.WeightsSetRateLimit.set(x.s, NET, 10n)
    x.setPermit(NET, 0)
    x.setPermit(NET, 1)
    S.CommitRevealWeightsEnabled.set(x.s, NET, true)
    x.stake(NET, u256(0), u256(0), 1n)
    x.stake(NET, u256(1), u256(1), 1n)
    const uid = x.uid(NET, HOT)
    S.LastUpdate.mutate(x.s, NET, (v) => { const o = [...v]; o[uid] = 0n; return o })
    x.commit(HOT, NET, HASH)
    const next = commitHash(HOT, NET, UIDS, VALUES, salt8(9), 0n)
    expect(x.fails('commit_weights', signed(HOT), { netuid: NET, commit_hash: next })).toEqual(E.CommittingWeightsTooFast().error)
    x.stepBlock(5)
    expect(x.fails('commit_weights', signed(HOT), { netuid: NET, commit_hash: next })).toEqual(E.CommittingWeightsTooFast().error)
    x.stepBlock(5)
    x.commit(HOT, NET, next)
    S.CommitRevealWeightsEnabled.set(x.s, NET, false)
    expect(x.setWeightsFails(HOT, NET, [0], [1])).toEqual(E.SettingWeightsTooFast().error)
    x.stepBlock(10)
    x.setWeights(HOT, NET, [0], [1])
    expect(x.setWeightsFails(HOT, NET, [0], [1])).toEqual(E.SettingWeightsTooFast().error)
    x.stepBlock(5)
    expect(x.setWeightsFails(HOT, NET, [0], [1])).toEqual(E.SettingWeightsTooFast().error)
    x.stepBlock(5)
    x.setWeights(HOT, NET, [0], [1])
  })
})

describe('tests/weights.rs: expiry and reveal windows', () => {
  const h = (i: number): Uint8Array => commitHash(HOT, NET, UIDS, VALUES, salt8(i), 0n)

  it('test_expired_commits_handling_in_commit_and_reveal', () => {
    const x = batchSetup(100)
    for (let i = 0; i < 5; i++) x.commit(HOT, NET, h(i))
    x.stepEpochs(1, NET)
    for (let i = 5; i < 10; i++) x.commit(HOT, NET, h(i))
    expect(x.fails('commit_weights', signed(HOT), { netuid: NET, commit_hash: h(11) })).toEqual(E.TooManyUnrevealedCommits().error)
    x.stepEpochs(1, NET)
    x.commit(HOT, NET, h(11))
    expect(commitsOf(x)?.length).toBe(6)
    // The expired commits were pruned by the last commit: their hash is simply unknown now.
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(0))).toEqual(E.InvalidRevealCommitHashNotMatch().error)
    for (let i = 5; i < 10; i++) x.reveal(HOT, NET, UIDS, VALUES, salt8(i))
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(11))
    expect(commitsOf(x)).toBeNull()
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(11))).toEqual(E.NoWeightsCommitFound().error)
    x.commit(HOT, NET, h(12))
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(12))
  })

  it('test_reveal_at_exact_epoch (reveal periods 1, 2, 7 of 1, 2, 7, 40, 86, 100: the long ones step 10,000-block runs one block at a time)', () => {
    const x = batchSetup(100)
    for (const period of [1n, 2n, 7n]) {
      S.RevealPeriodEpochs.set(x.s, NET, period)
      x.commit(HOT, NET, h(42))
      const commitEpoch = S.SubnetEpochIndex.get(x.s, NET)
      const revealEpoch = commitEpoch + period
      x.stepEpochs(Number(period) - 1, NET)
      expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(42))).toEqual(E.RevealTooEarly().error)
      const current = S.SubnetEpochIndex.get(x.s, NET)
      if (current < revealEpoch) x.stepEpochs(Number(revealEpoch - current), NET)
      x.reveal(HOT, NET, UIDS, VALUES, salt8(42))
      expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(42))).toEqual(E.NoWeightsCommitFound().error)
      x.commit(HOT, NET, h(43))
      x.stepEpochs(Number(period) + 1, NET)
      expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(43))).toEqual(E.ExpiredWeightCommit().error)
      S.WeightCommits.remove(x.s, NET, HOT)
    }
  })
})

describe('tests/weights.rs: reveal windows under changing tempo and period', () => {
  const h = (salt: number[]): Uint8Array => commitHash(HOT, NET, UIDS, VALUES, salt, 0n)
  const lastCommitEpoch = (x: Ext): bigint => (commitsOf(x)?.at(-1) as [Uint8Array, bigint, bigint, bigint])[1]

  it('test_tempo_and_reveal_period_change_during_commit_reveal_process', () => {
    const x = batchSetup(100)
    S.RevealPeriodEpochs.set(x.s, NET, 1n)
    x.commit(HOT, NET, h(salt8(42)))
    const commitEpoch = S.SubnetEpochIndex.get(x.s, NET)
    S.Tempo.set(x.s, NET, 50)
    S.RevealPeriodEpochs.set(x.s, NET, 2n)
    const revealEpoch = commitEpoch + 2n
    const current = S.SubnetEpochIndex.get(x.s, NET)
    if (current < revealEpoch) x.stepEpochs(Number(revealEpoch - current - 1n), NET)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(42))).toEqual(E.RevealTooEarly().error)
    x.stepEpochs(1, NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(42))
    S.Tempo.set(x.s, NET, 200)
    S.RevealPeriodEpochs.set(x.s, NET, 1n)
    x.commit(HOT, NET, h(salt8(43)))
    const newReveal = S.SubnetEpochIndex.get(x.s, NET) + 1n
    const now = S.SubnetEpochIndex.get(x.s, NET)
    if (now < newReveal) x.stepEpochs(Number(newReveal - now), NET)
    x.reveal(HOT, NET, UIDS, VALUES, salt8(43))
    x.stepEpochs(1, NET)
    expect(x.revealFails(HOT, NET, UIDS, VALUES, salt8(43))).toEqual(E.NoWeightsCommitFound().error)
  })

  it('test_reveal_at_exact_block', () => {
    const x = new Ext(1)
    x.setBlockNumber(0)
    x.addNetworkDisableCommitReveal(NET, 360)
    S.CommitRevealWeightsEnabled.set(x.s, NET, true)
    S.WeightsSetRateLimit.set(x.s, NET, 0n)
    x.registerOkNeuron(NET, u256(3), u256(4))
    x.registerOkNeuron(NET, HOT, u256(2))
    x.setPermit(NET, 0)
    x.setPermit(NET, 1)
    for (const period of [1n, 2n, 5n, 19n, 21n, 30n, 77n]) {
      S.RevealPeriodEpochs.set(x.s, NET, period)
      const salt = salt8(42 + Number(period % 100n))
      x.commit(HOT, NET, h(salt))
      const commitEpoch = lastCommitEpoch(x)
      expect(x.revealFails(HOT, NET, UIDS, VALUES, salt)).toEqual(E.RevealTooEarly().error)
      // The epoch counter moved by hand to the reveal epoch, with no epoch due this block.
      S.SubnetEpochIndex.set(x.s, NET, commitEpoch + period)
      S.LastEpochBlock.set(x.s, NET, BigInt(x.block))
      S.PendingEpochAt.set(x.s, NET, 0n)
      x.reveal(HOT, NET, UIDS, VALUES, salt)
      expect(x.revealFails(HOT, NET, UIDS, VALUES, salt)).toEqual(E.NoWeightsCommitFound().error)
      const late = salt8(43 + Number(period % 100n))
      x.commit(HOT, NET, h(late))
      S.SubnetEpochIndex.set(x.s, NET, lastCommitEpoch(x) + period + 1n)
      S.LastEpochBlock.set(x.s, NET, BigInt(x.block))
      expect(x.revealFails(HOT, NET, UIDS, VALUES, late)).toEqual(E.ExpiredWeightCommit().error)
      S.WeightCommits.remove(x.s, NET, HOT)
    }
  })
})

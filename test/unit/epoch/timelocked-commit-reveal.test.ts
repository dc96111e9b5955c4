// Timelocked commit-reveal (subnets/weights.rs internal_commit_timelocked_weights and
// coinbase/reveal_commits.rs at HEAD) through the pallet's calls and block_step's reveal:
// commits keyed by epoch, the checks in the chain's order, the reveal at the reveal epoch once the
// round's pulse is stored, retry while it is missing, expiry, and undecryptable or foreign commits dropped.
import { subtensorDispatchExtension } from '../../../src/pallets/subtensor/swap/guard.js'
import { describe, expect, it } from 'vitest'
import { blake2_256 } from '../../../src/codec/hashing.js'
import { DrandStorage as D, publicKeyOf, randomnessOf, signRound } from '../../../src/pallets/drand/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { revealCrv3Commits } from '../../../src/pallets/subtensor/commit-reveal/timelocked.js'
import { drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { SubtensorErrors as E } from '../../../src/pallets/subtensor/macros/errors.js'
import { events } from '../../../src/pallets/test-utils.js'
import { validateSubtensorCall, CustomTransactionError } from '../../../src/pallets/subtensor/extensions/subtensor.js'
import { encryptWeights } from '../../../src/tools/timelock/index.js'
import { Mock, callAs, committingSubnet, hk, refusedAs } from '../../conformance/subtensor/epoch-mock.js'

const SK = new Uint8Array(32).fill(21)
const PK = publicKeyOf(SK)
const ROUND = 5000n

const net = committingSubnet

/** One block of block_step's order: reveal, then the epochs that are due. */
function step(m: Mock): void {
  m.nextBlock()
  revealCrv3Commits(m.s, m.env())
  drainAndDistribute(m.s, m.env(), BigInt(m.block))
}
function untilEpoch(m: Mock, epoch: bigint): void {
  while (S.SubnetEpochIndex.get(m.s, 1) < epoch) step(m)
}
const storePulse = (m: Mock, round: bigint): void => {
  const signature = signRound(SK, round)
  D.Pulses.set(m.s, round, { round, randomness: randomnessOf(signature), signature })
}
const commitArgs = (uid: number, o: { uids?: number[]; values?: number[]; round?: bigint; hotkey?: Uint8Array } = {}) => ({
  netuid: 1,
  commit: encryptWeights({ hotkey: o.hotkey ?? hk(uid), uids: o.uids ?? [1, 2], values: o.values ?? [65535, 32767], versionKey: 0n, round: o.round ?? ROUND, publicKey: PK }),
  reveal_round: o.round ?? ROUND,
  commit_reveal_version: 4,
})
const call = callAs
const refused = refusedAs

describe('commit_timelocked_weights (113) and the reveal in block_step', () => {
  it('stores the commit under its epoch and reveals it at the reveal epoch with the round\'s pulse', () => {
    const m = net()
    const args = commitArgs(0)
    const epoch = S.SubnetEpochIndex.get(m.s, 1)
    call(m, 0, 'commit_timelocked_weights', args)
    expect(S.TimelockedWeightCommits.get(m.s, 1, epoch)).toEqual([[hk(0), BigInt(m.block), args.commit, ROUND]])
    expect(events(m.s).at(-1)).toMatchObject({ name: 'SubtensorModule.TimelockedWeightsCommitted', value: [hk(0), 1, blake2_256(args.commit), ROUND] })
    expect(S.LastUpdate.get(m.s, 1)[0]).toBe(BigInt(m.block))
    storePulse(m, ROUND)
    // the pulse is there, but the reveal epoch (commit epoch + RevealPeriodEpochs = 1) is not
    step(m)
    expect(S.Weights.get(m.s, 1, 0)).toEqual([])
    untilEpoch(m, epoch + 1n)
    // the epoch that moved the counter ran in block_step after the reveal; the next block reveals
    step(m)
    expect(S.Weights.get(m.s, 1, 0)).toEqual([[1, 65535], [2, 32767]])
    expect(events(m.s).map((e) => e.name)).toContain('SubtensorModule.TimelockedWeightsRevealed')
    expect([...S.TimelockedWeightCommits.iterPrefix(m.s, 1)]).toEqual([])
  })

  it('keeps a commit whose pulse is missing through its reveal epoch, then drops it', () => {
    const m = net()
    const epoch = S.SubnetEpochIndex.get(m.s, 1)
    call(m, 0, 'commit_timelocked_weights', commitArgs(0))
    untilEpoch(m, epoch + 1n)
    step(m)
    expect(S.TimelockedWeightCommits.get(m.s, 1, epoch)?.length).toBe(1) // retried every block
    storePulse(m, ROUND)
    step(m)
    expect(S.Weights.get(m.s, 1, 0)).toEqual([[1, 65535], [2, 32767]])
    // a second commit never gets its pulse: gone once its reveal epoch has passed
    const e2 = S.SubnetEpochIndex.get(m.s, 1)
    call(m, 0, 'commit_timelocked_weights', commitArgs(0, { round: ROUND + 100n }))
    untilEpoch(m, e2 + 2n)
    step(m)
    expect([...S.TimelockedWeightCommits.iterPrefix(m.s, 1)]).toEqual([])
  })

  it('drops garbage, a payload naming another hotkey and one whose weights fail; the others are revealed', () => {
    const m = net()
    const epoch = S.SubnetEpochIndex.get(m.s, 1)
    call(m, 0, 'commit_timelocked_weights', { ...commitArgs(0), commit: new Uint8Array(200).fill(9) })
    call(m, 0, 'commit_timelocked_weights', commitArgs(0, { hotkey: hk(1), values: [1, 1] }))
    call(m, 0, 'commit_timelocked_weights', commitArgs(0, { uids: [7], values: [1] })) // uid 7 does not exist
    call(m, 0, 'commit_timelocked_weights', commitArgs(0, { uids: [2], values: [9] }))
    storePulse(m, ROUND)
    untilEpoch(m, epoch + 1n)
    step(m)
    expect(S.Weights.get(m.s, 1, 0)).toEqual([[2, 65535]])
    expect(events(m.s).filter((e) => e.name === 'SubtensorModule.TimelockedWeightsRevealed').length).toBe(1)
    expect([...S.TimelockedWeightCommits.iterPrefix(m.s, 1)]).toEqual([])
  })

  it('checks in the chain\'s order and changes nothing on failure', () => {
    const m = net()
    expect(refused(m, 0, 'commit_timelocked_weights', { ...commitArgs(0), netuid: 9 })).toEqual(E.MechanismDoesNotExist().error)
    expect(refused(m, 0, 'commit_timelocked_mechanism_weights', { ...commitArgs(0), mecid: 1 })).toEqual(E.MechanismDoesNotExist().error)
    expect(refused(m, 0, 'commit_timelocked_weights', { ...commitArgs(0), commit_reveal_version: 3 })).toEqual(E.IncorrectCommitRevealVersion().error)
    expect(refused(m, 5, 'commit_timelocked_weights', commitArgs(5))).toEqual(E.HotKeyNotRegisteredInSubNet().error)
    S.CommitRevealWeightsEnabled.set(m.s, 1, false)
    expect(refused(m, 0, 'commit_timelocked_weights', { ...commitArgs(0), commit_reveal_version: 3 })).toEqual(E.CommitRevealDisabled().error)
    S.CommitRevealWeightsEnabled.set(m.s, 1, true)
    call(m, 0, 'commit_timelocked_weights', commitArgs(0))
    S.WeightsSetRateLimit.set(m.s, 1, 100n)
    expect(refused(m, 0, 'commit_timelocked_weights', commitArgs(0))).toEqual(E.CommittingWeightsTooFast().error)
    S.WeightsSetRateLimit.set(m.s, 1, 0n)
    for (let i = 1; i < 10; i++) call(m, 0, 'commit_crv3_mechanism_weights', { netuid: 1, mecid: 0, commit: new Uint8Array([i]), reveal_round: ROUND })
    expect(refused(m, 0, 'commit_timelocked_weights', commitArgs(0))).toEqual(E.TooManyUnrevealedCommits().error)
  })

  it('refuses a reveal round below Drand.LastStoredRound: InvalidRevealRound, Custom(15) in the pool', () => {
    const m = net()
    D.LastStoredRound.set(m.s, ROUND + 1n)
    const args = commitArgs(0)
    const poolCall = { type: 'SubtensorModule', value: { type: 'commit_timelocked_weights', value: args } }
    // at dispatch the CheckWeights guard (the signed-origin dispatch extension) refuses it
    expect(subtensorDispatchExtension(m.s, hk(0), poolCall)?.error).toEqual(E.InvalidRevealRound().error)
    expect(validateSubtensorCall(m.s, hk(0), poolCall)).toBe(CustomTransactionError.InvalidRevealRound)
    D.LastStoredRound.set(m.s, ROUND)
    expect(validateSubtensorCall(m.s, hk(0), poolCall)).toBeNull()
    call(m, 0, 'commit_timelocked_weights', args)
  })
})

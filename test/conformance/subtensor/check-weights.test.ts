// Port of subtensor pallets/subtensor/src/guards/check_weights.rs's tests (HEAD 14bc6f9): the
// CheckWeights dispatch guard refuses each weight call before its body runs, in the chain's order
// (batch lengths, stake threshold, then the reveal's commit and window or a timelocked commit's
// drand round), and the pool (SubtensorTransactionExtension) refuses the same calls with the
// matching CustomTransactionError codes. `weight_only_charges_weight_related_calls` is not ported:
// the node does not charge the dispatch guards' benchmark weight.
import { describe, expect, it } from 'vitest'
import { twox128 } from '../../../src/codec/hashing.js'
import type { RuntimeCallValue } from '../../../src/frame/declare/pallet.js'
import type { DispatchFailure } from '../../../src/frame/primitives.js'
import { CustomTransactionError as C, SubtensorStorage as S, validateSubtensorCall } from '../../../src/pallets/subtensor/index.js'
import { drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { commitHash } from '../../../src/pallets/subtensor/commit-reveal/hash-commits.js'
import { checkWeights } from '../../../src/pallets/subtensor/extensions/check-weights.js'
import { SubtensorErrors as E } from '../../../src/pallets/subtensor/macros/errors.js'
import { subtensorDispatchExtension } from '../../../src/pallets/subtensor/swap/guard.js'
import { callHandler, signed } from '../../../src/pallets/test-utils.js'
import { hk, Mock } from './epoch-mock.js'

const NETUID = 1
const HOT = hk(0)
const COMMIT = new Uint8Array([0])

const sm = (type: string, value: Record<string, unknown>): RuntimeCallValue => ({ type: 'SubtensorModule', value: { type, value } })
const setWeightsCall = (netuid: number, uid: number) => sm('set_weights', { netuid, dests: [uid], weights: [1], version_key: 0n })
const revealWeightsCall = (netuid: number) => sm('reveal_weights', { netuid, uids: [0], values: [1], salt: [1], version_key: 0n })
const revealMechanismWeightsCall = (netuid: number, mecid: number) => sm('reveal_mechanism_weights', { netuid, mecid, uids: [0], values: [1], salt: [1], version_key: 0n })
const batchRevealCall = (netuid: number) => sm('batch_reveal_weights', { netuid, uids_list: [[0]], values_list: [[1]], salts_list: [[1]], version_keys: [0n] })
const timelockedCalls = (netuid: number, revealRound: bigint) => [
  sm('commit_timelocked_weights', { netuid, commit: COMMIT, reveal_round: revealRound, commit_reveal_version: 0 }),
  sm('commit_timelocked_mechanism_weights', { netuid, mecid: 0, commit: COMMIT, reveal_round: revealRound, commit_reveal_version: 0 }),
  sm('commit_crv3_mechanism_weights', { netuid, mecid: 0, commit: COMMIT, reveal_round: revealRound }),
]

/** `checked_weight_calls`: one call of each kind the guard applies to. */
const checkedWeightCalls = (netuid: number): RuntimeCallValue[] => [
  setWeightsCall(netuid, 0),
  sm('set_mechanism_weights', { netuid, mecid: 0, dests: [0], weights: [1], version_key: 0n }),
  sm('batch_set_weights', { netuids: [netuid], weights: [[[0, 1]]], version_keys: [0n] }),
  sm('commit_weights', { netuid, commit_hash: new Uint8Array(32) }),
  sm('commit_mechanism_weights', { netuid, mecid: 0, commit_hash: new Uint8Array(32) }),
  sm('batch_commit_weights', { netuids: [netuid], commit_hashes: [new Uint8Array(32)] }),
  revealWeightsCall(netuid),
  revealMechanismWeightsCall(netuid, 0),
  batchRevealCall(netuid),
  ...timelockedCalls(netuid, 0n),
]

/** `dispatch_with_extension`: the guard, then (if it passes) the call body. */
function dispatchWithExt(m: Mock, who: Uint8Array, call: RuntimeCallValue): DispatchFailure | null {
  const refused = subtensorDispatchExtension(m.s, who, call)
  if (refused !== null) return refused
  callHandler(m.env(), call.type, call.value.type, signed(who), call.value.value as Record<string, unknown>)
  return null
}

/** `register_neuron` in `new_test_ext(0)`: a subnet of tempo 1 with the hotkey at uid 0, registered in block 0
 * (so LastUpdate 0 reads as "never set" and no rate limit applies). */
function registerNeuron(opts: { commitReveal?: boolean } = {}): Mock {
  const m = new Mock(0)
  m.addNetwork(NETUID, 1, opts)
  m.register(NETUID, 0, 0n)
  return m
}

/** `step_epochs(n, netuid)`: blocks (with block_step's epoch part) until SubnetEpochIndex has moved n times. */
function stepEpochs(m: Mock, n: number): void {
  const target = S.SubnetEpochIndex.get(m.s, NETUID) + BigInt(n)
  while (S.SubnetEpochIndex.get(m.s, NETUID) < target) { m.nextBlock(); drainAndDistribute(m.s, m.env(), BigInt(m.block)) }
}

describe('guards/check_weights.rs', () => {
  it('unrelated_calls_pass_through', () => {
    const m = registerNeuron()
    const remark: RuntimeCallValue = { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array() } } }
    expect(checkWeights(m.s, HOT, remark)).toBeNull()
    expect(checkWeights(m.s, HOT, sm('add_stake', { hotkey: hk(1), netuid: 1, amount_staked: 1000n }))).toBeNull()
    expect(subtensorDispatchExtension(m.s, HOT, remark)).toBeNull()
  })

  it('mismatched_batch_lengths_are_blocked', () => {
    const m = new Mock(1)
    const calls = [
      sm('batch_commit_weights', { netuids: [NETUID], commit_hashes: [] }),
      sm('batch_reveal_weights', { netuid: NETUID, uids_list: [[0]], values_list: [], salts_list: [[1]], version_keys: [0n] }),
      sm('batch_set_weights', { netuids: [NETUID], weights: [], version_keys: [0n] }),
    ]
    for (const call of calls) {
      expect(dispatchWithExt(m, HOT, call)).toEqual(E.InputLengthsUnequal())
      expect(validateSubtensorCall(m.s, HOT, call)).toBe(C.InputLengthsUnequal)
    }
  })

  it('low_stake_weight_calls_are_blocked', () => {
    const m = registerNeuron({ commitReveal: false })
    S.StakeThreshold.set(m.s, 1_000_000_000_000n)
    for (const call of checkedWeightCalls(NETUID)) {
      expect(dispatchWithExt(m, HOT, call)).toEqual(E.NotEnoughStakeToSetWeights())
      expect(validateSubtensorCall(m.s, HOT, call)).toBe(C.StakeAmountTooLow)
    }
  })

  it('valid_set_weights_call_dispatches', () => {
    const m = registerNeuron({ commitReveal: false })
    S.StakeThreshold.set(m.s, 0n)
    const uid = S.Uids.get(m.s, NETUID, HOT) as number
    expect(validateSubtensorCall(m.s, HOT, setWeightsCall(NETUID, uid))).toBeNull()
    expect(dispatchWithExt(m, HOT, setWeightsCall(NETUID, uid))).toBeNull()
    expect(S.Weights.get(m.s, NETUID, uid)).toEqual([[uid, 65535]])
  })

  it('missing_commit_is_blocked', () => {
    const m = registerNeuron()
    for (const call of [revealWeightsCall(NETUID), revealMechanismWeightsCall(NETUID, 0), batchRevealCall(NETUID)]) {
      expect(dispatchWithExt(m, HOT, call)).toEqual(E.NoWeightsCommitFound())
      expect(validateSubtensorCall(m.s, HOT, call)).toBe(C.CommitNotFound)
    }
  })

  it('reveal_before_window_is_blocked', () => {
    const m = registerNeuron()
    S.CommitRevealWeightsEnabled.set(m.s, NETUID, true)
    const hash = commitHash(HOT, NETUID, [0], [1], [1], 0n)
    callHandler(m.env(), 'SubtensorModule', 'commit_weights', signed(HOT), { netuid: NETUID, commit_hash: hash })
    expect(dispatchWithExt(m, HOT, revealWeightsCall(NETUID))).toEqual(E.RevealTooEarly())
    expect(validateSubtensorCall(m.s, HOT, revealWeightsCall(NETUID))).toBe(C.CommitBlockNotInRevealRange)
    // A different hash is not in the queue at all.
    expect(dispatchWithExt(m, HOT, sm('reveal_weights', { netuid: NETUID, uids: [0], values: [1], salt: [2], version_key: 0n }))).toEqual(E.NoWeightsCommitFound())
  })

  for (const [mecid, count] of [[0, null], [1, 2]] as const) {
    it(`valid_mechanism_reveal_dispatches (mecid ${mecid})`, () => {
      const m = registerNeuron()
      if (count !== null) S.MechanismCountCurrent.set(m.s, NETUID, count)
      S.CommitRevealWeightsEnabled.set(m.s, NETUID, true)
      // get_mechanism_storage_index: netuid + mecid × GLOBAL_MAX_SUBNET_COUNT (4096)
      const idx = mecid * 4096 + NETUID
      const hash = commitHash(HOT, idx, [0], [1], [1], 0n)
      callHandler(m.env(), 'SubtensorModule', 'commit_mechanism_weights', signed(HOT), { netuid: NETUID, mecid, commit_hash: hash })
      stepEpochs(m, 1)
      expect(dispatchWithExt(m, HOT, revealMechanismWeightsCall(NETUID, mecid))).toBeNull()
      expect(S.Weights.get(m.s, idx, 0)).toEqual([[0, 65535]])
    })
  }

  it('invalid_reveal_round_is_blocked', () => {
    const m = registerNeuron()
    // pallet_drand's LastStoredRound = 1000 (u64), written at its storage key.
    const key = new Uint8Array([...twox128(new TextEncoder().encode('Drand')), ...twox128(new TextEncoder().encode('LastStoredRound'))])
    const v = new Uint8Array(8)
    new DataView(v.buffer).setBigUint64(0, 1000n, true)
    m.s.set(key, v)
    for (const call of timelockedCalls(NETUID, 999n)) {
      expect(dispatchWithExt(m, HOT, call)).toEqual(E.InvalidRevealRound())
      expect(validateSubtensorCall(m.s, HOT, call)).toBe(C.InvalidRevealRound)
    }
    // The latest stored round itself is still acceptable to the guard.
    for (const call of timelockedCalls(NETUID, 1000n)) expect(checkWeights(m.s, HOT, call)).toBeNull()
  })
})

// The HEAD test runtime (tests/mock.rs at 14bc6f9) as the weights and mechanism ports use it:
// `new_test_ext(block)` with `step_block`, `run_to_block`, `step_epochs`, `add_network` (the mock's
// InitialMinAllowedWeights 0), `register_ok_neuron` (burned_register at burn 0), and the calls
// made the way the Rust tests make them (the call body, without the dispatch guards).
import { expect } from 'vitest'
import { mint } from '../../../src/pallets/balances/index.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { commitHash } from '../../../src/pallets/subtensor/commit-reveal/hash-commits.js'
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { System } from '../../../src/pallets/system/index.js'
import { callHandler, errorOf, failsUntouched, newStore, signed, startBlock, TestEnv } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import { u256 } from './head-mock.js'

/** The HEAD mock's `new_test_ext(block)` with `step_block`, `run_to_block`, `step_epochs`. */
export class Ext {
  readonly s: Overlay
  env: TestEnv
  constructor(public block: number) {
    this.s = newStore()
    subtensorPallet()
    System.Number.set(this.s, block)
    this.env = new TestEnv(this.s, block)
  }

  /** `System::set_block_number`. */
  setBlockNumber(n: number): void { this.block = n; System.Number.set(this.s, n); this.env = new TestEnv(this.s, n) }
  stepBlock(n = 1): void {
    for (let i = 0; i < n; i++) {
      this.block++
      this.env = startBlock(this.s, this.block)
      subtensorPallet().hooks.onInitialize!({ s: this.s, env: this.env, blockNumber: this.block })
    }
  }
  runToBlock(n: number): void { while (this.block < n) this.stepBlock() }
  stepEpochs(count: number, netuid: number): void {
    const target = S.SubnetEpochIndex.get(this.s, netuid) + BigInt(count)
    while (S.SubnetEpochIndex.get(this.s, netuid) < target) this.stepBlock()
  }

  /** `add_network`: the mock's InitialMinAllowedWeights is 0. */
  addNetwork(netuid: number, tempo: number): void {
    initNewNetwork(this.s, netuid, tempo)
    S.NetworkRegistrationAllowed.set(this.s, netuid, true)
    S.FirstEmissionBlockNumber.set(this.s, netuid, 1n)
    S.SubtokenEnabled.set(this.s, netuid, true)
    S.MinAllowedWeights.set(this.s, netuid, 0)
  }
  addNetworkDisableCommitReveal(netuid: number, tempo: number): void {
    this.addNetwork(netuid, tempo)
    S.CommitRevealWeightsEnabled.set(this.s, netuid, false)
    S.Yuma3On.set(this.s, netuid, false)
  }

  /** `register_ok_neuron`: burned_register at burn 0 with 1e12/1e12 reserves, as the mock does. */
  registerOkNeuron(netuid: number, hot: Uint8Array, cold: Uint8Array): void {
    S.Burn.set(this.s, netuid, 0n)
    if (S.SubnetTAO.get(this.s, netuid) === 0n && S.SubnetAlphaIn.get(this.s, netuid) === 0n) {
      S.SubnetTAO.set(this.s, netuid, 1_000_000_000_000n)
      S.SubnetAlphaIn.set(this.s, netuid, 1_000_000_000_000n)
    }
    mint(this.s, this.env, cold, 1_000_000n)
    callHandler(this.env, 'SubtensorModule', 'burned_register', signed(cold), { netuid, hotkey: hot })
  }
  uid(netuid: number, hot: Uint8Array): number {
    const uid = S.Uids.get(this.s, netuid, hot)
    expect(uid).not.toBeNull()
    return uid as number
  }
  setPermit(netuid: number, uid: number): void {
    S.ValidatorPermit.mutate(this.s, netuid, (v) => { const o = [...v]; o[uid] = true; return o })
  }
  stake(netuid: number, hot: Uint8Array, cold: Uint8Array, amount: bigint): void {
    increaseStakeForHotkeyAndColdkeyOnSubnet(this.s, hot, cold, netuid, amount)
  }

  call(name: string, origin: Origin, args: Record<string, unknown>): void {
    callHandler(this.env, 'SubtensorModule', name, origin, args)
  }
  fails(name: string, origin: Origin, args: Record<string, unknown>): unknown {
    return errorOf(failsUntouched(this.s, () => this.call(name, origin, args)))
  }
  setWeights(hot: Uint8Array, netuid: number, dests: number[], weights: number[], versionKey = 0n): void {
    this.call('set_weights', signed(hot), { netuid, dests, weights, version_key: versionKey })
  }
  setWeightsFails(hot: Uint8Array, netuid: number, dests: number[], weights: number[], versionKey = 0n): unknown {
    return this.fails('set_weights', signed(hot), { netuid, dests, weights, version_key: versionKey })
  }
  commit(hot: Uint8Array, netuid: number, hash: Uint8Array): void {
    this.call('commit_weights', signed(hot), { netuid, commit_hash: hash })
  }
  reveal(hot: Uint8Array, netuid: number, uids: number[], values: number[], salt: number[], versionKey = 0n): void {
    this.call('reveal_weights', signed(hot), { netuid, uids, values, salt, version_key: versionKey })
  }
  revealFails(hot: Uint8Array, netuid: number, uids: number[], values: number[], salt: number[], versionKey = 0n): unknown {
    return this.fails('reveal_weights', signed(hot), { netuid, uids, values, salt, version_key: versionKey })
  }

  /** The file's `commit_reveal_set_weights`: enable CR, commit, one epoch, reveal. */
  commitRevealSetWeights(hot: Uint8Array, netuid: number, uids: number[], values: number[], salt: number[], versionKey = 0n): unknown {
    S.CommitRevealWeightsEnabled.set(this.s, netuid, true)
    try {
      this.commit(hot, netuid, commitHash(hot, netuid, uids, values, salt, versionKey))
      this.stepEpochs(1, netuid)
      this.reveal(hot, netuid, uids, values, salt, versionKey)
      return null
    } catch (e) {
      return errorOf(e)
    }
  }
}

// The set-ups and data the weights.rs commit-reveal cases share.
export const SALT = [1, 2, 3, 4, 5, 6, 7, 8]
export const NET = 1

/** The set-up shared by the commit-reveal cases: uids 0 (hotkey 3) and 1 (hotkey 1), both permitted and staked. */
export function crSetup(tempo: number, block = 1): Ext {
  const x = new Ext(block)
  x.addNetwork(NET, tempo)
  x.setBlockNumber(0)
  x.registerOkNeuron(NET, u256(3), u256(4))
  x.registerOkNeuron(NET, u256(1), u256(2))
  S.StakeThreshold.set(x.s, 0n)
  S.WeightsSetRateLimit.set(x.s, NET, 5n)
  x.setPermit(NET, 0)
  x.setPermit(NET, 1)
  x.stake(NET, u256(0), u256(0), 1n)
  x.stake(NET, u256(1), u256(1), 1n)
  S.CommitRevealWeightsEnabled.set(x.s, NET, true)
  return x
}
export const UIDS = [0, 1]
export const VALUES = [10, 10]
export const HOT = u256(1)
export const HASH = commitHash(HOT, NET, UIDS, VALUES, SALT, 0n)

/** Set-up of the batch and multi-commit cases: tempo `tempo`, rate limit 0, uids 0 and 1 permitted and staked. */
export function batchSetup(tempo: number, stake = true): Ext {
  const x = new Ext(1)
  x.setBlockNumber(0)
  x.addNetwork(NET, tempo)
  S.CommitRevealWeightsEnabled.set(x.s, NET, true)
  S.WeightsSetRateLimit.set(x.s, NET, 0n)
  x.registerOkNeuron(NET, u256(3), u256(4))
  x.registerOkNeuron(NET, HOT, u256(2))
  S.StakeThreshold.set(x.s, 0n)
  x.setPermit(NET, 0)
  x.setPermit(NET, 1)
  if (stake) {
    x.stake(NET, u256(0), u256(0), 1n)
    x.stake(NET, u256(1), u256(1), 1n)
  }
  return x
}
export const salt8 = (i: number): number[] => new Array<number>(8).fill(i)
export const BATCH_UIDS = [[0, 1], [1, 0], [0, 1]]
export const BATCH_VALUES = [[10, 20], [30, 40], [50, 60]]
export const batchHash = (i: number): Uint8Array => commitHash(HOT, NET, BATCH_UIDS[i] as number[], BATCH_VALUES[i] as number[], salt8(i), 0n)
export const batchArgs = (idx: number[]) => ({
  netuid: NET, uids_list: idx.map((i) => BATCH_UIDS[i]), values_list: idx.map((i) => BATCH_VALUES[i]),
  salts_list: idx.map(salt8), version_keys: idx.map(() => 0n),
})
export const commitsOf = (x: Ext) => S.WeightCommits.get(x.s, NET, HOT)

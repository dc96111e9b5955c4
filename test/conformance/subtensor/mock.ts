// The test runtime of subtensor's own tests (tests/mock.rs at v3.3.13), for the conformance ports:
// the classic regime with the mock's Config values, U256 account ids as 32-byte little-endian,
// blocks stepped the way step_block does (System then SubtensorModule on_initialize).
import { fallbackBytes } from '../../../src/frame/declare/storage.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import { configureSubtensor } from '../../../src/pallets/subtensor/build.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { blockHashAt, hashMeetsDifficulty, sealHash } from '../../../src/pallets/subtensor/subnets/registration.js'
import { initNewNetworkClassic } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { System } from '../../../src/pallets/system/index.js'
import { callHandler, newStore, signed, startBlock, type TestEnv } from '../../../src/pallets/test-utils.js'

configureSubtensor({ fastRuntime: false, powFaucet: true, registration: 'classic' })

// tests/mock.rs (v3.3.13) Config values that differ from the runtime's
const MOCK_DEFAULTS: [keyof typeof S, unknown][] = [
  ['Difficulty', 10_000n], ['MinDifficulty', 1n], ['MaxDifficulty', (1n << 64n) - 1n], ['ImmunityPeriod', 2],
  ['MaxRegistrationsPerBlock', 3], ['Burn', 0n], ['MaxBurn', 1_000_000_000n], ['Tempo', 360], ['ServingRateLimit', 0n],
]
for (const [name, v] of MOCK_DEFAULTS) {
  const d = S[name].decl
  d.fallback = fallbackBytes(d.value, d.modifier, v)
}

/** `U256::from(n)` as an AccountId: 32 bytes little-endian. */
export function u256(n: number | bigint): Uint8Array {
  const out = new Uint8Array(32)
  let v = BigInt(n)
  for (let i = 0; i < 32 && v > 0n; i++) { out[i] = Number(v & 0xffn); v >>= 8n }
  return out
}

export class Mock {
  readonly s: Overlay
  env: TestEnv
  block = 1
  constructor() {
    this.s = newStore()
    subtensorPallet()
    this.env = startBlock(this.s, 1)
    // frame_system's genesis block hash placeholder, as in the chain's test externalities
    System.BlockHash.set(this.s, 0, new Uint8Array(32).fill(0x45))
  }

  /** `step_block(n)`: the next block's System and SubtensorModule on_initialize. */
  stepBlock(n = 1): void {
    for (let i = 0; i < n; i++) {
      this.block++
      this.env = startBlock(this.s, this.block)
      subtensorPallet().hooks.onInitialize!({ s: this.s, env: this.env, blockNumber: this.block })
    }
  }

  /** `System::set_block_number(n)`. */
  setBlockNumber(n: number): void {
    this.block = n
    System.Number.set(this.s, n)
    this.env.blockNumber = n
  }

  /** `add_dynamic_network` as far as pruning sees it: owner coldkey, owner hotkey at uid 0. */
  addDynamicNetwork(netuid: number, ownerHot: Uint8Array, ownerCold: Uint8Array): void {
    this.addNetwork(netuid, 1)
    S.SubnetOwner.set(this.s, netuid, ownerCold)
    S.SubnetOwnerHotkey.set(this.s, netuid, ownerHot)
    S.Owner.set(this.s, ownerHot, ownerCold)
    appendNeuron(this.s, netuid, ownerHot, BigInt(this.block))
  }

  /** `add_network` (mock): v3.3.13's init_new_network, registration and PoW allowed, started. */
  addNetwork(netuid: number, tempo: number): void {
    initNewNetworkClassic(this.s, netuid, tempo)
    S.NetworkRegistrationAllowed.set(this.s, netuid, true)
    S.NetworkPowRegistrationAllowed.set(this.s, netuid, true)
    S.FirstEmissionBlockNumber.set(this.s, netuid, 1n)
    S.SubtokenEnabled.set(this.s, netuid, true)
  }

  /** `create_work_for_block_number`: the first nonce from `start` whose seal meets the difficulty. */
  work(netuid: number, blockNumber: bigint, start: bigint, hotkey: Uint8Array): { nonce: bigint; work: Uint8Array } {
    const difficulty = S.Difficulty.get(this.s, netuid)
    const bh = blockHashAt(this.s, blockNumber)
    let nonce = start
    for (;;) {
      const seal = sealHash(bh, nonce, hotkey)
      if (hashMeetsDifficulty(seal, difficulty)) return { nonce, work: seal }
      nonce++
    }
  }

  register(netuid: number, hotkey: Uint8Array, coldkey: Uint8Array, args: { block?: bigint; nonce?: bigint; work?: Uint8Array; origin?: Uint8Array } = {}): void {
    const blockNumber = args.block ?? BigInt(this.block)
    const w = args.work && args.nonce !== undefined ? { nonce: args.nonce, work: args.work } : this.work(netuid, blockNumber, args.nonce ?? 0n, hotkey)
    callHandler(this.env, 'SubtensorModule', 'register', signed(args.origin ?? hotkey), {
      netuid, block_number: blockNumber, nonce: w.nonce, work: w.work, hotkey, coldkey,
    })
  }

  /** `register_ok_neuron`. */
  registerOk(netuid: number, hotkey: Uint8Array, coldkey: Uint8Array, startNonce: number): void {
    this.register(netuid, hotkey, coldkey, { nonce: BigInt(startNonce) })
  }
}

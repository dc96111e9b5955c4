// The HEAD test runtime (pallets/subtensor/src/tests/mock.rs at 14bc6f9) as far as the coinbase
// ports need it: the mock's Config values, `new_test_ext`, `add_network`, `add_dynamic_network`,
// `setup_reserves`, and `mint_tao` + `run_coinbase` with a credit.
import { afterAll, beforeAll } from 'vitest'
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { drainAndDistribute } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { runCoinbase } from '../../../src/pallets/subtensor/coinbase/run-coinbase.js'
import { mintTao } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import { initNewNetwork, nextNetuid } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { configureSwap, SwapConstants } from '../../../src/pallets/swap/index.js'
import { System } from '../../../src/pallets/system/index.js'
import { callHandler, newStore, signed, startBlock, type TestEnv } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'

export interface Ext { s: Overlay; env: TestEnv }

/** The mock's `SwapMinimumReserve` (100) for the calling test file, restored after it. */
export function useMockSwapConfig(): void {
  let previous = SwapConstants.MinimumReserve
  beforeAll(() => {
    previous = SwapConstants.MinimumReserve
    configureSwap({ minimumReserve: 100n })
  })
  afterAll(() => configureSwap({ minimumReserve: previous }))
}

/** `new_test_ext(block)` with the mock's lock, rate-limit, owner-cut and TaoWeight values. */
export function newTestExt(block = 1): Ext {
  const s = newStore()
  subtensorPallet()
  const env = startBlock(s, block)
  S.NetworkMinLockCost.set(s, 100_000_000_000n)
  S.NetworkLastLockCost.set(s, 100_000_000_000n)
  S.NetworkLockReductionInterval.set(s, 2n)
  S.NetworkRateLimit.set(s, 0n)
  S.SubnetOwnerCut.set(s, 0)
  S.TaoWeight.set(s, 0n)
  return { s, env }
}

/** `U256::from(n)` as a 32-byte little-endian AccountId. */
export function u256(n: number): Uint8Array {
  const o = new Uint8Array(32)
  let v = n
  for (let i = 0; v > 0; i++) { o[i] = v & 0xff; v = Math.floor(v / 256) }
  return o
}

/** `add_network`: a stable (mechanism 0) subnet, started, registration allowed. */
export function addNetwork(s: Overlay, netuid: number, tempo: number): void {
  initNewNetwork(s, netuid, tempo)
  S.NetworkRegistrationAllowed.set(s, netuid, true)
  S.FirstEmissionBlockNumber.set(s, netuid, 1n)
  S.SubtokenEnabled.set(s, netuid, true)
}

/** `add_dynamic_network`: register_network by a funded coldkey, then started with registration allowed. */
export function addDynamicNetwork({ s, env }: Ext, hot: Uint8Array, cold: Uint8Array): number {
  const netuid = nextNetuid(s)
  const lock = networkLockCost(s)
  mint(s, env, cold, lock + EXISTENTIAL_DEPOSIT)
  S.TotalIssuance.mutate(s, (v) => v + lock)
  callHandler(env, 'SubtensorModule', 'register_network', signed(cold), { hotkey: hot })
  S.NetworkRegistrationAllowed.set(s, netuid, true)
  S.FirstEmissionBlockNumber.set(s, netuid, 0n)
  S.SubtokenEnabled.set(s, netuid, true)
  return netuid
}

export function setupReserves(s: Overlay, netuid: number, tao: bigint, alpha: bigint): void {
  S.SubnetTAO.set(s, netuid, tao)
  S.SubnetAlphaIn.set(s, netuid, alpha)
}

/** `set_full_injection_root_stake`: root_proportion ≈ 1 so the injection cap does not bind. */
export function setFullInjectionRootStake(s: Overlay): void {
  S.SubnetTAO.set(s, 0, 1_000_000_000_000_000_000n)
  S.TaoWeight.set(s, (1n << 64n) - 1n)
}

/** `run_coinbase(credit)` whole: emit to the subnets, then drain_pending and the epochs at the current block. */
export function runCoinbaseWith({ s, env }: Ext, credit: bigint): void {
  const networks = [...S.NetworksAdded.iterKeys(s)]
  runCoinbase(s, env, credit, networks)
  drainAndDistribute(s, env, BigInt(System.Number.get(s)), networks)
}

/** `step_block(n)` / `run_to_block`: each next block's System then SubtensorModule on_initialize. */
export function stepBlock(ext: Ext, n = 1): void {
  for (let i = 0; i < n; i++) {
    const block = System.Number.get(ext.s) + 1
    ext.env = startBlock(ext.s, block)
    subtensorPallet().hooks.onInitialize!({ s: ext.s, env: ext.env, blockNumber: block })
  }
}

/** `run_coinbase(mint_tao(emission))`. */
export function mintAndRunCoinbase(ext: Ext, emission: bigint): void {
  runCoinbaseWith(ext, mintTao(ext.s, ext.env, emission))
}

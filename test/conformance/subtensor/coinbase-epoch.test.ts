// Ported from subtensor tests/coinbase.rs, tests/emission.rs, tests/mechanism.rs and tests/tempo_control.rs (14bc6f9):
// the epoch scheduler (dynamic tempo), split_emissions and distribute_emission, named after
// their source. Tolerances are the Rust asserts' own.
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { distributeEmission } from '../../../src/pallets/subtensor/coinbase/distribute-emission.js'
import { blocksUntilNextAutoEpoch, drainPending, epochsDeferredThisBlock, nextEpochStartBlock, shouldRunEpoch } from '../../../src/pallets/subtensor/coinbase/epoch-schedule.js'
import { getStakeForHotkeyAndColdkeyOnSubnet, increaseStakeForHotkeyAndColdkeyOnSubnet } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { revealCrv3Commits } from '../../../src/pallets/subtensor/commit-reveal/timelocked.js'
import { mechanismStorageIndex, splitEmissions } from '../../../src/pallets/subtensor/subnets/mechanism.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { Mock, hk } from './epoch-mock.js'

const close = (expected: bigint, actual: bigint, eps: bigint): void => {
  const d = expected > actual ? expected - actual : actual - expected
  expect(d <= eps, `${actual} within ${eps} of ${expected}`).toBe(true)
}

function registerOk(m: Mock, netuid: number, hotkey: Uint8Array, coldkey: Uint8Array): void {
  appendNeuron(m.s, netuid, hotkey, BigInt(m.block))
  createAccountIfNonExistent(m.s, coldkey, hotkey)
}

describe('tests/emission.rs', () => {
  it('test_blocks_until_next_auto_epoch', () => {
    const m = new Mock(1)
    for (const [netuid, tempo, block, want] of [[1, 10, 5n, 5n], [2, 20, 15n, 5n], [1, 10, 9n, 1n], [2, 20, 21n, 0n], [1, 65534, 100n, 65434n]] as const) {
      S.LastEpochBlock.set(m.s, netuid, 0n)
      expect(blocksUntilNextAutoEpoch(m.s, netuid, tempo, block)).toBe(want)
    }
    expect(blocksUntilNextAutoEpoch(m.s, 1, 0, 5n)).toBe((1n << 64n) - 1n)
  })

  it('test_blocks_since_last_step', () => {
    const m = new Mock(1)
    m.addNetwork(1, 7200)
    const env = m.env()
    const step = (blocks: number): void => {
      for (let i = 0; i < blocks; i++) { m.nextBlock(); drainPending(m.s, env, [1], BigInt(m.block)) }
    }
    step(5)
    expect(S.BlocksSinceLastStep.get(m.s, 1)).toBe(5n)
    // run to the epoch: the counter resets when the slot is drained
    while (!shouldRunEpoch(m.s, 1, BigInt(m.block) + 1n)) step(1)
    step(1)
    expect(S.BlocksSinceLastStep.get(m.s, 1)).toBe(0n)
    step(10)
    expect(S.BlocksSinceLastStep.get(m.s, 1)).toBe(10n)
    step(10)
    expect(S.BlocksSinceLastStep.get(m.s, 1)).toBe(20n)
    step(7)
    expect(S.BlocksSinceLastStep.get(m.s, 1)).toBe(27n)
  })
})

describe('tests/mechanism.rs', () => {
  it('split_emissions', () => {
    const m = new Mock(1)
    m.addNetwork(1, 360)
    S.MechanismCountCurrent.set(m.s, 1, 5)
    expect(splitEmissions(m.s, 1, 25n)).toEqual([5n, 5n, 5n, 5n, 5n])
    S.MechanismCountCurrent.set(m.s, 1, 4)
    expect(splitEmissions(m.s, 1, 10n)).toEqual([4n, 2n, 2n, 2n])
    S.MechanismCountCurrent.set(m.s, 1, 5)
    S.MechanismEmissionSplit.set(m.s, 1, [3450, 6899, 10348, 17247, 27594])
    expect(splitEmissions(m.s, 1, 19n)).toEqual([1n, 2n, 3n, 5n, 8n])
  })
})

describe('tests/coinbase.rs', () => {
  it('test_epochs_deferred_this_block_respects_cap', () => {
    const m = new Mock(1)
    const cap = S.MaxEpochsPerBlock.get(m.s)
    const n = cap + 2
    for (let i = 0; i < n; i++) {
      m.addNetwork(i + 1, 100)
      S.PendingEpochAt.set(m.s, i + 1, 1n)
    }
    const subnets = [...S.NetworksAdded.iterKeys(m.s)].filter((x) => x !== 0)
    const deferred = epochsDeferredThisBlock(m.s, subnets, 1n)
    expect(deferred.size).toBe(n - cap)
    for (const netuid of deferred) expect(shouldRunEpoch(m.s, netuid, 1n)).toBe(true)
    // drain_pending defers the same ones to the next block
    drainPending(m.s, m.env(), subnets, 1n)
    for (const netuid of deferred) expect(S.PendingEpochAt.get(m.s, netuid)).toBe(2n)
  })

  it('test_reveal_crv3_defers_with_capped_epoch', () => {
    const m = new Mock(1)
    const cap = S.MaxEpochsPerBlock.get(m.s)
    const n = cap + 2
    for (let i = 0; i < n; i++) {
      m.addNetwork(i + 1, 100)
      S.PendingEpochAt.set(m.s, i + 1, 1n)
      S.SubnetEpochIndex.set(m.s, i + 1, 10n)
      // an expired (epoch-0) commit: the reveal removes it only when it runs for the subnet
      S.TimelockedWeightCommits.set(m.s, mechanismStorageIndex(i + 1, 0), 0n, [[hk(1), 0n, new Uint8Array(), 0n]])
    }
    const subnets = [...S.NetworksAdded.iterKeys(m.s)].filter((x) => x !== 0)
    const holds = (netuid: number): boolean => S.TimelockedWeightCommits.contains(m.s, mechanismStorageIndex(netuid, 0), 0n)
    const retained = (): number => subnets.filter(holds).length
    revealCrv3Commits(m.s, m.env())
    expect(retained()).toBe(n - cap)
    const deferred = subnets.filter(holds)
    for (const netuid of subnets) {
      if (deferred.includes(netuid)) continue
      S.PendingEpochAt.set(m.s, netuid, 0n)
      S.LastEpochBlock.set(m.s, netuid, 1n)
    }
    revealCrv3Commits(m.s, m.env())
    expect(retained()).toBe(0)
  })

  it('test_drain_base_with_subnet_with_two_stakers_registered', () => {
    const m = new Mock(1)
    m.addNetwork(1, 1)
    const [h1, h2, cold] = [hk(1), hk(2), hk(3)]
    registerOk(m, 1, h1, cold)
    registerOk(m, 1, h2, cold)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, h1, cold, 1, 1_000_000_000n)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, h2, cold, 1, 1_000_000_000n)
    distributeEmission(m.s, m.env(), 1, 500_000_000n, 500_000_000n, 0n, 0n, BigInt(m.block))
    close(1_500_000_000n, getStakeForHotkeyAndColdkeyOnSubnet(m.s, h1, cold, 1), 10n)
    close(1_500_000_000n, getStakeForHotkeyAndColdkeyOnSubnet(m.s, h2, cold, 1), 10n)
  })

  it('test_drain_base_with_subnet_with_two_stakers_registered_and_root', () => {
    const m = new Mock(1)
    m.addNetwork(1, 1)
    const [h1, h2, cold] = [hk(1), hk(2), hk(3)]
    registerOk(m, 1, h1, cold)
    registerOk(m, 1, h2, cold)
    S.Delegates.set(m.s, h1, 0)
    S.Delegates.set(m.s, h2, 0)
    S.TaoWeight.set(m.s, (1n << 64n) - 1n)
    for (const h of [h1, h2]) for (const net of [1, 0]) increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, h, cold, net, 1_000_000_000n)
    distributeEmission(m.s, m.env(), 1, 500_000_000n, 500_000_000n, 0n, 0n, BigInt(m.block))
    close(1_500_000_000n, getStakeForHotkeyAndColdkeyOnSubnet(m.s, h1, cold, 1), 10n)
    close(1_500_000_000n, getStakeForHotkeyAndColdkeyOnSubnet(m.s, h2, cold, 1), 10n)
  })

  it('test_distribute_emission_no_miners_all_drained', () => {
    const m = new Mock(1)
    m.addNetwork(1, 360)
    S.SubnetOwner.set(m.s, 1, hk(2))
    S.SubnetOwnerHotkey.set(m.s, 1, hk(1))
    const [h, cold] = [hk(3), hk(4)]
    registerOk(m, 1, h, cold)
    increaseStakeForHotkeyAndColdkeyOnSubnet(m.s, h, cold, 1, 1n)
    distributeEmission(m.s, m.env(), 1, 500_000n, 500_000n, 0n, 0n, BigInt(m.block))
    close(1_000_001n, S.TotalHotkeyAlpha.get(m.s, h, 1), 1n)
  })
})

describe('tests/tempo_control.rs', () => {
  const subnet = (): Mock => { const m = new Mock(1); m.addNetwork(1, 360); return m }
  it('get_next_epoch_start_block_returns_none_when_tempo_zero', () => {
    const m = subnet()
    S.Tempo.set(m.s, 1, 0)
    expect(nextEpochStartBlock(m.s, 1)).toBeNull()
  })
  for (const [name, pending, want] of [
    ['get_next_epoch_start_block_uses_last_epoch_block_plus_tempo', 0n, 150n],
    ['get_next_epoch_start_block_returns_pending_when_pending_is_earlier', 120n, 120n],
    ['get_next_epoch_start_block_ignores_pending_when_auto_is_earlier', 200n, 150n],
  ] as const) {
    it(name, () => {
      const m = subnet()
      S.LastEpochBlock.set(m.s, 1, 100n)
      S.Tempo.set(m.s, 1, 50)
      S.PendingEpochAt.set(m.s, 1, pending)
      expect(nextEpochStartBlock(m.s, 1)).toBe(want)
    })
  }
})

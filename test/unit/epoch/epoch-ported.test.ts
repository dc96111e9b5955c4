// Ported from subtensor pallets/subtensor/src/tests/epoch.rs (14bc6f9), named after their source.
// Expected values are the Rust asserts; the Emission arrays of test_bonds are the trace comments
// the chain's own epoch printed (yuma-emission.md §4 V1).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { registerNeuron } from '../../../src/pallets/subtensor/subnets/registration.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { Mock, hk } from './harness.js'

const col = (m: number[][], j: number, rows: number[]): number[] => rows.map((i) => (m[i] as number[])[j] as number)

describe('tests/epoch.rs', () => {
  it('test_bonds', () => {
    const m = new Mock(1)
    const n = 8
    m.addNetwork(1, 1, { commitReveal: false, yuma3: false })
    S.MaxAllowedUids.set(m.s, 1, n)
    S.WeightsSetRateLimit.set(m.s, 1, 0n)
    S.MinAllowedWeights.set(m.s, 1, 1)
    S.BondsPenalty.set(m.s, 1, 0xffff)
    const stakes = [1n, 2n, 3n, 4n, 0n, 0n, 0n, 0n]
    for (let k = 0; k < n; k++) m.register(1, k, stakes[k] as bigint)
    S.MaxAllowedValidators.set(m.s, 1, n)
    m.epoch(1)
    m.nextBlock()
    for (let uid = 0; uid < 4; uid++) m.setWeights(1, uid, [4, 5, 6, 7], [16383, 32767, 49149, 65535])
    m.epoch(1)
    expect(col(m.bonds(1, n), 4, [0, 1, 2, 3])).toEqual([16383, 32767, 49151, 65535])
    expect(m.emission(1)).toEqual([49999998n, 99999999n, 150000000n, 200000001n, 49998779n, 100000610n, 149996337n, 200004272n])

    m.setWeights(1, 0, [0], [65535])
    m.nextBlock()
    m.epoch(1)
    expect(col(m.bonds(1, n), 4, [0, 1, 2, 3])).toEqual([14582, 32767, 49151, 65535])
    expect(m.emission(1)).toEqual([44998351n, 101110561n, 151667215n, 202223870n, 49998779n, 100000610n, 149996337n, 200004272n])

    m.setWeights(1, 1, [1], [65535])
    m.nextBlock()
    m.epoch(1)
    expect(col(m.bonds(1, n), 4, [0, 1, 2, 3])).toEqual([12603, 28321, 49151, 65535])
    expect(m.emission(1)).toEqual([40496805n, 90999783n, 157929636n, 210573773n, 49998779n, 100000610n, 149996337n, 200004272n])

    m.setWeights(1, 2, [2], [65535])
    m.nextBlock()
    m.epoch(1)
    expect(col(m.bonds(1, n), 7, [0, 1, 2, 3])).toEqual([12602, 28320, 49150, 65535])
    expect(m.emission(1)).toEqual([99999999n, 199999999n, 299999999n, 399999999n, 0n, 0n, 0n, 0n])

    m.setWeights(1, 2, [7], [65535])
    m.nextBlock()
    m.epoch(1)
    expect(col(m.bonds(1, n), 7, [0, 1, 2, 3])).toEqual([10951, 24609, 49150, 65535])
    expect(m.emission(1)).toEqual([36443733n, 81898628n, 163565493n, 218092144n, 0n, 0n, 0n, 500000000n])

    m.nextBlock()
    m.epoch(1)
    expect(col(m.bonds(1, n), 7, [0, 1, 2, 3])).toEqual([9559, 21482, 49150, 65535])
    expect(m.emission(1)).toEqual([32799427n, 73706612n, 168638129n, 224855830n, 0n, 0n, 0n, 500000000n])

    m.nextBlock()
    m.epoch(1)
    expect(col(m.bonds(1, n), 7, [0, 1, 2, 3])).toEqual([8376, 18824, 49150, 65535])
    expect(m.emission(1)).toEqual([29518068n, 66336137n, 173203134n, 230942659n, 0n, 0n, 0n, 500000000n])

    m.nextBlock()
    m.epoch(1)
    expect(m.emission(1)).toEqual([26565175n, 59701871n, 177311856n, 236421095n, 0n, 0n, 0n, 500000000n])
    expect(col(m.bonds(1, n), 7, [0, 1, 2, 3])).toEqual([7363, 16549, 49150, 65535])
  })

  it('test_active_stake', () => {
    const m = new Mock(0)
    const n = 4
    m.addNetwork(1, 1, { commitReveal: false, yuma3: false })
    S.MaxAllowedUids.set(m.s, 1, n)
    S.MinAllowedWeights.set(m.s, 1, 0)
    for (let k = 0; k < n; k++) m.register(1, k, 1n)
    S.MaxAllowedValidators.set(m.s, 1, n)
    m.epoch(1)
    m.nextBlock()
    for (let uid = 0; uid < 2; uid++) m.setWeights(1, uid, [2, 3], [32767, 32767])
    m.epoch(1)
    expect(S.Dividends.get(m.s, 1).slice(0, 2)).toEqual([32767, 32767])
    expect(S.Consensus.get(m.s, 1).slice(2)).toEqual([32767, 32767])
    expect(m.emission(1)).toEqual([250_000_000n, 250_000_000n, 250_000_000n, 250_000_000n])
    let b = m.bonds(1, n)
    for (const v of [0, 1]) expect([b[v]![2], b[v]![3]]).toEqual([65535, 65535])

    // The legacy ActivityCutoff (5000) + 2: uid1's weights are long outdated (cutoff 13 at tempo 1).
    m.setBlock(5002)
    m.setWeights(1, 0, [2, 3], [32767, 32767])
    m.epoch(1)
    expect(S.Dividends.get(m.s, 1)[0]).toBe(36044)
    expect(m.emission(1)[0]).toBe(274_999_999n)
    expect(S.Dividends.get(m.s, 1)[1]).toBe(29490)
    expect(m.emission(1)[1]).toBe(224_999_999n)
    b = m.bonds(1, n)
    expect([b[0]![2], b[0]![3], b[1]![2], b[1]![3]]).toEqual([65535, 65535, 53619, 53619])

    m.setWeights(1, 1, [2, 3], [32767, 32767])
    m.setBlock(5003)
    m.epoch(1)
    expect(S.Dividends.get(m.s, 1).slice(0, 2)).toEqual([35716, 29818])
    expect(m.emission(1).slice(0, 2)).toEqual([272_501_132n, 227_498_866n])
    b = m.bonds(1, n)
    expect([b[0]![2], b[0]![3], b[1]![2], b[1]![3]]).toEqual([65535, 65535, 54712, 54712])
  })

  it('test_outdated_weights', () => {
    const m = new Mock(1)
    const n = 4
    m.addNetwork(1, 0, { commitReveal: false, yuma3: false })
    S.MaxAllowedUids.set(m.s, 1, n)
    S.WeightsSetRateLimit.set(m.s, 1, 0n)
    S.MinAllowedWeights.set(m.s, 1, 0)
    S.BondsPenalty.set(m.s, 1, 0xffff)
    for (let k = 0; k < n; k++) m.register(1, k, 1n)
    S.MaxAllowedValidators.set(m.s, 1, n)
    m.epoch(1)
    m.nextBlock()
    for (let uid = 0; uid < 2; uid++) m.setWeights(1, uid, [2, 3], [43690, 21845])
    for (let uid = 2; uid < 4; uid++) m.setWeights(1, uid, [uid], [65535])
    expect(S.Weights.get(m.s, 1, 0)).toEqual([[2, 65535], [3, 32768]])
    m.epoch(1)
    expect(m.emission(1)).toEqual([250000000n, 250000000n, 333331637n, 166668361n])
    expect(S.Incentive.get(m.s, 1).slice(2)).toEqual([43689, 21845])

    // A new key at capacity replaces the lowest-emission uid (3), then uid0 sets weights again.
    const uid = registerNeuron(m.s, 1, hk(4))
    expect(uid).toBe(3)
    m.nextBlock()
    m.setWeights(1, 0, [2, 3], [43690, 21845])
    m.epoch(1)
    expect(S.Dividends.get(m.s, 1)[0]).toBe(32767)
    expect(m.emission(1)).toEqual([250000000n, 250000000n, 500000000n, 0n])
    const b = m.bonds(1, n)
    expect([b[0]![2], b[0]![3]]).toEqual([65535, 65535])
  })

  it('test_zero_weights', () => {
    const m = new Mock(1)
    const n = 2
    m.addNetwork(1, 0xfffe, { commitReveal: false, yuma3: false })
    S.MaxAllowedUids.set(m.s, 1, n)
    S.WeightsSetRateLimit.set(m.s, 1, 0n)
    S.MinAllowedWeights.set(m.s, 1, 0)
    m.register(1, 0, 1n)
    m.register(1, 1, 0n)
    m.epoch(1)
    expect(m.emission(1)).toEqual([1_000_000_000n, 0n])
    m.setWeights(1, 1, [1], [65535])
    m.epoch(1)
    expect(m.emission(1)).toEqual([1_000_000_000n, 0n])
    m.setBlock(2)
    m.setWeights(1, 0, [1], [65535])
    expect(registerNeuron(m.s, 1, hk(2))).toBe(1)
    m.epoch(1)
    expect(m.emission(1)).toEqual([1_000_000_000n, 0n])
    m.setBlock(3)
    m.setWeights(1, 0, [1], [65535])
    m.epoch(1)
    expect(m.emission(1)).toEqual([500_000_000n, 500_000_000n])
  })

  it('test_10_graph', () => {
    const m = new Mock(0)
    m.addNetwork(1, 0xfffe, { commitReveal: false, yuma3: false })
    S.MaxAllowedUids.set(m.s, 1, 10)
    for (let i = 0; i < 10; i++) m.register(1, i, 1n)
    m.setBlock(1)
    for (let i = 0; i < 10; i++) m.setWeights(1, i, [i], [65535])
    m.epoch(1)
    expect(S.Consensus.get(m.s, 1)).toEqual(new Array(10).fill(0))
    expect(S.Incentive.get(m.s, 1)).toEqual(new Array(10).fill(0))
    expect(S.Dividends.get(m.s, 1)).toEqual(new Array(10).fill(0))
    expect(m.emission(1)).toEqual(new Array(10).fill(99_999_999n))
  })

  for (const interleave of [0, 1]) {
    for (const serverSelf of [false, true]) {
      it(`test_512_graph (interleave ${interleave}, server_self ${serverSelf})`, () => {
        const n = 512
        const validators = interleave === 0 ? range(0, 64) : range(0, n).filter((i) => i % (n / 64) === 0)
        const servers = range(0, n).filter((i) => !validators.includes(i))
        const m = new Mock(0)
        m.addNetwork(1, 0xfffe, { commitReveal: false, yuma3: false })
        S.BondsPenalty.set(m.s, 1, 0xffff)
        S.MaxAllowedUids.set(m.s, 1, n)
        for (let k = 0; k < n; k++) m.register(1, k, validators.includes(k) ? 328_125_000_000_000n : 0n)
        S.MaxAllowedValidators.set(m.s, 1, 64)
        m.epoch(1)
        m.setBlock(1)
        for (const v of validators) m.setWeights(1, v, servers, new Array(servers.length).fill(Math.floor(65535 / n)))
        if (serverSelf) for (const sv of servers) m.setWeights(1, sv, [sv], [65535])
        for (let e = 0; e < 3; e++) m.epoch(1)
        const b = m.bonds(1, n)
        const [server, validator] = [servers[0] as number, validators[0] as number]
        const [C, I, D, E] = [S.Consensus.get(m.s, 1), S.Incentive.get(m.s, 1), S.Dividends.get(m.s, 1), m.emission(1)]
        for (const v of validators) {
          expect([C[v], I[v], D[v], E[v], b[v]![validator], b[v]![server]]).toEqual([0, 0, 1023, 7_812_500n, 0, 65535])
        }
        for (const sv of servers) {
          expect([C[sv], I[sv], D[sv], E[sv], b[sv]![validator], b[sv]![server]]).toEqual([146, 146, 0, 1_116_071n, 0, 0])
        }
      })
    }
  }

  it('test_can_set_self_weight_as_subnet_owner', () => {
    const m = new Mock(1)
    const ownerHotkey = hk(457)
    m.addNetwork(1, 360)
    S.SubnetOwner.set(m.s, 1, hk(1))
    S.SubnetOwnerHotkey.set(m.s, 1, ownerHotkey)
    appendNeuron(m.s, 1, ownerHotkey, 1n)
    m.register(1, 1, 0n)
    S.TotalHotkeyAlpha.set(m.s, ownerHotkey, 1, 5_000_000_000_000n)
    S.ValidatorPermit.set(m.s, 1, [true, false])
    S.Weights.set(m.s, 1, 0, [[0, 32767], [1, 32767]])
    m.setBlock(2)
    S.LastUpdate.set(m.s, 1, [2n, 0n])
    const out = m.epoch(1)
    expect(out.length).toBe(2)
    expect(out[0]![1]).toBeGreaterThan(0n)
    expect(out[0]![1]).toBe(out[1]![1])
  })
})

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i)
}

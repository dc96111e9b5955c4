// Ported from subtensor pallets/subtensor/src/tests/epoch.rs (14bc6f9), named after their source.
// Expected values are the Rust asserts; the Emission arrays of test_bonds are the trace comments
// the chain's own epoch printed (yuma-emission.md §4 V1).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { Mock } from './harness.js'

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
})

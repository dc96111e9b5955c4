// Port of subtensor pallets/subtensor/src/tests/subnet_emissions.rs (HEAD 14bc6f9): the live test
// of the price shares. Not ported: the `inplace_pow_normalize` tests (that helper serves the flow
// shares, dead code at HEAD, not built) and the flow-share tests the file keeps commented out.
import { describe, expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { shares } from '../../../src/pallets/subtensor/coinbase/subnet-emissions.js'
import { addDynamicNetwork, newTestExt, u256, useMockSwapConfig } from './head-mock.js'

useMockSwapConfig()

describe('tests/subnet_emissions.rs (HEAD)', () => {
  it('get_shares_ignores_root_prop_storage_when_prices_and_burns_match', () => {
    const ext = newTestExt(1)
    const { s } = ext
    const n1 = addDynamicNetwork(ext, u256(70), u256(71))
    const n2 = addDynamicNetwork(ext, u256(70), u256(71))
    for (const n of [n1, n2]) {
      S.SubnetMovingPrice.set(s, n, { bits: F.fromInt(F.I96F32, 1) })
      S.MinerBurned.set(s, n, { bits: 0n })
    }
    S.RootProp.set(s, n1, { bits: F.fromInt(F.U96F32, 1) })
    S.RootProp.set(s, n2, { bits: F.saturatingFromF64(F.U96F32, 0.1) })
    expect(Math.abs(F.toF64(F.U96F32, S.RootProp.get(s, n1).bits) - 1)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(F.toF64(F.U96F32, S.RootProp.get(s, n2).bits) - 0.1)).toBeLessThanOrEqual(1e-9)
    const sh = shares(s, [n1, n2])
    const [s1, s2] = [F.toF64(F.U64F64, sh.get(n1)!), F.toF64(F.U64F64, sh.get(n2)!)]
    expect(Math.abs(s1 - 0.5)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(s2 - 0.5)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(s1 + s2 - 1)).toBeLessThanOrEqual(1e-9)
  })
})

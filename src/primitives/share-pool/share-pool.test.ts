import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { U64F64, fromF64, toF64 } from '../fixed/index.js'
import { MemorySharePoolOps, SAFE_FLOAT_MAX, SafeFloat, SharePool } from './index.js'

// Ported from subtensor 14bc6f9 primitives/share-pool/src/lib.rs `mod tests` (the two
// #[ignore]d multi-billion-case sweeps are not ported).

class MockOps extends MemorySharePoolOps<number> {}

const U64_MAX = (1n << 64n) - 1n
const sf = (m: bigint, e: bigint): SafeFloat => {
  const v = SafeFloat.new(m, e)
  if (v === null) throw new Error('invalid SafeFloat')
  return v
}
const near = (actual: number, expected: number, eps: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(eps)
}

describe('SharePool', () => {
  it('test_get_value', () => {
    const ops = new MockOps()
    ops.setDenominator(SafeFloat.fromU64(10n))
    ops.setShare(1, SafeFloat.fromU64(3n))
    ops.setShare(2, SafeFloat.fromU64(7n))
    ops.setSharedValue(100n)
    const pool = new SharePool(ops)
    expect(pool.getValue(1)).toBe(30n)
    expect(pool.getValue(2)).toBe(70n)
  })

  it('test_division_by_zero', () => {
    const ops = new MockOps()
    ops.setDenominator(SafeFloat.zero())
    expect(new SharePool(ops).getValue(1)).toBe(0n)
  })

  it('test_max_shared_value', () => {
    const ops = new MockOps()
    ops.setSharedValue(U64_MAX)
    ops.setShare(1, SafeFloat.fromU64(3n))
    ops.setShare(2, SafeFloat.fromU64(7n))
    ops.setDenominator(SafeFloat.fromU64(10n))
    const pool = new SharePool(ops)
    expect(U64_MAX - (pool.getValue(1) + pool.getValue(2))).toBeLessThanOrEqual(5n)
  })

  it('test_max_share_value', () => {
    const ops = new MockOps()
    ops.setSharedValue(1_000_000_000n)
    ops.setShare(1, SafeFloat.fromU64(U64_MAX / 2n))
    ops.setShare(2, SafeFloat.fromU64(U64_MAX / 2n))
    ops.setDenominator(SafeFloat.fromU64(U64_MAX))
    const pool = new SharePool(ops)
    near(Number(pool.getValue(1)), 500_000_000, 1)
    const v2 = pool.getValue(2) - 500_000_000n
    expect(v2 < 0n ? -v2 : v2).toBeLessThanOrEqual(1n)
  })

  it('test_denom_precision', () => {
    const pool = new SharePool(new MockOps())
    pool.updateValueForOne(1, 1000n)
    expect(pool.getValue(1)).toBe(1000n)
    pool.updateValueForOne(1, -990n)
    pool.updateValueForOne(2, 1000n)
    pool.updateValueForOne(2, -990n)
    expect(pool.getValue(1)).toBe(10n)
    expect(pool.getValue(2)).toBe(10n)
  })

  it('test_denom_high_precision', () => {
    const pool = new SharePool(new MockOps())
    pool.updateValueForOne(1, 1n)
    pool.updateValueForOne(2, 1n)
    pool.updateValueForAll(999_999_999_999_998n)
    pool.updateValueForOne(1, -499_999_999_999_990n)
    pool.updateValueForOne(2, -499_999_999_999_990n)
    pool.updateValueForAll(999_999_999_999_980n)
    pool.updateValueForOne(1, 1_000_000_000_000n)
    pool.updateValueForOne(2, 1_000_000_000_000n)
    near(Number(pool.getValue(1)), 501_000_000_000_000, 1)
    near(Number(pool.getValue(2)), 501_000_000_000_000, 1)
  })

  it('test_denom_high_precision_many_small_unstakes', () => {
    const pool = new SharePool(new MockOps())
    pool.updateValueForOne(1, 1n)
    pool.updateValueForOne(2, 1n)
    pool.updateValueForAll(1_000_000_000_000_000n)
    const txCount = 1000n
    const unstake = -500_000_000n
    for (let i = 0n; i < txCount; i++) {
      pool.updateValueForOne(1, unstake)
      pool.updateValueForOne(2, unstake)
    }
    pool.updateValueForAll(1_000_000_000_000_000n)
    pool.updateValueForOne(1, 1_000_000_000_000n)
    pool.updateValueForOne(2, 1_000_000_000_000n)
    const expected = Number(1_001_000_000_000_000n + txCount * unstake)
    near(Number(pool.getValue(1)), expected, 1)
    near(Number(pool.getValue(2)), expected, 1)
  })

  it('test_update_value_for_one', () => {
    const pool = new SharePool(new MockOps())
    pool.updateValueForOne(1, 1000n)
    expect(pool.getValue(1)).toBe(1000n)
  })

  it('test_update_value_for_all', () => {
    const ops = new MockOps()
    const pool = new SharePool(ops)
    pool.updateValueForAll(1000n)
    expect(ops.sharedValue).toBe(1000n)
  })

  it('test_get_shares_per_update', () => {
    const cases: Array<[bigint, bigint, bigint, bigint]> = [
      [1n, 1n, 1n, 0n],
      [1n, 1_000_000_000_000_000_000n, 1n, 0n],
      [1n, 21_000_000_000_000_000n, 1n, 5n],
      [1n, 21_000_000_000_000_000n, 1n, -1_000_000n],
      [1n, 21_000_000_000_000_000n, 1n, -1_000_000_000n],
      [1n, 21_000_000_000_000_000n, 1n, -1_000_000_001n],
      [1_000n, 21_000_000_000_000_000n, 1n, 5n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, 5n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, -5n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, -100n],
      [21_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, 100n],
      [210_000_000_000_000_000n, 21_000_000_000_000_000n, 1n, 5n],
      [1_000n, 1_000n, 21_000_000_000_000_000n, 0n],
      [1_000n, 1_000n, 21_000_000_000_000_000n, -1n],
    ]
    const pool = new SharePool(new MockOps())
    for (const [update, shared, dm, de] of cases) {
      const d = SafeFloat.new(dm, de) ?? SafeFloat.zero()
      const spu = pool.getSharesPerUpdate(update, shared, d).toF64()
      const expected = (Number(update) * d.toF64()) / Number(shared)
      near(expected, spu, expected / 1000)
    }
  })

  it('test_loss_due_to_precision', () => {
    const ops = new MockOps()
    const pool = new SharePool(ops)
    ops.setDenominator(sf(1n, -14n))
    ops.setSharedValue(1_000_000_000_000n)
    ops.setShare(1, sf(1n, -15n))
    const before = pool.getValue(1)
    near(Number(before), 100_000_000_000, 0.1)
    pool.updateValueForOne(1, -1000n)
    const after = pool.getValue(1)
    near(Number(before - after), 1000, 1000 / 1_000_000_000)
  })
})

describe('SafeFloat', () => {
  it('test_safefloat_normalize', () => {
    const cases: Array<[bigint, bigint, bigint, bigint]> = [
      [1n, 0n, 1_000_000_000_000_000_000_000n, -21n],
      [0n, 0n, 0n, 0n],
      [10n, 0n, 1_000_000_000_000_000_000_000n, -20n],
      [1_000n, 0n, 1_000_000_000_000_000_000_000n, -18n],
      [100_000_000_000_000_000_000n, 0n, 1_000_000_000_000_000_000_000n, -1n],
      [SAFE_FLOAT_MAX, 0n, SAFE_FLOAT_MAX, 0n],
    ]
    for (const [m, e, em, ee] of cases) {
      const a = sf(m, e)
      expect(a.mantissa).toBe(em)
      expect(a.exponent).toBe(ee)
    }
  })

  it('test_safefloat_add', () => {
    const E21 = 1_000_000_000_000_000_000_000n
    const cases: Array<[bigint, bigint, bigint, bigint, bigint, bigint]> = [
      [1n, 0n, 1n, 0n, 200_000_000_000_000_000_000n, -20n],
      [0n, 0n, 1n, 0n, E21, -21n],
      [0n, 0n, 1n, -1n, E21, -22n],
      [1n, -1000n, 1n, -1n, E21, -22n],
      [SAFE_FLOAT_MAX, 0n, SAFE_FLOAT_MAX, 0n, (SAFE_FLOAT_MAX * 2n) / 10n, 1n],
      [1n, 0n, E21, 1n, E21, 1n],
      [1n, 0n, 1n, 22n, E21, 1n],
      [1n, 0n, 1n, 23n, E21, 2n],
      [123n, 0n, 1n, 23n, E21, 2n],
      [123n, 1n, 1n, 23n, 100_000_000_000_000_000_001n, 3n],
      [42n, 0n, 1n, 22n, E21, 1n],
      [999_999_999_999_999_999_999n, 0n, 1n, 22n, 109_999_999_999_999_999_999n, 2n],
      [42n, 0n, 1n, 23n, E21, 2n],
      [4_200n, 0n, 1n, 23n, 100_000_000_000_000_000_004n, 3n],
      [999_999_999_999_999_999_999n, 0n, 1n, 23n, 100_999_999_999_999_999_999n, 3n],
      [999_999n, 1n, 1n, 23n, 100_000_000_000_000_009_999n, 3n],
      [1n, 24n, 1n, 0n, E21, 3n],
      [1n, 24n, 123_456_789_012_345_678_901n, 0n, 100_012_345_678_901_234_567n, 4n],
      [1n, 22n, 1n, 23n, 110_000_000_000_000_000_000n, 3n],
      [999_999_999_999_999_999_999n, 22n, 1n, 22n, E21, 22n],
    ]
    for (const [ma, ea, mb, eb, em, ee] of cases) {
      const a = sf(ma, ea)
      const b = sf(mb, eb)
      for (const s of [a.add(b), b.add(a)]) {
        expect(s?.mantissa).toBe(em)
        expect(s?.exponent).toBe(ee)
      }
    }
  })

  it('test_safefloat_div_by_zero_is_none', () => {
    expect(sf(1n, 0n).div(SafeFloat.zero())).toBeNull()
  })

  it('test_safefloat_div', () => {
    const M = SAFE_FLOAT_MAX
    const A = 123_456_789_123_456_789_123n
    const B = 87_654_321_987_654_321_987n
    const cases: Array<[bigint, bigint, bigint, bigint]> = [
      [1n, 0n, 100_000_000_000_000_000_000n, -20n],
      [1n, 0n, 1n, 0n], [1n, 1n, 1n, 0n], [1n, 7n, 1n, 0n], [1n, 50n, 1n, 0n], [1n, 100n, 1n, 0n],
      [1n, 0n, 7n, 0n], [1n, 1n, 7n, 0n], [1n, 7n, 7n, 0n], [1n, 50n, 7n, 0n], [1n, 100n, 7n, 0n],
      [1n, 0n, 3n, 0n], [1n, 1n, 3n, 0n], [1n, 7n, 3n, 0n], [1n, 50n, 3n, 0n], [1n, 100n, 3n, 0n],
      [2n, 0n, 3n, 0n], [2n, 1n, 3n, 0n], [2n, 7n, 3n, 0n], [2n, 50n, 3n, 0n], [2n, 100n, 3n, 0n],
      [5n, 0n, 3n, 0n], [5n, 1n, 3n, 0n], [5n, 7n, 3n, 0n], [5n, 50n, 3n, 0n], [5n, 100n, 3n, 0n],
      [10n, 0n, 100_000_000_000_000_000_000n, -19n],
      [1_000n, 0n, 100_000_000_000_000_000_000n, -17n],
      [100_000_000_000_000_000_000n, 0n, 1_000_000_000_000_000_000_000n, -1n],
      [M, 0n, M, 0n], [M, 100n, M, -100n], [M, 100n, M - 1n, -100n], [M - 1n, 100n, M, -100n],
      [M - 2n, 100n, M, -100n], [M, 100n, M / 2n - 1n, -100n], [M, 100n, M / 2n - 1n, 100n],
      [1n, 0n, 100_000_000_000_000_000_000n, -20n],
      [A, 20n, B, -20n], [A, 100n, B, -100n], [A, -100n, B, 100n], [A, -99n, B, 99n],
      [A, 123n, B, -32n], [A, -123n, B, 32n],
    ]
    for (const [ma, ea, mb, eb] of cases) {
      const actual = (sf(ma, ea).div(sf(mb, eb)) as SafeFloat).toF64()
      const expected = (Number(ma) * 10 ** Number(ea)) / (Number(mb) * 10 ** Number(eb))
      near(actual, expected, actual / 100_000_000_000_000)
    }
  })

  it('test_safefloat_mul_div', () => {
    const cases: Array<[bigint, bigint, bigint, bigint, bigint, bigint]> = [
      [1n, -20n, 1n, -20n, 1n, -20n],
      [123n, 20n, 123n, -20n, 321n, 0n],
      [123_123_123_123_123_123n, 20n, 321_321_321_321_321_321n, -20n, 777_777_777_777_777_777n, 0n],
      [11_111_111_111_111_111_111n, 20n, 99_321_321_321_321_321_321n, -20n, 77_777_777_777_777_777_777n, 0n],
    ]
    for (const [ma, ea, mb, eb, mc, ec] of cases) {
      const actual = (sf(ma, ea).mulDiv(sf(mb, eb), sf(mc, ec)) as SafeFloat).toF64()
      const expected = ((Number(ma) * 10 ** Number(ea)) * (Number(mb) * 10 ** Number(eb))) / (Number(mc) * 10 ** Number(ec))
      near(actual, expected, actual / 100_000_000_000_000)
    }
  })

  it('test_safefloat_from_u64f64', () => {
    const f = fromF64(U64F64, 0.1)
    const actual = SafeFloat.fromU64F64(f).toF64()
    near(actual, toF64(U64F64, f), actual / 100_000_000_000_000)
  })

  it('mantissa above SAFE_FLOAT_MAX is rejected; SCALE round trip keeps both fields', () => {
    expect(SafeFloat.new(SAFE_FLOAT_MAX + 1n, 0n)).toBeNull()
    const v = sf(123_456_789n, -7n)
    const back = SafeFloat.decode(v.encode())
    expect(back.equals(v)).toBe(true)
    expect(sf(2n, 0n).gt(sf(1n, 0n))).toBe(true)
    expect(sf(1n, 0n).gt(sf(2n, 0n))).toBe(false)
    expect(sf(1n, 5n).gt(sf(9n, 3n))).toBe(true)
  })
})

describe('updateValueForOne of a zero update', () => {
  // Stored SafeFloats need not be normalised (Decode does not normalise): any 24 bytes.
  const stored = fc.uint8Array({ minLength: 24, maxLength: 24 }).map((b) => SafeFloat.decode(b))
  const normal = fc.tuple(fc.bigInt({ min: 0n, max: SAFE_FLOAT_MAX }), fc.bigInt({ min: -40n, max: 40n })).map(([m, e]) => SafeFloat.new(m, e) ?? SafeFloat.zero())
  const float = fc.oneof(stored, normal, fc.constant(SafeFloat.zero()), fc.constant(SafeFloat.decode(new Uint8Array([...new Array<number>(16).fill(0), 5, 0, 0, 0, 0, 0, 0, 0]))))
  const state = fc.record({
    shared: fc.oneof(fc.bigInt({ min: 0n, max: U64_MAX }), fc.constantFrom(0n, 1n, U64_MAX)),
    denominator: float,
    shares: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), float), { maxLength: 4 }),
    key: fc.integer({ min: 0, max: 4 }),
  })
  const poolOf = (st: { shared: bigint; denominator: SafeFloat; shares: Array<[number, SafeFloat]> }): MockOps => {
    const ops = new MockOps()
    ops.setSharedValue(st.shared)
    ops.setDenominator(st.denominator)
    for (const [k, v] of st.shares) ops.setShare(k, v)
    return ops
  }
  const dump = (ops: MockOps): unknown => ({
    shared: ops.sharedValue,
    denominator: [ops.denominator.mantissa, ops.denominator.exponent],
    shares: [...ops.shares].sort((a, b) => a[0] - b[0]).map(([k, v]) => [k, v.mantissa, v.exponent]),
  })

  it('leaves the state the general path leaves, for any pool (stored floats not normalised included)', () => {
    fc.assert(fc.property(state, (st) => {
      const fast = poolOf(st)
      const general = poolOf(st)
      new SharePool(fast).updateValueForOne(st.key, 0n)
      new SharePool(general).updateValueForOneGeneral(st.key, 0n)
      expect(dump(fast)).toEqual(dump(general))
    }), { numRuns: 3000 })
  })
})

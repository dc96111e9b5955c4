// Ported from subtensor 14bc6f9 pallets/subtensor/src/tests/math.rs (tests asserting values;
// each `it` is named after its source test). Expected values are the source's.
import { describe, expect, it } from 'vitest'
import { I32F32, I64F64, I96F32, exp, fromF64, fromFixed, fromInt, sub, toInt } from '../../../primitives/fixed/index.js'
import {
  type Fx, MAX, MIN, checkVecMaxLimited, colClipSparse, expSafe, fixed, inplaceColClip, inplaceColMaxUpscale,
  inplaceColMaxUpscaleSparse, inplaceColNormalize, inplaceColNormalizeSparse, inplaceMaskDiag,
  inplaceMaskDiagExceptIndex, inplaceMaskMatrix, inplaceMaskRows, inplaceMaskVector, inplaceNormalize,
  inplaceNormalize64, inplaceRowNormalize, inplaceRowNormalizeSparse, isTopk, maskDiagSparse,
  maskDiagSparseExceptIndex, maskRowsSparse, matVecMul, matVecMulSparse, matmul, matmulSparse, matmulTranspose,
  matmulTransposeSparse, normalize, rowHadamard, rowHadamardSparse, rowSum, rowSumSparse, sigmoidSafe, sum,
  vecMaskSparseMatrix, vecMaxUpscaleToU16, vecMul, vecU16MaxUpscaleToU16, vecdiv, weightedMedian,
  weightedMedianCol, weightedMedianColSparse, interpolate, interpolateSparse, matEmaAlpha, matEmaAlphaSparse,
  checkedSum, fixed64ToFixed32, fixed64ToU64, fixedProportionToU16, fixedToU16, fixedToU64, u16ProportionToFixed,
  u16ToFixed, vecFixed64ToFixed32,
} from './math.js'
import {
  assertFloatCompare, assertMatCompare, assertSparseMatCompare, assertVecCompare, fx, matToFixed, vecToFixed,
  vecToMatFixed, vecToSparseMatFixed,
} from './math-test-helpers.js'
import { rng } from '../../../../bench/lib/rng.js'

const Z = 0n
const U16_MAX = 65535

describe('epoch math: u16 upscaling', () => {
  it('test_vec_max_upscale_to_u16', () => {
    const cases: Array<[Fx[], number[]]> = [
      [vecToFixed([]), []],
      [vecToFixed([0]), [0]],
      [vecToFixed([0, 0]), [0, 0]],
      [vecToFixed([0, 1]), [0, 65535]],
      [vecToFixed([0, 0.000000001]), [0, 65535]],
      [vecToFixed([0, 0.000016, 1]), [0, 1, 65535]],
      [vecToFixed([0.000000001, 0.000000001]), [65535, 65535]],
      [vecToFixed([0.000001, 0.000006, 0.000007, 0.0001, 0.001, 0.01, 0.1, 0.2, 0.3, 0.4]),
        [0, 1, 1, 16, 164, 1638, 16384, 32768, 49151, 65535]],
      [[fromInt(I32F32, 16384)], [65535]],
      [[fromInt(I32F32, 32768)], [65535]],
      [[fromInt(I32F32, 32769)], [65535]],
      [[fromInt(I32F32, 65535)], [65535]],
      [[MAX], [65535]],
      [vecToFixed([0, 1, 65535]), [0, 1, 65535]],
      [vecToFixed([0, 0.5, 1, 1.5, 2, 32768]), [0, 1, 2, 3, 4, 65535]],
      [vecToFixed([0, 0.5, 1, 1.5, 2, 32768, 32769]), [0, 1, 2, 3, 4, 65533, 65535]],
      [[fromInt(I32F32, 0), fromInt(I32F32, 1), fromInt(I32F32, 32768), fromInt(I32F32, 32769), MAX], [0, 0, 1, 1, 65535]],
    ]
    for (const [v, target] of cases) expect(vecMaxUpscaleToU16(v)).toEqual(target)
  })

  it('test_vec_u16_max_upscale_to_u16', () => {
    const same = [[], [0], [0, 0], [65535], [65535, 65535], [0, 1, 2, 3, 4, 65533, 65535]]
    for (const v of same) expect(vecU16MaxUpscaleToU16(v)).toEqual(v)
    expect(vecU16MaxUpscaleToU16([1])).toEqual([65535])
    expect(vecU16MaxUpscaleToU16([0, 1])).toEqual([0, 65535])
    expect(vecU16MaxUpscaleToU16([65534])).toEqual([65535])
    expect(vecU16MaxUpscaleToU16([0, 1, 65534])).toEqual([0, 1, 65535])
  })

  it('test_check_vec_max_limited', () => {
    const M = U16_MAX
    expect(checkVecMaxLimited([], 0)).toBe(true)
    expect(checkVecMaxLimited([], M)).toBe(true)
    expect(checkVecMaxLimited([M], M)).toBe(true)
    expect(checkVecMaxLimited([M], M - 1)).toBe(false)
    expect(checkVecMaxLimited([M], 0)).toBe(false)
    expect(checkVecMaxLimited([0], M)).toBe(true)
    expect(checkVecMaxLimited([0, M], M)).toBe(true)
    expect(checkVecMaxLimited([0, M, M], Math.floor(M / 2))).toBe(false)
    expect(checkVecMaxLimited([0, M, M], Math.floor(M / 2) + 1)).toBe(true)
    expect(checkVecMaxLimited([0, M, M, M], Math.floor(M / 3) - 1)).toBe(false)
    expect(checkVecMaxLimited([0, M, M, M], Math.floor(M / 3))).toBe(true)
  })
})

describe('epoch math: fixed-point behaviour', () => {
  it('test_math_fixed_overflow', () => {
    // bonds_moving_average 900_000 / 1_000_000 in I64F64, then 1 − it in I32F32
    const bma = fromInt(I64F64, 900_000) * (1n << 64n) / fromInt(I64F64, 1_000_000)
    const alpha = sub(I32F32, fromInt(I32F32, 1), fromFixed(I32F32, I64F64, bma))
    expect(alpha).toBe(fx(0.1))
    const one = fromInt(I64F64, 1)
    expect(sub(I32F32, fromInt(I32F32, 1), fromFixed(I32F32, I64F64, one))).toBe(0n)
  })

  it('test_math_u64_normalization', () => {
    const div64 = (a: bigint, b: bigint): bigint => (a << 64n) / b
    const maxSum = fromInt(I64F64, 21_000_000_000_000_000n)
    const minFrac = div64(fromInt(I64F64, 1), maxSum)
    expect(minFrac).toBe(fromF64(I64F64, 0.0000000000000000476))
    expect(fromFixed(I32F32, I64F64, minFrac)).toBe(0n)
    const min32Frac = div64(fromInt(I64F64, 4_889_444), maxSum)
    expect(min32Frac).toBe(fromF64(I64F64, 0.00000000023283066664))
    expect(fromFixed(I32F32, I64F64, min32Frac)).toBe(fx(0.0000000002))
    const half = div64(fromInt(I64F64, 10_500_000_000_000_000n), maxSum)
    expect(half).toBe(fromF64(I64F64, 0.5))
    expect(fromFixed(I32F32, I64F64, half)).toBe(fx(0.5))
    const one = div64(fromInt(I64F64, 21_000_000_000_000_000n), maxSum)
    expect(one).toBe(fromInt(I64F64, 1))
    expect(fromFixed(I32F32, I64F64, one)).toBe(fromInt(I32F32, 1))
  })

  it('test_math_to_num', () => {
    expect(toInt(I32F32, fromInt(I32F32, U16_MAX))).toBe(65535n)
    expect(toInt(I32F32, MAX)).toBe((1n << 31n) - 1n)
    expect(toInt(I32F32, 0n)).toBe(0n)
    expect(toInt(I96F32, fromInt(I96F32, (1n << 64n) - 1n))).toBe((1n << 64n) - 1n)
  })

  it('test_math_vec_to_fixed', () => {
    assertVecCompare(vecToFixed([0, 1, 2, 3]), [0, 1, 2, 3].map((x) => fromInt(I32F32, x)), Z)
  })

  it('test_math_vec_to_mat_fixed', () => {
    assertMatCompare(vecToMatFixed([0, 1, 2, 0, 10, 100], 2, false), [[0, 1, 2], [0, 10, 100]].map((r) => r.map((x) => fx(x))), Z)
  })

  it('test_math_vec_to_sparse_mat_fixed', () => {
    const v = [0, 1, 2, 0, 10, 100]
    assertSparseMatCompare(vecToSparseMatFixed(v, 2, false), [[[1, fx(1)], [2, fx(2)]], [[1, fx(10)], [2, fx(100)]]], Z)
    assertSparseMatCompare(vecToSparseMatFixed([0, 0], 2, false), [[], []], Z)
    assertSparseMatCompare(vecToSparseMatFixed(v, 2, true), [[], [[0, fx(1)], [1, fx(10)]], [[0, fx(2)], [1, fx(100)]]], Z)
    assertSparseMatCompare(vecToSparseMatFixed([0, 0], 2, true), [[]], Z)
  })

  it('test_math_exp_safe', () => {
    const one = fromInt(I32F32, 1)
    expect(expSafe(0n)).toBe(exp(I32F32, 0n))
    expect(expSafe(one)).toBe(exp(I32F32, one))
    const minIn = fromInt(I32F32, -20)
    const maxIn = fromInt(I32F32, 20)
    const tMin = exp(I32F32, minIn)
    expect(expSafe(minIn)).toBe(tMin)
    expect(expSafe(minIn - one)).toBe(tMin)
    expect(expSafe(MIN)).toBe(tMin)
    const tMax = exp(I32F32, maxIn)
    expect(expSafe(maxIn)).toBe(tMax)
    expect(expSafe(maxIn + one)).toBe(tMax)
    expect(expSafe(MAX)).toBe(tMax)
  })

  it('test_math_sigmoid_safe', () => {
    const trust = [MIN, fx(0), fx(0.4), fx(0.5), fx(0.6), fx(1), MAX]
    const tiny = 0.0000000019
    expect(trust.map((t) => sigmoidSafe(t, MAX, MAX))).toEqual(vecToFixed([tiny, tiny, tiny, tiny, tiny, tiny, 0.5]))
    expect(trust.map((t) => sigmoidSafe(t, MIN, MIN))).toEqual(vecToFixed([0.5, tiny, tiny, tiny, tiny, tiny, tiny]))
    expect(trust.map((t) => sigmoidSafe(t, fx(30), fx(0.5)))).toEqual(
      [tiny, 0.0000003057, 0.0474258729, 0.5, 0.952574127, 0.9999996943, 0.9999999981].map(fx))
    const trust2 = vecToFixed([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    expect(trust2.map((t) => sigmoidSafe(t, fx(40), fx(0.5)))).toEqual([
      tiny, 0.0000001125, 0.0000061442, 0.0003353502, 0.017986214, 0.5, 0.9820138067, 0.9996646498,
      0.9999938558, 0.9999998875, 0.9999999981,
    ].map(fx))
  })

  it('test_math_is_topk', () => {
    expect(isTopk(vecToFixed([]), 5)).toEqual([])
    const v = vecToFixed([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const F = false
    const T = true
    expect(isTopk(v, 0)).toEqual([F, F, F, F, F, F, F, F, F, F])
    expect(isTopk(v, 5)).toEqual([F, F, F, F, F, T, T, T, T, T])
    expect(isTopk(v, 10)).toEqual([T, T, T, T, T, T, T, T, T, T])
    expect(isTopk(v, 100)).toEqual([T, T, T, T, T, T, T, T, T, T])
    expect(isTopk(vecToFixed([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), 5)).toEqual([T, T, T, T, T, F, F, F, F, F])
    expect(isTopk(vecToFixed([9, 0, 8, 1, 7, 2, 6, 3, 5, 4]), 5)).toEqual([T, F, T, F, T, F, T, F, T, F])
    expect(isTopk(vecToFixed([0.9, 0, 0.8, 0.1, 0.7, 0.2, 0.6, 0.3, 0.5, 0.4]), 5)).toEqual([T, F, T, F, T, F, T, F, T, F])
    expect(isTopk(vecToFixed([0, 1, 2, 3, 4, 5, 5, 5, 5, 6]), 5)).toEqual([F, F, F, F, F, T, T, T, T, T])
  })

  it('test_math_sum', () => {
    expect(sum([])).toBe(0n)
    expect(sum([fx(1), fx(10), fx(30)])).toBe(fx(41))
    expect(sum([fx(-1), fx(10), fx(30)])).toBe(fx(39))
  })
})

describe('epoch math: normalisation', () => {
  const eps = fx(0.0001)
  const pos = [fx(0.0243902437), fx(0.243902439), fx(0.7317073171)]
  const neg = [fx(-0.0256410255), fx(0.2564102563), fx(0.769230769)]

  it('test_math_normalize', () => {
    assertVecCompare(normalize([]), [], eps)
    const y = normalize([fx(1), fx(10), fx(30)])
    assertVecCompare(y, pos, eps)
    assertFloatCompare(sum(y), fx(1), eps)
    const y2 = normalize([fx(-1), fx(10), fx(30)])
    assertVecCompare(y2, neg, eps)
    assertFloatCompare(sum(y2), fx(1), eps)
  })

  it('test_math_inplace_normalize', () => {
    const x1 = [fx(1), fx(10), fx(30)]
    inplaceNormalize(x1)
    assertVecCompare(x1, pos, eps)
    const x2 = [fx(-1), fx(10), fx(30)]
    inplaceNormalize(x2)
    assertVecCompare(x2, neg, eps)
  })

  it('test_math_inplace_normalize_64', () => {
    const f = (x: number): bigint => fromF64(I64F64, x)
    const e64 = f(0.0001)
    const x1 = [f(1), f(10), f(30)]
    inplaceNormalize64(x1)
    assertVecCompare(x1, [f(0.0243902437), f(0.243902439), f(0.7317073171)], e64)
    const x2 = [f(-1), f(10), f(30)]
    inplaceNormalize64(x2)
    assertVecCompare(x2, [f(-0.0256410255), f(0.2564102563), f(0.769230769)], e64)
  })

  it('test_math_vecdiv', () => {
    expect(vecdiv([], [])).toEqual([])
    expect(vecdiv(vecToFixed([0, 1, 0, 1]), vecToFixed([0, 1, 1, 0]))).toEqual(vecToFixed([0, 1, 0, 0]))
    const d = (a: number, b: number): Fx => (fixed(a) << 32n) / fixed(b)
    expect(vecdiv(vecToFixed([1, 1, 10]), vecToFixed([2, 3, 2]))).toEqual([d(1, 2), d(1, 3), fixed(5)])
  })

  const dense = [0, 1, 2, 3, 4, 0, 10, 100, 1000, 10000, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
  const denseT = [0, 0.1, 0.2, 0.3, 0.4, 0, 0.0009, 0.009, 0.09, 0.9, 0, 0, 0, 0, 0, 0.2, 0.2, 0.2, 0.2, 0.2]
  const sparse = [
    0, 1, 0, 2, 0, 3, 4, 0, 1, 0, 2, 0, 3, 0, 1, 0, 0, 2, 0, 3, 4, 0,
    10, 0, 100, 1000, 0, 10000, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1,
  ]
  const sparseT = [
    0, 0.1, 0, 0.2, 0, 0.3, 0.4, 0, 0.166666, 0, 0.333333, 0, 0.5, 0, 0.1, 0, 0, 0.2,
    0, 0.3, 0.4, 0, 0.0009, 0, 0.009, 0.09, 0, 0.9, 0, 0, 0, 0, 0, 0, 0, 0.142857,
    0.142857, 0.142857, 0.142857, 0.142857, 0.142857, 0.142857,
  ]
  const zeros12 = new Array<number>(12).fill(0)

  it('test_math_inplace_row_normalize', () => {
    const mat = vecToMatFixed(dense, 4, false)
    inplaceRowNormalize(mat)
    assertMatCompare(mat, vecToMatFixed(denseT, 4, false), eps)
  })

  it('test_math_inplace_row_normalize_sparse', () => {
    const mat = vecToSparseMatFixed(sparse, 6, false)
    inplaceRowNormalizeSparse(mat)
    assertSparseMatCompare(mat, vecToSparseMatFixed(sparseT, 6, false), eps)
    const z = vecToSparseMatFixed(zeros12, 3, false)
    inplaceRowNormalizeSparse(z)
    assertSparseMatCompare(z, vecToSparseMatFixed(zeros12, 3, false), Z)
  })

  it('test_math_inplace_col_normalize', () => {
    const mat = vecToMatFixed(dense, 4, true)
    inplaceColNormalize(mat)
    assertMatCompare(mat, vecToMatFixed(denseT, 4, true), eps)
  })

  it('test_math_inplace_col_normalize_sparse', () => {
    const mat = vecToSparseMatFixed(sparse, 6, true)
    inplaceColNormalizeSparse(mat, 6)
    assertSparseMatCompare(mat, vecToSparseMatFixed(sparseT, 6, true), eps)
    const z = vecToSparseMatFixed(zeros12, 3, false)
    inplaceColNormalizeSparse(z, 6)
    assertSparseMatCompare(z, vecToSparseMatFixed(zeros12, 3, false), Z)
    const empty: Array<Array<[number, Fx]>> = []
    inplaceColNormalizeSparse(empty, 0)
    assertSparseMatCompare(empty, [], eps)
  })

  it('test_math_inplace_col_max_upscale', () => {
    const m1: Fx[][] = [[]]
    inplaceColMaxUpscale(m1)
    expect(m1).toEqual([[]])
    const m2 = [[fx(0)]]
    inplaceColMaxUpscale(m2)
    expect(m2).toEqual([[fx(0)]])
    const mat = vecToMatFixed(dense, 4, true)
    inplaceColMaxUpscale(mat)
    const target = [0, 0.25, 0.5, 0.75, 1, 0, 0.001, 0.01, 0.1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    assertMatCompare(mat, vecToMatFixed(target, 4, true), eps)
  })

  it('test_math_inplace_col_max_upscale_sparse', () => {
    const m1: Array<Array<[number, Fx]>> = [[]]
    inplaceColMaxUpscaleSparse(m1, 0)
    expect(m1).toEqual([[]])
    const m2: Array<Array<[number, Fx]>> = [[[0, fx(0)]]]
    inplaceColMaxUpscaleSparse(m2, 1)
    expect(m2).toEqual([[[0, fx(0)]]])
    const mat = vecToSparseMatFixed(sparse, 6, true)
    inplaceColMaxUpscaleSparse(mat, 6)
    const target = [
      0, 0.25, 0, 0.5, 0, 0.75, 1, 0, 0.333333, 0, 0.666666, 0, 1, 0, 0.25, 0, 0, 0.5,
      0, 0.75, 1, 0, 0.001, 0, 0.01, 0.1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
      1, 1, 1,
    ]
    assertSparseMatCompare(mat, vecToSparseMatFixed(target, 6, true), eps)
    const z = vecToSparseMatFixed(zeros12, 3, false)
    inplaceColMaxUpscaleSparse(z, 6)
    assertSparseMatCompare(z, vecToSparseMatFixed(zeros12, 3, false), Z)
    const empty: Array<Array<[number, Fx]>> = []
    inplaceColMaxUpscaleSparse(empty, 0)
    assertSparseMatCompare(empty, [], eps)
  })
})

describe('epoch math: masks', () => {
  const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9]
  const zeros9 = new Array<number>(9).fill(0)
  const diag0 = [0, 2, 3, 4, 0, 6, 7, 8, 0]

  it('test_math_inplace_mask_vector', () => {
    const cases: Array<[boolean[], number[]]> = [
      [[false, false, false], [0, 1, 2]],
      [[false, true, false], [0, 0, 2]],
      [[true, true, true], [0, 0, 0]],
    ]
    for (const [mask, target] of cases) {
      const v = vecToFixed([0, 1, 2])
      inplaceMaskVector(mask, v)
      assertVecCompare(v, vecToFixed(target), Z)
    }
  })

  it('test_math_inplace_mask_matrix', () => {
    const v = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    const F = false
    const T = true
    const cases: Array<[boolean[][], number[]]> = [
      [[[F, F, F], [F, F, F], [F, F, F]], v],
      [[[T, F, F], [F, T, F], [F, F, T]], [0, 1, 2, 3, 0, 5, 6, 7, 0]],
      [[[T, T, T], [T, T, T], [T, T, T]], zeros9],
    ]
    for (const [mask, target] of cases) {
      const mat = vecToMatFixed(v, 3, false)
      inplaceMaskMatrix(mask, mat)
      assertMatCompare(mat, vecToMatFixed(target, 3, false), Z)
    }
  })

  it('test_math_inplace_mask_rows', () => {
    const cases: Array<[number[], boolean[], number[]]> = [
      [nine, [false, false, false], nine],
      [nine, [true, true, true], zeros9],
      [nine, [true, false, true], [0, 0, 0, 4, 5, 6, 0, 0, 0]],
      [zeros9, [false, false, false], zeros9],
    ]
    for (const [input, mask, target] of cases) {
      const mat = vecToMatFixed(input, 3, false)
      inplaceMaskRows(mask, mat)
      assertMatCompare(mat, vecToMatFixed(target, 3, false), Z)
    }
  })

  it('test_math_inplace_mask_diag', () => {
    const mat = vecToMatFixed(nine, 3, false)
    inplaceMaskDiag(mat)
    assertMatCompare(mat, vecToMatFixed(diag0, 3, false), Z)
  })

  it('test_math_inplace_mask_diag_except_index', () => {
    for (let i = 0; i < 3; i++) {
      const target = diag0.slice()
      target[i * 3 + i] = nine[i * 3 + i] as number
      const mat = vecToMatFixed(nine, 3, false)
      inplaceMaskDiagExceptIndex(mat, i)
      assertMatCompare(mat, vecToMatFixed(target, 3, false), Z)
    }
  })

  it('test_math_mask_rows_sparse', () => {
    const mat = vecToSparseMatFixed(nine, 3, false)
    assertSparseMatCompare(maskRowsSparse([false, false, false], mat), vecToSparseMatFixed(nine, 3, false), Z)
    assertSparseMatCompare(maskRowsSparse([true, true, true], mat), vecToSparseMatFixed(zeros9, 3, false), Z)
    assertSparseMatCompare(maskRowsSparse([true, false, true], mat), vecToSparseMatFixed([0, 0, 0, 4, 5, 6, 0, 0, 0], 3, false), Z)
    const zm = vecToSparseMatFixed(zeros9, 3, false)
    assertSparseMatCompare(maskRowsSparse([false, false, false], zm), vecToSparseMatFixed(zeros9, 3, false), Z)
  })

  it('test_math_mask_diag_sparse', () => {
    assertSparseMatCompare(maskDiagSparse(vecToSparseMatFixed(nine, 3, false)), vecToSparseMatFixed(diag0, 3, false), Z)
    assertSparseMatCompare(maskDiagSparse(vecToSparseMatFixed([1, 0, 0, 0, 5, 0, 0, 0, 9], 3, false)), vecToSparseMatFixed(zeros9, 3, false), Z)
    assertSparseMatCompare(maskDiagSparse(vecToSparseMatFixed(zeros9, 3, false)), vecToSparseMatFixed(zeros9, 3, false), Z)
  })

  it('test_math_mask_diag_sparse_except_index', () => {
    for (const [vector, base] of [[nine, diag0], [[1, 0, 0, 0, 5, 0, 0, 0, 9], zeros9], [zeros9, zeros9]] as const) {
      const mat = vecToSparseMatFixed(vector, 3, false)
      for (let i = 0; i < 3; i++) {
        const target = base.slice()
        target[i * 3 + i] = vector[i * 3 + i] as number
        const result = maskDiagSparseExceptIndex(mat, i)
        const t = vecToSparseMatFixed(target, 3, false)
        expect(result.length).toBe(t.length)
        assertSparseMatCompare(result, t, Z)
      }
    }
  })

  it('test_math_vec_mask_sparse_matrix', () => {
    const mat = vecToSparseMatFixed(nine, 3, false)
    assertSparseMatCompare(vecMaskSparseMatrix(mat, [1n, 2n, 3n], [1n, 2n, 3n], (a, b) => a === b), vecToSparseMatFixed(diag0, 3, false), Z)
    assertSparseMatCompare(vecMaskSparseMatrix(mat, [1n, 2n, 3n], [1n, 2n, 3n], (a, b) => a < b),
      vecToSparseMatFixed([1, 0, 0, 4, 5, 0, 7, 8, 9], 3, false), Z)
    const zm = vecToSparseMatFixed(zeros9, 3, false)
    assertSparseMatCompare(vecMaskSparseMatrix(zm, [1n, 2n, 3n], [1n, 2n, 3n], (a, b) => a === b), vecToSparseMatFixed(zeros9, 3, false), Z)
  })
})

describe('epoch math: products', () => {
  const twelve = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  const holes = [0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12]
  const zeros12 = new Array<number>(12).fill(0)

  it('test_math_vec_mul', () => {
    const v = vecToFixed([1, 2, 3, 4])
    assertVecCompare(vecMul(v, v), vecToFixed([1, 4, 9, 16]), Z)
    assertVecCompare(vecMul(vecToFixed([]), v), [], Z)
    assertVecCompare(vecMul(vecToFixed([0, 0, 0, 0, 0, 0, 0, 0]), v), [Z, Z, Z, Z], Z)
  })

  it('test_math_mat_vec_mul', () => {
    const m = vecToMatFixed(twelve, 4, false)
    assertMatCompare(matVecMul(m, vecToFixed([1, 2, 3])), vecToMatFixed([1, 4, 9, 4, 10, 18, 7, 16, 27, 10, 22, 36], 4, false), Z)
    assertMatCompare(matVecMul(m, vecToFixed([1, 0, 0])), vecToMatFixed([1, 0, 0, 4, 0, 0, 7, 0, 0, 10, 0, 0], 4, false), Z)
    assertMatCompare(matVecMul(m, []), [[], [], [], []], Z)
  })

  it('test_math_mat_vec_mul_sparse', () => {
    const m = vecToSparseMatFixed(twelve, 4, false)
    assertSparseMatCompare(matVecMulSparse(m, vecToFixed([1, 2, 3])), vecToSparseMatFixed([1, 4, 9, 4, 10, 18, 7, 16, 27, 10, 22, 36], 4, false), Z)
    assertSparseMatCompare(matVecMulSparse(m, vecToFixed([1, 0, 0])), vecToSparseMatFixed([1, 0, 0, 4, 0, 0, 7, 0, 0, 10, 0, 0], 4, false), Z)
    assertSparseMatCompare(matVecMulSparse(m, []), [[], [], [], []], Z)
  })

  it('test_math_row_hadamard', () => {
    const r = rowHadamard(vecToMatFixed(twelve, 4, false), vecToFixed([1, 2, 3, 4]))
    assertMatCompare(r, vecToMatFixed([1, 2, 3, 8, 10, 12, 21, 24, 27, 40, 44, 48], 4, false), Z)
  })

  it('test_math_row_hadamard_sparse', () => {
    const v = vecToFixed([1, 2, 3, 4])
    assertSparseMatCompare(rowHadamardSparse(vecToSparseMatFixed(twelve, 4, false), v),
      vecToSparseMatFixed([1, 2, 3, 8, 10, 12, 21, 24, 27, 40, 44, 48], 4, false), Z)
    assertSparseMatCompare(rowHadamardSparse(vecToSparseMatFixed(holes, 4, false), v),
      vecToSparseMatFixed([0, 2, 3, 8, 0, 12, 21, 24, 0, 40, 44, 48], 4, false), Z)
    assertSparseMatCompare(rowHadamardSparse(vecToSparseMatFixed(zeros12, 4, false), v), vecToSparseMatFixed(zeros12, 4, false), Z)
  })

  it('test_math_row_sum', () => {
    assertVecCompare(rowSum(vecToMatFixed(twelve, 4, false)), vecToFixed([6, 15, 24, 33]), Z)
  })

  it('test_math_row_sum_sparse', () => {
    assertVecCompare(rowSumSparse(vecToSparseMatFixed(twelve, 4, false)), vecToFixed([6, 15, 24, 33]), Z)
    assertVecCompare(rowSumSparse(vecToSparseMatFixed(holes, 4, false)), vecToFixed([5, 10, 15, 33]), Z)
    assertVecCompare(rowSumSparse(vecToSparseMatFixed([1, 2, 3, 0, 0, 0, 7, 8, 9, 10, 11, 12], 4, false)), vecToFixed([6, 0, 24, 33]), Z)
    assertVecCompare(rowSumSparse(vecToSparseMatFixed(zeros12, 4, false)), vecToFixed([0, 0, 0, 0]), Z)
  })

  it('test_math_matmul', () => {
    assertVecCompare(matmul(vecToMatFixed(twelve, 4, false), vecToFixed([1, 2, 3, 4])), vecToFixed([70, 80, 90]), Z)
  })

  it('test_math_matmul_transpose', () => {
    assertVecCompare(matmulTranspose(vecToMatFixed(twelve, 4, false), vecToFixed([1, 2, 3])), vecToFixed([14, 32, 50, 68]), Z)
  })

  it('test_math_sparse_matmul', () => {
    const v = vecToFixed([1, 2, 3, 4])
    assertVecCompare(matmulSparse(vecToSparseMatFixed(twelve, 4, false), v, 3), vecToFixed([70, 80, 90]), Z)
    assertVecCompare(matmulSparse(vecToSparseMatFixed(holes, 4, false), v, 3), vecToFixed([69, 70, 63]), Z)
    assertVecCompare(matmulSparse(vecToSparseMatFixed(zeros12, 4, false), v, 3), vecToFixed([0, 0, 0]), Z)
  })

  it('test_math_sparse_matmul_transpose', () => {
    const v = vecToFixed([1, 2, 3])
    assertVecCompare(matmulTransposeSparse(vecToSparseMatFixed(twelve, 4, false), v), vecToFixed([14, 32, 50, 68]), Z)
    assertVecCompare(matmulTransposeSparse(vecToSparseMatFixed(holes, 4, false), v), vecToFixed([13, 22, 23, 68]), Z)
    assertVecCompare(matmulTransposeSparse(vecToSparseMatFixed(zeros12, 4, false), v), vecToFixed([0, 0, 0, 0]), Z)
  })

  it('test_math_inplace_col_clip', () => {
    const m = vecToMatFixed([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4, false)
    inplaceColClip(m, vecToFixed([0, 5, 12]))
    assertMatCompare(m, vecToMatFixed([0, 2, 3, 0, 5, 6, 0, 5, 9, 0, 5, 12], 4, false), Z)
  })

  it('test_math_col_clip_sparse', () => {
    const th = vecToFixed([0, 5, 12])
    assertSparseMatCompare(colClipSparse(vecToSparseMatFixed([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4, false), th),
      vecToSparseMatFixed([0, 2, 3, 0, 5, 6, 0, 5, 9, 0, 5, 12], 4, false), Z)
    assertSparseMatCompare(colClipSparse(vecToSparseMatFixed([0, 2, 3, 4, 5, 6, 0, 0, 0, 10, 11, 12], 4, false), th),
      vecToSparseMatFixed([0, 2, 3, 0, 5, 6, 0, 0, 0, 0, 5, 12], 4, false), Z)
    assertSparseMatCompare(colClipSparse(vecToSparseMatFixed(zeros12, 4, false), th), vecToSparseMatFixed(zeros12, 4, false), Z)
  })
})



describe('epoch math: weighted median', () => {
  const zero = fixed(0)
  const one = fixed(1)
  const wm = (stake: Fx[], score: Fx[], majority: Fx): Fx =>
    weightedMedian(stake, score, stake.map((_, i) => i), one - majority, zero, sum(stake))

  it('test_math_weighted_median', () => {
    const m = fixed(0.51)
    expect(wm([], [], m)).toBe(zero)
    expect(wm(normalize(vecToFixed([0.51])), vecToFixed([1]), m)).toBe(one)
    expect(wm(vecToFixed([0.49, 0.51]), vecToFixed([0.5, 1]), m)).toBe(one)
    expect(wm(vecToFixed([0.51, 0.49]), vecToFixed([0.5, 1]), m)).toBe(fixed(0.5))
    expect(wm(vecToFixed([0.49, 0, 0.51]), vecToFixed([0.5, 0.7, 1]), m)).toBe(one)
    expect(wm(vecToFixed([0.49, 0.01, 0.5]), vecToFixed([0.5, 0.7, 1]), m)).toBe(fixed(0.7))
    expect(wm(vecToFixed([0.49, 0.51, 0]), vecToFixed([0.5, 0.7, 1]), m)).toBe(fixed(0.7))
    expect(wm(vecToFixed([0, 0.49, 0.51]), vecToFixed([0.5, 0.7, 1]), m)).toBe(one)
    expect(wm(vecToFixed([0, 0.49, 0, 0.51]), vecToFixed([0.5, 0.5, 1, 1]), m)).toBe(one)
    expect(wm(vecToFixed([0, 0.49, 0, 0.51, 0]), vecToFixed([0.5, 0.5, 1, 1, 0.5]), m)).toBe(one)
    expect(wm(vecToFixed([0.2, 0.2, 0.2, 0.2, 0.2]), vecToFixed([0.8, 0.2, 1, 0.6, 0.4]), m)).toBe(fixed(0.6))
    expect(wm(vecToFixed(new Array<number>(10).fill(0.1)), vecToFixed([0.8, 0.8, 0.2, 0.2, 1, 1, 0.6, 0.6, 0.4, 0.4]), m))
      .toBe(fixed(0.6))

    // randomised part: the median found must be one the brute-force scan accepts, under permutation
    const rand = rng(42)
    const n = 100
    for (const majority of vecToFixed([0, 0.0000001, 0.25, 0.49, 0.49, 0.49, 0.5, 0.51, 0.51, 0.51, 0.9999999, 1])) {
      for (const allowEqual of [false, true]) {
        let stake: Fx[] = []
        let score: Fx[] = []
        let lastScore = zero
        for (let i = 0; i < n; i++) {
          if (allowEqual) {
            stake.push(rand() < 0.5 ? one : zero)
            if (rand() < 0.5) lastScore += one
            score.push(lastScore)
          } else {
            stake.push(one)
            score.push(fromInt(I32F32, i))
          }
        }
        inplaceNormalize(stake)
        const total = sum(stake)
        let minority = total - majority
        if (minority < zero) minority = zero
        const medians: Fx[] = []
        let medianStake = zero
        let medianSet = false
        let stakeSum = zero
        for (let i = 0; i < n; i++) {
          stakeSum += stake[i] as Fx
          if (!medianSet && stakeSum >= minority) {
            medianStake = stakeSum
            medianSet = true
          }
          if (medianSet) {
            if (medianStake < stakeSum) {
              if (medianStake === minority && !medians.includes(score[i] as Fx)) medians.push(score[i] as Fx)
              break
            }
            if (!medians.includes(score[i] as Fx)) medians.push(score[i] as Fx)
          }
        }
        if (medians.length === 0) medians.push(zero)
        const idx = stake.map((_, i) => i)
        expect(medians).toContain(weightedMedian(stake, score, idx, minority, zero, total))
        for (let r = 0; r < 10; r++) {
          const perm = idx.slice()
          for (let i = perm.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1))
            ;[perm[i], perm[j]] = [perm[j] as number, perm[i] as number]
          }
          stake = perm.map((i) => stake[i] as Fx)
          score = perm.map((i) => score[i] as Fx)
          expect(medians).toContain(weightedMedian(stake, score, idx, minority, zero, total))
        }
      }
    }
  })

  const w1 = [0, 0.1, 0, 0, 0.2, 0.4, 0, 0.3, 0.1, 0, 0.4, 0.5]
  const w2 = [0, 0.1, 0, 0, 0.2, 0.4, 0, 0.3, 0.1, 0, 0, 0.5]

  it('test_math_weighted_median_col', () => {
    expect(weightedMedianCol([], [[]], fixed(0.5))).toEqual([])
    expect(weightedMedianCol(vecToFixed([0, 0]), vecToMatFixed([0, 0, 0, 0], 2, false), fixed(0.5))).toEqual(vecToFixed([0, 0]))
    const stake = vecToFixed([0, 0.75, 0.25, 0])
    const w = vecToMatFixed(w1, 4, false)
    expect(weightedMedianCol(stake, w, fixed(0.24))).toEqual(vecToFixed([0, 0.3, 0.4]))
    expect(weightedMedianCol(stake, w, fixed(0.26))).toEqual(vecToFixed([0, 0.2, 0.4]))
    expect(weightedMedianCol(stake, w, fixed(0.76))).toEqual(vecToFixed([0, 0.2, 0.1]))
    expect(weightedMedianCol(vecToFixed([0, 0.3, 0.2, 0.5]), vecToMatFixed(w2, 4, false), fixed(0.51))).toEqual(vecToFixed([0, 0, 0.4]))
  })

  it('test_math_weighted_median_col_sparse', () => {
    expect(weightedMedianColSparse([], [[]], 0, fixed(0.5))).toEqual([])
    expect(weightedMedianColSparse(vecToFixed([0, 0]), vecToSparseMatFixed([0, 0, 0, 0], 2, false), 2, fixed(0.5))).toEqual(vecToFixed([0, 0]))
    const stake = vecToFixed([0, 0.75, 0.25, 0])
    const w = vecToSparseMatFixed(w1, 4, false)
    expect(weightedMedianColSparse(stake, w, 3, fixed(0.24))).toEqual(vecToFixed([0, 0.3, 0.4]))
    expect(weightedMedianColSparse(stake, w, 3, fixed(0.26))).toEqual(vecToFixed([0, 0.2, 0.4]))
    expect(weightedMedianColSparse(stake, w, 3, fixed(0.76))).toEqual(vecToFixed([0, 0.2, 0.1]))
    expect(weightedMedianColSparse(vecToFixed([0, 0.3, 0.2, 0.5]), vecToSparseMatFixed(w2, 4, false), 3, fixed(0.51)))
      .toEqual(vecToFixed([0, 0, 0.4]))
  })
})

describe('epoch math: interpolation and EMA', () => {
  const zeros12 = new Array<number>(12).fill(0)
  const ones12 = new Array<number>(12).fill(1)
  const fill12 = (x: number): number[] => new Array<number>(12).fill(x)

  it('test_math_interpolate', () => {
    assertMatCompare(interpolate([[]], [[]], fx(0)), [[]], Z)
    const a = [[fx(0)]]
    const b = [[fx(1)]]
    assertMatCompare(interpolate(a, b, fx(0)), [[fx(0)]], Z)
    assertMatCompare(interpolate(a, b, fx(1)), [[fx(1)]], Z)
    const z1 = vecToMatFixed(zeros12, 4, false)
    const z2 = vecToMatFixed(zeros12, 4, false)
    assertMatCompare(interpolate(z1, z2, fx(0)), vecToMatFixed(zeros12, 4, false), Z)
    assertMatCompare(interpolate(z1, z2, fx(1)), vecToMatFixed(zeros12, 4, false), Z)
    const m1 = vecToMatFixed([1, 10, 100, 1000, 10000, 100000], 3, false)
    const m2 = vecToMatFixed([10, 100, 1000, 10000, 100000, 1000000], 3, false)
    assertMatCompare(interpolate(m1, m2, fx(0)), vecToMatFixed([1, 10, 100, 1000, 10000, 100000], 3, false), Z)
    assertMatCompare(interpolate(m1, m2, fx(0.9)), vecToMatFixed([9.1, 91, 910, 9100, 91000, 910000], 3, false), fx(0.0001))
    const o = vecToMatFixed(ones12, 4, false)
    assertMatCompare(interpolate(z1, o, fx(0)), vecToMatFixed(zeros12, 4, false), Z)
    assertMatCompare(interpolate(z1, o, fx(0.000000001)), vecToMatFixed(fill12(0.000000001), 4, false), Z)
    assertMatCompare(interpolate(z1, o, fx(0.5)), vecToMatFixed(fill12(0.5), 4, false), Z)
    assertMatCompare(interpolate(z1, o, fx(0.9999998808)), vecToMatFixed(fill12(0.9999999), 4, false), Z)
    assertMatCompare(interpolate(z1, o, fx(1)), vecToMatFixed(ones12, 4, false), Z)
  })

  it('test_math_interpolate_sparse', () => {
    assertSparseMatCompare(interpolateSparse([[]], [[]], 0, fx(0)), [[]], Z)
    const a = vecToSparseMatFixed([0], 1, false)
    const b = vecToSparseMatFixed([1], 1, false)
    assertSparseMatCompare(interpolateSparse(a, b, 1, fx(0)), vecToSparseMatFixed([0], 1, false), Z)
    assertSparseMatCompare(interpolateSparse(a, b, 1, fx(0.5)), vecToSparseMatFixed([0.5], 1, false), Z)
    assertSparseMatCompare(interpolateSparse(a, b, 1, fx(1)), vecToSparseMatFixed([1], 1, false), Z)
    const z1 = vecToSparseMatFixed(zeros12, 4, false)
    const z2 = vecToSparseMatFixed(zeros12, 4, false)
    assertSparseMatCompare(interpolateSparse(z1, z2, 3, fx(0)), vecToSparseMatFixed(zeros12, 4, false), Z)
    assertSparseMatCompare(interpolateSparse(z1, z2, 3, fx(1)), vecToSparseMatFixed(zeros12, 4, false), Z)
    const m1 = vecToSparseMatFixed([1, 0, 100, 1000, 10000, 100000], 3, false)
    const m2 = vecToSparseMatFixed([10, 100, 1000, 10000, 100000, 0], 3, false)
    assertSparseMatCompare(interpolateSparse(m1, m2, 2, fx(0)), vecToSparseMatFixed([1, 0, 100, 1000, 10000, 100000], 3, false), Z)
    assertSparseMatCompare(interpolateSparse(m1, m2, 2, fx(0.9)),
      vecToSparseMatFixed([9.1, 90, 910, 9100, 91000, 10000], 3, false), fx(0.0001))
    const o = vecToSparseMatFixed(ones12, 4, false)
    assertSparseMatCompare(interpolateSparse(z1, o, 3, fx(0)), vecToSparseMatFixed(zeros12, 4, false), Z)
    assertSparseMatCompare(interpolateSparse(z1, o, 3, fx(0.000000001)), vecToSparseMatFixed(fill12(0.000000001), 4, false), Z)
    assertSparseMatCompare(interpolateSparse(z1, o, 3, fx(0.5)), vecToSparseMatFixed(fill12(0.5), 4, false), Z)
    assertSparseMatCompare(interpolateSparse(z1, o, 3, fx(0.9999998808)), vecToSparseMatFixed(fill12(0.9999999), 4, false), Z)
    assertSparseMatCompare(interpolateSparse(z1, o, 3, fx(1)), vecToSparseMatFixed(ones12, 4, false), Z)
  })

  const oldA = [0.1, 0.2, 3, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12]
  const oldB = [0.001, 0.002, 0.003, 0.004, 0.05, 0.006, 0.007, 0.008, 0.009, 0.010, 0.011, 0.012]
  const int12 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  const clampedA = [0.10, 0.2, 1, 0.0399, 0.05, 0.0599, 0.07, 0.07999, 0.09, 0.1, 0.10999, 0.11999]

  it('test_math_mat_ema_alpha', () => {
    const e = fx(1e-4)
    const m = (v: number[]): Fx[][] => vecToMatFixed(v, 4, false)
    assertMatCompare(matEmaAlpha(m(int12), m(oldA), m(fill12(0.1))),
      m([0.19, 0.38, 1, 0.436, 0.545, 0.6539, 0.763, 0.8719, 0.981, 1, 1, 1]), e)
    assertMatCompare(matEmaAlpha(m(int12.map((x) => x * 10)), m(oldA), m(fill12(0))), m(clampedA), e)
    assertMatCompare(matEmaAlpha(m(oldA), m(oldB), m(fill12(1))), m(clampedA), e)
  })

  it('test_math_sparse_mat_ema_alpha', () => {
    const e = fx(1e-4)
    const sp = (v: number[]): Array<Array<[number, Fx]>> => vecToSparseMatFixed(v, 4, false)
    const alphas = vecToMatFixed(fill12(0.1), 4, false)
    assertSparseMatCompare(matEmaAlphaSparse(sp(int12), sp(oldA), alphas),
      sp([0.19, 0.38, 1, 0.43599, 0.545, 0.65399, 0.763, 0.87199, 0.981, 1, 1, 1]), e)
    assertSparseMatCompare(matEmaAlphaSparse(sp(oldA), sp(oldB), alphas),
      sp([0.0109, 0.0218, 0.30270, 0.007599, 0.05, 0.01139, 0.0133, 0.01519, 0.017, 0.01899, 0.02089, 0.0227]), e)
    assertSparseMatCompare(matEmaAlphaSparse(sp(oldA), sp(zeros12), alphas),
      sp([0.01, 0.02, 0.3, 0.00399, 0.005, 0.00599, 0.007, 0.00799, 0.009, 0.01, 0.011, 0.01199]), e)
    assertSparseMatCompare(matEmaAlphaSparse(sp(zeros12), sp(zeros12), alphas), sp(zeros12), e)
    const oldOne = zeros12.slice()
    oldOne[0] = 1
    const newTwo = zeros12.slice()
    newTwo[4] = 2
    const tgt = zeros12.slice()
    tgt[4] = 0.2
    assertSparseMatCompare(matEmaAlphaSparse(sp(newTwo), sp(oldOne), alphas), sp(tgt), fx(1e-1))
  })
})

describe('epoch math: matmul2 and conversions', () => {
  const f64 = (x: number | bigint): bigint => fromInt(I64F64, x)
  const f32 = (x: number | bigint): Fx => fromInt(I32F32, x)

  it('test_math_matmul2', () => {
    const eps = fx(0.0001)
    const fill = (x: number): Fx[] => [fx(x), fx(x), fx(x)]
    const ones = [fill(1), fill(1), fill(1)]
    assertVecCompare(matmul(ones, fill(1)), fill(3), eps)
    assertVecCompare(matmul(ones, fill(2)), fill(6), eps)
    assertVecCompare(matmul(ones, fill(3)), fill(9), eps)
    assertVecCompare(matmul(ones, fill(-1)), fill(-3), eps)
    const neg = [fill(-1), fill(-1), fill(-1)]
    assertVecCompare(matmul(neg, fill(1)), fill(-3), eps)
    assertVecCompare(matmul(neg, fill(2)), fill(-6), eps)
    assertVecCompare(matmul(neg, fill(3)), fill(-9), eps)
    assertVecCompare(matmul(neg, fill(-1)), fill(3), eps)
    const rows = [fill(1), fill(2), fill(3)]
    assertVecCompare(matmul(rows, fill(0)), fill(0), eps)
    assertVecCompare(matmul(rows, fill(2)), fill(12), eps)
    const cols = [0, 1, 2].map(() => [fx(1), fx(2), fx(3)])
    assertVecCompare(matmul(cols, fill(0)), fill(0), eps)
    assertVecCompare(matmul(cols, fill(2)), [fx(6), fx(12), fx(18)], eps)
  })

  it('test_math_fixed_to_u16', () => {
    for (const x of [0, Math.floor(U16_MAX / 2), U16_MAX]) expect(fixedToU16(f32(x))).toBe(x)
  })

  it('test_math_fixed_to_u16_panics (the I32F32 conversion of u32::MAX overflows)', () => {
    expect(() => f32(0xffff_ffff)).toThrow()
  })

  it('test_math_fixed_to_u64', () => {
    expect(fixedToU64(f32(0))).toBe(0n)
  })

  it('test_math_fixed_to_u64_saturates', () => {
    expect(fixedToU64(f32(-1))).toBe(0n)
  })

  it('test_math_fixed64_to_u64', () => {
    const i64max = (1n << 63n) - 1n
    expect(fixed64ToU64(f64(0))).toBe(0n)
    expect(fixed64ToU64(f64(i64max / 2n))).toBe(i64max / 2n)
    expect(fixed64ToU64(f64(i64max))).toBe(i64max)
  })

  it('test_math_fixed64_to_u64_saturates', () => {
    expect(fixed64ToU64(f64(-1))).toBe(0n)
  })

  it('test_math_fixed64_to_fixed32', () => {
    expect(fixed64ToFixed32(f64(0))).toBe(f32(0))
    const half = 0xffff_ffffn / 2n
    expect(fixed64ToFixed32(f64(half))).toBe(f32(half))
  })

  it('test_math_fixed64_to_fixed32_saturates', () => {
    expect(fixed64ToFixed32(f64(0xffff_ffffn))).toBe(MAX)
  })

  it('test_math_u16_to_fixed', () => {
    for (const x of [0, Math.floor(U16_MAX / 2), U16_MAX]) expect(u16ToFixed(x)).toBe(f32(x))
  })

  it('test_math_u16_proportion_to_fixed', () => {
    expect(u16ProportionToFixed(0)).toBe(f32(0))
  })

  it('test_fixed_proportion_to_u16', () => {
    expect(fixedProportionToU16(f32(0))).toBe(0)
  })

  it('test_fixed_proportion_to_u16_saturates', () => {
    expect(fixedProportionToU16(f32(U16_MAX))).toBe(U16_MAX)
  })

  it('test_vec_fixed64_to_fixed32', () => {
    const i32min = -(2n ** 31n)
    const i32max = 2n ** 31n - 1n
    expect(vecFixed64ToFixed32([f64(i32min)])).toEqual([f32(i32min)])
    expect(vecFixed64ToFixed32([f64(i32max)])).toEqual([f32(i32max)])
  })

  it('test_vec_fixed64_to_fixed32_saturates', () => {
    expect(vecFixed64ToFixed32([f64((1n << 63n) - 1n)])).toEqual([MAX])
  })

  it('test_checked_sum', () => {
    const u64max = (1n << 64n) - 1n
    const ints = (xs: number[]): bigint[] => xs.map(BigInt)
    expect(checkedSum([...ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), u64max], 0n, u64max)).toBeNull()
    expect(checkedSum(ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0n, u64max)).toBe(55n)
    expect(checkedSum([], 0n, 65535n)).toBe(0n)
    expect(checkedSum([1n], 0n, u64max)).toBe(1n)
  })
})

describe('epoch math: mat_ema_alpha(_sparse) cases', () => {
  const e6 = fx(0.000001)
  const row2 = (a: number, b: number): Array<[number, Fx]> => [[0, fx(a)], [1, fx(b)]]

  it('test_mat_ema_alpha_sparse_empty', () => {
    expect(matEmaAlphaSparse([], [], [])).toEqual([])
  })

  it('test_mat_ema_alpha_sparse_single_element', () => {
    expect(matEmaAlphaSparse([[[0, fx(1)]]], [[[0, fx(2)]]], [[fx(0.5)]])).toEqual([[[0, fx(1)]]])
  })

  it('test_mat_ema_alpha_sparse_multiple_elements', () => {
    const r = matEmaAlphaSparse([row2(1, 2), row2(3, 4)], [row2(5, 6), row2(7, 8)], [[fx(0.1), fx(0.2)], [fx(0.1), fx(0.2)]])
    assertSparseMatCompare(r, [row2(1, 1), row2(1, 1)], e6)
  })

  it('test_mat_ema_alpha_sparse_zero_alpha', () => {
    expect(matEmaAlphaSparse([[[0, fx(1)]]], [[[0, fx(2)]]], [[fx(0.1), fx(0)]])).toEqual([[[0, fx(1)]]])
  })

  it('test_mat_ema_alpha_sparse_one_alpha', () => {
    expect(matEmaAlphaSparse([[[0, fx(1)]]], [[[0, fx(2)]]], [[fx(1), fx(0)]])).toEqual([[[0, fx(1)]]])
  })

  it('test_mat_ema_alpha_sparse_mixed_alpha', () => {
    const r = matEmaAlphaSparse([row2(1, 2), row2(3, 4)], [row2(5, 6), row2(7, 8)], [[fx(0.3), fx(0.7)], [fx(0.3), fx(0.7)]])
    assertSparseMatCompare(r, [row2(1, 1), row2(1, 1)], e6)
  })

  it('test_mat_ema_alpha_sparse_sparse_matrix', () => {
    const r = matEmaAlphaSparse([[[0, fx(1)]], [[1, fx(4)]]], [[[0, fx(5)]], [[1, fx(8)]]], [[fx(0.5), fx(0.5)], [fx(0.5), fx(0.5)]])
    expect(r).toEqual([[[0, fx(1)]], [[1, fx(1)]]])
  })

  const newM = (): Fx[][] => matToFixed([[1, 2, 3], [4, 5, 6]])
  const oldM = (): Fx[][] => matToFixed([[0.5, 1.5, 2.5], [3.5, 4.5, 5.5]])

  it('test_mat_ema_alpha_basic', () => {
    const alpha = [0, 1].map(() => [fx(0.5), fx(0.5), fx(0.5)])
    expect(matEmaAlpha(newM(), oldM(), alpha)).toEqual(matToFixed([[0.75, 1, 1], [1, 1, 1]]))
  })

  it('test_mat_ema_alpha_varying_alpha', () => {
    const alpha = [0, 1].map(() => [fx(0.2), fx(0.5), fx(0.8)])
    assertMatCompare(matEmaAlpha(newM(), oldM(), alpha), matToFixed([[0.6, 1, 1], [1, 1, 1]]), e6)
  })

  it('test_mat_ema_alpha_sparse_varying_alpha', () => {
    const r = matEmaAlphaSparse([row2(0.1, 0.2), row2(0.3, 0.4)], [row2(0.5, 0.6), row2(0.7, 0.8)],
      [[fx(0.9), fx(0.8)], [fx(0.5), fx(0.7)]])
    assertSparseMatCompare(r, [row2(0.14, 0.28), row2(0.499999, 0.519999)], fx(1e-6))
  })

  it('test_mat_ema_alpha_empty_matrices', () => {
    expect(matEmaAlpha([], [], [])).toEqual([[]])
  })

  it('test_mat_ema_alpha_single_element', () => {
    expect(matEmaAlpha(matToFixed([[1]]), matToFixed([[0.5]]), [[fx(0.5)]])).toEqual(matToFixed([[0.75]]))
  })

  it('test_mat_ema_alpha_mismatched_dimensions', () => {
    const old = matToFixed([[1, 2, 3], [4, 5, 6]])
    const r = matEmaAlpha(matToFixed([[1, 2], [3, 4]]), old, [0, 1].map(() => [fx(0.5), fx(0.5), fx(0.5)]))
    expect((r[0] as Fx[])[0]).toBe((old[0] as Fx[])[0])
  })
})

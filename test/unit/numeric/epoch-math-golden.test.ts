// subtensor 14bc6f9 epoch/math.rs on seeded random sparse and dense inputs, bit for bit.
import { expect, it } from 'vitest'
import * as M from '../../../src/pallets/subtensor/epoch/math.js'
import { Checker, loadGolden } from './golden.js'

type Case = Record<string, unknown>
const vec = (v: unknown): bigint[] => (v as string[]).map(BigInt)
const mat = (v: unknown): bigint[][] => (v as string[][]).map(vec)
const sparse = (v: unknown): M.SparseMatrix =>
  (v as Array<Array<[number, string]>>).map((r) => r.map(([j, x]): [number, bigint] => [j, BigInt(x)]))
const copy = (m: M.SparseMatrix): M.SparseMatrix => m.map((r) => r.map(([j, x]): [number, bigint] => [j, x]))
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v))

it('epoch math equals the chain code on golden vectors', () => {
  const c = new Checker()
  for (const k of loadGolden<Case[]>('math')) {
    const n = k.n as number
    const w = sparse(k.w)
    const b = sparse(k.b)
    const stake = vec(k.stake)
    const alphaM = mat(k.alpha_m)
    const kappa = BigInt(k.kappa as string)
    const alpha = BigInt(k.alpha as string)
    const v = vec(k.vec)
    const dense = w.map((r) => {
      const d = new Array<bigint>(n).fill(0n)
      for (const [j, x] of r) d[j] = x
      return d
    })
    let t = copy(w)
    M.inplaceRowNormalizeSparse(t)
    c.check('inplace_row_normalize_sparse', t, json(k.row_normalize_sparse))
    t = copy(w)
    M.inplaceColNormalizeSparse(t, n)
    c.check('inplace_col_normalize_sparse', t, json(k.col_normalize_sparse))
    t = copy(w)
    M.inplaceColMaxUpscaleSparse(t, n)
    c.check('inplace_col_max_upscale_sparse', t, json(k.col_max_upscale_sparse))
    const consensus = M.weightedMedianColSparse(stake, w, n, kappa)
    c.check('weighted_median_col_sparse', consensus, k.weighted_median_col_sparse)
    c.check('weighted_median_col', M.weightedMedianCol(stake, dense, kappa), k.weighted_median_col)
    c.check('col_clip_sparse', M.colClipSparse(w, consensus), json(k.col_clip_sparse))
    c.check('matmul_sparse', M.matmulSparse(w, stake, n), k.matmul_sparse)
    c.check('matmul_transpose_sparse', M.matmulTransposeSparse(w, stake), k.matmul_transpose_sparse)
    c.check('row_hadamard_sparse', M.rowHadamardSparse(w, stake), json(k.row_hadamard_sparse))
    c.check('mat_ema_sparse', M.matEmaSparse(w, b, alpha), json(k.mat_ema_sparse))
    c.check('mat_ema_alpha_sparse', M.matEmaAlphaSparse(w, b, alphaM), json(k.mat_ema_alpha_sparse))
    c.check('interpolate_sparse', M.interpolateSparse(w, b, n, alpha), json(k.interpolate_sparse))
    c.check('mat_vec_mul_sparse', M.matVecMulSparse(w, v), json(k.mat_vec_mul_sparse))
    c.check('vec_max_upscale_to_u16', M.vecMaxUpscaleToU16(v), k.vec_max_upscale_to_u16)
    const nv = v.slice()
    M.inplaceNormalize(nv)
    c.check('inplace_normalize', nv, k.normalize)
    c.check('fixed_proportion_to_u16', nv.map(M.fixedProportionToU16), k.fixed_proportion_to_u16)
    c.check('is_topk_nonzero', M.isTopkNonzero(v, Math.floor(n / 2)), k.is_topk_nonzero)
    c.check('sigmoid_safe', v.map((x) => M.sigmoidSafe(x, (10n << 32n) + alpha, kappa)), k.sigmoid)
    c.check('safe_ln', v.map(M.safeLn), k.safe_ln)
    let d = dense.map((r) => r.slice())
    M.inplaceColNormalize(d)
    c.check('inplace_col_normalize', d, k.col_normalize)
    d = dense.map((r) => r.slice())
    M.inplaceRowNormalize(d)
    c.check('inplace_row_normalize', d, k.row_normalize)
    c.check('matmul', M.matmul(dense, stake), k.matmul)
    c.check('matmul_transpose', M.matmulTranspose(dense, stake), k.matmul_transpose)
    c.check('mat_ema_alpha', M.matEmaAlpha(dense, alphaM, alphaM), k.mat_ema_alpha)
  }
  expect(c.bad).toEqual([])
  expect(c.count).toBeGreaterThan(250)
})

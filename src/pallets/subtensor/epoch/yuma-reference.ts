// The Yuma core of epoch_mechanism written with the bigint port of epoch/math.rs (math*.ts), step
// for step as run_epoch.rs reads. It is the reference the production core (yuma-fast.ts) is
// held equal to; tests run both.
import { computeBondsSparse } from './bonds.js'
import {
  type Fx, type SparseMatrix, FRAC, ONE, ZERO, colClipSparse, inplaceColMaxUpscaleSparse, inplaceColNormalizeSparse, inplaceMaskVector,
  inplaceNormalize, inplaceNormalizeUsingSum, inplaceRowNormalizeSparse, interpolateSparse, isZero, maskDiagSparse, maskDiagSparseExceptIndex,
  maskRowsSparse, matEmaSparse, matVecMulSparse, matmulSparse, matmulTransposeSparse, rowHadamardSparse, rowSumSparse, satAdd,
  scalarVecMaskSparseMatrix, sum, u16ProportionToFixed, vecMaskSparseMatrix, vecMul, weightedMedianColSparse,
} from './math.js'
import type { Row, YumaInputs, YumaResult } from './yuma-types.js'

const toMatrix = (rows: readonly Row[], conv: (u: number) => Fx): SparseMatrix => rows.map((r) => r.c.map((j, k): [number, Fx] => [j, conv(r.v[k] as number)]))
const fromMatrix = (m: SparseMatrix): Row[] => m.map((r) => ({ c: r.map(([j]) => j), v: r.map(([, v]) => Number(v)) }))
const nums = (v: readonly Fx[]): number[] => v.map(Number)
const big = (v: readonly number[]): Fx[] => v.map((x) => BigInt(x))
const U64_MAX = (1n << 64n) - 1n

export function yumaReference(inp: YumaInputs): YumaResult {
  const { n } = inp
  const stake = big(inp.stake)
  const forbids = inp.validatorPermits.map((b) => !b)
  const activeStake = stake.slice()
  inplaceMaskVector(inp.inactive, activeStake)
  inplaceMaskVector(forbids, activeStake)
  inplaceNormalize(activeStake)

  const lastUpdate = inp.lastUpdate.map(BigInt)
  const registered = inp.registered.map(BigInt)
  let weights = toMatrix(inp.weights, (u) => BigInt(u) << FRAC)
  weights = maskRowsSparse(forbids, weights)
  weights = inp.ownerUid !== null ? maskDiagSparseExceptIndex(weights, inp.ownerUid) : maskDiagSparse(weights)
  weights = vecMaskSparseMatrix(weights, lastUpdate, registered, (u, r) => u <= r)
  if (inp.commitBlocks !== null) {
    const cb = inp.commitBlocks.map((b) => (b === Infinity ? U64_MAX : BigInt(b)))
    weights = vecMaskSparseMatrix(weights, cb, registered, (c, r) => c < r)
  }
  inplaceRowNormalizeSparse(weights)

  const kappa = BigInt(inp.kappa)
  const consensus = weightedMedianColSparse(activeStake, weights, n, kappa)
  const clipped = colClipSparse(weights, consensus)
  const validatorTrust = rowSumSparse(clipped)
  const incentive = matmulSparse(clipped, activeStake, n)
  inplaceNormalize(incentive)

  const weightsForBonds = interpolateSparse(weights, clipped, n, BigInt(inp.bondsPenalty))
  const lastTempo = BigInt(inp.lastTempo)
  let dividends: Fx[]
  let emaBonds: SparseMatrix
  if (inp.yuma3) {
    let bonds = toMatrix(inp.bonds, u16ProportionToFixed)
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, registered, (lt, r) => lt <= r)
    emaBonds = computeBondsSparse(weightsForBonds, bonds, consensus, BigInt(inp.emaAlpha), inp.liquidAlpha)
    const norm = emaBonds.map((r) => r.map(([j, v]): [number, Fx] => [j, v]))
    inplaceColNormalizeSparse(norm, n)
    dividends = vecMul(rowSumSparse(matVecMulSparse(norm, incentive)), activeStake)
    inplaceNormalize(dividends)
  } else {
    let bonds = toMatrix(inp.bonds, (u) => BigInt(u) << FRAC)
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, registered, (lt, r) => lt <= r)
    inplaceColNormalizeSparse(bonds, n)
    const delta = rowHadamardSparse(weightsForBonds, activeStake)
    inplaceColNormalizeSparse(delta, n)
    emaBonds = matEmaSparse(delta, bonds, BigInt(inp.emaAlpha))
    inplaceColNormalizeSparse(emaBonds, n)
    dividends = matmulTransposeSparse(emaBonds, incentive)
    inplaceNormalize(dividends)
    inplaceColMaxUpscaleSparse(emaBonds, n)
  }

  const combined = incentive.map((ii, i) => satAdd(ii, dividends[i] ?? ZERO))
  const emissionSum = sum(combined)
  const nServer = incentive.slice()
  let nValidator = dividends.slice()
  let nCombined = combined.slice()
  inplaceNormalizeUsingSum(nServer, emissionSum)
  inplaceNormalizeUsingSum(nValidator, emissionSum)
  inplaceNormalize(nCombined)
  if (emissionSum === ZERO) {
    const fallback = isZero(activeStake) ? stake : activeStake
    nValidator = fallback.slice()
    nCombined = fallback.slice()
  }
  void ONE
  return {
    activeStake: nums(activeStake), weights: fromMatrix(weights), consensus: nums(consensus), clipped: fromMatrix(clipped),
    validatorTrust: nums(validatorTrust), incentive: nums(incentive), emaBonds: fromMatrix(emaBonds), dividends: nums(dividends),
    normalizedServer: nums(nServer), normalizedValidator: nums(nValidator), normalizedCombined: nums(nCombined),
  }
}

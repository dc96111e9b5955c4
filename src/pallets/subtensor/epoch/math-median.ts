/**
 * Stake-weighted medians of epoch/math.rs (consensus is the per-column weighted median).
 */
import { type Fx, type SparseMatrix, ZERO, inplaceNormalize, satAdd, satSub, sum } from './math-fx.js'

/**
 * Stake-weighted median by deterministic mid-pivot partitioning: the score at which the
 * cumulative stake crosses `minority` within the partition [lo, hi].
 */
export function weightedMedian(
  stake: readonly Fx[],
  score: readonly Fx[],
  partitionIdx: readonly number[],
  minority: Fx,
  partitionLo: Fx,
  partitionHi: Fx,
): Fx {
  if (stake.length !== score.length) return ZERO
  let current = partitionIdx.slice()
  let lo = partitionLo
  let hi = partitionHi
  const limit = partitionIdx.length
  let iterations = 0
  for (;;) {
    const n = current.length
    if (n === 0) return ZERO
    if (n === 1) return score[current[0] as number] ?? ZERO
    const pivot = score[current[n >> 1] ?? 0] ?? ZERO
    let loStake = ZERO
    let hiStake = ZERO
    const lower: number[] = []
    const upper: number[] = []
    for (const idx of current) {
      const s = score[idx] ?? ZERO
      if (s === pivot) continue
      if (s < pivot) {
        loStake = satAdd(loStake, stake[idx] ?? ZERO)
        lower.push(idx)
      } else {
        hiStake = satAdd(hiStake, stake[idx] ?? ZERO)
        upper.push(idx)
      }
    }
    if (minority < satAdd(lo, loStake) && lower.length > 0) {
      current = lower
      hi = satAdd(lo, loStake)
    } else if (satSub(hi, hiStake) <= minority && upper.length > 0) {
      current = upper
      lo = satSub(hi, hiStake)
    } else {
      return pivot
    }
    iterations += 1
    if (iterations > limit) return ZERO
  }
}

/** Column-wise stake-weighted median over a dense score matrix (rows with stake > 0 only). */
export function weightedMedianCol(stake: readonly Fx[], score: readonly Fx[][], majority: Fx): Fx[] {
  const columns = score[0]?.length ?? 0
  const median: Fx[] = new Array(columns).fill(ZERO)
  for (let c = 0; c < columns; c++) {
    const useStake: Fx[] = []
    const useScore: Fx[] = []
    for (let r = 0; r < stake.length; r++) {
      const st = stake[r] as Fx
      if (st > ZERO) {
        const row = score[r]
        if (row !== undefined && row.length === columns) {
          useStake.push(st)
          useScore.push(row[c] ?? ZERO)
        } else {
          useStake.push(ZERO)
          useScore.push(ZERO)
        }
      }
    }
    if (useStake.length > 0) {
      inplaceNormalize(useStake)
      const stakeSum = sum(useStake)
      const minority = satSub(stakeSum, majority)
      const idxs = useStake.map((_, i) => i)
      median[c] = weightedMedian(useStake, useScore, idxs, minority, ZERO, stakeSum)
    }
  }
  return median
}

/** Column-wise weighted median over a sparse score matrix (rows with stake > 0 only). */
export function weightedMedianColSparse(
  stake: readonly Fx[],
  score: SparseMatrix,
  columns: number,
  majority: Fx,
): Fx[] {
  const useStake = stake.filter((s) => s > ZERO)
  inplaceNormalize(useStake)
  const stakeSum = sum(useStake)
  const minority = satSub(stakeSum, majority)
  const stakeIdx = useStake.map((_, i) => i)
  const useScore: Fx[][] = Array.from({ length: columns }, () => new Array<Fx>(useStake.length).fill(ZERO))
  let k = 0
  const rows = Math.min(stake.length, score.length)
  for (let i = 0; i < rows; i++) {
    if ((stake[i] as Fx) > ZERO) {
      for (const [c, val] of score[i] as SparseMatrix[number]) {
        const col = useScore[c]
        if (col !== undefined && k < col.length) col[k] = val
      }
      k += 1
    }
  }
  return useScore.map((col) => weightedMedian(useStake, col, stakeIdx, minority, ZERO, stakeSum))
}

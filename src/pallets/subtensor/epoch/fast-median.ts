// Consensus of the fast Yuma core: the per-column stake-weighted median (math-median.ts's, on
// numbers), with its score matrix and index buffers kept from one call to the next.
import { normalizeInPlace } from './fast-fx.js'
import { ZeroedScratch, doubles, sumOf } from './fast-lists.js'
import type { Row } from './yuma-types.js'

/**
 * `weighted_median` on numbers: the chain's mid-pivot quickselect. `idx`, `lower`, `upper` are
 * scratch buffers of length ≥ m; partitions keep the input order, as the chain's Vecs do.
 */
function weightedMedian(stake: readonly number[], score: Float64Array, base: number, m: number, minority: number, stakeSum: number, bufs: [Int32Array, Int32Array, Int32Array]): number {
  let [cur, lower, upper] = bufs
  let len = m
  for (let k = 0; k < m; k++) cur[k] = k
  let lo = 0
  let hi = stakeSum
  for (let it = 0; ; it++) {
    if (len === 0) return 0
    if (len === 1) return score[base + (cur[0] as number)] as number
    const pivot = score[base + (cur[len >> 1] as number)] as number
    let loStake = 0
    let hiStake = 0
    let nl = 0
    let nu = 0
    for (let q = 0; q < len; q++) {
      const k = cur[q] as number
      const s = score[base + k] as number
      if (s === pivot) continue
      if (s < pivot) { loStake += stake[k] as number; lower[nl++] = k } else { hiStake += stake[k] as number; upper[nu++] = k }
    }
    if (minority < lo + loStake && nl > 0) { [cur, lower] = [lower, cur]; len = nl; hi = lo + loStake }
    else if (hi - hiStake <= minority && nu > 0) { [cur, upper] = [upper, cur]; len = nu; lo = hi - hiStake }
    else return pivot
    if (it + 1 > m) return 0
  }
}

/** weightedMedianCol's scratch (score matrix, index buffers), reused from one call to the next. */
const scores = new ZeroedScratch()
let indexBuffers: [Int32Array, Int32Array, Int32Array] = [new Int32Array(16), new Int32Array(16), new Int32Array(16)]
function medianBuffers(m: number): [Int32Array, Int32Array, Int32Array] {
  if (indexBuffers[0].length < m) { const k = Math.max(m, 2 * indexBuffers[0].length); indexBuffers = [new Int32Array(k), new Int32Array(k), new Int32Array(k)] }
  // (weightedMedian swaps its own copies of the three, never the tuple)
  return indexBuffers
}

/** `weighted_median_col_sparse`. */
export function weightedMedianCol(activeStake: readonly number[], w: readonly Row[], n: number, kappa: number): number[] {
  const useStake = doubles()
  for (let i = 0; i < activeStake.length; i++) if ((activeStake[i] as number) > 0) useStake.push(activeStake[i] as number)
  normalizeInPlace(useStake)
  const stakeSum = sumOf(useStake)
  const minority = stakeSum - kappa
  const m = useStake.length
  const score = scores.zeroed(n * m)
  let k = 0
  const rows = Math.min(activeStake.length, w.length)
  for (let i = 0; i < rows; i++) {
    if ((activeStake[i] as number) <= 0) continue
    const row = w[i] as Row
    for (let e = 0; e < row.c.length; e++) { const c = row.c[e] as number; if (c < n && k < m) score[c * m + k] = row.v[e] as number }
    k++
  }
  const out = doubles()
  const bufs = medianBuffers(m)
  for (let j = 0; j < n; j++) out.push(weightedMedian(useStake, score, j * m, m, minority, stakeSum, bufs))
  return out
}

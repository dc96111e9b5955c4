// The sparse-matrix steps of the fast Yuma core, on numbers as math-sparse.ts's are on bigints:
// the steps that only reshape or rescale a weight or bond matrix, kept apart so that yuma-fast.ts
// reads as run_epoch.rs's sequence of steps.
import { ONE, div, mul } from './fast-fx.js'
import { Scratch, ZeroedScratch, emptyRow } from './fast-lists.js'
import type { Row } from './yuma-types.js'

/** Each row without the columns registered at or after `since`, values mapped by `f`. */
export function dropRecentColumns(m: readonly Row[], since: number, registered: readonly number[], f: ((v: number) => number) | null): Row[] {
  const out: Row[] = [] // packed (not pre-sized, which is holey): every matrix the epoch passes around has one representation
  for (let i = 0; i < m.length; i++) {
    const row = m[i] as Row
    const o = emptyRow()
    for (let k = 0; k < row.c.length; k++) {
      const j = row.c[k] as number
      if (since <= (registered[j] ?? 0)) continue
      o.c.push(j)
      o.v.push(f === null ? (row.v[k] as number) : f(row.v[k] as number))
    }
    out.push(o)
  }
  return out
}

/** Per-column sums and maxima. */
export const columns = new ZeroedScratch()

/** Each cell divided by its column's divisor where that is non-zero (columns ≥ n: left as they are). */
function divideColumns(m: Row[], n: number, by: Float64Array): void {
  for (const row of m) for (let k = 0; k < row.c.length; k++) {
    const j = row.c[k] as number
    const d = j < n ? (by[j] as number) : 0
    if (d !== 0) row.v[k] = div(row.v[k] as number, d)
  }
}

/** Each column divided by its sum where non-zero (`inplace_col_normalize_sparse`). */
export function colNormalize(m: Row[], n: number): void {
  const colSum = columns.zeroed(n)
  for (const row of m) for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (j < n) colSum[j] += row.v[k] as number }
  divideColumns(m, n, colSum)
}

/** Each column divided by its maximum where non-zero (`inplace_col_max_upscale_sparse`). */
export function colMaxUpscale(m: Row[], n: number): void {
  const colMax = columns.zeroed(n)
  for (const row of m) for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (j < n && (colMax[j] as number) < (row.v[k] as number)) colMax[j] = row.v[k] as number }
  divideColumns(m, n, colMax)
}

/** `interpolate_sparse`: W + bp·(Wc − W), copies at bp 0 and 1. */
export function interpolate(w: Row[], wc: Row[], n: number, ratio: number): Row[] {
  // The callers never modify the rows they get, so the bp = 0 and bp = 1 cases share them.
  if (ratio === 0) return w
  if (ratio === ONE) return wc
  if (w.length !== wc.length) return wc
  const a = new Scratch(n)
  const b = new Scratch(n)
  const both = new Scratch(n)
  const rows: Row[] = []
  for (let i = 0; i < w.length; i++) {
    const row1 = w[i] as Row
    const row2 = wc[i] as Row
    for (let k = 0; k < row1.c.length; k++) { const j = row1.c[k] as number; if (a.touch(j)) a.acc[j] = row1.v[k] as number; both.touch(j) }
    for (let k = 0; k < row2.c.length; k++) { const j = row2.c[k] as number; if (b.touch(j)) b.acc[j] = row2.v[k] as number; both.touch(j) }
    const out = emptyRow()
    both.drain((j) => {
      const v1 = a.acc[j] as number
      const v = v1 + mul(ratio, (b.acc[j] as number) - v1)
      if (v > 0) { out.c.push(j); out.v.push(v) }
    })
    a.drain(() => undefined)
    b.drain(() => undefined)
    rows.push(out)
  }
  return rows
}

// The bond EMAs of the fast Yuma core (`mat_ema_sparse`, and Yuma3's liquid-alpha
// `mat_ema_alpha_sparse`), apart from the core because they are its longest and most tuned steps:
// rows merged when both are ascending, each distinct alpha's sigmoid taken once.
import { alphaSigmoid } from './bonds.js'
import { ONE, mul } from './fast-fx.js'
import { Scratch, emptyRow } from './fast-lists.js'
import type { Row, YumaInputs } from './yuma-types.js'

const strictlyAscending = (c: readonly number[]): boolean => { for (let k = 1; k < c.length; k++) if ((c[k] as number) <= (c[k - 1] as number)) return false; return true }

const EMPTY: Row = emptyRow()

/** `mat_ema_sparse`: α·new + (1−α)·old per cell, positive results, ascending columns. */
export function matEma(next: Row[], old: Row[], alpha: number): Row[] {
  const rows = next.length
  if (rows === 0) return []
  const oneMinus = ONE - alpha
  let acc: Scratch | null = null
  const out: Row[] = []
  for (let i = 0; i < rows; i++) {
    const row = next[i] as Row
    const o = old[i] ?? EMPTY
    const res = emptyRow()
    if (strictlyAscending(row.c) && strictlyAscending(o.c)) {
      // Both rows ascending: a merge gives the scratchpad's sorted drain without sorting.
      const rc = row.c
      const oc = o.c
      let a = 0
      let b = 0
      for (;;) {
        const ja = a < rc.length ? (rc[a] as number) : Infinity
        const jb = b < oc.length ? (oc[b] as number) : Infinity
        if (ja >= rows && jb >= rows) break
        let j: number
        let v: number
        if (ja < jb) { j = ja; v = mul(alpha, row.v[a++] as number) }
        else if (jb < ja) { j = jb; v = mul(oneMinus, o.v[b++] as number) }
        else { j = ja; v = mul(alpha, row.v[a++] as number) + mul(oneMinus, o.v[b++] as number) }
        if (v > 0) { res.c.push(j); res.v.push(v) }
      }
    } else {
      acc ??= new Scratch(rows)
      const sc = acc
      for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (sc.touch(j)) sc.acc[j] += mul(alpha, row.v[k] as number) }
      for (let k = 0; k < o.c.length; k++) { const j = o.c[k] as number; if (sc.touch(j)) sc.acc[j] += mul(oneMinus, o.v[k] as number) }
      sc.drain((j, v) => { if (v > 0) { res.c.push(j); res.v.push(v) } })
    }
    out.push(res)
  }
  return out
}

/**
 * `compute_liquid_alpha_values_sparse` + `mat_ema_alpha_sparse` (Yuma3 with liquid alpha). The
 * per-cell alpha depends only on the clamped distance `diff`, so each distinct diff's sigmoid
 * (bigint exp) is computed once; alphas are only evaluated where a new weight exists, unless a
 * row is unsorted, where the chain's cursor walk over every column is reproduced.
 */
export function matEmaLiquid(next: Row[], old: Row[], consensus: readonly number[], p: NonNullable<YumaInputs['liquidAlpha']>): Row[] {
  const n = consensus.length
  const memo = new Map<number, number>()
  const alphaOf = (w: number, b: number, c: number): number => {
    const clamp = (x: number): number => (x < 0 ? 0 : x > ONE ? ONE : x)
    const diff = w >= b ? clamp(w - c) : clamp(b - w)
    let a = memo.get(diff)
    if (a === undefined) { a = Number(alphaSigmoid(0n, BigInt(diff), 0n, p.low, p.high, p.steepness)); memo.set(diff, a) }
    return a
  }
  const decayed = new Float64Array(n)
  const rows: Row[] = []
  for (let i = 0; i < next.length; i++) {
    const row = next[i] as Row
    const orow = old[i] as Row
    let alphaAt: (j: number) => number
    if (strictlyAscending(row.c) && strictlyAscending(orow.c)) {
      const wAt = new Map<number, number>()
      for (let k = 0; k < row.c.length; k++) wAt.set(row.c[k] as number, row.v[k] as number)
      const bAt = new Map<number, number>()
      for (let k = 0; k < orow.c.length; k++) bAt.set(orow.c[k] as number, orow.v[k] as number)
      alphaAt = (j) => alphaOf(wAt.get(j) ?? 0, bAt.get(j) ?? 0, consensus[j] as number)
    } else {
      const dense = new Float64Array(n)
      let wi = 0
      let bi = 0
      for (let j = 0; j < n; j++) {
        let w = 0
        while (wi < row.c.length) { const c = row.c[wi] as number; if (c < j) { wi++; continue } if (c === j) w = row.v[wi] as number; break }
        let b = 0
        while (bi < orow.c.length) { const c = orow.c[bi] as number; if (c < j) { bi++; continue } if (c === j) b = orow.v[bi] as number; break }
        dense[j] = alphaOf(w, b, consensus[j] as number)
      }
      alphaAt = (j) => dense[j] as number
    }
    const touched: number[] = []
    for (let k = 0; k < orow.c.length; k++) {
      const j = orow.c[k] as number
      if (j < n) { decayed[j] = mul(ONE - alphaAt(j), orow.v[k] as number); touched.push(j) }
    }
    const out = emptyRow()
    for (let k = 0; k < row.c.length; k++) {
      const j = row.c[k] as number
      if (j >= n) continue
      let inc = mul(alphaAt(j), row.v[k] as number)
      if (inc < 0) inc = 0
      let v = (decayed[j] as number) + inc
      if (v > ONE) v = ONE
      if (v > 0) { out.c.push(j); out.v.push(v) }
    }
    for (const j of touched) decayed[j] = 0
    rows.push(out)
  }
  return rows
}

// The Yuma core of epoch_mechanism (run_epoch.rs) on JS numbers with exact I32F32 semantics
// (fast-fx.ts): the same steps, in the same order and with the same floors as the bigint
// port in yuma-reference.ts, which the tests hold it equal to. This is the production path.
import { alphaSigmoid } from './bonds.js'
import { ONE, TWO32, div, divideInPlace, mul, normalizeInPlace } from './fast-fx.js'
import type { Row, YumaInputs, YumaResult } from './yuma-types.js'

/**
 * An empty list V8 keeps as doubles: values start as u16 integers and are rewritten in place as
 * I32F32 bits (above the small-integer range), and a list switching representation every epoch
 * costs a copy and leaves the code that reads it polymorphic.
 *
 * Every list the core makes is built so, by push (numbers onto doubles(), rows onto `[]`), never by
 * Array.prototype.map/filter/slice: their result's representation depends on the values (all small
 * integers, doubles) and on the tier (the builtin makes packed lists, TurboFan's inlined map holey
 * ones), so the optimised code met lists its feedback never saw, deoptimised ("wrong map") and,
 * as recompiling it takes a background thread ~150 ms, the one-UID epochs of the dev chain ran it
 * unoptimised nearly always.
 */
function doubles(): number[] {
  const a = [0.5]
  // (pop keeps the double elements and is a builtin; setting length goes through the runtime)
  a.pop()
  return a
}
/** The first `len` entries of `x` as a list of doubles. */
function doublesFrom(x: readonly number[], len: number = x.length): number[] {
  const out = doubles()
  for (let i = 0; i < len; i++) out.push(x[i] as number)
  return out
}
const emptyRow = (): Row => ({ c: [], v: doubles() })
const sumOf = (x: readonly number[]): number => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i] as number; return s }
/** Entries of `x` where `mask` is set (or missing) zeroed; an empty mask zeroes nothing. */
function zeroWhere(x: number[], mask: readonly boolean[]): void {
  if (mask.length > 0) for (let i = 0; i < x.length; i++) if (mask[i] ?? true) x[i] = 0
}

/** Each row without the columns registered at or after `since`, values mapped by `f`. */
function dropRecentColumns(m: readonly Row[], since: number, registered: readonly number[], f: ((v: number) => number) | null): Row[] {
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

/**
 * A Float64Array reused from one step to the next (the epoch's many tiny subnets would otherwise
 * make a few typed arrays each): each step is done with it before the next asks. Entries from n
 * on may hold an earlier, wider step's values: a step reads only below its n.
 */
class ZeroedScratch {
  private buf = new Float64Array(64)
  zeroed(n: number): Float64Array {
    if (this.buf.length < n) this.buf = new Float64Array(Math.max(n, 2 * this.buf.length))
    else this.buf.fill(0, 0, n)
    return this.buf
  }
}
/** Per-column sums and maxima. */
const columns = new ZeroedScratch()

/** Each cell divided by its column's divisor where that is non-zero (columns ≥ n: left as they are). */
function divideColumns(m: Row[], n: number, by: Float64Array): void {
  for (const row of m) for (let k = 0; k < row.c.length; k++) {
    const j = row.c[k] as number
    const d = j < n ? (by[j] as number) : 0
    if (d !== 0) row.v[k] = div(row.v[k] as number, d)
  }
}

/** Each column divided by its sum where non-zero (`inplace_col_normalize_sparse`). */
function colNormalize(m: Row[], n: number): void {
  const colSum = columns.zeroed(n)
  for (const row of m) for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (j < n) colSum[j] += row.v[k] as number }
  divideColumns(m, n, colSum)
}

/** Each column divided by its maximum where non-zero (`inplace_col_max_upscale_sparse`). */
function colMaxUpscale(m: Row[], n: number): void {
  const colMax = columns.zeroed(n)
  for (const row of m) for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (j < n && (colMax[j] as number) < (row.v[k] as number)) colMax[j] = row.v[k] as number }
  divideColumns(m, n, colMax)
}

/** A dense row scratchpad remembering touched columns (ascending on drain). */
class Scratch {
  readonly acc: Float64Array
  private readonly seen: Uint8Array
  readonly touched: number[] = []
  constructor(readonly n: number) { this.acc = new Float64Array(n); this.seen = new Uint8Array(n) }
  touch(j: number): boolean {
    if (j >= this.n) return false
    if (this.seen[j] === 0) { this.seen[j] = 1; this.touched.push(j) }
    return true
  }
  drain(emit: (j: number, v: number) => void): void {
    this.touched.sort((a, b) => a - b)
    for (const j of this.touched) { emit(j, this.acc[j] as number); this.acc[j] = 0; this.seen[j] = 0 }
    this.touched.length = 0
  }
}

const strictlyAscending = (c: readonly number[]): boolean => { for (let k = 1; k < c.length; k++) if ((c[k] as number) <= (c[k - 1] as number)) return false; return true }

const EMPTY: Row = emptyRow()

/** `mat_ema_sparse`: α·new + (1−α)·old per cell, positive results, ascending columns. */
function matEma(next: Row[], old: Row[], alpha: number): Row[] {
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
function matEmaLiquid(next: Row[], old: Row[], consensus: readonly number[], p: NonNullable<YumaInputs['liquidAlpha']>): Row[] {
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
function weightedMedianCol(activeStake: readonly number[], w: readonly Row[], n: number, kappa: number): number[] {
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

/** Yuma consensus for one mechanism (the body of `epoch_mechanism` between reading and writing). */
export function yumaFast(inp: YumaInputs): YumaResult {
  const { n } = inp
  const forbids: boolean[] = []
  for (const b of inp.validatorPermits) forbids.push(!b)
  const activeStake = doublesFrom(inp.stake)
  zeroWhere(activeStake, inp.inactive)
  zeroWhere(activeStake, forbids)
  normalizeInPlace(activeStake)

  // Weights: permit rows, diagonal (the owner keeps its own), outdated, commit-reveal columns;
  // then each row normalised in u16 units ((w·2^32)/(Σw·2^32) floors exactly as w/Σw does).
  const owner = inp.ownerUid
  const cb = inp.commitBlocks
  const weights: Row[] = []
  for (let i = 0; i < inp.weights.length; i++) {
    const row = inp.weights[i] as Row
    const out = emptyRow()
    weights.push(out)
    if (forbids[i] ?? true) continue
    const lu = inp.lastUpdate[i] ?? 0
    const commit = cb === null ? Infinity : (cb[i] ?? 0)
    let s = 0
    for (let k = 0; k < row.c.length; k++) {
      const j = row.c[k] as number
      if (i === j && i !== owner) continue
      const reg = inp.registered[j] ?? 0
      if (lu <= reg || commit < reg) continue
      out.c.push(j)
      out.v.push(row.v[k] as number)
      s += row.v[k] as number
    }
    for (let k = 0; k < out.v.length; k++) out.v[k] = s > 0 ? div(out.v[k] as number, s) : (out.v[k] as number) * TWO32
  }

  const consensus = weightedMedianCol(activeStake, weights, n, inp.kappa)
  const clipped: Row[] = []
  for (const row of weights) {
    const out = emptyRow()
    for (let k = 0; k < row.c.length; k++) {
      const j = row.c[k] as number
      const v = row.v[k] as number
      const th = consensus[j] ?? 0
      if (th < v) { if (th > 0) { out.c.push(j); out.v.push(th) } } else { out.c.push(j); out.v.push(v) }
    }
    clipped.push(out)
  }
  const validatorTrust = doubles()
  for (const r of clipped) validatorTrust.push(sumOf(r.v))
  const ranks = doubles()
  for (let j = 0; j < n; j++) ranks.push(0)
  for (let i = 0; i < clipped.length; i++) {
    const row = clipped[i] as Row
    const scale = activeStake[i] ?? 0
    for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (j < n) ranks[j] = (ranks[j] as number) + mul(scale, row.v[k] as number) }
  }
  normalizeInPlace(ranks)
  const incentive = ranks

  const weightsForBonds = interpolate(weights, clipped, n, inp.bondsPenalty)
  let dividends: number[]
  let emaBonds: Row[]
  if (inp.yuma3) {
    const bonds = dropRecentColumns(inp.bonds, inp.lastTempo, inp.registered, (u) => div(u, 65535))
    const liquid = inp.liquidAlpha !== null && consensus.length > 0 && consensus.some((c) => c !== 0)
    emaBonds = liquid ? matEmaLiquid(weightsForBonds, bonds, consensus, inp.liquidAlpha!) : matEma(weightsForBonds, bonds, inp.emaAlpha)
    const norm: Row[] = []
    for (const r of emaBonds) norm.push({ c: r.c, v: doublesFrom(r.v) }) // colNormalize rewrites values only
    colNormalize(norm, n)
    dividends = doubles()
    for (let i = 0; i < Math.min(norm.length, activeStake.length); i++) {
      const row = norm[i] as Row
      let tbpv = 0
      for (let k = 0; k < row.c.length; k++) { const x = incentive[row.c[k] as number]; if (x !== undefined) tbpv += mul(row.v[k] as number, x) }
      dividends.push(mul(tbpv, activeStake[i] as number))
    }
    normalizeInPlace(dividends)
  } else {
    // Stored bonds are u16 column-max-upscaled integers: normalising u16 by u16 sums floors exactly as the raw I32F32s do.
    const bonds = dropRecentColumns(inp.bonds, inp.lastTempo, inp.registered, null)
    const colSum = columns.zeroed(n)
    for (const row of bonds) for (let k = 0; k < row.c.length; k++) { const j = row.c[k] as number; if (j < n) colSum[j] += row.v[k] as number }
    for (const row of bonds) for (let k = 0; k < row.c.length; k++) {
      const j = row.c[k] as number
      const d = j < n ? (colSum[j] as number) : 0
      row.v[k] = d !== 0 ? div(row.v[k] as number, d) : (row.v[k] as number) * TWO32
    }
    const delta: Row[] = []
    for (let i = 0; i < Math.min(weightsForBonds.length, activeStake.length); i++) {
      const row = weightsForBonds[i] as Row
      const scale = activeStake[i] as number
      const v = doubles()
      for (let k = 0; k < row.v.length; k++) v.push(mul(row.v[k] as number, scale))
      delta.push({ c: row.c, v })
    }
    colNormalize(delta, n)
    emaBonds = matEma(delta, bonds, inp.emaAlpha)
    colNormalize(emaBonds, n)
    dividends = doubles()
    for (const row of emaBonds) {
      let acc = 0
      for (let k = 0; k < row.c.length; k++) acc += mul(incentive[row.c[k] as number] ?? 0, row.v[k] as number)
      dividends.push(acc)
    }
    normalizeInPlace(dividends)
    colMaxUpscale(emaBonds, n)
  }

  const combined = doubles()
  for (let i = 0; i < incentive.length; i++) combined.push((incentive[i] as number) + (dividends[i] ?? 0))
  const emissionSum = sumOf(combined)
  let normalizedServer = doublesFrom(incentive)
  let normalizedValidator = doublesFrom(dividends)
  let normalizedCombined = doublesFrom(combined)
  divideInPlace(normalizedServer, emissionSum)
  divideInPlace(normalizedValidator, emissionSum)
  normalizeInPlace(normalizedCombined)
  if (emissionSum === 0) {
    const fallback = sumOf(activeStake) === 0 ? inp.stake : activeStake
    normalizedValidator = doublesFrom(fallback)
    normalizedCombined = doublesFrom(fallback)
  }
  normalizedServer = doublesFrom(normalizedServer)
  return { activeStake, weights, consensus, clipped, validatorTrust, incentive, emaBonds, dividends, normalizedServer, normalizedValidator, normalizedCombined }
}

/** `interpolate_sparse`: W + bp·(Wc − W), copies at bp 0 and 1. */
function interpolate(w: Row[], wc: Row[], n: number, ratio: number): Row[] {
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

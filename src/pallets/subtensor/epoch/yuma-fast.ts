// The Yuma core of epoch_mechanism (run_epoch.rs) on JS numbers with exact I32F32 semantics
// (fast-fx.ts): the same steps, in the same order and with the same floors as the bigint
// port in yuma-reference.ts, which the tests hold it equal to. This is the production path.
import { TWO32, div, divideInPlace, mul, normalizeInPlace } from './fast-fx.js'
import { matEma, matEmaLiquid } from './fast-bond-ema.js'
import { doubles, doublesFrom, emptyRow, emptyRows, sumOf, zeroList } from './fast-lists.js'
import { weightedMedianCol } from './fast-median.js'
import { colMaxUpscale, colNormalize, columns, dropRecentColumns, interpolate } from './fast-sparse.js'
import type { Row, YumaInputs, YumaResult } from './yuma-types.js'

/** Entries of `x` where `mask` is set (or missing) zeroed; an empty mask zeroes nothing. */
function zeroWhere(x: number[], mask: readonly boolean[]): void {
  if (mask.length > 0) for (let i = 0; i < x.length; i++) if (mask[i] ?? true) x[i] = 0
}

/** Who may not validate (no permit, or beyond the permit list), and the active stake: the stake of the active validators, normalised. */
function activeStakeOf(inp: YumaInputs): { forbids: boolean[]; activeStake: number[] } {
  const forbids: boolean[] = []
  for (const b of inp.validatorPermits) forbids.push(!b)
  const activeStake = doublesFrom(inp.stake)
  zeroWhere(activeStake, inp.inactive)
  zeroWhere(activeStake, forbids)
  normalizeInPlace(activeStake)
  return { forbids, activeStake }
}

/** Yuma consensus for one mechanism (the body of `epoch_mechanism` between reading and writing). */
export function yumaFast(inp: YumaInputs): YumaResult {
  const { n } = inp
  const { forbids, activeStake } = activeStakeOf(inp)

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
  const ranks = zeroList(n)
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

/**
 * yumaFast on quiet inputs (run-epoch.ts isQuiet: no weight or bond entry; one weight and one
 * bond row per uid): no weight survives the masks, so consensus, clipped weights, trust,
 * incentive, bonds and dividends are all zero or empty, and the emissions fall back to the active
 * stake (or to the stake when none is active). The same result without the steps that find it so
 * (held to yumaFast by quiet-epoch.property.test.ts).
 */
export function yumaQuiet(inp: YumaInputs): YumaResult {
  const { n } = inp
  const { activeStake } = activeStakeOf(inp)
  const fallback = sumOf(activeStake) === 0 ? inp.stake : activeStake
  return {
    activeStake, weights: emptyRows(n), consensus: zeroList(n), clipped: emptyRows(n), validatorTrust: zeroList(n),
    incentive: zeroList(n), emaBonds: emptyRows(n), dividends: zeroList(n),
    normalizedServer: zeroList(n), normalizedValidator: doublesFrom(fallback), normalizedCombined: doublesFrom(fallback),
  }
}

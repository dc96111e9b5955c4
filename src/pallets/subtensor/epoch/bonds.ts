// epoch/run_epoch.rs, the bond EMAs: a fixed alpha (1 − BondsMovingAverage/1e6) for original Yuma
// and for Yuma3 without liquid alpha, else a per-(validator, miner) alpha from the sigmoid of how
// far the weight is from consensus (buying) or below the bond (selling).
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import type { LiquidAlphaParams } from './yuma-types.js'
import {
  type Fx, type SparseMatrix, FRAC, ONE, ZERO, clampValue, expSafe, matEmaAlphaSparse, matEmaSparse, safeDiv, satAdd, satMul, satSub, U16_MAX_FX,
} from './math.js'

const I64F64_ONE = 1n << 64n
const MILLION_64 = 1_000_000n << 64n

/** The EMA alpha without liquid alpha, 1 − I32F32(I64F64(bma) / I64F64(1e6)): the quotient truncated twice. */
export function emaAlpha(bondsMovingAverage: bigint): Fx {
  const bma = bondsMovingAverage << 64n
  const q64 = (bma * I64F64_ONE) / MILLION_64
  return satSub(ONE, q64 >> 32n)
}

const HALF = ONE >> 1n
const MINUS_100 = -(100n << FRAC)

/** `alpha_sigmoid`. */
export function alphaSigmoid(consensus: Fx, weight: Fx, bond: Fx, low: Fx, high: Fx, steepness: Fx): Fx {
  const diffBuy = clampValue(satSub(weight, consensus), ZERO, ONE)
  const diffSell = clampValue(satSub(bond, weight), ZERO, ONE)
  const diff = weight >= bond ? diffBuy : diffSell
  const x = satMul(saturatingDiv(steepness, MINUS_100), satSub(diff, HALF))
  const sigmoid = saturatingDiv(ONE, satAdd(ONE, expSafe(x)))
  const alpha = satAdd(low, satMul(sigmoid, satSub(high, low)))
  return clampValue(alpha, low, high)
}

/** I32F32 saturating_div: a zero divisor panics in Rust; the inputs here never are zero. */
function saturatingDiv(a: Fx, b: Fx): Fx {
  const q = (a << FRAC) / b
  const MAX = (1n << 63n) - 1n
  return q > MAX ? MAX : q < -MAX - 1n ? -MAX - 1n : q
}

/** `get_alpha_values_32`. */
export function alphaValues32(s: Store, netuid: number): [Fx, Fx] {
  const [lo, hi] = S.AlphaValues.get(s, netuid)
  return [safeDiv(BigInt(lo) << FRAC, U16_MAX_FX), safeDiv(BigInt(hi) << FRAC, U16_MAX_FX)]
}

/**
 * `compute_liquid_alpha_values_sparse`: a dense alpha per row and column; each row is walked
 * with two cursors that assume ascending columns, as the chain's peekable iterators do.
 */
export function liquidAlphaValuesSparse(weights: SparseMatrix, bonds: SparseMatrix, consensus: readonly Fx[], p: LiquidAlphaParams): Fx[][] {
  if (weights.length !== bonds.length) return []
  return weights.map((wRow, r) => {
    const bRow = bonds[r] as SparseMatrix[number]
    const out: Fx[] = new Array(consensus.length)
    let wi = 0
    let bi = 0
    for (let j = 0; j < consensus.length; j++) {
      let weight = ZERO
      while (wi < wRow.length) {
        const [c, v] = wRow[wi] as [number, Fx]
        if (c < j) { wi++; continue }
        if (c === j) weight = v
        break
      }
      let bond = ZERO
      while (bi < bRow.length) {
        const [c, v] = bRow[bi] as [number, Fx]
        if (c < j) { bi++; continue }
        if (c === j) bond = v
        break
      }
      out[j] = alphaSigmoid(consensus[j] as Fx, weight, bond, p.low, p.high, p.steepness)
    }
    return out
  })
}

/** `compute_bonds_sparse` (Yuma3): liquid alpha when on and some consensus is non-zero. */
export function computeBondsSparse(weights: SparseMatrix, bonds: SparseMatrix, consensus: readonly Fx[], emaAlpha: Fx, liquid: LiquidAlphaParams | null): SparseMatrix {
  if (liquid !== null && consensus.length > 0 && consensus.some((c) => c !== ZERO)) {
    return matEmaAlphaSparse(weights, bonds, liquidAlphaValuesSparse(weights, bonds, consensus, liquid))
  }
  return matEmaSparse(weights, bonds, emaAlpha)
}

/** The liquid alpha parameters of a subnet, or null when LiquidAlphaOn is false. */
export function liquidAlphaParams(s: Store, netuid: number): LiquidAlphaParams | null {
  if (!S.LiquidAlphaOn.get(s, netuid)) return null
  const [low, high] = alphaValues32(s, netuid)
  return { low, high, steepness: BigInt(S.AlphaSigmoidSteepness.get(s, netuid)) << FRAC }
}

/** `do_reset_bonds`: with BondsResetOn, every bond row of the mechanism drops the hotkey's column. */
export function doResetBonds(s: Store, netuidIndex: number, hotkey: Uint8Array): void {
  const netuid = netuidIndex % 4096
  if (!S.BondsResetOn.get(s, netuid)) return
  const uid = S.Uids.get(s, netuid, hotkey)
  if (uid === null) return
  for (const [i, row] of [...S.Bonds.iterPrefix(s, netuidIndex)]) S.Bonds.set(s, netuidIndex, i, row.filter(([j]) => j !== uid))
}

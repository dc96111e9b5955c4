/**
 * Sparse-matrix operations of epoch/math.rs. A sparse row is a list of (column, value) pairs in
 * column order; production epochs run on these. Columns outside `columns` are ignored, as the
 * source's bounds-checked `get_mut` does.
 */
import { type Fx, type SparseMatrix, type SparseRow, ONE, ZERO, safeDiv, satAdd, satMul, satSub } from './math-fx.js'

/** Each row with a positive sum is divided by it. */
export function inplaceRowNormalizeSparse(m: SparseMatrix): void {
  for (const row of m) {
    let s = ZERO
    for (const e of row) s = BigInt.asIntN(64, s + e[1])
    if (s > ZERO) for (const e of row) e[1] = safeDiv(e[1], s)
  }
}

export function rowSumSparse(m: SparseMatrix): Fx[] {
  return m.map((row) => {
    let s = ZERO
    for (const e of row) s = BigInt.asIntN(64, s + e[1])
    return s
  })
}

/** Each column divided by its saturating sum where non-zero. */
export function inplaceColNormalizeSparse(m: SparseMatrix, columns: number): void {
  const colSum: Fx[] = new Array(columns).fill(ZERO)
  for (const row of m) for (const [j, v] of row) if (j < columns) colSum[j] = satAdd(colSum[j] as Fx, v)
  for (const row of m) {
    for (const e of row) {
      const d = colSum[e[0]] ?? ZERO
      if (d !== ZERO) e[1] = safeDiv(e[1], d)
    }
  }
}

/** Each column divided by its maximum where non-zero. */
export function inplaceColMaxUpscaleSparse(m: SparseMatrix, columns: number): void {
  const colMax: Fx[] = new Array(columns).fill(ZERO)
  for (const row of m) for (const [j, v] of row) if (j < columns && (colMax[j] as Fx) < v) colMax[j] = v
  for (const row of m) {
    for (const e of row) {
      const mx = colMax[e[0]] ?? ZERO
      if (mx !== ZERO) e[1] = safeDiv(e[1], mx)
    }
  }
}

export type MaskFn = (a: bigint, b: bigint) => boolean

/** Drops cells where mask_fn(scalar, vector[j]) holds (vector[j] missing reads 0). */
export function scalarVecMaskSparseMatrix(m: SparseMatrix, scalar: bigint, vector: readonly bigint[], maskFn: MaskFn): SparseMatrix {
  return m.map((row) => row.filter(([j]) => !maskFn(scalar, vector[j] ?? 0n)).map(([j, v]): [number, Fx] => [j, v]))
}

/** Drops cells where mask_fn(first[i], second[j]) holds. */
export function vecMaskSparseMatrix(
  m: SparseMatrix,
  firstVector: readonly bigint[],
  secondVector: readonly bigint[],
  maskFn: MaskFn,
): SparseMatrix {
  return m.map((row, i) => {
    const fv = firstVector[i] ?? 0n
    return row.filter(([j]) => !maskFn(fv, secondVector[j] ?? 0n)).map(([j, v]): [number, Fx] => [j, v])
  })
}

/** Masked rows (or rows past the mask) become empty. */
export function maskRowsSparse(mask: readonly boolean[], m: SparseMatrix): SparseMatrix {
  return m.map((row, i) => ((mask[i] ?? true) ? [] : row.map(([j, v]): [number, Fx] => [j, v])))
}

export function maskDiagSparse(m: SparseMatrix): SparseMatrix {
  return m.map((row, i) => row.filter(([j]) => j !== i).map(([j, v]): [number, Fx] => [j, v]))
}

export function maskDiagSparseExceptIndex(m: SparseMatrix, exceptIndex: number): SparseMatrix {
  return m.map((row, i) =>
    row.filter(([j]) => i !== j || (i === exceptIndex && j === exceptIndex)).map(([j, v]): [number, Fx] => [j, v]))
}

/** Row i scaled by vector[i]; stops when the vector runs out. */
export function rowHadamardSparse(m: SparseMatrix, vector: readonly Fx[]): SparseMatrix {
  const out: SparseMatrix = []
  for (let i = 0; i < m.length && i < vector.length; i++) {
    const scale = vector[i] as Fx
    out.push((m[i] as SparseRow).map(([j, v]): [number, Fx] => [j, satMul(v, scale)]))
  }
  return out
}

/** result_j = Σ_i vector_i · m_ij over `columns` columns. */
export function matmulSparse(m: SparseMatrix, vector: readonly Fx[], columns: number): Fx[] {
  const result: Fx[] = new Array(columns).fill(ZERO)
  m.forEach((row, i) => {
    const scale = vector[i] ?? ZERO
    for (const [j, v] of row) if (j < columns) result[j] = satAdd(result[j] as Fx, satMul(scale, v))
  })
  return result
}

/** result_i = Σ_j vector_j · m_ij. */
export function matmulTransposeSparse(m: SparseMatrix, vector: readonly Fx[]): Fx[] {
  return m.map((row) => {
    let acc = ZERO
    for (const [j, v] of row) acc = satAdd(acc, satMul(vector[j] ?? ZERO, v))
    return acc
  })
}

/** Values above their column threshold are clipped to it, or dropped if the threshold ≤ 0. */
export function colClipSparse(m: SparseMatrix, colThreshold: readonly Fx[]): SparseMatrix {
  return m.map((row) => {
    const out: SparseRow = []
    for (const [j, v] of row) {
      const th = colThreshold[j] ?? ZERO
      if (th < v) {
        if (th > ZERO) out.push([j, th])
      } else {
        out.push([j, v])
      }
    }
    return out
  })
}

/** A + ratio·(B − A) over `columns`, keeping positive results; size mismatch returns B. */
export function interpolateSparse(mat1: SparseMatrix, mat2: SparseMatrix, columns: number, ratio: Fx): SparseMatrix {
  const copy = (m: SparseMatrix): SparseMatrix => m.map((r) => r.map(([j, v]): [number, Fx] => [j, v]))
  if (ratio === ZERO) return copy(mat1)
  if (ratio === ONE) return copy(mat2)
  if (mat1.length !== mat2.length) return copy(mat2)
  // row1 and row2 densified (a repeated column keeps its last value); cells zero in both give 0
  const r1 = new RowAccumulator(columns)
  const r2 = new RowAccumulator(columns)
  const both = new RowAccumulator(columns)
  return mat1.map((row1, i) => {
    for (const [j, v] of row1) {
      r1.setAt(j, v)
      both.setAt(j, ZERO)
    }
    for (const [j, v] of mat2[i] as SparseRow) {
      r2.setAt(j, v)
      both.setAt(j, ZERO)
    }
    const out: SparseRow = []
    both.drain((j) => {
      const v1 = r1.get(j)
      const v = satAdd(v1, satMul(ratio, satSub(r2.get(j), v1)))
      if (ZERO < v) out.push([j, v])
    })
    r1.drain(() => undefined)
    r2.drain(() => undefined)
    return out
  })
}

/** m_ij · vector_j (saturating), dropping zero products and columns past the vector. */
export function matVecMulSparse(m: SparseMatrix, vector: readonly Fx[]): SparseMatrix {
  return m.map((row) => {
    const out: SparseRow = []
    for (const [j, v] of row) {
      const x = vector[j]
      if (x === undefined) continue
      const p = satMul(v, x)
      if (p !== ZERO) out.push([j, p])
    }
    return out
  })
}

/**
 * A reusable dense accumulator over `n` columns that remembers which cells were touched, so a
 * densify-then-scan row costs O(entries log entries) instead of O(n) (same result: untouched
 * cells hold 0, which the source never emits).
 */
class RowAccumulator {
  private readonly acc: Fx[]
  private readonly seen: Uint8Array
  private readonly touched: number[] = []
  constructor(readonly n: number) {
    this.acc = new Array<Fx>(n).fill(ZERO)
    this.seen = new Uint8Array(n)
  }
  private touch(j: number): boolean {
    if (j >= this.n) return false
    if (this.seen[j] === 0) {
      this.seen[j] = 1
      this.touched.push(j)
    }
    return true
  }
  /** cell j ← saturating(cell j + x); columns ≥ n are ignored */
  addAt(j: number, x: Fx): void {
    if (this.touch(j)) this.acc[j] = satAdd(this.acc[j] as Fx, x)
  }
  /** cell j ← x; columns ≥ n are ignored */
  setAt(j: number, x: Fx): void {
    if (this.touch(j)) this.acc[j] = x
  }
  get(j: number): Fx {
    return this.acc[j] as Fx
  }
  /** Touched columns in ascending order; the accumulator is reset afterwards. */
  drain(emit: (j: number, v: Fx) => void): void {
    this.touched.sort((x, y) => x - y)
    for (const j of this.touched) {
      emit(j, this.acc[j] as Fx)
      this.acc[j] = ZERO
      this.seen[j] = 0
    }
    this.touched.length = 0
  }
}

/** alpha·new + (1 − alpha)·old on a square sparse matrix, keeping positive results. */
export function matEmaSparse(next: SparseMatrix, old: SparseMatrix, alpha: Fx): SparseMatrix {
  const oneMinus = satSub(ONE, alpha)
  const n = next.length
  if (n === 0) return []
  const acc = new RowAccumulator(n)
  return next.map((row, i) => {
    for (const [j, v] of row) acc.addAt(j, satMul(alpha, v))
    const orow = old[i]
    if (orow !== undefined) for (const [j, v] of orow) acc.addAt(j, satMul(oneMinus, v))
    const out: SparseRow = []
    acc.drain((j, v) => {
      if (v > ZERO) out.push([j, v])
    })
    return out
  })
}

/**
 * Per-cell alpha EMA, clamped to [0, 1]. As in the source, only cells present in `new` are
 * emitted: a bond with no new weight in its cell is dropped, not decayed.
 */
export function matEmaAlphaSparse(next: SparseMatrix, old: SparseMatrix, alpha: readonly Fx[][]): SparseMatrix {
  if (next.length !== old.length || next.length !== alpha.length) {
    return next.map((r) => r.map(([j, v]): [number, Fx] => [j, v]))
  }
  return next.map((row, i) => {
    const alphaRow = alpha[i] as Fx[]
    const decayed: Fx[] = new Array(alphaRow.length).fill(ZERO)
    for (const [j, ov] of old[i] as SparseRow) {
      const a = alphaRow[j]
      if (a !== undefined) decayed[j] = satMul(satSub(ONE, a), ov)
    }
    const out: SparseRow = []
    for (const [j, nv] of row) {
      const a = alphaRow[j]
      const d = decayed[j]
      if (a === undefined || d === undefined) continue
      let inc = satMul(a, nv)
      if (inc < ZERO) inc = ZERO
      let v = satAdd(d, inc)
      if (v > ONE) v = ONE
      if (v > ZERO) out.push([j, v])
    }
    return out
  })
}

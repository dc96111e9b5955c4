/**
 * Dense-matrix operations of epoch/math.rs (rows = validators, columns = neurons). Row length
 * mismatches follow the source: iteration stops at the shorter side and missing cells are 0.
 */
import { type Fx, type Matrix, ONE, ZERO, safeDiv, satAdd, satMul, satSub, sum, vecMulRow } from './math-fx.js'

/** Sum of each row; [] when the first row is empty. */
export function rowSum(x: Matrix): Fx[] {
  if (x.length > 0 && (x[0] as Fx[]).length === 0) return []
  return x.map(sum)
}

/** Each row with a positive sum is divided by it. */
export function inplaceRowNormalize(x: Matrix): void {
  for (const row of x) {
    const s = sum(row)
    if (s > ZERO) for (let j = 0; j < row.length; j++) row[j] = safeDiv(row[j] as Fx, s)
  }
}

/** Each column divided by its (saturating) sum where that sum is non-zero. */
export function inplaceColNormalize(x: Matrix): void {
  const sums: Fx[] = []
  for (const row of x) {
    while (sums.length < row.length) sums.push(ZERO)
    for (let j = 0; j < row.length; j++) sums[j] = satAdd(sums[j] as Fx, row[j] as Fx)
  }
  if (sums.length === 0) return
  for (const row of x) {
    for (let j = 0; j < row.length && j < sums.length; j++) {
      const s = sums[j] as Fx
      if (s !== ZERO) row[j] = safeDiv(row[j] as Fx, s)
    }
  }
}

/** Each column divided by its maximum where that maximum is non-zero. */
export function inplaceColMaxUpscale(x: Matrix): void {
  let maxCols = 0
  for (const row of x) if (row.length > maxCols) maxCols = row.length
  if (maxCols === 0) return
  const maxes: Fx[] = new Array(maxCols).fill(ZERO)
  for (const row of x) {
    for (let j = 0; j < row.length; j++) if ((maxes[j] as Fx) < (row[j] as Fx)) maxes[j] = row[j] as Fx
  }
  for (const row of x) {
    for (let j = 0; j < row.length; j++) {
      const m = maxes[j] as Fx
      if (m !== ZERO) row[j] = safeDiv(row[j] as Fx, m)
    }
  }
}

/** Zeroes cells whose mask is true (a missing mask cell counts as true). */
export function inplaceMaskMatrix(mask: readonly boolean[][], matrix: Matrix): void {
  const first = mask[0]
  if (first === undefined || first.length === 0) return
  matrix.forEach((row, r) => {
    const mr = mask[r]
    for (let c = 0; c < row.length; c++) if (mr?.[c] ?? true) row[c] = ZERO
  })
}

/** Replaces masked rows by zero rows of the first row's width. */
export function inplaceMaskRows(mask: readonly boolean[], matrix: Matrix): void {
  const first = matrix[0]
  if (first === undefined) return
  const cols = first.length
  for (let r = 0; r < matrix.length; r++) {
    if (mask[r] ?? true) matrix[r] = new Array<Fx>(cols).fill(ZERO)
  }
}

/** Zeroes masked columns. */
export function inplaceMaskCols(mask: readonly boolean[], matrix: Matrix): void {
  for (const row of matrix) for (let c = 0; c < row.length; c++) if (mask[c] ?? true) row[c] = ZERO
}

/** Zeroes the diagonal of a square matrix (non-square input is left alone). */
export function inplaceMaskDiag(matrix: Matrix): void {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return
  if (matrix.length !== first.length) return
  matrix.forEach((row, i) => {
    if (i < row.length) row[i] = ZERO
  })
}

/** As inplaceMaskDiag, keeping the diagonal entry at `exceptIndex`. */
export function inplaceMaskDiagExceptIndex(matrix: Matrix, exceptIndex: number): void {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return
  if (matrix.length !== first.length) return
  const kept = matrix[exceptIndex]?.[exceptIndex]
  inplaceMaskDiag(matrix)
  const row = matrix[exceptIndex]
  if (row !== undefined && exceptIndex < row.length && kept !== undefined) row[exceptIndex] = kept
}

/** Row i scaled by vector[i] (saturating); stops when the vector runs out. */
export function rowHadamard(matrix: Matrix, vector: readonly Fx[]): Matrix {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return [[]]
  const out: Matrix = []
  for (let i = 0; i < matrix.length && i < vector.length; i++) {
    const scale = vector[i] as Fx
    out.push((matrix[i] as Fx[]).map((m) => satMul(scale, m)))
  }
  return out
}

/** result_j = Σ_i vector_i · matrix_ij (saturating), width of the first row. */
export function matmul(matrix: Matrix, vector: readonly Fx[]): Fx[] {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return []
  const cols = first.length
  const acc: Fx[] = new Array(cols).fill(ZERO)
  matrix.forEach((row, i) => {
    const scale = vector[i] ?? ZERO
    for (let j = 0; j < row.length && j < cols; j++) acc[j] = satAdd(acc[j] as Fx, satMul(scale, row[j] as Fx))
  })
  return acc
}

/** result_i = Σ_j vector_j · matrix_ij (saturating). */
export function matmulTranspose(matrix: Matrix, vector: readonly Fx[]): Fx[] {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return []
  return matrix.map((row) => {
    let s = ZERO
    for (let j = 0; j < row.length && j < vector.length; j++) s = satAdd(s, satMul(row[j] as Fx, vector[j] as Fx))
    return s
  })
}

/** value = min(value, threshold_j) in place. */
export function inplaceColClip(x: Matrix, colThreshold: readonly Fx[]): void {
  for (const row of x) {
    for (let j = 0; j < row.length && j < colThreshold.length; j++) {
      const th = colThreshold[j] as Fx
      if (th < (row[j] as Fx)) row[j] = th
    }
  }
}

/** A + ratio·(B − A) element-wise; ratio 0 or 1 returns a copy of A or B. */
export function interpolate(mat1: Matrix, mat2: Matrix, ratio: Fx): Matrix {
  if (ratio === ZERO) return mat1.map((r) => r.slice())
  if (ratio === ONE) return mat2.map((r) => r.slice())
  const first = mat1[0]
  if (first === undefined || first.length === 0) return [[]]
  const cols = first.length
  const result: Matrix = mat1.map(() => new Array<Fx>(cols).fill(ZERO))
  for (let i = 0; i < mat1.length; i++) {
    const row2 = mat2[i]
    if (row2 === undefined) break
    const row1 = mat1[i] as Fx[]
    const out = result[i] as Fx[]
    const n = Math.min(row1.length, row2.length, cols)
    for (let j = 0; j < n; j++) {
      const v1 = row1[j] as Fx
      out[j] = satAdd(v1, satMul(ratio, satSub(row2[j] as Fx, v1)))
    }
  }
  return result
}

/** Each row multiplied element-wise by the vector (overflowing products become 0). */
export function matVecMul(matrix: Matrix, vector: readonly Fx[]): Matrix {
  const first = matrix[0]
  if (first === undefined || first.length === 0) return [[]]
  return matrix.map((row) => vecMulRow(row, vector))
}

/** alpha·new + (1 − alpha)·old, saturating. */
export function matEma(next: Matrix, old: Matrix, alpha: Fx): Matrix {
  const first = next[0]
  if (first === undefined || first.length === 0) return [[]]
  const oneMinus = satSub(ONE, alpha)
  const out: Matrix = []
  for (let i = 0; i < next.length; i++) {
    const o = old[i]
    if (o === undefined) break
    const n = next[i] as Fx[]
    const len = Math.min(n.length, o.length)
    const row: Fx[] = new Array(len)
    for (let j = 0; j < len; j++) row[j] = satAdd(satMul(alpha, n[j] as Fx), satMul(oneMinus, o[j] as Fx))
    out.push(row)
  }
  return out
}

/** Per-cell alpha EMA clamped to [0, 1]; mismatched shapes return old (outer) or new (rows). */
export function matEmaAlpha(next: Matrix, old: Matrix, alpha: Matrix): Matrix {
  const first = next[0]
  if (first === undefined || first.length === 0) return [[]]
  if (next.length !== old.length || next.length !== alpha.length) return old.map((r) => r.slice())
  for (let i = 0; i < next.length; i++) {
    const len = (next[i] as Fx[]).length
    if ((old[i] as Fx[]).length !== len || (alpha[i] as Fx[]).length !== len) return next.map((r) => r.slice())
  }
  return next.map((n, i) => {
    const o = old[i] as Fx[]
    const a = alpha[i] as Fx[]
    return n.map((nv, j) => {
      const aj = a[j] as Fx
      const decayed = satMul(satSub(ONE, aj), o[j] as Fx)
      let inc = satMul(aj, nv)
      if (inc < ZERO) inc = ZERO
      const v = satAdd(decayed, inc)
      return v < ONE ? v : ONE
    })
  })
}

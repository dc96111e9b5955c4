/**
 * Helpers of subtensor's tests/math.rs, re-expressed for the TypeScript tests: f32 vectors
 * to I32F32 (`from_num` of an f32, ties to even), reshaping into dense and sparse matrices,
 * and the epsilon comparisons the source asserts with.
 */
import { expect } from 'vitest'
import { I32F32, fromF32, fromF64 } from '../../../primitives/fixed/index.js'
import type { Fx, Matrix, SparseMatrix } from './math.js'

/** `I32F32::from_num(<f64 literal>)` */
export const fx = (x: number): Fx => fromF64(I32F32, x)
/** `I32F32::from_num(<f32>)` */
export const fx32 = (x: number): Fx => fromF32(I32F32, x)

export function vecToFixed(v: readonly number[]): Fx[] {
  return v.map(fx32)
}

export function matToFixed(m: readonly number[][]): Matrix {
  return m.map(vecToFixed)
}

export function vecToMatFixed(v: readonly number[], rows: number, transpose: boolean): Matrix {
  if (v.length % rows !== 0) throw new Error(`cannot reshape ${v.length} into ${rows} rows`)
  const cols = v.length / rows
  const mat: Matrix = []
  if (transpose) {
    for (let c = 0; c < cols; c++) {
      const row: Fx[] = []
      for (let r = 0; r < rows; r++) row.push(fx32(v[r * cols + c] as number))
      mat.push(row)
    }
  } else {
    for (let r = 0; r < rows; r++) mat.push(v.slice(r * cols, (r + 1) * cols).map(fx32))
  }
  return mat
}

export function vecToSparseMatFixed(v: readonly number[], rows: number, transpose: boolean): SparseMatrix {
  if (v.length % rows !== 0) throw new Error(`cannot reshape ${v.length} into ${rows} rows`)
  const cols = v.length / rows
  const mat: SparseMatrix = []
  if (transpose) {
    for (let c = 0; c < cols; c++) {
      const row: Array<[number, Fx]> = []
      for (let r = 0; r < rows; r++) {
        const x = v[r * cols + c] as number
        if (x > 0) row.push([r, fx32(x)])
      }
      mat.push(row)
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const row: Array<[number, Fx]> = []
      for (let c = 0; c < cols; c++) {
        const x = v[r * cols + c] as number
        if (x > 0) row.push([c, fx32(x)])
      }
      mat.push(row)
    }
  }
  return mat
}

const absB = (x: bigint): bigint => (x < 0n ? -x : x)

export function assertFloatCompare(a: bigint, b: bigint, eps: bigint): void {
  if (absB(a - b) > eps) expect.fail(`a(${a}) != b(${b}) within ${eps}`)
}

export function assertVecCompare(va: readonly bigint[], vb: readonly bigint[], eps: bigint): void {
  expect(va.length).toBe(vb.length)
  va.forEach((a, i) => assertFloatCompare(a, vb[i] as bigint, eps))
}

export function assertMatCompare(ma: Matrix, mb: Matrix, eps: bigint): void {
  expect(ma.length).toBe(mb.length)
  ma.forEach((row, r) => assertVecCompare(row, mb[r] as Fx[], eps))
}

export function assertSparseMatCompare(ma: SparseMatrix, mb: SparseMatrix, eps: bigint): void {
  expect(ma.length).toBe(mb.length)
  ma.forEach((row, r) => {
    const other = mb[r] as SparseMatrix[number]
    expect(row.length, `row ${r}`).toBe(other.length)
    row.forEach(([j, v], k) => {
      expect(j).toBe((other[k] as [number, Fx])[0])
      assertFloatCompare(v, (other[k] as [number, Fx])[1], eps)
    })
  })
}

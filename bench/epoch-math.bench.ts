// Issue #13 groundwork: the sparse epoch's math.ts operations at mainnet scale (4,096 UIDs, 64
// validators with weights on every UID), in the order the epoch calls them. Not the whole epoch
// (storage reads, permits, emission split are elsewhere), but its arithmetic core.
import '../src/polyfill.js'
import * as M from '../src/pallets/subtensor/epoch/math.js'
import { rng } from './lib/rng.js'

interface Row { name: string; value: number; unit: string }

function setup(n: number, validators: number): { weights: M.SparseMatrix; bonds: M.SparseMatrix; stake: M.Fx[] } {
  const r = rng(7)
  const unit = (): M.Fx => BigInt(Math.floor(r() * 2 ** 32))
  const weights: M.SparseMatrix = []
  const bonds: M.SparseMatrix = []
  for (let i = 0; i < n; i++) {
    const w: M.SparseRow = []
    const b: M.SparseRow = []
    if (i < validators) {
      for (let j = 0; j < n; j++) {
        w.push([j, unit()])
        if (r() < 0.5) b.push([j, unit()])
      }
    }
    weights.push(w)
    bonds.push(b)
  }
  const stake = Array.from({ length: n }, (_, i) => (i < validators ? unit() : 0n))
  M.inplaceNormalize(stake)
  return { weights, bonds, stake }
}

function epochCore(n: number, s: ReturnType<typeof setup>): void {
  const kappa = 32767n * (1n << 32n) / 65535n
  const w = M.maskDiagSparse(s.weights)
  M.inplaceRowNormalizeSparse(w)
  const consensus = M.weightedMedianColSparse(s.stake, w, n, kappa)
  const clipped = M.colClipSparse(w, consensus)
  const vtrust = M.rowSumSparse(clipped)
  const ranks = M.matmulSparse(clipped, s.stake, n)
  const incentive = M.normalize(ranks)
  const bondsDelta = M.rowHadamardSparse(clipped, s.stake)
  M.inplaceColNormalizeSparse(bondsDelta, n)
  const ema = M.matEmaSparse(bondsDelta, s.bonds, 429496730n)
  M.inplaceColNormalizeSparse(ema, n)
  const dividends = M.matmulTransposeSparse(ema, incentive)
  M.inplaceNormalize(dividends)
  M.vecMaxUpscaleToU16(vtrust)
  M.vecMaxUpscaleToU16(incentive)
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = []
  for (const [n, v] of [[256, 64], [4096, 64]] as const) {
    const s = setup(n, v)
    epochCore(n, s) // warm-up
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      epochCore(n, s)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    rows.push({ name: `epoch math core, ${n} UIDs, ${v} validators (dense weights), median`, value: times[2] as number, unit: 'ms' })
  }
  return rows
}

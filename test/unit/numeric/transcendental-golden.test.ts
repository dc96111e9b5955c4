// substrate-fixed's log2/ln/exp and safe-math's checked_sqrt/checked_pow on the domains where
// the chain calls them, and the block-emission halving computation composed from them.
import { expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { checkedPow, checkedSqrt, safeDiv } from '../../../src/primitives/safe-math/index.js'
import { emissionForIssuance as blockEmission, emissionForIssuanceFast } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { Checker, loadGolden } from './golden.js'

interface Case { k: string; x: string; e?: number; r: string | null }

it('transcendental functions and block emission equal the chain code on golden vectors', () => {
  const c = new Checker()
  const s = (v: bigint | null): string | null => (v === null ? null : v.toString())
  const eps = safeDiv(F.U64F64, F.fromInt(F.U64F64, 1), F.fromInt(F.U64F64, 1000))
  let emissions = 0
  for (const k of loadGolden<Case[]>('trans')) {
    const x = BigInt(k.x)
    switch (k.k) {
      case 'emission':
        emissions++
        c.check(`block emission at issuance ${x}`, s(blockEmission(x)), k.r)
        c.check(`block emission (step table) at issuance ${x}`, s(emissionForIssuanceFast(x)), k.r)
        break
      case 'log2_96': c.check(`log2 ${x}`, s(F.log2(F.I96F32, x)), k.r); break
      case 'ln_32': c.check(`ln ${x}`, s(F.ln(F.I32F32, x)), k.r); break
      case 'exp_32': c.check(`exp32 ${x}`, s(F.exp(F.I32F32, x)), k.r); break
      case 'exp_64': c.check(`exp64 ${x}`, s(F.exp(F.I64F64, x)), k.r); break
      case 'sqrt_u64f64': c.check(`sqrt ${x}`, s(checkedSqrt(F.U64F64, x, eps)), k.r); break
      case 'pow_i64f64': c.check(`pow ${x}^${k.e}`, s(checkedPow(F.I64F64, x, k.e as number)), k.r); break
      default: throw new Error(`unknown case ${k.k}`)
    }
  }
  expect(c.bad).toEqual([])
  expect(emissions).toBe(120)
})

it('block emission halves at each threshold 21e15·(1 − 2^−k) (RAO, from the golden vectors)', () => {
  const byIssuance = new Map(loadGolden<Case[]>('trans').filter((k) => k.k === 'emission').map((k) => [BigInt(k.x), k.r]))
  for (let k = 1n; k <= 12n; k++) {
    const threshold = 21_000_000_000_000_000n - (21_000_000_000_000_000n >> k)
    // at the threshold the emission is 1e9 / 2^k (floored), one RAO below it the previous rate
    expect(byIssuance.get(threshold)).toBe((1_000_000_000n >> k).toString())
    expect(byIssuance.get(threshold - 1n)).toBe((1_000_000_000n >> (k - 1n)).toString())
  }
})

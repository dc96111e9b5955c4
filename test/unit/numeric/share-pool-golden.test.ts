// subtensor 14bc6f9 primitives/share-pool and safe-bigmath's pow_ratio_scaled, bit for bit.
import { expect, it } from 'vitest'
import { MemorySharePoolOps, SafeFloat, SharePool } from '../../../src/primitives/share-pool/index.js'
import { powRatioScaled } from '../../../src/primitives/safe-math/index.js'
import { Checker, loadGolden } from './golden.js'

type Pair = [string, string]
/** A stored (mantissa, exponent) pair, taken verbatim as SCALE-decoding would. */
function sf(p: Pair): SafeFloat {
  const bytes = new Uint8Array(24)
  const view = new DataView(bytes.buffer)
  const m = BigInt(p[0])
  view.setBigUint64(0, m & 0xffff_ffff_ffff_ffffn, true)
  view.setBigUint64(8, m >> 64n, true)
  view.setBigInt64(16, BigInt(p[1]), true)
  return SafeFloat.decode(bytes)
}
const pair = (x: SafeFloat | null): Pair | null => (x === null ? null : [x.mantissa.toString(), x.exponent.toString()])

interface Step { kind: number; key: number; upd: string; sv: string; den: Pair; vals: string[]; shares: Pair[] }
interface Prim { a: Pair; b: Pair; c: Pair; add: Pair | null; sub: Pair | null; div: Pair | null; mul_div: Pair | null; gt: boolean; u64: string; u64f64: string; from_u64f64: Pair }

it('SharePool sequences and SafeFloat operations equal the chain code', () => {
  const data = loadGolden<{ seq: Step[][]; prim: Prim[] }>('pool')
  const c = new Checker()
  for (const seq of data.seq) {
    const ops = new MemorySharePoolOps<number>()
    const pool = new SharePool(ops)
    seq.forEach((s, i) => {
      const upd = BigInt(s.upd)
      if (s.kind === 2) pool.updateValueForAll(upd)
      else pool.updateValueForOne(s.key, upd)
      c.check(`step ${i} shared value`, ops.sharedValue.toString(), s.sv)
      c.check(`step ${i} denominator`, pair(ops.denominator), s.den)
      c.check(`step ${i} values`, [0, 1, 2, 3].map((k) => pool.getValue(k).toString()), s.vals)
      c.check(`step ${i} shares`, [0, 1, 2, 3].map((k) => pair(ops.getShare(k))), s.shares)
    })
  }
  for (const p of data.prim) {
    const a = sf(p.a)
    const b = sf(p.b)
    const d = sf(p.c)
    c.check('add', pair(a.add(b)), p.add)
    c.check('sub', pair(a.sub(b)), p.sub)
    c.check('div', pair(a.div(d)), p.div)
    c.check('mul_div', pair(a.mulDiv(b, d)), p.mul_div)
    c.check('gt', a.gt(b), p.gt)
    c.check('u64::from', a.toU64().toString(), p.u64)
    c.check('From<U64F64>', pair(SafeFloat.fromU64F64(BigInt(p.u64f64))), p.from_u64f64)
  }
  expect(c.bad).toEqual([])
  expect(c.count).toBeGreaterThan(1000)
})

it('pow_ratio_scaled equals safe-bigmath on balancer-shaped inputs (exact and series paths)', () => {
  const c = new Checker()
  for (const k of loadGolden<Array<Record<string, string | null>>>('pow')) {
    const x = BigInt(k.x as string)
    const r = powRatioScaled(x, x + BigInt(k.dx as string), BigInt(k.w1 as string), BigInt(k.w2 as string), 256, 10n ** 18n)
    c.check(`x=${k.x} dx=${k.dx} w1=${k.w1}`, r === null ? null : r.toString(), k.r)
  }
  expect(c.bad).toEqual([])
  expect(c.count).toBe(60)
})

// substrate-fixed 0.6.0 arithmetic, bit for bit, on seeded random operands of every chain type.
import { expect, it } from 'vitest'
import * as F from '../../../src/primitives/fixed/index.js'
import { Checker, loadGolden } from './golden.js'

const TYPES: Record<string, F.FixedType> = {
  I32F32: F.I32F32, I64F64: F.I64F64, U64F64: F.U64F64, U96F32: F.U96F32, I96F32: F.I96F32,
}
type Case = Record<string, string | number | null>

it('fixed-point ops equal substrate-fixed 0.6.0 on golden vectors', () => {
  const c = new Checker()
  const opt = (v: bigint | null): string | null => (v === null ? null : v.toString())
  for (const k of loadGolden<Case[]>('fixed')) {
    const t = TYPES[k.t as string] as F.FixedType
    if (typeof k.f === 'number') {
      c.check(`${t.name} from_f64(${k.f})`, F.saturatingFromF64(t, k.f).toString(), k.from_f64)
      continue
    }
    const a = BigInt(k.a as string)
    const b = BigInt(k.b as string)
    const tag = `${t.name} a=${a} b=${b}`
    c.check(`${tag} checked_mul`, opt(F.checkedMul(t, a, b)), k.cmul)
    c.check(`${tag} saturating_mul`, opt(F.saturatingMul(t, a, b)), k.smul)
    c.check(`${tag} wrapping_mul`, opt(F.mul(t, a, b)), k.wmul)
    c.check(`${tag} checked_div`, opt(F.checkedDiv(t, a, b)), k.cdiv)
    c.check(`${tag} saturating_div`, b === 0n ? null : opt(F.saturatingDiv(t, a, b)), k.sdiv)
    c.check(`${tag} saturating_add`, opt(F.saturatingAdd(t, a, b)), k.sadd)
    c.check(`${tag} saturating_sub`, opt(F.saturatingSub(t, a, b)), k.ssub)
    c.check(`${tag} saturating_to_num::<u64>`, opt(F.saturatingToU64(t, a)), k.u64)
    c.check(`${tag} →I32F32`, opt(F.saturatingFromFixed(F.I32F32, t, a)), k.to_i32f32)
    c.check(`${tag} →I64F64`, opt(F.saturatingFromFixed(F.I64F64, t, a)), k.to_i64f64)
    c.check(`${tag} →U64F64`, opt(F.saturatingFromFixed(F.U64F64, t, a)), k.to_u64f64)
    c.check(`${tag} →U96F32`, opt(F.saturatingFromFixed(F.U96F32, t, a)), k.to_u96f32)
    c.check(`${tag} →I96F32`, opt(F.saturatingFromFixed(F.I96F32, t, a)), k.to_i96f32)
    c.check(`${tag} wrapping_round`, opt(F.round(t, a)), k.round)
  }
  expect(c.bad).toEqual([])
  expect(c.count).toBeGreaterThan(2000)
})

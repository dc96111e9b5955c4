/**
 * `substrate_fixed::transcendental` functions the chain calls: `exp` (liquid-alpha sigmoid,
 * subnet emission shares, lock decay), `log2` (block emission halving) and `ln`. Operand and
 * result share one type here, which is how subtensor instantiates them. Results are `null`
 * where the crate returns `Err(())`.
 *
 * The crate compares operands with I9F23 constants; those compare by exact value, so they
 * are the raw values 0, 1 and 2 of the operand's type.
 */
import type { FixedType } from './types.js'
import { checkedAdd, checkedDiv, checkedMul, checkedNeg, div } from './ops.js'

/** e truncated to I9F23 (`consts::E.to_bits() >> 103`). */
export const E_I9F23 = 0xadf85458a2bb4a9aafdc5620273d3cf1n >> 103n
/** log2(e) truncated to I9F23 (`consts::LOG2_E.to_bits() >> 104`). */
export const LOG2_E_I9F23 = 0xb8aa3b295c17f0bbbe87fed0691d3e88n >> 104n

function fromI9F23(t: FixedType, raw: bigint): bigint {
  if (t.fracBits < 23) throw new RangeError(`${t.name} cannot hold an I9F23 constant exactly`)
  return raw << (t.frac - 23n)
}

/** e^x by the crate's Taylor series (terms 2..frac−1, each step checked), inverted for x < 0. */
export function exp(t: FixedType, x: bigint): bigint | null {
  const one = 1n << t.frac
  if (x === 0n) return one
  if (x === one) return fromI9F23(t, E_I9F23)
  const negative = x < 0n
  let operand = x
  if (negative) {
    const n = checkedNeg(t, x)
    if (n === null) return null
    operand = n
  }
  let result = checkedAdd(t, operand, one)
  if (result === null) return null
  let term = operand
  for (let i = 2n; i < t.frac; i++) {
    const m = checkedMul(t, term, operand)
    if (m === null) return null
    const d = checkedDiv(t, m, i << t.frac)
    if (d === null) return null
    term = d
    const s = checkedAdd(t, result, term)
    if (s === null) return null
    result = s
  }
  if (negative) return checkedDiv(t, one, result)
  return result
}

/** log2 of x ≥ 1: integer part by halvings rounding half up, then one bit per squaring. */
function log2Inner(t: FixedType, operand: bigint): bigint {
  const one = 1n << t.frac
  const two = one << 1n
  let x = operand
  let result = 0n
  while (x >= two) {
    result += 1n
    x = (x >> 1n) + (x & 1n)
  }
  if (x === one) return result << t.frac
  for (let i = 0; i < t.fracBits; i++) {
    x = (x * x) >> t.frac
    result <<= 1n
    if (x >= two) {
      result |= 1n
      x = (x >> 1n) + (x & 1n)
    }
  }
  return result
}

/** Signed types only, as in the crate. */
export function log2(t: FixedType, x: bigint): bigint | null {
  if (x <= 0n) return null
  const one = 1n << t.frac
  if (x < one) {
    const inv = checkedDiv(t, one, x)
    if (inv === null) return null
    return -log2Inner(t, inv)
  }
  return log2Inner(t, x)
}

/** ln x = log2 x / log2(e) with log2(e) at I9F23 precision. */
export function ln(t: FixedType, x: bigint): bigint | null {
  const l = log2(t, x)
  if (l === null) return null
  return div(t, l, fromI9F23(t, LOG2_E_I9F23))
}

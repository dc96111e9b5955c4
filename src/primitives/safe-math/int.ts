/**
 * `SafeDiv` for primitive integers (subtensor `primitives/safe-math`): `checked_div` falling
 * back to a default, so a zero divisor (or the one signed overflow, MIN / −1) gives 0 or `def`.
 */
export interface IntType {
  readonly bits: number
  readonly signed: boolean
}

export const U8: IntType = { bits: 8, signed: false }
export const U16: IntType = { bits: 16, signed: false }
export const U32: IntType = { bits: 32, signed: false }
export const U64: IntType = { bits: 64, signed: false }
export const U128: IntType = { bits: 128, signed: false }
export const I8: IntType = { bits: 8, signed: true }
export const I16: IntType = { bits: 16, signed: true }
export const I32: IntType = { bits: 32, signed: true }
export const I64: IntType = { bits: 64, signed: true }
export const I128: IntType = { bits: 128, signed: true }

/** Integer `checked_div`: truncating quotient, null on zero divisor or signed overflow. */
export function checkedDivInt(t: IntType, a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null
  const q = a / b
  if (t.signed && q === 1n << BigInt(t.bits - 1)) return null
  return q
}

export function safeDivIntOr(t: IntType, a: bigint, b: bigint, def: bigint): bigint {
  return checkedDivInt(t, a, b) ?? def
}

export function safeDivInt(t: IntType, a: bigint, b: bigint): bigint {
  return checkedDivInt(t, a, b) ?? 0n
}

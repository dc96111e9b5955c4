/**
 * The fixed-point types of `substrate-fixed` v0.6.0 as the chain uses them.
 *
 * A value is its raw two's-complement bits held in a bigint (for signed types the bigint is
 * the signed integer the bits denote), so `I32F32` 1.5 is `0x1_8000_0000n`. The type is a
 * plain descriptor passed to the operation functions; nothing allocates per value.
 */
export interface FixedType {
  readonly name: string
  /** total width in bits */
  readonly bits: number
  /** fractional bits, as bigint for shifts */
  readonly frac: bigint
  /** fractional bits, as number */
  readonly fracBits: number
  readonly signed: boolean
  /** smallest representable raw value */
  readonly min: bigint
  /** largest representable raw value */
  readonly max: bigint
  /** raw bits of 1 (for types without integer bits, 1 is not representable and this is 0n) */
  readonly one: bigint
}

function def(name: string, signed: boolean, intBits: number, fracBits: number): FixedType {
  const bits = intBits + fracBits
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n
  const oneRaw = 1n << BigInt(fracBits)
  return Object.freeze({
    name,
    bits,
    frac: BigInt(fracBits),
    fracBits,
    signed,
    min,
    max,
    one: oneRaw <= max ? oneRaw : 0n,
  })
}

export const I32F32 = def('I32F32', true, 32, 32)
export const U32F32 = def('U32F32', false, 32, 32)
export const I64F64 = def('I64F64', true, 64, 64)
export const U64F64 = def('U64F64', false, 64, 64)
export const I96F32 = def('I96F32', true, 96, 32)
export const U96F32 = def('U96F32', false, 96, 32)
export const I110F18 = def('I110F18', true, 110, 18)
export const U110F18 = def('U110F18', false, 110, 18)
/** the crate's constant type for transcendental functions */
export const I9F23 = def('I9F23', true, 9, 23)

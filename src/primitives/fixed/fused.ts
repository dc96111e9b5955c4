/**
 * Chains of fixed-point operations the coinbase and the Swap pallet run for every subnet every
 * block, folded into fewer bigint operations. Each returns exactly the bits of the chain of
 * general operations it replaces (ops.ts), named in its comment; fused.test.ts checks that on
 * random and edge inputs. Inputs outside the stated range take the general chain.
 */
import { checkedDiv, saturatingFromInt, U64_MAX } from './ops.js'
import { U64F64 } from './types.js'

/**
 * `U64F64::from_num(a).checked_div(U64F64::from_num(b))` for integers a, b: null when b = 0.
 * For 0 ≤ a, b ≤ u64::MAX the quotient (a·2^64·2^64)/(b·2^64) is floor(a·2^64/b), below 2^128:
 * one shift and one narrower division instead of two shifts, a clamp and a wide division.
 */
export function u64f64Ratio(a: bigint, b: bigint): bigint | null {
  if (a >= 0n && b > 0n && a <= U64_MAX && b <= U64_MAX) return (a << 64n) / b
  return checkedDiv(U64F64, saturatingFromInt(U64F64, a), saturatingFromInt(U64F64, b))
}

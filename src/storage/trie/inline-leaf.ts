// A write compared with a leaf its parent holds inline (an encoding shorter than a hash), in place:
// most leaves are that short, and decoding each one a block rewrites would cost more than the compare.
import { LEAF } from './codec.js'
import { reserveBytes } from './slab.js'

/** matchInlineLeaf: the leaf holds that key and the same value / another of its length / one of another length. */
export const LEAF_SAME_VALUE = 1
export const LEAF_OTHER_VALUE = 2
export const LEAF_OTHER_LENGTH = 3

/**
 * Compare an inline node reference (an encoding of < 32 bytes) with a write, without decoding it:
 * LEAF_SAME_VALUE when it is a leaf whose partial key is nibbles [off, end) of `nibbles` (one per
 * byte) and whose value is `value`, LEAF_OTHER_VALUE when the key matches but the value differs
 * (in its bytes only: see withValue), LEAF_OTHER_LENGTH when it differs in its length,
 * 0 when it is not a leaf of exactly that key (the caller then decodes it).
 */
export function matchInlineLeaf(enc: Uint8Array, nibbles: Uint8Array, off: number, end: number, value: Uint8Array): number {
  const first = enc[0]!
  if ((first & 0xc0) !== LEAF) return 0
  const pLen = first & 0x3f
  if (pLen === 0x3f || pLen !== end - off) return 0
  let pos = 1
  let i = off
  if (pLen & 1) {
    if (enc[pos++] !== nibbles[i++]) return 0 // the padding half must be 0 as well
  }
  for (; i < end; i += 2) if (enc[pos++] !== ((nibbles[i]! << 4) | nibbles[i + 1]!)) return 0
  const c = enc[pos++]!
  // An inline node's value is < 32 bytes: a one-byte compact length.
  if ((c & 3) !== 0) return 0
  const len = c >> 2
  if (len !== value.length) return LEAF_OTHER_LENGTH
  if (pos + len !== enc.length) return 0
  for (let k = 0; k < len; k++) if (enc[pos + k] !== value[k]) return LEAF_OTHER_VALUE
  return LEAF_SAME_VALUE
}

/**
 * The encoding of the inline leaf `enc` holding `value` instead of a value of the same length
 * (matchInlineLeaf's LEAF_OTHER_VALUE): header, partial key and length stay as they are, so they
 * are copied rather than laid out and packed again (most of a block's writes are such leaves).
 */
export function withValue(enc: Uint8Array, value: Uint8Array): Uint8Array {
  const n = enc.length
  const at = n - value.length
  const out = reserveBytes(n)
  for (let i = 0; i < at; i++) out[i] = enc[i]!
  for (let i = at; i < n; i++) out[i] = value[i - at]!
  return out
}

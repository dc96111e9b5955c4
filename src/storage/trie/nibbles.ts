// Nibble helpers. Keys are byte strings; the trie branches on 4-bit nibbles, high nibble first.
// Partial keys inside encoded nodes are "packed": two nibbles per byte, and when the count is odd
// the first byte carries a single nibble in its low half (padding at the front).

export function keyNibble(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!
  return i & 1 ? b & 0x0f : b >> 4
}

/** Nibble i of a packed partial key holding `len` nibbles. */
export function packedNibble(packed: Uint8Array, len: number, i: number): number {
  const j = i + (len & 1)
  const b = packed[j >> 1]!
  return j & 1 ? b & 0x0f : b >> 4
}

export function bytesToNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2)
  for (let i = 0; i < key.length; i++) {
    const b = key[i]!
    out[2 * i] = b >> 4
    out[2 * i + 1] = b & 0x0f
  }
  return out
}

/** The nibbles of a latin1 key string (one char per byte, as the overlay keeps keys) written into `out` from 0. */
export function writeLatin1Nibbles(key: string, out: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    const b = key.charCodeAt(i)
    if (b > 0xff) throw new Error('trie key string is not latin1 bytes')
    out[2 * i] = b >> 4
    out[2 * i + 1] = b & 0x0f
  }
  return out
}

/** Bytes of an even-length nibble sequence. */
export function nibblesToBytes(nibbles: ArrayLike<number>, len: number): Uint8Array {
  const out = new Uint8Array(len >> 1)
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!
  return out
}

/** Pack nibbles[start, end) (one nibble per element) into node form. */
export function packNibbles(nibbles: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start
  const out = new Uint8Array((n + 1) >> 1)
  let i = start
  let o = 0
  if (n & 1) out[o++] = nibbles[i++]!
  for (; i < end; i += 2) out[o++] = (nibbles[i]! << 4) | nibbles[i + 1]!
  return out
}

/** Unpack a packed partial key into one nibble per byte. */
export function unpackNibbles(packed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len)
  let o = 0
  let i = 0
  if (len & 1) out[o++] = packed[i++]! & 0x0f
  for (; o < len; i++) {
    const b = packed[i]!
    out[o++] = b >> 4
    out[o++] = b & 0x0f
  }
  return out
}

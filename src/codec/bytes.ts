// Byte helpers used on hot paths (no regex, no intermediate arrays).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

// Node's own hex encoder called on the Uint8Array itself (no Buffer wrapper): one flat string,
// where appending two digits at a time leaves a chain of 32 partial strings per hash as garbage.
const hexSlice = (Buffer.prototype as unknown as { hexSlice?: (this: Uint8Array, start: number, end: number) => string }).hexSlice

export function hexOf(b: Uint8Array): string {
  if (hexSlice !== undefined) return '0x' + hexSlice.call(b, 0, b.length)
  if (b.length > 64) return '0x' + Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex')
  let s = '0x'
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!]
  return s
}

/** Parse hex with or without `0x`; throws on odd length or a non-hex digit. */
export function hexToBytes(h: string): Uint8Array {
  const s = h.startsWith('0x') || h.startsWith('0X') ? h.slice(2) : h
  if (s.length % 2 !== 0) throw new Error('hex string has odd length')
  if (!/^[0-9a-fA-F]*$/.test(s)) throw new Error('invalid hex string')
  return Uint8Array.from(Buffer.from(s, 'hex'))
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0
  for (const p of parts) len += p.length
  const out = new Uint8Array(len)
  let off = 0
  for (const p of parts) { out.set(p, off); off += p.length }
  return out
}

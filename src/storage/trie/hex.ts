// 0x-hex for node hashes. Node-store and newNodes keys are hex strings built for every stored or
// looked-up node; @polkadot/util's u8aToHex builds them by concatenation, leaving a rope that the
// Map then has to flatten, which costs more than the lookup itself. This writes the characters
// into a buffer and makes one flat string.
import { u8aToHex } from '@polkadot/util'

const CHARS = new Uint8Array(512)
for (let i = 0; i < 256; i++) {
  const s = i.toString(16).padStart(2, '0')
  CHARS[2 * i] = s.charCodeAt(0)
  CHARS[2 * i + 1] = s.charCodeAt(1)
}
const MAX_BYTES = 64
const out = Buffer.alloc(2 + 2 * MAX_BYTES)
out[0] = 0x30 // '0'
out[1] = 0x78 // 'x'

export function toHex(bytes: Uint8Array): string {
  const n = bytes.length
  if (n > MAX_BYTES) return u8aToHex(bytes)
  for (let i = 0, o = 2; i < n; i++, o += 2) {
    const c = bytes[i]! << 1
    out[o] = CHARS[c]!
    out[o + 1] = CHARS[c + 1]!
  }
  return out.toString('latin1', 0, 2 + 2 * n)
}

import { u8aToHex } from '@polkadot/util'
const CHARS = new Uint8Array(512)
for (let i = 0; i < 256; i++) { const s = i.toString(16).padStart(2, '0'); CHARS[2 * i] = s.charCodeAt(0); CHARS[2 * i + 1] = s.charCodeAt(1) }
const out = Buffer.allocUnsafe(130); out[0] = 0x30; out[1] = 0x78
function toHex(bytes: Uint8Array): string {
  const n = bytes.length
  for (let i = 0, o = 2; i < n; i++, o += 2) { const c = bytes[i]! << 1; out[o] = CHARS[c]!; out[o + 1] = CHARS[c + 1]! }
  return out.latin1Slice(0, 2 + 2 * n)
}
const N = 300000
const big = new Uint8Array(N * 40)
for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 13 & 255
const ks = Array.from({ length: N }, (_, i) => big.subarray(i * 40, i * 40 + 32))
const m = new Map<string, number>()
for (let i = 0; i < N; i++) m.set(u8aToHex(ks[i]!), i)
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now(); let s = 0
  for (let i = 0; i < N; i++) s += m.get(u8aToHex(ks[(i * 7919) % N]!))!
  console.log('u8aToHex+get', ((performance.now() - t) * 1000 / N).toFixed(3), 'us')
  t = performance.now()
  for (let i = 0; i < N; i++) s += m.get(toHex(ks[(i * 7919) % N]!))!
  console.log('toHex+get', ((performance.now() - t) * 1000 / N).toFixed(3), 'us')
  t = performance.now()
  for (let i = 0; i < N; i++) s += m.get('0x' + Buffer.from(ks[(i * 7919) % N]!.buffer, (i * 7919) % N * 40, 32).toString('hex'))!
  console.log('Buffer hex+get', ((performance.now() - t) * 1000 / N).toFixed(3), 'us')
}

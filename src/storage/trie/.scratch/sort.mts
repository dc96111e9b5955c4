import { u8aToHex } from '@polkadot/util'
let x = 12345
const r = (n: number) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n }
const rb = (len: number) => { const o = new Uint8Array(len); for (let i = 0; i < len; i++) o[i] = r(256); return o }
const keys: Uint8Array[] = []
const pre = rb(32)
for (let i = 0; i < 100000; i++) { const k = rb(32 + r(33)); if (i % 2) k.set(pre); keys.push(k) }
const dec = new TextDecoder('latin1')
for (let rep = 0; rep < 3; rep++) {
let t = performance.now()
const strs = keys.map((k) => Buffer.from(k.buffer, k.byteOffset, k.length).toString('latin1'))
console.log('latin1', performance.now() - t)
t = performance.now()
const m = new Map<string, number>(); strs.forEach((s, i) => m.set(s, i))
console.log('map', performance.now() - t)
t = performance.now()
const u = [...m.keys()]; u.sort()
console.log('native sort', performance.now() - t)
t = performance.now()
const idx = keys.map((_, i) => i)
idx.sort((a, b) => { const A = keys[a]!, B = keys[b]!; const n = Math.min(A.length, B.length); for (let i = 0; i < n; i++) { const d = A[i]! - B[i]!; if (d) return d } return A.length - B.length })
console.log('cmp sort', performance.now() - t)
t = performance.now()
const idx2 = keys.map((_, i) => i)
idx2.sort((a, b) => Buffer.compare(keys[a]!, keys[b]!))
console.log('Buffer.compare sort', performance.now() - t)
t = performance.now()
for (let i = 0; i < 100000; i++) u8aToHex(keys[i]!.subarray(0, 32))
console.log('u8aToHex x100k', performance.now() - t)
t = performance.now()
for (let i = 0; i < 100000; i++) Buffer.from(keys[i]!.buffer, keys[i]!.byteOffset, 32).toString('hex')
console.log('Buffer hex x100k', performance.now() - t)
t = performance.now()
for (let i = 0; i < 100000; i++) Buffer.from(keys[i]!.buffer, keys[i]!.byteOffset, 32).toString('latin1')
console.log('Buffer latin1 x100k', performance.now() - t)
}

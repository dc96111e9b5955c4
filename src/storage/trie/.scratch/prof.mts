import { trieRoot, trieHasherReady, buildTrie } from '../index.js'
await trieHasherReady()
let x = 12345
const r = (n: number) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n }
const rb = (len: number) => { const o = new Uint8Array(len); for (let i = 0; i < len; i++) o[i] = r(256); return o }
const e: [Uint8Array, Uint8Array][] = []
for (let i = 0; i < 100000; i++) e.push([rb(32 + r(33)), rb(4 + r(77))])
for (let k = 0; k < 5; k++) { const t = performance.now(); trieRoot(e); console.log('trieRoot', performance.now() - t) }
const t0 = performance.now(); e.slice().sort((a, b) => { const A=a[0],B=b[0]; const n = Math.min(A.length,B.length); for (let i=0;i<n;i++){const d=A[i]-B[i]; if(d) return d} return A.length-B.length }); console.log('sort', performance.now()-t0)

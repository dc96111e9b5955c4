import { trieRoot, trieHasherReady, buildTrie, applyChanges, MemoryNodeStore } from '../index.js'
await trieHasherReady()
let x = 12345
const r = (n: number) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n }
const rb = (len: number) => { const o = new Uint8Array(len); for (let i = 0; i < len; i++) o[i] = r(256); return o }
const e: [Uint8Array, Uint8Array][] = []
for (let i = 0; i < 100000; i++) e.push([rb(32 + r(33)), rb(4 + r(77))])
const mode = process.argv[2]
if (mode === 'a') for (let k = 0; k < 5; k++) { const t = performance.now(); trieRoot(e); console.log('trieRoot', performance.now() - t) }
const b = buildTrie(e); const store = new MemoryNodeStore(); store.put(b.nodes)
if (mode === 'b') {
  const ch: [Uint8Array, Uint8Array][] = []
  for (let i = 0; i < 50000; i++) ch.push([e[i * 2]![0], rb(8)])
  for (let i = 0; i < 50000; i++) ch.push([rb(40), rb(8)])
  for (let k = 0; k < 3; k++) { const t = performance.now(); applyChanges(store, b.root, ch); console.log('bulk', performance.now() - t) }
}
if (mode === 'c') {
  let root = b.root; const ts: number[] = []
  for (let blk = 0; blk < (Number(process.env.BLOCKS) || 3000); blk++) {
    const ch: [Uint8Array, Uint8Array][] = []
    for (let i = 0; i < 5; i++) ch.push([e[r(e.length)]![0], rb(8)])
    for (let i = 0; i < 5; i++) ch.push([rb(40), rb(8)])
    const t = performance.now(); const res = applyChanges(store, root, ch); ts.push(performance.now() - t)
    store.put(res.newNodes); root = res.root
  }
  ts.sort((a, b) => a - b); console.log('per block median', ts[ts.length >> 1], 'p95', ts[Math.floor(ts.length * 0.95)])
}

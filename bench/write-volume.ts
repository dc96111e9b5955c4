// LevelDB write volume of the started-subnets dev chain, counted at the KV as the commit queue
// hands its batches over: ops and bytes (key + value) per block by column (the key's first byte),
// trie node puts by encoded size, node puts of a hash put before (a node the store writes again),
// and the database folder's size at the end.
//
//   npx tsx bench/write-volume.ts [subnets=32] [blocks=1000]
import '../src/polyfill.js'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { keyString, type KV, type KvBatch } from '../src/storage/kv.js'
import { COL } from '../src/storage/schema.js'
import { openStartedChain } from './lib/started-chain.js'

const subnets = Number(process.argv[2] ?? 32)
const blocks = Number(process.argv[3] ?? 1_000)
const WARM_UP = 200

const { chain, producer, dir, close } = await openStartedChain(subnets, 'current', 'write-volume')
const kv = (chain.store as unknown as { kv: KV }).kv
const byColumn = new Map<string, { ops: number; bytes: number }>()
const nodeSizes = new Map<number, number>()
const nodesPut = new Set<string>()
let nodePutsAgain = 0
let batches = 0
let counting = false
function count(key: Uint8Array, value: Uint8Array | undefined): void {
  const column = String.fromCharCode(key[0]!)
  const c = byColumn.get(column) ?? { ops: 0, bytes: 0 }
  c.ops++
  c.bytes += key.length + (value === undefined ? 0 : value.length)
  byColumn.set(column, c)
  if (key[0] !== COL.node || value === undefined) return
  const bucket = Math.min(1024, 2 ** Math.ceil(Math.log2(value.length)))
  nodeSizes.set(bucket, (nodeSizes.get(bucket) ?? 0) + 1)
  const ks = keyString(key)
  if (nodesPut.has(ks)) nodePutsAgain++
  nodesPut.add(ks)
}
// The commit queue fills the KV's own batch op by op when it has one (LevelDB), else hands lists to
// `write`: both are counted.
const write = kv.write.bind(kv)
kv.write = (ops) => {
  if (counting) {
    batches++
    for (const op of ops) count(op.key, op.type === 'put' ? op.value : undefined)
  }
  return write(ops)
}
const makeBatch = kv.batch?.bind(kv)
if (makeBatch !== undefined) {
  kv.batch = (): KvBatch => {
    const inner = makeBatch()
    return {
      put: (key, value) => { if (counting) count(key, value); inner.put(key, value) },
      del: (key) => { if (counting) count(key, undefined); inner.del(key) },
      write: () => { if (counting) batches++; return inner.write() },
    }
  }
}
await producer.produceMany(WARM_UP)
await chain.store.flush()
counting = true
await producer.produceMany(blocks)
await chain.store.flush()

const per = (n: number): string => (n / blocks).toFixed(1)
let ops = 0
let bytes = 0
for (const [column, c] of [...byColumn].sort()) {
  ops += c.ops
  bytes += c.bytes
  console.log(`  '${column}': ${per(c.ops)} ops/block, ${(c.bytes / blocks / 1024).toFixed(2)} KiB/block`)
}
console.log(`${subnets} subnets, ${blocks} blocks after ${WARM_UP}: ${per(ops)} ops/block, ${(bytes / blocks / 1024).toFixed(2)} KiB/block, ${(batches / blocks).toFixed(2)} batches/block`)
console.log(`node puts of a hash put before (since the warm-up): ${per(nodePutsAgain)}/block`)
console.log(`node puts by encoded size (up to): ${[...nodeSizes].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s} B ${per(n)}`).join(', ')}`)
const size = readdirSync(dir).reduce((a, f) => a + statSync(join(dir, f)).size, 0)
console.log(`database folder ${(size / 1024 / 1024).toFixed(1)} MiB after ${WARM_UP + blocks} blocks`)
await close()
process.exit(0)

// What a run of empty blocks leaves retained, in process: a dev chain with `subnets` started
// subnets builds `warm` blocks, then two heap snapshots (after a full GC each) bracket `blocks`
// more; the objects of the second that the first did not have are what those blocks left alive
// (caches of recent blocks, trie nodes, state values). Printed per block, by object type and
// name, and by the nearest named retainer. Run with --expose-gc.
//
//   node --expose-gc --import tsx bench/retained-blocks.ts [subnets=4] [warm=1000] [blocks=200]
import '../src/polyfill.js'
import { Session } from 'node:inspector/promises'
import { openStartedChain } from './lib/started-chain.js'
import { printTop } from './lib/tally.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 4)
const warm = Number(pos[1] ?? 1_000)
const blocks = Number(pos[2] ?? 200)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')

interface Snapshot { fields: string[]; types: string[]; edgeFields: string[]; edgeTypes: string[]; nodes: number[]; edges: number[]; strings: string[] }

async function snapshot(session: Session): Promise<Snapshot> {
  const chunks: string[] = []
  const on = (m: { params: { chunk: string } }): void => { chunks.push(m.params.chunk) }
  session.on('HeapProfiler.addHeapSnapshotChunk', on)
  await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  session.off('HeapProfiler.addHeapSnapshotChunk', on)
  const j = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }; nodes: number[]; edges: number[]; strings: string[] }
  const m = j.snapshot.meta
  return { fields: m.node_fields, types: m.node_types[0], edgeFields: m.edge_fields, edgeTypes: m.edge_types[0], nodes: j.nodes, edges: j.edges, strings: j.strings }
}

const { producer, close } = await openStartedChain(subnets, 'current', 'retained')
try {
  await producer.produceMany(warm)
  const session = new Session()
  session.connect()
  gc()
  const a = await snapshot(session)
  const nf = a.fields.length
  const idAt = a.fields.indexOf('id')
  // Snapshot ids grow with allocation: an object newer than the first snapshot has a higher id.
  let maxId = 0
  // (native and synthetic nodes are numbered apart: only the heap's own objects count)
  const outside = new Set([a.types.indexOf('synthetic'), a.types.indexOf('native')])
  const typeAt = a.fields.indexOf('type')
  for (let i = 0; i < a.nodes.length; i += nf) if (!outside.has(a.nodes[i + typeAt]!) && a.nodes[i + idAt]! > maxId) maxId = a.nodes[i + idAt]!
  await producer.produceMany(blocks)
  gc()
  const b = await snapshot(session)
  const f = (k: string): number => b.fields.indexOf(k)
  const [T, N, I, S, E] = [f('type'), f('name'), f('id'), f('self_size'), f('edge_count')]
  const ef = b.edgeFields.length
  const [ET, EN, ETO] = [b.edgeFields.indexOf('type'), b.edgeFields.indexOf('name_or_index'), b.edgeFields.indexOf('to_node')]
  // Retainers: for each node (by index), the first retaining node index.
  const count = b.nodes.length / nf
  const retainer = new Int32Array(count).fill(-1)
  const retEdge = new Array<string>(count)
  let e = 0
  for (let n = 0; n < count; n++) {
    const ec = b.nodes[n * nf + E]!
    for (let k = 0; k < ec; k++, e += ef) {
      const to = b.edges[e + ETO]! / nf
      const et = b.edgeTypes[b.edges[e + ET]!]
      if (et === 'weak' || et === 'shortcut') continue
      if (retainer[to] === -1) { retainer[to] = n; retEdge[to] = et === 'element' || et === 'hidden' ? `[${b.edges[e + EN]}]` : b.strings[b.edges[e + EN]!]! }
    }
  }
  const byType = new Map<string, number>()
  const byRetainer = new Map<string, number>()
  let total = 0
  const isNew = new Uint8Array(count)
  const apart = new Set([b.types.indexOf('synthetic'), b.types.indexOf('native')])
  for (let n = 0; n < count; n++) if (!apart.has(b.nodes[n * nf + T]!) && b.nodes[n * nf + I]! > maxId) isNew[n] = 1
  const label = (n: number): string => `${b.types[b.nodes[n * nf + T]!]}:${b.strings[b.nodes[n * nf + N]!]!.slice(0, 40)}`
  for (let n = 0; n < count; n++) {
    if (!isNew[n]) continue
    const size = b.nodes[n * nf + S]!
    total += size
    const k = label(n)
    byType.set(k, (byType.get(k) ?? 0) + size)
    // Walk up through new objects to the first old (pre-existing) retainer: the structure that grew.
    let r = n
    let path = ''
    for (let hops = 0; hops < 12 && retainer[r]! >= 0 && isNew[r]; hops++) { path = `.${retEdge[r]}${path}`; r = retainer[r]! }
    const rk = `${label(r)}${path.split('.').slice(0, 3).join('.')}`
    byRetainer.set(rk, (byRetainer.get(rk) ?? 0) + size)
  }
  // The largest new objects, with their retaining path (any age) up a few steps.
  const big = [...Array(count).keys()].filter((n) => isNew[n]).sort((x, y) => b.nodes[y * nf + S]! - b.nodes[x * nf + S]!).slice(0, 3)
  for (const n of big) {
    let r = n
    const path: string[] = []
    for (let hops = 0; hops < 8 && r >= 0; hops++) { path.push(`${label(r)}(${b.nodes[r * nf + S]})<-${retEdge[r]}`); r = retainer[r]! }
    console.log('largest: ' + path.join(' '))
  }
  const kb = (x: number): string => `${(x / blocks / 1024).toFixed(2).padStart(7)} KB/block`
  console.log(`${subnets} subnets: ${blocks} blocks after ${warm} left ${kb(total)} retained (after a full GC)`)
  console.log('-- by type:name')
  printTop(byType, 25, kb)
  console.log('-- by the pre-existing object that retains them')
  printTop(byRetainer, 30, kb)
} finally {
  await close()
}
process.exit(0)

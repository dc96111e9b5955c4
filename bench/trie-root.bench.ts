// Trie benchmarks: root from scratch, bulk incremental update, and the per-block case of a few
// changed keys on a large persisted trie. Standalone: npx tsx bench/trie-root.bench.ts
// (c) uses a 1M-key trie (~11 s setup, ~1.8 GB RSS); TRIE_BENCH_BIG=100000 or run({ bigKeys })
// for a smaller one.
import { pathToFileURL } from 'node:url'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { blake2b } from '@polkadot/wasm-crypto'
import { applyChanges, buildTrie, MemoryNodeStore, TrieCache, trieHasherReady, trieRoot } from '../src/storage/trie/index.js'

interface Figure {
  name: string
  value: number
  unit: string
}

type Entry = [Uint8Array, Uint8Array]

/** Deterministic xorshift PRNG so runs are comparable. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1
  return (n) => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x % n
  }
}

function randomBytes(r: (n: number) => number, len: number): Uint8Array {
  const out = new Uint8Array(len)
  for (let i = 0; i < len; i++) out[i] = r(256)
  return out
}

function randomEntries(r: (n: number) => number, count: number): Entry[] {
  const out: Entry[] = []
  for (let i = 0; i < count; i++) out.push([randomBytes(r, 32 + r(33)), randomBytes(r, 4 + r(77))])
  return out
}

function time(fn: () => void): number {
  const t = performance.now()
  fn()
  return performance.now() - t
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]!
}

export async function run(options: { bigKeys?: number } = {}): Promise<Figure[]> {
  await trieHasherReady()
  const figures: Figure[] = []
  const r = rng(0x5eed)

  // Hash primitive comparison on a typical branch-node size.
  const sample = randomBytes(r, 200)
  const noKey = new Uint8Array(0)
  const N = 100_000
  for (let i = 0; i < 2000; i++) blake2b(sample, noKey, 32)
  figures.push({ name: 'blake2-256 200 B, wasm-crypto blake2b', value: (time(() => { for (let i = 0; i < N; i++) blake2b(sample, noKey, 32) }) * 1000) / N, unit: 'us' })
  figures.push({ name: 'blake2-256 200 B, util-crypto blake2AsU8a', value: (time(() => { for (let i = 0; i < N; i++) blake2AsU8a(sample, 256) }) * 1000) / N, unit: 'us' })

  // (a) root from scratch over 100k entries.
  const base = randomEntries(r, 100_000)
  trieRoot(base.slice(0, 5000)) // warm-up
  const rootTimes = [0, 1, 2].map(() => time(() => trieRoot(base)))
  figures.push({ name: '(a) trieRoot, 100k random keys', value: median(rootTimes), unit: 'ms' })

  // (b) 100k changed keys (half overwrites, half new) onto a persisted 100k-key trie.
  const built = buildTrie(base)
  const store = new MemoryNodeStore()
  store.put(built.nodes)
  const changes: Entry[] = []
  for (let i = 0; i < 50_000; i++) changes.push([base[i * 2]![0], randomBytes(r, 4 + r(77))])
  changes.push(...randomEntries(r, 50_000))
  let bulkNodes = 0
  const bulk = time(() => {
    bulkNodes = applyChanges(store, built.root, changes).newNodes.size
  })
  figures.push({ name: '(b) applyChanges, 100k changes onto 100k-key trie', value: bulk, unit: 'ms' })
  figures.push({ name: '(b) new nodes written', value: bulkNodes, unit: 'nodes' })

  // (c) per-block: 10 changed keys onto a large persisted trie.
  const bigCount = options.bigKeys ?? Number(process.env.TRIE_BENCH_BIG ?? 1_000_000)
  const bigEntries = bigCount === base.length ? base : [...base, ...randomEntries(r, bigCount - base.length)]
  let bigStore: MemoryNodeStore
  let bigRoot: Uint8Array
  const buildMs = time(() => {
    const b = buildTrie(bigEntries)
    bigStore = new MemoryNodeStore()
    bigStore.put(b.nodes)
    bigRoot = b.root
  })
  figures.push({ name: `(c) setup: buildTrie + store, ${bigCount / 1000}k keys`, value: buildMs, unit: 'ms' })
  for (const withCache of [false, true]) {
    const cache = withCache ? new TrieCache() : undefined
    const label = withCache ? ' + TrieCache' : ''
    const perBlock: number[] = []
    let root = bigRoot!
    for (let block = 0; block < 400; block++) {
      const blockChanges: Entry[] = []
      for (let i = 0; i < 5; i++) blockChanges.push([bigEntries[r(bigEntries.length)]![0], randomBytes(r, 4 + r(77))])
      for (let i = 0; i < 5; i++) blockChanges.push([randomBytes(r, 32 + r(33)), randomBytes(r, 4 + r(77))])
      let res!: ReturnType<typeof applyChanges>
      const t = time(() => {
        res = applyChanges(bigStore!, root, blockChanges, 1, cache)
      })
      bigStore!.put(res.newNodes)
      root = res.root
      if (block >= 100) perBlock.push(t)
    }
    const sorted = [...perBlock].sort((a, b) => a - b)
    figures.push({ name: `(c) applyChanges${label}, 10 keys onto ${bigCount / 1000}k-key trie, median`, value: median(perBlock), unit: 'ms' })
    figures.push({ name: `(c) applyChanges${label}, same, p95`, value: sorted[Math.floor(sorted.length * 0.95)]!, unit: 'ms' })
  }
  return figures
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await run()
  const width = Math.max(...figures.map((f) => f.name.length))
  for (const f of figures) console.log(`${f.name.padEnd(width)}  ${f.value.toFixed(f.unit === 'nodes' ? 0 : 3).padStart(12)} ${f.unit}`)
}

// Block-store throughput on a real LevelDB: committing small blocks (header ~115 B, 3–10 new trie
// nodes of ~100 B, made best and finalized) and reading trie nodes back.
// Run: npx tsx bench/block-store.bench.ts
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util'
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto'
import { BlockStore, type BlockStoreOptions, type CommitBlockInput } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'

export interface BenchResult { name: string; value: number; unit: string }

const blake2 = (b: Uint8Array): Uint8Array => blake2AsU8a(b, 256)

/** Blocks are built before timing so that only the store is measured. */
function buildChain(count: number, genesis: { hash: Uint8Array }): CommitBlockInput[] {
  const out: CommitBlockInput[] = []
  let parent = genesis.hash
  for (let number = 1; number <= count; number++) {
    const trieNodes = new Map<string, Uint8Array>()
    const n = 3 + (number * 7919) % 8
    for (let i = 0; i < n; i++) {
      const node = new Uint8Array(randomBytes(100))
      trieNodes.set(u8aToHex(blake2(node)), node)
    }
    const stateRoot = blake2(Uint8Array.of(number, number >> 8, number >> 16))
    const digest = u8aConcat(compactToU8a(1), [6], [0x61, 0x75, 0x72, 0x61], compactToU8a(8), new Uint8Array(8).fill(number & 0xff))
    const header = u8aConcat(parent, compactToU8a(number), stateRoot, new Uint8Array(32), digest)
    const hash = blake2(header)
    out.push({ hash, header, body: [new Uint8Array(10).fill(1)], number, parentHash: parent, stateRoot, trieNodes })
    parent = hash
  }
  return out
}

async function withStore<T>(fn: (store: BlockStore, chain: CommitBlockInput[]) => Promise<T>, count: number, opts: BlockStoreOptions = {}): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'block-store-bench-'))
  try {
    const store = await BlockStore.open(await openLevelKV(dir), opts)
    const genesisHeader = new Uint8Array(115).fill(7)
    const genesis = { hash: blake2(genesisHeader), header: genesisHeader, stateRoot: new Uint8Array(32), trieNodes: new Map() }
    await store.initGenesis(genesis)
    const chain = buildChain(count, genesis)
    const r = await fn(store, chain)
    await store.close()
    return r
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000)

export async function run(): Promise<BenchResult[]> {
  await cryptoWaitReady()
  const N = 10_000
  const results: BenchResult[] = []

  // Warm-up (JIT, allocator, LevelDB code paths); not reported.
  await withStore(async (store, chain) => {
    for (const b of chain) await store.commitBlock({ ...b, setBest: true, setFinalized: true })
  }, 3_000)

  // 1. Every commit awaited (durable before the next block starts), best+finalized flags on the block.
  results.push(await withStore(async (store, chain) => {
    const t = performance.now()
    for (const b of chain) await store.commitBlock({ ...b, setBest: true, setFinalized: true })
    return { name: 'block-store: commit awaited, best+finalized in the block batch', value: rate(chain.length, performance.now() - t), unit: 'blocks/s' }
  }, N))

  // 2. Three batches per block: commit, then setBest, then setFinalized, each awaited.
  results.push(await withStore(async (store, chain) => {
    const t = performance.now()
    for (const b of chain) {
      await store.commitBlock(b)
      await store.setBest(b.hash)
      await store.setFinalized(b.hash)
    }
    return { name: 'block-store: commit + setBest + setFinalized, 3 awaited batches', value: rate(chain.length, performance.now() - t), unit: 'blocks/s' }
  }, N))

  // 3. Pipelined: the producer runs ahead of the disk and waits only when `depth` blocks are in
  //    flight; blocks committed meanwhile share one batch (group commit).
  for (const depth of [4, 64]) {
    results.push(await withStore(async (store, chain) => {
      const t = performance.now()
      const inflight: Promise<void>[] = []
      for (const b of chain) {
        inflight.push(store.commitBlock({ ...b, setBest: true, setFinalized: true }))
        if (inflight.length >= depth) await inflight.shift()
      }
      await store.flush()
      return { name: `block-store: commit pipelined (≤${depth} in flight), best+finalized`, value: rate(chain.length, performance.now() - t), unit: 'blocks/s' }
    }, N))
  }

  // 4. Finality lagging two blocks behind best, as with a GRANDPA-like gadget.
  results.push(await withStore(async (store, chain) => {
    const t = performance.now()
    for (const [i, b] of chain.entries()) {
      await store.commitBlock({ ...b, setBest: true })
      if (i >= 2) await store.setFinalized(chain[i - 2]!.hash)
    }
    return { name: 'block-store: commit awaited + setFinalized(best-2)', value: rate(chain.length, performance.now() - t), unit: 'blocks/s' }
  }, N))

  // 5. Node reads with a 1,000-node cache: the newest nodes (the best block's window, in memory),
  //    and the oldest blocks' nodes through their state roots (their windows read from their
  //    packs on disk, a few blocks' packs each: these made-up nodes are no trie for a checkpoint).
  results.push(...await withStore(async (store, chain) => {
    for (const b of chain) void store.commitBlock({ ...b, setBest: true })
    await store.flush()
    const recent = chain.slice(-10).flatMap((b) => [...b.trieNodes.keys()].map((h) => hexToU8a(h)))
    let t = performance.now()
    let found = 0
    for (let r = 0; r < 100; r++) for (const h of recent) if (store.getNode(h)) found++
    const hit = rate(found, performance.now() - t)
    if (found !== 100 * recent.length) throw new Error('bench: missing nodes')
    const old = chain.slice(0, 300).flatMap((b) => [...b.trieNodes.keys()].map((h) => [hexToU8a(h), b.stateRoot] as const))
    t = performance.now()
    found = 0
    for (const [h, root] of old) if (store.getNode(h, root)) found++
    const miss = rate(found, performance.now() - t)
    if (found !== old.length) throw new Error('bench: missing nodes')
    return [
      { name: 'block-store: getNode, best state (in memory)', value: hit, unit: 'reads/s' },
      { name: 'block-store: getNode, old states (windows read from packs)', value: miss, unit: 'reads/s' },
    ]
  }, N, { nodeCacheSize: 1_000 }))

  return results
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run()
  const w = Math.max(...results.map((r) => r.name.length))
  console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(10)}  unit`)
  for (const r of results) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(10)}  ${r.unit}`)
}

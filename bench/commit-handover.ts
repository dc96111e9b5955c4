// The block store's commit path on a real LevelDB as the producer drives it: blocks of `nodes`
// new trie nodes (a TrieNodeSet of 32-byte hashes, ~100-byte nodes, as the 32-subnet dev chain's
// ~115) committed back to back, with a yield to the event loop every `every` blocks (the
// producer's 5 ms: the commit queue hands its batch to LevelDB then). Prints the main thread's
// time per block in the commits and in the yields (means, and medians, which a cost paid in only
// some yields escapes), and the process's CPU time per block (LevelDB's threads included, the same
// work for any version of this path: a difference is the main thread's), without any runtime work.
//
//   npx tsx bench/commit-handover.ts [rounds=2000] [nodes=115] [every=5]
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compactToU8a, u8aConcat } from '@polkadot/util'
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { TrieNodeSet } from '../src/storage/trie/node-set.js'

const rounds = Number(process.argv[2] ?? 2_000)
const nodeCount = Number(process.argv[3] ?? 115)
const every = Number(process.argv[4] ?? 5)

await cryptoWaitReady()
const blake2 = (b: Uint8Array): Uint8Array => blake2AsU8a(b, 256)
const dir = mkdtempSync(join(tmpdir(), 'commit-handover-'))
const store = await BlockStore.open(await openLevelKV(dir))
const genesisRoot = blake2(Uint8Array.of(0))
const genesisHeader = u8aConcat(new Uint8Array(32), compactToU8a(0), genesisRoot, new Uint8Array(32), compactToU8a(0))
let parent = blake2(genesisHeader)
await store.initGenesis({ hash: parent, header: genesisHeader, body: [], stateRoot: genesisRoot, trieNodes: new Map() })

// Node bytes from one random pool (the hashes are what matter to the store): made before timing.
const pool = new Uint8Array(randomBytes(1 << 20))
let number = 0
function nextBlock(): Parameters<BlockStore['commitBlock']>[0] {
  number++
  const trieNodes = new TrieNodeSet()
  for (let i = 0; i < nodeCount; i++) {
    const at = (number * 7919 + i * 104729) % (pool.length - 160)
    const node = pool.slice(at, at + 60 + (i % 100))
    node[0] = number & 0xff; node[1] = (number >> 8) & 0xff; node[2] = number >> 16; node[3] = i
    trieNodes.add(blake2(node), node)
  }
  const stateRoot = trieNodes.hashes[0]!
  const header = u8aConcat(parent, compactToU8a(number), stateRoot, new Uint8Array(32), compactToU8a(0))
  const hash = blake2(header)
  const b = { hash, header, body: [], number, parentHash: parent, stateRoot, trieNodes, setBest: true, setFinalized: true }
  parent = hash
  return b
}

const commitUs: number[] = []
const yieldUs: number[] = []
try {
  let last: Promise<void> = Promise.resolve()
  const skip = Math.floor(rounds / 10)
  let cpu0 = process.cpuUsage()
  for (let r = 0; r < rounds; r++) {
    if (r === skip) cpu0 = process.cpuUsage()
    const blocks = Array.from({ length: every }, nextBlock)
    const t0 = performance.now()
    for (const b of blocks) last = store.commitBlock(b)
    const t1 = performance.now()
    await new Promise<void>((res) => setImmediate(res))
    const t2 = performance.now()
    commitUs.push(((t1 - t0) * 1000) / every)
    yieldUs.push(((t2 - t1) * 1000) / every)
  }
  await last
  const cpu = process.cpuUsage(cpu0)
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
  const c = commitUs.slice(skip)
  const y = yieldUs.slice(skip)
  const blocks = (rounds - skip) * every
  console.log(`${nodeCount} nodes a block, a yield every ${every} blocks, ${rounds - skip} rounds: per block, commits mean ${mean(c).toFixed(1)} / median ${median(c).toFixed(1)} µs, yields mean ${mean(y).toFixed(1)} / median ${median(y).toFixed(1)} µs; process CPU ${((cpu.user + cpu.system) / blocks).toFixed(1)} µs`)
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}

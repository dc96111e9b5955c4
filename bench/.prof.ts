import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { u8aToHex, compactToU8a, u8aConcat } from '@polkadot/util'
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto'
import { BlockStore, type CommitBlockInput } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
await cryptoWaitReady()
const blake2 = (b: Uint8Array) => blake2AsU8a(b, 256)
const mode = process.argv[2] ?? 'await'
const dir = await mkdtemp(join(tmpdir(), 'bsp-'))
const store = await BlockStore.open(await openLevelKV(dir))
const gh = new Uint8Array(115).fill(7)
await store.initGenesis({ hash: blake2(gh), header: gh, stateRoot: new Uint8Array(32), trieNodes: new Map() })
let t = performance.now()
const chain: CommitBlockInput[] = []
let parent = blake2(gh)
const crypto = await import('node:crypto')
for (let number = 1; number <= 20000; number++) {
  const trieNodes = new Map<string, Uint8Array>()
  for (let i = 0; i < 6; i++) { const node = new Uint8Array(crypto.randomBytes(100)); trieNodes.set(u8aToHex(blake2(node)), node) }
  const stateRoot = blake2(Uint8Array.of(number, number >> 8))
  const header = u8aConcat(parent, compactToU8a(number), stateRoot, new Uint8Array(32), new Uint8Array(16))
  const hash = blake2(header)
  chain.push({ hash, header, body: [new Uint8Array(10)], number, parentHash: parent, stateRoot, trieNodes, setBest: true, setFinalized: true })
  parent = hash
}
console.log('build', performance.now() - t)
t = performance.now()
if (mode === 'await') for (const b of chain) await store.commitBlock(b)
else { for (const b of chain) void store.commitBlock(b); await store.flush() }
console.log(mode, Math.round(20000 / (performance.now() - t) * 1000), 'blocks/s')
await store.close()

import { u8aToHex, compactToU8a, u8aConcat } from '@polkadot/util'
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto'
import { BlockStore, type CommitBlockInput } from '../src/storage/block-store.js'
import { MemoryKV } from '../src/storage/memory.js'
import type { KvOp } from '../src/storage/kv.js'
await cryptoWaitReady()
class NullKV extends MemoryKV { override async write(_ops: KvOp[]) {} }
const blake2 = (b: Uint8Array) => blake2AsU8a(b, 256)
const kv = new MemoryKV()
const store = await BlockStore.open(kv)
const gh = new Uint8Array(115).fill(7)
await store.initGenesis({ hash: blake2(gh), header: gh, stateRoot: new Uint8Array(32), trieNodes: new Map() })

const chain: CommitBlockInput[] = []
let parent = blake2(gh)
const crypto = await import('node:crypto')
for (let number = 1; number <= Number(process.env.N ?? 50000); number++) {
  const trieNodes = new Map<string, Uint8Array>()
  for (let i = 0; i < 6; i++) { const node = new Uint8Array(crypto.randomBytes(100)); trieNodes.set(u8aToHex(blake2(node)), node) }
  const stateRoot = blake2(Uint8Array.of(number, number >> 8))
  const header = u8aConcat(parent, compactToU8a(number), stateRoot, new Uint8Array(32), new Uint8Array(16))
  const hash = blake2(header)
  chain.push({ hash, header, body: [new Uint8Array(10)], number, parentHash: parent, stateRoot, trieNodes, setBest: true, setFinalized: true })
  parent = hash
}
const t = performance.now()
for (const b of chain) await store.commitBlock(b)
console.log('JS-only commit path', ((performance.now() - t) / chain.length * 1000).toFixed(1), 'µs/block')
void NullKV

// Acceptance (#14): a peer that gossips a block with a bad state root, or with a seal that is not
// the slot author's, is rejected and banned; the honest authorities keep finalizing.
// The misbehaving peers are libp2p hosts in this test process, speaking the node's protocols.
import { randomBytes } from 'node:crypto'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hexOf, hexToBytes } from '../../src/codec/bytes.js'
import { blake2_256 } from '../../src/codec/hashing.js'
import { encode } from '../../src/codec/scale.js'
import { devAuthority } from '../../src/node/keys.js'
import { createHost, type Host } from '../../src/p2p/host.js'
import { topicName } from '../../src/p2p/topics.js'
import { BlockData } from '../../src/p2p/wire.js'
import { Header, type HeaderValue } from '../../src/frame/primitives.js'
import { Runtime } from '../../src/runtime/runtime.js'
import { orderedTrieRoot } from '../../src/storage/trie/index.js'
import { allFinalized, finalizedOf, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let nodes: NetNode[] = []
const hosts: Host[] = []
let runtime: Runtime

beforeAll(async () => {
  runtime = await Runtime.get()
  const alice = await startNetNode({ who: 'alice', keyByte: 41 })
  const others = await Promise.all(['bob', 'charlie'].map((who, i) => startNetNode({ who, keyByte: 42 + i, bootnodes: [alice.addr] })))
  nodes = [alice, ...others]
  await waitFor('finality of #3 everywhere', () => allFinalized(nodes, 3), 180_000)
}, 240_000)

afterAll(async () => {
  await Promise.all(hosts.map((h) => h.stop()))
  await stopAll(nodes)
})

/** A libp2p peer connected to `target`, subscribed to the blocks topic. */
async function evilPeer(target: NetNode, topic: string): Promise<Host> {
  const host = await createHost({
    nodeKey: new Uint8Array(randomBytes(32)), listen: ['/ip4/127.0.0.1/tcp/0'], announce: [], bootnodes: [], reserved: [],
    reservedOnly: false, inPeers: 8, outPeers: 8, isBanned: () => false,
  }, new Set())
  hosts.push(host)
  await host.start()
  host.services.pubsub.subscribe(topic)
  await host.dial(multiaddr(target.addr))
  await waitFor('the node\'s subscription', async () => host.services.pubsub.getSubscribers(topic).some((p) => p.toString() === target.peerId), 30_000)
  return host
}

/** A child of `target`'s best block in one of Alice's slots, sealed by `sealer`, with a made-up state root. */
async function badBlock(target: NetNode, sealer: string): Promise<{ data: Uint8Array; hash: string }> {
  // Build on the newest head, in Alice's next slot (author = slot mod 3): nodes refuse blocks from
  // more than two slots ahead, and blocks at or below the finalized height.
  for (;;) {
    const now = BigInt(Math.floor(Date.now() / 1000))
    let slot = now
    while (slot % 3n !== 0n) slot++
    if (slot > now + 1n) { await new Promise((r) => setTimeout(r, 200)); continue }
    const best = await target.rpc<{ number: string; digest: { logs: string[] } }>('chain_getHeader')
    const number = Number(best.number)
    const parentHash = await target.rpc<string>('chain_getBlockHash', [number])
    // PreRuntime(aura, slot): 0x06 ‖ "aura" ‖ compact(8) ‖ slot (u64 LE).
    const pre = best.digest.logs.find((l) => l.startsWith('0x066175726120'))!
    const parentSlot = new DataView(hexToBytes(pre).buffer).getBigUint64(6, true)
    if (slot <= parentSlot) { await new Promise((r) => setTimeout(r, 200)); continue }
    return sealedChild(parentHash, number, slot, sealer)
  }
}

function sealedChild(parentHash: string, number: number, slot: bigint, sealer: string): { data: Uint8Array; hash: string } {
  const body = [runtime.timestampInherent(slot * 1000n)]
  const header: HeaderValue = {
    parent_hash: hexToBytes(parentHash), number: number + 1, state_root: new Uint8Array(randomBytes(32)),
    extrinsics_root: orderedTrieRoot(body), digest: { logs: [runtime.auraPreDigest(slot)] },
  }
  const signature = devAuthority(sealer).sign(blake2_256(encode(Header, header)))
  header.digest.logs.push(runtime.auraSeal(signature))
  const headerBytes = encode(Header, header)
  return { data: encode(BlockData, { header: headerBytes, body, justification: null }), hash: hexOf(blake2_256(headerBytes)) }
}

interface NetState { bannedPeers: { peerId: string; reason: string }[]; connectedPeers: Record<string, unknown> }

describe('peers that gossip bad blocks', () => {
  for (const [what, sealer, reason] of [['a bad state root', 'alice', 'state root mismatch'], ['a bad seal', 'bob', 'bad seal']] as const) {
    it(`are banned for ${what}; the honest nodes keep finalizing`, async () => {
      const [alice] = nodes as [NetNode]
      const genesis = hexToBytes(await alice.rpc<string>('chain_getBlockHash', [0]))
      const topic = topicName('blocks', genesis)
      const evil = await evilPeer(alice, topic)
      const evilId = evil.peerId.toString()
      const block = await badBlock(alice, sealer)
      const finBefore = (await finalizedOf(alice)).number
      const sent = await evil.services.pubsub.publish(topic, block.data)
      expect(sent.recipients.map(String)).toContain(alice.peerId)
      const ban = await waitFor('the ban', async () => (await alice.rpc<NetState>('system_networkState')).bannedPeers.find((b) => b.peerId === evilId), 60_000)
      expect(ban.reason).toContain(reason)

      await waitFor('the evil peer to be disconnected', async () => !Object.keys((await alice.rpc<NetState>('system_networkState')).connectedPeers).includes(evilId), 30_000)
      // The bad block went nowhere.
      for (const n of nodes) expect(await n.rpc('chain_getBlock', [block.hash])).toBeNull()
      // Redialling is refused while the ban lasts.
      await evil.dial(multiaddr(alice.addr)).catch(() => undefined)
      await new Promise((r) => setTimeout(r, 1500))
      expect(Object.keys((await alice.rpc<NetState>('system_networkState')).connectedPeers)).not.toContain(evilId)
      await waitFor('finality to go on', () => allFinalized(nodes, finBefore + 3), 120_000)
    }, 240_000)
  }
})

// The libp2p host: TCP, noise, yamux, identify, ping, bootstrap, mDNS (--discover-local) and
// gossipsub, with the node key as identity. Reserved peers are kept connected; --reserved-only refuses everyone else;
// --in-peers / --out-peers cap the two directions (reserved peers do not count), and banned
// peers are refused at the connection gate.
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bootstrap } from '@libp2p/bootstrap'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { gossipsub, type GossipSub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { mdns } from '@libp2p/mdns'
import type { Connection, Libp2p, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { concatBytes } from '../codec/bytes.js'
import { blake2_256 } from '../codec/hashing.js'
import type { PeerSetOptions } from './network.js'

/** The peer-set flags the host itself acts on (the rest of PeerSetOptions is the network's). */
export interface HostOptions extends Pick<PeerSetOptions, 'bootnodes' | 'reserved' | 'reservedOnly' | 'inPeers' | 'outPeers' | 'discoverLocal'> {
  /** The 32-byte Ed25519 secret of chains/<id>/network/secret_ed25519. */
  nodeKey: Uint8Array
  listen: string[]
  /** --public-addr: what identify tells others to dial. */
  announce: string[]
  isBanned(peer: string): boolean
}

export type Host = Libp2p<{ identify: unknown; ping: unknown; pubsub: GossipSub }>

/** Parse `/ip4/…/tcp/…/p2p/<id>`; throws with the address when it is not a dialable peer address. */
export function peerAddress(addr: string): { ma: Multiaddr; peer: string } {
  let ma: Multiaddr
  try {
    ma = multiaddr(addr)
  } catch (e) {
    throw new Error(`invalid multiaddress ${addr}: ${(e as Error).message}`)
  }
  const peer = ma.getComponents().find((c) => c.name === 'p2p')?.value
  if (!peer) throw new Error(`multiaddress ${addr} has no /p2p/<peer id>`)
  peerIdFromString(peer)
  return { ma, peer }
}

export async function createHost(o: HostOptions, reserved: Set<string>): Promise<Host> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', o.nodeKey)
  const allowed = (peer: PeerId): boolean => {
    const id = peer.toString()
    if (o.isBanned(id)) return false
    return !o.reservedOnly || reserved.has(id)
  }
  const host = await createLibp2p({
    privateKey,
    addresses: { listen: o.listen, announce: o.announce },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: {
      // Loopback and private addresses are what private testnets use.
      denyDialMultiaddr: () => false,
      denyDialPeer: (peer) => !allowed(peer),
      denyInboundEncryptedConnection: (peer) => !allowed(peer),
      denyOutboundEncryptedConnection: (peer) => !allowed(peer),
    },
    connectionManager: { maxConnections: o.inPeers + o.outPeers + reserved.size + 4 },
    peerDiscovery: [
      ...(o.bootnodes.length > 0 ? [bootstrap({ list: o.bootnodes, timeout: 100 })] : []),
      // A query every 2 s so nodes started together find each other quickly (mDNS default: 10 s).
      ...(o.discoverLocal === true ? [mdns({ interval: 2000 })] : []),
    ],
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        // Messages are identified by their content: a transaction or block heard from two
        // peers is one message. Unsigned, because blocks and votes carry their own signatures.
        globalSignaturePolicy: 'StrictNoSign',
        msgIdFn: (m) => blake2_256(concatBytes(new TextEncoder().encode(m.topic), m.data)),
        allowPublishToZeroTopicPeers: true,
        ignoreDuplicatePublishError: true,
        emitSelf: false,
        heartbeatInterval: 700,
        D: 4, Dlo: 2, Dhi: 8,
      }),
    },
  }) as unknown as Host
  enforcePeerLimits(host, o, reserved)
  return host
}

/** Close connections beyond --in-peers / --out-peers (reserved peers exempt). */
function enforcePeerLimits(host: Host, o: HostOptions, reserved: Set<string>): void {
  host.addEventListener('connection:open', (e) => {
    const conn: Connection = e.detail
    const id = conn.remotePeer.toString()
    if (reserved.has(id)) return
    const dir = conn.direction
    const limit = dir === 'inbound' ? o.inPeers : o.outPeers
    const peers = new Set<string>()
    for (const c of host.getConnections()) {
      const p = c.remotePeer.toString()
      if (c.direction === dir && !reserved.has(p) && p !== id) peers.add(p)
    }
    if (peers.size >= limit) void conn.close().catch(() => {})
  })
}

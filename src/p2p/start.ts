// From the node's network flags to a running Network: listen addresses, the GRANDPA voter key
// of a dev authority, and log lines as Substrate prints them.
import type { Logger } from 'pino'
import { devPair } from '../node/keys.js'
import { Network, type NetworkDeps, type PeerSetOptions } from './network.js'
import type { GrandpaVoter } from './finality.js'

export interface NetworkFlags extends PeerSetOptions {
  /** --port (30333); ignored when listenAddrs are given. */
  port: number
  listenAddrs: string[]
}

/** The ed25519 GRANDPA key of a dev authority (`--alice` …). */
export function devVoter(name: string): GrandpaVoter {
  const pair = devPair(name, 'ed25519')
  return { publicKey: pair.publicKey, sign: (m) => pair.sign(m) }
}

export async function startNetwork(deps: NetworkDeps, f: NetworkFlags, nodeKey: Uint8Array, authority: string | undefined, log?: Logger): Promise<Network> {
  const listen = f.listenAddrs.length > 0 ? f.listenAddrs : [`/ip4/0.0.0.0/tcp/${f.port}`]
  const net = new Network(deps, {
    nodeKey, listen, publicAddrs: f.publicAddrs, bootnodes: f.bootnodes, reserved: f.reserved, reservedOnly: f.reservedOnly,
    inPeers: f.inPeers, outPeers: f.outPeers, authority: authority !== undefined,
    voter: authority ? devVoter(authority) : undefined,
    banMs: f.banMs,
    log: (level, msg) => log?.[level](msg),
  })
  await net.start()
  log?.info(`🏷  Local node identity is: ${net.peerId}`)
  for (const a of net.listenAddresses()) log?.info(`🔍 Discovered new external address for our node: ${a}`)
  return net
}

// From the node's network flags to a running Network: listen addresses, the GRANDPA voter key
// from the keystore, and log lines as Substrate prints them.
import type { Logger } from 'pino'
import type { Keystore } from '../node/keystore.js'
import { Network, type NetworkDeps, type PeerSetOptions } from './network.js'
import type { GrandpaVoter } from './finality.js'

export interface NetworkFlags extends PeerSetOptions {
  /** --port (30333); ignored when listenAddrs are given. */
  port: number
  listenAddrs: string[]
}

/** The node's role: an authority votes with the `gran` key of the voter set its keystore holds. */
export interface NetworkRole { authority: boolean; keystore: Keystore }

export async function startNetwork(deps: NetworkDeps, f: NetworkFlags, nodeKey: Uint8Array, role: NetworkRole, log?: Logger): Promise<Network> {
  const listen = f.listenAddrs.length > 0 ? f.listenAddrs : [`/ip4/0.0.0.0/tcp/${f.port}`]
  const net = new Network(deps, {
    nodeKey, listen, publicAddrs: f.publicAddrs, bootnodes: f.bootnodes, reserved: f.reserved, reservedOnly: f.reservedOnly,
    inPeers: f.inPeers, outPeers: f.outPeers, discoverLocal: f.discoverLocal, authority: role.authority,
    voter: role.authority ? (ids: Uint8Array[]): GrandpaVoter | undefined => role.keystore.signerAmong('gran', ids) : undefined,
    banMs: f.banMs,
    log: (level, msg) => log?.[level](msg),
  })
  await net.start()
  log?.info(`🏷  Local node identity is: ${net.peerId}`)
  for (const a of net.listenAddresses()) log?.info(`🔍 Discovered new external address for our node: ${a}`)
  return net
}

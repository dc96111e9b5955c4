// Acceptance (#14): --discover-local. Two nodes on 127.0.0.1, neither given a bootnode, find each
// other with mDNS, connect, and the full node follows the authority's chain.
import { afterAll, describe, expect, it } from 'vitest'
import { bestOf, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let nodes: NetNode[] = []
afterAll(async () => { await stopAll(nodes) })

/** Alice authors her slots of local.json alone (no finality needed here): the full node has a chain to follow. */
const CHAIN = 'local'

describe('--discover-local', () => {
  it('two nodes without bootnodes find each other over mDNS and share one chain', async () => {
    const [a, b] = await Promise.all([
      startNetNode({ who: 'alice', keyByte: 51, chain: CHAIN, extra: ['--discover-local'] }),
      startNetNode({ keyByte: 52, chain: CHAIN, extra: ['--discover-local'] }),
    ])
    nodes = [a, b]
    await waitFor('the nodes to connect', async () => {
      const peers = await b.rpc<{ peerId: string }[]>('system_peers')
      return peers.some((p) => p.peerId === a.peerId)
    }, 60_000)
    const peersOfA = await a.rpc<{ peerId: string }[]>('system_peers')
    expect(peersOfA.map((p) => p.peerId)).toContain(b.peerId)
    const target = (await bestOf(a)).number + 2
    await waitFor(`the full node to import #${target}`, async () => (await bestOf(b)).number >= target, 60_000)
    const hash = await b.rpc<string>('chain_getBlockHash', [target])
    expect(await a.rpc<string>('chain_getBlockHash', [target])).toBe(hash)
  }, 180_000)

  it('without the flag, nodes without bootnodes stay alone', async () => {
    const [a, b] = await Promise.all([
      startNetNode({ who: 'alice', keyByte: 53, chain: CHAIN }),
      startNetNode({ keyByte: 54, chain: CHAIN }),
    ])
    nodes.push(a, b)
    // mDNS nodes above query every 2 s; several intervals without a peer show nobody dials here.
    await new Promise((r) => setTimeout(r, 6000))
    expect(await a.rpc('system_peers')).toEqual([])
    expect(await b.rpc('system_peers')).toEqual([])
  }, 120_000)
})

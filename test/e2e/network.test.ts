// Acceptance (#14): three authorities (--chain local, Bob and Charlie bootnoding to Alice) and a
// full node agree on one chain and finalize it; a transfer submitted to the full node is
// included and seen finalized by all; the network RPCs report the real state.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allFinalized, finalizedOf, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let alice: NetNode, bob: NetNode, charlie: NetNode, full: NetNode
let api: ApiPromise | undefined

beforeAll(async () => {
  alice = await startNetNode({ who: 'alice', keyByte: 1 })
  ;[bob, charlie, full] = await Promise.all([
    startNetNode({ who: 'bob', keyByte: 2, bootnodes: [alice.addr] }),
    startNetNode({ who: 'charlie', keyByte: 3, bootnodes: [alice.addr] }),
    startNetNode({ keyByte: 4, bootnodes: [alice.addr] }),
  ])
}, 180_000)

afterAll(async () => {
  await api?.disconnect()
  await stopAll([alice, bob, charlie, full])
})

describe('a private testnet of three authorities and a full node', () => {
  it('imports the same blocks and finalizes them on every node', async () => {
    await waitFor('all four nodes to finalize #5 with the same hash', () => allFinalized([alice, bob, charlie, full], 5), 180_000)
    // Blocks come from all three authorities (author = slot mod 3).
    const authors = new Set<string>()
    for (let n = 1; n <= 5; n++) {
      const hash = await full.rpc<string>('chain_getBlockHash', [n])
      const block = await full.rpc<{ block: { header: { digest: { logs: string[] } } } }>('chain_getBlock', [hash])
      authors.add(block.block.header.digest.logs[0]!)
    }
    expect(authors.size).toBeGreaterThan(1)
  }, 240_000)

  it('reports peers, listen addresses, health, sync state, network state and the finality round', async () => {
    const peers = await alice.rpc<{ peerId: string; roles: string }[]>('system_peers')
    expect(peers.map((p) => p.peerId).sort()).toEqual([bob.peerId, charlie.peerId, full.peerId].sort())
    expect(peers.find((p) => p.peerId === full.peerId)!.roles).toBe('FULL')
    expect(peers.find((p) => p.peerId === bob.peerId)!.roles).toBe('AUTHORITY')
    expect(await alice.rpc('system_localListenAddresses')).toEqual([alice.addr])
    expect(await full.rpc('system_localPeerId')).toBe(full.peerId)
    const health = await full.rpc<{ peers: number; isSyncing: boolean; shouldHavePeers: boolean }>('system_health')
    expect(health.peers).toBeGreaterThanOrEqual(1)
    expect(health.isSyncing).toBe(false)
    const sync = await full.rpc<{ currentBlock: number; highestBlock: number }>('system_syncState')
    expect(sync.highestBlock).toBeGreaterThanOrEqual(sync.currentBlock - 1)
    const state = await alice.rpc<{ peerId: string; connectedPeers: Record<string, unknown> }>('system_networkState')
    expect(state.peerId).toBe(alice.peerId)
    expect(Object.keys(state.connectedPeers)).toContain(bob.peerId)
    const round = await alice.rpc<{ setId: number; best: { totalWeight: number; thresholdWeight: number } }>('grandpa_roundState')
    expect(round.best).toMatchObject({ totalWeight: 3, thresholdWeight: 3 })
    const fin = await finalizedOf(alice)
    const proof = await alice.rpc<string | null>('grandpa_proveFinality', [fin.number])
    expect(proof).toMatch(/^0x/)
  }, 60_000)

  it('exports peers, sync state, finality lag and gossip traffic to Prometheus', async () => {
    const port = Number(/Prometheus exporter started at [\d.]+:(\d+)/.exec(full.proc.output())![1])
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
    const value = (re: RegExp): number => Number(re.exec(text)![1])
    expect(value(/^substrate_sub_libp2p_peers_count\{chain="bittensor_local"\} (\d+)$/m)).toBeGreaterThanOrEqual(1)
    expect(value(/^substrate_sub_libp2p_is_major_syncing\{chain="bittensor_local"\} (\d+)$/m)).toBe(0)
    expect(value(/^substrate_finality_lag_blocks\{chain="bittensor_local"\} (\d+)$/m)).toBeGreaterThanOrEqual(0)
    // The full node heard blocks and votes, and sent neither (it neither authors nor votes).
    expect(value(/^substrate_sub_libp2p_gossip_messages_total\{direction="in",topic="blocks",chain="bittensor_local"\} (\d+)$/m)).toBeGreaterThan(0)
    expect(value(/^substrate_sub_libp2p_gossip_messages_total\{direction="in",topic="finality",chain="bittensor_local"\} (\d+)$/m)).toBeGreaterThan(0)
    expect(value(/^substrate_sub_libp2p_gossip_messages_total\{direction="out",topic="blocks",chain="bittensor_local"\} (\d+)$/m)).toBe(0)
  })

  it('includes a transfer submitted to the full node and every node sees it finalized', async () => {
    api = await ApiPromise.create({ provider: new WsProvider(full.proc.url), noInitWarn: true })
    const keyring = new Keyring({ type: 'sr25519' })
    const sender = keyring.addFromUri('//Alice')
    const dest = keyring.addFromUri('//Ferdie').address
    const before = (await api.query.system.account(dest)).data.free.toBigInt()
    const blockHash = await new Promise<string>((resolve, reject) => {
      api!.tx.balances.transferKeepAlive(dest, 1_000_000_000n).signAndSend(sender, (r) => {
        if (r.isError || r.dispatchError) reject(new Error(`transfer failed: ${r.status.type}`))
        if (r.status.isFinalized) resolve(r.status.asFinalized.toHex())
      }).catch(reject)
    })
    const header = await full.rpc<{ number: string }>('chain_getHeader', [blockHash])
    const number = Number(header.number)
    for (const n of [alice, bob, charlie, full]) {
      await waitFor(`${n.peerId} to finalize #${number}`, async () => (await finalizedOf(n)).number >= number)
      expect(await n.rpc('chain_getBlockHash', [number])).toBe(blockHash)
    }
    const after = (await api.query.system.account(dest)).data.free.toBigInt()
    expect(after - before).toBe(1_000_000_000n)
  }, 240_000)
})

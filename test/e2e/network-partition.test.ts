// Acceptance (#14): a node cut off by a partition builds a minority fork; when it rejoins, the
// fork is reorganised away, the transaction it had included is retracted (its watcher says so)
// and re-included on the majority chain, which then finalizes it on every node.
// The partition: Charlie runs with --reserved-only and drops his reserved peers over RPC.
import '@polkadot/api-augment'
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import { afterAll, describe, expect, it } from 'vitest'
import { allFinalized, bestOf, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let nodes: NetNode[] = []
let api: ApiPromise | undefined
afterAll(async () => { await api?.disconnect(); await stopAll(nodes) })

describe('a partitioned node rejoins', () => {
  it('has its minority fork reorganised away, its transaction retracted and re-included', async () => {
    const alice = await startNetNode({ who: 'alice', keyByte: 31 })
    const bob = await startNetNode({ who: 'bob', keyByte: 32, bootnodes: [alice.addr] })
    const charlie = await startNetNode({ who: 'charlie', keyByte: 33, extra: ['--reserved-only', '--reserved-nodes', alice.addr, bob.addr] })
    nodes = [alice, bob, charlie]
    await waitFor('finality of #3 everywhere', () => allFinalized(nodes, 3), 180_000)

    // Partition: Charlie alone on one side.
    await charlie.rpc('system_removeReservedPeer', [alice.peerId])
    await charlie.rpc('system_removeReservedPeer', [bob.peerId])
    await waitFor('Charlie to have no peers', async () => (await charlie.rpc<{ peers: number }>('system_health')).peers === 0, 60_000)
    expect(await charlie.rpc('system_reservedPeers')).toEqual([])

    api = await ApiPromise.create({ provider: new WsProvider(charlie.proc.url), noInitWarn: true })
    const sender = new Keyring({ type: 'sr25519' }).addFromUri('//Eve')
    const dest = new Keyring({ type: 'sr25519' }).addFromUri('//Ferdie').address
    const statuses: { type: string; hash?: string }[] = []
    const finalized = new Promise<string>((resolve, reject) => {
      api!.tx.balances.transferKeepAlive(dest, 7_000_000_000n).signAndSend(sender, (r) => {
        const s = r.status
        statuses.push({ type: s.type, hash: s.isInBlock ? s.asInBlock.toHex() : s.isRetracted ? s.asRetracted.toHex() : s.isFinalized ? s.asFinalized.toHex() : undefined })
        if (s.isFinalized) resolve(s.asFinalized.toHex())
        if (s.isInvalid || s.isDropped || s.isUsurped) reject(new Error(`transaction ${s.type}`))
      }).catch(reject)
    })
    const forkBlock = await waitFor('the transfer in a block of Charlie\'s fork', async () => statuses.find((s) => s.type === 'InBlock')?.hash, 60_000)

    // The majority (two of three slots) grows longer than Charlie's fork.
    await waitFor('the majority chain to be longer', async () => (await bestOf(alice)).number > (await bestOf(charlie)).number + 3, 120_000)
    expect(await alice.rpc('chain_getBlock', [forkBlock])).toBeNull()

    // Heal the partition.
    await charlie.rpc('system_addReservedPeer', [alice.addr])
    await charlie.rpc('system_addReservedPeer', [bob.addr])
    const finalBlock = await finalized
    const types = statuses.map((s) => s.type)
    expect(types).toContain('Retracted')
    expect(statuses.find((s) => s.type === 'Retracted')!.hash).toBe(forkBlock)
    expect(types.lastIndexOf('InBlock')).toBeGreaterThan(types.indexOf('Retracted'))
    expect(finalBlock).not.toBe(forkBlock)
    const number = Number((await alice.rpc<{ number: string }>('chain_getHeader', [finalBlock])).number)
    await waitFor(`finality of #${number} everywhere`, () => allFinalized(nodes, number), 180_000)
    for (const n of nodes) expect(await n.rpc('chain_getBlockHash', [number])).toBe(finalBlock)
    // Charlie's fork block is gone from his canonical chain too.
    const forkNumber = Number((await charlie.rpc<{ number: string }>('chain_getHeader', [forkBlock])).number)
    expect(await charlie.rpc('chain_getBlockHash', [forkNumber])).not.toBe(forkBlock)
  }, 600_000)
})

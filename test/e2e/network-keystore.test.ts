// Acceptance (#14): the keystore is a real key source. A node started with --validator but no dev
// key holds nothing and neither authors nor votes: with Alice and Bob only, two of three is not
// more than 2/3 and finality stalls. Charlie's session keys inserted with author_insertKey land in
// chains/<id>/keystore/; restarted on its base path, the node authors Charlie's Aura slots
// (slot mod 3 = 2 in local.json's authority order) and its GRANDPA votes make finality move again.
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bestOf, finalizedOf, restartNetNode, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let nodes: NetNode[] = []
afterAll(async () => { await stopAll(nodes) })

const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`

/** The Aura slot of block `n` (its PreRuntime(aura, slot) digest). */
async function slotOf(n: NetNode, number: number): Promise<bigint> {
  const hash = await n.rpc<string>('chain_getBlockHash', [number])
  const header = await n.rpc<{ digest: { logs: string[] } }>('chain_getHeader', [hash])
  // 0x06 PreRuntime ‖ "aura" ‖ compact length 8 (0x20) ‖ u64 slot, little-endian.
  const log = header.digest.logs.find((l) => l.startsWith('0x0661757261'))!
  return Buffer.from(log.slice(14), 'hex').readBigUInt64LE(0)
}

describe('a validator whose keys come from author_insertKey', () => {
  it('neither authors nor votes without keys; with Charlie\'s keys inserted and a restart it does both', async () => {
    await cryptoWaitReady()
    const alice = await startNetNode({ who: 'alice', keyByte: 41 })
    const bob = await startNetNode({ who: 'bob', keyByte: 42, bootnodes: [alice.addr] })
    let charlie = await startNetNode({ keyByte: 43, bootnodes: [alice.addr], extra: ['--validator', '--name', 'charlie-keystore'] })
    nodes = [alice, bob, charlie]

    const auraKey = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie').publicKey
    const granKey = new Keyring({ type: 'ed25519' }).addFromUri('//Charlie').publicKey
    expect(await charlie.rpc('author_hasKey', [hex(auraKey), 'aura'])).toBe(false)

    // Without Charlie's vote nothing is finalized, and no block is from one of Charlie's slots.
    await waitFor('10 blocks', async () => (await bestOf(charlie)).number >= 10, 120_000)
    expect((await finalizedOf(alice)).number).toBe(0)
    for (let n = 1; n <= 10; n++) expect(await slotOf(charlie, n) % 3n).not.toBe(2n)

    expect(await charlie.rpc('author_insertKey', ['aura', '//Charlie', hex(auraKey)])).toBeNull()
    expect(await charlie.rpc('author_insertKey', ['gran', '//Charlie', hex(granKey)])).toBeNull()
    const dir = join(charlie.base, 'chains', 'bittensor_local', 'keystore')
    expect(existsSync(join(dir, `61757261${hex(auraKey).slice(2)}`))).toBe(true)
    expect(existsSync(join(dir, `6772616e${hex(granKey).slice(2)}`))).toBe(true)

    charlie = await restartNetNode(charlie)
    nodes = [alice, bob, charlie]
    expect(await charlie.rpc('author_hasSessionKeys', [hex(auraKey) + hex(granKey).slice(2)])).toBe(true)

    let next = (await bestOf(charlie)).number + 1
    const authored = await waitFor('a block of one of Charlie\'s slots', async () => {
      const best = (await bestOf(alice)).number
      for (; next <= best; next++) if (await slotOf(alice, next) % 3n === 2n) return next
      return undefined
    }, 120_000)
    await waitFor('finality to pass it with Charlie\'s votes', async () => (await finalizedOf(alice)).number >= authored, 180_000)
  }, 480_000)
})

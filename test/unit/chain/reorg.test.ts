// When the best chain switches branches, the transactions of the blocks left behind are
// retracted (watchers are told) and return to the pool, and the next block includes them again.
import { Keyring } from '@polkadot/keyring'
import { u8aToHex } from '@polkadot/util'
import { describe, expect, it } from 'vitest'
import { BlockProducer } from '../../../src/chain/producer.js'
import { TxPool, type TxStatus } from '../../../src/chain/txpool.js'
import { devAuthority } from '../../../src/node/keys.js'
import { memoryChain } from '../helpers/memory-chain.js'

describe('reorgs and the pool', () => {
  it('retracts, resubmits and re-includes', async () => {
    const mc = await memoryChain()
    const { chain, runtime, registry } = mc
    const pool = new TxPool()
    const producer = new BlockProducer(chain, pool, runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
    const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice')
    const bob = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob')
    const xt = registry.createType('Extrinsic', registry.createType('Call', { callIndex: [5, 3], args: { dest: { Id: bob.address }, value: 5n * 10n ** 9n } }))
    const g = u8aToHex(chain.genesisHash)
    xt.sign(alice, { blockHash: g, genesisHash: g, nonce: 0, runtimeVersion: { specVersion: 425, transactionVersion: 1 } as never, era: registry.createType('ExtrinsicEra', '0x00'), signedExtensions: registry.signedExtensions })

    const tx = pool.submit(xt.toU8a(), (r) => runtime.validateAt(chain, chain.best.hash, r, 'External'))
    const seen: TxStatus[] = []
    pool.watch(tx.hashHex, (s) => seen.push(s))
    const first = await producer.produce()
    expect(seen).toEqual([{ inBlock: u8aToHex(first.hash) }])
    expect(pool.size).toBe(0)

    await producer.exclusive(() => chain.setBest(chain.genesisHash))
    // As in Substrate's pool: retracted, then ready again once it is back in the pool.
    expect(seen).toEqual([{ inBlock: u8aToHex(first.hash) }, { retracted: u8aToHex(first.hash) }, 'ready'])
    expect(pool.has(tx.hashHex)).toBe(true)

    const again = await producer.produce()
    expect(u8aToHex(again.hash)).not.toBe(u8aToHex(first.hash))
    expect(chain.body(again.hash)!.map((b) => u8aToHex(b))).toContain(u8aToHex(xt.toU8a()))
    expect(seen.at(-1)).toEqual({ inBlock: u8aToHex(again.hash) })
    expect(pool.size).toBe(0)
    await producer.stop()
  })
})

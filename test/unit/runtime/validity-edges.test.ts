// Edge cases of validation and block import that a real node handles in a particular way.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { u8aToHex } from '@polkadot/util'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { Blockchain } from '../../../src/chain/blockchain.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { TransactionValidityError, type ValidityError } from '../../../src/runtime/validity.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { MemoryKV } from '../../../src/storage/memory.js'
import { buildBlock, memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

let mc: MemoryChain
let alice: KeyringPair

beforeAll(async () => {
  mc = await memoryChain()
  alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice')
})

function nonce(): number {
  return mc.registry.createType('AccountInfo', mc.chain.state(mc.chain.best.hash).get(accountKey(alice.publicKey))).nonce.toNumber()
}
function accountKey(who: Uint8Array): Uint8Array {
  return new Uint8Array([...Buffer.from('26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9', 'hex'), ...blake2AsU8a(who, 128), ...who])
}

function signed(call: { callIndex: [number, number]; args: Record<string, unknown> }): Uint8Array {
  const { registry, chain } = mc
  const xt = registry.createType('Extrinsic', registry.createType('Call', call))
  const g = u8aToHex(chain.genesisHash)
  xt.sign(alice, {
    blockHash: g, genesisHash: g, nonce: nonce(), runtimeVersion: { specVersion: 425, transactionVersion: 1 } as never,
    era: registry.createType('ExtrinsicEra', '0x00'), signedExtensions: registry.signedExtensions,
  })
  return xt.toU8a()
}

function poolError(raw: Uint8Array): ValidityError {
  try {
    mc.runtime.validateAt(mc.chain, mc.chain.best.hash, raw, 'External')
  } catch (e) {
    if (e instanceof TransactionValidityError) return e.error
    throw e
  }
  throw new Error('expected the transaction to be refused')
}

describe('validation edges', () => {
  it('a call heavier than a block can hold is refused by the pool (CheckWeight)', () => {
    const remark = { callIndex: [0, 0] as [number, number], args: { remark: '0x00' } }
    const call = mc.registry.createType('Call', remark)
    const raw = signed({ callIndex: [12, 1], args: { call, weight: { refTime: 3_900_000_000_000n, proofSize: 0 } } })
    expect(poolError(raw)).toEqual({ kind: 'Invalid', reason: 'ExhaustsResources', custom: undefined })
  })

  it('a signed Mandatory call (Timestamp.set) is MandatoryValidation', () => {
    const raw = signed({ callIndex: [2, 0], args: { now: 1n } })
    expect(poolError(raw)).toEqual({ kind: 'Invalid', reason: 'MandatoryValidation', custom: undefined })
  })

  it('an era with an impossible period and phase does not decode', () => {
    const raw = signed({ callIndex: [0, 0], args: { remark: '0x01' } })
    // Replace the immortal era byte (right after the 64-byte signature) with Mortal16/0x00 (period 2 < 4).
    const body = Array.from(raw)
    const at = 2 + 1 + 33 + 1 + 64
    expect(body[at]).toBe(0)
    body.splice(at, 1, 16, 0)
    const len = body.length - 2
    const fixed = new Uint8Array([...mc.registry.createType('Compact<u32>', len).toU8a(), ...body.slice(2)])
    expect(() => mc.runtime.executive.decode(fixed)).toThrow(/Invalid period and phase/)
    expect(poolError(fixed)).toEqual({ kind: 'Invalid', reason: 'Call', custom: undefined })
  })
})

describe('blocks the store refuses', () => {
  it('leave no cache entry and announce nothing', async () => {
    const runtime = mc.runtime
    const chain = await Blockchain.open(await BlockStore.open(new MemoryKV()), runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
    const local = { ...mc, chain }
    await buildBlock(local, [])
    await buildBlock(local, []) // #2, finalized
    const events: string[] = []
    chain.on('block', () => events.push('block'))
    chain.on('best', () => events.push('best'))
    const ts = runtime.timestampOf(chain.state(chain.genesisHash)) + 1_700_000_100_000n
    const sibling = chain.build({ parentHash: chain.genesisHash, inherents: [runtime.timestampInherent(ts)], extrinsics: [], preDigest: [runtime.auraPreDigest(ts / 12_000n)] })
    await expect(chain.commit(sibling, { best: true, finalize: true })).rejects.toThrow()
    expect(chain.has(sibling.hash)).toBe(false)
    expect(chain.header(sibling.hash)).toBeUndefined()
    expect(events).toEqual([])
    expect(chain.best.number).toBe(2)
  })
})

// Acceptance (#2): an extrinsic signed by @polkadot/api's own signer executes; the same bytes with
// a flipped signature bit, a stale nonce, a wrong genesis hash, an expired era or an unaffordable
// fee are rejected with Substrate's validity error and change no state.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { hexToU8a, u8aToHex } from '@polkadot/util'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { Blockchain } from '../../../src/chain/blockchain.js'
import { Overlay } from '../../../src/storage/overlay.js'
import { TransactionValidityError, type ValidityError } from '../../../src/runtime/validity.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { MemoryKV } from '../../../src/storage/memory.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { buildBlock, memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

let mc: MemoryChain
let keyring: Keyring
let alice: KeyringPair, bob: KeyringPair, nobody: KeyringPair

beforeAll(async () => {
  mc = await memoryChain()
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })
  alice = keyring.addFromUri('//Alice')
  bob = keyring.addFromUri('//Bob')
  nobody = keyring.addFromUri('//NoFunds')
  await buildBlock(mc, []) // block #1, so mortal eras have a recent birth block
})

interface SignOpts { nonce?: number; genesisHash?: string; era?: { current: number; period: number } | null; signer?: KeyringPair; amount?: bigint }

function transfer(o: SignOpts = {}): Uint8Array {
  const { registry, runtime, chain } = mc
  const genesis = u8aToHex(chain.genesisHash)
  const signer = o.signer ?? alice
  const call = registry.createType('Call', { callIndex: [5, 3], args: { dest: { Id: bob.address }, value: o.amount ?? 1_000_000_000n } })
  const xt = registry.createType('Extrinsic', call)
  const era = o.era === undefined ? { current: chain.best.number, period: 64 } : o.era
  const birth = era ? u8aToHex(chain.hashAt(era.current)!) : genesis
  xt.sign(signer, {
    blockHash: birth,
    genesisHash: o.genesisHash ?? genesis,
    nonce: o.nonce ?? nonceOf(signer),
    runtimeVersion: { specVersion: runtime.version.spec_version, transactionVersion: runtime.version.transaction_version } as never,
    era: era ? registry.createType('ExtrinsicEra', era) : registry.createType('ExtrinsicEra', '0x00'),
    signedExtensions: registry.signedExtensions,
  })
  return xt.toU8a()
}

function nonceOf(p: KeyringPair): number {
  const s = new Overlay(mc.chain.state(mc.chain.best.hash))
  return mc.runtime.callApi('AccountNonceApi_account_nonce', p.publicKey, s, { number: mc.chain.best.number, hash: mc.chain.best.hash }, () => new Uint8Array())[0]!
}

/** Pool validation and block application of `raw` on top of best; asserts no state change on failure. */
function rejectionOf(raw: Uint8Array): { pool: ValidityError; apply: ValidityError } {
  const { runtime, chain } = mc
  let pool: ValidityError | undefined
  try { runtime.validateAt(chain, chain.best.hash, raw, 'External') } catch (e) { if (e instanceof TransactionValidityError) pool = e.error; else throw e }
  const s = new Overlay(chain.state(chain.best.hash))
  const n = chain.best.number + 1
  const ts = runtime.timestampOf(chain.state(chain.best.hash)) + 12_000n
  runtime.executive.initializeBlock(s, { number: n, parentHash: chain.best.hash, digest: [runtime.auraPreDigest(ts / 12_000n)] })
  expect(runtime.executive.applyExtrinsic(s, runtime.timestampInherent(ts), n).ok).toBe(true)
  const before = snapshot(s)
  const r = runtime.executive.applyExtrinsic(s, raw, n)
  expect(snapshot(s)).toEqual(before)
  if (r.ok) throw new Error('expected the extrinsic to be rejected')
  if (!pool) throw new Error('expected pool validation to fail')
  return { pool, apply: r.error }
}

function snapshot(s: Overlay): Record<string, string | null> {
  s.startTransaction(); s.commitTransaction()
  const out: Record<string, string | null> = {}
  for (const [k, v] of s.changes()) out[k] = v === null ? null : u8aToHex(v)
  return out
}

const invalid = (reason: string): ValidityError => ({ kind: 'Invalid', reason: reason as never, custom: undefined })

describe('signed extrinsics', () => {
  it('a transfer signed by polkadot.js validates and executes', async () => {
    const raw = transfer()
    const v = mc.runtime.validateAt(mc.chain, mc.chain.best.hash, raw, 'External')
    expect(v.priority).toBe(1n)
    const bobKey = mc.registry.createType('AccountId32', bob.address)
    const freeOf = () => mc.registry.createType('AccountInfo', mc.chain.state(mc.chain.best.hash).get(accountKey(bobKey.toU8a()))!).data.free.toBigInt()
    const before = freeOf()
    const block = await buildBlock(mc, [raw])
    expect(block.rejected).toEqual([])
    expect(block.body).toHaveLength(2)
    expect(freeOf() - before).toBe(1_000_000_000n)
  })

  it('a flipped signature bit is BadProof', () => {
    const raw = transfer()
    // compact length (2 bytes for this size) + version + address (1 + 32) + signature enum byte
    const sigStart = 2 + 1 + 33 + 1
    raw[sigStart + 10]! ^= 0x01
    expect(rejectionOf(raw)).toEqual({ pool: invalid('BadProof'), apply: invalid('BadProof') })
  })

  it('a stale nonce is Stale', () => {
    expect(rejectionOf(transfer({ nonce: 0 }))).toEqual({ pool: invalid('Stale'), apply: invalid('Stale') })
  })

  it('a future nonce is pooled but cannot be applied now', () => {
    const raw = transfer({ nonce: nonceOf(alice) + 1 })
    const v = mc.runtime.validateAt(mc.chain, mc.chain.best.hash, raw, 'External')
    expect(v.requires).toHaveLength(1)
    const s = new Overlay(mc.chain.state(mc.chain.best.hash))
    const n = mc.chain.best.number + 1
    mc.runtime.executive.initializeBlock(s, { number: n, parentHash: mc.chain.best.hash, digest: [] })
    expect(mc.runtime.executive.applyExtrinsic(s, raw, n)).toEqual({ ok: false, error: invalid('Future') })
  })

  it('a wrong genesis hash is BadProof', () => {
    expect(rejectionOf(transfer({ genesisHash: u8aToHex(new Uint8Array(32).fill(7)) }))).toEqual({ pool: invalid('BadProof'), apply: invalid('BadProof') })
  })

  it('an expired era is rejected', async () => {
    const raw = transfer({ era: { current: mc.chain.best.number, period: 4 } })
    for (let i = 0; i < 5; i++) await buildBlock(mc, [])
    // Substrate: the birth block recomputed from the current block is another one, so the
    // signature does not match.
    expect(rejectionOf(raw)).toEqual({ pool: invalid('BadProof'), apply: invalid('BadProof') })
  })

  it('a birth block the chain does not have is AncientBirthBlock', () => {
    const { registry } = mc
    // An era whose birth lies in the future of the current block: no stored hash for it.
    const era = registry.createType('ExtrinsicEra', { current: mc.chain.best.number + 2, period: 64 })
    const call = registry.createType('Call', { callIndex: [5, 3], args: { dest: { Id: bob.address }, value: 1n } })
    const xt = registry.createType('Extrinsic', call)
    xt.sign(alice, {
      blockHash: u8aToHex(mc.chain.genesisHash), genesisHash: u8aToHex(mc.chain.genesisHash), nonce: nonceOf(alice),
      runtimeVersion: { specVersion: 425, transactionVersion: 1 } as never, era, signedExtensions: registry.signedExtensions,
    })
    expect(rejectionOf(xt.toU8a())).toEqual({ pool: invalid('AncientBirthBlock'), apply: invalid('AncientBirthBlock') })
  })

  it('an account that cannot pay the fee is Payment', () => {
    expect(rejectionOf(transfer({ signer: nobody, nonce: 0 }))).toEqual({ pool: invalid('Payment'), apply: invalid('Payment') })
  })

  it('executing the same block on a second, fresh store gives the same state root', async () => {
    const raw = transfer()
    const block = await buildBlock(mc, [raw])
    // Replay the whole chain on a fresh store: every header must be reproduced exactly.
    const runtime = mc.runtime
    const other = await Blockchain.open(await BlockStore.open(new MemoryKV()), runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
    expect(u8aToHex(other.genesisHash)).toBe(u8aToHex(mc.chain.genesisHash))
    for (let n = 1; n <= mc.chain.best.number; n++) {
      const h = mc.chain.hashAt(n)!
      const re = other.execute(mc.chain.headerBytes(h)!, mc.chain.body(h)!, true)
      expect(u8aToHex(re.hash)).toBe(u8aToHex(h))
      await other.commit(re, { best: true })
    }
    expect(u8aToHex(other.header(other.best.hash)!.state_root)).toBe(u8aToHex(block.header.state_root))
  })
})

/** System.Account key: prefix ++ blake2_128_concat(who). */
function accountKey(who: Uint8Array): Uint8Array {
  return hexToU8a('0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9' + u8aToHex(blake2AsU8a(who, 128)).slice(2) + u8aToHex(who).slice(2))
}

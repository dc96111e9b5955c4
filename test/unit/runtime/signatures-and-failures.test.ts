// Signed extrinsics beyond sr25519 transfers: ed25519 and ecdsa signers, payloads over 256 bytes
// (signed as their blake2-256), and a dispatch that fails: its writes are rolled back, but the
// fee and the nonce bump stay.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { u8aToHex } from '@polkadot/util'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode } from '../../../src/codec/scale.js'
import { EventRecord } from '../../../src/frame/outer.js'
import { buildBlock, memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

let mc: MemoryChain
let alice: KeyringPair
const SYSTEM_EVENTS = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7'

beforeAll(async () => {
  mc = await memoryChain()
  alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice')
  await buildBlock(mc, [])
})

function accountIdOf(p: KeyringPair): Uint8Array {
  return p.type === 'ecdsa' ? blake2AsU8a(p.publicKey, 256) : p.publicKey
}

function account(who: Uint8Array): { nonce: number; free: bigint } {
  const key = new Uint8Array([...Buffer.from('26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9', 'hex'), ...blake2AsU8a(who, 128), ...who])
  const raw = mc.chain.state(mc.chain.best.hash).get(key)
  if (!raw) return { nonce: 0, free: 0n }
  const info = mc.registry.createType('AccountInfo', raw)
  return { nonce: info.nonce.toNumber(), free: info.data.free.toBigInt() }
}

function sign(pair: KeyringPair, section: number, method: number, args: Record<string, unknown>): Uint8Array {
  const { registry, chain } = mc
  const xt = registry.createType('Extrinsic', registry.createType('Call', { callIndex: [section, method], args }))
  const genesis = u8aToHex(chain.genesisHash)
  xt.sign(pair, {
    blockHash: genesis, genesisHash: genesis, nonce: account(accountIdOf(pair)).nonce,
    runtimeVersion: { specVersion: 425, transactionVersion: 1 } as never,
    era: registry.createType('ExtrinsicEra', '0x00'), signedExtensions: registry.signedExtensions,
  })
  return xt.toU8a()
}

type Ev = { phase: { type: string; value?: number }; event: { type: string; value: { type: string; value?: unknown } } }
function recordsOfExtrinsic(index: number): Ev[] {
  const raw = mc.chain.state(mc.chain.best.hash).get(Buffer.from(SYSTEM_EVENTS.slice(2), 'hex'))!
  const recs = decode<Ev[]>({ def: { tag: 'sequence', of: EventRecord }, path: [], params: [] }, raw)
  return recs.filter((r) => r.phase.type === 'ApplyExtrinsic' && r.phase.value === index)
}
const eventsOfExtrinsic = (index: number): string[] => recordsOfExtrinsic(index).map((r) => `${r.event.type}.${r.event.value.type}`)

describe('other signature schemes', () => {
  for (const type of ['ed25519', 'ecdsa'] as const) {
    it(`a ${type}-signed transfer executes`, async () => {
      const pair = new Keyring({ type, ss58Format: 42 }).addFromUri('//Signer')
      const who = accountIdOf(pair)
      await buildBlock(mc, [sign(alice, 5, 3, { dest: { Id: u8aToHex(who) }, value: 10n ** 12n })])
      expect(account(who).free).toBe(10n ** 12n)
      const block = await buildBlock(mc, [sign(pair, 5, 3, { dest: { Id: alice.address }, value: 10n ** 9n })])
      expect(block.rejected).toEqual([])
      expect(account(who).nonce).toBe(1)
      expect(eventsOfExtrinsic(1)).toContain('System.ExtrinsicSuccess')
    })
  }

  it('a payload over 256 bytes is signed as its blake2-256 and verifies', async () => {
    const remark = u8aToHex(new Uint8Array(600).fill(7))
    const raw = sign(alice, 0, 0, { remark })
    expect(raw.length).toBeGreaterThan(700)
    const block = await buildBlock(mc, [raw])
    expect(block.rejected).toEqual([])
    expect(eventsOfExtrinsic(1)).toContain('System.ExtrinsicSuccess')
  })
})

describe('a failing dispatch', () => {
  it('rolls back its writes but keeps the fee and the nonce bump', async () => {
    const bob = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob')
    const charlie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Charlie')
    const before = account(bob.publicKey)
    const charlieBefore = account(charlie.publicKey)
    // More than Bob has: Balances fails after the fee was taken.
    const raw = sign(bob, 5, 3, { dest: { Id: charlie.address }, value: before.free * 2n })
    const block = await buildBlock(mc, [raw])
    expect(block.body).toHaveLength(2)
    const events = eventsOfExtrinsic(1)
    expect(events).toContain('System.ExtrinsicFailed')
    expect(events).not.toContain('Balances.Transfer')
    const paid = recordsOfExtrinsic(1).find((r) => r.event.type === 'TransactionPayment' && r.event.value.type === 'TransactionFeePaid')!
    const fee = (paid.event.value.value as { actual_fee: bigint }).actual_fee
    expect(fee > 0n).toBe(true)
    const after = account(bob.publicKey)
    expect(after.nonce).toBe(before.nonce + 1)
    // Exactly the fee left Bob, and Charlie got nothing.
    expect(before.free - after.free).toBe(fee)
    expect(account(charlie.publicKey)).toEqual(charlieBefore)
  })
})

// The node's submission path: signatures checked on worker threads while the main thread validates
// the same transactions; the pool's answer must be the one validating after the check gives.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { u8aToHex } from '@polkadot/util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlockProducer } from '../../../src/chain/producer.js'
import { Submitter } from '../../../src/chain/submission.js'
import { PoolError, TxPool } from '../../../src/chain/txpool.js'
import { SignatureVerifier, type SignatureJob } from '../../../src/chain/verifier.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { devAuthority } from '../../../src/node/keys.js'
import { buildBlock, memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

let mc: MemoryChain
let verifier: SignatureVerifier
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })
let alice: KeyringPair
let bob: KeyringPair
let charlie: KeyringPair

beforeAll(async () => {
  mc = await memoryChain()
  verifier = new SignatureVerifier(2)
  alice = keyring.addFromUri('//Alice')
  bob = keyring.addFromUri('//Bob')
  charlie = keyring.addFromUri('//Charlie')
})
afterAll(() => verifier.close())

/** System.remark_with_event signed by `who` at `nonce`. */
function remark(who: KeyringPair, nonce: number, text: string): Uint8Array {
  const { registry, chain } = mc
  const xt = registry.createType('Extrinsic', registry.createType('Call', { callIndex: [0, 7], args: { remark: u8aToHex(new TextEncoder().encode(text)) } }))
  const g = u8aToHex(chain.genesisHash)
  xt.sign(who, {
    blockHash: g, genesisHash: g, nonce, runtimeVersion: { specVersion: 425, transactionVersion: 1 } as never,
    era: registry.createType('ExtrinsicEra', '0x00'), signedExtensions: registry.signedExtensions,
  })
  return xt.toU8a()
}

/** The same transaction with one signature byte flipped (MultiSignature starts after the 1 + 1 + 33 + 1 header bytes). */
function badSignature(raw: Uint8Array): Uint8Array {
  const copy = raw.slice()
  copy[2 + 1 + 33 + 1 + 10]! ^= 1
  return copy
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    const tx = await p as { ready: boolean }
    return tx.ready ? 'ready' : 'future'
  } catch (e) {
    if (!(e instanceof PoolError)) throw e
    return `${e.kind}${e.validity ? `:${e.validity.reason}` : ''}`
  }
}

/** A verifier whose verdicts arrive only when the test releases them. */
function heldVerifier(): { v: Pick<SignatureVerifier, 'verifyBatch'>; release: () => Promise<void> } {
  const held: (() => Promise<void>)[] = []
  return {
    v: { verifyBatch: (jobs: SignatureJob[]) => new Promise<boolean[]>((resolve) => held.push(async () => resolve(await verifier.verifyBatch(jobs)))) },
    release: async () => { for (const r of held.splice(0)) await r() },
  }
}

/**
 * An instant-sealing producer over a fresh chain, fed by a Submitter on `v`; `fn` submits. After
 * it, every transaction must be in one block: the timestamp inherent and the three transactions.
 */
async function inOneInstantBlock(v: Pick<SignatureVerifier, 'verifyBatch'>, fn: (s: Submitter) => Promise<void>): Promise<void> {
  const own = await memoryChain()
  const saved = mc
  mc = own
  const pool = new TxPool()
  const s = new Submitter(own.runtime, own.chain, pool, v)
  const producer = new BlockProducer(own.chain, pool, own.runtime, {
    mode: { kind: 'instant' }, authority: devAuthority('alice'), instantFinality: true, submissionsAnswered: () => s.answered(),
  })
  producer.start()
  try {
    await fn(s)
    for (let i = 0; i < 200 && pool.size > 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(pool.size).toBe(0)
    expect(own.chain.best.number).toBe(1)
    expect(own.chain.body(own.chain.best.hash)).toHaveLength(4)
  } finally {
    await producer.stop()
    mc = saved
  }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('Submitter', () => {
  it('answers a burst as validating after each signature check would: ready, future, bad proof, stale, duplicate', async () => {
    const pool = new TxPool()
    const s = new Submitter(mc.runtime, mc.chain, pool, verifier)
    const a0 = remark(alice, 0, 'a0')
    const c0 = remark(charlie, 0, 'c0')
    const results = await Promise.all([
      s.submit(a0), s.submit(remark(alice, 2, 'a2')), s.submit(badSignature(remark(bob, 0, 'b0'))), s.submit(c0), s.submit(a0),
    ].map(outcome))
    expect(results).toEqual(['ready', 'future', 'Invalid:BadProof', 'ready', 'AlreadyImported'])
    expect(pool.size).toBe(3)
    // A bad signature on a transaction that is also stale: the signature is checked first, as in the runtime.
    await buildBlock(mc, [a0])
    expect(await outcome(s.submit(badSignature(remark(alice, 0, 'a0 again'))))).toBe('Invalid:BadProof')
    expect(await outcome(s.submit(remark(alice, 0, 'a0 again')))).toBe('Invalid:Stale')
    // The pool's entries carry the validity the runtime gives after the check.
    const entry = pool.get(hexOf(mc.runtime.extrinsicHash(c0)))!
    const direct = mc.runtime.validateAt(mc.chain, mc.chain.best.hash, entry.raw, 'External')
    expect(entry.provides).toEqual(direct.provides.map(hexOf))
    expect(entry.priority).toBe(direct.priority)
  })

  it('validates again when a block came in while the signatures were being checked', async () => {
    const pool = new TxPool()
    const { v, release } = heldVerifier()
    const s = new Submitter(mc.runtime, mc.chain, pool, v)
    // Bob's nonce-0 transaction is valid at the current best, and would still be valid early on...
    const mine = s.submit(remark(bob, 0, 'mine'))
    await new Promise((r) => setImmediate(r))
    // ...but another nonce-0 transaction of Bob's lands in a block before the check is back.
    await buildBlock(mc, [remark(bob, 0, 'theirs')])
    await release()
    expect(await outcome(mine)).toBe('Invalid:Stale')
    expect(pool.size).toBe(0)
  })

  it('instant sealing waits for submissions still being checked: a burst lands in one block', async () => {
    await inOneInstantBlock(verifier, async (s) => {
      const first = s.submit(remark(alice, 0, 'first'))
      // The first one's batch is on its way to the workers; the rest arrive before its answer.
      await tick()
      const rest = [bob, charlie].map((k, i) => s.submit(remark(k, 0, `rest ${i}`)))
      expect(await Promise.all([first, ...rest].map(outcome))).toEqual(['ready', 'ready', 'ready'])
    })
  })

  it('instant sealing also waits for submissions that arrive while it waits: they land in the same block', async () => {
    // The first batch is checked at once; the second and third only when the test says.
    const releases: (() => void)[] = []
    let batches = 0
    const v: Pick<SignatureVerifier, 'verifyBatch'> = {
      verifyBatch: (jobs) => {
        const checked = verifier.verifyBatch(jobs)
        return batches++ === 0 ? checked : new Promise((resolve) => releases.push(() => void checked.then(resolve)))
      },
    }
    await inOneInstantBlock(v, async (s) => {
      expect(await outcome(s.submit(remark(alice, 0, 'a')))).toBe('ready')
      // A block is due; Bob's transaction, received before it starts, is waited for...
      const b = s.submit(remark(bob, 0, 'b'))
      await tick()
      await tick()
      // ...and Charlie's arrives while the block waits for Bob's.
      const c = s.submit(remark(charlie, 0, 'c'))
      await tick()
      expect(releases).toHaveLength(2)
      releases[0]!()
      expect(await outcome(b)).toBe('ready')
      await new Promise((r) => setTimeout(r, 20))
      expect(mc.chain.best.number).toBe(0)
      releases[1]!()
      expect(await outcome(c)).toBe('ready')
    })
  })
})

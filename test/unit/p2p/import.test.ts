// Blocks from peers: imported only when the seal is the slot author's and re-execution
// reproduces the header; otherwise refused with the reason, nothing stored.
import { Keyring } from '@polkadot/keyring'
import { u8aToHex } from '@polkadot/util'
import { sr25519Verify } from '@polkadot/wasm-crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { BlockProducer } from '../../../src/chain/producer.js'
import type { SignatureJob, SignatureVerifier } from '../../../src/chain/verifier.js'
import { TxPool } from '../../../src/chain/txpool.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { blake2_256 } from '../../../src/codec/hashing.js'
import { decode, encode } from '../../../src/codec/scale.js'
import { devAuthority } from '../../../src/node/keys.js'
import { BlockImporter, type ImportResult } from '../../../src/p2p/import.js'
import type { BlockDataValue } from '../../../src/p2p/wire.js'
import { Header, type HeaderValue } from '../../../src/frame/primitives.js'
import { isVerified, markVerified } from '../../../src/runtime/signature.js'
import { buildBlock, memoryChain, type MemoryChain } from '../helpers/memory-chain.js'

let source: MemoryChain
let blocks: BlockDataValue[]

beforeAll(async () => {
  source = await memoryChain()
  blocks = []
  for (let i = 0; i < 3; i++) {
    const b = await buildBlock(source, [])
    blocks.push({ header: b.headerBytes, body: b.body, justification: null })
  }
})

async function sink(): Promise<{ mc: MemoryChain; importer: BlockImporter }> {
  const mc = await memoryChain()
  const producer = new BlockProducer(mc.chain, new TxPool(), mc.runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
  return { mc, importer: new BlockImporter(mc.chain, mc.runtime, producer) }
}

/** The block with its header changed by `edit` and sealed again by `sealer`. */
function tampered(b: BlockDataValue, edit: (h: HeaderValue) => void, sealer = 'alice'): BlockDataValue {
  const h = decode<HeaderValue>(Header, b.header)
  h.digest.logs = h.digest.logs.slice(0, -1)
  edit(h)
  h.digest.logs.push(source.runtime.auraSeal(devAuthority(sealer).sign(blake2_256(encode(Header, h)))))
  return { ...b, header: encode(Header, h) }
}

/** `n` empty blocks of a fresh dev chain. */
async function emptyBlocks(n: number): Promise<BlockDataValue[]> {
  const src = await memoryChain()
  const out: BlockDataValue[] = []
  for (let i = 0; i < n; i++) {
    const b = await buildBlock(src, [])
    out.push({ header: b.headerBytes, body: b.body, justification: null })
  }
  return out
}

/** importMany of `blocks` into a fresh chain whose importer hands its checks to `verifier`. */
async function importWith(verifier: SignatureVerifier, blocks: BlockDataValue[]): Promise<{ mc: MemoryChain; results: ImportResult[] }> {
  const mc = await memoryChain()
  const producer = new BlockProducer(mc.chain, new TxPool(), mc.runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
  return { mc, results: await new BlockImporter(mc.chain, mc.runtime, producer, verifier).importMany(blocks) }
}

describe('BlockImporter', () => {
  it('imports valid blocks in order, then knows them', async () => {
    const { mc, importer } = await sink()
    const results = await importer.importMany(blocks)
    expect(results.map((r) => r.kind)).toEqual(['imported', 'imported', 'imported'])
    expect(hexOf(mc.chain.best.hash)).toBe(hexOf(source.chain.best.hash))
    expect((await importer.import(blocks[1]!)).kind).toBe('known')
  })

  it('reports a block whose parent it lacks', async () => {
    const { importer } = await sink()
    expect((await importer.import(blocks[1]!)).kind).toBe('unknownParent')
  })

  it('refuses a bad state root after re-execution', async () => {
    const { mc, importer } = await sink()
    const bad = tampered(blocks[0]!, (h) => { h.state_root = new Uint8Array(32).fill(7) })
    const r = await importer.import(bad)
    expect(r).toMatchObject({ kind: 'invalid', badSeal: false })
    expect(r.kind === 'invalid' && r.reason).toMatch(/state root mismatch/)
    expect(mc.chain.has(blake2_256(bad.header))).toBe(false)
  })

  it('refuses a seal by someone other than the slot author', async () => {
    const { mc, importer } = await sink()
    const bad = tampered(blocks[0]!, () => {}, 'bob')
    const r = await importer.import(bad)
    expect(r).toMatchObject({ kind: 'invalid', badSeal: true })
    expect(mc.chain.best.number).toBe(0)
  })

  it('refuses an unsealed block', async () => {
    const { importer } = await sink()
    const h = decode<HeaderValue>(Header, blocks[0]!.header)
    h.digest.logs = h.digest.logs.slice(0, -1)
    const r = await importer.import({ ...blocks[0]!, header: encode(Header, h) })
    expect(r).toMatchObject({ kind: 'invalid', badSeal: true })
  })

  it('hands every block\'s seal to the worker ahead of import, not only the first range\'s', async () => {
    // 300 blocks span four of importMany's seal chunks; the later chunks' parents are not
    // imported yet when their seals are sent, so their authority set comes from our best block.
    const many = await emptyBlocks(300)
    const sent: SignatureJob[] = []
    const verifier = { verifyBatch: async (jobs: SignatureJob[]) => { sent.push(...jobs); return jobs.map(() => false) } } as unknown as SignatureVerifier
    const { results } = await importWith(verifier, many)
    expect(results.every((r) => r.kind === 'imported')).toBe(true)
    expect(sent.length).toBe(300)
    expect(new Set(sent.map((j) => hexOf(j.sig))).size).toBe(300)
  }, 60_000)

  it('still checks every seal itself when the worker vouches for none, and stops at a bad one', async () => {
    const many = await emptyBlocks(60)
    // #40 sealed by Bob, not its slot's author: the import itself must refuse it.
    many[39] = tampered(many[39]!, () => {}, 'bob')
    forgetVerifiedSignatures()
    let batches = 0
    const verifier = { verifyBatch: async (jobs: SignatureJob[]) => { batches++; return jobs.map(() => false) } } as unknown as SignatureVerifier
    const { mc, results } = await importWith(verifier, many)
    expect(batches).toBeGreaterThan(0)
    expect(results).toHaveLength(40)
    expect(results.slice(0, 39).every((r) => r.kind === 'imported')).toBe(true)
    expect(results[39]).toMatchObject({ kind: 'invalid', badSeal: true })
    expect(mc.chain.best.number).toBe(39)
  }, 60_000)
})

describe('BlockImporter: signatures of synced transactions', () => {
  it('checks them ahead on the worker, against each block\'s own payload (mortal eras born in blocks not imported yet)', async () => {
    const src = await memoryChain()
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })
    const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')]
    const many: BlockDataValue[] = []
    let nonce = 0
    // 40 blocks span two of importMany's chunks: the second chunk's payloads need the first
    // chunk's block hashes (era births) before any of them is imported.
    for (let i = 0; i < 40; i++) {
      const txs = [0, 1].map(() => {
        const xt = src.registry.createType('Extrinsic', src.registry.createType('Call', { callIndex: [5, 3], args: { dest: { Id: bob.address }, value: 1_000_000n } }))
        xt.sign(alice, {
          blockHash: u8aToHex(src.chain.best.hash), genesisHash: u8aToHex(src.chain.genesisHash), nonce: nonce++,
          runtimeVersion: { specVersion: src.runtime.version.spec_version, transactionVersion: src.runtime.version.transaction_version } as never,
          era: src.registry.createType('ExtrinsicEra', { current: src.chain.best.number, period: 64 }), signedExtensions: src.registry.signedExtensions,
        })
        return xt.toU8a()
      })
      const b = await buildBlock(src, txs)
      expect(b.body).toHaveLength(3)
      many.push({ header: b.headerBytes, body: b.body, justification: null })
    }
    forgetVerifiedSignatures()
    const checked: { job: SignatureJob; ok: boolean }[] = []
    const verifier = {
      verifyBatch: async (jobs: SignatureJob[]) => jobs.map((job) => {
        const ok = sr25519Verify(job.sig, job.msg, job.signer)
        if (ok) markVerified(job.kind, job.sig, job.msg, job.signer)
        checked.push({ job, ok })
        return ok
      }),
    } as unknown as SignatureVerifier
    const mc = await memoryChain()
    const producer = new BlockProducer(mc.chain, new TxPool(), mc.runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: false })
    const results = await new BlockImporter(mc.chain, mc.runtime, producer, verifier).importMany(many)
    expect(results.every((r) => r.kind === 'imported')).toBe(true)
    expect(hexOf(mc.chain.best.hash)).toBe(hexOf(src.chain.best.hash))
    // 40 seals and 80 transfers, every payload as the signer signed it.
    expect(checked.filter((c) => c.ok)).toHaveLength(120)
    expect(checked.every((c) => c.ok)).toBe(true)
  }, 60_000)
})

/** Empty the process's verified-signature cache (it clears itself when full), so an import must check again. */
function forgetVerifiedSignatures(): void {
  const none = new Uint8Array(64)
  for (let i = 0; i < 200_000; i++) markVerified('Ed25519', none, new Uint8Array([i & 0xff, i >> 8, i >> 16]), none)
  const probe = { sig: new Uint8Array(64).fill(1), msg: new Uint8Array([1]), signer: new Uint8Array(32) }
  expect(isVerified('Ed25519', probe.sig, probe.msg, probe.signer)).toBe(false)
}

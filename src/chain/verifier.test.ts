import { Keyring } from '@polkadot/keyring'
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto'
import { sr25519Verify } from '@polkadot/wasm-crypto'
import { describe, expect, it } from 'vitest'
import { isVerified } from '../runtime/signature.js'
import { SignatureVerifier } from './verifier.js'

await cryptoWaitReady()

describe('SignatureVerifier', () => {
  it('checks sr25519 and ed25519 signatures on worker threads and caches the valid ones', async () => {
    const v = new SignatureVerifier(2)
    try {
      const sr = new Keyring({ type: 'sr25519' }).addFromUri('//Alice')
      const ed = new Keyring({ type: 'ed25519' }).addFromUri('//Alice')
      const msg = new Uint8Array([1, 2, 3, 4])
      const good = { kind: 'Sr25519' as const, sig: sr.sign(msg), msg, signer: sr.publicKey }
      const edGood = { kind: 'Ed25519' as const, sig: ed.sign(msg), msg, signer: ed.publicKey }
      const bad = { ...good, msg: new Uint8Array([9]) }
      // The same bytes claimed as another scheme are not valid.
      const wrongKind = { ...good, kind: 'Ed25519' as const }
      expect(await v.verifyBatch([good, edGood, bad, wrongKind])).toEqual([true, true, false, false])
      expect(isVerified(good.kind, good.sig, good.msg, good.signer)).toBe(true)
      expect(isVerified('Ed25519', good.sig, good.msg, good.signer)).toBe(false)
      expect(await v.verify(edGood)).toBe(true)
    } finally {
      await v.close()
    }
  })

  it('answers every sr25519 job as wasm-crypto does: valid, tampered, unmarked, non-canonical, bad keys', async () => {
    const v = new SignatureVerifier(1)
    try {
      const pairs = ['//Alice', '//Bob', '//Charlie'].map((u) => new Keyring({ type: 'sr25519' }).addFromUri(u))
      const jobs: { kind: 'Sr25519'; sig: Uint8Array; msg: Uint8Array; signer: Uint8Array }[] = []
      const flip = (b: Uint8Array, i: number, mask: number): Uint8Array => { const c = b.slice(); c[i]! ^= mask; return c }
      for (let n = 0; n < 12; n++) {
        const p = pairs[n % 3]!
        const msg = new Uint8Array(20 + n).map((_, i) => (i * 7 + n) & 0xff)
        const sig = p.sign(msg)
        jobs.push(
          { kind: 'Sr25519', sig, msg, signer: p.publicKey },
          { kind: 'Sr25519', sig, msg: flip(msg, n, 1), signer: p.publicKey },
          { kind: 'Sr25519', sig: flip(sig, n, 0x10), msg, signer: p.publicKey }, // R
          { kind: 'Sr25519', sig: flip(sig, 32 + n, 0x01), msg, signer: p.publicKey }, // s
          { kind: 'Sr25519', sig: flip(sig, 63, 0x80), msg, signer: p.publicKey }, // marker bit cleared
          { kind: 'Sr25519', sig: flip(sig, 63, 0x70), msg, signer: p.publicKey }, // scalar not canonical
          { kind: 'Sr25519', sig, msg, signer: pairs[(n + 1) % 3]!.publicKey },
          { kind: 'Sr25519', sig, msg, signer: new Uint8Array(32).fill(0xff) }, // no Ristretto point
          { kind: 'Sr25519', sig, msg, signer: flip(p.publicKey, 0, 0x01) },
        )
      }
      const expected = jobs.map((j) => sr25519Verify(j.sig, j.msg, j.signer))
      expect(expected.filter(Boolean)).toHaveLength(12)
      // Twice: the second round runs on keys the worker has seen (its fast path), after refusals.
      expect(await v.verifyBatch(jobs)).toEqual(expected)
      expect(await v.verifyBatch(jobs)).toEqual(expected)
    } finally {
      await v.close()
    }
  })

  it('carries every job of a mixed batch intact: kinds, 65-byte ECDSA signatures, messages past 64 KiB', async () => {
    const v = new SignatureVerifier(2)
    try {
      const sr = new Keyring({ type: 'sr25519' }).addFromUri('//Dave')
      const ed = new Keyring({ type: 'ed25519' }).addFromUri('//Dave')
      const ec = new Keyring({ type: 'ecdsa' }).addFromUri('//Dave')
      const long = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff)
      const short = new Uint8Array([7])
      const ecAccount = blake2AsU8a(ec.publicKey, 256)
      const jobs = [
        { kind: 'Ecdsa' as const, sig: ec.sign(long), msg: long, signer: ecAccount },
        { kind: 'Sr25519' as const, sig: sr.sign(long), msg: long, signer: sr.publicKey },
        { kind: 'Ed25519' as const, sig: ed.sign(short), msg: short, signer: ed.publicKey },
        { kind: 'Ecdsa' as const, sig: ec.sign(short), msg: long, signer: ecAccount },
        { kind: 'Sr25519' as const, sig: sr.sign(short), msg: short.subarray(0, 0), signer: sr.publicKey },
      ]
      expect(ec.sign(long)).toHaveLength(65)
      expect(await v.verifyBatch(jobs)).toEqual([true, true, true, false, false])
    } finally {
      await v.close()
    }
  })

  it('reports nothing verified (instead of hanging) once its workers are gone', async () => {
    const v = new SignatureVerifier(1)
    const sr = new Keyring({ type: 'sr25519' }).addFromUri('//Bob')
    const msg = new Uint8Array([5])
    await v.verifyBatch([])
    const workers = (v as unknown as { workers: { terminate(): Promise<number> }[] }).workers
    await workers[0]!.terminate()
    expect(await v.verifyBatch([{ kind: 'Sr25519', sig: sr.sign(msg), msg, signer: sr.publicKey }])).toEqual([false])
    await v.close()
  })
})

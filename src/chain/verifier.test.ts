import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
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

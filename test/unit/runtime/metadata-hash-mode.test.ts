// CheckMetadataHash's mode is part of what an immortal transaction signs: the node does not
// compute RFC-78 metadata hashes, so a signer that enabled the check signed over a hash the node
// cannot reproduce and the signature is BadProof, whichever mode the transactions before it used
// (the executive keeps an immortal transaction's implicit data per mode).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assemble, benchAccount, signParts, transferCall, type SignOptions } from '../../../bench/lib/signer.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { devNode, type Harness } from '../rpc/node-harness.js'

let h: Harness
beforeAll(async () => { h = await devNode() })
afterAll(async () => { await h?.close() })

const BAD_PROOF = { code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' }
const dest = benchAccount('//Ferdie').publicKey

function transfer(from: string, o: Partial<SignOptions>): string {
  return hexOf(assemble(signParts(h.ctx.runtime, h.ctx.chain.genesisHash, benchAccount(from), transferCall(dest, 10n ** 9n), { nonce: 0, ...o })))
}

describe('CheckMetadataHash mode of immortal transactions', () => {
  it('Disabled then Enabled: the first is pooled, the second (signed over no hash) is BadProof', async () => {
    expect(await h.client.call<string>('author_submitExtrinsic', [transfer('//Alice', {})])).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await h.client.error('author_submitExtrinsic', [transfer('//Bob', { metadataHashMode: 'Enabled' })])).toEqual(BAD_PROOF)
  })

  it('Enabled then Disabled: the first is BadProof, the second is pooled', async () => {
    expect(await h.client.error('author_submitExtrinsic', [transfer('//Charlie', { metadataHashMode: 'Enabled', metadataHash: new Uint8Array(32).fill(7) })])).toEqual(BAD_PROOF)
    expect(await h.client.call<string>('author_submitExtrinsic', [transfer('//Dave', {})])).toMatch(/^0x[0-9a-f]{64}$/)
  })
})

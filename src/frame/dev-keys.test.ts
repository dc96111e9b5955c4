// The cached derivation gives the pairs the dev phrase gives.
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import { DEV_PHRASE, pairFromUri } from './dev-keys.js'

await cryptoWaitReady()

describe('pairFromUri', () => {
  it.each(['sr25519', 'ed25519'] as const)('%s: same keys as the phrase for //Alice, //Alice_hk, //Alice//stash, //Bob', (type) => {
    for (const uri of ['//Alice', '//Alice_hk', '//Alice//stash', '//Bob']) {
      const want = new Keyring({ type, ss58Format: 42 }).addFromUri(`${DEV_PHRASE}${uri}`)
      const got = pairFromUri(uri, type)
      expect(got.address).toBe(want.address)
      expect(got.encodePkcs8()).toEqual(want.encodePkcs8())
    }
  })
  it('soft junctions (sr25519) and non-dev URIs match too', () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })
    expect(pairFromUri('//Alice/soft').address).toBe(keyring.addFromUri('//Alice/soft').address)
    expect(pairFromUri(`${DEV_PHRASE}//Eve`).address).toBe(keyring.addFromUri('//Eve').address)
    expect(pairFromUri('//Alice///secret').address).toBe(keyring.addFromUri('//Alice///secret').address)
    expect(pairFromUri('//Alice///secret').address).not.toBe(keyring.addFromUri('//Alice').address)
  })
})

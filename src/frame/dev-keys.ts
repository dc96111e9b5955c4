// Key pairs of secret URIs such as `//Alice`: a bare `//…` URI is Substrate's dev phrase with that
// path, and the phrase costs a PBKDF2 run (2,048 rounds of SHA-512, tens of ms) per pair made. A
// node derives five or more of them at start (genesis, the authority, its session keys), so the
// phrase's mini secret is computed once and each URI derives from it as from the phrase.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { u8aToHex } from '@polkadot/util'
import { mnemonicToMiniSecret } from '@polkadot/util-crypto'

/** Substrate's DEV_PHRASE. */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
let devSeed: string | undefined

/** `new Keyring({ type, ss58Format: 42 }).addFromUri(uri)`, without the PBKDF2 run for `//…` URIs. */
export function pairFromUri(uri: string, type: 'sr25519' | 'ed25519' = 'sr25519'): KeyringPair {
  const keyring = new Keyring({ type, ss58Format: 42 })
  // A `///password` salts the phrase's PBKDF2, so such a URI takes the long way.
  if (!uri.startsWith('//') || uri.includes('///')) return keyring.addFromUri(uri)
  devSeed ??= u8aToHex(mnemonicToMiniSecret(DEV_PHRASE))
  return keyring.addFromUri(devSeed + uri)
}

// Development keys derived from well-known seeds (//Alice …), as Substrate's `--alice` flags use.
import type { KeyringPair } from '@polkadot/keyring/types'
import { sr25519Sign } from '@polkadot/wasm-crypto'
import type { Authority } from '../chain/producer.js'
import { pairFromUri } from '../frame/dev-keys.js'

// Substrate's --one/--two/--three are the same kind of shortcut, with the keys of //One … //Three.
export const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie', 'one', 'two', 'three'] as const
export type DevName = (typeof DEV_NAMES)[number]

const capital = (n: string): string => n[0]!.toUpperCase() + n.slice(1)

/** The secret URI of a dev name: `//Alice` … */
export const devSuri = (name: string): string => `//${capital(name)}`

export function devPair(name: string, type: 'sr25519' | 'ed25519' = 'sr25519'): KeyringPair {
  return pairFromUri(devSuri(name), type)
}

/** Aura (sr25519) signer for a dev authority; signs with wasm-crypto directly. */
export function devAuthority(name: string): Authority {
  const { secretKey, publicKey } = exportSr25519(devPair(name))
  return { publicKey, sign: (msg) => sr25519Sign(publicKey, secretKey, msg) }
}

/** The 64-byte sr25519 secret of a pair (pkcs8 layout: header ‖ secret 64 ‖ divider ‖ public). */
function exportSr25519(pair: KeyringPair): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const pkcs8 = pair.encodePkcs8()
  // @polkadot/keyring's pkcs8: 16-byte header, 64-byte secret, 5-byte divider, 32-byte public.
  const secretKey = pkcs8.subarray(16, 80)
  return { secretKey, publicKey: pair.publicKey }
}

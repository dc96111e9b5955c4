// polkadot-api (PAPI 2.x) clients for the e2e tests: its default provider (the ws-middleware that
// goes native per new-API group the node lists, legacy RPC otherwise) or the raw provider (native
// methods only). Node 20 has no global WebSocket, so the `ws` class is handed in.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { createClient, type PolkadotClient } from 'polkadot-api'
import { getPolkadotSigner, type PolkadotSigner } from 'polkadot-api/signer'
import { getWsProvider, getWsRawProvider } from 'polkadot-api/ws'
import { WebSocket } from 'ws'

export type ProviderKind = 'middleware' | 'raw'

export function papiClient(url: string, kind: ProviderKind): PolkadotClient {
  const get = kind === 'raw' ? getWsRawProvider : getWsProvider
  return createClient(get(url, { websocketClass: WebSocket as never }))
}

export async function devPair(uri: string): Promise<KeyringPair> {
  await cryptoWaitReady()
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri)
}

export function signerOf(pair: KeyringPair): PolkadotSigner {
  return getPolkadotSigner(pair.publicKey, 'Sr25519', (m) => pair.sign(m))
}

/** Claims `claimed`'s key but signs with `actual`'s: the runtime must answer BadProof. */
export function forgedSigner(claimed: KeyringPair, actual: KeyringPair): PolkadotSigner {
  return getPolkadotSigner(claimed.publicKey, 'Sr25519', (m) => actual.sign(m))
}

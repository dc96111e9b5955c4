// polkadot-api (PAPI 2.x) clients for the e2e tests: its default provider (the ws-middleware that
// goes native per new-API group the node lists, legacy RPC otherwise), the raw provider (native
// methods only), or the default provider made to see a node without the new API (`rpc_methods`
// answers stripped of it), which drives the middleware's translation to legacy RPC.
// Node 20 has no global WebSocket, so the `ws` class is handed in.
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { createClient, type PolkadotClient } from 'polkadot-api'
import { getPolkadotSigner, type PolkadotSigner } from 'polkadot-api/signer'
import { getWsProvider, getWsRawProvider } from 'polkadot-api/ws'
import { apply, middleware } from '@polkadot-api/ws-middleware'
import { getWsProvider as getBaseWsProvider } from '@polkadot-api/ws-provider'
import { WebSocket } from 'ws'

export type ProviderKind = 'legacy' | 'middleware' | 'raw'

const NEW_API = /^(chainHead|chainSpec|transaction|transactionWatch|archive)_v1_/

/** Answers to `rpc_methods` as a node without the new JSON-RPC API would give them. */
type Middleware = typeof middleware
const hideNewApi: Middleware = (base) => (onMsg, onHalt) =>
  base((msg) => {
    const result = 'result' in msg ? (msg.result as { methods?: unknown } | null) : null
    if (result !== null && typeof result === 'object' && Array.isArray(result.methods)) {
      result.methods = result.methods.filter((m: string) => !NEW_API.test(m))
    }
    onMsg(msg)
  }, onHalt)

export function papiClient(url: string, kind: ProviderKind): PolkadotClient {
  const websocketClass = WebSocket as never
  const logger = process.env.PAPI_LOG ? (e: unknown) => console.log(JSON.stringify(e).slice(0, 300)) : undefined
  if (kind === 'legacy') return createClient(getBaseWsProvider(url, { websocketClass, middleware: apply(hideNewApi, middleware) }))
  const get = kind === 'raw' ? getWsRawProvider : getWsProvider
  return createClient(get(url, { websocketClass, logger }))
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

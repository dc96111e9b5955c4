// Starts a real dev node in-process (temporary storage, RPC on a free port, manual sealing) and a
// raw WebSocket client on it.
import { ApiPromise, WsProvider } from '@polkadot/api'
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { startNode, type NodeOptions } from '../../../src/node.js'
import type { NodeContext } from '../../../src/node/context.js'
import { RawClient } from './ws-client.js'

export interface Harness {
  url: string
  ctx: NodeContext
  client: RawClient
  close(): Promise<void>
}

export async function devNode(overrides: Partial<NodeOptions> = {}): Promise<Harness> {
  const node = await startNode({
    chain: 'dev',
    basePath: undefined,
    rpcPort: 0,
    rpcExternal: false,
    rpcMethods: 'unsafe',
    rpcCors: 'all',
    rpcMaxConnections: 100,
    name: 'Alice',
    authority: 'alice',
    sealing: { kind: 'manual' },
    instantFinality: true,
    ...overrides,
  })
  const url = `ws://127.0.0.1:${node.port}`
  const client = await RawClient.connect(url)
  return {
    url,
    ctx: node.ctx,
    client,
    async close() {
      await client.close()
      await node.stop()
    },
  }
}

/** A dev node plus a connected @polkadot/api and the Alice and Bob keys, as a real client has them. */
export interface ApiHarness extends Harness {
  api: ApiPromise
  alice: KeyringPair
  bob: KeyringPair
}

export async function devNodeWithApi(overrides: Partial<NodeOptions> = {}): Promise<ApiHarness> {
  await cryptoWaitReady()
  const h = await devNode(overrides)
  const api = await ApiPromise.create({ provider: new WsProvider(h.url), noInitWarn: true })
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })
  return {
    ...h,
    api,
    alice: keyring.addFromUri('//Alice'),
    bob: keyring.addFromUri('//Bob'),
    async close() {
      await api.disconnect()
      await h.close()
    },
  }
}

// Starts a real dev node in-process (temporary storage, RPC on a free port, manual sealing) and a
// raw WebSocket client on it.
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

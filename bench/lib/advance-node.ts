// The advance bench's node in process, for the profiles and digests of subtensor_advanceEpochs:
// mainnet-like chain, Alice authoring, manual seal, instant finality, on a fixed wall clock (every
// block takes the earliest timestamp it may have, so the chain and its hashes are the same on
// every run), with the bench's 256-uid scenario applied; calls go straight to the RPC handlers.
import { startNode } from '../../src/node.js'
import { rpcMethods } from '../../src/rpc/methods/index.js'
import type { BuiltBlock } from '../../src/chain/blockchain.js'
import { ADVANCE_SCENARIO } from '../advance.bench.js'

const CLOCK = 1_764_892_800_000

export interface AdvanceNode {
  node: Awaited<ReturnType<typeof startNode>>
  call: <T>(name: string, params: unknown[]) => Promise<T>
  netuid: number
}

export async function startAdvanceNode(name: string): Promise<AdvanceNode> {
  Date.now = () => CLOCK
  const node = await startNode({
    chain: 'mainnet-like', rpcPort: 0, rpcExternal: false, rpcMethods: 'unsafe', rpcCors: 'all', name,
    authority: 'alice', sealing: { kind: 'manual' }, instantFinality: true,
  })
  const methods = new Map(rpcMethods(node.ctx, { manualSeal: true }).flatMap((m) => ('handler' in m ? [[m.name, m.handler.bind(m)] as const] : [])))
  const call = async <T>(method: string, params: unknown[]): Promise<T> => (await methods.get(method)!(params, undefined as never)) as T
  const applied = await call<{ netuids: number[] }>('dev_applyScenario', [ADVANCE_SCENARIO])
  return { node, call, netuid: applied.netuids[0]! }
}

/** Advances to the block before the subnet's next epoch; returns a build of that epoch block (never committed). */
export async function epochBlockBuild({ node, call, netuid }: AdvanceNode): Promise<{ parentHash: Uint8Array; build: () => BuiltBlock }> {
  await call('subtensor_advanceToEpochEnd', [netuid])
  const { chain, runtime } = node.ctx
  const parentHash = chain.best.hash
  const ts = runtime.timestampOf(chain.reader(parentHash)) + BigInt(runtime.slotDurationMs)
  const build = (): BuiltBlock => chain.build({
    parentHash, inherents: [runtime.timestampInherent(ts)], extrinsics: [],
    preDigest: [runtime.auraPreDigest(ts / BigInt(runtime.slotDurationMs))],
  })
  return { parentHash, build }
}

// system_*: node identity, health and network (sc-rpc system module), plus the FRAME system RPCs
// accountNextIndex and dryRun (substrate-frame-rpc-system).
import { nonceTag } from '../../runtime/extensions.js'
import { hexOf } from '../../codec/bytes.js'
import { chainTypeJson } from '../../node/chain-spec.js'
import type { NodeContext } from '../../node/context.js'
import { ExtrinsicFormatError, extrinsicBody } from '../../runtime/extrinsic.js'
import { RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { bestBlock, findBlock, unknownBlockApi } from './common.js'
import { accountParam, hexBytes, optionalHash, stringParam } from './params.js'
import { callRuntime, RuntimeCallFailure } from './runtime-call.js'

/** substrate-frame-rpc-system error codes. */
const RUNTIME_ERROR = 1
const DECODE_ERROR = 2
/** sc-rpc-api system::Error::MalformattedPeerArg (BASE_ERROR 2000 + 2). */
const MALFORMATTED_PEER_ARG = 2002

export function systemMethods(ctx: NodeContext): RpcEntry[] {
  const startingBlock = ctx.chain.durableBest.number
  const info = ctx.info
  const net = ctx.network
  const noNetworkState = (): Record<string, unknown> => ({
    peerId: info.peerId, listenedAddresses: [], externalAddresses: [], connectedPeers: {}, notConnectedPeers: {}, bannedPeers: [],
    peerset: { reservedOnly: false, reserved: [] },
  })

  /** frame-rpc-system `adjust_nonce`: count the ready transactions that continue the nonce sequence. */
  const nextIndex = (who: Uint8Array, onChain: number): number => {
    const provided = new Set<string>()
    for (const tx of ctx.pool.all()) if (tx.ready && tx.provides.length > 0) provided.add(tx.provides[0]!)
    let nonce = onChain
    const tag = (n: number): string => hexOf(nonceTag(who, n))
    while (provided.has(tag(nonce))) nonce++
    return nonce
  }

  return [
    { name: 'system_name', handler: () => info.implName },
    { name: 'system_version', handler: () => info.implVersion },
    { name: 'system_chain', handler: () => ctx.spec.name },
    { name: 'system_chainType', handler: () => chainTypeJson(ctx.spec.chainType) },
    { name: 'system_properties', handler: () => ctx.spec.properties },
    {
      name: 'system_health',
      // sc-service passes `has_bootnodes` as should_have_peers (the spec's plus --bootnodes).
      handler: () => ({
        peers: net?.peers().length ?? 0,
        isSyncing: net?.isSyncing() ?? false,
        shouldHavePeers: ctx.spec.bootNodes.length > 0 || (net !== undefined && net.reservedPeers().length + net.peers().length > 0),
      }),
    },
    { name: 'system_localPeerId', handler: () => info.peerId },
    { name: 'system_localListenAddresses', handler: () => net?.listenAddresses() ?? info.listenAddresses },
    // `system_peers` and `system_networkState` are unsafe in Substrate.
    { name: 'system_peers', unsafe: true, handler: () => net?.peers() ?? [] },
    { name: 'system_networkState', unsafe: true, handler: () => net?.networkState() ?? noNetworkState() },
    { name: 'system_reservedPeers', handler: () => net?.reservedPeers() ?? [] },
    {
      name: 'system_addReservedPeer',
      unsafe: true,
      handler: async ([addr]) => {
        const a = stringParam(addr)
        if (!net) throw new RpcError(MALFORMATTED_PEER_ARG, 'networking is not running on this node')
        try {
          await net.addReservedPeer(a)
        } catch (e) {
          throw new RpcError(MALFORMATTED_PEER_ARG, (e as Error).message)
        }
        return null
      },
    },
    {
      name: 'system_removeReservedPeer',
      unsafe: true,
      handler: async ([peer]) => {
        const p = stringParam(peer)
        if (!net) throw new RpcError(MALFORMATTED_PEER_ARG, 'networking is not running on this node')
        try {
          await net.removeReservedPeer(p)
        } catch (e) {
          throw new RpcError(MALFORMATTED_PEER_ARG, (e as Error).message)
        }
        return null
      },
    },
    { name: 'system_nodeRoles', handler: () => info.roles },
    {
      name: 'system_syncState',
      handler: () => {
        const current = ctx.chain.durableBest.number
        return { startingBlock, currentBlock: current, highestBlock: net ? Math.max(net.highestBlock(), current) : current }
      },
    },
    {
      name: 'system_accountNextIndex',
      aliases: ['account_nextIndex'],
      handler: ([account]) => {
        const who = accountParam(account)
        let out: Uint8Array
        try {
          out = callRuntime(ctx, bestBlock(ctx), 'AccountNonceApi_account_nonce', who)
        } catch (e) {
          if (e instanceof RuntimeCallFailure) throw new RpcError(RUNTIME_ERROR, 'Unable to query nonce.', e.message)
          throw e
        }
        const onChain = new DataView(out.buffer, out.byteOffset, 4).getUint32(0, true)
        return nextIndex(who, onChain)
      },
    },
    {
      name: 'system_dryRun',
      aliases: ['system_dryRunAt'],
      unsafe: true,
      handler: ([xt, at]) => {
        const raw = hexBytes(xt)
        const hash = optionalHash(at)
        try {
          extrinsicBody(raw)
        } catch (e) {
          if (e instanceof ExtrinsicFormatError) throw new RpcError(DECODE_ERROR, 'Unable to dry run extrinsic', e.message)
          throw e
        }
        const block = hash === undefined ? bestBlock(ctx) : findBlock(ctx, hash)
        if (block === undefined) throw new RpcError(RUNTIME_ERROR, 'Unable to dry run extrinsic.', unknownBlockApi(hash!))
        try {
          return hexOf(callRuntime(ctx, block, 'BlockBuilder_apply_extrinsic', raw))
        } catch (e) {
          if (e instanceof RuntimeCallFailure) throw new RpcError(RUNTIME_ERROR, 'Unable to dry run extrinsic.', e.message)
          throw e
        }
      },
    },
  ]
}

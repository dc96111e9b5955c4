// Helpers shared by the method modules: block lookup with Substrate's error texts, and the JSON
// forms of headers and runtime versions.
import { hexOf } from '../../codec/bytes.js'
import { encode } from '../../codec/scale.js'
import type { NodeContext } from '../../node/context.js'
import { DigestItem, type HeaderValue } from '../../frame/primitives.js'
import type { RuntimeVersionValue } from '../../runtime/version.js'
import { stateClientError, type RpcError } from '../errors.js'

export interface BlockAt {
  hash: Uint8Array
  number: number
  header: HeaderValue
}

/** The header, or undefined for a hash the node does not know. */
export function findBlock(ctx: NodeContext, hash: Uint8Array): BlockAt | undefined {
  const header = ctx.chain.header(hash)
  return header === undefined ? undefined : { hash, number: header.number, header }
}

export function bestBlock(ctx: NodeContext): BlockAt {
  const { hash } = ctx.chain.durableBest
  return { hash, number: ctx.chain.header(hash)!.number, header: ctx.chain.header(hash)! }
}

/** sp-blockchain's text for a hash missing from the database (`{:?}` of H256 is the full hex). */
export const headerNotFound = (hash: Uint8Array): string => `Header was not found in the database: ${hexOf(hash)}`

/** Storage reads (`client.storage`, `state_at`) fail with sp_blockchain::Error::UnknownBlock. */
export const unknownBlockStorage = (hash: Uint8Array): RpcError =>
  stateClientError(`UnknownBlock: ${headerNotFound(hash)}`)

/** Runtime-API calls (`CallApiAt`) turn the same failure into sp_api::ApiError::UnknownBlock. */
export const unknownBlockApi = (hash: Uint8Array): string => `Api called for an unknown Block: ${headerNotFound(hash)}`

/**
 * Resolve an optional `at` (undefined = best) for state reads; unknown hashes throw `onUnknown`.
 */
export function blockOrBest(ctx: NodeContext, at: Uint8Array | undefined, onUnknown: (h: Uint8Array) => Error): BlockAt {
  if (at === undefined) return bestBlock(ctx)
  const b = findBlock(ctx, at)
  if (b === undefined) throw onUnknown(at)
  return b
}

/** Block number as Substrate serializes it: a U256 in hex without leading zeros. */
export const numberHex = (n: number): string => '0x' + n.toString(16)

export interface HeaderJson {
  parentHash: string
  number: string
  stateRoot: string
  extrinsicsRoot: string
  digest: { logs: string[] }
}

export function headerJson(h: HeaderValue): HeaderJson {
  return {
    parentHash: hexOf(h.parent_hash),
    number: numberHex(h.number),
    stateRoot: hexOf(h.state_root),
    extrinsicsRoot: hexOf(h.extrinsics_root),
    digest: { logs: h.digest.logs.map((l) => hexOf(encode(DigestItem, l))) },
  }
}

export interface RuntimeVersionJson {
  specName: string
  implName: string
  authoringVersion: number
  specVersion: number
  implVersion: number
  apis: [string, number][]
  transactionVersion: number
  systemVersion: number
  stateVersion: number
}

/** sp_version::RuntimeVersion as the node serializes it (both `systemVersion` and legacy `stateVersion`). */
export function runtimeVersionJson(v: RuntimeVersionValue): RuntimeVersionJson {
  return {
    specName: v.spec_name,
    implName: v.impl_name,
    authoringVersion: v.authoring_version,
    specVersion: v.spec_version,
    implVersion: v.impl_version,
    apis: v.apis.map(([id, ver]) => [hexOf(id), ver]),
    transactionVersion: v.transaction_version,
    systemVersion: v.system_version,
    stateVersion: v.system_version,
  }
}

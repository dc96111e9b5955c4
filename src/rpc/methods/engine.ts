// sc-consensus-manual-seal's RPC: engine_createBlock / engine_finalizeBlock. Subtensor registers it
// only when the node runs manual seal (`--sealing`), and block production is no business of a
// safe endpoint: both are unsafe methods here.
import { hexOf, sameBytes } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import { RpcError, invalidParams } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { boolParam, hashParam, optionalHash } from './params.js'

/** sc-consensus-manual-seal error codes. */
const EMPTY_TRANSACTION_POOL = 12_000
const BLOCK_NOT_FOUND = 13_000
const UNKNOWN_ERROR = 20_000

/** `{}` of H256 (fixed-hash Display): first and last two bytes around an ellipsis. */
const shortHash = (h: Uint8Array): string => {
  const x = Buffer.from(h).toString('hex')
  return `0x${x.slice(0, 4)}…${x.slice(-4)}`
}

export function engineMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  return [
    {
      name: 'engine_createBlock',
      unsafe: true,
      handler: async ([createEmpty, finalize, parentHash]) => {
        const empty = boolParam(createEmpty)
        const fin = boolParam(finalize)
        const parent = optionalHash(parentHash)
        if (!empty && ![...ctx.pool.all()].some((t) => t.ready)) {
          throw new RpcError(EMPTY_TRANSACTION_POOL, 'Transaction pool is empty, set create_empty to true, if you want to create empty blocks')
        }
        if (parent !== undefined && !chain.has(parent)) {
          throw new RpcError(BLOCK_NOT_FOUND, `Supplied parent_hash: ${shortHash(parent)} doesn't exist in chain`)
        }
        let ref
        try {
          ref = await ctx.producer.produce({ parent, finalize: fin })
        } catch (e) {
          throw new RpcError(UNKNOWN_ERROR, `Other error: ${e instanceof Error ? e.message : String(e)}`)
        }
        return {
          hash: hexOf(ref.hash),
          aux: {
            header_only: false,
            clear_justification_requests: false,
            needs_justification: false,
            bad_justification: false,
            is_new_best: sameBytes(chain.best.hash, ref.hash),
          },
          proof_size: 0,
        }
      },
    },
    {
      name: 'engine_finalizeBlock',
      unsafe: true,
      handler: async ([hash]) => {
        if (hash === undefined) throw invalidParams('invalid length 0, expected 1 or 2 parameters')
        const h = hashParam(hash)
        // manual-seal answers `true` once the command was handled, whether finalization worked or
        // not (the RPC maps the reply channel, not the result inside it).
        if (chain.has(h)) await ctx.producer.exclusive(() => ctx.producer.finalize(h)).catch(() => undefined)
        return true
      },
    },
  ]
}

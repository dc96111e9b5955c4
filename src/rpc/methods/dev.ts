// Development RPCs: Chopsticks' dev_* (errors are code 1, as Chopsticks' ResponseError(1, ...)).
// Manual seal's engine_* are in engine.ts.
import { hexOf, sameBytes } from '../../codec/bytes.js'
import { PoolError } from '../../chain/txpool.js'
import type { NodeContext } from '../../node/context.js'
import { RpcError, invalidParams } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { arrayParam, hexBytes, optionalHash } from './params.js'
import { poolErrorToRpc } from './author.js'
import { DevSnapshots, UnknownSnapshot } from '../../chain/snapshots.js'

const DEV_ERROR = 1
const devError = (e: unknown): RpcError =>
  e instanceof RpcError ? e : new RpcError(DEV_ERROR, e instanceof Error ? e.toString() : String(e))

const optionalNumber = (v: unknown, field: string): number | undefined => {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RpcError(DEV_ERROR, `${field}: Expected number`)
  return v
}

export function devMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  /** Single-voter dev chains finalize every block; a block built here follows that. */
  const instantFinality = (): boolean => sameBytes(chain.finalized.hash, chain.best.hash)
  const snapshots = new DevSnapshots(chain, ctx.pool, (raw) => ctx.runtime.validateAt(chain, chain.best.hash, raw, 'External'))
  /** Runs a snapshot operation between block builds; answers with the (durable) best hash. */
  const rewind = async (op: () => Promise<void>): Promise<string> => {
    try {
      await ctx.producer.exclusive(op)
    } catch (e) {
      throw e instanceof UnknownSnapshot ? new RpcError(DEV_ERROR, e.message) : devError(e)
    }
    return hexOf(chain.best.hash)
  }

  return [
    {
      name: 'dev_newBlock',
      unsafe: true,
      handler: async ([params]) => {
        const p = (params ?? {}) as Record<string, unknown>
        if (typeof p !== 'object' || Array.isArray(p)) throw new RpcError(DEV_ERROR, 'Expected object')
        const count = optionalNumber(p.count, 'count')
        const to = optionalNumber(p.to, 'to')
        const now = chain.best.number
        const diff = to ? to - now : count
        const finalCount = diff !== undefined ? Math.max(diff, 1) : 1
        try {
          // Forced transactions go through the pool, so the block takes them with the pool's own.
          if (p.transactions !== undefined) for (const t of arrayParam(p.transactions)) await ctx.submit(hexBytes(t))
          const last = await ctx.producer.produceMany(finalCount)
          return hexOf(last.hash)
        } catch (e) {
          throw e instanceof PoolError ? new RpcError(DEV_ERROR, poolErrorToRpc(e).message) : devError(e)
        }
      },
    },
    {
      name: 'dev_setStorage',
      unsafe: true,
      handler: async ([values, blockHash]) => {
        if (!Array.isArray(values)) {
          throw new RpcError(DEV_ERROR, 'Only raw storage is supported: [[key, value | null], ...]')
        }
        const writes = values.map((e): [Uint8Array, Uint8Array | null] => {
          if (!Array.isArray(e) || e.length !== 2) throw new RpcError(DEV_ERROR, 'Expected [key, value | null] pairs')
          return [hexBytes(e[0]), e[1] === null ? null : hexBytes(e[1])]
        })
        // Without a block hash the writes go on top of whatever is best when the block is built.
        const parent = optionalHash(blockHash)
        try {
          // A new block carries the writes, so clients that cache by block hash see them.
          const ref = await ctx.producer.produce({ parent, overrides: writes, emptyOnly: true, finalize: instantFinality() })
          return hexOf(ref.hash)
        } catch (e) {
          throw devError(e)
        }
      },
    },
    {
      name: 'dev_timeTravel',
      unsafe: true,
      handler: ([date]) => {
        if (typeof date !== 'string' && typeof date !== 'number') throw invalidParams('Expected a timestamp in milliseconds or a date string')
        const ts = typeof date === 'string' ? Date.parse(date) : date
        if (Number.isNaN(ts)) throw new RpcError(DEV_ERROR, 'Invalid date')
        // Timestamp.Now is a u64 set through a Compact inherent: only whole, non-negative
        // milliseconds the producer can add to exactly (below 2^53) make blocks that encode.
        if (!Number.isSafeInteger(ts) || ts < 0) throw invalidParams(`Invalid timestamp ${date}: expected whole milliseconds from 0 to ${Number.MAX_SAFE_INTEGER}`)
        // Blocks from now on take their timestamp (and Aura slot) from the shifted clock.
        ctx.producer.timeOffsetMs = ts - Date.now()
        return ts
      },
    },
    {
      name: 'dev_setHead',
      unsafe: true,
      handler: async ([target]) => {
        let hash: Uint8Array | undefined
        if (typeof target === 'number') {
          const n = target > 0 ? target : chain.best.number + target
          hash = n >= 0 ? chain.hashAt(n) : undefined
        } else if (typeof target === 'string') {
          const h = hexBytes(target)
          hash = chain.has(h) ? h : undefined
        } else {
          throw new RpcError(DEV_ERROR, 'Expected a block hash or number')
        }
        if (hash === undefined) throw new RpcError(DEV_ERROR, `Block not found ${target}`)
        try {
          await ctx.producer.exclusive(() => chain.setBest(hash))
        } catch (e) {
          throw devError(e)
        }
        return hexOf(hash)
      },
    },
    {
      name: 'dev_snapshot',
      unsafe: true,
      handler: async () => {
        try {
          return await ctx.producer.exclusive(() => snapshots.take())
        } catch (e) {
          throw devError(e)
        }
      },
    },
    {
      name: 'dev_revert',
      unsafe: true,
      handler: async ([id]) => {
        if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new RpcError(DEV_ERROR, 'Expected a snapshot id (number)')
        return rewind(() => snapshots.revert(id))
      },
    },
    {
      name: 'dev_reset',
      unsafe: true,
      handler: async () => rewind(() => snapshots.reset()),
    },
  ]
}

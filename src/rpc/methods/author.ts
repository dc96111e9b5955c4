// author_*: transaction submission and watching, the pool's ready set, and the keystore calls
// (sc-rpc author module). Submission never changes chain state: it only feeds the pool.
import { concatBytes, hexOf } from '../../codec/bytes.js'
import { blake2_256 } from '../../codec/hashing.js'
import { PoolError, type TxStatus } from '../../chain/txpool.js'
import type { NodeContext } from '../../node/context.js'
import { CallTooDeepError, ExtrinsicDecodeError, ExtrinsicFormatError, extrinsicBody } from '../../runtime/extrinsic.js'
import { validityMessage } from '../../runtime/validity.js'
import {
  authorOther, extrinsicBadFormat, invalidParams, POOL_ALREADY_IMPORTED, POOL_INVALID_TX, RpcError,
  transactionImmediatelyDropped, transactionPriorityTooLow, transactionTemporarilyBanned, unknownTransaction,
  verificationError,
} from '../errors.js'
import type { RpcEntry, RpcSubscriptionMethod } from '../types.js'
import { arrayParam, hashParam, hexBytes, stringParam } from './params.js'

/** The session keys of subtensor's runtime, in `SessionKeys` order: Aura (sr25519), GRANDPA (ed25519). */
const SESSION_KEY_TYPES = ['aura', 'gran'] as const

const FINAL_STATUSES = new Set(['finalized', 'usurped', 'dropped', 'invalid', 'finalityTimeout'])

function isFinal(s: TxStatus): boolean {
  return typeof s === 'string' ? FINAL_STATUSES.has(s) : FINAL_STATUSES.has(Object.keys(s)[0]!)
}

/** sc-rpc-api author errors for a pool rejection. */
export function poolErrorToRpc(e: PoolError): RpcError {
  switch (e.kind) {
    case 'Invalid':
      // `From<InvalidTransaction> for &str`, or "Custom error: N".
      return new RpcError(POOL_INVALID_TX, 'Invalid Transaction', validityMessage(e.validity!))
    case 'Unknown': {
      const v = e.validity!
      return unknownTransaction(v.reason === 'Custom' ? `Custom(${v.custom ?? 0})` : v.reason)
    }
    case 'TemporarilyBanned':
      return transactionTemporarilyBanned()
    case 'AlreadyImported':
      // The pool error carries the hash as `Box<dyn Any>`, whose Debug form is all the node prints.
      return new RpcError(POOL_ALREADY_IMPORTED, 'Transaction Already Imported', 'Any { .. }')
    case 'TooLowPriority': {
      const d = e.detail as { old: bigint; new: bigint }
      return transactionPriorityTooLow(d.old, d.new)
    }
    case 'ImmediatelyDropped':
      return transactionImmediatelyDropped()
  }
}

export function authorMethods(ctx: NodeContext): RpcEntry[] {
  /**
   * What the node does before the pool sees the bytes: the opaque envelope must decode (its codec
   * error is reported by the caller's rules), then the runtime must be able to decode the body;
   * a body it cannot decode panics `validate_transaction`, which the node reports as 1002.
   */
  const checked = (raw: Uint8Array, onBadEnvelope: (msg: string) => RpcError): void => {
    try {
      extrinsicBody(raw)
    } catch (e) {
      if (e instanceof ExtrinsicFormatError) throw onBadEnvelope(e.message)
      throw e
    }
    try {
      ctx.runtime.executive.decode(raw)
    } catch (e) {
      // Too deep a call is the pool's to refuse (InvalidTransaction::Call), as frame_executive does.
      if (e instanceof CallTooDeepError) return
      if (!(e instanceof ExtrinsicDecodeError)) throw e
      const inner = `Execution failed: Runtime panicked: Bad input data provided to validate_transaction: ${e.message}`
      throw verificationError(`Runtime error: ${inner}`, `RuntimeApi(${JSON.stringify(inner)})`)
    }
  }
  const submit = async (raw: Uint8Array) => {
    try {
      return await ctx.submit(raw)
    } catch (e) {
      if (e instanceof PoolError) throw poolErrorToRpc(e)
      throw e
    }
  }
  const keyType = (v: unknown): string => {
    const t = stringParam(v)
    if (Buffer.byteLength(t) !== 4) throw authorOther('Invalid key type ID format (should be of length four)')
    return t
  }

  const watch: RpcSubscriptionMethod = {
    name: 'author_submitAndWatchExtrinsic',
    notification: 'author_extrinsicUpdate',
    unsubscribe: 'author_unwatchExtrinsic',
    subscribe: async ([xt], _c, sink) => {
      const raw = hexBytes(xt)
      // watch_extrinsic decodes with `?` into Error::BadFormat: 1001.
      checked(raw, (msg) => extrinsicBadFormat(msg))
      const tx = await submit(raw)
      // The pool announced ready/future before anyone watched; the watcher's stream starts with it.
      sink.send(tx.ready ? 'ready' : 'future')
      return ctx.pool.watch(tx.hashHex, (status) => {
        sink.send(status)
        if (isFinal(status)) sink.close()
      })
    },
  }

  return [
    {
      name: 'author_submitExtrinsic',
      handler: async ([xt]) => {
        const raw = hexBytes(xt)
        // submit_extrinsic wraps the codec error as Error::Client: 1040 "Client error: ...".
        checked(raw, (msg) => authorOther(`Client error: ${msg}`))
        return (await submit(raw)).hashHex
      },
    },
    watch,
    {
      name: 'author_pendingExtrinsics',
      handler: () => [...ctx.pool.readyInOrder()].map((t) => hexOf(t.raw)),
    },
    {
      name: 'author_removeExtrinsic',
      unsafe: true,
      handler: ([list]) => {
        const hashes = arrayParam(list).map((item) => {
          if (typeof item !== 'object' || item === null) throw invalidParams('expected `hash` or `extrinsic`')
          const o = item as Record<string, unknown>
          if ('hash' in o) return hexOf(hashParam(o.hash))
          if ('extrinsic' in o) {
            const raw = hexBytes(o.extrinsic)
            try {
              extrinsicBody(raw)
            } catch (e) {
              if (e instanceof ExtrinsicFormatError) throw extrinsicBadFormat(e.message)
              throw e
            }
            return hexOf(blake2_256(raw))
          }
          throw invalidParams('unknown variant, expected `hash` or `extrinsic`')
        })
        // report_invalid: removed and temporarily banned; watchers see `invalid`.
        return hashes.filter((h) => ctx.pool.remove(h, 'invalid', true))
      },
    },
    {
      name: 'author_hasKey',
      unsafe: true,
      handler: ([publicKey, type]) => {
        return ctx.keystore.has(keyType(type), hexBytes(publicKey))
      },
    },
    {
      name: 'author_insertKey',
      unsafe: true,
      handler: ([type, suri, publicKey]) => {
        const t = keyType(type)
        // The keystore files the suri under type and public key without checking that they match.
        ctx.keystore.insert(t, stringParam(suri), hexBytes(publicKey))
        return null
      },
    },
    {
      name: 'author_rotateKeys',
      unsafe: true,
      handler: () => {
        // generate_session_keys(None): a new random key per session key type, stored; SessionKeys' SCALE.
        return hexOf(concatBytes(...SESSION_KEY_TYPES.map((t) => ctx.keystore.generate(t))))
      },
    },
    {
      name: 'author_hasSessionKeys',
      unsafe: true,
      handler: ([keys]) => {
        const b = hexBytes(keys)
        if (b.length !== 32 * SESSION_KEY_TYPES.length) throw authorOther('Session keys are not encoded correctly')
        return SESSION_KEY_TYPES.every((t, i) => ctx.keystore.has(t, b.subarray(32 * i, 32 * (i + 1))))
      },
    },
  ]
}

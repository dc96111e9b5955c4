// TaggedTransactionQueue and AccountNonceApi runtime APIs.
import { concatBytes } from '../../codec/bytes.js'
import { compactBytes } from '../../codec/scale.js'
import { result, u32 } from '../../codec/types.js'
import { AccountId32, H256 } from '../../frame/primitives.js'
import {
  TransactionSourceTy, TransactionValidityError, TransactionValidityErrorTy, ValidTransactionTy,
  validityErrorValue,
} from '../validity.js'
import type { TransactionSource } from '../executive.js'
import type { ApiHost } from './host.js'
import type { RuntimeApiDecl } from './types.js'

export function taggedTransactionQueueApi(h: ApiHost): RuntimeApiDecl {
  return {
    name: 'TaggedTransactionQueue',
    version: 3,
    docs: [' The `TaggedTransactionQueue` api trait for interfering with the transaction queue.'],
    methods: [{
      name: 'validate_transaction',
      inputs: [
        { name: 'source', type: TransactionSourceTy },
        { name: 'tx', type: h.uncheckedExtrinsic },
        { name: 'block_hash', type: H256 },
      ],
      output: result(ValidTransactionTy, TransactionValidityErrorTy),
      docs: [' Validate the transaction.'],
      call: (ctx, [source, body, blockHash]) => {
        h.executive.initializeForValidation(ctx.s, ctx.blockNumber, blockHash as Uint8Array)
        try {
          const raw = concatBytes(compactBytes((body as Uint8Array).length), body as Uint8Array)
          const v = h.executive.validateTransaction(ctx.s, (source as { type: TransactionSource }).type, raw)
          return { type: 'Ok', value: v }
        } catch (e) {
          if (e instanceof TransactionValidityError) return { type: 'Err', value: validityErrorValue(e.error) }
          throw e
        }
      },
    }],
  }
}

export function accountNonceApi(h: ApiHost): RuntimeApiDecl {
  return {
    name: 'AccountNonceApi',
    version: 1,
    docs: [' The API to query account nonce.'],
    methods: [{
      name: 'account_nonce',
      inputs: [{ name: 'account', type: AccountId32 }],
      output: u32,
      docs: [' Get current account nonce of given `AccountId`.'],
      call: (ctx, [who]) => h.accountNonce(ctx.s, who as Uint8Array),
    }],
  }
}

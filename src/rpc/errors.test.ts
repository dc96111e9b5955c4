import { describe, expect, it } from 'vitest'
import * as E from './errors.js'

// Expected texts are the ones quoted in shared/spec/clients.md §1.9 and in sc-rpc-api's error.rs files.
describe('Substrate error objects', () => {
  it('author errors', () => {
    expect(E.invalidTransaction('BadProof').toJSON()).toEqual({
      code: 1010,
      message: 'Invalid Transaction',
      data: 'Transaction has a bad signature',
    })
    expect(E.invalidTransaction('Payment').data).toBe('Inability to pay some fees (e.g. account balance too low)')
    expect(E.invalidTransaction('Stale').data).toBe('Transaction is outdated')
    expect(E.invalidTransaction('Future').data).toBe('Transaction will be valid in the future')
    expect(E.invalidTransactionCustom(6).toJSON()).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Custom error: 6' })
    expect(E.extrinsicBadFormat('Not enough data to fill buffer').toJSON()).toEqual({
      code: 1001,
      message: 'Extrinsic has invalid format: Not enough data to fill buffer',
    })
    expect(E.transactionPriorityTooLow(5n, 3n).message).toBe('Priority is too low: (5 vs 3)')
    expect(E.transactionPriorityTooLow(5n, 3n).code).toBe(1014)
    expect(E.unknownTransaction('CannotLookup').toJSON()).toEqual({
      code: 1011,
      message: 'Unknown Transaction Validity',
      data: 'CannotLookup',
    })
    expect(E.transactionTemporarilyBanned().toJSON()).toEqual({ code: 1012, message: 'Transaction is temporarily banned' })
    expect(E.transactionAlreadyImported('0x00').code).toBe(1013)
    expect(E.transactionAlreadyImported('0x00').message).toBe('Transaction Already Imported')
  })

  it('state errors', () => {
    expect(E.stateInvalidCount(1001, 1000).toJSON()).toEqual({
      code: 4002,
      message: 'count exceeds maximum value. value: 1001, max: 1000',
    })
    expect(E.runtimeApiNotFound('Metadata_metadata_at_version').toJSON()).toEqual({
      code: 4003,
      message: 'Client error: Execution failed: Other: Exported method Metadata_metadata_at_version is not found',
    })
  })

  it('jsonrpsee and policy errors', () => {
    expect(E.methodNotFound().toJSON()).toEqual({ code: -32601, message: 'Method not found' })
    expect(E.unsafeRpcCall().toJSON()).toEqual({ code: -32601, message: 'RPC call is unsafe to be called externally' })
    expect(E.invalidParams('bad').toJSON()).toEqual({ code: -32602, message: 'Invalid params', data: 'bad' })
    expect(E.requestTooBig(10).toJSON()).toEqual({ code: -32007, message: 'Request is too big', data: 'Exceeded max limit of 10' })
    expect(E.chainHeadInvalidBlock().toJSON()).toEqual({ code: -32801, message: 'Invalid block hash' })
  })

  it('wraps foreign errors as internal errors', () => {
    const e = E.toRpcError(new Error('x'))
    expect(e.toJSON()).toEqual({ code: -32603, message: 'Internal error', data: 'x' })
    const own = E.invalidParams()
    expect(E.toRpcError(own)).toBe(own)
    expect(own).toBeInstanceOf(Error)
  })
})

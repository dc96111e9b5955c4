// Transaction validity errors as sp_runtime defines them, with the texts the node puts in the
// JSON-RPC `data` field (clients match on some of them).
import { composite, enumOf, f, u8, u64, vec, bool, bytes, type Ty } from '../codec/types.js'

export type InvalidKind =
  | 'Call' | 'Payment' | 'Future' | 'Stale' | 'BadProof' | 'AncientBirthBlock' | 'ExhaustsResources'
  | 'Custom' | 'BadMandatory' | 'MandatoryValidation' | 'BadSigner' | 'IndeterminateImplicit' | 'UnknownOrigin'
export type UnknownKind = 'CannotLookup' | 'NoUnsignedValidator' | 'Custom'

export type ValidityError =
  | { kind: 'Invalid'; reason: InvalidKind; custom?: number }
  | { kind: 'Unknown'; reason: UnknownKind; custom?: number }

/** Thrown by validation; never escapes the executive as anything else. */
export class TransactionValidityError extends Error {
  constructor(readonly error: ValidityError) { super(validityMessage(error)) }
}

export const invalid = (reason: InvalidKind, custom?: number): TransactionValidityError =>
  new TransactionValidityError({ kind: 'Invalid', reason, custom })
export const unknown = (reason: UnknownKind, custom?: number): TransactionValidityError =>
  new TransactionValidityError({ kind: 'Unknown', reason, custom })

const invalidText: Record<InvalidKind, string> = {
  Call: 'Transaction call is not expected',
  Payment: 'Inability to pay some fees (e.g. account balance too low)',
  Future: 'Transaction will be valid in the future',
  Stale: 'Transaction is outdated',
  BadProof: 'Transaction has a bad signature',
  AncientBirthBlock: 'Transaction has an ancient birth block',
  ExhaustsResources: 'Transaction would exhaust the block limits',
  Custom: 'Custom error',
  BadMandatory: 'A call was labelled as mandatory, but resulted in an Error.',
  MandatoryValidation: 'Transaction dispatch is mandatory; transactions must not be validated.',
  BadSigner: 'Invalid signing address',
  IndeterminateImplicit: 'The implicit data was unable to be calculated',
  UnknownOrigin: 'The transaction extension did not authorize any origin',
}
const unknownText: Record<UnknownKind, string> = {
  CannotLookup: 'Could not lookup information required to validate the transaction',
  NoUnsignedValidator: 'Could not find an unsigned validator for the unsigned transaction',
  Custom: 'Unknown custom error',
}

export function validityMessage(e: ValidityError): string {
  if (e.reason === 'Custom') return `Custom error: ${e.custom ?? 0}`
  return e.kind === 'Invalid' ? invalidText[e.reason as InvalidKind] : unknownText[e.reason as UnknownKind]
}

// SCALE shapes of the TaggedTransactionQueue / BlockBuilder results.
export const InvalidTransactionTy: Ty = enumOf('sp_runtime::transaction_validity::InvalidTransaction', [
  'Call', 'Payment', 'Future', 'Stale', 'BadProof', 'AncientBirthBlock', 'ExhaustsResources',
  ['Custom', [{ type: u8, typeName: 'u8' }]], 'BadMandatory', 'MandatoryValidation', 'BadSigner',
  'IndeterminateImplicit', 'UnknownOrigin',
])
export const UnknownTransactionTy: Ty = enumOf('sp_runtime::transaction_validity::UnknownTransaction', [
  'CannotLookup', 'NoUnsignedValidator', ['Custom', [{ type: u8, typeName: 'u8' }]],
])
export const TransactionValidityErrorTy: Ty = enumOf('sp_runtime::transaction_validity::TransactionValidityError', [
  ['Invalid', [{ type: InvalidTransactionTy, typeName: 'InvalidTransaction' }]],
  ['Unknown', [{ type: UnknownTransactionTy, typeName: 'UnknownTransaction' }]],
])
export const TransactionSourceTy: Ty = enumOf('sp_runtime::transaction_validity::TransactionSource', ['InBlock', 'Local', 'External'])
export const ValidTransactionTy: Ty = composite('sp_runtime::transaction_validity::ValidTransaction', [
  f('priority', u64, 'TransactionPriority'),
  f('requires', vec(bytes), 'Vec<TransactionTag>'),
  f('provides', vec(bytes), 'Vec<TransactionTag>'),
  f('longevity', u64, 'TransactionLongevity'),
  f('propagate', bool, 'bool'),
])

export function validityErrorValue(e: ValidityError): { type: string; value: { type: string; value?: number } } {
  const inner = e.reason === 'Custom' ? { type: 'Custom', value: e.custom ?? 0 } : { type: e.reason }
  return { type: e.kind, value: inner }
}

export function validityErrorFromValue(v: { type: string; value: { type: string; value?: number } }): ValidityError {
  return v.type === 'Invalid'
    ? { kind: 'Invalid', reason: v.value.type as InvalidKind, custom: v.value.value }
    : { kind: 'Unknown', reason: v.value.type as UnknownKind, custom: v.value.value }
}

export interface ValidTransaction {
  priority: bigint
  requires: Uint8Array[]
  provides: Uint8Array[]
  longevity: bigint
  propagate: boolean
}

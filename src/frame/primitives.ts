// Types shared by every pallet, declared with the real Rust paths so that clients map them to
// their own classes (AccountId32, MultiAddress, DispatchError, ...). Shapes follow the
// polkadot-sdk release subtensor builds on (stable2506).
import {
  array, bytes, compact, composite, enumOf, f, unit, u8, u8a32, u32, u64, u128, variant, vec,
} from '../codec/types.js'

export const AccountId32 = composite('sp_core::crypto::AccountId32', [{ type: u8a32, typeName: '[u8; 32]' }])
export const H256 = composite('primitive_types::H256', [{ type: u8a32, typeName: '[u8; 32]' }])
export const Balance = u64
export const BlockNumber = u32
export const Nonce = u32

export const Weight = composite('sp_weights::weight_v2::Weight', [
  f('ref_time', compact(u64), 'u64'),
  f('proof_size', compact(u64), 'u64'),
])
export interface WeightValue { ref_time: bigint; proof_size: bigint }
export const weight = (refTime: bigint | number, proofSize: bigint | number = 0n): WeightValue =>
  ({ ref_time: BigInt(refTime), proof_size: BigInt(proofSize) })
export const addWeight = (a: WeightValue, b: WeightValue): WeightValue =>
  ({ ref_time: a.ref_time + b.ref_time, proof_size: a.proof_size + b.proof_size })
export const ZERO_WEIGHT: WeightValue = { ref_time: 0n, proof_size: 0n }

export const DispatchClass = enumOf('frame_support::dispatch::DispatchClass', ['Normal', 'Operational', 'Mandatory'])
export const Pays = enumOf('frame_support::dispatch::Pays', ['Yes', 'No'])
export type DispatchClassName = 'Normal' | 'Operational' | 'Mandatory'
export type PaysName = 'Yes' | 'No'

export const DispatchEventInfo = composite('frame_system::DispatchEventInfo', [
  f('weight', Weight, 'Weight'),
  f('class', DispatchClass, 'DispatchClass'),
  f('pays_fee', Pays, 'Pays'),
])

export const ModuleError = composite('sp_runtime::ModuleError', [
  f('index', u8, 'u8'),
  f('error', array(4, u8), '[u8; MAX_MODULE_ERROR_ENCODED_SIZE]'),
])
export const TokenError = enumOf('sp_runtime::TokenError', [
  'FundsUnavailable', 'OnlyProvider', 'BelowMinimum', 'CannotCreate', 'UnknownAsset', 'Frozen',
  'Unsupported', 'CannotCreateHold', 'NotExpendable', 'Blocked',
])
export const ArithmeticError = enumOf('sp_arithmetic::ArithmeticError', ['Underflow', 'Overflow', 'DivisionByZero'])
export const TransactionalError = enumOf('sp_runtime::TransactionalError', ['LimitReached', 'NoLayer'])
export const TrieError = enumOf('sp_runtime::proving_trie::TrieError', [
  'InvalidStateRoot', 'IncompleteDatabase', 'ValueAtIncompleteKey', 'DecoderError', 'InvalidHash',
  'DuplicateKey', 'ExtraneousNode', 'ExtraneousValue', 'ExtraneousHashReference',
  'InvalidChildReference', 'ValueMismatch', 'IncompleteProof', 'RootMismatch', 'DecodeError',
])
export const DispatchError = enumOf('sp_runtime::DispatchError', [
  'Other', 'CannotLookup', 'BadOrigin',
  ['Module', [{ type: ModuleError, typeName: 'ModuleError' }]],
  'ConsumerRemaining', 'NoProviders', 'TooManyConsumers',
  ['Token', [{ type: TokenError, typeName: 'TokenError' }]],
  ['Arithmetic', [{ type: ArithmeticError, typeName: 'ArithmeticError' }]],
  ['Transactional', [{ type: TransactionalError, typeName: 'TransactionalError' }]],
  'Exhausted', 'Corruption', 'Unavailable', 'RootNotAllowed',
  ['Trie', [{ type: TrieError, typeName: 'TrieError' }]],
])

/** A DispatchError value as the SCALE codec represents it. */
export type DispatchErrorValue =
  | { type: 'Module'; value: { index: number; error: Uint8Array } }
  | { type: 'Token' | 'Arithmetic' | 'Transactional' | 'Trie'; value: { type: string } }
  | { type: 'Other' | 'CannotLookup' | 'BadOrigin' | 'ConsumerRemaining' | 'NoProviders' | 'TooManyConsumers' | 'Exhausted' | 'Corruption' | 'Unavailable' | 'RootNotAllowed' }

/** Thrown by call handlers; the executive turns it into ExtrinsicFailed and rolls the call back. */
export class DispatchFailure extends Error {
  /** Post-dispatch info of a failed call (DispatchErrorWithPostInfo), e.g. the weight actually used. */
  post?: { actualWeight?: WeightValue; paysFee?: PaysName }
  constructor(readonly error: DispatchErrorValue, message?: string) {
    super(message ?? dispatchErrorText(error))
  }
}

export function dispatchErrorText(e: DispatchErrorValue): string {
  if (e.type === 'Module') return `Module(${e.value.index}, ${e.value.error[0]})`
  if ('value' in e) return `${e.type}(${e.value.type})`
  return e.type
}

export const badOrigin = (): DispatchFailure => new DispatchFailure({ type: 'BadOrigin' })
export const tokenError = (t: string): DispatchFailure => new DispatchFailure({ type: 'Token', value: { type: t } })
export const arithmeticError = (t: 'Underflow' | 'Overflow' | 'DivisionByZero'): DispatchFailure =>
  new DispatchFailure({ type: 'Arithmetic', value: { type: t } })

export const Phase = variant('frame_system::Phase', [
  { name: 'ApplyExtrinsic', index: 0, fields: [{ type: u32, typeName: 'u32' }] },
  { name: 'Finalization', index: 1, fields: [] },
  { name: 'Initialization', index: 2, fields: [] },
])
export type PhaseValue = { type: 'ApplyExtrinsic'; value: number } | { type: 'Finalization' } | { type: 'Initialization' }

export const ConsensusEngineId = array(4, u8)
export const DigestItem = variant('sp_runtime::generic::digest::DigestItem', [
  { name: 'PreRuntime', index: 6, fields: [{ type: ConsensusEngineId, typeName: 'ConsensusEngineId' }, { type: bytes, typeName: 'Vec<u8>' }] },
  { name: 'Consensus', index: 4, fields: [{ type: ConsensusEngineId, typeName: 'ConsensusEngineId' }, { type: bytes, typeName: 'Vec<u8>' }] },
  { name: 'Seal', index: 5, fields: [{ type: ConsensusEngineId, typeName: 'ConsensusEngineId' }, { type: bytes, typeName: 'Vec<u8>' }] },
  { name: 'Other', index: 0, fields: [{ type: bytes, typeName: 'Vec<u8>' }] },
  { name: 'RuntimeEnvironmentUpdated', index: 8, fields: [] },
])
export const Digest = composite('sp_runtime::generic::digest::Digest', [f('logs', vec(DigestItem), 'Vec<DigestItem>')])
export type DigestItemValue =
  | { type: 'PreRuntime' | 'Consensus' | 'Seal'; value: [Uint8Array, Uint8Array] }
  | { type: 'Other'; value: Uint8Array }
  | { type: 'RuntimeEnvironmentUpdated' }

export const Header = composite('sp_runtime::generic::header::Header', [
  f('parent_hash', H256, 'Hash::Output'),
  f('number', compact(u32), 'Number'),
  f('state_root', H256, 'Hash::Output'),
  f('extrinsics_root', H256, 'Hash::Output'),
  f('digest', Digest, 'Digest'),
], { params: [{ name: 'Number', type: u32 }, { name: 'Hash' }] })
export interface HeaderValue {
  parent_hash: Uint8Array
  number: number
  state_root: Uint8Array
  extrinsics_root: Uint8Array
  digest: { logs: DigestItemValue[] }
}

export const MultiAddress = variant('sp_runtime::multiaddress::MultiAddress', [
  { name: 'Id', index: 0, fields: [{ type: AccountId32, typeName: 'AccountId' }] },
  { name: 'Index', index: 1, fields: [{ type: compact(unit), typeName: 'AccountIndex' }] },
  { name: 'Raw', index: 2, fields: [{ type: bytes, typeName: 'Vec<u8>' }] },
  { name: 'Address32', index: 3, fields: [{ type: u8a32, typeName: '[u8; 32]' }] },
  { name: 'Address20', index: 4, fields: [{ type: array(20, u8), typeName: '[u8; 20]' }] },
], { params: [{ name: 'AccountId', type: AccountId32 }, { name: 'AccountIndex', type: unit }] })

export const MultiSignature = variant('sp_runtime::MultiSignature', [
  { name: 'Ed25519', index: 0, fields: [{ type: array(64, u8), typeName: 'ed25519::Signature' }] },
  { name: 'Sr25519', index: 1, fields: [{ type: array(64, u8), typeName: 'sr25519::Signature' }] },
  { name: 'Ecdsa', index: 2, fields: [{ type: array(65, u8), typeName: 'ecdsa::Signature' }] },
])

export const ExtraFlags = composite('pallet_balances::types::ExtraFlags', [{ type: u128, typeName: 'u128' }])

export type Origin = { kind: 'Signed'; who: Uint8Array } | { kind: 'Root' } | { kind: 'None' }

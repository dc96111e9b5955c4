// frame_system (index 0) declaration: storage, events, errors and constants, in the order of
// frame-system 41 (polkadot-sdk stable2506). Calls are in calls.ts, block logic in block.ts.
import { cryptoReady } from '../../codec/hashing.js'
import { bool, bytes, f, u16, u32, vec } from '../../codec/types.js'
import { Pallet } from '../../frame/declare/pallet.js'
import { EventRecord } from '../../frame/outer.js'
import {
  AccountId32, Digest, DispatchError, DispatchEventInfo, H256, Phase, Weight,
  type DigestItemValue, type DispatchErrorValue, type PhaseValue, type WeightValue,
} from '../../frame/primitives.js'
import { RuntimeVersionTy, type RuntimeVersionValue } from '../../frame/version.js'
import { BLOCK_HASH_COUNT, BLOCK_LENGTH, BLOCK_WEIGHTS, DB_WEIGHT, SS58_PREFIX } from './limits.js'
import {
  AccountInfo, BlockLengthTy, BlockWeightsTy, CodeUpgradeAuthorization, ConsumedWeight, defaultAccountInfo,
  LastRuntimeUpgradeInfo, RuntimeDbWeight, TopicEntries,
  type AccountInfoValue, type LastRuntimeUpgradeValue, type PerDispatchClassValue,
} from './types.js'

// Storage declarations hash their prefixes (twox128) as they are made.
await cryptoReady()

export const system = new Pallet('System', 0, 'frame_system')

export const System = {
  Account: system.map<Uint8Array, AccountInfoValue>('Account', 'Blake2_128Concat', AccountId32, AccountInfo, {
    default: defaultAccountInfo(), docs: [' The full account information for a particular account ID.'],
  }),
  ExtrinsicCount: system.optionalValue<number>('ExtrinsicCount', u32, { docs: [' Total extrinsics count for the current block.'] }),
  InherentsApplied: system.value<boolean>('InherentsApplied', bool, { docs: [' Whether all inherents have been applied.'] }),
  BlockWeight: system.value<PerDispatchClassValue<WeightValue>>('BlockWeight', ConsumedWeight, { docs: [' The current weight for the block.'] }),
  AllExtrinsicsLen: system.optionalValue<number>('AllExtrinsicsLen', u32, {
    docs: [' Total length (in bytes) for all extrinsics put together, for the current block.'],
  }),
  BlockHash: system.map<number, Uint8Array>('BlockHash', 'Twox64Concat', u32, H256, { docs: [' Map of block numbers to block hashes.'] }),
  ExtrinsicData: system.map<number, Uint8Array>('ExtrinsicData', 'Twox64Concat', u32, bytes, {
    docs: [" Extrinsics data for the current block (maps an extrinsic's index to its data)."],
  }),
  Number: system.value<number>('Number', u32, { docs: [' The current block number being processed. Set by `execute_block`.'] }),
  ParentHash: system.value<Uint8Array>('ParentHash', H256, { docs: [' Hash of the previous block.'] }),
  Digest: system.value<{ logs: DigestItemValue[] }>('Digest', Digest, { docs: [' Digest of the current block, also part of the block header.'] }),
  Events: system.value<unknown[]>('Events', vec(EventRecord), {
    docs: [' Events deposited for the current block.', '', ' NOTE: The item is unbound and should therefore never be read on chain.'],
  }),
  EventCount: system.value<number>('EventCount', u32, { docs: [' The number of events in the `Events<T>` list.'] }),
  EventTopics: system.map<Uint8Array, [number, number][]>('EventTopics', 'Blake2_128Concat', H256, TopicEntries, {
    docs: [' Mapping between a topic (represented by T::Hash) and a vector of indexes', ' of events in the `<Events<T>>` list.'],
  }),
  LastRuntimeUpgrade: system.optionalValue<LastRuntimeUpgradeValue>('LastRuntimeUpgrade', LastRuntimeUpgradeInfo, {
    docs: [' Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened.'],
  }),
  UpgradedToU32RefCount: system.value<boolean>('UpgradedToU32RefCount', bool, {
    docs: [' True if we have upgraded so that `type RefCount` is `u32`. False (default) if not.'],
  }),
  UpgradedToTripleRefCount: system.value<boolean>('UpgradedToTripleRefCount', bool, {
    docs: [' True if we have upgraded so that AccountInfo contains three types of `RefCount`. False', ' (default) if not.'],
  }),
  ExecutionPhase: system.optionalValue<PhaseValue>('ExecutionPhase', Phase, { docs: [' The execution phase of the block.'] }),
  AuthorizedUpgrade: system.optionalValue<{ code_hash: Uint8Array; check_version: boolean }>('AuthorizedUpgrade', CodeUpgradeAuthorization, {
    docs: [' `Some` if a code upgrade has been authorized.'],
  }),
  ExtrinsicWeightReclaimed: system.value<WeightValue>('ExtrinsicWeightReclaimed', Weight, {
    docs: [' The weight reclaimed for the extrinsic.'],
  }),
}

const who = (name: string) => f(name, AccountId32, 'T::AccountId')
export interface DispatchEventInfoValue { weight: WeightValue; class: { type: string }; pays_fee: { type: string } }

export const SystemEvents = {
  ExtrinsicSuccess: system.event<{ dispatch_info: DispatchEventInfoValue }>('ExtrinsicSuccess', [
    f('dispatch_info', DispatchEventInfo, 'DispatchEventInfo'),
  ], [' An extrinsic completed successfully.']),
  ExtrinsicFailed: system.event<{ dispatch_error: DispatchErrorValue; dispatch_info: DispatchEventInfoValue }>('ExtrinsicFailed', [
    f('dispatch_error', DispatchError, 'DispatchError'), f('dispatch_info', DispatchEventInfo, 'DispatchEventInfo'),
  ], [' An extrinsic failed.']),
  CodeUpdated: system.event<null>('CodeUpdated', [], [' `:code` was updated.']),
  NewAccount: system.event<{ account: Uint8Array }>('NewAccount', [who('account')], [' A new account was created.']),
  KilledAccount: system.event<{ account: Uint8Array }>('KilledAccount', [who('account')], [' An account was reaped.']),
  Remarked: system.event<{ sender: Uint8Array; hash: Uint8Array }>('Remarked', [who('sender'), f('hash', H256, 'T::Hash')], [' On on-chain remark happened.']),
  UpgradeAuthorized: system.event<{ code_hash: Uint8Array; check_version: boolean }>('UpgradeAuthorized', [
    f('code_hash', H256, 'T::Hash'), f('check_version', bool, 'bool'),
  ], [' An upgrade was authorized.']),
  RejectedInvalidAuthorizedUpgrade: system.event<{ code_hash: Uint8Array; error: DispatchErrorValue }>('RejectedInvalidAuthorizedUpgrade', [
    f('code_hash', H256, 'T::Hash'), f('error', DispatchError, 'DispatchError'),
  ], [' An invalid authorized upgrade was rejected while trying to apply it.']),
}

export const SystemErrors = {
  InvalidSpecName: system.error('InvalidSpecName', [' The name of specification does not match between the current runtime', ' and the new runtime.']),
  SpecVersionNeedsToIncrease: system.error('SpecVersionNeedsToIncrease', [' The specification version is not allowed to decrease between the current runtime', ' and the new runtime.']),
  FailedToExtractRuntimeVersion: system.error('FailedToExtractRuntimeVersion', [' Failed to extract the runtime version from the new runtime.']),
  NonDefaultComposite: system.error('NonDefaultComposite', [' Suicide called when the account has non-default composite data.']),
  NonZeroRefCount: system.error('NonZeroRefCount', [' There is a non-zero reference count preventing the account from being purged.']),
  CallFiltered: system.error('CallFiltered', [' The origin filter prevent the call to be dispatched.']),
  MultiBlockMigrationsOngoing: system.error('MultiBlockMigrationsOngoing', [' A multi-block migration is ongoing and prevents the current code from being replaced.']),
  NothingAuthorized: system.error('NothingAuthorized', [' No upgrade authorized.']),
  Unauthorized: system.error('Unauthorized', [' The submitted code is not authorized.']),
}

// frame_system's `Config::Version`: the composed runtime supplies it (setRuntimeVersion) before
// genesis or metadata are built; until then the constant encodes an empty version.
let configured: RuntimeVersionValue | null = null
const UNSET: RuntimeVersionValue = {
  spec_name: '', impl_name: '', authoring_version: 0, spec_version: 0, impl_version: 0, apis: [], transaction_version: 0, system_version: 0,
}
/** The full RuntimeVersion as the System.Version constant currently reports it. */
export const runtimeVersionValue = (): RuntimeVersionValue => configured ?? UNSET
export function configuredVersion(): RuntimeVersionValue {
  if (!configured) throw new Error('System: the runtime version is not configured (setRuntimeVersion)')
  return configured
}

system.constant('BlockWeights', BlockWeightsTy, BLOCK_WEIGHTS, [' Block & extrinsics weights: base values and limits.'])
system.constant('BlockLength', BlockLengthTy, BLOCK_LENGTH, [' The maximum length of a block (in bytes).'])
system.constant('BlockHashCount', u32, BLOCK_HASH_COUNT, [' Maximum number of block number to block hash mappings to keep (oldest pruned first).'])
system.constant('DbWeight', RuntimeDbWeight, DB_WEIGHT, [' The weight of runtime database operations the runtime can invoke.'])
system.constant('Version', RuntimeVersionTy, runtimeVersionValue(), [" Get the chain's in-code version."])
system.constant('SS58Prefix', u16, SS58_PREFIX, [' The designated SS58 prefix of this chain.'])

export function setVersion(v: RuntimeVersionValue): void {
  configured = { ...v, apis: v.apis.map(([id, n]) => [id.slice(), n]) }
}

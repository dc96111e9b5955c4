// pallet_drand (index 26) declaration, as pallets/drand/src/lib.rs and types.rs at HEAD 14bc6f9:
// the beacon configuration (quicknet by default), the pulses by round, the stored-round window
// and the unsigned-transaction gate; its events, errors and Config constants.
import { bool, composite, f, option, u32, u64, u8, variant, vec, array } from '../../codec/types.js'
import { Pallet } from '../../frame/declare/pallet.js'
import { MultiSignature } from '../../frame/primitives.js'
import { boundedVec } from '../subtensor/types.js'
import { QUICKNET, SCHEME_ID } from './bls.js'

export const drand = new Pallet('Drand', 26, 'pallet_drand')

const BoundedHash = boundedVec(u8, 32)
export const Metadata = composite('pallet_drand::types::Metadata', [f('beacon_id', BoundedHash, 'BoundedHash')])
export const BeaconConfiguration = composite('pallet_drand::types::BeaconConfiguration', [
  f('public_key', boundedVec(u8, 96), 'OpaquePublicKey'),
  f('period', u32, 'u32'),
  f('genesis_time', u32, 'u32'),
  f('hash', BoundedHash, 'BoundedHash'),
  f('group_hash', BoundedHash, 'BoundedHash'),
  f('scheme_id', BoundedHash, 'BoundedHash'),
  f('metadata', Metadata, 'Metadata'),
])
export interface BeaconConfigurationValue {
  public_key: Uint8Array; period: number; genesis_time: number; hash: Uint8Array; group_hash: Uint8Array
  scheme_id: Uint8Array; metadata: { beacon_id: Uint8Array }
}

export const Pulse = composite('pallet_drand::types::Pulse', [
  f('round', u64, 'RoundNumber'),
  f('randomness', boundedVec(u8, 32), 'BoundedVec<u8, ConstU32<32>>'),
  f('signature', boundedVec(u8, 144), 'BoundedVec<u8, ConstU32<144>>'),
])
export interface PulseValue { round: bigint; randomness: Uint8Array; signature: Uint8Array }

/** The runtime's SigningTypes::Public: `<MultiSignature as Verify>::Signer`. */
export const MultiSigner = variant('sp_runtime::MultiSigner', [
  { name: 'Ed25519', index: 0, fields: [{ type: array(32, u8), typeName: 'ed25519::Public' }] },
  { name: 'Sr25519', index: 1, fields: [{ type: array(32, u8), typeName: 'sr25519::Public' }] },
  { name: 'Ecdsa', index: 2, fields: [{ type: array(33, u8), typeName: 'ecdsa::Public' }] },
])
export type MultiSignerValue = { type: 'Ed25519' | 'Sr25519' | 'Ecdsa'; value: Uint8Array }

export const PulsesPayload = composite('pallet_drand::types::PulsesPayload', [
  f('block_number', u32, 'BlockNumber'),
  f('pulses', vec(Pulse), 'Vec<Pulse>'),
  f('public', MultiSigner, 'Public'),
], { params: [{ name: 'Public', type: MultiSigner }, { name: 'BlockNumber', type: u32 }] })
export interface PulsesPayloadValue { block_number: number; pulses: PulseValue[]; public: MultiSignerValue }

export const BeaconConfigurationPayload = composite('pallet_drand::types::BeaconConfigurationPayload', [
  f('block_number', u32, 'BlockNumber'),
  f('config', BeaconConfiguration, 'BeaconConfiguration'),
  f('public', MultiSigner, 'Public'),
], { params: [{ name: 'Public', type: MultiSigner }, { name: 'BlockNumber', type: u32 }] })
export interface BeaconConfigurationPayloadValue { block_number: number; config: BeaconConfigurationValue; public: MultiSignerValue }

export const OptionalSignature = option(MultiSignature)

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** DefaultBeaconConfig: drand quicknet. */
export const QUICKNET_CONFIG: BeaconConfigurationValue = {
  public_key: QUICKNET.publicKey,
  period: QUICKNET.period,
  genesis_time: QUICKNET.genesisTime,
  hash: QUICKNET.hash,
  group_hash: QUICKNET.groupHash,
  scheme_id: utf8(SCHEME_ID),
  metadata: { beacon_id: utf8(QUICKNET.beaconId) },
}

export const DrandStorage = {
  BeaconConfig: drand.value<BeaconConfigurationValue>('BeaconConfig', BeaconConfiguration, {
    default: QUICKNET_CONFIG, docs: [' the drand beacon configuration'],
  }),
  HasMigrationRun: drand.map<Uint8Array, boolean>('HasMigrationRun', 'Identity', boundedVec(u8, 128), bool, {
    default: false, docs: [' Storage for migration run status'],
  }),
  Pulses: drand.optionalMap<bigint, PulseValue>('Pulses', 'Blake2_128Concat', u64, Pulse, { docs: [' map round number to pulse'] }),
  LastStoredRound: drand.value<bigint>('LastStoredRound', u64, { default: 0n }),
  OldestStoredRound: drand.value<bigint>('OldestStoredRound', u64, { default: 0n, docs: [' oldest stored round'] }),
  NextUnsignedAt: drand.value<number>('NextUnsignedAt', u32, {
    default: 0,
    docs: [
      ' Defines the block when next unsigned transaction will be accepted.', '',
      ' To prevent spam of unsigned (and unpaid!) transactions on the network,',
      ' we only allow one transaction per block.',
      ' This storage entry defines when new transaction is going to be accepted.',
    ],
  }),
}

export const DrandEvents = {
  BeaconConfigChanged: drand.event<null>('BeaconConfigChanged', [], [' Beacon Configuration has changed.']),
  NewPulse: drand.event<{ rounds: bigint[] }>('NewPulse', [f('rounds', vec(u64), 'Vec<RoundNumber>')], [' Successfully set a new pulse(s).']),
  SetOldestStoredRound: drand.event<[bigint]>('SetOldestStoredRound', [{ type: u64, typeName: 'u64' }], [' Oldest Stored Round has been set.']),
}

export const DrandErrors = {
  NoneValue: drand.error('NoneValue', [' The value retrieved was `None` as no value was previously set.']),
  StorageOverflow: drand.error('StorageOverflow', [' There was an attempt to increment the value in storage over `u32::MAX`.']),
  DrandConnectionFailure: drand.error('DrandConnectionFailure', [' failed to connect to the']),
  UnverifiedPulse: drand.error('UnverifiedPulse', [' the pulse is invalid']),
  InvalidRoundNumber: drand.error('InvalidRoundNumber', [' the round number did not increment']),
  PulseVerificationError: drand.error('PulseVerificationError', [' the pulse could not be verified']),
}

/** runtime/src/lib.rs: `impl pallet_drand::Config for Runtime`; lib.rs's pruning bounds. */
export const DrandConstants = { UnsignedPriority: 1n << 20n, HttpFetchTimeout: 1_000n }
export const MAX_PULSES_TO_FETCH = 50n
export const MAX_KEPT_PULSES = 216_000n
export const MAX_REMOVED_PULSES = 100n

drand.constant('UnsignedPriority', u64, DrandConstants.UnsignedPriority, [
  ' A configuration for base priority of unsigned transactions.', '',
  ' This is exposed so that it can be tuned for particular runtime, when',
  ' multiple pallets send unsigned transactions.',
])
drand.constant('HttpFetchTimeout', u64, DrandConstants.HttpFetchTimeout, [
  ' The maximum number of milliseconds we are willing to wait for the HTTP request to',
  ' complete.',
])

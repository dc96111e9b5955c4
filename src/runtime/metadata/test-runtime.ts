// A small runtime used by the metadata tests: System-, Balances- and Utility-like pallets with
// the spec-425 extension list. Importing this module composes the outer enums (once per process).
import {
  bool, bytes, composite, compact, enumOf, f, option, str, u16, u32, u64, u128, u8, u8a32, vec,
} from '../../codec/types.js'
import type { RuntimeApiDecl } from '../api/types.js'
import { Pallet, type CallCtx, type PalletDecl } from '../../frame/declare/pallet.js'
import { EventRecord, RuntimeCall, RuntimeError, RuntimeEvent, composeOuterEnums } from '../../frame/outer.js'
import {
  AccountId32, DispatchError, DispatchEventInfo, ExtraFlags, MultiAddress, MultiSignature, weight,
} from '../../frame/primitives.js'
import { extensionsSpec425, extraSpec425, RuntimeTy, SELF_CONTAINED_EXTRINSIC } from './extensions.js'
import type { RuntimeDescription } from './description.js'
import { cryptoReady } from '../../codec/hashing.js'

// Storage declarations hash their prefixes (twox128) as they are made.
await cryptoReady()

// ---- System (0)
export const AccountData = composite('pallet_balances::types::AccountData', [
  f('free', u64, 'Balance'), f('reserved', u64, 'Balance'), f('frozen', u64, 'Balance'), f('flags', ExtraFlags, 'ExtraFlags'),
], { params: [{ name: 'Balance', type: u64 }] })
export const AccountInfo = composite('frame_system::AccountInfo', [
  f('nonce', u32, 'Nonce'), f('consumers', u32, 'RefCount'), f('providers', u32, 'RefCount'),
  f('sufficients', u32, 'RefCount'), f('data', AccountData, 'AccountData'),
], { params: [{ name: 'Nonce', type: u32 }, { name: 'AccountData', type: AccountData }] })
export interface AccountInfoValue {
  nonce: number; consumers: number; providers: number; sufficients: number
  data: { free: bigint; reserved: bigint; frozen: bigint; flags: bigint }
}

const system = new Pallet('System', 0, 'frame_system', [' Docs of the system pallet.'])
export const SystemStorage = {
  account: system.map<Uint8Array, AccountInfoValue>('Account', 'Blake2_128Concat', AccountId32, AccountInfo, {
    docs: [' The full account information for a particular account ID.'],
  }),
  number: system.value<number>('Number', u32, { docs: [' The current block number being processed.'] }),
  events: system.value<unknown[]>('Events', vec(EventRecord), { docs: [' Events deposited for the current block.'] }),
  extrinsicCount: system.optionalValue<number>('ExtrinsicCount', u32),
}
system.constant('BlockHashCount', u32, 2400, [' Maximum number of block number to block hash mappings to keep.'])
system.constant('SS58Prefix', u16, 42)
system.call<{ remark: Uint8Array }>(0, 'remark', [f('remark', bytes, 'Vec<u8>')], {
  weight: () => weight(1_000), handler: () => {},
})
system.call<{ items: [Uint8Array, Uint8Array][] }>(4, 'set_storage', [f('items', vec(composite('frame_system::KeyValue', [
  f('key', bytes), f('value', bytes),
])), 'Vec<KeyValue>')], {
  weight: () => weight(1_000), handler: ({ s }, a) => { for (const [k, v] of a.items) s.set(k, v) },
})
export const SystemEvents = {
  ExtrinsicSuccess: system.event('ExtrinsicSuccess', [f('dispatch_info', DispatchEventInfo, 'DispatchEventInfo')]),
  ExtrinsicFailed: system.event('ExtrinsicFailed', [
    f('dispatch_error', DispatchError, 'DispatchError'), f('dispatch_info', DispatchEventInfo, 'DispatchEventInfo'),
  ]),
  NewAccount: system.event('NewAccount', [f('account', AccountId32, 'T::AccountId')]),
  Remarked: system.event('Remarked', [f('sender', AccountId32, 'T::AccountId'), f('hash', composite('primitive_types::H256', [{ type: u8a32 }]), 'T::Hash')]),
}
system.error('InvalidSpecName')
system.error('SpecVersionNeedsToIncrease')

// ---- Balances (5)
const balances = new Pallet('Balances', 5, 'pallet_balances')
export const Reasons = enumOf('pallet_balances::types::Reasons', ['Fee', 'Misc', 'All'])
export const BalanceLock = composite('pallet_balances::types::BalanceLock', [
  f('id', { def: { tag: 'array', len: 8, of: u8 }, path: [], params: [] }, 'LockIdentifier'),
  f('amount', u64, 'Balance'),
  f('reasons', Reasons, 'Reasons'),
])
export const BalancesStorage = {
  totalIssuance: balances.value<bigint>('TotalIssuance', u64, { default: 0n }),
  locks: balances.doubleMap<Uint8Array, number, bigint>('Locks', 'Twox64Concat', AccountId32, 'Identity', u32, u64),
  holder: balances.optionalMap<number, Uint8Array>('Holder', 'Blake2_128Concat', u32, AccountId32),
  reserves: balances.nmap<[number, Uint8Array, bigint], unknown>('Reserves', [
    ['Blake2_128Concat', u16], ['Twox64Concat', AccountId32], ['Identity', u64],
  ], BalanceLock),
  frozen: balances.nmap<[number, boolean], unknown>('Frozen', [['Twox64Concat', u32], ['Blake2_128', bool]], option(str), { optional: true }),
  accountNames: balances.map<Uint8Array, string>('AccountNames', 'Twox64Concat', AccountId32, str, { default: 'anonymous' }),
}
balances.constant('ExistentialDeposit', u64, 500n, [' The minimum amount required to keep an account open.'])
balances.constant('MaxLocks', u32, 50)
const BalancesErrors = {
  InsufficientBalance: balances.error('InsufficientBalance', [' Balance too low to send value.']),
  Expendability: balances.error('Expendability'),
}
const transferArgs = [f('dest', MultiAddress, 'AccountIdLookupOf<T>'), f('value', compact(u64), 'T::Balance')]
type TransferArgs = { dest: { type: string; value: Uint8Array }; value: bigint }
function transfer(): (ctx: CallCtx, a: TransferArgs) => void {
  return ({ origin, s }, a) => {
    if (origin.kind !== 'Signed') throw BalancesErrors.InsufficientBalance()
    const from = SystemStorage.account.get(s, origin.who)
    if (from.data.free < a.value) throw BalancesErrors.InsufficientBalance()
    from.data.free -= a.value
    SystemStorage.account.set(s, origin.who, from)
    SystemStorage.account.mutate(s, a.dest.value, (to) => ({ ...to, data: { ...to.data, free: to.data.free + a.value } }))
  }
}
balances.call<TransferArgs>(0, 'transfer_allow_death', transferArgs, { weight: () => weight(50_000), handler: transfer() })
balances.call<TransferArgs>(3, 'transfer_keep_alive', transferArgs, { weight: () => weight(40_000), handler: transfer() })
balances.call<{ who: unknown; new_free: bigint }>(8, 'force_set_balance', [
  f('who', MultiAddress, 'AccountIdLookupOf<T>'), f('new_free', compact(u64), 'T::Balance'),
], { weight: () => weight(10_000), handler: () => {} })
export const BalancesEvents = {
  Endowed: balances.event('Endowed', [f('account', AccountId32, 'T::AccountId'), f('free_balance', u64, 'T::Balance')]),
  Transfer: balances.event('Transfer', [f('from', AccountId32, 'T::AccountId'), f('to', AccountId32, 'T::AccountId'), f('amount', u64, 'T::Balance')]),
  Issued: balances.event('Issued', [f('amount', u128, 'T::Balance')]),
  Locked: balances.event('Locked', [f('who', AccountId32, 'T::AccountId'), f('amount', option(u64), 'Option<T::Balance>')]),
}

// ---- Utility (11): its Vec<RuntimeCall> argument makes RuntimeCall recursive.
const utility = new Pallet('Utility', 11, 'pallet_utility')
utility.call<{ calls: unknown[] }>(0, 'batch', [f('calls', vec(RuntimeCall), 'Vec<<T as Config>::RuntimeCall>')], {
  weight: (a) => weight(1_000 * a.calls.length), handler: () => {},
})
utility.call<{ index: number; call: unknown }>(1, 'as_derivative', [f('index', u16, 'u16'), f('call', RuntimeCall, 'Box<<T as Config>::RuntimeCall>')], {
  weight: () => weight(1_000), handler: () => {},
})
export const UtilityEvents = {
  BatchInterrupted: utility.event('BatchInterrupted', [f('index', u32, 'u32'), f('error', DispatchError, 'DispatchError')]),
  BatchCompleted: utility.event('BatchCompleted', []),
  ItemFailed: utility.event('ItemFailed', [f('error', DispatchError, 'DispatchError')]),
}
utility.error('TooManyCalls')

// ---- a pallet with storage only (no calls, events or errors)
const aura = new Pallet('Aura', 3, 'pallet_aura')
export const AuraStorage = {
  authorities: aura.value<Uint8Array[]>('Authorities', vec(u8a32)),
}

// Declared out of index order on purpose: metadata lists them by index.
export const pallets: PalletDecl[] = [utility.decl(), balances.decl(), system.decl(), aura.decl()]
composeOuterEnums(pallets)

// ---- runtime APIs
export const RuntimeVersionTy = composite('sp_version::RuntimeVersion', [
  f('spec_name', str, 'Cow<\'static, str>'), f('impl_name', str, 'Cow<\'static, str>'),
  f('authoring_version', u32, 'u32'), f('spec_version', u32, 'u32'), f('impl_version', u32, 'u32'),
  f('apis', vec({ def: { tag: 'tuple', of: [{ def: { tag: 'array', len: 8, of: u8 }, path: [], params: [] }, u32] }, path: [], params: [] }), 'ApisVec'),
  f('transaction_version', u32, 'u32'), f('system_version', u8, 'u8'),
])
export const OpaqueMetadata = composite('sp_core::OpaqueMetadata', [{ type: bytes, typeName: 'Vec<u8>' }])

export const apis: RuntimeApiDecl[] = [
  {
    name: 'Core', version: 5, docs: [' The `Core` runtime api that every Substrate runtime needs to implement.'],
    methods: [{
      name: 'version', inputs: [], output: RuntimeVersionTy, docs: [' Returns the version of the runtime.'],
      call: () => ({
        spec_name: 'node-subtensor', impl_name: 'node-subtensor', authoring_version: 1, spec_version: 425,
        impl_version: 1, apis: [], transaction_version: 1, system_version: 1,
      }),
    }],
  },
  {
    name: 'Metadata', version: 2,
    methods: [
      { name: 'metadata_at_version', inputs: [{ name: 'version', type: u32 }], output: option(OpaqueMetadata), call: () => null },
      { name: 'metadata_versions', inputs: [], output: vec(u32), call: () => [14, 15] },
    ],
  },
  {
    name: 'AccountNonceApi', version: 1,
    methods: [{
      name: 'account_nonce', inputs: [{ name: 'account', type: AccountId32 }], output: u32,
      call: (ctx, [who]) => SystemStorage.account.get(ctx.s, who as Uint8Array).nonce,
    }],
  },
  {
    name: 'GrandpaApi', version: 3, hiddenFromMetadata: true,
    methods: [{ name: 'current_set_id', inputs: [], output: u64, call: () => 0n }],
  },
]

/**
 * `flat`: the plain sp_runtime UncheckedExtrinsic with a flat Extra tuple. `subtensor`: the shape
 * subtensor's metadata has (frontier's wrapper, Extra nested as in its `TxExtension`).
 */
export function description(shape: 'flat' | 'subtensor' = 'flat'): RuntimeDescription {
  const extensions = extensionsSpec425(RuntimeTy)
  return {
    pallets,
    extrinsic: shape === 'flat'
      ? { version: 4, address: MultiAddress, call: RuntimeCall, signature: MultiSignature, extensions }
      : {
          version: 4, address: MultiAddress, call: RuntimeCall, signature: MultiSignature, extensions,
          extra: extraSpec425(RuntimeTy), wrapperPath: SELF_CONTAINED_EXTRINSIC,
        },
    apis,
    outer: { call: RuntimeCall, event: RuntimeEvent, error: RuntimeError },
    runtimeTy: RuntimeTy,
  }
}

// Types of frame_system's storage and constants, with the Rust paths of polkadot-sdk stable2506
// (frame-system 41). AccountData lives here rather than in balances because System stores it
// (`AccountStore = System`) and System must not depend on the Balances pallet.
import {
  bool, bytes, composite, compact, f, option, str, tuple, u32, u64, vec, type Ty,
} from '../../codec/types.js'
import { ExtraFlags, H256, Weight, type WeightValue } from '../../frame/primitives.js'

/** pallet_balances::types::ExtraFlags: the top bit marks accounts on the post-2023 logic. */
export const IS_NEW_LOGIC = 1n << 127n

export const AccountData = composite('pallet_balances::types::AccountData', [
  f('free', u64, 'Balance'),
  f('reserved', u64, 'Balance'),
  f('frozen', u64, 'Balance'),
  f('flags', ExtraFlags, 'ExtraFlags'),
], { params: [{ name: 'Balance', type: u64 }] })

export interface AccountDataValue { free: bigint; reserved: bigint; frozen: bigint; flags: bigint }

export const AccountInfo = composite('frame_system::AccountInfo', [
  f('nonce', u32, 'Nonce'),
  f('consumers', u32, 'RefCount'),
  f('providers', u32, 'RefCount'),
  f('sufficients', u32, 'RefCount'),
  f('data', AccountData, 'AccountData'),
], { params: [{ name: 'Nonce', type: u32 }, { name: 'AccountData', type: AccountData }] })

export interface AccountInfoValue {
  nonce: number
  consumers: number
  providers: number
  sufficients: number
  data: AccountDataValue
}

/** `AccountData::default()`: zero balances, new-logic flag set (the 0x…80 tail of the fallback). */
export const defaultAccountData = (): AccountDataValue => ({ free: 0n, reserved: 0n, frozen: 0n, flags: IS_NEW_LOGIC })
export const defaultAccountInfo = (): AccountInfoValue => ({ nonce: 0, consumers: 0, providers: 0, sufficients: 0, data: defaultAccountData() })

export const isDefaultAccountData = (d: AccountDataValue): boolean =>
  d.free === 0n && d.reserved === 0n && d.frozen === 0n && d.flags === IS_NEW_LOGIC

// bounded_collections wrappers: one unnamed `Vec<T>` field; the bound `S` has no type in metadata.
const bounded = new Map<string, WeakMap<Ty, Ty>>()
function boundedOf(path: string, of: Ty): Ty {
  let m = bounded.get(path)
  if (!m) { m = new WeakMap(); bounded.set(path, m) }
  let t = m.get(of)
  if (!t) {
    t = composite(path, [{ type: vec(of), typeName: 'Vec<T>' }], { params: [{ name: 'T', type: of }, { name: 'S' }] })
    m.set(of, t)
  }
  return t
}
export const boundedVec = (of: Ty): Ty => boundedOf('bounded_collections::bounded_vec::BoundedVec', of)
export const weakBoundedVec = (of: Ty): Ty => boundedOf('bounded_collections::weak_bounded_vec::WeakBoundedVec', of)

const perClass = new WeakMap<Ty, Ty>()
export function perDispatchClass(of: Ty): Ty {
  let t = perClass.get(of)
  if (!t) {
    t = composite('frame_support::dispatch::PerDispatchClass', [
      f('normal', of, 'T'), f('operational', of, 'T'), f('mandatory', of, 'T'),
    ], { params: [{ name: 'T', type: of }] })
    perClass.set(of, t)
  }
  return t
}
export interface PerDispatchClassValue<T> { normal: T; operational: T; mandatory: T }

/** frame_system::ConsumedWeight = PerDispatchClass<Weight>. */
export const ConsumedWeight = perDispatchClass(Weight)

export const WeightsPerClass = composite('frame_system::limits::WeightsPerClass', [
  f('base_extrinsic', Weight, 'Weight'),
  f('max_extrinsic', option(Weight), 'Option<Weight>'),
  f('max_total', option(Weight), 'Option<Weight>'),
  f('reserved', option(Weight), 'Option<Weight>'),
])
export interface WeightsPerClassValue {
  base_extrinsic: WeightValue
  max_extrinsic: WeightValue | null
  max_total: WeightValue | null
  reserved: WeightValue | null
}

export const BlockWeightsTy = composite('frame_system::limits::BlockWeights', [
  f('base_block', Weight, 'Weight'),
  f('max_block', Weight, 'Weight'),
  f('per_class', perDispatchClass(WeightsPerClass), 'PerDispatchClass<WeightsPerClass>'),
])
export interface BlockWeightsValue {
  base_block: WeightValue
  max_block: WeightValue
  per_class: PerDispatchClassValue<WeightsPerClassValue>
}

export const BlockLengthTy = composite('frame_system::limits::BlockLength', [
  f('max', perDispatchClass(u32), 'PerDispatchClass<u32>'),
])

export const RuntimeDbWeight = composite('sp_weights::RuntimeDbWeight', [
  f('read', u64, 'u64'),
  f('write', u64, 'u64'),
])

/** alloc::borrow::Cow<'static, str> appears in metadata as a one-field `Cow` composite. */
export const CowStr = composite('Cow', [{ type: str }], { params: [{ name: 'T', type: str }] })

export const LastRuntimeUpgradeInfo = composite('frame_system::LastRuntimeUpgradeInfo', [
  f('spec_version', compact(u32), 'codec::Compact<u32>'),
  f('spec_name', CowStr, "Cow<'static, str>"),
])
export interface LastRuntimeUpgradeValue { spec_version: number; spec_name: string }

export const CodeUpgradeAuthorization = composite('frame_system::CodeUpgradeAuthorization', [
  f('code_hash', H256, 'T::Hash'),
  f('check_version', bool, 'bool'),
], { params: [{ name: 'T' }] })

/** frame_system::KeyValue = (Vec<u8>, Vec<u8>). */
export const KeyValue = tuple(bytes, bytes)

/** EventTopics value: (BlockNumber, EventIndex) pairs. */
export const TopicEntries = vec(tuple(u32, u32))

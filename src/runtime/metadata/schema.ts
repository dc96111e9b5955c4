// The metadata format itself (frame-metadata V14/V15 and scale-info's portable registry), written
// in our own type language so that the ordinary SCALE codec encodes it. Only SCALE layout matters
// here: field order and variant indices. Variant names are chosen to equal the tags the builder
// already has (types.ts `TyDef.tag`, primitive names, hasher names), so no translation table is
// needed. These types never appear inside a runtime's metadata.
import {
  bytes, compact, composite, enumOf, f, option, str, tuple, u8, u32, variant, vec, type Ty,
} from '../../codec/types.js'

const id = compact(u32)
const text = str
const docs = vec(text)

const Field = composite('meta::Field', [
  f('name', option(text)), f('type', id), f('typeName', option(text)), f('docs', docs),
])
const Variant = composite('meta::Variant', [
  f('name', text), f('fields', vec(Field)), f('index', u8), f('docs', docs),
])

// Index order is scale-info's `TypeDefPrimitive`.
const Primitive = enumOf('meta::Primitive', [
  'bool', 'char', 'str', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'i8', 'i16', 'i32', 'i64', 'i128', 'i256',
])

// Index order is scale-info's `TypeDef`.
const TypeDef = variant('meta::TypeDef', [
  { name: 'composite', index: 0, fields: [f('fields', vec(Field))] },
  { name: 'variant', index: 1, fields: [f('variants', vec(Variant))] },
  { name: 'sequence', index: 2, fields: [f('type', id)] },
  { name: 'array', index: 3, fields: [f('len', u32), f('type', id)] },
  { name: 'tuple', index: 4, fields: [{ type: vec(id) }] },
  { name: 'primitive', index: 5, fields: [{ type: Primitive }] },
  { name: 'compact', index: 6, fields: [f('type', id)] },
  { name: 'bitSequence', index: 7, fields: [f('bitStoreType', id), f('bitOrderType', id)] },
])

const TypeParam = composite('meta::TypeParameter', [f('name', text), f('type', option(id))])
const Type = composite('meta::Type', [
  f('path', vec(text)), f('params', vec(TypeParam)), f('def', TypeDef), f('docs', docs),
])
export const PortableType = composite('meta::PortableType', [f('id', id), f('type', Type)])
const PortableRegistry = composite('meta::PortableRegistry', [f('types', vec(PortableType))])

// Index order is frame-metadata's `StorageHasher`.
const Hasher = enumOf('meta::StorageHasher', [
  'Blake2_128', 'Blake2_256', 'Blake2_128Concat', 'Twox128', 'Twox256', 'Twox64Concat', 'Identity',
])
const StorageEntryType = variant('meta::StorageEntryType', [
  { name: 'plain', index: 0, fields: [{ type: id }] },
  { name: 'map', index: 1, fields: [f('hashers', vec(Hasher)), f('key', id), f('value', id)] },
])
const StorageEntry = composite('meta::StorageEntry', [
  f('name', text),
  f('modifier', enumOf('meta::StorageEntryModifier', ['Optional', 'Default'])),
  f('type', StorageEntryType),
  f('fallback', bytes),
  f('docs', docs),
])
const PalletStorage = composite('meta::PalletStorage', [f('prefix', text), f('items', vec(StorageEntry))])
const TypeRef = composite('meta::TypeRef', [f('type', id)])
const PalletConstant = composite('meta::PalletConstant', [
  f('name', text), f('type', id), f('value', bytes), f('docs', docs),
])

const palletFields = [
  f('name', text),
  f('storage', option(PalletStorage)),
  f('calls', option(TypeRef)),
  f('events', option(TypeRef)),
  f('constants', vec(PalletConstant)),
  f('errors', option(TypeRef)),
  f('index', u8),
]
const PalletV14 = composite('meta::PalletV14', palletFields)
const PalletV15 = composite('meta::PalletV15', [...palletFields, f('docs', docs)])

const SignedExtension = composite('meta::SignedExtension', [
  f('identifier', text), f('type', id), f('additionalSigned', id),
])

const ExtrinsicV14 = composite('meta::ExtrinsicV14', [
  f('type', id), f('version', u8), f('signedExtensions', vec(SignedExtension)),
])
const ExtrinsicV15 = composite('meta::ExtrinsicV15', [
  f('version', u8), f('addressType', id), f('callType', id), f('signatureType', id), f('extraType', id),
  f('signedExtensions', vec(SignedExtension)),
])

const RuntimeApiMethod = composite('meta::RuntimeApiMethod', [
  f('name', text),
  f('inputs', vec(composite('meta::RuntimeApiParam', [f('name', text), f('type', id)]))),
  f('output', id),
  f('docs', docs),
])
const RuntimeApi = composite('meta::RuntimeApi', [f('name', text), f('methods', vec(RuntimeApiMethod)), f('docs', docs)])
const OuterEnums = composite('meta::OuterEnums', [f('callType', id), f('eventType', id), f('errorType', id)])
// BTreeMap<String, CustomValueMetadata> encodes as a sorted Vec of pairs.
const Custom = composite('meta::Custom', [
  f('map', vec(tuple(text, composite('meta::CustomValue', [f('type', id), f('value', bytes)])))),
])

export const MetadataV14: Ty = composite('meta::MetadataV14', [
  f('lookup', PortableRegistry), f('pallets', vec(PalletV14)), f('extrinsic', ExtrinsicV14), f('type', id),
])
export const MetadataV15: Ty = composite('meta::MetadataV15', [
  f('lookup', PortableRegistry), f('pallets', vec(PalletV15)), f('extrinsic', ExtrinsicV15), f('type', id),
  f('apis', vec(RuntimeApi)), f('outerEnums', OuterEnums), f('custom', Custom),
])

// JS shapes of the values above, in the codec's conventions (Option → T | null, enum → {type, value}).
export interface FieldV { name: string | null; type: number; typeName: string | null; docs: string[] }
export interface VariantV { name: string; fields: FieldV[]; index: number; docs: string[] }
export type TypeDefV =
  | { type: 'composite'; value: { fields: FieldV[] } }
  | { type: 'variant'; value: { variants: VariantV[] } }
  | { type: 'sequence'; value: { type: number } }
  | { type: 'array'; value: { len: number; type: number } }
  | { type: 'tuple'; value: number[] }
  | { type: 'primitive'; value: { type: string } }
  | { type: 'compact'; value: { type: number } }
  | { type: 'bitSequence'; value: { bitStoreType: number; bitOrderType: number } }
export interface PortableTypeV {
  id: number
  type: { path: string[]; params: { name: string; type: number | null }[]; def: TypeDefV; docs: string[] }
}
export interface StorageEntryV {
  name: string
  modifier: { type: 'Optional' | 'Default' }
  type: { type: 'plain'; value: number } | { type: 'map'; value: { hashers: { type: string }[]; key: number; value: number } }
  fallback: Uint8Array
  docs: string[]
}
export interface PalletV14V {
  name: string
  storage: { prefix: string; items: StorageEntryV[] } | null
  calls: { type: number } | null
  events: { type: number } | null
  constants: { name: string; type: number; value: Uint8Array; docs: string[] }[]
  errors: { type: number } | null
  index: number
}
export interface PalletV15V extends PalletV14V { docs: string[] }
export interface SignedExtensionV { identifier: string; type: number; additionalSigned: number }

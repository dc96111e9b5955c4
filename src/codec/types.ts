// The type language every declaration is written in. It mirrors scale-info's portable type
// definitions one to one, so the metadata builder can emit them directly and the SCALE codec
// (scale.ts) can be derived from the very same objects.

export type Primitive =
  | 'bool' | 'char' | 'str'
  | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256'
  | 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'i256'

export interface Field {
  name?: string
  type: Ty
  typeName?: string
  docs?: string[]
}

export interface Variant {
  name: string
  index: number
  fields: Field[]
  docs?: string[]
}

export type TyDef =
  | { tag: 'primitive'; prim: Primitive }
  | { tag: 'compact'; of: Ty }
  | { tag: 'sequence'; of: Ty }
  | { tag: 'array'; len: number; of: Ty }
  | { tag: 'tuple'; of: Ty[] }
  | { tag: 'composite'; fields: Field[] }
  | { tag: 'variant'; variants: Variant[] }
  | { tag: 'bitSequence'; store: Ty; order: Ty }

export interface TypeParam { name: string; type?: Ty }

/**
 * A type node. Identity matters: the metadata builder gives each distinct object one id, so a
 * type declared once and reused is emitted once. `def` is mutable only so that recursive types
 * (RuntimeCall containing Utility's Vec<RuntimeCall>) can be tied after construction.
 */
export interface Ty {
  def: TyDef
  path: string[]
  params: TypeParam[]
  docs?: string[]
}

const cache = new Map<string, Ty>()
function memo(key: string, make: () => Ty): Ty {
  let t = cache.get(key)
  if (!t) { t = make(); cache.set(key, t) }
  return t
}

export const prim = (p: Primitive): Ty => memo(`p:${p}`, () => ({ def: { tag: 'primitive', prim: p }, path: [], params: [] }))

export const bool = prim('bool')
export const str = prim('str')
export const u8 = prim('u8')
export const u16 = prim('u16')
export const u32 = prim('u32')
export const u64 = prim('u64')
export const u128 = prim('u128')
export const i32 = prim('i32')
export const i64 = prim('i64')
export const i128 = prim('i128')

const ids = new WeakMap<Ty, number>()
let nextId = 0
/** A stable per-process identity for a Ty, used to memoise composite constructors. */
export function tyId(t: Ty): number {
  let id = ids.get(t)
  if (id === undefined) { id = nextId++; ids.set(t, id) }
  return id
}

export const compact = (of: Ty): Ty => memo(`c:${tyId(of)}`, () => ({ def: { tag: 'compact', of }, path: [], params: [] }))
export const vec = (of: Ty): Ty => memo(`v:${tyId(of)}`, () => ({ def: { tag: 'sequence', of }, path: [], params: [] }))
export const array = (len: number, of: Ty): Ty => memo(`a:${len}:${tyId(of)}`, () => ({ def: { tag: 'array', len, of }, path: [], params: [] }))
export const tuple = (...of: Ty[]): Ty => memo(`t:${of.map(tyId).join(',')}`, () => ({ def: { tag: 'tuple', of }, path: [], params: [] }))
export const unit = tuple()

export const bytes = vec(u8)
export const u8a32 = array(32, u8)

export function composite(path: string, fields: Field[], opts: { params?: TypeParam[]; docs?: string[] } = {}): Ty {
  return { def: { tag: 'composite', fields }, path: path.split('::'), params: opts.params ?? [], docs: opts.docs }
}

export function variant(path: string, variants: Variant[], opts: { params?: TypeParam[]; docs?: string[] } = {}): Ty {
  return { def: { tag: 'variant', variants }, path: path.split('::'), params: opts.params ?? [], docs: opts.docs }
}

/** Shorthand for enums whose variants are listed in index order. */
export function enumOf(path: string, names: (string | [string, Field[]])[], opts: { params?: TypeParam[] } = {}): Ty {
  return variant(path, names.map((n, index) => typeof n === 'string'
    ? { name: n, index, fields: [] }
    : { name: n[0], index, fields: n[1] }), opts)
}

export function option(of: Ty): Ty {
  return memo(`o:${tyId(of)}`, () => variant('Option', [
    { name: 'None', index: 0, fields: [] },
    { name: 'Some', index: 1, fields: [{ type: of }] },
  ], { params: [{ name: 'T', type: of }] }))
}

export function result(ok: Ty, err: Ty): Ty {
  return memo(`r:${tyId(ok)}:${tyId(err)}`, () => variant('Result', [
    { name: 'Ok', index: 0, fields: [{ type: ok }] },
    { name: 'Err', index: 1, fields: [{ type: err }] },
  ], { params: [{ name: 'T', type: ok }, { name: 'E', type: err }] }))
}

export const isOption = (t: Ty): boolean => t.path.length === 1 && t.path[0] === 'Option' && t.def.tag === 'variant'

/** Field helper: `f('dest', AccountId, 'T::AccountId')`. */
export const f = (name: string, type: Ty, typeName?: string): Field => ({ name, type, typeName })

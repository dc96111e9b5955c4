// What the storage accessors need to keep a decoded value beside the stored bytes it came from
// (declare/storage-item.ts): whether a type's values are immutable JS values (then one decoding can be
// handed out again), whether a value written decodes back to itself (then the write stands in for
// the next read's decode), and a copy of a decoded value (so a kept decoding can be handed to a
// caller free to change it, for less than decoding the bytes again).
import { Some } from './scale.js'
import type { Ty } from './types.js'
import { isOption } from './types.js'

/** Whether `t` decodes to an immutable JS value (a primitive, a newtype or Option of one). */
export function decodesImmutable(t: Ty): boolean {
  for (;;) {
    const d = t.def
    if (d.tag === 'primitive' || d.tag === 'compact') return true
    if (d.tag === 'composite' && d.fields.length === 1 && !d.fields[0]!.name) { t = d.fields[0]!.type; continue }
    if (isOption(t) && d.tag === 'variant') { t = d.variants[1]!.fields[0]!.type; continue }
    return false
  }
}

type Check = (v: unknown) => boolean
const isNumber: Check = (v) => typeof v === 'number' && !Object.is(v, -0)
const isBigint: Check = (v) => typeof v === 'bigint'
const isBoolean: Check = (v) => typeof v === 'boolean'
const SMALL = new Set(['u8', 'u16', 'u32', 'i8', 'i16', 'i32'])
const BIG = new Set(['u64', 'u128', 'u256', 'i64', 'i128', 'i256'])

/**
 * For a type whose values are immutable (decodesImmutable): whether a value that encoded without
 * error is exactly what decoding that encoding gives back (a bigint for a u64, not a number that
 * reads back as one; null, not undefined, for None). null when there is no such check (strings:
 * their UTF-8 round trip is not checked; anything mutable).
 */
export function roundTrips(t: Ty): Check | null {
  const d = t.def
  switch (d.tag) {
    case 'primitive':
      if (d.prim === 'bool') return isBoolean
      if (SMALL.has(d.prim)) return isNumber
      if (BIG.has(d.prim)) return isBigint
      return null
    case 'compact': {
      let base = d.of
      while (base.def.tag === 'composite' && base.def.fields.length === 1) base = base.def.fields[0]!.type
      if (base.def.tag !== 'primitive') return null
      const p = base.def.prim
      return p === 'u8' || p === 'u16' || p === 'u32' ? isNumber : isBigint
    }
    case 'composite':
      return d.fields.length === 1 && !d.fields[0]!.name ? roundTrips(d.fields[0]!.type) : null
    case 'variant': {
      if (!isOption(t)) return null
      const inner = roundTrips(d.variants[1]!.fields[0]!.type)
      if (inner === null) return null
      return (v) => v === null || (v !== undefined && !(v instanceof Some) && inner(v))
    }
    default:
      return null
  }
}

/** A copy of a decoded value, sharing only what is immutable. */
export type Copier = (v: unknown) => unknown

const same: Copier = (v) => v
const copyBytes: Copier = (v) => (v as Uint8Array).slice()
const copyFlat: Copier = (v) => (v as unknown[]).slice()

/**
 * A copier for the decoded values of `t` (the shapes scale.ts decodes to), or null when `t` is not
 * worth keeping decoded: byte strings (a copy costs what a decode does) and outer enums not yet
 * composed.
 */
export function copierOf(t: Ty): Copier | null {
  const c = compile(t, 0)
  return c === copyBytes ? null : c
}

function compile(t: Ty, depth: number): Copier | null {
  // (Storage values are not recursive types; a deep or self-referring one is simply not kept.)
  if (depth > 16) return null
  if (decodesImmutable(t)) return same
  const d = t.def
  switch (d.tag) {
    case 'sequence':
    case 'array': {
      if (d.of.def.tag === 'primitive' && d.of.def.prim === 'u8') return copyBytes
      const inner = compile(d.of, depth + 1)
      if (inner === null) return null
      if (inner === same) return copyFlat
      return (v) => (v as unknown[]).map(inner)
    }
    case 'tuple': {
      if (d.of.length === 0) return same
      return listCopier(d.of, depth)
    }
    case 'composite': {
      const fields = d.fields
      if (fields.length === 0) return same
      if (fields.length === 1 && !fields[0]!.name) return compile(fields[0]!.type, depth + 1)
      if (!fields.every((f) => f.name)) return listCopier(fields.map((f) => f.type), depth)
      const names = fields.map((f) => f.name!)
      const cs = fields.map((f) => compile(f.type, depth + 1))
      if (cs.some((c) => c === null)) return null
      // (fields set in declaration order, as the decoder sets them: copies share its object shape)
      return (v) => {
        const o = v as Record<string, unknown>
        const out: Record<string, unknown> = {}
        for (let i = 0; i < names.length; i++) out[names[i]!] = cs[i]!(o[names[i]!])
        return out
      }
    }
    case 'variant': {
      if (isOption(t)) {
        const inner = compile(d.variants[1]!.fields[0]!.type, depth + 1)
        return inner === null ? null : (v) => (v === null ? null : inner(v))
      }
      if (d.variants.length === 0) return null
      const byName = new Map<string, Copier>()
      for (const variant of d.variants) {
        const fields = variant.fields
        const c = fields.length === 0 ? same : compile({ def: { tag: 'composite', fields }, path: [], params: [] }, depth + 1)
        if (c === null) return null
        byName.set(variant.name, c)
      }
      return (v) => {
        const e = v as { type: string; value?: unknown }
        return 'value' in e ? { type: e.type, value: byName.get(e.type)!(e.value) } : { type: e.type }
      }
    }
    default:
      return null
  }
}

function listCopier(types: Ty[], depth: number): Copier | null {
  const cs = types.map((x) => compile(x, depth + 1))
  if (cs.some((c) => c === null)) return null
  return (v) => (v as unknown[]).map((x, i) => cs[i]!(x))
}
